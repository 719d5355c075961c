/* SPDX-License-Identifier: ISC */
/* The board view: scenes and their shots, the start view. */
#ifndef TB_TUI_TUI_BOARD_H
#define TB_TUI_TUI_BOARD_H

struct tui;

void	 tui_board_open(struct tui *);

#endif
