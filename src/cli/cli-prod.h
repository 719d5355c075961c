/* SPDX-License-Identifier: ISC */
/* Production-wide commands: `init`, `production` and `log`. */
#ifndef TB_CLI_CLI_PROD_H
#define TB_CLI_CLI_PROD_H

struct cli;

int	 cli_init(struct cli *, int, char **);
int	 cli_production(struct cli *, int, char **);
int	 cli_log(struct cli *, int, char **);

#endif
