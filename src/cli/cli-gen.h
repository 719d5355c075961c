/* SPDX-License-Identifier: ISC */
/*
 * The generation commands: gen, sync, jobs, cancel, retry and budget.
 */
#ifndef TB_CLI_CLI_GEN_H
#define TB_CLI_CLI_GEN_H

struct cli;

int	 cli_gen(struct cli *, int, char **);
int	 cli_sync(struct cli *, int, char **);
int	 cli_jobs(struct cli *, int, char **);
int	 cli_cancel(struct cli *, int, char **);
int	 cli_retry(struct cli *, int, char **);
int	 cli_budget(struct cli *, int, char **);

#endif
