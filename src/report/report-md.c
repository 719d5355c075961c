/* SPDX-License-Identifier: ISC */
/*
 * Markdown output. Every piece of text is sanitised (no control
 * characters, valid UTF-8) and then escaped: the characters that
 * CommonMark or GitHub could read as emphasis, code, links, HTML,
 * entities, math or a table's cell border get a backslash, and a line
 * break inside a cell becomes <br>, so a row stays one line.
 */
#include "config.h"

#include "report/report-md.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "report/report.h"
#include "report/report-doc.h"
#include "report/report-text.h"

#define MD_BAR		16	/* columns of a bar */
#define MD_SPARK_MAX	60

/*
 * Append s as Markdown text: sanitised, with the characters that mean
 * something inline escaped and newlines as <br>.
 */
void
report_md_escape(struct buf *b, const char *s)
{
	char		*clean;
	const char	*p;

	clean = sanitize_text(s != NULL ? s : "");
	for (p = clean; *p != '\0'; p++) {
		if (*p == '\n') {
			buf_adds(b, "<br>");
			continue;
		}
		if (strchr("\\`*_[]<>|~&$#", *p) != NULL)
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	free(clean);
}

static void
md_table(struct buf *b, const struct rdoc_table *t, bool bare, bool titled)
{
	size_t	 i, j, rows, all;
	double	 frac;

	all = rdoc_rows(t);
	rows = bare ? all : rdoc_shown(t, REPORT_MD);
	if (!bare && titled) {
		buf_adds(b, "\n### ");
		report_md_escape(b, t->title);
		buf_addc(b, '\n');
	}
	if (all == 0) {
		if (!bare) {
			buf_adds(b, "\n_");
			report_md_escape(b, t->empty != NULL ? t->empty :
			    "None.");
			buf_adds(b, "_\n");
		}
		return;
	}
	if (!bare)
		buf_addc(b, '\n');
	buf_addc(b, '|');
	for (j = 0; j < t->cols.n; j++) {
		if (!rdoc_col_in(&t->cols.v[j], REPORT_MD))
			continue;
		buf_addc(b, ' ');
		report_md_escape(b, t->cols.v[j].title);
		buf_adds(b, " |");
	}
	buf_adds(b, "\n|");
	for (j = 0; j < t->cols.n; j++) {
		if (!rdoc_col_in(&t->cols.v[j], REPORT_MD))
			continue;
		buf_adds(b, t->cols.v[j].flags & RDOC_RIGHT ? " ---: |" :
		    " --- |");
	}
	buf_addc(b, '\n');
	for (i = 0; i < rows; i++) {
		buf_addc(b, '|');
		for (j = 0; j < t->cols.n; j++) {
			const struct rdoc_cell *c = rdoc_at(t, i, j);

			if (!rdoc_col_in(&t->cols.v[j], REPORT_MD))
				continue;
			buf_addc(b, ' ');
			if (t->cols.v[j].flags & RDOC_BAR) {
				frac = c->bar;
				if (!isnan(frac) && frac > 0) {
					buf_addc(b, '`');
					report_text_bar(b, frac, MD_BAR);
					while (b->data[b->len - 1] == ' ')
						b->data[--b->len] = '\0';
					buf_addc(b, '`');
				}
			} else
				report_md_escape(b, c->text);
			buf_adds(b, " |");
		}
		buf_addc(b, '\n');
	}
	if (rows < all)
		buf_addf(b, "\n_%zu more in the csv and json reports._\n",
		    all - rows);
}

static void
md_chart(struct buf *b, const struct rdoc_chart *c)
{
	size_t	 i;
	double	 max = 0, v;
	int	 k;

	if (c->n == 0)
		return;
	buf_adds(b, "\n**");
	report_md_escape(b, c->title);
	buf_adds(b, "**\n\n");
	if (c->kind == RDOC_CHART_BARS) {
		for (i = 0; i < c->n; i++) {
			v = c->series[0].v[i];
			if (!isnan(v) && v > max)
				max = v;
		}
		buf_adds(b, "| | | |\n| --- | ---: | --- |\n");
		for (i = 0; i < c->n; i++) {
			v = c->series[0].v[i];
			buf_adds(b, "| ");
			report_md_escape(b, c->labels[i]);
			buf_adds(b, " ");
			report_md_escape(b, c->labels2[i]);
			buf_adds(b, " | ");
			report_md_escape(b, c->values[i]);
			buf_adds(b, " | ");
			if (max > 0 && !isnan(v) && v > 0) {
				buf_addc(b, '`');
				report_text_bar(b, v / max, MD_BAR);
				while (b->data[b->len - 1] == ' ')
					b->data[--b->len] = '\0';
				buf_addc(b, '`');
			}
			buf_adds(b, " |\n");
		}
		return;
	}
	for (k = 0; k < c->nseries; k++) {
		buf_adds(b, "- ");
		report_md_escape(b, c->series[k].name);
		buf_adds(b, ": `");
		report_text_spark(b, c->series[k].v, c->n, MD_SPARK_MAX,
		    c->series[k].last);
		buf_adds(b, "`\n");
	}
	buf_adds(b, "\n");
	report_md_escape(b, c->labels[0]);
	if (c->n > 1) {
		buf_adds(b, " to ");
		report_md_escape(b, c->labels[c->n - 1]);
	}
	buf_addf(b, ", %zu day%s%s.\n", c->n, c->n == 1 ? "" : "s",
	    c->n > MD_SPARK_MAX ? " (a character is several days)" : "");
}

static void
md_figures(struct buf *b, const struct rdoc_figures *fs)
{
	size_t	 i;

	buf_adds(b, "\n| Figure | Value | |\n| --- | ---: | --- |\n");
	for (i = 0; i < fs->n; i++) {
		buf_adds(b, "| ");
		report_md_escape(b, fs->v[i].label);
		buf_adds(b, " | **");
		report_md_escape(b, fs->v[i].value);
		buf_adds(b, "** | ");
		if (fs->v[i].note != NULL)
			report_md_escape(b, fs->v[i].note);
		buf_adds(b, " |\n");
	}
}

/*
 * Write the document as Markdown into b. With out->table, only that
 * table, without a title (it must exist: rdoc_check_table).
 */
void
report_md(const struct rdoc *d, const struct report_out *out, struct buf *b)
{
	const char	*section = NULL;
	size_t		 i;

	if (out->table != NULL) {
		for (i = 0; i < d->blocks.n; i++) {
			const struct rdoc_table *t = d->blocks.v[i].table;

			if (t != NULL && rdoc_table_in(t, REPORT_MD) &&
			    strcmp(t->name, out->table) == 0) {
				md_table(b, t, true, false);
				break;
			}
		}
		return;
	}
	buf_adds(b, "# Production report: ");
	report_md_escape(b, d->title);
	buf_adds(b, "\n\n");
	for (i = 0; i < d->meta.n; i++) {
		report_md_escape(b, d->meta.v[i]);
		/* Two spaces: a line break in the same paragraph. */
		buf_adds(b, i + 1 < d->meta.n ? "  \n" : "\n");
	}
	for (i = 0; i < d->blocks.n; i++) {
		const struct rdoc_block *k = &d->blocks.v[i];

		switch (k->kind) {
		case RDOC_SECTION:
			buf_adds(b, "\n## ");
			report_md_escape(b, k->text);
			buf_addc(b, '\n');
			section = k->text;
			break;
		case RDOC_PARA:
			buf_addc(b, '\n');
			report_md_escape(b, k->text);
			buf_addc(b, '\n');
			break;
		case RDOC_FIGURES:
			md_figures(b, &k->figures);
			break;
		case RDOC_TABLE:
			if (rdoc_table_in(k->table, REPORT_MD))
				md_table(b, k->table, false, section == NULL ||
				    strcmp(section, k->table->title) != 0);
			break;
		case RDOC_CHART:
			md_chart(b, k->chart);
			break;
		}
	}
}
