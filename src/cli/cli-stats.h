/* SPDX-License-Identifier: ISC */
/* The `stats` command: keep ratios, usage and cost. */
#ifndef TB_CLI_CLI_STATS_H
#define TB_CLI_CLI_STATS_H

struct cli;

int	 cli_stats(struct cli *, int, char **);

#endif
