/* SPDX-License-Identifier: ISC */
/*
 * SVG charts, drawn as plain shapes and text with fixed coordinates in a
 * viewBox, so they scale to the page and print sharply; no script and
 * no external font or image. Axis steps are "nice" numbers (1, 2 or 5
 * times a power of ten). All text goes through report_xml_escape.
 */
#include "config.h"

#include "report/report-svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "report/report-doc.h"

#define SVG_W		720
#define SVG_FONT	"system-ui, -apple-system, 'Segoe UI', Roboto, " \
			"Helvetica, Arial, sans-serif"
#define SVG_INK		"#1d2330"
#define SVG_MUTED	"#5b6473"
#define SVG_GRID	"#e3e7ee"

static const char *const svg_palette[] = {
	"#2f6fdf", "#1f9d6b", "#d9822b", "#8a4fd0"
};

/*
 * Append s as XML character data or attribute text: sanitised (so no
 * control character or invalid UTF-8 reaches the document, which XML
 * forbids), with & < > " ' as entities; with `br`, a line break
 * becomes <br/>, else a space.
 */
void
report_xml_escape(struct buf *b, const char *s, bool br)
{
	char		*clean;
	const char	*p;

	clean = sanitize_text(s != NULL ? s : "");
	for (p = clean; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		case '\n':
			buf_adds(b, br ? "<br/>" : " ");
			break;
		default:
			buf_addc(b, *p);
			break;
		}
	}
	free(clean);
}

/* s clipped to cols columns, escaped. */
static void
svg_text(struct buf *b, const char *s, size_t cols)
{
	char	*c;

	c = sanitize_clip(s != NULL ? s : "", cols);
	report_xml_escape(b, c, false);
	free(c);
}

static void
svg_open(struct buf *b, const struct rdoc_chart *c, int h)
{
	buf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	    "font-family=\"%s\" font-size=\"12\" fill=\"" SVG_INK "\">"
	    "<title>", SVG_W, h, SVG_W, h, SVG_FONT);
	report_xml_escape(b, c->title, false);
	buf_adds(b, "</title>\n");
}

/* A step of 1, 2 or 5 times a power of ten giving about `ticks` steps
 * up to max (at least 1 for whole numbers). */
static double
svg_step(double max, int ticks, bool whole)
{
	double	 raw, mag, f, step;

	if (max <= 0)
		return 1;
	raw = max / ticks;
	mag = pow(10, floor(log10(raw)));
	f = raw / mag;
	step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
	if (whole && step < 1)
		step = 1;
	return step;
}

static void
svg_num(struct buf *b, double v, double step)
{
	if (step >= 1)
		buf_addf(b, "%.0f", v);
	else if (step >= 0.1)
		buf_addf(b, "%.1f", v);
	else
		buf_addf(b, "%.2f", v);
}

/* Horizontal bars: the label, the bar, its value. */
static void
svg_bars(struct buf *b, const struct rdoc_chart *c)
{
	const double	 lx = 0, bx = 250, bw = 380, row = 22, top = 6;
	const char	*color;
	double		 max = 0, v, y, w;
	size_t		 i;
	int		 h;

	color = strcmp(c->name, "cost-per-scene") == 0 ? svg_palette[2] :
	    svg_palette[1];
	for (i = 0; i < c->n; i++) {
		v = c->series[0].v[i];
		if (!isnan(v) && v > max)
			max = v;
	}
	h = (int)(top * 2 + row * (double)c->n);
	svg_open(b, c, h);
	for (i = 0; i < c->n; i++) {
		v = c->series[0].v[i];
		y = top + row * (double)i;
		buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\"><tspan "
		    "font-weight=\"600\">", lx, y + 15);
		svg_text(b, c->labels[i], 8);
		buf_adds(b, "</tspan> ");
		svg_text(b, c->labels2[i], 30);
		buf_adds(b, "</text>");
		w = max > 0 && !isnan(v) && v > 0 ? v / max * bw : 0;
		if (w > 0 && w < 1)
			w = 1;
		buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" rx=\"2\" fill=\"%s\"/>", bx, y + 4,
		    w, row - 8, color);
		buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" fill=\"" SVG_MUTED
		    "\">", bx + w + 6, y + 15);
		svg_text(b, c->values[i], 16);
		buf_adds(b, "</text>\n");
	}
	buf_adds(b, "</svg>");
}

/* Lines over days, with a grid, axis labels and a legend. */
static void
svg_lines(struct buf *b, const struct rdoc_chart *c)
{
	const double	 x0 = 56, x1 = 704, y0 = 34, y1 = 214;
	double		 max = 0, step, top, v, x, y, lx;
	const char	*color;
	bool		 whole = true, year;
	size_t		 i, nt, t, at;
	int		 k, pal;

	pal = strcmp(c->name, "burn-down") == 0 ? 2 :
	    strcmp(c->name, "spend-per-day") == 0 ? 3 : 0;
	for (k = 0; k < c->nseries; k++) {
		for (i = 0; i < c->n; i++) {
			v = c->series[k].v[i];
			if (isnan(v))
				continue;
			if (v > max)
				max = v;
			if (v != floor(v))
				whole = false;
		}
	}
	step = svg_step(max, 4, whole);
	top = max > 0 ? ceil(max / step) * step : step;
	svg_open(b, c, 250);

	/* Grid and y labels. */
	for (v = 0; v <= top + step / 2; v += step) {
		y = y1 - v / top * (y1 - y0);
		buf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>", x0, y,
		    x1, y, v == 0 ? SVG_MUTED : SVG_GRID);
		buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		    "fill=\"" SVG_MUTED "\">", x0 - 6, y + 4);
		svg_num(b, v, step);
		buf_adds(b, "</text>\n");
	}

	/* x labels: up to 7 days, first and last included. */
	year = c->n > 0 && strncmp(c->labels[0], c->labels[c->n - 1], 4) != 0;
	nt = c->n < 7 ? c->n : 7;
	for (t = 0; t < nt; t++) {
		at = nt > 1 ? (t * (c->n - 1) + (nt - 1) / 2) / (nt - 1) : 0;
		x = c->n > 1 ? x0 + (x1 - x0) * (double)at /
		    (double)(c->n - 1) : (x0 + x1) / 2;
		buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
		    "fill=\"" SVG_MUTED "\">", x, y1 + 18, c->n == 1 ?
		    "middle" : t == 0 ? "start" : t + 1 == nt ? "end" :
		    "middle");
		svg_text(b, year || strlen(c->labels[at]) < 10 ?
		    c->labels[at] : c->labels[at] + 5, 12);
		buf_adds(b, "</text>");
	}
	buf_addc(b, '\n');

	/* The series, and the legend above the plot. */
	lx = x0;
	for (k = 0; k < c->nseries; k++) {
		color = svg_palette[(pal + k) % 4];
		buf_addf(b, "<polyline fill=\"none\" stroke=\"%s\" "
		    "stroke-width=\"2\" stroke-linejoin=\"round\" points=\"",
		    color);
		for (i = 0; i < c->n; i++) {
			v = c->series[k].v[i];
			x = c->n > 1 ? x0 + (x1 - x0) * (double)i /
			    (double)(c->n - 1) : (x0 + x1) / 2;
			y = y1 - (isnan(v) ? 0 : v) / top * (y1 - y0);
			buf_addf(b, "%s%.1f,%.1f", i > 0 ? " " : "", x, y);
		}
		buf_adds(b, "\"/>\n");
		if (c->n <= 62) {
			for (i = 0; i < c->n; i++) {
				v = c->series[k].v[i];
				x = c->n > 1 ? x0 + (x1 - x0) * (double)i /
				    (double)(c->n - 1) : (x0 + x1) / 2;
				y = y1 - (isnan(v) ? 0 : v) / top * (y1 - y0);
				buf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" "
				    "r=\"2.5\" fill=\"%s\"/>", x, y, color);
			}
			buf_addc(b, '\n');
		}
		buf_addf(b, "<rect x=\"%.1f\" y=\"8\" width=\"14\" "
		    "height=\"4\" rx=\"1\" fill=\"%s\"/>", lx, color);
		buf_addf(b, "<text x=\"%.1f\" y=\"14\">", lx + 20);
		svg_text(b, c->series[k].name, 24);
		buf_adds(b, "</text>\n");
		lx += 20 + 8 * (double)sanitize_width(c->series[k].name) + 24;
	}
	buf_adds(b, "</svg>");
}

/* Append chart c as an <svg> element. */
void
report_svg_chart(struct buf *b, const struct rdoc_chart *c)
{
	if (c->n == 0)
		return;
	if (c->kind == RDOC_CHART_BARS)
		svg_bars(b, c);
	else
		svg_lines(b, c);
}
