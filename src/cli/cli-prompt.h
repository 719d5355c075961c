/* SPDX-License-Identifier: ISC */
/* The `prompt` commands: prompt variants of a shot. */
#ifndef TB_CLI_CLI_PROMPT_H
#define TB_CLI_CLI_PROMPT_H

struct cli;

int	 cli_prompt_add(struct cli *, int, char **);
int	 cli_prompt_list(struct cli *, int, char **);
int	 cli_prompt_show(struct cli *, int, char **);
int	 cli_prompt_diff(struct cli *, int, char **);
int	 cli_prompt_rm(struct cli *, int, char **);

#endif
