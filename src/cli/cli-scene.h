/* SPDX-License-Identifier: ISC */
/* The `scene` commands. */
#ifndef TB_CLI_CLI_SCENE_H
#define TB_CLI_CLI_SCENE_H

struct cli;

int	 cli_scene_add(struct cli *, int, char **);
int	 cli_scene_list(struct cli *, int, char **);
int	 cli_scene_show(struct cli *, int, char **);
int	 cli_scene_edit(struct cli *, int, char **);
int	 cli_scene_move(struct cli *, int, char **);
int	 cli_scene_rm(struct cli *, int, char **);

#endif
