/* SPDX-License-Identifier: ISC */
/*
 * CSV shot lists and take lists. The reader follows RFC 4180 (quoted
 * fields may hold separators, doubled quotes and line breaks) and is
 * strict about the rest, since a mangled row silently stored would be
 * worse than a refusal: every error names its line. The header row is
 * required and matched by name in any order; ',' is the separator, or
 * ';' or a tab when the header uses one of those instead.
 *
 * Spreadsheets run a cell that starts with = + - or @ as a formula, so
 * free-text cells that start so (after any quotes) are written with one
 * more leading quote, which the reader removes again: an export read
 * back is the same production.
 */
#include "config.h"

#include "io/io-csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/units.h"
#include "io/io-text.h"

#define CSV_MAX_COLS	64
#define CSV_MAX_ROWS	100000
#define CSV_MAX_ORDER	100000

static const char *const csv_shot_names[CSV_SHOT_COLS] = {
	"Scene", "Shot", "Order", "Description", "Size", "Angle", "Movement",
	"Lens", "Seconds", "Status", "Notes"
};
static const char *const csv_take_names[CSV_TAKE_COLS] = {
	"Shot", "Take", "Variant", "Prompt", "Backend", "Model", "Seconds",
	"Verdict", "Reasons", "Rating", "In", "Out", "Cost", "File"
};

/* ----------------------------------------------------------------- reader */

/* Release a parsed file (not the struct itself). */
void
io_csv_free(struct csv_file *f)
{
	if (f == NULL)
		return;
	ARRAY_FREE(&f->records);
	free(f->cells);
	free(f->text);
	f->cells = NULL;
	f->text = NULL;
}

/* The separator the header line uses: ',', else ';', else a tab. */
static char
csv_guess_sep(const char *s)
{
	int	 quoted = 0, semi = 0, tab = 0;

	for (; *s != '\0' && (quoted || *s != '\n'); s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted && *s == ',')
			return ',';
		else if (!quoted && *s == ';')
			semi = 1;
		else if (!quoted && *s == '\t')
			tab = 1;
	}
	return semi ? ';' : (tab ? '\t' : ',');
}

static bool
csv_record_empty(const struct csv_record *r)
{
	size_t	 i;

	for (i = 0; i < r->n; i++) {
		if (!io_text_blank(r->cells[i]))
			return false;
	}
	return true;
}

/*
 * io_csv_parse, with cause never NULL. The fields are cut out of one
 * copy of the file in place (a field is never longer than its text, the
 * quotes it loses leave room for its NUL), and their pointers kept in
 * one array for the whole file, each record's run of it set once the
 * array no longer moves: no allocation per field or per record.
 */
static int
csv_parse(const char *buf, size_t len, struct csv_file *f, char **cause)
{
	struct csv_record	 rec;
	char			*text, *p, *q, *w, *start;
	long long		 line = 1, open;
	char			 sep, d;
	size_t			 ncells = 0, cap = 0, first, hn = 0, i, k;

	memset(f, 0, sizeof *f);
	if (io_text_check(buf, len, cause) != 0)
		return -1;
	text = io_text_lines(buf, len);
	f->text = text;
	sep = csv_guess_sep(text);
	f->sep = sep;
	for (p = text; *p != '\0';) {
		memset(&rec, 0, sizeof rec);
		rec.line = line;
		first = ncells;
		for (;;) {
			start = w = p;
			if (*p == '"') {
				open = line;
				for (p++;; p++) {
					/* Move up to the next quote at once. */
					for (q = p; *q != '"' && *q != '\0';
					    q++) {
						if (*q == '\n')
							line++;
					}
					memmove(w, p, (size_t)(q - p));
					w += q - p;
					p = q;
					if (*p == '\0') {
						*cause = xasprintf(
						    "line %lld: a quoted field "
						    "is never closed", open);
						goto fail;
					}
					if (p[1] != '"')
						break;
					*w++ = '"';
					p++;
				}
				p++;
				d = *p;
				if (d != sep && d != '\n' && d != '\0') {
					*cause = xasprintf("line %lld: text "
					    "after the closing quote of a "
					    "field", line);
					goto fail;
				}
			} else {
				for (q = p; *q != sep && *q != '\n' &&
				    *q != '\0' && *q != '"'; q++)
					;
				if (*q == '"') {
					*cause = xasprintf("line %lld: a quote "
					    "inside a field that does not "
					    "start with one (quote the whole "
					    "field and double the quote)",
					    line);
					goto fail;
				}
				d = *q;
				w = p = q;
			}
			/* Over the separator only when the field is bare:
			 * d keeps it. */
			*w = '\0';
			if (ncells == cap) {
				cap = cap == 0 ? 256 : cap * 2;
				f->cells = xreallocarray(f->cells, cap,
				    sizeof *f->cells);
			}
			f->cells[ncells++] = start;
			rec.n++;
			if (f->records.n == 0 && rec.n > CSV_MAX_COLS) {
				*cause = xasprintf("line %lld: more than %d "
				    "columns", rec.line, CSV_MAX_COLS);
				goto fail;
			}
			if (f->records.n > 0 && rec.n > hn)
				break;
			if (d != sep)
				break;
			p++;
		}
		if (d == '\n') {
			p++;
			line++;
		}
		rec.cells = f->cells + first;
		if (csv_record_empty(&rec)) {
			/* Blank: the next record starts at what ended this
			 * one, a separator after too many fields. */
			if (d == sep)
				*p = sep;
			ncells = first;
			continue;
		}
		if (f->records.n > 0 && rec.n != hn) {
			*cause = xasprintf("line %lld: %s fields, but the "
			    "header has %zu", rec.line, rec.n > hn ? "more" :
			    "fewer", hn);
			goto fail;
		}
		if (f->records.n > CSV_MAX_ROWS) {
			*cause = xasprintf("line %lld: more than %d rows "
			    "(split the file)", rec.line, CSV_MAX_ROWS);
			goto fail;
		}
		if (f->records.n == 0)
			hn = rec.n;
		rec.cells = NULL;
		*ARRAY_ADD(&f->records) = rec;
	}
	if (f->records.n == 0) {
		*cause = xstrdup("the file is empty (a CSV file needs a "
		    "header row naming its columns)");
		goto fail;
	}
	for (i = 0, k = 0; i < f->records.n; i++) {
		f->records.v[i].cells = f->cells + k;
		k += f->records.v[i].n;
	}
	return 0;
fail:
	io_csv_free(f);
	return -1;
}

/* ----------------------------------------------------------------- writer */

/* Whether a text cell would start a spreadsheet formula once its
 * leading quotes are stripped. */
static bool
csv_formula(const char *s)
{
	while (*s == '\'')
		s++;
	return *s == '=' || *s == '+' || *s == '-' || *s == '@' ||
	    *s == '\t' || *s == '\r';
}

/*
 * Append one cell to the current line of b: a ',' first unless the line
 * is empty, then s (NULL is empty), quoted when it holds a separator, a
 * quote, a line break or leading or trailing white space. `text` marks
 * free text, which is guarded against formula injection.
 */
void
io_csv_cell(struct buf *b, const char *s, bool text)
{
	const char	*p;
	bool		 quote;
	size_t		 n;

	if (b->len > 0 && b->data[b->len - 1] != '\n')
		buf_addc(b, ',');
	if (s == NULL || *s == '\0')
		return;
	n = strlen(s);
	quote = strpbrk(s, ",;\"\n\r\t") != NULL || s[0] == ' ' ||
	    s[n - 1] == ' ';
	if (quote)
		buf_addc(b, '"');
	if (text && csv_formula(s))
		buf_addc(b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	if (quote)
		buf_addc(b, '"');
}

/* End the current line (CRLF, as RFC 4180 has it). */
void
io_csv_end(struct buf *b)
{
	buf_adds(b, "\r\n");
}

/* v / 10^places as an exact decimal without trailing zeros ("8", "2.5",
 * "0.35"). Caller frees. */
char *
io_csv_decimal(long long v, int places)
{
	long long	 scale = 1;
	char		*s;
	size_t		 n;
	int		 i;

	for (i = 0; i < places; i++)
		scale *= 10;
	if (places == 0)
		return xasprintf("%lld", v);
	s = xasprintf("%lld.%0*lld", v / scale, places, v % scale);
	n = strlen(s);
	while (s[n - 1] == '0')
		s[--n] = '\0';
	if (s[n - 1] == '.')
		s[--n] = '\0';
	return s;
}

static void
csv_cell_ms(struct buf *b, long long ms)
{
	char	*s;

	if (ms == BOARD_NONE) {
		io_csv_cell(b, NULL, false);
		return;
	}
	s = io_csv_decimal(ms, 3);
	io_csv_cell(b, s, false);
	free(s);
}

static void
csv_header(struct buf *b, const char *const *names, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		io_csv_cell(b, names[i], false);
	io_csv_end(b);
}

/* The shot list as CSV, one row per shot in the order given. Caller
 * frees. */
char *
io_csv_write_shots(const struct shot_list *l)
{
	const struct shot	*sh;
	struct buf		 b;
	char			*s;
	size_t			 i;

	buf_init(&b);
	csv_header(&b, csv_shot_names, CSV_SHOT_COLS);
	for (i = 0; i < l->n; i++) {
		sh = &l->v[i];
		io_csv_cell(&b, sh->scene_code, false);
		io_csv_cell(&b, sh->code, false);
		s = xasprintf("%lld", sh->position);
		io_csv_cell(&b, s, false);
		free(s);
		io_csv_cell(&b, sh->description, true);
		io_csv_cell(&b, sh->size, false);
		io_csv_cell(&b, sh->angle, true);
		io_csv_cell(&b, sh->movement, true);
		io_csv_cell(&b, sh->lens, true);
		csv_cell_ms(&b, sh->target_ms);
		io_csv_cell(&b, status_name(sh->status), false);
		io_csv_cell(&b, sh->notes, true);
		io_csv_end(&b);
	}
	return buf_detach(&b);
}

/* Variants sorted by id, to find a take's among thousands. */
struct csv_prompts {
	const struct prompt	**v;
	size_t			  n;
};

static int
csv_prompt_cmp(const void *a, const void *b)
{
	const struct prompt	*x = *(const struct prompt *const *)a;
	const struct prompt	*y = *(const struct prompt *const *)b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Index l (NULL is fine) by id; free idx->v. */
static void
csv_prompts_index(const struct prompt_list *l, struct csv_prompts *idx)
{
	size_t	 i, n = l != NULL ? l->n : 0;

	idx->v = xreallocarray(NULL, n + 1, sizeof *idx->v);
	idx->n = n;
	for (i = 0; i < n; i++)
		idx->v[i] = &l->v[i];
	qsort(idx->v, n, sizeof *idx->v, csv_prompt_cmp);
}

static const struct prompt *
csv_prompt(const struct csv_prompts *idx, long long id)
{
	const struct prompt	**hit, *kp;
	struct prompt		  key;

	if (id <= 0 || idx->n == 0)
		return NULL;
	key.id = id;
	kp = &key;
	hit = bsearch(&kp, idx->v, idx->n, sizeof *idx->v, csv_prompt_cmp);
	return hit != NULL ? *hit : NULL;
}

/* The takes as CSV, one row per take in the order given; prompts holds
 * their variants (for the Prompt column). Caller frees. */
char *
io_csv_write_takes(const struct take_list *l, const struct prompt_list *prompts)
{
	const struct take	*tk;
	const struct prompt	*pr;
	struct csv_prompts	 idx;
	struct buf		 b;
	char			*s;
	size_t			 i;

	buf_init(&b);
	csv_prompts_index(prompts, &idx);
	csv_header(&b, csv_take_names, CSV_TAKE_COLS);
	for (i = 0; i < l->n; i++) {
		tk = &l->v[i];
		pr = csv_prompt(&idx, tk->prompt_id);
		io_csv_cell(&b, tk->shot_code, false);
		s = xasprintf("%lld", tk->id);
		io_csv_cell(&b, s, false);
		free(s);
		io_csv_cell(&b, tk->prompt_label, false);
		io_csv_cell(&b, pr != NULL ? pr->text : NULL, true);
		io_csv_cell(&b, tk->backend, true);
		io_csv_cell(&b, tk->model, true);
		csv_cell_ms(&b, tk->duration_ms);
		io_csv_cell(&b, verdict_name(tk->verdict), false);
		s = str_list_join(&tk->reasons, ", ");
		io_csv_cell(&b, s, false);
		free(s);
		s = tk->rating > 0 ? xasprintf("%d", tk->rating) : NULL;
		io_csv_cell(&b, s, false);
		free(s);
		csv_cell_ms(&b, tk->in_ms);
		csv_cell_ms(&b, tk->out_ms);
		s = io_csv_decimal(tk->cost, 6);
		io_csv_cell(&b, s, false);
		free(s);
		io_csv_cell(&b, tk->file, true);
		io_csv_end(&b);
	}
	free(idx.v);
	return buf_detach(&b);
}

/* ---------------------------------------------------------------- mapping */

/* How many bytes of a text cell are the quote that guarded a formula
 * (csv_formula): 0 or 1. */
static size_t
csv_guard(const char *s)
{
	const char	*p = s;

	while (*p == '\'')
		p++;
	return p > s && (*p == '=' || *p == '+' || *p == '-' || *p == '@' ||
	    *p == '\t' || *p == '\r');
}

/* A copy of a free-text cell without the quote that guarded a
 * formula. Caller frees. */
static char *
csv_text(const char *s)
{
	return xstrdup(s + csv_guard(s));
}

/* csv_text without the copy: the cell itself, after the guard. */
static char *
csv_text_view(char *s)
{
	return s + csv_guard(s);
}

/* A trimmed copy of a cell, NULL when it is empty. */
static char *
csv_word(const char *s)
{
	char	*t;

	t = str_trim(xstrdup(s));
	if (*t == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

/*
 * csv_word without the copy: the cell trimmed in place (its text is the
 * parsed file's, read once), NULL when it is empty. For the cells that
 * are parsed and not kept.
 */
static char *
csv_view(char *s)
{
	char	*e;

	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || (e[-1] >= '\t' && e[-1] <= '\r')))
		e--;
	*e = '\0';
	return *s != '\0' ? s : NULL;
}

/* A copy of s for a message: at most 40 bytes (whole UTF-8 characters),
 * "..." when cut. Caller frees. */
static char *
csv_quote(const char *s)
{
	size_t	 n = strlen(s);

	if (n <= 40)
		return xstrdup(s);
	n = 40;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return xasprintf("%.*s...", (int)n, s);
}

/* Find each header cell among names; fills col[] (the file's column for
 * each known name, or -1) and *present. */
static int
csv_header_map(const struct csv_record *h, const char *const *names, int n,
    const char *what, int *col, unsigned int *present, char **cause)
{
	struct buf	 b;
	char		*name;
	size_t		 i;
	int		 j;

	*present = 0;
	for (j = 0; j < n; j++)
		col[j] = -1;
	for (i = 0; i < h->n; i++) {
		name = str_trim(xstrdup(h->cells[i]));
		for (j = 0; j < n; j++) {
			if (strcasecmp(name, names[j]) == 0)
				break;
		}
		if (j == n || col[j] != -1) {
			if (j < n)
				*cause = xasprintf("line %lld: column %s "
				    "appears twice", h->line, names[j]);
			else {
				char *q = csv_quote(name);

				buf_init(&b);
				buf_addf(&b, "line %lld: unknown column '%s' "
				    "(%s has the columns", h->line, q, what);
				free(q);
				for (j = 0; j < n; j++)
					buf_addf(&b, "%s %s", j > 0 ? "," :
					    "", names[j]);
				buf_addc(&b, ')');
				*cause = buf_detach(&b);
			}
			free(name);
			return -1;
		}
		free(name);
		col[j] = (int)i;
		*present |= 1U << j;
	}
	return 0;
}

static int
csv_bad(char **cause, long long line, const char *col, char *why)
{
	*cause = xasprintf("line %lld: %s: %s", line, col, why);
	free(why);
	return -1;
}

static int
csv_read_ms(char *cell, long long line, const char *col, bool positive,
    long long *ms, char **cause)
{
	char	*s, *why;

	*ms = BOARD_NONE;
	s = csv_view(cell);
	if (s == NULL)
		return 0;
	if (units_parse_seconds(s, ms, &why) != 0)
		return csv_bad(cause, line, col, why);
	if (positive && *ms == 0)
		return csv_bad(cause, line, col, xstrdup("must be more than "
		    "0"));
	return 0;
}

static int
csv_read_shot(const struct csv_record *r, const int *col,
    struct csv_shot_row *row, char **cause)
{
	const char	*c;
	char		*s, *why;
	long long	 v = 0;

	row->line = r->line;
	row->shot.target_ms = BOARD_NONE;
	row->shot.status = STATUS_PLANNED;
	row->scene = csv_word(r->cells[col[CSV_SCENE]]);
	if (row->scene == NULL)
		return csv_bad(cause, r->line, "Scene", xstrdup("empty (every "
		    "shot belongs to a scene)"));
	row->code = csv_word(r->cells[col[CSV_SHOT]]);
	if (row->code != NULL &&
	    board_check_code("shot code", row->code, &why) != 0)
		return csv_bad(cause, r->line, "Shot", why);
	if (col[CSV_ORDER] >= 0) {
		s = csv_word(r->cells[col[CSV_ORDER]]);
		if (s != NULL && str_to_ll(s, 1, CSV_MAX_ORDER, &v) != 0) {
			why = xasprintf("bad position '%s' (want a number "
			    "from 1)", s);
			free(s);
			return csv_bad(cause, r->line, "Order", why);
		}
		row->order = s != NULL ? v : 0;
		free(s);
	}
	if (col[CSV_DESCRIPTION] >= 0)
		row->shot.description =
		    csv_text(r->cells[col[CSV_DESCRIPTION]]);
	if (col[CSV_SIZE] >= 0) {
		s = csv_word(r->cells[col[CSV_SIZE]]);
		if (s != NULL && board_parse_shot_size(s, &row->shot.size,
		    &why) != 0) {
			free(s);
			return csv_bad(cause, r->line, "Size", why);
		}
		free(s);
	}
	if (col[CSV_ANGLE] >= 0 && !io_text_blank(r->cells[col[CSV_ANGLE]]))
		row->shot.angle = csv_text(r->cells[col[CSV_ANGLE]]);
	if (col[CSV_MOVEMENT] >= 0 &&
	    !io_text_blank(r->cells[col[CSV_MOVEMENT]]))
		row->shot.movement = csv_text(r->cells[col[CSV_MOVEMENT]]);
	if (col[CSV_LENS] >= 0 && !io_text_blank(r->cells[col[CSV_LENS]]))
		row->shot.lens = csv_text(r->cells[col[CSV_LENS]]);
	if (col[CSV_SECONDS] >= 0 && csv_read_ms(r->cells[col[CSV_SECONDS]],
	    r->line, "Seconds", true, &row->shot.target_ms, cause) != 0)
		return -1;
	if (col[CSV_STATUS] >= 0) {
		s = csv_word(r->cells[col[CSV_STATUS]]);
		if (s != NULL &&
		    status_parse(s, &row->shot.status, &why) != 0) {
			free(s);
			return csv_bad(cause, r->line, "Status", why);
		}
		row->has_status = s != NULL;
		free(s);
	}
	c = col[CSV_NOTES] >= 0 ? r->cells[col[CSV_NOTES]] : NULL;
	if (c != NULL)
		row->shot.notes = csv_text(c);
	return 0;
}

/* Split a Reasons cell on commas, semicolons and spaces into tags. */
static int
csv_read_reasons(char *cell, long long line, struct str_list *out,
    char **cause)
{
	char	*p, *start, *tag, *why;
	int	 rv = 0;

	/* Cut in place: the cell is read once. */
	for (p = cell; *p != '\0' && rv == 0;) {
		while (*p == ',' || *p == ';' || *p == ' ' || *p == '\t' ||
		    *p == '\n')
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && *p != ',' && *p != ';' && *p != ' ' &&
		    *p != '\t' && *p != '\n')
			p++;
		if (*p != '\0')
			*p++ = '\0';
		if (board_parse_reason(start, &tag, &why) != 0)
			rv = csv_bad(cause, line, "Reasons", why);
		else {
			str_list_add(out, tag);
			free(tag);
		}
	}
	return rv;
}

static int
csv_read_take(const struct csv_record *r, const int *col,
    struct csv_take_row *row, char **cause)
{
	struct take	*tk = &row->take;
	char		*s, *why;
	long long	 v;

	row->line = r->line;
	tk->duration_ms = tk->in_ms = tk->out_ms = BOARD_NONE;
	s = csv_view(r->cells[col[CSV_T_TAKE]]);
	if (s == NULL || str_to_ll(s, 1, INT64_MAX, &row->take_id) != 0) {
		why = xasprintf("%s (takes are added with 'takeboard take "
		    "add'; an import changes existing takes)", s == NULL ?
		    "empty" : "not a take id");
		return csv_bad(cause, r->line, "Take", why);
	}
	tk->id = row->take_id;
	/* The text stays in the file's copy (struct csv_take_row). */
	if (col[CSV_T_SHOT] >= 0)
		tk->shot_code = csv_view(r->cells[col[CSV_T_SHOT]]);
	if (col[CSV_T_VARIANT] >= 0)
		tk->prompt_label = csv_view(r->cells[col[CSV_T_VARIANT]]);
	if (col[CSV_T_PROMPT] >= 0)
		row->prompt = csv_text_view(r->cells[col[CSV_T_PROMPT]]);
	if (col[CSV_T_BACKEND] >= 0)
		tk->backend = csv_view(r->cells[col[CSV_T_BACKEND]]);
	if (col[CSV_T_MODEL] >= 0)
		tk->model = csv_view(r->cells[col[CSV_T_MODEL]]);
	if (col[CSV_T_SECONDS] >= 0 && csv_read_ms(r->cells[col[CSV_T_SECONDS]],
	    r->line, "Seconds", false, &tk->duration_ms, cause) != 0)
		return -1;
	if (col[CSV_T_VERDICT] >= 0) {
		s = csv_view(r->cells[col[CSV_T_VERDICT]]);
		if (s != NULL && verdict_parse(s, &tk->verdict, &why) != 0)
			return csv_bad(cause, r->line, "Verdict", why);
	}
	if (col[CSV_T_REASONS] >= 0 && csv_read_reasons(
	    r->cells[col[CSV_T_REASONS]], r->line, &tk->reasons, cause) != 0)
		return -1;
	if (col[CSV_T_RATING] >= 0) {
		s = csv_view(r->cells[col[CSV_T_RATING]]);
		if (s != NULL && strcmp(s, "0") != 0 &&
		    board_parse_rating(s, &tk->rating, &why) != 0)
			return csv_bad(cause, r->line, "Rating", why);
	}
	if (col[CSV_T_IN] >= 0 && csv_read_ms(r->cells[col[CSV_T_IN]],
	    r->line, "In", false, &tk->in_ms, cause) != 0)
		return -1;
	if (col[CSV_T_OUT] >= 0 && csv_read_ms(r->cells[col[CSV_T_OUT]],
	    r->line, "Out", true, &tk->out_ms, cause) != 0)
		return -1;
	if (col[CSV_T_COST] >= 0) {
		s = csv_view(r->cells[col[CSV_T_COST]]);
		v = 0;
		if (s != NULL && units_parse_money(s, &v, &why) != 0)
			return csv_bad(cause, r->line, "Cost", why);
		tk->cost = v;
	}
	if (col[CSV_T_FILE] >= 0)
		tk->file = csv_view(r->cells[col[CSV_T_FILE]]);
	return 0;
}

/* Release what io_csv_read filled (not the struct itself). */
void
io_csv_doc_free(struct csv_doc *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = 0; i < d->shots.n; i++) {
		free(d->shots.v[i].scene);
		free(d->shots.v[i].code);
		shot_free(&d->shots.v[i].shot);
	}
	ARRAY_FREE(&d->shots);
	for (i = 0; i < d->takes.n; i++)
		str_list_free(&d->takes.v[i].take.reasons);
	ARRAY_FREE(&d->takes);
	free(d->text);
	d->text = NULL;
}

/* io_csv_read, with cause never NULL. */
static int
csv_read(const char *buf, size_t len, struct csv_doc *d, char **cause)
{
	struct csv_file		 f;
	const struct csv_record	*h;
	int			 col[CSV_TAKE_COLS];
	size_t			 i;
	int			 rv = -1;

	memset(d, 0, sizeof *d);
	if (csv_parse(buf, len, &f, cause) != 0)
		return -1;
	h = &f.records.v[0];
	d->kind = CSV_SHOTS;
	for (i = 0; i < h->n; i++) {
		char *name = str_trim(xstrdup(h->cells[i]));

		if (strcasecmp(name, "Take") == 0)
			d->kind = CSV_TAKES;
		free(name);
	}
	if (d->kind == CSV_SHOTS) {
		if (csv_header_map(h, csv_shot_names, CSV_SHOT_COLS,
		    "a shot list", col, &d->present, cause) != 0)
			goto out;
		if (col[CSV_SCENE] < 0 || col[CSV_SHOT] < 0) {
			*cause = xasprintf("line %lld: no %s column (a shot "
			    "list needs Scene and Shot; leave Shot empty for "
			    "new shots)", h->line, col[CSV_SCENE] < 0 ?
			    "Scene" : "Shot");
			goto out;
		}
		for (i = 1; i < f.records.n; i++) {
			struct csv_shot_row *row = ARRAY_ADD(&d->shots);

			row->present = d->present;
			if (csv_read_shot(&f.records.v[i], col, row,
			    cause) != 0)
				goto out;
		}
	} else {
		if (csv_header_map(h, csv_take_names, CSV_TAKE_COLS,
		    "a take list", col, &d->present, cause) != 0)
			goto out;
		d->text = f.text;
		f.text = NULL;
		ARRAY_RESERVE(&d->takes, f.records.n - 1);
		for (i = 1; i < f.records.n; i++) {
			struct csv_take_row *row = ARRAY_ADD(&d->takes);

			row->present = d->present;
			if (csv_read_take(&f.records.v[i], col, row,
			    cause) != 0)
				goto out;
		}
	}
	rv = 0;
out:
	io_csv_free(&f);
	if (rv != 0)
		io_csv_doc_free(d);
	return rv;
}

/* ------------------------------------------------------------------ plans */

static char *
csv_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
csv_shot_copy(struct shot *dst, const struct shot *src)
{
	*dst = *src;
	dst->scene_code = csv_dup(src->scene_code);
	dst->code = csv_dup(src->code);
	dst->description = csv_dup(src->description);
	dst->size = csv_dup(src->size);
	dst->angle = csv_dup(src->angle);
	dst->movement = csv_dup(src->movement);
	dst->lens = csv_dup(src->lens);
	dst->action = csv_dup(src->action);
	dst->dialogue = csv_dup(src->dialogue);
	dst->notes = csv_dup(src->notes);
	dst->created = csv_dup(src->created);
}

/* Release a plan (not the struct itself). */
void
io_csv_plan_free(struct csv_plan *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->shots.n; i++) {
		shot_free(&p->shots.v[i].shot);
		free(p->shots.v[i].changes);
	}
	ARRAY_FREE(&p->shots);
	for (i = 0; i < p->orders.n; i++)
		ARRAY_FREE(&p->orders.v[i].slots);
	ARRAY_FREE(&p->orders);
	for (i = 0; i < p->takes.n; i++) {
		take_free(&p->takes.v[i].take);
		free(p->takes.v[i].changes);
	}
	ARRAY_FREE(&p->takes);
	memset(p, 0, sizeof *p);
}

static bool
csv_same(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* Append ", " (unless b is empty) and "name a -> c", where a NULL or
 * empty value shows as "-". */
static void
csv_note(struct buf *b, const char *name, const char *a, const char *c)
{
	if (b->len > 0)
		buf_adds(b, ", ");
	buf_adds(b, name);
	buf_addc(b, ' ');
	buf_adds(b, a != NULL && *a != '\0' ? a : "-");
	buf_adds(b, " -> ");
	buf_adds(b, c != NULL && *c != '\0' ? c : "-");
}

/* Set a text field of new from the row and note it when it changes. */
static void
csv_field(struct buf *b, const char *name, char **field, const char *val,
    bool show)
{
	if (csv_same(*field, val))
		return;
	if (show)
		csv_note(b, name, *field, val);
	else {
		if (b->len > 0)
			buf_adds(b, ", ");
		buf_adds(b, name);
	}
	free(*field);
	*field = val != NULL && *val != '\0' ? xstrdup(val) : NULL;
}

static void
csv_field_ms(struct buf *b, const char *name, long long *field, long long val)
{
	char	*x, *y;

	if (*field == val)
		return;
	x = *field == BOARD_NONE ? NULL : io_csv_decimal(*field, 3);
	y = val == BOARD_NONE ? NULL : io_csv_decimal(val, 3);
	csv_note(b, name, x, y);
	free(x);
	free(y);
	*field = val;
}

static const struct scene *
csv_find_scene(const struct scene_list *l, const char *code)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].code, code) == 0)
			return &l->v[i];
	}
	return NULL;
}

/* Apply the row's columns to *sh, noting what changes in b. */
static void
csv_apply_row(const struct csv_shot_row *row, struct shot *sh, struct buf *b)
{
	if (CSV_HAS(row, CSV_DESCRIPTION))
		csv_field(b, "description", &sh->description,
		    row->shot.description != NULL ? row->shot.description : "",
		    false);
	if (sh->description == NULL)
		sh->description = xstrdup("");
	if (CSV_HAS(row, CSV_SIZE))
		csv_field(b, "size", &sh->size, row->shot.size, true);
	if (CSV_HAS(row, CSV_ANGLE))
		csv_field(b, "angle", &sh->angle, row->shot.angle, false);
	if (CSV_HAS(row, CSV_MOVEMENT))
		csv_field(b, "movement", &sh->movement, row->shot.movement,
		    false);
	if (CSV_HAS(row, CSV_LENS))
		csv_field(b, "lens", &sh->lens, row->shot.lens, false);
	if (CSV_HAS(row, CSV_SECONDS))
		csv_field_ms(b, "seconds", &sh->target_ms, row->shot.target_ms);
	if (row->has_status && sh->status != row->shot.status) {
		csv_note(b, "status", status_name(sh->status),
		    status_name(row->shot.status));
		sh->status = row->shot.status;
	}
	if (CSV_HAS(row, CSV_NOTES)) {
		csv_field(b, "notes", &sh->notes, row->shot.notes != NULL ?
		    row->shot.notes : "", false);
		if (sh->notes == NULL)
			sh->notes = xstrdup("");
	}
}

/* Whether code is taken by an existing shot or a planned new one. */
static bool
csv_code_used(const struct shot_list *shots, const struct csv_plan *p,
    const char *code)
{
	size_t	 i;

	for (i = 0; i < shots->n; i++) {
		if (strcmp(shots->v[i].code, code) == 0)
			return true;
	}
	for (i = 0; i < p->shots.n; i++) {
		if (p->shots.v[i].shot.code != NULL &&
		    strcmp(p->shots.v[i].shot.code, code) == 0)
			return true;
	}
	return false;
}

/* The automatic code of the new shot of row `row` in scene sc, as
 * db_shot_add would choose it when the rows are applied in order: the
 * first free one from the scene's shot count at that point. */
static char *
csv_next_code(const struct shot_list *shots, const struct csv_plan *p,
    const struct scene *sc, size_t row)
{
	unsigned int	 n = 0;
	size_t		 i;
	char		*code;

	for (i = 0; i < shots->n; i++) {
		if (shots->v[i].scene_id == sc->id)
			n++;
	}
	for (i = 0; i < p->shots.n; i++) {
		if (p->shots.v[i].shot.code != NULL &&
		    p->shots.v[i].row < row &&
		    p->shots.v[i].shot.scene_id == sc->id &&
		    (p->shots.v[i].verb == IO_CREATE || p->shots.v[i].move))
			n++;
	}
	for (;; n++) {
		code = board_next_shot_code(sc->code, n);
		if (!csv_code_used(shots, p, code))
			return code;
		free(code);
	}
}

/* Order rows by their Order value, then by line. */
static const struct csv_doc *csv_sort_doc;
static const struct csv_plan *csv_sort_plan;

static int
csv_cmp_order(const void *a, const void *b)
{
	const struct csv_shot_action *x, *y;
	long long	 ox, oy;

	x = &csv_sort_plan->shots.v[*(const size_t *)a];
	y = &csv_sort_plan->shots.v[*(const size_t *)b];
	ox = csv_sort_doc->shots.v[x->row].order;
	oy = csv_sort_doc->shots.v[y->row].order;
	if (ox != oy)
		return ox < oy ? -1 : 1;
	return x->row < y->row ? -1 : (x->row > y->row ? 1 : 0);
}

/*
 * Work out the final order of scene sc: its shots as they are (less
 * those moving out), then the shots moving in and the new ones in file
 * order, then each row with an Order put at that position. Records the
 * scene in p->orders when its order changes, and notes "order" in the
 * changes of rows whose position moves.
 */
static void
csv_plan_order(const struct csv_doc *d, const struct shot_list *shots,
    struct csv_plan *p, long long scene_id, struct buf *notes)
{
	struct csv_slot_list	 base, fin;
	struct csv_slot		*s;
	size_t			*ex = NULL, *pos, nex = 0, i, j, k;
	long long		 old_pos = 0;
	bool			 changed;

	memset(&base, 0, sizeof base);
	memset(&fin, 0, sizeof fin);
	for (i = 0; i < shots->n; i++) {
		bool gone = false;

		if (shots->v[i].scene_id != scene_id)
			continue;
		for (j = 0; j < p->shots.n; j++) {
			if (p->shots.v[j].shot_id == shots->v[i].id &&
			    p->shots.v[j].move)
				gone = true;
		}
		if (gone)
			continue;
		s = ARRAY_ADD(&base);
		s->shot_id = shots->v[i].id;
		for (j = 0; j < p->shots.n; j++) {
			if (p->shots.v[j].verb != IO_CREATE &&
			    p->shots.v[j].shot_id == shots->v[i].id) {
				s->shot_id = 0;
				s->action = j;
				break;
			}
		}
	}
	for (j = 0; j < p->shots.n; j++) {
		if (p->shots.v[j].shot.scene_id == scene_id &&
		    (p->shots.v[j].verb == IO_CREATE || p->shots.v[j].move)) {
			s = ARRAY_ADD(&base);
			s->action = j;
		}
	}
	/* The rows of this scene that give an Order. */
	ex = xreallocarray(NULL, p->shots.n + 1, sizeof *ex);
	for (j = 0; j < p->shots.n; j++) {
		if (p->shots.v[j].shot.scene_id == scene_id &&
		    d->shots.v[p->shots.v[j].row].order > 0)
			ex[nex++] = j;
	}
	csv_sort_doc = d;
	csv_sort_plan = p;
	qsort(ex, nex, sizeof *ex, csv_cmp_order);
	/* Rows asking for a position get it, in order of the position
	 * asked (then of the file), each after the one before; the other
	 * shots fill the remaining places in their order. */
	pos = xreallocarray(NULL, nex + 1, sizeof *pos);
	for (j = 0; j < nex; j++) {
		pos[j] = (size_t)(d->shots.v[p->shots.v[ex[j]].row].order - 1);
		if (j > 0 && pos[j] <= pos[j - 1])
			pos[j] = pos[j - 1] + 1;
	}
	for (j = nex; j > 0; j--) {
		if (pos[j - 1] > base.n - (nex - j + 1))
			pos[j - 1] = base.n - (nex - j + 1);
	}
	for (i = 0, j = 0, k = 0; i < base.n; i++) {
		if (j < nex && pos[j] == i) {
			s = ARRAY_ADD(&fin);
			s->shot_id = 0;
			s->action = ex[j++];
			continue;
		}
		for (; k < base.n; k++) {
			bool explicit = false;
			size_t e;

			for (e = 0; base.v[k].shot_id == 0 && e < nex; e++) {
				if (ex[e] == base.v[k].action)
					explicit = true;
			}
			if (!explicit)
				break;
		}
		if (k < base.n)
			*ARRAY_ADD(&fin) = base.v[k++];
	}
	free(pos);
	changed = false;
	for (i = 0; i < fin.n; i++) {
		if (fin.v[i].shot_id != base.v[i].shot_id ||
		    (fin.v[i].shot_id == 0 &&
		    fin.v[i].action != base.v[i].action))
			changed = true;
	}
	/* Note the new position of rows that asked for one. */
	for (i = 0; i < fin.n; i++) {
		struct csv_shot_action *a;

		if (fin.v[i].shot_id != 0)
			continue;
		a = &p->shots.v[fin.v[i].action];
		if (d->shots.v[a->row].order == 0 || a->verb == IO_CREATE ||
		    a->move)
			continue;
		old_pos = 0;
		for (j = 0; j < shots->n; j++) {
			if (shots->v[j].id == a->shot_id)
				old_pos = shots->v[j].position;
		}
		if (old_pos != (long long)i + 1) {
			buf_reset(&notes[fin.v[i].action]);
			buf_addf(&notes[fin.v[i].action], "order %lld -> %zu",
			    old_pos, i + 1);
		}
	}
	if (changed) {
		struct csv_order *o = ARRAY_ADD(&p->orders);

		o->scene_id = scene_id;
		o->slots = fin;
		memset(&fin, 0, sizeof fin);
	}
	free(ex);
	ARRAY_FREE(&base);
	ARRAY_FREE(&fin);
}

/* io_csv_plan_shots, with cause never NULL. */
static int
csv_plan_shots(const struct csv_doc *d, const struct scene_list *scenes,
    const struct shot_list *shots, struct csv_plan *p, char **cause)
{
	const struct csv_shot_row	*row;
	const struct scene		*sc;
	struct csv_shot_action		*a;
	struct buf			*notes = NULL, b;
	bool				*claimed = NULL;
	size_t				 i, j, k, match, nmatch;
	size_t				 pass, mark;
	int				 rv = -1;

	if (cause != NULL)
		*cause = NULL;
	memset(p, 0, sizeof *p);
	claimed = xcalloc(shots->n + 1, sizeof *claimed);
	/* Rows with codes first, so a described row never takes a shot
	 * that another row names. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < d->shots.n; i++) {
			row = &d->shots.v[i];
			if ((pass == 0) != (row->code != NULL))
				continue;
			sc = csv_find_scene(scenes, row->scene);
			if (sc == NULL) {
				*cause = xasprintf("line %lld: no scene '%s' "
				    "(add it with 'takeboard scene add' or "
				    "import the screenplay first)", row->line,
				    row->scene);
				goto out;
			}
			match = SIZE_MAX;
			nmatch = 0;
			for (j = 0; j < shots->n; j++) {
				if (row->code != NULL &&
				    strcmp(shots->v[j].code, row->code) == 0)
					match = j;
				if (row->code == NULL && !claimed[j] &&
				    CSV_HAS(row, CSV_DESCRIPTION) &&
				    shots->v[j].scene_id == sc->id &&
				    csv_same(shots->v[j].description,
				    row->shot.description)) {
					if (nmatch++ == 0)
						match = j;
				}
			}
			if (row->code == NULL && nmatch != 1)
				match = SIZE_MAX;
			for (k = 0; row->code != NULL && k < i; k++) {
				if (d->shots.v[k].code != NULL &&
				    strcmp(d->shots.v[k].code,
				    row->code) == 0) {
					*cause = xasprintf("line %lld: shot %s "
					    "is listed twice (also on line "
					    "%lld)", row->line, row->code,
					    d->shots.v[k].line);
					goto out;
				}
			}
			a = ARRAY_ADD(&p->shots);
			a->row = i;
			if (match != SIZE_MAX) {
				claimed[match] = true;
				csv_shot_copy(&a->shot, &shots->v[match]);
				a->shot_id = a->shot.id;
				a->from_scene = a->shot.scene_id;
				a->verb = IO_SAME;
				if (a->shot.scene_id != sc->id) {
					a->move = true;
					a->shot.scene_id = sc->id;
					free(a->shot.scene_code);
					a->shot.scene_code = xstrdup(sc->code);
				}
			} else {
				a->verb = IO_CREATE;
				a->shot.scene_id = sc->id;
				a->shot.scene_code = xstrdup(sc->code);
				a->shot.target_ms = BOARD_NONE;
				a->shot.status = STATUS_PLANNED;
				a->shot.action = xstrdup("");
				a->shot.dialogue = xstrdup("");
				a->shot.notes = xstrdup("");
				a->shot.code = row->code != NULL ?
				    xstrdup(row->code) :
				    csv_next_code(shots, p, sc, i);
			}
		}
	}
	/* Keep the plan in file order. */
	for (i = 1; i < p->shots.n; i++) {
		for (j = i; j > 0 && p->shots.v[j - 1].row >
		    p->shots.v[j].row; j--) {
			struct csv_shot_action t = p->shots.v[j];

			p->shots.v[j] = p->shots.v[j - 1];
			p->shots.v[j - 1] = t;
		}
	}
	notes = xcalloc(p->shots.n + 1, sizeof *notes);
	for (i = 0; i < p->shots.n; i++)
		buf_init(&notes[i]);
	for (i = 0; i < scenes->n; i++)
		csv_plan_order(d, shots, p, scenes->v[i].id, notes);
	for (i = 0; i < p->shots.n; i++) {
		a = &p->shots.v[i];
		row = &d->shots.v[a->row];
		buf_init(&b);
		if (a->move) {
			for (j = 0; j < scenes->n; j++) {
				if (scenes->v[j].id == a->from_scene)
					csv_note(&b, "scene",
					    scenes->v[j].code,
					    a->shot.scene_code);
			}
		}
		if (notes[i].len > 0 && b.len > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, buf_str(&notes[i]));
		mark = b.len;
		csv_apply_row(row, &a->shot, &b);
		a->edit = b.len > mark;
		if (a->verb == IO_SAME && b.len > 0)
			a->verb = IO_CHANGE;
		a->changes = buf_detach(&b);
		p->tally.n[a->verb]++;
	}
	rv = 0;
out:
	if (notes != NULL) {
		for (i = 0; i < p->shots.n; i++)
			buf_fini(&notes[i]);
		free(notes);
	}
	free(claimed);
	if (rv != 0)
		io_csv_plan_free(p);
	return rv;
}

static int
csv_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A list's tags sorted and joined with sep. Caller frees. */
static char *
csv_reason_key(const struct str_list *l, const char *sep)
{
	struct str_list	 c;
	char		*s;
	size_t		 i;

	memset(&c, 0, sizeof c);
	for (i = 0; i < l->n; i++)
		str_list_add(&c, l->v[i]);
	if (c.n > 1)
		qsort(c.v, c.n, sizeof *c.v, csv_cmp_str);
	s = str_list_join(&c, sep);
	str_list_free(&c);
	return s;
}

/* Whether two reason lists hold the same tags, in any order. */
static bool
csv_same_reasons(const struct str_list *a, const struct str_list *b)
{
	char	*x, *y;
	bool	 same;

	/* Most takes have no reason or one: no need to sort. */
	if (a->n == 0 && b->n == 0)
		return true;
	if (a->n == 1 && b->n == 1)
		return strcmp(a->v[0], b->v[0]) == 0;
	x = csv_reason_key(a, ",");
	y = csv_reason_key(b, ",");
	same = strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

/* A read-only column must match the take. */
static int
csv_check_fixed(const struct csv_take_row *row, const char *col,
    const char *have, const char *got, char **cause)
{
	if (csv_same(have, got))
		return 0;
	*cause = xasprintf("line %lld: take %lld: %s is '%s' in the "
	    "production, not '%s' (an import can change only Verdict, "
	    "Reasons, Rating, In, Out and Cost)", row->line, row->take_id,
	    col, have != NULL ? have : "", got != NULL ? got : "");
	return -1;
}

static int
csv_check_takes(const struct csv_take_row *row, const struct take *tk,
    const struct csv_prompts *prompts, char **cause)
{
	const struct prompt	*pr;
	char			*x, *y;
	int			 rv;

	if ((CSV_HAS(row, CSV_T_SHOT) && csv_check_fixed(row, "Shot",
	    tk->shot_code, row->take.shot_code, cause) != 0) ||
	    (CSV_HAS(row, CSV_T_VARIANT) && csv_check_fixed(row, "Variant",
	    tk->prompt_label, row->take.prompt_label, cause) != 0) ||
	    (CSV_HAS(row, CSV_T_BACKEND) && csv_check_fixed(row, "Backend",
	    tk->backend, row->take.backend, cause) != 0) ||
	    (CSV_HAS(row, CSV_T_MODEL) && csv_check_fixed(row, "Model",
	    tk->model, row->take.model, cause) != 0) ||
	    (CSV_HAS(row, CSV_T_FILE) && csv_check_fixed(row, "File",
	    tk->file, row->take.file, cause) != 0))
		return -1;
	if (CSV_HAS(row, CSV_T_PROMPT)) {
		pr = csv_prompt(prompts, tk->prompt_id);
		if (!csv_same(pr != NULL ? pr->text : NULL, row->prompt)) {
			*cause = xasprintf("line %lld: take %lld: Prompt "
			    "differs from its variant's text (variants are "
			    "never edited: add a new variant with 'takeboard "
			    "prompt add')", row->line, row->take_id);
			return -1;
		}
	}
	if (CSV_HAS(row, CSV_T_SECONDS) &&
	    tk->duration_ms != row->take.duration_ms) {
		x = tk->duration_ms == BOARD_NONE ? NULL :
		    io_csv_decimal(tk->duration_ms, 3);
		y = row->take.duration_ms == BOARD_NONE ? NULL :
		    io_csv_decimal(row->take.duration_ms, 3);
		rv = csv_check_fixed(row, "Seconds", x, y, cause);
		free(x);
		free(y);
		return rv;
	}
	return 0;
}

/* A rating as text in buf (at least 12 bytes), or NULL for none. */
static const char *
csv_rating(char *buf, int r)
{
	char		*p = buf + 11;
	unsigned int	 u = (unsigned int)r;

	if (r <= 0)
		return NULL;
	*p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	return p;
}

static char *
csv_ms_str(long long ms)
{
	return ms == BOARD_NONE ? NULL : io_csv_decimal(ms, 3);
}

/* Check the review fields of the new take a; errors name the line. */
static int
csv_check_review(const struct csv_take_row *row, const struct take *old,
    const struct take *t, char **cause)
{
	const char	*why = NULL;
	char		*d;

	if (t->verdict != VERDICT_UNREVIEWED && old->state != TAKE_READY) {
		*cause = xasprintf("line %lld: take %lld is %s: only a "
		    "generated take can be reviewed", row->line, row->take_id,
		    take_state_name(old->state));
		return -1;
	}
	if (t->verdict != VERDICT_KEEP && (t->in_ms != BOARD_NONE ||
	    t->out_ms != BOARD_NONE))
		why = "In and Out are only for kept takes";
	else if (t->verdict != VERDICT_REJECT && t->reasons.n > 0)
		why = "Reasons are only for rejected takes";
	else if (t->in_ms != BOARD_NONE && t->out_ms != BOARD_NONE &&
	    t->in_ms >= t->out_ms)
		why = "In must come before Out";
	if (why != NULL) {
		*cause = xasprintf("line %lld: take %lld: %s", row->line,
		    row->take_id, why);
		return -1;
	}
	if (old->duration_ms != BOARD_NONE &&
	    ((t->in_ms != BOARD_NONE && t->in_ms >= old->duration_ms) ||
	    (t->out_ms != BOARD_NONE && t->out_ms > old->duration_ms))) {
		d = io_csv_decimal(old->duration_ms, 3);
		*cause = xasprintf("line %lld: take %lld: In and Out must lie "
		    "within the take (0 to %s s)", row->line, row->take_id, d);
		free(d);
		return -1;
	}
	return 0;
}

/* Order of take pointers by id, for bsearch. */
static int
csv_take_cmp(const void *a, const void *b)
{
	const struct take	*x = *(const struct take *const *)a;
	const struct take	*y = *(const struct take *const *)b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Order of rows (indices into d->takes) by take id, then line. */
static const struct csv_doc *csv_sort_doc;

static int
csv_row_cmp(const void *a, const void *b)
{
	const struct csv_take_row	*x, *y;

	x = &csv_sort_doc->takes.v[*(const size_t *)a];
	y = &csv_sort_doc->takes.v[*(const size_t *)b];
	if (x->take_id != y->take_id)
		return x->take_id < y->take_id ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 :
	    *(const size_t *)a > *(const size_t *)b;
}

/*
 * Index the takes by id (*byid, sorted pointers) and find, for each
 * row, the first earlier row naming the same take (*first; the row's
 * own index when there is none): sorting, so that a take list as long
 * as the production is planned in n log n, not n squared.
 */
static void
csv_index_takes(const struct csv_doc *d, const struct take_list *takes,
    const struct take ***byid, size_t **first)
{
	size_t	*order, i;

	*byid = xreallocarray(NULL, takes->n + 1, sizeof **byid);
	for (i = 0; i < takes->n; i++)
		(*byid)[i] = &takes->v[i];
	qsort(*byid, takes->n, sizeof **byid, csv_take_cmp);
	*first = xreallocarray(NULL, d->takes.n + 1, sizeof **first);
	order = xreallocarray(NULL, d->takes.n + 1, sizeof *order);
	for (i = 0; i < d->takes.n; i++)
		order[i] = i;
	csv_sort_doc = d;
	qsort(order, d->takes.n, sizeof *order, csv_row_cmp);
	csv_sort_doc = NULL;
	for (i = 0; i < d->takes.n; i++) {
		if (i > 0 && d->takes.v[order[i]].take_id ==
		    d->takes.v[order[i - 1]].take_id)
			(*first)[order[i]] = (*first)[order[i - 1]];
		else
			(*first)[order[i]] = order[i];
	}
	free(order);
}

/* io_csv_plan_takes, with cause never NULL. */
static int
csv_plan_takes(const struct csv_doc *d, const struct take_list *takes,
    const struct prompt_list *prompts, struct csv_plan *p, char **cause)
{
	const struct csv_take_row	*row;
	const struct take		*old, **byid, **hit, *kp;
	struct take			 key;
	struct csv_take_action		*a;
	struct take			*t;
	struct csv_prompts		 idx;
	struct buf			 b;
	char				*x, *y, *r1, *r2, r1b[12], r2b[12];
	size_t				 i, j, *first;
	int				 rv = -1;

	if (cause != NULL)
		*cause = NULL;
	memset(p, 0, sizeof *p);
	buf_init(&b);
	csv_index_takes(d, takes, &byid, &first);
	csv_prompts_index(prompts, &idx);
	ARRAY_RESERVE(&p->takes, d->takes.n);
	memset(&key, 0, sizeof key);
	kp = &key;
	for (i = 0; i < d->takes.n; i++) {
		row = &d->takes.v[i];
		key.id = row->take_id;
		hit = bsearch(&kp, byid, takes->n, sizeof *byid,
		    csv_take_cmp);
		old = hit != NULL ? *hit : NULL;
		if (old == NULL) {
			*cause = xasprintf("line %lld: no take %lld (an import "
			    "changes existing takes; add takes with "
			    "'takeboard take add')", row->line, row->take_id);
			goto out;
		}
		if (first[i] != i) {
			*cause = xasprintf("line %lld: take %lld is listed "
			    "twice (also on line %lld)", row->line,
			    row->take_id, d->takes.v[first[i]].line);
			goto out;
		}
		if (csv_check_takes(row, old, &idx, cause) != 0)
			goto out;
		a = ARRAY_ADD(&p->takes);
		a->row = i;
		a->was = old;
		t = &a->take;
		t->id = old->id;
		t->shot_code = xstrdup(old->shot_code);
		t->state = old->state;
		t->verdict = old->verdict;
		for (j = 0; j < old->reasons.n; j++)
			str_list_add(&t->reasons, old->reasons.v[j]);
		t->in_ms = old->in_ms;
		t->out_ms = old->out_ms;
		t->rating = old->rating;
		t->cost = old->cost;
		t->duration_ms = old->duration_ms;
		if (CSV_HAS(row, CSV_T_VERDICT))
			t->verdict = row->take.verdict;
		if (CSV_HAS(row, CSV_T_REASONS)) {
			str_list_free(&t->reasons);
			for (j = 0; j < row->take.reasons.n; j++)
				str_list_add(&t->reasons,
				    row->take.reasons.v[j]);
		} else if (t->verdict != VERDICT_REJECT)
			str_list_free(&t->reasons);
		if (CSV_HAS(row, CSV_T_IN))
			t->in_ms = row->take.in_ms;
		if (CSV_HAS(row, CSV_T_OUT))
			t->out_ms = row->take.out_ms;
		if (t->verdict != VERDICT_KEEP && !CSV_HAS(row, CSV_T_IN) &&
		    !CSV_HAS(row, CSV_T_OUT))
			t->in_ms = t->out_ms = BOARD_NONE;
		if (CSV_HAS(row, CSV_T_RATING))
			t->rating = row->take.rating;
		if (CSV_HAS(row, CSV_T_COST))
			t->cost = row->take.cost;
		if (csv_check_review(row, old, t, cause) != 0)
			goto out;
		buf_reset(&b);
		if (t->verdict != old->verdict)
			csv_note(&b, "verdict",
			    verdict_name(old->verdict),
			    verdict_name(t->verdict));
		if (!csv_same_reasons(&t->reasons, &old->reasons)) {
			r1 = csv_reason_key(&old->reasons, " ");
			r2 = csv_reason_key(&t->reasons, " ");
			csv_note(&b, "reasons", r1, r2);
			free(r1);
			free(r2);
		}
		if (t->in_ms != old->in_ms) {
			x = csv_ms_str(old->in_ms);
			y = csv_ms_str(t->in_ms);
			csv_note(&b, "in", x, y);
			free(x);
			free(y);
		}
		if (t->out_ms != old->out_ms) {
			x = csv_ms_str(old->out_ms);
			y = csv_ms_str(t->out_ms);
			csv_note(&b, "out", x, y);
			free(x);
			free(y);
		}
		a->review = b.len > 0;
		if (t->rating != old->rating) {
			csv_note(&b, "rating", csv_rating(r1b, old->rating),
			    csv_rating(r2b, t->rating));
			a->rate = true;
		}
		if (t->cost != old->cost) {
			x = io_csv_decimal(old->cost, 6);
			y = io_csv_decimal(t->cost, 6);
			csv_note(&b, "cost", x, y);
			free(x);
			free(y);
			a->cost = true;
		}
		a->verb = b.len > 0 ? IO_CHANGE : IO_SAME;
		a->changes = xstrdup(buf_str(&b));
		p->tally.n[a->verb]++;
	}
	rv = 0;
out:
	buf_fini(&b);
	free(idx.v);
	free(byid);
	free(first);
	if (rv != 0)
		io_csv_plan_free(p);
	return rv;
}

/* -------------------------------------------------------- public entries */

/* Hand an error message to the caller, or drop it when cause is NULL. */
static int
csv_cause(int rv, char *why, char **cause)
{
	if (cause != NULL)
		*cause = why;
	else
		free(why);
	return rv;
}

/*
 * Parse a CSV file held in buf. Blank records (no text in any field)
 * are dropped; every other record must have as many fields as the
 * header. Returns 0 with *f filled (io_csv_free), or -1 with *cause
 * ("line N: ...") and nothing to free.
 */
int
io_csv_parse(const char *buf, size_t len, struct csv_file *f, char **cause)
{
	char	*why = NULL;
	int	 rv;

	rv = csv_parse(buf, len, f, &why);
	return csv_cause(rv, why, cause);
}

/*
 * Read a shot list or a take list (a take list has a Take column) from
 * buf. A shot list needs the Scene and Shot columns, a take list the
 * Take column; other columns may be left out. Returns 0 with *d filled
 * (io_csv_doc_free), or -1 with *cause naming the line.
 */
int
io_csv_read(const char *buf, size_t len, struct csv_doc *d, char **cause)
{
	char	*why = NULL;
	int	 rv;

	rv = csv_read(buf, len, d, &why);
	return csv_cause(rv, why, cause);
}

/*
 * Plan the import of shot list d into a production with these scenes
 * and shots (all of them, in storyboard order). A row with a shot code
 * updates that shot or creates it with that code; a row without one
 * updates the one shot of its scene with the same description, if
 * there is exactly one not otherwise named, else creates a shot with
 * the next automatic code. Returns 0 with *p filled (io_csv_plan_free),
 * or -1 with *cause naming the line.
 */
int
io_csv_plan_shots(const struct csv_doc *d, const struct scene_list *scenes,
    const struct shot_list *shots, struct csv_plan *p, char **cause)
{
	char	*why = NULL;
	int	 rv;

	rv = csv_plan_shots(d, scenes, shots, p, &why);
	return csv_cause(rv, why, cause);
}

/*
 * Plan the import of take list d: each row must name an existing take
 * (of takes, all of them; prompts holds their variants). Verdict,
 * Reasons, Rating, In, Out and Cost may change; the other columns must
 * match the production. Returns 0 with *p filled (io_csv_plan_free),
 * or -1 with *cause naming the line.
 */
int
io_csv_plan_takes(const struct csv_doc *d, const struct take_list *takes,
    const struct prompt_list *prompts, struct csv_plan *p, char **cause)
{
	char	*why = NULL;
	int	 rv;

	rv = csv_plan_takes(d, takes, prompts, p, &why);
	return csv_cause(rv, why, cause);
}
