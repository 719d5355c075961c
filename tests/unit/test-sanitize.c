/* SPDX-License-Identifier: ISC */
/*
 * Tests for util/sanitize: a table of hostile strings (every escape
 * family raw and as UTF-8 C1, C0 controls, bidi and zero-width
 * characters, ill-formed UTF-8, wide and combining characters, a long
 * string) checked for the terminal-safety invariants of reliability.md
 * section 4.4 T1, plus exact outputs for the common cases.
 */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"

#include "tap.h"

#define FFFD	"\xef\xbf\xbd"

static int utf8_locale;
static int known_width;		/* check_safe insists wcwidth knows all */

static const char *hostile[] = {
	/* CSI */
	"\x1b[31mred\x1b[0m",
	"\x1b[2J\x1b[H",
	"\x1b[6n",
	"\x1b[?1049h\x1b[1;1H",
	"\x1b[2K\rfake error: disk on fire",
	/* OSC 0, 8, 52 with BEL and ST terminators */
	"\x1b]0;pwned\x07",
	"\x1b]0;pwned\x1b\\",
	"\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\",
	"\x1b]52;c;cm0gLXJmIH4=\x07",
	"\x1b]52;c;?\x07",
	/* DCS, APC, PM, SOS */
	"\x1bP$q\"p\x1b\\",
	"\x1b_APC payload\x1b\\",
	"\x1b^PM payload\x1b\\",
	"\x1bXSOS payload\x1b\\",
	"\x1bG" "Q",
	/* the same as raw C1 bytes */
	"\x9b" "31mred",
	"\x9d" "0;title\x9c",
	"\x90" "$q\"p\x9c",
	"\x9f" "apc\x9c",
	"\x9e" "pm\x9c",
	"\x98" "sos\x9c",
	/* and as UTF-8 encoded C1 */
	"\xc2\x9b" "31mred",
	"\xc2\x9d" "0;title\xc2\x9c",
	"\xc2\x9d" "52;c;cm0=\xc2\x9c",
	"\xc2\x90" "$q\"p\xc2\x9c",
	"\xc2\x9f" "apc\xc2\x9c",
	"\xc2\x9e" "pm\xc2\x9c",
	"\xc2\x98" "sos\xc2\x9c",
	"\xc2\x85" "next line",
	/* C0 and DEL */
	"bell\x07",
	"del\x7f",
	"ABCDEF\rXY",
	"ABC\b\bZ",
	"a\tb\t\tc",
	"line1\nline2",
	"dos\r\nline\r\n",
	"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10"
	    "\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f",
	"trailing escape\x1b",
	"\x1b",
	/* bidi controls */
	"abc\xe2\x80\xae" "txt.exe",
	"\xe2\x80\xaa" "lre\xe2\x80\xab" "rle\xe2\x80\xac" "pdf"
	    "\xe2\x80\xad" "lro",
	"\xe2\x81\xa6" "lri\xe2\x81\xa7" "rli\xe2\x81\xa8" "fsi"
	    "\xe2\x81\xa9" "pdi",
	"\xd8\x9c" "alm\xe2\x80\x8e" "lrm\xe2\x80\x8f" "rlm",
	/* zero-width and format characters */
	"zw\xe2\x80\x8b" "sp\xe2\x80\x8c" "nj\xe2\x80\x8d" "j",
	"\xef\xbb\xbf" "bom\xe2\x81\xa0" "wj",
	"soft\xc2\xad" "hyphen",
	"inv\xe2\x81\xa1\xe2\x81\xa2\xe2\x81\xa3\xe2\x81\xa4" "isible",
	"tag\xf3\xa0\x80\x81\xf3\xa0\x81\xa8\xf3\xa0\x81\xa9\xf3\xa0\x81\xbf",
	"line\xe2\x80\xa8" "sep\xe2\x80\xa9" "para",
	"nonchar\xef\xbf\xbe\xef\xbf\xbf\xef\xb7\x90",
	/* ill-formed UTF-8 */
	"\xff\xfe",
	"\x80\xbf",
	"cut\xc3",
	"cut\xe2\x82",
	"cut\xf0\x9f\x98",
	"\xc0\xaf",
	"\xc1\xbf",
	"\xe0\x80\xaf",
	"\xf0\x80\x80\xaf",
	"\xed\xa0\x80",
	"\xed\xbf\xbf",
	"\xed\xa0\xbd\xed\xb8\x80",
	"\xf4\x90\x80\x80",
	"\xf5\x80\x80\x80",
	"\xf8\x88\x80\x80\x80",
	"\xfc\x84\x80\x80\x80\x80",
	"\xc2\x1b[31m",
	/* combining marks, CJK, emoji */
	"e\xcc\x81",
	"Z\xcc\x8d\xcc\x8e\xcc\x84\xcd\x8a\xcd\x8b\xcc\x91\xcc\x92",
	"\xcc\x81" "leading combining",
	"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
	"\xe4\xb8\xad\xe6\x96\x87 mixed \xed\x95\x9c\xea\xb8\x80",
	"\xf0\x9f\x98\x80",
	"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
	    "\xf0\x9f\x91\xa7",
	"\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5",
	"\xe2\x80\xae\x1b[1m\xf0\x9f\x98\x80\xc2\x9b",
	"",
};

/* Test-side strict UTF-8 decoder; returns 0 on ill-formed input. */
static size_t
test_decode(const unsigned char *p, uint32_t *cp)
{
	uint32_t	 c = p[0];
	size_t		 n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0) {
		n = 2;
		c &= 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3;
		c &= 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4;
		c &= 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static int
is_invisible(uint32_t c)
{
	return c == 0xad || c == 0x61c || c == 0x180e || c == 0xfeff ||
	    (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) ||
	    (c >= 0xe0000 && c <= 0xe007f);
}

/*
 * Check the T1 invariants on s: well-formed UTF-8, no C0 (but LF when
 * allow_lf), no DEL, no C1, no bidi or format characters, and, when
 * known_width is set, every code point known to wcwidth. Returns NULL or
 * a reason.
 */
static const char *
check_safe(const char *s, int allow_lf)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c;
	size_t			 n;

	while (*p != '\0') {
		if (*p == '\n' && allow_lf) {
			p++;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f)
			return "C0 or DEL byte";
		n = test_decode(p, &c);
		if (n == 0)
			return "ill-formed UTF-8";
		if (c >= 0x80 && c <= 0x9f)
			return "C1 code point";
		if (is_invisible(c))
			return "bidi or format character";
		if (known_width && c >= 0x80 && wcwidth((wchar_t)c) < 0)
			return "code point unknown to wcwidth";
		p += n;
	}
	return NULL;
}

static void
check_one(const char *name, const char *in)
{
	static const size_t	 widths[] = { 0, 1, 2, 3, 5, 8, 13, 40, 80 };
	const char		*why;
	char			*out;
	size_t			 i, w;

	out = sanitize_line(in);
	why = check_safe(out, 0);
	ok(why == NULL, "line %s%s%s", name, why ? ": " : "", why ? why : "");
	free(out);

	out = sanitize_text(in);
	why = check_safe(out, 1);
	ok(why == NULL, "text %s%s%s", name, why ? ": " : "", why ? why : "");
	free(out);

	why = NULL;
	for (i = 0; i < sizeof widths / sizeof widths[0] && why == NULL; i++) {
		out = sanitize_clip(in, widths[i]);
		why = check_safe(out, 0);
		w = sanitize_width(out);
		if (why == NULL && w > widths[i])
			why = "clip wider than field";
		free(out);

		out = sanitize_pad(in, widths[i], (int)(i % 2));
		if (why == NULL)
			why = check_safe(out, 0);
		if (why == NULL && sanitize_width(out) != widths[i])
			why = "pad not exactly the field width";
		free(out);
	}
	ok(why == NULL, "clip/pad %s%s%s", name, why ? ": " : "",
	    why ? why : "");
}

/* Width by the C library, to cross-check sanitize_width. */
static long
libc_width(const char *s)
{
	wchar_t	*ws;
	size_t	 n;
	long	 w;

	n = mbstowcs(NULL, s, 0);
	if (n == (size_t)-1)
		return -1;
	ws = xreallocarray(NULL, n + 1, sizeof *ws);
	mbstowcs(ws, s, n + 1);
	w = wcswidth(ws, n);
	free(ws);
	return w;
}

static void
test_hostile(void)
{
	struct buf	 b;
	char		*big, *out, name[32];
	size_t		 i;
	long		 w;

	for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		snprintf(name, sizeof name, "hostile #%zu", i);
		check_one(name, hostile[i]);
		if (utf8_locale) {
			out = sanitize_clip(hostile[i], 13);
			w = libc_width(out);
			ok(w >= 0 && w <= 13 &&
			    (size_t)w == sanitize_width(out),
			    "wcswidth of clipped %s is %ld", name, w);
			free(out);
		} else {
			ok(1, "wcswidth # SKIP no UTF-8 locale");
		}
	}

	/* 10,000 characters mixing every family. */
	buf_init(&b);
	while (b.len < 10000)
		buf_adds(&b, "A\x1b[31m\xe2\x80\xae\xe6\x97\xa5\xcc\x81\t"
		    "\xc2\x9b\x9d\xff\xed\xa0\x80\r\n\x07");
	big = buf_detach(&b);
	check_one("10000-char string", big);
	out = sanitize_line(big);
	ok(strlen(out) > 10000, "long string kept its length (%zu bytes)",
	    strlen(out));
	free(out);
	out = sanitize_clip(big, 80);
	ok(sanitize_width(out) <= 80, "long string clipped to 80 columns");
	free(out);
	free(big);
}

static void
test_exact(void)
{
	static const struct {
		const char	*in;
		const char	*want;
	} lines[] = {
		{ "\x1b[31mred\x1b[0m", "^[[31mred^[[0m" },
		{ "\x1b]0;pwned\x07", "^[]0;pwned^G" },
		{ "\x1b]52;c;eA==\x1b\\", "^[]52;c;eA==^[\\" },
		{ "ABCDEF\rXY", "ABCDEF^MXY" },
		{ "ABC\b\bZ", "ABC^H^HZ" },
		{ "a\tb", "a b" },
		{ "a\nb", "a^Jb" },
		{ "a\r\nb", "a^M^Jb" },
		{ "del\x7f", "del^?" },
		{ "\x9b" "31m", FFFD "31m" },
		{ "\xc2\x9b" "31m", FFFD "31m" },
		{ "ab\xe2\x80\xae" "cd", "abcd" },
		{ "a\xe2\x80\x8b" "b\xef\xbb\xbf", "ab" },
		{ "soft\xc2\xad" "hyphen", "softhyphen" },
		{ "\xc0\xaf", FFFD FFFD },
		{ "\xe0\x80\xaf", FFFD FFFD FFFD },
		{ "\xed\xa0\x80", FFFD FFFD FFFD },
		{ "\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD },
		{ "cut\xe2\x82", "cut" FFFD },
		{ "\xff" "x", FFFD "x" },
		{ "e\xcc\x81 \xe6\x97\xa5 \xf0\x9f\x98\x80",
		    "e\xcc\x81 \xe6\x97\xa5 \xf0\x9f\x98\x80" },
		{ "caf\xc3\xa9", "caf\xc3\xa9" },
	};
	struct buf	 all;
	char		*out, *want;
	size_t		 i;

	buf_init(&all);
	buf_adds(&all, ">");
	want = xstrdup(">");
	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		out = sanitize_line(lines[i].in);
		is_str(out, lines[i].want, "sanitize_line exact #%zu", i);
		free(out);
		sanitize_line_add(&all, lines[i].in);
		out = xasprintf("%s%s", want, lines[i].want);
		free(want);
		want = out;
	}
	is_str(buf_str(&all), want, "sanitize_line_add appends the same");
	buf_fini(&all);
	free(want);

	out = sanitize_line(NULL);
	is_str(out, "", "sanitize_line(NULL)");
	free(out);
	out = sanitize_text(NULL);
	is_str(out, "", "sanitize_text(NULL)");
	free(out);
	out = sanitize_text("a\r\nb\tc\rd\n\x1b[1m\n");
	is_str(out, "a\nb    c^Md\n^[[1m\n", "sanitize_text keeps LF");
	free(out);

	out = sanitize_clip("hello world", 5);
	is_str(out, "hell\xe2\x80\xa6", "clip 11 to 5");
	free(out);
	out = sanitize_clip("hello", 5);
	is_str(out, "hello", "clip exact fit");
	free(out);
	out = sanitize_clip("hello", 0);
	is_str(out, "", "clip to 0");
	free(out);
	out = sanitize_clip("hello", 1);
	is_str(out, "\xe2\x80\xa6", "clip to 1");
	free(out);
	out = sanitize_clip(NULL, 4);
	is_str(out, "", "clip NULL");
	free(out);
	out = sanitize_clip("\x1b[31mred", 4);
	is_str(out, "^[[\xe2\x80\xa6", "clip sanitises first");
	free(out);
	out = sanitize_pad("ab", 5, 0);
	is_str(out, "ab   ", "pad left-aligned");
	free(out);
	out = sanitize_pad("ab", 5, 1);
	is_str(out, "   ab", "pad right-aligned");
	free(out);
	out = sanitize_pad("abcdef", 4, 1);
	is_str(out, "abc\xe2\x80\xa6", "pad clips");
	free(out);
	out = sanitize_pad("", 3, 0);
	is_str(out, "   ", "pad empty");
	free(out);

	is_int(sanitize_width(""), 0, "width of empty");
	is_int(sanitize_width(NULL), 0, "width of NULL");
	is_int(sanitize_width("abc"), 3, "width of ASCII");
	is_int(sanitize_width("\xe2\x80\xa6"), 1, "width of ellipsis");
}

/* Cases whose widths need a UTF-8 locale. */
static void
test_wide(void)
{
	char	*out;

	if (!utf8_locale) {
		ok(1, "wide tests # SKIP no UTF-8 locale");
		return;
	}
	is_int(sanitize_width("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"), 6,
	    "CJK is two columns each");
	is_int(sanitize_width("e\xcc\x81"), 1, "combining mark is zero");
	is_int(sanitize_width("\xf0\x9f\x98\x80"), 2, "emoji is two columns");
	out = sanitize_clip("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4);
	is_str(out, "\xe6\x97\xa5\xe2\x80\xa6",
	    "wide char over the limit dropped");
	free(out);
	out = sanitize_clip("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5);
	is_str(out, "\xe6\x97\xa5\xe6\x9c\xac\xe2\x80\xa6", "CJK clip to 5");
	free(out);
	out = sanitize_clip("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 6);
	is_str(out, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "CJK exact fit");
	free(out);
	out = sanitize_clip("e\xcc\x81" "abc", 3);
	is_str(out, "e\xcc\x81" "a\xe2\x80\xa6",
	    "combining mark kept with base");
	free(out);
	out = sanitize_clip("ab\xe6\x97\xa5\xcc\x81" "cd", 3);
	is_str(out, "ab\xe2\x80\xa6", "combining mark of dropped char dropped");
	free(out);
	out = sanitize_pad("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, 0);
	is_str(out, "\xe6\x97\xa5\xe2\x80\xa6 ",
	    "pad after dropping wide char");
	free(out);
}

/* In the C locale wcwidth knows no non-ASCII: each counts one column. */
static void
test_c_locale(void)
{
	char	*saved;

	saved = xstrdup(setlocale(LC_CTYPE, NULL));
	if (setlocale(LC_CTYPE, "C") == NULL ||
	    wcwidth((wchar_t)0x65e5) != -1) {
		ok(1, "C locale # SKIP wcwidth knows non-ASCII here");
		ok(1, "C locale # SKIP wcwidth knows non-ASCII here");
	} else {
		is_int(sanitize_width("\xe6\x97\xa5\xe6\x9c\xac"), 2,
		    "C locale: unknown wide chars count 1");
		is_int(sanitize_width("e\xcc\x81"), 2,
		    "C locale: unknown combining mark counts 1");
	}
	setlocale(LC_CTYPE, saved);
	free(saved);
}

/*
 * Random bytes: the invariants hold for any input. Code points that the
 * C library's tables do not know (unassigned ones) are kept, as
 * sanitising does not depend on the locale, so wcwidth is not checked.
 */
static void
test_random(void)
{
	char		 in[65], *out;
	const char	*why = NULL;
	uint32_t	 seed = 1;
	size_t		 n, len, i, cols;

	for (n = 0; n < 20000 && why == NULL; n++) {
		seed = seed * 1103515245U + 12345U;
		len = (seed >> 16) % 64;
		for (i = 0; i < len; i++) {
			seed = seed * 1103515245U + 12345U;
			in[i] = (char)(1 + (seed >> 16) % 255);
		}
		in[len] = '\0';
		cols = n % 17;
		out = sanitize_line(in);
		why = check_safe(out, 0);
		free(out);
		out = sanitize_text(in);
		if (why == NULL)
			why = check_safe(out, 1);
		free(out);
		out = sanitize_pad(in, cols, (int)(n % 2));
		if (why == NULL)
			why = check_safe(out, 0);
		if (why == NULL && sanitize_width(out) != cols)
			why = "pad width";
		free(out);
	}
	ok(why == NULL, "20000 random byte strings%s%s", why ? ": " : "",
	    why ? why : "");
}

/* sanitize_json: terminal-acting characters become \u escapes, the rest
 * (ASCII, ordinary UTF-8, U+FFFD, cJSON's own escapes) is untouched. */
static void
test_json(void)
{
	static const struct {
		const char	*in, *want;
	} t[] = {
		{ "{\"a\":\t\"plain caf\xc3\xa9 \xe6\x97\xa5\"}",
		  "{\"a\":\t\"plain caf\xc3\xa9 \xe6\x97\xa5\"}" },
		{ "\"\\u001b[31m\"", "\"\\u001b[31m\"" },
		{ "\"del\x7f\"", "\"del\\u007f\"" },
		{ "\"\xc2\x9b" "31m\"", "\"\\u009b31m\"" },
		{ "\"a\xe2\x80\xae" "b\"", "\"a\\u202eb\"" },
		{ "\"\xef\xbb\xbf\xe2\x80\x8b\"", "\"\\ufeff\\u200b\"" },
		{ "\"\xf3\xa0\x80\x81\"", "\"\\udb40\\udc01\"" },
		{ "\"\xef\xbf\xbd\"", "\"\xef\xbf\xbd\"" },
		{ "\"\xff\"", "\"\\ufffd\"" },
		{ "", "" },
	};
	size_t	 i;
	char	*out;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		out = sanitize_json(t[i].in);
		is_str(out, t[i].want, "sanitize_json case %zu", i);
		free(out);
	}
}

int
main(void)
{
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "en_US.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	utf8_locale = wcwidth((wchar_t)0x65e5) == 2;
	known_width = utf8_locale;
	if (!utf8_locale)
		printf("# no UTF-8 locale: width checks are skipped\n");

	test_exact();
	test_wide();
	test_c_locale();
	test_hostile();
	test_json();
	known_width = 0;
	test_random();
	return done_testing();
}
