/* SPDX-License-Identifier: ISC */
/*
 * Tests for model/wdiff: identical and empty texts, insertions,
 * deletions and replacements at each end and in the middle, multi-line
 * and UTF-8 texts, the whitespace rules of wdiff_format, and the
 * fallback for texts too big for the LCS table.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "model/wdiff.h"

#include "tap.h"

/* Diff a and b and compare the plain rendering and the word counts. */
static void
check(const char *a, const char *b, const char *want, size_t ndel,
    size_t nadd, const char *name)
{
	struct wdiff	*d;
	char		*s;

	d = wdiff_new(a, b);
	s = wdiff_format(d, "[-", "-]", "{+", "+}");
	is_str(s, want, "%s: format", name);
	ok(d->ndel == ndel && d->nadd == nadd, "%s: %zu deleted, %zu added "
	    "(want %zu, %zu)", name, d->ndel, d->nadd, ndel, nadd);
	free(s);
	wdiff_free(d);
}

static void
test_basic(void)
{
	check("a red car drives", "a red car drives", "a red car drives",
	    0, 0, "identical");
	check("", "", "", 0, 0, "both empty");
	check(NULL, NULL, "", 0, 0, "both NULL");
	check(NULL, "new text", "{+new text+}", 0, 2, "NULL vs text");
	check("", "new text", "{+new text+}", 0, 2, "empty vs text");
	check("old text", "", "[-old text-]", 2, 0, "text vs empty");
	check("old text", NULL, "[-old text-]", 2, 0, "text vs NULL");
	check("a red car drives", "a red truck drives",
	    "a red [-car-]{+truck+} drives", 1, 1, "replacement");
	check("red car", "a red car", "{+a+} red car", 0, 1,
	    "insertion at start");
	check("a car", "a red car", "a {+red+} car", 0, 1,
	    "insertion in the middle");
	check("a red", "a red car", "a red {+car+}", 0, 1,
	    "insertion at end");
	check("a red car", "red car", "[-a-] red car", 1, 0,
	    "deletion at start");
	check("a red car", "a car", "a [-red-] car", 1, 0,
	    "deletion in the middle");
	check("a red car", "a red", "a red [-car-]", 1, 0,
	    "deletion at end");
	check("one two three", "uno dos tres",
	    "[-one two three-]{+uno dos tres+}", 3, 3, "everything replaced");
	check("a b c d e", "a x c y e", "a [-b-]{+x+} c [-d-]{+y+} e", 2, 2,
	    "two replacements");
	check("cat dog cat", "dog cat dog", "[-cat-] dog cat {+dog+}", 1, 1,
	    "moved word");
	check("a  red\tcar", "a red car", "a red car", 0, 0,
	    "whitespace alone is no change");
	check("  lead", "  lead  ", "  lead  ", 0, 0,
	    "leading and trailing whitespace from b");
}

static void
test_multiline(void)
{
	check("INT. KITCHEN - DAY\nA cat sits.\nIt yawns.\n",
	    "INT. KITCHEN - NIGHT\nA black cat sits.\nIt yawns.\n",
	    "INT. KITCHEN - [-DAY-]{+NIGHT+}\nA {+black+} cat sits.\n"
	    "It yawns.\n", 1, 2, "multi-line");
	check("line one\nline two\n", "line one\n",
	    "line one\n[-line two-]\n", 2, 0, "deleted last line");
	check("line one\n", "line one\nline two\n",
	    "line one\n{+line two+}\n", 0, 2, "added last line");
	check("x\r\ny", "x\r\nz", "x\r\n[-y-]{+z+}", 1, 1, "CR LF kept");
}

static void
test_unicode(void)
{
	check("un caf\xc3\xa9 cr\xc3\xa8me",
	    "un caf\xc3\xa9 br\xc3\xbbl\xc3\xa9",
	    "un caf\xc3\xa9 [-cr\xc3\xa8me-]{+br\xc3\xbbl\xc3\xa9+}", 1, 1,
	    "accented words");
	check("\xe7\x8c\xab \xe7\x8a\xac",
	    "\xe7\x8c\xab \xe9\xb3\xa5 \xe7\x8a\xac",
	    "\xe7\x8c\xab {+\xe9\xb3\xa5+} \xe7\x8a\xac", 0, 1, "CJK words");
	check("a \xf0\x9f\x90\xb1 sleeps", "a \xf0\x9f\x90\xb6 sleeps",
	    "a [-\xf0\x9f\x90\xb1-]{+\xf0\x9f\x90\xb6+} sleeps", 1, 1,
	    "emoji words");
	/* U+00A0 is not whitespace here: it is part of the word. */
	check("a\xc2\xa0" "b", "a b", "[-a\xc2\xa0" "b-]{+a b+}", 1, 2,
	    "no-break space is not a separator");
}

static void
test_chunks(void)
{
	struct wdiff	*d;
	char		*s;

	d = wdiff_new("a red car drives", "a red truck drives");
	is_int(d->n, 4, "chunks: count");
	ok(d->v[0].kind == WDIFF_SAME && strcmp(d->v[0].text, "a red") == 0 &&
	    strcmp(d->v[0].space, "") == 0, "chunks: same run merged");
	ok(d->v[1].kind == WDIFF_DEL && strcmp(d->v[1].text, "car") == 0 &&
	    strcmp(d->v[1].space, " ") == 0, "chunks: deleted word");
	ok(d->v[2].kind == WDIFF_ADD && strcmp(d->v[2].text, "truck") == 0,
	    "chunks: added word");
	ok(d->v[3].kind == WDIFF_SAME && strcmp(d->v[3].text, "drives") == 0 &&
	    strcmp(d->v[3].space, " ") == 0, "chunks: trailing same");
	s = wdiff_format(d, NULL, NULL, NULL, NULL);
	is_str(s, "a red cartruck drives", "NULL markers are empty");
	free(s);
	s = wdiff_format(d, "\x1b[31m", "\x1b[m", "\x1b[32m", "\x1b[m");
	is_str(s, "a red \x1b[31mcar\x1b[m\x1b[32mtruck\x1b[m drives",
	    "colour markers");
	free(s);
	wdiff_free(d);

	d = wdiff_new("x y z", "x   y\nz");
	is_int(d->n, 1, "same words: one chunk");
	is_str(d->v[0].text, "x   y\nz", "same chunk keeps b's inner space");
	wdiff_free(d);

	s = wdiff_format(NULL, "[-", "-]", "{+", "+}");
	is_str(s, "", "format of NULL");
	free(s);
	wdiff_free(NULL);
	ok(1, "wdiff_free(NULL)");
}

/* Words "<prefix>0 <prefix>1 ..." joined by spaces. */
static char *
words(const char *prefix, size_t n)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s%s%zu", i == 0 ? "" : " ", prefix, i);
	return buf_detach(&b);
}

static void
test_big(void)
{
	struct wdiff	*d;
	struct buf	 b;
	char		*a, *s;

	/* 1000 x 1002 words: under the limit, a real LCS. */
	a = words("w", 1000);
	buf_init(&b);
	buf_adds(&b, "start ");
	buf_adds(&b, a);
	buf_adds(&b, " end");
	d = wdiff_new(a, buf_str(&b));
	ok(d->ndel == 0 && d->nadd == 2 && d->n == 3,
	    "1000 words: two insertions found (%zu/%zu, %zu chunks)",
	    d->ndel, d->nadd, d->n);
	wdiff_free(d);
	buf_fini(&b);
	free(a);

	/* 2100 x 2102 words: over the limit, shown as replaced. */
	a = words("w", 2100);
	buf_init(&b);
	buf_adds(&b, "start ");
	buf_adds(&b, a);
	buf_adds(&b, " end");
	d = wdiff_new(a, buf_str(&b));
	ok(d->ndel == 2100 && d->nadd == 2102 && d->n == 2 &&
	    d->v[0].kind == WDIFF_DEL && d->v[1].kind == WDIFF_ADD,
	    "2100 words: fallback to all deleted then all added");
	s = wdiff_format(d, "[-", "-]", "{+", "+}");
	ok(strncmp(s, "[-w0 w1 ", 8) == 0 &&
	    strcmp(s + strlen(s) - 5, "end+}") == 0 &&
	    strstr(s, "w2099-]{+start w0 ") != NULL,
	    "fallback renders as one replacement");
	free(s);
	wdiff_free(d);
	buf_fini(&b);

	/* Common prefix and suffix are kept even above the limit. */
	buf_init(&b);
	buf_adds(&b, "head ");
	buf_adds(&b, a);
	buf_adds(&b, " tail");
	s = buf_detach(&b);
	buf_init(&b);
	buf_adds(&b, "head ");
	buf_adds(&b, a);
	buf_adds(&b, " middle ");
	buf_adds(&b, a);
	buf_adds(&b, " tail");
	d = wdiff_new(s, buf_str(&b));
	ok(d->ndel == 0 && d->nadd == 2101 && d->n == 3,
	    "big common prefix is trimmed before the LCS (%zu/%zu)",
	    d->ndel, d->nadd);
	wdiff_free(d);
	buf_fini(&b);
	free(s);
	free(a);
}

int
main(void)
{
	test_basic();
	test_multiline();
	test_unicode();
	test_chunks();
	test_big();
	return done_testing();
}
