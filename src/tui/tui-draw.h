/* SPDX-License-Identifier: ISC */
/*
 * Drawing helpers shared by the views: the colour roles (one table,
 * with a monochrome fallback for NO_COLOR and --no-color), text cells
 * that are sanitised and clipped by display width, and block-character
 * bars. Only tui-draw.c knows colour pair numbers.
 */
#ifndef TB_TUI_TUI_DRAW_H
#define TB_TUI_TUI_DRAW_H

#include <stdbool.h>

#include "model/board.h"
#include "tui/tui-curses.h"

enum tui_color {
	TC_NORMAL,
	TC_HEADER,
	TC_FOOTER,
	TC_SELECT,
	TC_SELECT_DIM,
	TC_TITLE,
	TC_DIM,
	TC_ERROR,
	TC_INFO,
	TC_BAR,
	TC_KEEP,
	TC_REJECT,
	TC_MAYBE,
	TC_MARK,
	TC_DEL,
	TC_ADD,
	TC_PLANNED,
	TC_ACTIVE,
	TC_DONE,
	TC_COUNT
};

void	 tui_draw_init(bool);
bool	 tui_draw_utf8(void);
attr_t	 tui_attr(enum tui_color);
attr_t	 tui_status_attr(enum status);
attr_t	 tui_verdict_attr(enum verdict);
void	 tui_put(int, int, int, const char *, attr_t);
void	 tui_putr(int, int, int, const char *, attr_t);
void	 tui_fill(int, int, int, attr_t);
void	 tui_bar(int, int, int, double, attr_t);
void	 tui_spark(int, int, int, const long long *, int, attr_t);
int	 tui_wrap(const char *, int, char ***);
void	 tui_wrap_free(char **, int);
void	 tui_list_fix(int *, int *, int, int);
int	 tui_list_key(int *, int, int, int);

#endif
