/* SPDX-License-Identifier: ISC */
/*
 * Editing a line of UTF-8 text. The cursor is a byte offset that always
 * sits on a character boundary; moving and deleting step over whole
 * characters (continuation bytes 10xxxxxx are skipped), so a multibyte
 * character is never split.
 */
#include "config.h"

#include "tui/tui-line.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

static int
tui_line_is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

void
tui_line_init(struct tui_line *l, const char *text)
{
	memset(l, 0, sizeof *l);
	tui_line_set(l, text);
}

void
tui_line_fini(struct tui_line *l)
{
	free(l->s);
	memset(l, 0, sizeof *l);
}

/* Replace the text; the cursor goes to the end. */
void
tui_line_set(struct tui_line *l, const char *text)
{
	size_t	 n;

	n = text != NULL ? strlen(text) : 0;
	if (n + 1 > l->cap) {
		l->cap = n + 64;
		l->s = xreallocarray(l->s, l->cap, 1);
	}
	if (n > 0)
		memcpy(l->s, text, n);
	l->s[n] = '\0';
	l->len = n;
	l->cur = n;
}

/* Insert the character cp (a Unicode code point) at the cursor. Control
 * characters are not inserted. */
void
tui_line_insert(struct tui_line *l, unsigned int cp)
{
	char	 b[4];
	size_t	 n;

	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	if (l->len + n + 1 > l->cap) {
		l->cap = (l->len + n + 1) * 2;
		l->s = xreallocarray(l->s, l->cap, 1);
	}
	memmove(l->s + l->cur + n, l->s + l->cur, l->len - l->cur + 1);
	memcpy(l->s + l->cur, b, n);
	l->len += n;
	l->cur += n;
}

static size_t
tui_line_prev(const struct tui_line *l, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && tui_line_is_cont((unsigned char)l->s[at]))
		at--;
	return at;
}

static size_t
tui_line_next(const struct tui_line *l, size_t at)
{
	if (at >= l->len)
		return l->len;
	at++;
	while (at < l->len && tui_line_is_cont((unsigned char)l->s[at]))
		at++;
	return at;
}

static void
tui_line_cut(struct tui_line *l, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(l->s + from, l->s + to, l->len - to + 1);
	l->len -= to - from;
	l->cur = from;
}

/* Delete the character before the cursor. */
void
tui_line_backspace(struct tui_line *l)
{
	tui_line_cut(l, tui_line_prev(l, l->cur), l->cur);
}

/* Delete the character under the cursor. */
void
tui_line_delete(struct tui_line *l)
{
	size_t	 at = l->cur;

	tui_line_cut(l, at, tui_line_next(l, at));
	l->cur = at;
}

void
tui_line_left(struct tui_line *l)
{
	l->cur = tui_line_prev(l, l->cur);
}

void
tui_line_right(struct tui_line *l)
{
	l->cur = tui_line_next(l, l->cur);
}

void
tui_line_home(struct tui_line *l)
{
	l->cur = 0;
}

void
tui_line_end(struct tui_line *l)
{
	l->cur = l->len;
}

/* ^U: delete from the start to the cursor. */
void
tui_line_kill_start(struct tui_line *l)
{
	tui_line_cut(l, 0, l->cur);
}

/* ^K: delete from the cursor to the end. */
void
tui_line_kill_end(struct tui_line *l)
{
	l->s[l->cur] = '\0';
	l->len = l->cur;
}

/* ^W: delete the word before the cursor (and the spaces after it). */
void
tui_line_kill_word(struct tui_line *l)
{
	size_t	 at = l->cur;

	while (at > 0 && l->s[at - 1] == ' ')
		at--;
	while (at > 0 && l->s[at - 1] != ' ')
		at = tui_line_prev(l, at);
	tui_line_cut(l, at, l->cur);
}
