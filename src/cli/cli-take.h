/* SPDX-License-Identifier: ISC */
/* The `take` commands: registering and reviewing takes. */
#ifndef TB_CLI_CLI_TAKE_H
#define TB_CLI_CLI_TAKE_H

struct cli;

int	 cli_take_add(struct cli *, int, char **);
int	 cli_take_list(struct cli *, int, char **);
int	 cli_take_show(struct cli *, int, char **);
int	 cli_take_keep(struct cli *, int, char **);
int	 cli_take_maybe(struct cli *, int, char **);
int	 cli_take_reject(struct cli *, int, char **);
int	 cli_take_unreview(struct cli *, int, char **);
int	 cli_take_rate(struct cli *, int, char **);
int	 cli_take_note(struct cli *, int, char **);
int	 cli_take_rm(struct cli *, int, char **);

#endif
