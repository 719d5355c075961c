/* SPDX-License-Identifier: ISC */
/* The generation queue view. */
#ifndef TB_TUI_TUI_QUEUE_H
#define TB_TUI_TUI_QUEUE_H

struct tui;

void	 tui_queue_open(struct tui *);

#endif
