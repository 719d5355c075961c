/* SPDX-License-Identifier: ISC */
/* The `report` command: the producer's report in several formats. */
#ifndef TB_CLI_CLI_REPORT_H
#define TB_CLI_CLI_REPORT_H

struct cli;

int	 cli_report(struct cli *, int, char **);

#endif
