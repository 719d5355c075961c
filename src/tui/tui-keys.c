/* SPDX-License-Identifier: ISC */
/*
 * The key table and its lookups. Entries are searched in order and the
 * first one that applies to the current view wins, which is how review's
 * single letters (k keep, p previous) take precedence over list movement
 * there while meaning "up" elsewhere.
 */
#include "config.h"

#include "tui/tui-keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "tui/tui-curses.h"

#define CTRL(c)	((c) & 0x1f)
#define KEY_ESCAPE	27
#define KEY_TAB		'\t'
#define KEY_RETURN	'\n'

const struct tui_key tui_keys[] = {
	{ OP_KEEP, "keep", { 'k', 0 }, "keep this take (asks for in/out)",
	  TUI_CTX_REVIEW, 1 },
	{ OP_REJECT, "reject", { 'x', 0 }, "reject, with reasons",
	  TUI_CTX_REVIEW, 1 },
	{ OP_MAYBE, "maybe", { 'm', 0 }, "maybe", TUI_CTX_REVIEW, 1 },
	{ OP_RATE, "rate", { '1', '2', '3', '4', '5', 0 }, "rate 1 to 5",
	  TUI_CTX_REVIEW, 1 },
	{ OP_NEXT, "next", { 'n', KEY_DOWN, 'j', 0 }, "next take",
	  TUI_CTX_REVIEW, 1 },
	{ OP_PREV, "previous", { 'p', KEY_UP, 0 }, "previous take",
	  TUI_CTX_REVIEW, 1 },
	{ OP_PLAY, "play", { 'o', 0 }, "open the clip in the player",
	  TUI_CTX_REVIEW, 1 },
	{ OP_UNDO, "undo", { 'u', 0 }, "undo the last verdict",
	  TUI_CTX_REVIEW, 1 },

	{ OP_UP, "up", { KEY_UP, 'k', 0 }, "move up", TUI_CTX_LISTS, 0 },
	{ OP_DOWN, "down", { KEY_DOWN, 'j', 0 }, "move down",
	  TUI_CTX_LISTS, 0 },
	{ OP_LEFT, "left", { KEY_LEFT, 'h', 0 }, "pane to the left",
	  TUI_CTX_BOARD | TUI_CTX_SHOT | TUI_CTX_STATS, 0 },
	{ OP_RIGHT, "right", { KEY_RIGHT, 'l', 0 }, "pane to the right",
	  TUI_CTX_BOARD | TUI_CTX_SHOT | TUI_CTX_STATS, 0 },
	{ OP_PANE, "pane", { KEY_TAB, 0 }, "next pane",
	  TUI_CTX_BOARD | TUI_CTX_SHOT | TUI_CTX_STATS, 1 },
	{ OP_TOP, "top", { 'g', KEY_HOME, 0 }, "first row", TUI_CTX_ALL, 0 },
	{ OP_BOTTOM, "bottom", { 'G', KEY_END, 0 }, "last row",
	  TUI_CTX_ALL, 0 },
	{ OP_PAGE_UP, "page-up", { KEY_PPAGE, CTRL('b'), 0 }, "page up",
	  TUI_CTX_LISTS, 0 },
	{ OP_PAGE_DOWN, "page-down", { KEY_NPAGE, CTRL('f'), ' ', 0 },
	  "page down", TUI_CTX_HELP, 0 },
	{ OP_PAGE_DOWN, "page-down", { KEY_NPAGE, CTRL('f'), 0 },
	  "page down", TUI_CTX_LISTS & ~TUI_CTX_HELP, 0 },
	{ OP_OPEN, "open", { KEY_RETURN, KEY_ENTER, '\r', 0 },
	  "open the selected item", TUI_CTX_BOARD | TUI_CTX_SHOT, 1 },
	{ OP_BACK, "back", { 'q', KEY_ESCAPE, 0 },
	  "back; on the board, quit (everything is saved already)",
	  TUI_CTX_ALL, 1 },

	{ OP_SEARCH, "search", { '/', 0 },
	  "search scenes (left) or all shots (right)", TUI_CTX_BOARD, 1 },
	{ OP_SEARCH_NEXT, "search-next", { 'n', 0 }, "next match",
	  TUI_CTX_BOARD, 0 },
	{ OP_SEARCH_PREV, "search-previous", { 'N', 0 }, "previous match",
	  TUI_CTX_BOARD, 0 },
	{ OP_FILTER, "filter", { 'f', 0 },
	  "filter: shots by status or text, takes by verdict",
	  TUI_CTX_BOARD | TUI_CTX_REVIEW, 1 },

	{ OP_ADD, "add", { 'a', 0 }, "add a scene or shot (board), a variant "
	  "derived from the selected one (shot)",
	  TUI_CTX_BOARD | TUI_CTX_SHOT, 1 },
	{ OP_EDIT, "edit", { 'e', 0 }, "edit a field",
	  TUI_CTX_BOARD | TUI_CTX_SHOT, 1 },
	{ OP_DELETE, "delete", { 'd', KEY_DC, 0 }, "delete (asks first)",
	  TUI_CTX_BOARD | TUI_CTX_SHOT, 0 },
	{ OP_MOVE_DOWN, "move-down", { 'J', 0 }, "move the scene or shot down",
	  TUI_CTX_BOARD, 0 },
	{ OP_MOVE_UP, "move-up", { 'K', 0 }, "move the scene or shot up",
	  TUI_CTX_BOARD, 0 },
	{ OP_STATUS, "status", { 's', 0 }, "set the status (of marked rows)",
	  TUI_CTX_BOARD | TUI_CTX_SHOT, 1 },
	{ OP_MARK, "mark", { ' ', 0 }, "mark or unmark the row",
	  TUI_CTX_BOARD | TUI_CTX_SHOT, 0 },
	{ OP_DIFF, "diff", { 'D', 0 }, "word diff of the variant against its "
	  "parent", TUI_CTX_SHOT, 1 },
	{ OP_VERDICT, "verdict", { 'v', 0 }, "give the take (or the marked "
	  "takes) a verdict", TUI_CTX_SHOT, 1 },
	{ OP_SORT_NEXT, "sort-next", { '>', 0 }, "sort by the next column",
	  TUI_CTX_STATS, 1 },
	{ OP_SORT_PREV, "sort-previous", { '<', 0 },
	  "sort by the previous column", TUI_CTX_STATS, 0 },
	{ OP_SORT_REVERSE, "sort-reverse", { 'I', 0 }, "reverse the order",
	  TUI_CTX_STATS, 1 },

	{ OP_GENERATE, "generate", { 't', 0 },
	  "generate takes of the variant (shows the cost first)",
	  TUI_CTX_SHOT, 1 },
	{ OP_CANCEL, "cancel", { 'c', 0 }, "cancel the job (asks first)",
	  TUI_CTX_QUEUE, 1 },
	{ OP_RETRY, "retry", { 'r', 0 },
	  "retry a failed, cancelled or undecided job as a new take",
	  TUI_CTX_QUEUE, 1 },

	{ OP_REVIEW, "review", { 'r', 0 },
	  "review the unreviewed takes here", TUI_CTX_BOARD | TUI_CTX_SHOT, 1 },
	{ OP_REVIEW_ALL, "review-all", { 'R', 0 },
	  "review the whole production", TUI_CTX_BOARD, 0 },
	{ OP_STATS, "stats", { 'S', 0 }, "statistics",
	  TUI_CTX_BOARD | TUI_CTX_SHOT, 1 },
	{ OP_QUEUE, "queue", { 'w', 0 }, "generation queue",
	  TUI_CTX_BOARD | TUI_CTX_SHOT, 0 },
	{ OP_HELP, "help", { '?', KEY_F(1), 0 }, "help for this view",
	  TUI_CTX_ALL, 1 },
	{ OP_COMMAND, "command", { ':', 0 }, "run a takeboard command",
	  TUI_CTX_ALL, 1 },
	{ OP_REDRAW, "redraw", { CTRL('l'), 0 }, "redraw the screen",
	  TUI_CTX_ALL, 0 },
	{ OP_QUIT, "quit", { 'Q', 0 }, "quit from anywhere", TUI_CTX_ALL, 0 },
	{ OP_NONE, NULL, { 0 }, NULL, 0, 0 }
};

/* The operation bound to key `ch` in view context `ctx`, or OP_NONE. */
enum tui_op
tui_keys_lookup(int ctx, int ch)
{
	const struct tui_key	*k;
	int			 i;

	for (k = tui_keys; k->name != NULL; k++) {
		if (!(k->ctx & ctx))
			continue;
		for (i = 0; i < 6 && k->keys[i] != 0; i++) {
			if (k->keys[i] == ch)
				return k->op;
		}
	}
	return OP_NONE;
}

/* The first entry for op that applies in ctx, or NULL. */
const struct tui_key *
tui_keys_get(enum tui_op op, int ctx)
{
	const struct tui_key	*k;

	for (k = tui_keys; k->name != NULL; k++) {
		if (k->op == op && (k->ctx & ctx))
			return k;
	}
	return NULL;
}

/* A key's printable name ("j", "Down", "^L", "Enter"); caller frees. */
char *
tui_keys_name(int ch)
{
	switch (ch) {
	case KEY_UP:
		return xstrdup("Up");
	case KEY_DOWN:
		return xstrdup("Down");
	case KEY_LEFT:
		return xstrdup("Left");
	case KEY_RIGHT:
		return xstrdup("Right");
	case KEY_HOME:
		return xstrdup("Home");
	case KEY_END:
		return xstrdup("End");
	case KEY_PPAGE:
		return xstrdup("PgUp");
	case KEY_NPAGE:
		return xstrdup("PgDn");
	case KEY_DC:
		return xstrdup("Del");
	case KEY_ENTER:
	case KEY_RETURN:
	case '\r':
		return xstrdup("Enter");
	case KEY_TAB:
		return xstrdup("Tab");
	case KEY_ESCAPE:
		return xstrdup("Esc");
	case ' ':
		return xstrdup("Space");
	}
	if (ch == KEY_F(1))
		return xstrdup("F1");
	if (ch > 0 && ch < 32)
		return xasprintf("^%c", ch + '@');
	if (ch >= 32 && ch < 127)
		return xasprintf("%c", ch);
	return xasprintf("<%d>", ch);
}

/* All keys of an entry, as "j Down"; caller frees. Duplicate names (Enter
 * has three codes) are shown once. */
char *
tui_keys_describe(const struct tui_key *k)
{
	struct buf	 b;
	char		*name;
	int		 i;

	buf_init(&b);
	for (i = 0; i < 6 && k->keys[i] != 0; i++) {
		name = tui_keys_name(k->keys[i]);
		if (strstr(buf_str(&b), name) == NULL ||
		    strlen(name) == 1) {
			if (b.len > 0)
				buf_addc(&b, ' ');
			buf_adds(&b, name);
		}
		free(name);
	}
	return buf_detach(&b);
}

/* Print the key table, view by view (for `takeboard --keys` and for
 * checking the man page against it). */
void
tui_keys_print(void)
{
	static const struct {
		int		 ctx;
		const char	*name;
	} views[] = {
		{ TUI_CTX_BOARD, "board" },
		{ TUI_CTX_SHOT, "shot" },
		{ TUI_CTX_REVIEW, "review" },
		{ TUI_CTX_STATS, "stats" },
		{ TUI_CTX_QUEUE, "queue" },
		{ TUI_CTX_HELP, "help" },
	};
	const struct tui_key	*k;
	char			*keys;
	size_t			 v;

	for (v = 0; v < sizeof views / sizeof views[0]; v++) {
		for (k = tui_keys; k->name != NULL; k++) {
			if (!(k->ctx & views[v].ctx) ||
			    tui_keys_get(k->op, views[v].ctx) != k)
				continue;
			keys = tui_keys_describe(k);
			printf("%-7s %-14s %-16s %s\n", views[v].name, keys,
			    k->name, k->help);
			free(keys);
		}
	}
}
