/* SPDX-License-Identifier: ISC */
/*
 * Unit tests of the interface's logic apart from the screen: the line
 * editor on UTF-8 text, the key table's lookups (review's letters win
 * over list movement only in review), the ':' command splitter, text
 * wrapping by display width, and list cursor movement.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "tui/tui-curses.h"
#include "tui/tui-draw.h"
#include "tui/tui-input.h"
#include "tui/tui-keys.h"
#include "tui/tui-line.h"
#include "tap.h"

static void
test_line(void)
{
	struct tui_line	 l;

	tui_line_init(&l, "café");
	ok(l.len == 5 && l.cur == 5, "init puts the cursor at the end");
	tui_line_backspace(&l);
	is_str(l.s, "caf", "backspace removes a whole two-byte character");
	tui_line_insert(&l, 0x6e2f);	/* 港 */
	tui_line_insert(&l, 0x1f305);	/* 🌅 */
	is_str(l.s, "caf\xe6\xb8\xaf\xf0\x9f\x8c\x85", "insert 3- and "
	    "4-byte characters");
	tui_line_left(&l);
	ok(l.cur == 6, "left steps over a 4-byte character");
	tui_line_left(&l);
	ok(l.cur == 3, "and over a 3-byte one");
	tui_line_delete(&l);
	is_str(l.s, "caf\xf0\x9f\x8c\x85", "delete under the cursor");
	tui_line_insert(&l, 0x1b);
	tui_line_insert(&l, 0x9b);
	is_str(l.s, "caf\xf0\x9f\x8c\x85", "control characters are not "
	    "inserted (C0 and C1)");
	tui_line_home(&l);
	tui_line_insert(&l, 'X');
	is_str(l.s, "Xcaf\xf0\x9f\x8c\x85", "home then insert");
	tui_line_end(&l);
	tui_line_right(&l);
	ok(l.cur == l.len, "right at the end stays");
	tui_line_set(&l, "one two  three");
	tui_line_kill_word(&l);
	is_str(l.s, "one two  ", "^W deletes the last word");
	tui_line_kill_word(&l);
	is_str(l.s, "one ", "^W again deletes spaces and the word");
	tui_line_home(&l);
	tui_line_right(&l);
	tui_line_kill_end(&l);
	is_str(l.s, "o", "^K deletes to the end");
	tui_line_kill_start(&l);
	is_str(l.s, "", "^U deletes to the start");
	tui_line_backspace(&l);
	tui_line_delete(&l);
	ok(l.len == 0 && l.cur == 0, "editing an empty line is harmless");
	tui_line_fini(&l);
}

static void
test_keys(void)
{
	char	*s;

	ok(tui_keys_lookup(TUI_CTX_BOARD, 'k') == OP_UP, "k is up on the "
	    "board");
	ok(tui_keys_lookup(TUI_CTX_REVIEW, 'k') == OP_KEEP, "k is keep in "
	    "review");
	ok(tui_keys_lookup(TUI_CTX_REVIEW, 'n') == OP_NEXT, "n is next in "
	    "review");
	ok(tui_keys_lookup(TUI_CTX_BOARD, 'n') == OP_SEARCH_NEXT,
	    "n is the next match on the board");
	ok(tui_keys_lookup(TUI_CTX_SHOT, 'J') == OP_NONE, "J does nothing "
	    "in the shot view");
	ok(tui_keys_lookup(TUI_CTX_BOARD, KEY_DOWN) == OP_DOWN, "Down");
	ok(tui_keys_lookup(TUI_CTX_REVIEW, '5') == OP_RATE, "5 rates");
	ok(tui_keys_lookup(TUI_CTX_STATS, '?') == OP_HELP, "? everywhere");
	ok(tui_keys_lookup(TUI_CTX_BOARD, 'Z') == OP_NONE, "unbound key");
	ok(tui_keys_get(OP_KEEP, TUI_CTX_BOARD) == NULL, "keep is not a "
	    "board key");
	s = tui_keys_name(12);
	is_str(s, "^L", "control key name");
	free(s);
	s = tui_keys_name(KEY_NPAGE);
	is_str(s, "PgDn", "function key name");
	free(s);
	s = tui_keys_describe(tui_keys_get(OP_OPEN, TUI_CTX_BOARD));
	is_str(s, "Enter", "Enter's three codes are described once");
	free(s);
}

static void
test_split(void)
{
	char	**v, *cause = NULL;
	int	 n, i;

	n = tui_input_split("shot add 3 \"wide of the field\" --size ws",
	    &v, &cause);
	ok(n == 6 && strcmp(v[3], "wide of the field") == 0 &&
	    strcmp(v[5], "ws") == 0 && v[6] == NULL, "double quotes");
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	n = tui_input_split("a 'b \"c\" d' e\\ f \"x\\\"y\"", &v, &cause);
	ok(n == 4 && strcmp(v[1], "b \"c\" d") == 0 &&
	    strcmp(v[2], "e f") == 0 && strcmp(v[3], "x\"y") == 0,
	    "single quotes, backslashes, escaped quotes");
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	n = tui_input_split("   ", &v, &cause);
	ok(n == 0 && v[0] == NULL, "blank line: no words");
	free(v);
	n = tui_input_split("a \"unfinished", &v, &cause);
	ok(n == -1 && cause != NULL, "an unfinished quote is an error");
	free(cause);
	n = tui_input_split("a ''", &v, &cause);
	ok(n == 2 && strcmp(v[1], "") == 0, "an empty quoted word counts");
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
test_wrap(void)
{
	char	**lines;
	int	 n;

	n = tui_wrap("the quick brown fox jumps", 10, &lines);
	ok(n == 3 && strcmp(lines[0], "the quick") == 0 &&
	    strcmp(lines[1], "brown fox") == 0 &&
	    strcmp(lines[2], "jumps") == 0, "wraps at spaces");
	tui_wrap_free(lines, n);
	n = tui_wrap("港港港港港港", 5, &lines);
	ok(n == 3 && strcmp(lines[0], "港港") == 0, "wide characters count "
	    "two columns and are never split");
	tui_wrap_free(lines, n);
	n = tui_wrap("abcdefghij", 4, &lines);
	ok(n == 3 && strcmp(lines[2], "ij") == 0, "a long word is cut");
	tui_wrap_free(lines, n);
	n = tui_wrap("a\n\nb\033[2J", 10, &lines);
	ok(n == 3 && strcmp(lines[1], "") == 0 &&
	    strcmp(lines[2], "b^[[2J") == 0, "paragraphs kept, escapes "
	    "made visible");
	tui_wrap_free(lines, n);
}

static void
test_list(void)
{
	int	 cur = 0, top = 0;

	ok(tui_list_key(&cur, 10, OP_DOWN, 5) && cur == 1, "down");
	tui_list_key(&cur, 10, OP_BOTTOM, 5);
	ok(cur == 9, "bottom");
	tui_list_fix(&cur, &top, 10, 5);
	ok(top == 5, "the last rows show");
	tui_list_key(&cur, 10, OP_PAGE_UP, 5);
	ok(cur == 4, "page up");
	tui_list_fix(&cur, &top, 10, 5);
	ok(top == 4, "scrolls to show the cursor");
	tui_list_key(&cur, 10, OP_PAGE_UP, 5);
	ok(cur == 0, "page up stops at the top");
	ok(!tui_list_key(&cur, 10, OP_ADD, 5), "other operations are not "
	    "movements");
	cur = 3;
	tui_list_fix(&cur, &top, 0, 5);
	ok(cur == 0 && top == 0, "an empty list");
}

int
main(void)
{
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	test_line();
	test_keys();
	test_split();
	test_wrap();
	test_list();
	return done_testing();
}
