/* SPDX-License-Identifier: ISC */
/*
 * Terminal-safe text. The input is decoded as UTF-8 here, never through
 * the locale, so the result is the same whatever LC_CTYPE says: invalid
 * bytes become U+FFFD, C0 controls and DEL become caret notation (^[),
 * C1 controls become U+FFFD, and bidi, zero-width and other invisible
 * format characters are dropped (reliability.md section 4.3). Only the
 * width functions ask the locale, through wcwidth().
 */
#include "config.h"

#include "util/sanitize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/buf.h"
#include "util/xmalloc.h"

#define SANITIZE_BAD		0xfffdU
#define SANITIZE_ELLIPSIS	"\xe2\x80\xa6"	/* U+2026, one column */

enum sanitize_class {
	SANITIZE_KEEP,
	SANITIZE_DROP,		/* invisible: bidi, zero-width, format */
	SANITIZE_REPLACE	/* shown as U+FFFD */
};

/*
 * Decode one code point from p, which is NUL-terminated and not at its
 * end. Returns the number of bytes used (at least 1). Ill-formed input
 * yields U+FFFD for each maximal ill-formed subpart, as the WHATWG
 * decoder does: the second-byte ranges below exclude overlong forms,
 * surrogates and code points above U+10FFFF. The NUL terminator is never
 * a valid continuation byte, so decoding never reads past it.
 */
static size_t
sanitize_decode(const unsigned char *p, uint32_t *cp)
{
	uint32_t	 c;
	unsigned int	 lo, hi;
	size_t		 n, i;

	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
	} else {
		*cp = SANITIZE_BAD;
		return 1;
	}

	lo = 0x80;
	hi = 0xbf;
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	for (i = 1; i < n; i++) {
		if (p[i] < lo || p[i] > hi) {
			*cp = SANITIZE_BAD;
			return i;
		}
		lo = 0x80;
		hi = 0xbf;
		c = (c << 6) | (p[i] & 0x3f);
	}
	*cp = c;
	return n;
}

/* Append code point cp, which is valid, as UTF-8. */
static void
sanitize_encode(struct buf *b, uint32_t cp)
{
	char	 s[4];

	if (cp < 0x80) {
		buf_addc(b, (char)cp);
		return;
	}
	if (cp < 0x800) {
		s[0] = (char)(0xc0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xe0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 3);
	} else {
		s[0] = (char)(0xf0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 4);
	}
}

/*
 * What to do with a code point that is not a C0 control or DEL. The drop
 * list is neomutt's plus the Arabic letter mark, the Mongolian vowel
 * separator, invisible operators, deprecated format controls,
 * interlinear annotation controls and tag characters (which can hide
 * whole sentences in a prompt). Line and paragraph separators and
 * noncharacters are shown as U+FFFD.
 */
static enum sanitize_class
sanitize_classify(uint32_t cp)
{
	if (cp >= 0x80 && cp <= 0x9f)
		return SANITIZE_REPLACE;
	if (cp == 0xad || cp == 0x61c || cp == 0x180e || cp == 0xfeff)
		return SANITIZE_DROP;
	if ((cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x2064) ||
	    (cp >= 0x2066 && cp <= 0x206f) ||
	    (cp >= 0xfff9 && cp <= 0xfffb) ||
	    (cp >= 0xe0000 && cp <= 0xe007f))
		return SANITIZE_DROP;
	if (cp == 0x2028 || cp == 0x2029)
		return SANITIZE_REPLACE;
	if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe)
		return SANITIZE_REPLACE;
	return SANITIZE_KEEP;
}

/* The common body of sanitize_line and sanitize_text, appending to b. */
static void
sanitize_run(struct buf *b, const char *s, int multiline)
{
	const unsigned char	*p = (const unsigned char *)s, *q;
	uint32_t		 cp;
	size_t			 n;

	if (s == NULL)
		return;
	while (*p != '\0') {
		/* Printable ASCII, most of any text, is copied as it is. */
		for (q = p; *q >= 0x20 && *q < 0x7f; q++)
			;
		if (q != p) {
			buf_add(b, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (multiline && p[0] == '\r' && p[1] == '\n') {
			p++;
			continue;
		}
		n = sanitize_decode(p, &cp);
		p += n;

		if (cp == '\t') {
			buf_adds(b, multiline ? "    " : " ");
			continue;
		}
		if (cp == '\n' && multiline) {
			buf_addc(b, '\n');
			continue;
		}
		if (cp < 0x20 || cp == 0x7f) {
			buf_addc(b, '^');
			buf_addc(b, (char)(cp ^ 0x40));
			continue;
		}
		switch (sanitize_classify(cp)) {
		case SANITIZE_KEEP:
			sanitize_encode(b, cp);
			break;
		case SANITIZE_DROP:
			break;
		case SANITIZE_REPLACE:
			sanitize_encode(b, SANITIZE_BAD);
			break;
		}
	}
}

/*
 * Make one line of untrusted text terminal-safe: TAB becomes a space and
 * every other control character, LF included, is shown as ^X. Returns an
 * allocated string the caller frees; NULL gives "".
 */
char *
sanitize_line(const char *s)
{
	struct buf	 b;

	buf_init(&b);
	sanitize_run(&b, s, 0);
	return buf_detach(&b);
}

/* sanitize_line appended to b, for many lines without a copy each. */
void
sanitize_line_add(struct buf *b, const char *s)
{
	sanitize_run(b, s, 0);
}

/*
 * Like sanitize_line, for multi-line text: LF and CR LF become LF, TAB
 * becomes four spaces; a lone CR is still shown as ^M. The caller splits
 * the result into lines itself. Returns an allocated string; NULL gives "".
 */
char *
sanitize_text(const char *s)
{
	struct buf	 b;

	buf_init(&b);
	sanitize_run(&b, s, 1);
	return buf_detach(&b);
}

/* Columns taken by code point cp; unknown to the locale counts as 1. */
static size_t
sanitize_cp_width(uint32_t cp)
{
	int	 w;

	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;
	return (size_t)w;
}

/*
 * Display columns of s, an already sanitised UTF-8 string, as wcwidth()
 * in the current locale sees them: combining marks count 0, wide
 * characters 2, anything wcwidth does not know (in a C locale, all of
 * non-ASCII) 1. NULL counts 0.
 */
size_t
sanitize_width(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp;
	size_t			 w = 0;

	if (s == NULL)
		return 0;
	while (*p != '\0') {
		p += sanitize_decode(p, &cp);
		w += sanitize_cp_width(cp);
	}
	return w;
}

/*
 * Copy s clipped to at most cols columns. A clipped string ends with an
 * ellipsis (one column) inside the limit; a wide character that would
 * cross the limit is left out, and so are the combining marks after a
 * character that was left out. s should already be sanitised; it is run
 * through sanitize_line again here so the result is safe whatever it
 * was. Returns an allocated string; cols 0 or NULL s gives "".
 */
char *
sanitize_clip(const char *s, size_t cols)
{
	const unsigned char	*p;
	struct buf		 b;
	char			*t;
	uint32_t		 cp;
	size_t			 n, w, used = 0;

	t = sanitize_line(s);
	if (cols == 0) {
		free(t);
		return xstrdup("");
	}
	if (sanitize_width(t) <= cols)
		return t;

	buf_init(&b);
	p = (const unsigned char *)t;
	while (*p != '\0') {
		n = sanitize_decode(p, &cp);
		w = sanitize_cp_width(cp);
		if (used + w > cols - 1)
			break;
		buf_add(&b, p, n);
		used += w;
		p += n;
	}
	buf_adds(&b, SANITIZE_ELLIPSIS);
	free(t);
	return buf_detach(&b);
}

/*
 * Clip s as sanitize_clip does and pad it with spaces to exactly cols
 * columns, on the left when right_align is non-zero, else on the right.
 * Returns an allocated string.
 */
char *
sanitize_pad(const char *s, size_t cols, int right_align)
{
	struct buf	 b;
	char		*c;
	size_t		 w, i;

	c = sanitize_clip(s, cols);
	w = sanitize_width(c);
	buf_init(&b);
	if (!right_align)
		buf_adds(&b, c);
	for (i = w; i < cols; i++)
		buf_addc(&b, ' ');
	if (right_align)
		buf_adds(&b, c);
	free(c);
	return buf_detach(&b);
}

/* Whether p starts with U+FFFD itself (short-circuit: never reads past
 * a NUL). */
static int
sanitize_is_fffd(const unsigned char *p)
{
	return p[0] == 0xef && p[1] == 0xbf && p[2] == 0xbd;
}

/* Append cp as a JSON escape: \\uXXXX, or a surrogate pair above U+FFFF. */
static void
sanitize_json_escape(struct buf *b, uint32_t cp)
{
	if (cp > 0xffff) {
		cp -= 0x10000;
		buf_addf(b, "\\u%04x\\u%04x", 0xd800 + (cp >> 10),
		    0xdc00 + (cp & 0x3ff));
	} else
		buf_addf(b, "\\u%04x", cp);
}

/*
 * Make JSON text (as cJSON prints it) safe to show on a terminal without
 * changing what it means: DEL, C1 controls and the characters
 * sanitize_line drops or replaces (bidi, zero-width and format
 * characters, line separators, noncharacters), which JSON allows raw in
 * a string, become \\u escapes; bytes that are not UTF-8 become
 * \\ufffd. Outside strings JSON is ASCII, so only strings are touched.
 * Returns an allocated string.
 */
char *
sanitize_json(const char *json)
{
	const unsigned char	*p = (const unsigned char *)json, *run;
	struct buf		 b;
	uint32_t		 cp;
	size_t			 n;
	int			 bad;

	buf_init(&b);
	while (*p != '\0') {
		/* Runs of printable ASCII are the bulk of any document. */
		run = p;
		while (*p >= 0x20 && *p < 0x7f)
			p++;
		if (p > run)
			buf_add(&b, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		n = sanitize_decode(p, &cp);
		/* U+FFFD itself is fine; one made by the decoder is not. */
		bad = cp == SANITIZE_BAD && !sanitize_is_fffd(p);
		if (cp == 0x7f || bad ||
		    (cp >= 0x80 && sanitize_classify(cp) != SANITIZE_KEEP))
			sanitize_json_escape(&b, cp);
		else
			buf_add(&b, p, n);
		p += n;
	}
	return buf_detach(&b);
}

/*
 * Append s to b as the inside of a JSON string (no quotes), as cJSON
 * escapes it and then sanitize_json makes it safe: quote, backslash and
 * C0 controls escaped as cJSON does, DEL and the characters sanitize_line
 * would drop or replace as \\u escapes, and each byte that is not part
 * of valid UTF-8 as U+FFFD. The result is valid JSON that shows the same
 * text on any terminal.
 */
void
sanitize_json_string(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *run;
	uint32_t		 cp;
	size_t			 n;

	for (;;) {
		run = p;
		while (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			buf_add(b, run, (size_t)(p - run));
		switch (*p) {
		case '\0':
			return;
		case '"':
			buf_add(b, "\\\"", 2);
			p++;
			continue;
		case '\\':
			buf_add(b, "\\\\", 2);
			p++;
			continue;
		case '\b':
			buf_add(b, "\\b", 2);
			p++;
			continue;
		case '\f':
			buf_add(b, "\\f", 2);
			p++;
			continue;
		case '\n':
			buf_add(b, "\\n", 2);
			p++;
			continue;
		case '\r':
			buf_add(b, "\\r", 2);
			p++;
			continue;
		case '\t':
			buf_add(b, "\\t", 2);
			p++;
			continue;
		default:
			break;
		}
		if (*p < 0x80) {
			/* the other C0 controls, and DEL */
			sanitize_json_escape(b, *p);
			p++;
			continue;
		}
		n = sanitize_decode(p, &cp);
		if (cp == SANITIZE_BAD && !sanitize_is_fffd(p)) {
			buf_add(b, "\xef\xbf\xbd", 3);
			p++;
			continue;
		}
		if (sanitize_classify(cp) != SANITIZE_KEEP)
			sanitize_json_escape(b, cp);
		else
			buf_add(b, p, n);
		p += n;
	}
}
