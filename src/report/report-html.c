/* SPDX-License-Identifier: ISC */
/*
 * HTML output: headline figures, tables and SVG charts in one file that
 * opens anywhere without a network. It is written as well-formed XML
 * (empty elements closed, only the five XML entities, no control
 * characters), so any XML parser can check it, and every piece of text
 * goes through report_xml_escape. The style sheet sets an A4 page and
 * keeps figures, charts and table rows from breaking across pages.
 */
#include "config.h"

#include "report/report-html.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "report/report.h"
#include "report/report-doc.h"
#include "report/report-svg.h"

static const char html_style[] =
"@page { size: A4; margin: 14mm 12mm; }\n"
"* { box-sizing: border-box; }\n"
"html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
"body { margin: 0 auto; padding: 10mm 0 16mm; max-width: 186mm;\n"
"  font: 10pt/1.45 system-ui, -apple-system, 'Segoe UI', Roboto,\n"
"  Helvetica, Arial, sans-serif; color: #1d2330; background: #fff; }\n"
"header { border-bottom: 2px solid #1d2330; padding-bottom: 3mm;\n"
"  margin-bottom: 5mm; }\n"
".kicker { margin: 0; color: #2f6fdf; font-weight: 600;\n"
"  text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; }\n"
"h1 { margin: 1mm 0 2mm; font-size: 22pt; line-height: 1.15; }\n"
".meta { margin: 0; color: #5b6473; font-size: 9pt; }\n"
"h2 { font-size: 14pt; margin: 8mm 0 3mm; padding-bottom: 1mm;\n"
"  border-bottom: 1px solid #d8dde6; break-after: avoid; }\n"
"h3 { font-size: 10.5pt; margin: 5mm 0 2mm; break-after: avoid; }\n"
"p { margin: 2mm 0; }\n"
".figures { display: grid; grid-template-columns: repeat(4, 1fr);\n"
"  gap: 3mm; margin: 3mm 0 5mm; }\n"
".figure { border: 1px solid #d8dde6; border-radius: 2mm;\n"
"  padding: 2.5mm 3mm; break-inside: avoid; }\n"
".figure .value { font-size: 15pt; font-weight: 650;\n"
"  font-variant-numeric: tabular-nums; }\n"
".figure .label { font-size: 8.5pt; font-weight: 600; }\n"
".figure .note { font-size: 8pt; color: #5b6473; }\n"
"table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm;\n"
"  font-size: 7.5pt; }\n"
"thead { display: table-header-group; }\n"
"th, td { padding: .7mm 1mm; text-align: left; vertical-align: top;\n"
"  border-bottom: 1px solid #e3e7ee; }\n"
"th { color: #5b6473; font-weight: 600; border-bottom: 1.5px solid #1d2330;\n"
"  white-space: nowrap; }\n"
"tr { break-inside: avoid; }\n"
"td.n, th.n { text-align: right; white-space: nowrap;\n"
"  font-variant-numeric: tabular-nums; }\n"
"td.code { white-space: nowrap; font-weight: 600; }\n"
"td.text { overflow-wrap: anywhere; min-width: 22mm; }\n"
"td.bar { width: 20mm; padding-left: 0; }\n"
"td.bar span { display: block; height: 2.6mm; margin-top: .6mm;\n"
"  border-radius: .5mm; background: #2f6fdf; }\n"
"figure { margin: 3mm 0 5mm; break-inside: avoid; }\n"
"figcaption { font-weight: 600; font-size: 9.5pt; margin-bottom: 1mm; }\n"
"svg { display: block; max-width: 100%; height: auto; }\n"
".empty, .more { color: #5b6473; font-style: italic; }\n"
"footer { margin-top: 10mm; color: #5b6473; font-size: 8pt; }\n"
"@media print { body { padding: 0; max-width: none; } }\n"
"@media screen and (max-width: 190mm) { body { padding: 4mm; }\n"
"  .figures { grid-template-columns: repeat(2, 1fr); } }\n";

static void
html_table(struct buf *b, const struct rdoc_table *t, bool titled)
{
	const struct rdoc_col	*c;
	size_t			 i, j, rows, all;
	double			 frac;
	int			 f;

	all = rdoc_rows(t);
	rows = rdoc_shown(t, REPORT_HTML);
	if (titled) {
		buf_adds(b, "<h3>");
		report_xml_escape(b, t->title, false);
		buf_adds(b, "</h3>\n");
	}
	if (all == 0) {
		buf_adds(b, "<p class=\"empty\">");
		report_xml_escape(b, t->empty != NULL ? t->empty : "None.",
		    false);
		buf_adds(b, "</p>\n");
		return;
	}
	buf_addf(b, "<table id=\"t-%s\">\n<thead><tr>", t->name);
	for (j = 0; j < t->cols.n; j++) {
		c = &t->cols.v[j];
		if (!rdoc_col_in(c, REPORT_HTML))
			continue;
		buf_adds(b, c->flags & RDOC_RIGHT ? "<th class=\"n\">" :
		    "<th>");
		report_xml_escape(b, c->title, false);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < rows; i++) {
		buf_adds(b, "<tr>");
		for (j = 0; j < t->cols.n; j++) {
			const struct rdoc_cell *cell = rdoc_at(t, i, j);

			c = &t->cols.v[j];
			if (!rdoc_col_in(c, REPORT_HTML))
				continue;
			f = c->flags | cell->flags;
			if (f & RDOC_BAR) {
				frac = cell->bar;
				if (isnan(frac) || frac < 0)
					frac = 0;
				buf_adds(b, "<td class=\"bar\">");
				if (frac > 0)
					buf_addf(b, "<span style=\"width: "
					    "%.1f%%\"></span>", frac > 1 ?
					    100.0 : frac * 100.0);
				buf_adds(b, "</td>");
				continue;
			}
			buf_adds(b, f & RDOC_RIGHT ? "<td class=\"n\">" :
			    f & RDOC_CODE ? "<td class=\"code\">" :
			    f & RDOC_TEXT ? "<td class=\"text\">" : "<td>");
			report_xml_escape(b, cell->text, true);
			buf_adds(b, "</td>");
		}
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody>\n</table>\n");
	if (rows < all)
		buf_addf(b, "<p class=\"more\">%zu more in the csv and json "
		    "reports.</p>\n", all - rows);
}

static void
html_figures(struct buf *b, const struct rdoc_figures *fs)
{
	size_t	 i;

	buf_adds(b, "<div class=\"figures\">\n");
	for (i = 0; i < fs->n; i++) {
		buf_adds(b, "<div class=\"figure\"><div class=\"value\">");
		report_xml_escape(b, fs->v[i].value, false);
		buf_adds(b, "</div><div class=\"label\">");
		report_xml_escape(b, fs->v[i].label, false);
		buf_adds(b, "</div>");
		if (fs->v[i].note != NULL) {
			buf_adds(b, "<div class=\"note\">");
			report_xml_escape(b, fs->v[i].note, false);
			buf_adds(b, "</div>");
		}
		buf_adds(b, "</div>\n");
	}
	buf_adds(b, "</div>\n");
}

/* Write the document as a self-contained HTML page into b. */
void
report_html(const struct rdoc *d, struct buf *b)
{
	const char	*section = NULL;
	size_t		 i;
	bool		 open = false;

	buf_adds(b, "<!DOCTYPE html>\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
	    "<head>\n<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"/>\n"
	    "<meta name=\"generator\" content=\"takeboard\"/>\n<title>"
	    "Production report: ");
	report_xml_escape(b, d->title, false);
	buf_adds(b, "</title>\n<style>\n");
	buf_adds(b, html_style);
	buf_adds(b, "</style>\n</head>\n<body>\n<header>\n"
	    "<p class=\"kicker\">Production report</p>\n<h1>");
	report_xml_escape(b, d->title, false);
	buf_adds(b, "</h1>\n<p class=\"meta\">");
	for (i = 0; i < d->meta.n; i++) {
		if (i > 0)
			buf_adds(b, "<br/>");
		report_xml_escape(b, d->meta.v[i], false);
	}
	buf_adds(b, "</p>\n</header>\n<main>\n");
	for (i = 0; i < d->blocks.n; i++) {
		const struct rdoc_block *k = &d->blocks.v[i];

		switch (k->kind) {
		case RDOC_SECTION:
			if (open)
				buf_adds(b, "</section>\n");
			buf_addf(b, "<section id=\"%s\">\n<h2>", k->id);
			report_xml_escape(b, k->text, false);
			buf_adds(b, "</h2>\n");
			section = k->text;
			open = true;
			break;
		case RDOC_PARA:
			buf_adds(b, "<p>");
			report_xml_escape(b, k->text, true);
			buf_adds(b, "</p>\n");
			break;
		case RDOC_FIGURES:
			html_figures(b, &k->figures);
			break;
		case RDOC_TABLE:
			if (rdoc_table_in(k->table, REPORT_HTML))
				html_table(b, k->table, section == NULL ||
				    strcmp(section, k->table->title) != 0);
			break;
		case RDOC_CHART:
			if (k->chart->n == 0)
				break;
			buf_addf(b, "<figure id=\"c-%s\">\n<figcaption>",
			    k->chart->name);
			report_xml_escape(b, k->chart->title, false);
			buf_adds(b, "</figcaption>\n");
			report_svg_chart(b, k->chart);
			buf_adds(b, "\n</figure>\n");
			break;
		}
	}
	if (open)
		buf_adds(b, "</section>\n");
	buf_adds(b, "</main>\n<footer><p>Made with takeboard report; the "
	    "figures are those of takeboard stats.</p></footer>\n"
	    "</body>\n</html>\n");
}
