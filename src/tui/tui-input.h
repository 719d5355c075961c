/* SPDX-License-Identifier: ISC */
/*
 * Modal input over the current view: a one-line editor on the message
 * line, yes/no questions, pick lists (one or several items), long text
 * in the user's editor, a scrollable text box, and the `:` command line
 * that runs takeboard's own commands on the open production.
 */
#ifndef TB_TUI_TUI_INPUT_H
#define TB_TUI_TUI_INPUT_H

#include <stdbool.h>

struct tui;

char	*tui_input_line(struct tui *, const char *, const char *);
bool	 tui_input_confirm(struct tui *, const char *, ...)
	     __attribute__((format(printf, 2, 3)));
int	 tui_input_pick(struct tui *, const char *, const char *const *, int,
	     int, bool *);
char	*tui_input_editor(struct tui *, const char *, const char *);
void	 tui_input_text(struct tui *, const char *, const char *);
void	 tui_input_command(struct tui *);
int	 tui_input_split(const char *, char ***, char **);

#endif
