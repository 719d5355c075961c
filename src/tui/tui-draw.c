/* SPDX-License-Identifier: ISC */
/*
 * Drawing primitives. Every string drawn goes through the sanitiser and
 * is clipped by display width (wcwidth), so database text can neither
 * move the cursor nor break a wide character. Outside a UTF-8 locale
 * (TERM=vt100 with LANG=C) non-ASCII characters are drawn as '?' and
 * bars use '#', so nothing garbles the screen.
 */
#include "config.h"

#include "tui/tui-draw.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "tui/tui-keys.h"

struct tui_role {
	short	 fg;
	short	 bg;
	attr_t	 color_attr;	/* with colour */
	attr_t	 mono_attr;	/* without */
};

/* fg/bg -1 is the terminal's default. */
static const struct tui_role tui_roles[TC_COUNT] = {
	[TC_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[TC_HEADER] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[TC_FOOTER] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[TC_SELECT] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[TC_SELECT_DIM] = { -1, -1, A_REVERSE, A_UNDERLINE },
	[TC_TITLE] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[TC_DIM] = { -1, -1, A_DIM, A_DIM },
	[TC_ERROR] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_REVERSE },
	[TC_INFO] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[TC_BAR] = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[TC_KEEP] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[TC_REJECT] = { COLOR_RED, -1, A_NORMAL, A_DIM },
	[TC_MAYBE] = { COLOR_YELLOW, -1, A_NORMAL, A_UNDERLINE },
	[TC_MARK] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	[TC_DEL] = { COLOR_RED, -1, A_NORMAL, A_STANDOUT },
	[TC_ADD] = { COLOR_GREEN, -1, A_NORMAL, A_UNDERLINE },
	[TC_PLANNED] = { -1, -1, A_NORMAL, A_NORMAL },
	[TC_ACTIVE] = { COLOR_YELLOW, -1, A_NORMAL, A_NORMAL },
	[TC_DONE] = { COLOR_GREEN, -1, A_NORMAL, A_BOLD },
};

static bool	 tui_color_on;
static bool	 tui_utf8;

/* Set up colours (when wanted and available) and note the locale. */
void
tui_draw_init(bool want_color)
{
	const char	*cs;
	int		 i;

	cs = nl_langinfo(CODESET);
	tui_utf8 = cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
	tui_color_on = false;
	if (!want_color || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	for (i = 1; i < TC_COUNT && i < COLOR_PAIRS; i++)
		init_pair((short)i, tui_roles[i].fg, tui_roles[i].bg);
	tui_color_on = COLOR_PAIRS > TC_COUNT;
}

bool
tui_draw_utf8(void)
{
	return tui_utf8;
}

/* The attributes of a colour role. */
attr_t
tui_attr(enum tui_color c)
{
	if ((unsigned)c >= TC_COUNT)
		return A_NORMAL;
	if (!tui_color_on)
		return tui_roles[c].mono_attr;
	if (c == TC_NORMAL || c == TC_SELECT_DIM || c == TC_DIM)
		return tui_roles[c].color_attr;
	return COLOR_PAIR(c) | tui_roles[c].color_attr;
}

attr_t
tui_status_attr(enum status st)
{
	switch (st) {
	case STATUS_GENERATING:
	case STATUS_REVIEW:
		return tui_attr(TC_ACTIVE);
	case STATUS_APPROVED:
	case STATUS_POST:
	case STATUS_FINAL:
		return tui_attr(TC_DONE);
	case STATUS_OMITTED:
		return tui_attr(TC_DIM);
	default:
		return tui_attr(TC_PLANNED);
	}
}

attr_t
tui_verdict_attr(enum verdict v)
{
	switch (v) {
	case VERDICT_KEEP:
		return tui_attr(TC_KEEP);
	case VERDICT_REJECT:
		return tui_attr(TC_REJECT);
	case VERDICT_MAYBE:
		return tui_attr(TC_MAYBE);
	default:
		return tui_attr(TC_NORMAL);
	}
}

/* Outside UTF-8, replace every non-ASCII character with '?'. */
static void
tui_ascii(char *s)
{
	unsigned char	*in = (unsigned char *)s, *out = (unsigned char *)s;

	for (; *in != '\0'; in++) {
		if (*in < 0x80)
			*out++ = *in;
		else if ((*in & 0xc0) != 0x80)
			*out++ = '?';
	}
	*out = '\0';
}

static void
tui_draw_cell(int y, int x, int width, const char *text, attr_t attr,
    int right)
{
	char	*s;

	if (width <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + width > COLS)
		width = COLS - x;
	s = sanitize_pad(text != NULL ? text : "", (size_t)width, right);
	if (!tui_utf8) {
		tui_ascii(s);
		/* '?' keeps the width of the cell for one-column text. */
	}
	attron(attr);
	mvaddstr(y, x, s);
	attroff(attr);
	free(s);
}

/* Draw text at (y, x) in exactly `width` columns, clipped with an
 * ellipsis or padded with spaces. */
void
tui_put(int y, int x, int width, const char *text, attr_t attr)
{
	tui_draw_cell(y, x, width, text, attr, 0);
}

/* As tui_put, aligned to the right (numbers). */
void
tui_putr(int y, int x, int width, const char *text, attr_t attr)
{
	tui_draw_cell(y, x, width, text, attr, 1);
}

/* Fill `width` columns with blanks in attr. */
void
tui_fill(int y, int x, int width, attr_t attr)
{
	tui_draw_cell(y, x, width, "", attr, 0);
}

/* A horizontal bar of `width` columns filled to ratio (0..1), in eighths
 * of a cell with block characters. */
void
tui_bar(int y, int x, int width, double ratio, attr_t attr)
{
	static const char *const eighths[8] = {
		"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d",
		"\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89"
	};
	struct buf	 b;
	int		 n, full, part, i;

	if (width <= 0)
		return;
	if (ratio < 0 || ratio != ratio)
		ratio = 0;
	if (ratio > 1)
		ratio = 1;
	n = (int)(ratio * width * 8 + 0.5);
	if (ratio > 0 && n == 0)
		n = 1;		/* anything at all shows */
	full = n / 8;
	part = n % 8;
	buf_init(&b);
	for (i = 0; i < full; i++)
		buf_adds(&b, tui_utf8 ? "\xe2\x96\x88" : "#");
	if (part > 0 && full < width)
		buf_adds(&b, tui_utf8 ? eighths[part] : (part >= 4 ? "#" : ":"));
	attron(attr);
	mvaddstr(y, x, buf_str(&b));
	attroff(attr);
	buf_fini(&b);
}

/* A sparkline of n values in at most width columns (the last ones). */
void
tui_spark(int y, int x, int width, const long long *v, int n, attr_t attr)
{
	static const char *const levels[8] = {
		"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
	};
	static const char ascii[] = "_.-=+*#@";
	struct buf	 b;
	long long	 max = 0;
	int		 i, first, lv;

	first = n > width ? n - width : 0;
	for (i = first; i < n; i++) {
		if (v[i] > max)
			max = v[i];
	}
	buf_init(&b);
	for (i = first; i < n; i++) {
		lv = max > 0 ? (int)((v[i] * 7 + max - 1) / max) : 0;
		if (v[i] == 0)
			buf_addc(&b, ' ');
		else if (tui_utf8)
			buf_adds(&b, levels[lv]);
		else
			buf_addc(&b, ascii[lv]);
	}
	attron(attr);
	mvaddstr(y, x, buf_str(&b));
	attroff(attr);
	buf_fini(&b);
}

/* Bytes in the UTF-8 character starting with byte c (1 for others). */
static size_t
tui_char_len(unsigned char c)
{
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

static void
tui_wrap_add(char ***v, int *n, int *cap, const char *s, size_t len)
{
	if (*n == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		*v = xreallocarray(*v, (size_t)*cap, sizeof **v);
	}
	(*v)[(*n)++] = xstrndup(s, len);
}

/*
 * Wrap text (sanitised here) to `width` columns, breaking at spaces and
 * cutting words longer than a line at a character boundary. Returns the
 * number of lines; *lines holds them (free with tui_wrap_free).
 */
int
tui_wrap(const char *text, int width, char ***lines)
{
	char		*clean, *p, *nl, one[8];
	const char	*start, *q, *brk, *end;
	char		**v = NULL;
	int		 n = 0, cap = 0, w, cw;
	size_t		 clen;

	if (width < 4)
		width = 4;
	clean = sanitize_text(text != NULL ? text : "");
	for (p = clean; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		if (*p == '\0')
			tui_wrap_add(&v, &n, &cap, "", 0);
		for (start = p; *start != '\0'; ) {
			w = 0;
			brk = NULL;
			for (q = start; *q != '\0'; q += clen) {
				clen = tui_char_len((unsigned char)*q);
				memcpy(one, q, clen);
				one[clen] = '\0';
				cw = (int)sanitize_width(one);
				if (w + cw > width)
					break;
				w += cw;
				if (*q == ' ')
					brk = q;
			}
			if (*q == '\0')
				end = q;
			else if (brk != NULL && brk > start)
				end = brk;
			else if (q > start)
				end = q;
			else
				end = q + tui_char_len((unsigned char)*q);
			tui_wrap_add(&v, &n, &cap, start, (size_t)(end - start));
			start = end;
			while (*start == ' ')
				start++;
		}
	}
	free(clean);
	*lines = v;
	return n;
}

void
tui_wrap_free(char **lines, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* Keep a list cursor in [0, n) and its first shown row so that the
 * cursor is visible in `rows` rows. */
void
tui_list_fix(int *cur, int *top, int n, int rows)
{
	if (*cur >= n)
		*cur = n - 1;
	if (*cur < 0)
		*cur = 0;
	if (rows < 1)
		rows = 1;
	if (*top > *cur)
		*top = *cur;
	if (*cur >= *top + rows)
		*top = *cur - rows + 1;
	if (*top > n - rows)
		*top = n - rows;
	if (*top < 0)
		*top = 0;
}

/* Move a list cursor for a movement operation (an enum tui_op); returns
 * 1 when op was a movement. */
int
tui_list_key(int *cur, int n, int op, int rows)
{
	switch (op) {
	case OP_UP:
		(*cur)--;
		break;
	case OP_DOWN:
		(*cur)++;
		break;
	case OP_TOP:
		*cur = 0;
		break;
	case OP_BOTTOM:
		*cur = n - 1;
		break;
	case OP_PAGE_UP:
		*cur -= rows;
		break;
	case OP_PAGE_DOWN:
		*cur += rows;
		break;
	default:
		return 0;
	}
	if (*cur >= n)
		*cur = n - 1;
	if (*cur < 0)
		*cur = 0;
	return 1;
}
