/* SPDX-License-Identifier: ISC */
/*
 * The one-line editor's text and cursor, apart from curses so it can be
 * unit-tested: UTF-8 text, a cursor on a character boundary, and the
 * usual editing moves (readline's ^A ^E ^U ^K ^W among them).
 */
#ifndef TB_TUI_TUI_LINE_H
#define TB_TUI_TUI_LINE_H

#include <stddef.h>

struct tui_line {
	char	*s;		/* NUL-terminated UTF-8 */
	size_t	 len;
	size_t	 cap;
	size_t	 cur;		/* byte offset, on a character boundary */
};

void	 tui_line_init(struct tui_line *, const char *);
void	 tui_line_fini(struct tui_line *);
void	 tui_line_set(struct tui_line *, const char *);
void	 tui_line_insert(struct tui_line *, unsigned int);
void	 tui_line_backspace(struct tui_line *);
void	 tui_line_delete(struct tui_line *);
void	 tui_line_left(struct tui_line *);
void	 tui_line_right(struct tui_line *);
void	 tui_line_home(struct tui_line *);
void	 tui_line_end(struct tui_line *);
void	 tui_line_kill_start(struct tui_line *);
void	 tui_line_kill_end(struct tui_line *);
void	 tui_line_kill_word(struct tui_line *);

#endif
