/* SPDX-License-Identifier: ISC */
/*
 * Every change the interface makes: adding, editing, moving and
 * deleting scenes, shots and variants, statuses and verdicts. Each runs
 * in one transaction through the db/ functions the command line uses,
 * so the rules (valid values, what a delete takes with it) are the same.
 * Functions return 0 when something changed, -1 otherwise (an error or a
 * cancelled prompt has been shown).
 */
#ifndef TB_TUI_TUI_EDIT_H
#define TB_TUI_TUI_EDIT_H

#include <stddef.h>

#include "model/board.h"

struct tui;

int	 tui_edit_scene_add(struct tui *, long long, long long *);
int	 tui_edit_scene(struct tui *, long long);
int	 tui_edit_scene_move(struct tui *, long long, long long);
int	 tui_edit_scene_rm(struct tui *, long long);
int	 tui_edit_shot_add(struct tui *, long long, long long, long long *);
int	 tui_edit_shot(struct tui *, long long);
int	 tui_edit_shot_move(struct tui *, long long, long long, long long);
int	 tui_edit_shot_rm(struct tui *, long long);
int	 tui_edit_status(struct tui *, int, const long long *, size_t,
	     enum status);
int	 tui_edit_pick_status(struct tui *, enum status *);
int	 tui_edit_prompt_add(struct tui *, long long, long long);
int	 tui_edit_prompt_rm(struct tui *, long long);
int	 tui_edit_verdict(struct tui *, const long long *, size_t,
	     enum verdict, const struct str_list *, long long, long long);
int	 tui_edit_pick_reasons(struct tui *, struct str_list *);
int	 tui_edit_rate(struct tui *, long long, int);
int	 tui_edit_take_rm(struct tui *, long long);

#endif
