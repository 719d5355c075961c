/* SPDX-License-Identifier: ISC */
/*
 * The key table: every operation of the interface with its name, its
 * default keys, its help text and the views where it applies. The same
 * table dispatches keys, draws the footer and builds the help view and
 * the man page's key list, so they cannot disagree.
 */
#ifndef TB_TUI_TUI_KEYS_H
#define TB_TUI_TUI_KEYS_H

/* Views (contexts) an operation applies to. */
#define TUI_CTX_BOARD	0x01
#define TUI_CTX_SHOT	0x02
#define TUI_CTX_REVIEW	0x04
#define TUI_CTX_STATS	0x08
#define TUI_CTX_QUEUE	0x10
#define TUI_CTX_HELP	0x20
#define TUI_CTX_LISTS	(TUI_CTX_BOARD | TUI_CTX_SHOT | TUI_CTX_STATS | \
			 TUI_CTX_QUEUE | TUI_CTX_HELP)
#define TUI_CTX_ALL	0x3f

enum tui_op {
	OP_NONE,
	/* review: first, so its letters win over list movement */
	OP_KEEP,
	OP_REJECT,
	OP_MAYBE,
	OP_RATE,
	OP_NEXT,
	OP_PREV,
	OP_PLAY,
	OP_UNDO,
	/* moving */
	OP_UP,
	OP_DOWN,
	OP_LEFT,
	OP_RIGHT,
	OP_PANE,
	OP_TOP,
	OP_BOTTOM,
	OP_PAGE_UP,
	OP_PAGE_DOWN,
	OP_OPEN,
	OP_BACK,
	/* finding */
	OP_SEARCH,
	OP_SEARCH_NEXT,
	OP_SEARCH_PREV,
	OP_FILTER,
	/* changing */
	OP_ADD,
	OP_EDIT,
	OP_DELETE,
	OP_MOVE_DOWN,
	OP_MOVE_UP,
	OP_STATUS,
	OP_MARK,
	OP_DIFF,
	OP_VERDICT,
	OP_SORT_NEXT,
	OP_SORT_PREV,
	OP_SORT_REVERSE,
	OP_GENERATE,
	OP_CANCEL,
	OP_RETRY,
	/* views and the rest */
	OP_REVIEW,
	OP_REVIEW_ALL,
	OP_STATS,
	OP_QUEUE,
	OP_HELP,
	OP_COMMAND,
	OP_REDRAW,
	OP_QUIT,
	OP_COUNT
};

struct tui_key {
	enum tui_op	 op;
	const char	*name;		/* for bindings and the man page */
	int		 keys[6];	/* 0-terminated */
	const char	*help;
	int		 ctx;		/* TUI_CTX_* where it applies */
	int		 footer;	/* shown in the footer */
};

extern const struct tui_key tui_keys[];

enum tui_op	 tui_keys_lookup(int, int);
const struct tui_key *tui_keys_get(enum tui_op, int);
char		*tui_keys_name(int);
char		*tui_keys_describe(const struct tui_key *);
void		 tui_keys_print(void);

#endif
