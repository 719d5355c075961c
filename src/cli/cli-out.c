/* SPDX-License-Identifier: ISC */
/*
 * Tables, JSON and colour for the command line. Every cell and line that
 * may carry text from the database or a file passes through the
 * sanitiser, so control characters are shown, never obeyed.
 */
#include "config.h"

#include "cli/cli-out.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/array.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/stats.h"
#include "cli/cli.h"

struct table_col {
	char	*title;
	int	 flags;
	size_t	 width;
};

ARRAY_DECL(table_cols, struct table_col);
ARRAY_DECL(table_cells, char *);

struct table {
	struct table_cols	 cols;
	struct table_cells	 cells;		/* row-major, sanitised */
};

struct table *
table_new(void)
{
	return xcalloc(1, sizeof(struct table));
}

/* Add a column; all columns are added before the first cell. */
void
table_col(struct table *t, const char *title, int flags)
{
	struct table_col	*c;

	c = ARRAY_ADD(&t->cols);
	c->title = xstrdup(title);
	c->flags = flags;
	c->width = sanitize_width(title);
}

/* Add the next cell (rows fill left to right); NULL shows as empty. */
void
table_cell(struct table *t, const char *text)
{
	struct table_col	*c;
	char			*s;
	size_t			 w;

	s = sanitize_line(text != NULL ? text : "");
	c = &t->cols.v[t->cells.n % t->cols.n];
	w = sanitize_width(s);
	if (w > c->width)
		c->width = w;
	*ARRAY_ADD(&t->cells) = s;
}

void
table_cellf(struct table *t, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	table_cell(t, s);
	free(s);
}

static void
table_put(const char *s, size_t width, int flags, bool last)
{
	char	*p;

	if (last && !(flags & TABLE_RIGHT)) {
		p = sanitize_clip(s, width);
		fputs(p, stdout);
	} else {
		p = sanitize_pad(s, width, flags & TABLE_RIGHT);
		fputs(p, stdout);
	}
	free(p);
}

/*
 * Print the table to stdout: a header row and aligned columns two
 * spaces apart. On a terminal narrower than the table, the TABLE_FLEX
 * columns are narrowed (down to 8 columns) so rows fit on one line.
 */
void
table_print(struct table *t, const struct cli *cli)
{
	size_t	 i, j, total = 0, nflex = 0, over, cut, rows;

	if (t->cols.n == 0)
		return;
	for (j = 0; j < t->cols.n; j++) {
		total += t->cols.v[j].width + (j > 0 ? 2 : 0);
		if (t->cols.v[j].flags & TABLE_FLEX)
			nflex++;
	}
	if (cli != NULL && cli->width > 0 && total > (size_t)cli->width &&
	    nflex > 0) {
		over = total - (size_t)cli->width;
		for (j = 0; j < t->cols.n && over > 0; j++) {
			struct table_col *c = &t->cols.v[j];

			if (!(c->flags & TABLE_FLEX) || c->width <= 8)
				continue;
			cut = c->width - 8 < over ? c->width - 8 : over;
			c->width -= cut;
			over -= cut;
		}
	}
	for (j = 0; j < t->cols.n; j++) {
		if (j > 0)
			fputs("  ", stdout);
		table_put(t->cols.v[j].title, t->cols.v[j].width,
		    t->cols.v[j].flags, j == t->cols.n - 1);
	}
	fputc('\n', stdout);
	rows = t->cells.n / t->cols.n;
	for (i = 0; i < rows; i++) {
		for (j = 0; j < t->cols.n; j++) {
			if (j > 0)
				fputs("  ", stdout);
			table_put(t->cells.v[i * t->cols.n + j],
			    t->cols.v[j].width, t->cols.v[j].flags,
			    j == t->cols.n - 1);
		}
		fputc('\n', stdout);
	}
}

void
table_free(struct table *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->cols.n; i++)
		free(t->cols.v[i].title);
	for (i = 0; i < t->cells.n; i++)
		free(t->cells.v[i]);
	ARRAY_FREE(&t->cols);
	ARRAY_FREE(&t->cells);
	free(t);
}

/* Make every string in a JSON tree valid UTF-8 (bytes that are not
 * become U+FFFD), so the output parses whatever the database holds. */
static void
out_json_repair(cJSON *node)
{
	char	*fixed;

	for (; node != NULL; node = node->next) {
		if (cJSON_IsString(node) && node->valuestring != NULL &&
		    !str_utf8_valid(node->valuestring)) {
			fixed = str_utf8_repair(node->valuestring);
			cJSON_SetValuestring(node, fixed);
			free(fixed);
		}
		if (node->child != NULL)
			out_json_repair(node->child);
	}
}

/* Print a JSON document (pretty, with a final newline) and free it. */
void
out_json(cJSON *root)
{
	char	*s, *t;

	out_json_repair(root);
	s = cJSON_Print(root);
	if (s == NULL)
		fatal("cannot format JSON");
	t = sanitize_json(s);
	fputs(t, stdout);
	fputc('\n', stdout);
	free(t);
	cJSON_free(s);
	cJSON_Delete(root);
}

/* Add a string member, or null for NULL. */
void
out_json_str(cJSON *o, const char *key, const char *s)
{
	if (s == NULL)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddStringToObject(o, key, s);
}

/* Add milliseconds as seconds, or null for BOARD_NONE. */
void
out_json_ms(cJSON *o, const char *key, long long ms)
{
	if (ms == BOARD_NONE)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddNumberToObject(o, key, (double)ms / 1000.0);
}

/* Add micro-units as an amount of money. */
void
out_json_money(cJSON *o, const char *key, long long micros)
{
	cJSON_AddNumberToObject(o, key, (double)micros / 1e6);
}

/* Add a ratio, or null when it has no value. */
void
out_json_ratio(cJSON *o, const char *key, bool has, double v)
{
	if (!has)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddNumberToObject(o, key, v);
}

/* Add the statistics fields of s to o, under their documented names. */
void
out_json_stats(cJSON *o, const struct stats *s)
{
	double		 v = 0;
	long long	 n = 0;
	bool		 has;

	cJSON_AddNumberToObject(o, "takes", (double)s->takes);
	cJSON_AddNumberToObject(o, "failed", (double)s->failed);
	cJSON_AddNumberToObject(o, "kept", (double)s->kept);
	cJSON_AddNumberToObject(o, "maybe", (double)s->maybe);
	cJSON_AddNumberToObject(o, "rejected", (double)s->rejected);
	cJSON_AddNumberToObject(o, "unreviewed", (double)s->unreviewed);
	has = stats_keep_rate(s, &v);
	out_json_ratio(o, "keep_rate", has, v);
	out_json_ms(o, "seconds_generated", s->ms_generated);
	out_json_ms(o, "seconds_used", s->ms_used);
	has = stats_usage(s, &v);
	out_json_ratio(o, "usage", has, v);
	if (stats_one_in(s, &n))
		cJSON_AddNumberToObject(o, "one_in", (double)n);
	else
		cJSON_AddNullToObject(o, "one_in");
	out_json_money(o, "cost", s->cost);
	has = stats_cost_per_used_second(s, &v);
	out_json_ratio(o, "cost_per_used_second", has, v);
}

/* Print one line to stdout, sanitised. */
void
out_line(const char *fmt, ...)
{
	va_list	 ap;
	char	*s, *clean;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	clean = sanitize_line(s);
	fputs(clean, stdout);
	fputc('\n', stdout);
	free(clean);
	free(s);
}

/*
 * Print each line of text that ends in a newline to stdout as out_line
 * would ("%.*s" of it, sanitised), in large writes rather than one
 * allocation and one sanitised copy per line: for plans of 100k lines.
 * The text is cut in place while it is read and left as it was.
 */
void
out_lines(char *text)
{
	struct buf	 b;
	char		*p, *nl;

	buf_init(&b);
	for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		*nl = '\0';
		sanitize_line_add(&b, p);
		*nl = '\n';
		buf_addc(&b, '\n');
		if (b.len >= 65536) {
			fwrite(buf_str(&b), 1, b.len, stdout);
			buf_reset(&b);
		}
	}
	if (b.len > 0)
		fwrite(buf_str(&b), 1, b.len, stdout);
	buf_fini(&b);
}

/* Print multi-line text to stdout, sanitised, ending with a newline. */
void
out_text(const char *s)
{
	char	*clean;
	size_t	 n;

	clean = sanitize_text(s != NULL ? s : "");
	fputs(clean, stdout);
	n = strlen(clean);
	if (n == 0 || clean[n - 1] != '\n')
		fputc('\n', stdout);
	free(clean);
}

/*
 * An SGR sequence for a colour role ("del", "add", "bold", "dim",
 * "reset"), or "" when colour is off.
 */
const char *
out_color(const struct cli *c, const char *role)
{
	if (c == NULL || !c->color)
		return "";
	if (strcmp(role, "del") == 0)
		return "\033[31m";
	if (strcmp(role, "add") == 0)
		return "\033[32m";
	if (strcmp(role, "bold") == 0)
		return "\033[1m";
	if (strcmp(role, "dim") == 0)
		return "\033[2m";
	return "\033[0m";
}
