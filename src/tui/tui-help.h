/* SPDX-License-Identifier: ISC */
/* The help view, generated from the key table. */
#ifndef TB_TUI_TUI_HELP_H
#define TB_TUI_TUI_HELP_H

struct tui;

void	 tui_help_open(struct tui *, int, const char *);

#endif
