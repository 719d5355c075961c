/* SPDX-License-Identifier: ISC */
/*
 * CSV output, RFC 4180: records end with CRLF; a field with a comma, a
 * quote or a line break is quoted, quotes doubled. Text from the
 * database is always quoted and sanitised (control characters shown as
 * ^X, invalid UTF-8 replaced), and text that a spreadsheet would run as
 * a formula (starting with = + - @) gets a leading apostrophe. Codes are
 * quoted too, and one that a spreadsheet would turn into a number or a
 * date (007, 1.10, 1-2) is written ="007", which spreadsheets keep as
 * text. Numbers are plain, without units; a figure with no value, like
 * any empty text, is an empty field.
 */
#include "config.h"

#include "report/report-csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "report/report.h"
#include "report/report-doc.h"

#define CSV_EOL	"\r\n"

/*
 * Would a spreadsheet change this code by reading it as a number or a
 * date: 007 (leading zero), 1.10, 1-2, 1E5? A plain number such as 12
 * reads back the same and is left alone.
 */
static bool
csv_numeric(const char *s)
{
	size_t	 digits;

	if (*s < '0' || *s > '9')
		return false;
	if (strspn(s, "0123456789.-eE") != strlen(s))
		return false;
	digits = strspn(s, "0123456789");
	return s[digits] != '\0' || (s[0] == '0' && s[1] != '\0');
}

static void
csv_quoted(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/*
 * Append one field: RDOC_TEXT is sanitised, defused and quoted,
 * RDOC_CODE kept as text, anything else quoted only when it must be.
 */
void
report_csv_field(struct buf *b, const char *s, int flags)
{
	char	*clean, *t;

	if (s == NULL)
		s = "";
	if (*s == '\0')
		return;
	if (flags & RDOC_TEXT) {
		clean = sanitize_text(s);
		if (clean[0] != '\0' && strchr("=+-@", clean[0]) != NULL) {
			t = xasprintf("'%s", clean);
			free(clean);
			clean = t;
		}
		csv_quoted(b, clean);
		free(clean);
		return;
	}
	if (flags & RDOC_CODE) {
		clean = sanitize_line(s);
		if (csv_numeric(clean)) {
			t = xasprintf("=\"%s\"", clean);
			csv_quoted(b, t);
			free(t);
		} else
			csv_quoted(b, clean);
		free(clean);
		return;
	}
	clean = sanitize_line(s);
	if (strpbrk(clean, ",\"\r\n") != NULL)
		csv_quoted(b, clean);
	else
		buf_adds(b, clean);
	free(clean);
}

static void
csv_table(struct buf *b, const struct rdoc_table *t)
{
	const struct rdoc_cell	*c;
	size_t			 i, j, rows;
	bool			 first;

	rows = rdoc_rows(t);
	first = true;
	for (j = 0; j < t->cols.n; j++) {
		if (!rdoc_col_in(&t->cols.v[j], REPORT_CSV))
			continue;
		if (!first)
			buf_addc(b, ',');
		first = false;
		report_csv_field(b, t->cols.v[j].csv, 0);
	}
	buf_adds(b, CSV_EOL);
	for (i = 0; i < rows; i++) {
		first = true;
		for (j = 0; j < t->cols.n; j++) {
			if (!rdoc_col_in(&t->cols.v[j], REPORT_CSV))
				continue;
			if (!first)
				buf_addc(b, ',');
			first = false;
			c = rdoc_at(t, i, j);
			report_csv_field(b, c->csv != NULL ? c->csv : c->text,
			    t->cols.v[j].flags | c->flags);
		}
		buf_adds(b, CSV_EOL);
	}
}

/*
 * Write the document's CSV tables into b: each as a "# NAME" line, its
 * header, its rows and an empty line; with out->table, that table's
 * header and rows only (it must exist: rdoc_check_table).
 */
void
report_csv(const struct rdoc *d, const struct report_out *out, struct buf *b)
{
	size_t	 i, n = 0;

	for (i = 0; i < d->blocks.n; i++) {
		const struct rdoc_table *t = d->blocks.v[i].table;

		if (t == NULL || !rdoc_table_in(t, REPORT_CSV))
			continue;
		if (out->table != NULL) {
			if (strcmp(t->name, out->table) == 0) {
				csv_table(b, t);
				return;
			}
			continue;
		}
		if (n++ > 0)
			buf_adds(b, CSV_EOL);
		buf_addf(b, "# %s" CSV_EOL, t->name);
		csv_table(b, t);
	}
}
