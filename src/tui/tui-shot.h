/* SPDX-License-Identifier: ISC */
/* The shot view: a shot, its prompt variants as a tree, their takes. */
#ifndef TB_TUI_TUI_SHOT_H
#define TB_TUI_TUI_SHOT_H

struct tui;

void	 tui_shot_open(struct tui *, long long);

#endif
