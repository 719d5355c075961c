/* SPDX-License-Identifier: ISC */
/*
 * Text output. Tables that would not fit in 80 columns first narrow
 * their free-text columns (to 8 columns), then leave out the columns a
 * reader needs least (the csv, md and html reports keep them all). Bars
 * are drawn in eighths of a block; a sparkline has eight levels, with
 * the lowest kept for zero so that a small value still shows.
 */
#include "config.h"

#include "report/report-text.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "report/report.h"
#include "report/report-doc.h"

#define TXT_INDENT	2
#define TXT_GAP		2
#define TXT_FLEX_MIN	8
#define TXT_BAR		14	/* columns of a bar in a table */
#define TXT_SPARK_MAX	56	/* columns of a sparkline */
#define TXT_LABEL_MAX	28	/* columns of a bar chart's labels */

#define SGR_BOLD	"\033[1m"
#define SGR_DIM		"\033[2m"
#define SGR_BAR		"\033[36m"
#define SGR_RESET	"\033[0m"

static const char *const txt_eighths[8] = {
	"\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c",
	"\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89", "\xe2\x96\x88"
};
static const char *const txt_levels[8] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
};

struct txt {
	struct buf	*b;
	bool		 color;
};

static void
txt_sgr(struct txt *x, const char *sgr)
{
	if (x->color)
		buf_adds(x->b, sgr);
}

static void
txt_spaces(struct buf *b, size_t n)
{
	while (n-- > 0)
		buf_addc(b, ' ');
}

/* End a line: drop the spaces before it, then add the newline. */
static void
txt_eol(struct buf *b)
{
	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	buf_addc(b, '\n');
}

/*
 * A bar of `frac` (0 to 1) of `width` columns, in eighths of a block,
 * padded with spaces to width. NaN or <= 0 draws nothing; anything
 * above 0 draws at least an eighth.
 */
void
report_text_bar(struct buf *b, double frac, size_t width)
{
	size_t	 eighths, full, i;

	if (isnan(frac) || frac <= 0) {
		txt_spaces(b, width);
		return;
	}
	if (frac > 1)
		frac = 1;
	eighths = (size_t)floor(frac * (double)width * 8 + 0.5);
	if (eighths == 0)
		eighths = 1;
	full = eighths / 8;
	for (i = 0; i < full; i++)
		buf_adds(b, txt_eighths[7]);
	if (eighths % 8 != 0) {
		buf_adds(b, txt_eighths[eighths % 8 - 1]);
		full++;
	}
	txt_spaces(b, width - full);
}

/*
 * A sparkline of v[0..n) in at most `width` columns. A count (`last`
 * 0) is summed over the days a column covers and drawn from zero: zero
 * is the lowest level, anything above it at least the next. A level
 * (`last` set, such as the shots still open) takes the last value of
 * its days and is drawn from its lowest value to its highest, so a
 * change shows; a level that never changes is drawn half-way up (or at
 * the bottom when it is zero).
 */
void
report_text_spark(struct buf *b, const double *v, size_t n, size_t width,
    int last)
{
	double	*col, max = 0, min = 0;
	size_t	 w, i, k, from, to;
	int	 lvl;

	if (n == 0 || width == 0)
		return;
	w = n < width ? n : width;
	col = xcalloc(w, sizeof *col);
	for (k = 0; k < w; k++) {
		from = k * n / w;
		to = (k + 1) * n / w;
		for (i = from; i < to; i++) {
			if (isnan(v[i]))
				continue;
			if (last)
				col[k] = v[i];
			else
				col[k] += v[i];
		}
		if (k == 0 || col[k] > max)
			max = col[k];
		if (k == 0 || col[k] < min)
			min = col[k];
	}
	if (!last || min < 0)
		min = 0;
	for (k = 0; k < w; k++) {
		lvl = 0;
		if (last && max == min)
			lvl = max > 0 ? 3 : 0;
		else if (last)
			lvl = (int)floor((col[k] - min) / (max - min) * 7 + 0.5);
		else if (col[k] > 0 && max > 0) {
			lvl = (int)ceil(col[k] / max * 7);
			lvl = lvl < 1 ? 1 : lvl;
		}
		lvl = lvl < 0 ? 0 : (lvl > 7 ? 7 : lvl);
		buf_adds(b, txt_levels[lvl]);
	}
	free(col);
}

/* Append one code point of the sanitised s at *p; returns its width. */
static size_t
txt_char(struct buf *b, const char **p)
{
	const char	*s = *p;
	char		 one[5];
	size_t		 n = 1;

	while (n < 4 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n++;
	memcpy(one, s, n);
	one[n] = '\0';
	if (b != NULL)
		buf_add(b, s, n);
	*p = s + n;
	return sanitize_width(one);
}

/*
 * Wrap text (any, sanitised here; newlines start new lines) to `width`
 * columns, each line indented by `indent` spaces. A word longer than a
 * line is cut where the line ends.
 */
void
report_text_wrap(struct buf *b, const char *text, size_t indent, size_t width)
{
	char		*clean, *line, *next, *word, *end;
	const char	*p, *q;
	size_t		 avail, used, w;

	avail = width > indent + 10 ? width - indent : 10;
	clean = sanitize_text(text);
	for (line = clean; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		used = 0;
		txt_spaces(b, indent);
		for (word = line; *word != '\0'; word = end) {
			while (*word == ' ')
				word++;
			if (*word == '\0')
				break;
			end = strchr(word, ' ');
			if (end == NULL)
				end = word + strlen(word);
			if (*end != '\0')
				*end++ = '\0';
			w = sanitize_width(word);
			if (used > 0 && used + 1 + w > avail) {
				txt_eol(b);
				txt_spaces(b, indent);
				used = 0;
			} else if (used > 0) {
				buf_addc(b, ' ');
				used++;
			}
			for (p = word; *p != '\0';) {
				q = p;
				if (used > 0 && used + txt_char(NULL, &q) >
				    avail) {
					txt_eol(b);
					txt_spaces(b, indent);
					used = 0;
				}
				used += txt_char(b, &p);
			}
		}
		txt_eol(b);
	}
	free(clean);
}

/* s clipped and padded to exactly w columns. */
static void
txt_cell(struct buf *b, const char *s, size_t w, bool right)
{
	char	*p;

	p = sanitize_pad(s, w, right);
	buf_adds(b, p);
	free(p);
}

static void
txt_title(struct txt *x, const char *title)
{
	char	*t;

	t = sanitize_clip(title, REPORT_TEXT_WIDTH);
	txt_sgr(x, SGR_BOLD);
	buf_adds(x->b, t);
	txt_sgr(x, SGR_RESET);
	txt_eol(x->b);
	free(t);
}

static void
txt_section(struct txt *x, const char *title)
{
	char	*t;
	size_t	 i, w;

	t = sanitize_clip(title, REPORT_TEXT_WIDTH);
	w = sanitize_width(t);
	buf_addc(x->b, '\n');
	txt_sgr(x, SGR_BOLD);
	buf_adds(x->b, t);
	txt_sgr(x, SGR_RESET);
	txt_eol(x->b);
	for (i = 0; i < w; i++)
		buf_adds(x->b, "\xe2\x94\x80");	/* U+2500 */
	txt_eol(x->b);
	free(t);
}

static void
txt_figures(struct txt *x, const struct rdoc_figures *fs)
{
	size_t	 i, lw = 0, vw = 0, w, room;
	char	*note;

	for (i = 0; i < fs->n; i++) {
		w = sanitize_width(fs->v[i].label);
		lw = w > lw ? w : lw;
		w = sanitize_width(fs->v[i].value);
		vw = w > vw ? w : vw;
	}
	lw = lw > 24 ? 24 : lw;
	vw = vw > 20 ? 20 : vw;
	room = REPORT_TEXT_WIDTH - TXT_INDENT - lw - vw - 2 * TXT_GAP;
	for (i = 0; i < fs->n; i++) {
		txt_spaces(x->b, TXT_INDENT);
		txt_cell(x->b, fs->v[i].label, lw, false);
		txt_spaces(x->b, TXT_GAP);
		txt_cell(x->b, fs->v[i].value, vw, true);
		if (fs->v[i].note != NULL) {
			txt_spaces(x->b, TXT_GAP);
			note = sanitize_clip(fs->v[i].note, room);
			txt_sgr(x, SGR_DIM);
			buf_adds(x->b, note);
			txt_sgr(x, SGR_RESET);
			free(note);
		}
		txt_eol(x->b);
	}
}

struct txt_col {
	size_t	 w;
	bool	 on;
};

/*
 * Choose the columns of a table and their widths for 80 columns: flex
 * columns narrow to TXT_FLEX_MIN, then the columns with the highest
 * `drop` go until the rest fits. Returns the columns in cw (on/width).
 */
static void
txt_layout(const struct rdoc_table *t, char **cells, size_t rows,
    struct txt_col *cw, size_t indent)
{
	size_t	 i, j, fixed, flex, avail, give, need, ncol, best;
	int	 top;

	for (j = 0; j < t->cols.n; j++) {
		const struct rdoc_col *c = &t->cols.v[j];

		cw[j].on = c->title != NULL && !(c->flags & RDOC_BLOCK);
		cw[j].w = c->title != NULL ? sanitize_width(c->title) : 0;
		if (c->flags & RDOC_BAR)
			cw[j].w = TXT_BAR;
		else {
			for (i = 0; i < rows; i++) {
				size_t w = sanitize_width(cells[i *
				    t->cols.n + j]);

				cw[j].w = w > cw[j].w ? w : cw[j].w;
			}
		}
	}
	for (;;) {
		fixed = flex = ncol = 0;
		for (j = 0; j < t->cols.n; j++) {
			if (!cw[j].on)
				continue;
			ncol++;
			if (t->cols.v[j].flags & RDOC_FLEX)
				flex += cw[j].w < TXT_FLEX_MIN ? cw[j].w :
				    TXT_FLEX_MIN;
			else
				fixed += cw[j].w;
		}
		need = indent + fixed + flex + (ncol > 0 ? ncol - 1 : 0) *
		    TXT_GAP;
		if (need <= REPORT_TEXT_WIDTH)
			break;
		top = 0;
		best = t->cols.n;
		for (j = 0; j < t->cols.n; j++) {
			if (cw[j].on && t->cols.v[j].drop >= top &&
			    t->cols.v[j].drop > 0) {
				top = t->cols.v[j].drop;
				best = j;
			}
		}
		if (best == t->cols.n)
			break;
		cw[best].on = false;
	}
	if (need > REPORT_TEXT_WIDTH)
		return;
	/* Give the flex columns what room is left, left to right. */
	avail = REPORT_TEXT_WIDTH - (need - flex);
	for (j = 0; j < t->cols.n; j++) {
		if (!cw[j].on || !(t->cols.v[j].flags & RDOC_FLEX))
			continue;
		give = cw[j].w < TXT_FLEX_MIN ? cw[j].w : TXT_FLEX_MIN;
		flex -= give;
		if (cw[j].w > avail - flex)
			cw[j].w = avail - flex;
		avail -= cw[j].w;
	}
}

/* A table: its title (unless untitled), its header and rows, and what
 * was left out. `bare` gives the header and all rows only. */
static void
txt_table(struct txt *x, const struct rdoc_table *t, bool bare,
    bool titled)
{
	struct txt_col	*cw;
	char		**cells;
	size_t		 rows, all, i, j, first, indent;
	bool		 right;

	all = rdoc_rows(t);
	rows = bare ? all : rdoc_shown(t, REPORT_TXT);
	indent = bare ? 0 : TXT_INDENT;
	if (!bare && titled) {
		buf_addc(x->b, '\n');
		txt_spaces(x->b, indent);
		txt_sgr(x, SGR_BOLD);
		txt_cell(x->b, t->title, sanitize_width(t->title) >
		    REPORT_TEXT_WIDTH - indent ? REPORT_TEXT_WIDTH - indent :
		    sanitize_width(t->title), false);
		txt_sgr(x, SGR_RESET);
		txt_eol(x->b);
	}
	if (all == 0) {
		if (!bare) {
			txt_spaces(x->b, indent);
			buf_adds(x->b, t->empty != NULL ? t->empty :
			    "(none)");
			txt_eol(x->b);
		}
		return;
	}
	cells = xreallocarray(NULL, rows * t->cols.n + 1, sizeof *cells);
	for (i = 0; i < rows * t->cols.n; i++)
		cells[i] = sanitize_line(t->cells.v[i].text);
	cw = xcalloc(t->cols.n, sizeof *cw);
	txt_layout(t, cells, rows, cw, indent);

	for (i = 0; i <= rows; i++) {
		txt_spaces(x->b, indent);
		first = 1;
		for (j = 0; j < t->cols.n; j++) {
			const struct rdoc_col *c = &t->cols.v[j];

			if (!cw[j].on)
				continue;
			if (!first)
				txt_spaces(x->b, TXT_GAP);
			first = 0;
			right = (c->flags & RDOC_RIGHT) != 0;
			if (i == 0)
				txt_cell(x->b, c->title, cw[j].w, right);
			else if (c->flags & RDOC_BAR) {
				txt_sgr(x, SGR_BAR);
				report_text_bar(x->b, rdoc_at(t, i - 1,
				    j)->bar, cw[j].w);
				txt_sgr(x, SGR_RESET);
			} else
				txt_cell(x->b, cells[(i - 1) * t->cols.n + j],
				    cw[j].w, right);
		}
		txt_eol(x->b);
		if (i == 0)
			continue;
		for (j = 0; j < t->cols.n; j++) {
			const char *s = rdoc_at(t, i - 1, j)->text;

			if ((t->cols.v[j].flags & RDOC_BLOCK) &&
			    t->cols.v[j].title != NULL && *s != '\0')
				report_text_wrap(x->b, s, indent + 4,
				    REPORT_TEXT_WIDTH);
		}
	}
	if (rows < all) {
		txt_spaces(x->b, indent);
		buf_addf(x->b, "%zu more in the csv and json reports.",
		    all - rows);
		txt_eol(x->b);
	}
	for (i = 0; i < rows * t->cols.n; i++)
		free(cells[i]);
	free(cells);
	free(cw);
}

/* The largest value of a series, 0 when it has none. */
static double
txt_max(const double *v, size_t n)
{
	double	 m = 0;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (!isnan(v[i]) && v[i] > m)
			m = v[i];
	}
	return m;
}

/* A number for a chart's legend: whole, or with two decimals. */
static char *
txt_num(double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		return xasprintf("%.0f", v);
	return xasprintf("%.2f", v);
}

/* Bars: the code and label, the bar, the value as shown. */
static void
txt_bars(struct txt *x, const struct rdoc_chart *c)
{
	char	*lab;
	size_t	 i, cw = 0, lw = 0, vw = 0, w, bw;
	double	 max;

	for (i = 0; i < c->n; i++) {
		w = sanitize_width(c->labels[i]);
		cw = w > cw ? w : cw;
		w = sanitize_width(c->labels2[i]);
		lw = w > lw ? w : lw;
		w = sanitize_width(c->values[i]);
		vw = w > vw ? w : vw;
	}
	cw = cw > 16 ? 16 : cw;
	lw = cw + TXT_GAP + lw > TXT_LABEL_MAX ? (TXT_LABEL_MAX > cw +
	    TXT_GAP ? TXT_LABEL_MAX - cw - TXT_GAP : 0) : lw;
	bw = REPORT_TEXT_WIDTH - TXT_INDENT - cw - lw - vw - 3 * TXT_GAP;
	max = txt_max(c->series[0].v, c->n);
	for (i = 0; i < c->n; i++) {
		txt_spaces(x->b, TXT_INDENT);
		txt_cell(x->b, c->labels[i], cw, false);
		txt_spaces(x->b, TXT_GAP);
		lab = sanitize_line(c->labels2[i]);
		txt_cell(x->b, lab, lw, false);
		free(lab);
		txt_spaces(x->b, TXT_GAP);
		txt_sgr(x, SGR_BAR);
		report_text_bar(x->b, max > 0 ? c->series[0].v[i] / max : 0,
		    bw);
		txt_sgr(x, SGR_RESET);
		txt_spaces(x->b, TXT_GAP);
		txt_cell(x->b, c->values[i], vw, true);
		txt_eol(x->b);
	}
}

static void
txt_lines(struct txt *x, const struct rdoc_chart *c)
{
	const struct rdoc_series	*s;
	size_t				 nw = 0, w, sw;
	char				*a, *b;
	int				 k;

	for (k = 0; k < c->nseries; k++) {
		w = sanitize_width(c->series[k].name);
		nw = w > nw ? w : nw;
	}
	sw = c->n < TXT_SPARK_MAX ? c->n : TXT_SPARK_MAX;
	for (k = 0; k < c->nseries; k++) {
		s = &c->series[k];
		txt_spaces(x->b, TXT_INDENT);
		txt_cell(x->b, s->name, nw, false);
		txt_spaces(x->b, TXT_GAP);
		txt_sgr(x, SGR_BAR);
		report_text_spark(x->b, s->v, c->n, sw, s->last);
		txt_sgr(x, SGR_RESET);
		txt_spaces(x->b, TXT_GAP);
		if (s->last) {
			a = txt_num(isnan(s->v[0]) ? 0 : s->v[0]);
			b = txt_num(isnan(s->v[c->n - 1]) ? 0 :
			    s->v[c->n - 1]);
			buf_addf(x->b, "%s \xe2\x86\x92 %s", a, b);
		} else {
			a = txt_num(txt_max(s->v, c->n));
			b = NULL;
			buf_addf(x->b, "peak %s a day", a);
		}
		free(a);
		free(b);
		txt_eol(x->b);
	}
	/* The first and last day under the sparkline. */
	txt_spaces(x->b, TXT_INDENT + nw + TXT_GAP);
	a = sanitize_line(c->labels[0]);
	b = sanitize_line(c->labels[c->n - 1]);
	if (c->n == 1)
		buf_adds(x->b, a);
	else if (sw >= sanitize_width(a) + 1 + sanitize_width(b)) {
		buf_adds(x->b, a);
		txt_spaces(x->b, sw - sanitize_width(a) - sanitize_width(b));
		buf_adds(x->b, b);
	} else
		buf_addf(x->b, "%s to %s", a, b);
	free(a);
	free(b);
	txt_eol(x->b);
}

static void
txt_chart(struct txt *x, const struct rdoc_chart *c)
{
	char	*t;

	if (c->n == 0)
		return;
	buf_addc(x->b, '\n');
	txt_spaces(x->b, TXT_INDENT);
	t = sanitize_clip(c->title, REPORT_TEXT_WIDTH - TXT_INDENT);
	txt_sgr(x, SGR_BOLD);
	buf_adds(x->b, t);
	txt_sgr(x, SGR_RESET);
	txt_eol(x->b);
	free(t);
	if (c->kind == RDOC_CHART_BARS)
		txt_bars(x, c);
	else
		txt_lines(x, c);
}

/*
 * Write the document as text into b: a title, then each section. With
 * out->table, only that table, without its title or indent (for
 * scripts). The table must exist (rdoc_check_table).
 */
void
report_text(const struct rdoc *d, const struct report_out *out,
    struct buf *b)
{
	struct txt	 x;
	const char	*section = NULL;
	char		*title;
	size_t		 i;

	x.b = b;
	x.color = out->color;
	if (out->table != NULL) {
		for (i = 0; i < d->blocks.n; i++) {
			const struct rdoc_table *t = d->blocks.v[i].table;

			if (t != NULL && rdoc_table_in(t, REPORT_TXT) &&
			    strcmp(t->name, out->table) == 0) {
				txt_table(&x, t, true, false);
				break;
			}
		}
		return;
	}
	title = xasprintf("Production report: %s", d->title);
	txt_title(&x, title);
	free(title);
	for (i = 0; i < d->meta.n; i++)
		report_text_wrap(b, d->meta.v[i], 0, REPORT_TEXT_WIDTH);
	for (i = 0; i < d->blocks.n; i++) {
		const struct rdoc_block *k = &d->blocks.v[i];

		switch (k->kind) {
		case RDOC_SECTION:
			txt_section(&x, k->text);
			section = k->text;
			break;
		case RDOC_PARA:
			report_text_wrap(b, k->text, 0, REPORT_TEXT_WIDTH);
			break;
		case RDOC_FIGURES:
			txt_figures(&x, &k->figures);
			break;
		case RDOC_TABLE:
			if (!rdoc_table_in(k->table, REPORT_TXT))
				break;
			/* No title when the section says it already. */
			txt_table(&x, k->table, false, section == NULL ||
			    strcmp(section, k->table->title) != 0);
			break;
		case RDOC_CHART:
			txt_chart(&x, k->chart);
			break;
		}
	}
}
