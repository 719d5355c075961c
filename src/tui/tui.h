/* SPDX-License-Identifier: ISC */
/*
 * The full-screen interface: the main loop, the stack of views, and the
 * services views share (the production, messages, modal input, reloads
 * when someone else changes the production). struct tui is opaque; a
 * view is a const ops table plus its own state.
 */
#ifndef TB_TUI_TUI_H
#define TB_TUI_TUI_H

#include <stdbool.h>

#include "util/xmalloc.h"
#include "tui/tui-keys.h"

#define TUI_NO_COLOR	0x1

#define TUI_MIN_COLS	80
#define TUI_MIN_ROWS	24

/* Keys beyond ASCII that are characters (not function keys) arrive as
 * TUI_WCHAR + code point; TUI_TIMEOUT when nothing came in time. */
#define TUI_WCHAR	0x1000000
#define TUI_TIMEOUT	(-1)
#define TUI_QUIT_KEY	(-2)
#define TUI_RESIZED	(-3)

struct db;
struct stats;
struct tui;
struct tui_view;
struct tui_gen;

/*
 * A view. reload() re-reads its data from the database (keeping the
 * cursor on the same item by id) and returns 0, or -1 after reporting an
 * error; draw() paints rows [top, top + rows) of the screen; key()
 * handles an operation (or the raw key for OP_NONE) and returns 1 when
 * it did; mouse() (may be NULL) handles a click or wheel at a screen
 * position; free() releases the view's state.
 */
struct tui_view_ops {
	const char	*name;
	int		 ctx;
	int		(*reload)(struct tui *, struct tui_view *);
	void		(*draw)(struct tui *, struct tui_view *, int, int);
	int		(*key)(struct tui *, struct tui_view *, enum tui_op,
			    int);
	int		(*mouse)(struct tui *, struct tui_view *, int, int,
			    int);
	void		(*free)(struct tui_view *);
};

struct tui_view {
	const struct tui_view_ops *ops;
	void		*data;
	char		*title;		/* shown under the header */
};

int	 tui_main(const char *, int, long);

struct db *tui_db(struct tui *);
struct tui_gen *tui_gen_of(struct tui *);
const char *tui_db_path(struct tui *);
const struct stats *tui_totals(struct tui *);
const char *tui_currency(struct tui *);
void	 tui_push(struct tui *, const struct tui_view_ops *, void *,
	     const char *);
void	 tui_pop(struct tui *);
void	 tui_set_title(struct tui_view *, const char *, ...) TB_PRINTF(2, 3);
void	 tui_message(struct tui *, const char *, ...) TB_PRINTF(2, 3);
void	 tui_error(struct tui *, char *);
void	 tui_errorf(struct tui *, const char *, ...) TB_PRINTF(2, 3);
void	 tui_dirty(struct tui *);
int	 tui_changed(struct tui *);
int	 tui_getkey(struct tui *, int);
void	 tui_paint(struct tui *);
int	 tui_begin(struct tui *);
int	 tui_commit(struct tui *);
void	 tui_suspend(struct tui *);
void	 tui_resume(struct tui *);
int	 tui_view_rows(struct tui *);

#endif
