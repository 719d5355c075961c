/* SPDX-License-Identifier: ISC */
/*
 * Option parsing for commands, over getopt_long: options may come
 * before or after the arguments, "--" ends them, and an unknown option
 * or a missing value is reported as a usage error naming it.
 */
#ifndef TB_CLI_CLI_OPT_H
#define TB_CLI_CLI_OPT_H

#include <getopt.h>

#define CLI_OPT_END	(-1)
#define CLI_OPT_ERROR	(-2)

struct cli;

void	 cli_opt_start(void);
int	 cli_opt_next(struct cli *, int, char **, const struct option *,
	     const char **);
int	 cli_opt_rest(int, char **, char ***);

#endif
