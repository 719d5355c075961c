/* SPDX-License-Identifier: ISC */
/* The `shot` commands. */
#ifndef TB_CLI_CLI_SHOT_H
#define TB_CLI_CLI_SHOT_H

struct cli;

int	 cli_shot_add(struct cli *, int, char **);
int	 cli_shot_list(struct cli *, int, char **);
int	 cli_shot_show(struct cli *, int, char **);
int	 cli_shot_edit(struct cli *, int, char **);
int	 cli_shot_move(struct cli *, int, char **);
int	 cli_shot_status(struct cli *, int, char **);
int	 cli_shot_rm(struct cli *, int, char **);

#endif
