/* SPDX-License-Identifier: ISC */
/*
 * Takes. Reasons live in their own table (one row per tag) so reports
 * can count them; a take's reasons are read back with group_concat in
 * the primary key's order, which is sorted by tag.
 */
#include "config.h"

#include "db/db-take.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/clock.h"
#include "model/units.h"
#include "db/db-priv.h"
#include "db/db-board.h"
#include "db/db-log.h"

#define TAKE_COLS							\
	"t.id, t.shot_id, h.code, s.code, t.prompt_id, p.label, t.file, "\
	"t.file_size, t.duration_ms, t.status, t.error, t.job_id, "	\
	"t.backend, t.model, t.cost, t.verdict, "			\
	"(SELECT group_concat(r.reason, ',') FROM take_reason r WHERE "	\
	"  r.take_id = t.id), "						\
	"t.rating, t.in_ms, t.out_ms, t.notes, t.created, t.created_by, "\
	"t.verdict_by, t.verdict_at "					\
	"FROM take t JOIN shot h ON h.id = t.shot_id "			\
	"JOIN scene s ON s.id = h.scene_id "				\
	"LEFT JOIN prompt p ON p.id = t.prompt_id "

/*
 * TAKE_COLS without what an import neither checks nor logs (the scene,
 * file size, error, job, notes, creation and reviewer, left NULL),
 * for reading thousands of takes one by one: take_read_cols reads both.
 */
#define TAKE_BRIEF_COLS							\
	"t.id, t.shot_id, h.code, NULL, t.prompt_id, p.label, t.file, "\
	"NULL, t.duration_ms, t.status, NULL, NULL, "			\
	"t.backend, t.model, t.cost, t.verdict, "			\
	"(SELECT group_concat(r.reason, ',') FROM take_reason r WHERE "	\
	"  r.take_id = t.id), "						\
	"t.rating, t.in_ms, t.out_ms, NULL, NULL, NULL, NULL, NULL "	\
	"FROM take t JOIN shot h ON h.id = t.shot_id "			\
	"LEFT JOIN prompt p ON p.id = t.prompt_id "

/* The take's id as text for the log, in buf. */
static const char *
take_obj(char *buf, size_t len, long long id)
{
	snprintf(buf, len, "%lld", id);
	return buf;
}

void
take_filter_init(struct take_filter *f)
{
	memset(f, 0, sizeof *f);
	f->verdict = -1;
	f->state = -1;
}

/*
 * A take from a row of TAKE_COLS; brief, from a row of TAKE_BRIEF_COLS
 * or TAKE_RANGE_COLS, leaving what those do not read NULL (file_size
 * BOARD_NONE) rather than allocating it empty.
 */
static void
take_read_cols(sqlite3_stmt *st, struct take *tk, int brief)
{
	const char	*c;
	char		*s, *p, *comma;

	memset(tk, 0, sizeof *tk);
	tk->id = sqlite3_column_int64(st, 0);
	tk->shot_id = sqlite3_column_int64(st, 1);
	tk->shot_code = brief ? db_col_text(st, 2) : db_col_text_empty(st, 2);
	tk->scene_code = brief ? NULL : db_col_text_empty(st, 3);
	tk->prompt_id = sqlite3_column_int64(st, 4);
	tk->prompt_label = db_col_text(st, 5);
	tk->file = db_col_text(st, 6);
	tk->file_size = db_col_ll(st, 7);
	tk->duration_ms = db_col_ll(st, 8);
	c = (const char *)sqlite3_column_text(st, 9);
	if (take_state_parse(c != NULL ? c : "", &tk->state, NULL) != 0)
		tk->state = TAKE_READY;
	tk->error = db_col_text(st, 10);
	tk->job_id = db_col_text(st, 11);
	tk->backend = db_col_text(st, 12);
	tk->model = db_col_text(st, 13);
	tk->cost = sqlite3_column_int64(st, 14);
	c = (const char *)sqlite3_column_text(st, 15);
	if (verdict_parse(c != NULL ? c : "", &tk->verdict, NULL) != 0)
		tk->verdict = VERDICT_UNREVIEWED;
	s = db_col_text(st, 16);
	for (p = s; p != NULL && *p != '\0'; p = comma + 1) {
		comma = strchr(p, ',');
		if (comma == NULL) {
			str_list_add(&tk->reasons, p);
			break;
		}
		*comma = '\0';
		str_list_add(&tk->reasons, p);
	}
	free(s);
	tk->rating = (int)(sqlite3_column_type(st, 17) == SQLITE_NULL ? 0 :
	    sqlite3_column_int(st, 17));
	tk->in_ms = db_col_ll(st, 18);
	tk->out_ms = db_col_ll(st, 19);
	if (brief)
		return;
	tk->notes = db_col_text_empty(st, 20);
	tk->created = db_col_text_empty(st, 21);
	tk->created_by = db_col_text_empty(st, 22);
	tk->verdict_by = db_col_text(st, 23);
	tk->verdict_at = db_col_text(st, 24);
}

static void
take_read(sqlite3_stmt *st, struct take *tk)
{
	take_read_cols(st, tk, 0);
}

/* Look up a take by id. Returns 1 with *tk filled (take_free), 0 if
 * absent, -1 on error with *cause. */
int
db_take_get(struct db *db, long long id, struct take *tk, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc, rv = -1;

	if (cause != NULL)
		*cause = NULL;
	st = db_stmt(db, "SELECT " TAKE_COLS "WHERE t.id = ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		take_read(st, tk);
		rv = 1;
	} else if (rc == SQLITE_DONE)
		rv = 0;
	else
		db_fail(db, cause, "cannot read take %lld", id);
	db_release(db, st);
	return rv;
}

#define TAKE_WHERE							\
	"(?1 IS NULL OR h.scene_id = ?1) AND (?2 IS NULL OR t.shot_id = ?2) "\
	"AND (?3 IS NULL OR t.prompt_id = ?3) AND "			\
	"(?4 IS NULL OR t.verdict = ?4) AND (?5 IS NULL OR t.status = ?5) "\
	"AND (?6 IS NULL OR EXISTS (SELECT 1 FROM take_reason r WHERE "	\
	"r.take_id = t.id AND r.reason = ?6)) "
#define TAKE_ORDER							\
	"ORDER BY s.position, s.id, h.position, h.id, t.id"

/*
 * TAKE_WHERE's "?N IS NULL OR ..." terms cannot use an index, so a list
 * of one variant, shot or scene scanned every take of the production;
 * these lead with the narrowest of them as a plain term, which the
 * planner looks up in take_prompt, take_shot or shot_scene. Indexed by
 * take_narrow().
 */
#define TAKE_NARROW(head)						\
	{ head "WHERE " TAKE_WHERE TAKE_ORDER,				\
	  head "WHERE h.scene_id = ?1 AND " TAKE_WHERE TAKE_ORDER,	\
	  head "WHERE t.shot_id = ?2 AND " TAKE_WHERE TAKE_ORDER,	\
	  head "WHERE t.prompt_id = ?3 AND " TAKE_WHERE TAKE_ORDER }

static const char *const take_list_sql[] = TAKE_NARROW("SELECT " TAKE_COLS);
static const char *const take_ids_sql[] = TAKE_NARROW("SELECT t.id FROM "
    "take t JOIN shot h ON h.id = t.shot_id JOIN scene s ON s.id = "
    "h.scene_id ");

static int
take_narrow(const struct take_filter *f)
{
	if (f->prompt_id > 0)
		return 3;
	if (f->shot_id > 0)
		return 2;
	return f->scene_id > 0;
}

static void
take_bind_filter(sqlite3_stmt *st, const struct take_filter *f)
{
	db_bind_ll(st, 1, f->scene_id > 0 ? f->scene_id : BOARD_NONE);
	db_bind_ll(st, 2, f->shot_id > 0 ? f->shot_id : BOARD_NONE);
	db_bind_ll(st, 3, f->prompt_id > 0 ? f->prompt_id : BOARD_NONE);
	if (f->verdict >= 0)
		sqlite3_bind_text(st, 4, verdict_name((enum verdict)f->verdict),
		    -1, SQLITE_STATIC);
	if (f->state >= 0)
		sqlite3_bind_text(st, 5,
		    take_state_name((enum take_state)f->state), -1,
		    SQLITE_STATIC);
	db_bind_text(st, 6, f->reason);
}

/* The ids of the takes matching f, in the order of db_take_list: *ids
 * (caller frees) holds *n of them. For long lists (a review of the whole
 * production) without loading every take. */
int
db_take_ids(struct db *db, const struct take_filter *f, long long **ids,
    size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	st = db_prepare(db, take_ids_sql[take_narrow(f)], cause);
	if (st == NULL)
		return -1;
	take_bind_filter(st, f);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		if (*n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return db_fail(db, cause, "cannot list takes");
	}
	return 0;
}

/* Takes matching f in storyboard order, then by id; appended to *out. */
int
db_take_list(struct db *db, const struct take_filter *f,
    struct take_list *out, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, take_list_sql[take_narrow(f)], cause);
	if (st == NULL)
		return -1;
	take_bind_filter(st, f);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		take_read(st, ARRAY_ADD(out));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot list takes");
	return 0;
}

/*
 * The shot view's takes: those of variant prompt_id, or with prompt_id
 * 0 every take of shot_id, in id order (the order of db_take_list for
 * one shot). Pages are keyed on the id, so that a page costs its own
 * rows and not those before it; TAKE_PAGE(col) gives the four queries:
 * forward from a key, then backward, each first by variant then by
 * shot. The index take_prompt (prompt_id, and the rowid) and take_shot
 * serve them.
 */
#define TAKE_PAGE_FWD(col)						\
	"SELECT " TAKE_COLS "WHERE t." col " = ?1 AND t.id > ?2 "	\
	"ORDER BY t.id LIMIT ?3"
#define TAKE_PAGE_BACK(col)						\
	"SELECT " TAKE_COLS "WHERE t." col " = ?1 AND t.id < ?2 "	\
	"ORDER BY t.id DESC LIMIT ?3"
#define TAKE_SKIP_FWD(col)						\
	"SELECT t.id FROM take t WHERE t." col " = ?1 AND t.id > ?2 "	\
	"ORDER BY t.id LIMIT 1 OFFSET ?3"
#define TAKE_SKIP_BACK(col)						\
	"SELECT t.id FROM take t WHERE t." col " = ?1 AND t.id < ?2 "	\
	"ORDER BY t.id DESC LIMIT 1 OFFSET ?3"

static const char *const take_page_sql[2][2] = {
	{ TAKE_PAGE_FWD("shot_id"), TAKE_PAGE_BACK("shot_id") },
	{ TAKE_PAGE_FWD("prompt_id"), TAKE_PAGE_BACK("prompt_id") },
};
static const char *const take_skip_sql[2][2] = {
	{ TAKE_SKIP_FWD("shot_id"), TAKE_SKIP_BACK("shot_id") },
	{ TAKE_SKIP_FWD("prompt_id"), TAKE_SKIP_BACK("prompt_id") },
};

/*
 * Up to n takes of variant prompt_id (of shot_id when prompt_id is 0),
 * appended to *out in id order. With dir > 0 they are the first takes
 * with an id above key, after skipping skip of them; with dir < 0 the
 * last takes with an id below key (key 0: from the end), after skipping
 * skip from that end. A skip costs one index entry per take skipped and
 * no row; a page costs its n rows, wherever it lies. Returns 0, or -1
 * with *cause.
 */
int
db_take_page(struct db *db, long long shot_id, long long prompt_id,
    long long key, int dir, long long skip, size_t n, struct take_list *out,
    char **cause)
{
	sqlite3_stmt	*st;
	size_t		 first = out->n, i, k;
	struct take	 tmp;
	int		 by = prompt_id > 0, back = dir < 0, rc;

	if (cause != NULL)
		*cause = NULL;
	if (back && key <= 0)
		key = INT64_MAX;
	if (n == 0)
		return 0;
	if (skip > 0) {
		st = db_prepare(db, take_skip_sql[by][back], cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, by ? prompt_id : shot_id);
		sqlite3_bind_int64(st, 2, key);
		sqlite3_bind_int64(st, 3, skip - 1);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			key = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_ROW)
			return db_fail(db, cause, "cannot list takes");
	}
	st = db_prepare(db, take_page_sql[by][back], cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, by ? prompt_id : shot_id);
	sqlite3_bind_int64(st, 2, key);
	sqlite3_bind_int64(st, 3, n > INT_MAX ? INT_MAX : (long long)n);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		take_read(st, ARRAY_ADD(out));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot list takes");
	/* Backward pages come last first. */
	for (i = first, k = out->n; back && k > 0 && i < k - 1; i++, k--) {
		tmp = out->v[i];
		out->v[i] = out->v[k - 1];
		out->v[k - 1] = tmp;
	}
	return 0;
}

/*
 * How many takes db_take_page pages through (every status), from the
 * maintained totals (take_total, shot_total) rather than the takes, so
 * the count costs the same for 20 takes or 20,000. Returns 0 with *n,
 * or -1 with *cause.
 */
int
db_take_count(struct db *db, long long shot_id, long long prompt_id,
    long long *n, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (cause != NULL)
		*cause = NULL;
	st = db_prepare(db, prompt_id > 0 ? "SELECT coalesce(sum(x.n), 0) "
	    "FROM take_total x WHERE x.shot_id = ?1 AND x.prompt_id = ?2" :
	    "SELECT coalesce(sum(x.n), 0) FROM shot_total x WHERE "
	    "x.shot_id = ?1", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, shot_id);
	if (prompt_id > 0)
		sqlite3_bind_int64(st, 2, prompt_id);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, cause, "cannot count takes");
	return 0;
}

/*
 * TAKE_BRIEF_COLS without the shot's code, the variant's label (both
 * read as NULL) and the reasons (read as none), for take_range, which
 * looks the codes and labels up through a take_names cache and reads
 * the reasons with one scan of take_reason.
 */
#define TAKE_RANGE_COLS							\
	"t.id, t.shot_id, NULL, NULL, t.prompt_id, NULL, t.file, "	\
	"NULL, t.duration_ms, t.status, NULL, NULL, "			\
	"t.backend, t.model, t.cost, t.verdict, NULL, "			\
	"t.rating, t.in_ms, t.out_ms, NULL, NULL, NULL, NULL, NULL "	\
	"FROM take t "

/*
 * Shot codes or variant labels by id, as take_range looks them up:
 * takes close in id mostly share their shot, so a small direct-mapped
 * cache spares one lookup (a join) per take.
 */
#define TAKE_NAMES	256

struct take_names {
	sqlite3_stmt	*st;
	long long	 id[TAKE_NAMES];	/* 0 when the slot is empty */
	char		*text[TAKE_NAMES];	/* NULL when there is none */
};

/* The name of id in *out (NULL when there is none). Returns 0, or -1
 * with *cause. */
static int
take_name(struct db *db, struct take_names *c, long long id,
    const char **out, char **cause)
{
	size_t	 k = (size_t)((unsigned long long)id % TAKE_NAMES);
	int	 rc;

	if (c->id[k] != id || id == 0) {
		free(c->text[k]);
		c->text[k] = NULL;
		c->id[k] = id;
		sqlite3_bind_int64(c->st, 1, id);
		rc = sqlite3_step(c->st);
		if (rc == SQLITE_ROW)
			c->text[k] = db_col_text_empty(c->st, 0);
		sqlite3_reset(c->st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			c->id[k] = 0;
			return db_fail(db, cause, "cannot read the takes");
		}
	}
	*out = c->text[k];
	return 0;
}

static void
take_names_free(struct take_names *c)
{
	size_t	 k;

	sqlite3_finalize(c->st);
	for (k = 0; k < TAKE_NAMES; k++)
		free(c->text[k]);
}

/* Below this many ids, or when they are this sparse, read id by id. */
#define TAKE_RANGE_MIN		64
#define TAKE_RANGE_SPARSE	16

/* An id asked for and where it was asked (its index in ids). */
struct take_want {
	long long	id;
	size_t		at;
};

static int
take_want_cmp(const void *a, const void *b)
{
	const struct take_want	*x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * db_take_list_ids for many ids close together: one scan of the takes
 * between the least and the greatest id and one of their reasons (in
 * the primary key's order, as the group_concat of TAKE_BRIEF_COLS
 * reads them), each row matched against the ids sorted. got[i] is the
 * take of ids[i], found[i] whether there is one.
 */
static int
take_range(struct db *db, const struct take_want *w, size_t n,
    struct take *got, char *found, char **cause)
{
	sqlite3_stmt		*st;
	struct take_names	*shots, *labels;
	struct take		*tk;
	const char		*r, *code, *label;
	long long		 id;
	size_t			 i = 0, k;
	int			 rc = SQLITE_DONE, bad = 0;

	shots = xcalloc(1, sizeof *shots);
	labels = xcalloc(1, sizeof *labels);
	st = NULL;
	shots->st = db_prepare(db, "SELECT code FROM shot WHERE id = ?",
	    cause);
	if (shots->st != NULL)
		labels->st = db_prepare(db, "SELECT label FROM prompt WHERE "
		    "id = ?", cause);
	if (labels->st != NULL)
		st = db_prepare(db, "SELECT " TAKE_RANGE_COLS "WHERE t.id "
		    "BETWEEN ?1 AND ?2 ORDER BY t.id", cause);
	if (st == NULL) {
		bad = 1;
		goto names;
	}
	sqlite3_bind_int64(st, 1, w[0].id);
	sqlite3_bind_int64(st, 2, w[n - 1].id);
	while (i < n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		while (i < n && w[i].id < id)
			i++;
		if (i >= n || w[i].id != id)
			continue;
		/* As the joins of TAKE_BRIEF_COLS: no shot, no take. */
		if (take_name(db, shots, sqlite3_column_int64(st, 1), &code,
		    cause) != 0 || (sqlite3_column_type(st, 4) != SQLITE_NULL &&
		    take_name(db, labels, sqlite3_column_int64(st, 4), &label,
		    cause) != 0)) {
			bad = 1;
			break;
		}
		if (sqlite3_column_type(st, 4) == SQLITE_NULL)
			label = NULL;
		for (; code != NULL && i < n && w[i].id == id; i++) {
			tk = &got[w[i].at];
			take_read_cols(st, tk, 1);
			tk->shot_code = xstrdup(code);
			tk->prompt_label = label != NULL ? xstrdup(label) :
			    NULL;
			found[w[i].at] = 1;
		}
	}
	if (i >= n)
		rc = SQLITE_DONE;
	sqlite3_finalize(st);
names:
	take_names_free(shots);
	take_names_free(labels);
	free(shots);
	free(labels);
	if (bad)
		return -1;
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot read the takes");
	st = db_prepare(db, "SELECT take_id, reason FROM take_reason WHERE "
	    "take_id BETWEEN ?1 AND ?2 ORDER BY take_id, reason", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, w[0].id);
	sqlite3_bind_int64(st, 2, w[n - 1].id);
	i = 0;
	while (i < n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		while (i < n && w[i].id < id)
			i++;
		r = (const char *)sqlite3_column_text(st, 1);
		for (k = i; k < n && w[k].id == id; k++) {
			if (found[w[k].at])
				str_list_add(&got[w[k].at].reasons,
				    r != NULL ? r : "");
		}
	}
	if (i >= n)
		rc = SQLITE_DONE;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot read the takes");
	return 0;
}

/*
 * The takes whose ids are ids[0..n-1] (ids that name no take are left
 * out; an id given twice is read twice), appended to *out in the order
 * given, so that an import naming 100k takes reads those and not the
 * whole production: a few ids (or ids far apart) with one statement
 * stepped once per id, many ids close together with one range scan
 * (take_range). Only what an import checks and writes is read:
 * scene_code, notes, created, created_by, error, job_id, verdict_by
 * and verdict_at are NULL, file_size BOARD_NONE.
 */
int
db_take_list_ids(struct db *db, const long long *ids, size_t n,
    struct take_list *out, char **cause)
{
	sqlite3_stmt		*st;
	struct take_want	*w;
	struct take		*got;
	char			*found;
	size_t			 i, k;
	int			 rc = SQLITE_DONE, rv;

	if (cause != NULL)
		*cause = NULL;
	if (n >= TAKE_RANGE_MIN) {
		w = xreallocarray(NULL, n, sizeof *w);
		for (i = 0; i < n; i++) {
			w[i].id = ids[i];
			w[i].at = i;
		}
		qsort(w, n, sizeof *w, take_want_cmp);
		if ((unsigned long long)w[n - 1].id - (unsigned long long)w[0].id
		    <= (unsigned long long)n * TAKE_RANGE_SPARSE) {
			/* Read in place, then close the gaps. */
			ARRAY_RESERVE(out, out->n + n);
			got = out->v + out->n;
			found = xcalloc(n, 1);
			rv = take_range(db, w, n, got, found, cause);
			for (i = 0, k = 0; i < n; i++) {
				if (!found[i])
					continue;
				if (rv == 0)
					got[k++] = got[i];
				else
					take_free(&got[i]);
			}
			if (rv == 0)
				out->n += k;
			free(found);
			free(w);
			return rv;
		}
		free(w);
	}
	st = db_prepare(db, "SELECT " TAKE_BRIEF_COLS "WHERE t.id = ?", cause);
	if (st == NULL)
		return -1;
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			take_read_cols(st, ARRAY_ADD(out), 1);
			rc = sqlite3_step(st);
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot read the takes");
	return 0;
}

/*
 * Record a take of shot tk->shot_id (variant tk->prompt_id when > 0,
 * which must belong to the same shot). Fields used: file, file_size,
 * duration_ms, state, error, job_id, backend, model, cost, notes. On
 * success tk->id, created and created_by are set.
 */
int
db_take_add(struct db *db, struct take *tk, char **cause)
{
	sqlite3_stmt	*st;
	long long	 shot = 0;
	struct shot	 sh;
	char		*secs, obj[32];
	int		 found;

	if (cause != NULL)
		*cause = NULL;
	found = db_shot_get_id(db, tk->shot_id, &sh, cause);
	if (found <= 0) {
		if (found == 0 && cause != NULL)
			*cause = xstrdup("no such shot");
		return -1;
	}
	free(tk->shot_code);
	tk->shot_code = xstrdup(sh.code);
	free(tk->scene_code);
	tk->scene_code = xstrdup(sh.scene_code);
	shot_free(&sh);
	if (tk->prompt_id > 0) {
		found = db_scalar_ll(db, "SELECT shot_id FROM prompt WHERE "
		    "id = ?", tk->prompt_id, &shot, cause);
		if (found < 0)
			return -1;
		if (found == 0 || shot != tk->shot_id) {
			if (cause != NULL)
				*cause = xasprintf("variant %lld is not a "
				    "variant of this shot", tk->prompt_id);
			return -1;
		}
	}
	free(tk->created);
	tk->created = clock_now_iso();
	free(tk->created_by);
	tk->created_by = xstrdup(clock_user());
	st = db_prepare(db, "INSERT INTO take (shot_id, prompt_id, file, "
	    "file_size, duration_ms, status, error, job_id, backend, model, "
	    "cost, notes, created, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?)", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, tk->shot_id);
	db_bind_ll(st, 2, tk->prompt_id > 0 ? tk->prompt_id : BOARD_NONE);
	db_bind_text(st, 3, tk->file);
	db_bind_ll(st, 4, tk->file_size);
	db_bind_ll(st, 5, tk->duration_ms);
	sqlite3_bind_text(st, 6, take_state_name(tk->state), -1, SQLITE_STATIC);
	db_bind_text(st, 7, tk->error);
	db_bind_text(st, 8, tk->job_id);
	db_bind_text(st, 9, tk->backend);
	db_bind_text(st, 10, tk->model);
	sqlite3_bind_int64(st, 11, tk->cost);
	sqlite3_bind_text(st, 12, tk->notes != NULL ? tk->notes : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 13, tk->created, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 14, tk->created_by, -1, SQLITE_TRANSIENT);
	if (db_step_done(db, st, cause, "cannot add the take") != 0)
		return -1;
	tk->id = sqlite3_last_insert_rowid(db->h);
	if (tk->state == TAKE_FAILED)
		secs = xstrdup("failed attempt");
	else if (tk->duration_ms >= 0) {
		char *s = units_fmt_seconds(tk->duration_ms);

		secs = xasprintf("%s s", s);
		free(s);
	} else
		secs = xstrdup("duration unknown");
	found = db_log_add(db, cause, "add", "take",
	    take_obj(obj, sizeof obj, tk->id), "shot %s, %s%s%s",
	    tk->shot_code != NULL ? tk->shot_code : "?", secs,
	    tk->file != NULL ? ", " : "", tk->file != NULL ? tk->file : "");
	free(secs);
	return found;
}

/* Set the clip file of take id (path relative to the production). */
int
db_take_set_file(struct db *db, long long id, const char *file,
    long long size, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE take SET file = ?, file_size = ? WHERE "
	    "id = ?", cause);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, file);
	db_bind_ll(st, 2, size);
	sqlite3_bind_int64(st, 3, id);
	return db_step_done(db, st, cause, "cannot set the take's file");
}

static int
take_must_exist(struct db *db, long long id, struct take *tk, char **cause)
{
	int	 found;

	found = db_take_get(db, id, tk, cause);
	if (found == 0 && cause != NULL)
		*cause = xasprintf("no take %lld", id);
	return found == 1 ? 0 : -1;
}

/*
 * Give take id a verdict, recording who and when. For REJECT, reasons
 * (when not NULL) replace the take's reasons; for other verdicts the
 * reasons are cleared. in/out (BOARD_NONE when unset) apply to KEEP and
 * are cleared otherwise. The take must be ready (generated). Returns 0
 * or -1 with *cause.
 */
int
db_take_verdict(struct db *db, long long id, enum verdict v,
    const struct str_list *reasons, long long in_ms, long long out_ms,
    char **cause)
{
	struct take	 tk;
	char		*why = NULL, obj[32];
	int		 rv = -1;

	if (cause != NULL)
		*cause = NULL;
	if (take_must_exist(db, id, &tk, cause) != 0)
		return -1;
	if (db_take_verdict_was(db, &tk, v, reasons, in_ms, out_ms,
	    cause) != 0)
		goto out;
	if (v == VERDICT_REJECT && reasons != NULL)
		why = str_list_join(reasons, ", ");
	rv = db_log_add(db, cause, v == VERDICT_UNREVIEWED ? "unreview" :
	    verdict_name(v), "take", take_obj(obj, sizeof obj, id),
	    "shot %s, was %s%s%s", tk.shot_code, verdict_name(tk.verdict),
	    why != NULL && *why != '\0' ? ": " : "", why != NULL ? why : "");
out:
	free(why);
	take_free(&tk);
	return rv;
}

/*
 * db_take_verdict for the take was, as the caller read it (db_take_get,
 * db_take_list_ids) in the transaction it writes in, without logging:
 * an importer that has read every take it changes neither reads each
 * one again nor logs each one (it logs the import).
 */
int
db_take_verdict_was(struct db *db, const struct take *was, enum verdict v,
    const struct str_list *reasons, long long in_ms, long long out_ms,
    char **cause)
{
	const struct take	*tk = was;
	sqlite3_stmt		*st;
	char			*now = NULL;
	long long		 id = was->id;
	size_t			 i;
	int			 rv = -1;

	if (cause != NULL)
		*cause = NULL;
	if (tk->state != TAKE_READY && v != VERDICT_UNREVIEWED) {
		if (cause != NULL)
			*cause = xasprintf("take %lld is %s, not ready: only a "
			    "generated take can be reviewed", id,
			    take_state_name(tk->state));
		goto out;
	}
	if (v != VERDICT_KEEP)
		in_ms = out_ms = BOARD_NONE;
	if (in_ms != BOARD_NONE && out_ms != BOARD_NONE && in_ms >= out_ms) {
		if (cause != NULL)
			*cause = xstrdup("the in point must come before the "
			    "out point");
		goto out;
	}
	if (tk->duration_ms != BOARD_NONE &&
	    ((in_ms != BOARD_NONE && in_ms >= tk->duration_ms) ||
	    (out_ms != BOARD_NONE && out_ms > tk->duration_ms))) {
		char *d = units_fmt_seconds(tk->duration_ms);

		if (cause != NULL)
			*cause = xasprintf("in and out must lie within the "
			    "take (0 to %s s)", d);
		free(d);
		goto out;
	}
	now = clock_now_iso();
	st = db_stmt(db, "UPDATE take SET verdict = ?, in_ms = ?, out_ms = "
	    "?, verdict_by = ?, verdict_at = ? WHERE id = ?", cause);
	if (st == NULL)
		goto out;
	sqlite3_bind_text(st, 1, verdict_name(v), -1, SQLITE_STATIC);
	db_bind_ll(st, 2, in_ms);
	db_bind_ll(st, 3, out_ms);
	if (v == VERDICT_UNREVIEWED) {
		sqlite3_bind_null(st, 4);
		sqlite3_bind_null(st, 5);
	} else {
		sqlite3_bind_text(st, 4, clock_user(), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int64(st, 6, id);
	if (db_step_done(db, st, cause, "cannot save the verdict") != 0)
		goto out;
	if (v != VERDICT_REJECT || reasons != NULL) {
		st = db_stmt(db, "DELETE FROM take_reason WHERE take_id = ?",
		    cause);
		if (st == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, id);
		if (db_step_done(db, st, cause, "cannot save reasons") != 0)
			goto out;
	}
	for (i = 0; v == VERDICT_REJECT && reasons != NULL && i < reasons->n;
	    i++) {
		st = db_stmt(db, "INSERT OR IGNORE INTO take_reason "
		    "(take_id, reason) VALUES (?, ?)", cause);
		if (st == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, reasons->v[i], -1, SQLITE_TRANSIENT);
		if (db_step_done(db, st, cause, "cannot save reasons") != 0)
			goto out;
	}
	rv = 0;
out:
	free(now);
	return rv;
}

/* Rate take id 1-5 (0 clears the rating). */
int
db_take_rate(struct db *db, long long id, int rating, char **cause)
{
	struct take	 tk;
	char		 obj[32];
	int		 rv = -1;

	if (take_must_exist(db, id, &tk, cause) != 0)
		return -1;
	if (db_take_rate_was(db, &tk, rating, cause) == 0)
		rv = db_log_add(db, cause, "rate", "take",
		    take_obj(obj, sizeof obj, id), "shot %s: %s%.0d (was "
		    "%s%.0d)", tk.shot_code, rating > 0 ? "" : "unrated",
		    rating, tk.rating > 0 ? "" : "unrated", tk.rating);
	take_free(&tk);
	return rv;
}

/* db_take_rate for the take was as read in this transaction, without
 * logging (see db_take_verdict_was). */
int
db_take_rate_was(struct db *db, const struct take *was, int rating,
    char **cause)
{
	sqlite3_stmt	*st;

	if (cause != NULL)
		*cause = NULL;
	st = db_stmt(db, "UPDATE take SET rating = ? WHERE id = ?", cause);
	if (st == NULL)
		return -1;
	db_bind_ll(st, 1, rating > 0 ? rating : BOARD_NONE);
	sqlite3_bind_int64(st, 2, was->id);
	return db_step_done(db, st, cause, "cannot save the rating");
}

/* Replace the notes of take id. */
int
db_take_note(struct db *db, long long id, const char *note, char **cause)
{
	struct take	 tk;
	sqlite3_stmt	*st;
	char		 obj[32];
	int		 rv = -1;

	if (take_must_exist(db, id, &tk, cause) != 0)
		return -1;
	st = db_prepare(db, "UPDATE take SET notes = ? WHERE id = ?", cause);
	if (st != NULL) {
		sqlite3_bind_text(st, 1, note, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, id);
		if (db_step_done(db, st, cause, "cannot save the note") == 0)
			rv = db_log_add(db, cause, "note", "take",
			    take_obj(obj, sizeof obj, id), "shot %s",
			    tk.shot_code);
	}
	take_free(&tk);
	return rv;
}

/* Delete take id (its clip file is left alone). */
int
db_take_rm(struct db *db, long long id, char **cause)
{
	struct take	 tk;
	sqlite3_stmt	*st;
	char		 obj[32];
	int		 rv = -1;

	if (take_must_exist(db, id, &tk, cause) != 0)
		return -1;
	st = db_prepare(db, "DELETE FROM take WHERE id = ?", cause);
	if (st != NULL) {
		sqlite3_bind_int64(st, 1, id);
		if (db_step_done(db, st, cause, "cannot delete the take") == 0)
			rv = db_log_add(db, cause, "rm", "take",
			    take_obj(obj, sizeof obj, id), "shot %s, %s%s%s",
			    tk.shot_code,
			    verdict_name(tk.verdict), tk.file != NULL ?
			    ", file left at " : "", tk.file != NULL ?
			    tk.file : "");
	}
	take_free(&tk);
	return rv;
}

/* Up to n reject reasons, the most recently used first (then the most
 * used), appended to *out; for offering them when rejecting. */
int
db_take_recent_reasons(struct db *db, int n, struct str_list *out,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT r.reason FROM take_reason r JOIN take t "
	    "ON t.id = r.take_id GROUP BY r.reason ORDER BY "
	    "max(coalesce(t.verdict_at, '')) DESC, count(*) DESC, r.reason "
	    "LIMIT ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, n);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		str_list_add(out, (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot read the reasons");
	return 0;
}

/* Whether a take refers to the clip file rel (relative to the
 * production): 1, 0, or -1 with *cause. */
int
db_take_file_used(struct db *db, const char *rel, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT 1 FROM take WHERE file = ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, rel, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_fail(db, cause, "cannot look up %s", rel);
}
