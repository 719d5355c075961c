/* SPDX-License-Identifier: ISC */
/* The `demo` command: a reproducible sample production. */
#ifndef TB_CLI_CLI_DEMO_H
#define TB_CLI_CLI_DEMO_H

struct cli;

int	 cli_demo(struct cli *, int, char **);

#endif
