/* SPDX-License-Identifier: ISC */
/* `backup` and `check`: keeping a production safe and sound. */
#ifndef TB_CLI_CLI_MAINT_H
#define TB_CLI_CLI_MAINT_H

struct cli;

int	 cli_backup(struct cli *, int, char **);
int	 cli_check(struct cli *, int, char **);

#endif
