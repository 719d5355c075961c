/* SPDX-License-Identifier: ISC */
/*
 * Report queries. Each one reads the maintained totals (take_total and,
 * for the reject reasons, reason_total, or the takes when a filter is
 * finer than reason_total) with the same filter (REPORT_TOTALS or
 * REPORT_TAKES, parameters ?1 to ?5) and the same sums as `takeboard
 * stats` (DB_STATS_AGG of db-priv.h, through the totals), so every
 * figure of a report agrees with the statistics and a report reads a
 * few rows per shot, not every take; tests/cli/report-sql.sh checks
 * both against independent SQL. The grouping by variant, person,
 * generator and day is done in C in one pass (db_report_sums).
 */
#include "config.h"

#include "db/db-report.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/strtab.h"
#include "util/xmalloc.h"
#include "model/stats.h"
#include "db/db-priv.h"

/*
 * The takes a report counts, as a condition on the maintained totals x
 * (take_total or reason_total, whose day is substr(created, 1, 10) and
 * person is created_by); ?1 is used on the shot.
 */
#define REPORT_TOTALS							\
	"(?2 IS NULL OR x.day >= ?2) AND (?3 IS NULL OR x.day <= ?3) AND "\
	"(?4 IS NULL OR x.backend = ?4) AND (?5 IS NULL OR x.person = ?5) "

#define REPORT_TAGG	DB_TOTAL_AGG

/* The same condition on the takes t, for the reasons' fallback. */
#define REPORT_TAKES							\
	"(?2 IS NULL OR substr(t.created, 1, 10) >= ?2) AND "		\
	"(?3 IS NULL OR substr(t.created, 1, 10) <= ?3) AND "		\
	"(?4 IS NULL OR t.backend = ?4) AND "				\
	"(?5 IS NULL OR t.created_by = ?5) "

#define REPORT_SCENE	"(?1 IS NULL OR h.scene_id = ?1) "

/* The same on totals x without joining their shot (which would cost a
 * lookup per row of take_total when the report covers every scene). */
#define REPORT_XSCENE							\
	"(?1 IS NULL OR x.shot_id IN (SELECT id FROM shot WHERE "	\
	"scene_id = ?1)) "

/*
 * Prepare sql and bind the filter as ?1 to ?5 (when it has them; a
 * statement with ?1 only gets the scene).
 */
static sqlite3_stmt *
report_prepare(struct db *db, const char *sql, const struct report_filter *f,
    char **cause)
{
	sqlite3_stmt	*st;

	if (cause != NULL)
		*cause = NULL;
	st = db_prepare(db, sql, cause);
	if (st == NULL)
		return NULL;
	if (f == NULL || sqlite3_bind_parameter_count(st) < 1)
		return st;
	db_bind_ll(st, 1, f->scene_id > 0 ? f->scene_id : -1);
	if (sqlite3_bind_parameter_count(st) < 5)
		return st;
	db_bind_text(st, 2, f != NULL ? f->since : NULL);
	db_bind_text(st, 3, f != NULL ? f->until : NULL);
	db_bind_text(st, 4, f != NULL ? f->backend : NULL);
	db_bind_text(st, 5, f != NULL ? f->person : NULL);
	return st;
}

/*
 * Whether filter f restricts at most the scene, which shot_total (one
 * row a shot) and reason_total can answer; the other filters need
 * take_total's days, backends and people, or the takes.
 */
static int
report_coarse(const struct report_filter *f)
{
	return f == NULL || (f->since == NULL && f->until == NULL &&
	    f->backend == NULL && f->person == NULL);
}

/* Read the 9 sums of REPORT_TAGG starting at column i. */
static void
report_read_stats(sqlite3_stmt *st, int i, struct stats *s)
{
	s->takes = sqlite3_column_int64(st, i);
	s->failed = sqlite3_column_int64(st, i + 1);
	s->kept = sqlite3_column_int64(st, i + 2);
	s->maybe = sqlite3_column_int64(st, i + 3);
	s->rejected = sqlite3_column_int64(st, i + 4);
	s->unreviewed = sqlite3_column_int64(st, i + 5);
	s->ms_generated = sqlite3_column_int64(st, i + 6);
	s->ms_used = sqlite3_column_int64(st, i + 7);
	s->cost = sqlite3_column_int64(st, i + 8);
}

static enum status
report_status(sqlite3_stmt *st, int i)
{
	const unsigned char	*s;
	enum status		 v;

	s = sqlite3_column_text(st, i);
	if (s == NULL || status_parse((const char *)s, &v, NULL) != 0)
		return STATUS_PLANNED;
	return v;
}

/* Finish a query loop: finalize, and fail unless it ran to the end. */
static int
report_done(struct db *db, sqlite3_stmt *st, int rc, char **cause,
    const char *what)
{
	if (rc != SQLITE_DONE) {
		db_fail(db, cause, "cannot read the %s", what);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/*
 * Start a read transaction, so that every query of a report sees the
 * same state of the production even while others change it (WAL gives
 * readers a snapshot; a read takes no lock that would stop a writer).
 * Inside a transaction already open it does nothing. Returns 0 with
 * *started set to whether it began one (to hand to
 * db_report_snapshot_end), or -1 with *cause.
 */
int
db_report_snapshot(struct db *db, int *started, char **cause)
{
	if (cause != NULL)
		*cause = NULL;
	*started = 0;
	if (!sqlite3_get_autocommit(db->h))
		return 0;
	if (sqlite3_exec(db->h, "BEGIN DEFERRED", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return db_fail(db, cause, "cannot read the production");
	*started = 1;
	return 0;
}

/* End the read transaction db_report_snapshot began (started set). */
void
db_report_snapshot_end(struct db *db, int started)
{
	if (started && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}

/*
 * The scenes the report covers (all, or the filter's one), in
 * storyboard order, appended to *out. Their counts and statistics are
 * left zero. Returns 0 or -1 with *cause.
 */
int
db_report_scenes(struct db *db, const struct report_filter *f,
    struct report_scenes *out, char **cause)
{
	sqlite3_stmt		*st;
	struct report_scene	*sc;
	int			 rc;

	st = report_prepare(db, "SELECT s.id, s.code, s.heading, s.status "
	    "FROM scene s WHERE (?1 IS NULL OR s.id = ?1) "
	    "ORDER BY s.position, s.id", NULL, cause);
	if (st == NULL)
		return -1;
	db_bind_ll(st, 1, f != NULL && f->scene_id > 0 ? f->scene_id : -1);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		sc = ARRAY_ADD(out);
		sc->id = sqlite3_column_int64(st, 0);
		sc->code = db_col_text_empty(st, 1);
		sc->heading = db_col_text_empty(st, 2);
		sc->status = report_status(st, 3);
	}
	return report_done(db, st, rc, cause, "scenes");
}

/*
 * Every shot of the covered scenes in storyboard order, with its number
 * of variants and the statistics of its filtered takes. Returns 0 or -1
 * with *cause.
 */
int
db_report_shots(struct db *db, const struct report_filter *f,
    struct report_shots *out, char **cause)
{
	sqlite3_stmt		*st;
	struct report_shot	*sh;
	int			 rc;

	/* shot_total has at most one row a shot: no grouping needed. */
	if (report_coarse(f))
		st = report_prepare(db, "SELECT h.id, h.scene_id, h.code, "
		    "h.description, h.status, h.created, "
		    "(SELECT count(*) FROM prompt p WHERE p.shot_id = h.id), "
		    DB_TOTAL_ROW "FROM shot h JOIN scene s ON s.id = h.scene_id "
		    "LEFT JOIN shot_total x ON x.shot_id = h.id "
		    "WHERE " REPORT_SCENE
		    "ORDER BY s.position, s.id, h.position, h.id",
		    f, cause);
	else
		st = report_prepare(db, "SELECT h.id, h.scene_id, h.code, "
		    "h.description, h.status, h.created, "
		    "(SELECT count(*) FROM prompt p WHERE p.shot_id = h.id), "
		    REPORT_TAGG
		    "FROM shot h JOIN scene s ON s.id = h.scene_id "
		    "LEFT JOIN take_total x ON x.shot_id = h.id AND "
		    REPORT_TOTALS "WHERE " REPORT_SCENE
		    "GROUP BY h.id ORDER BY s.position, s.id, h.position, h.id",
		    f, cause);
	if (st == NULL)
		return -1;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		sh = ARRAY_ADD(out);
		sh->id = sqlite3_column_int64(st, 0);
		sh->scene_id = sqlite3_column_int64(st, 1);
		sh->code = db_col_text_empty(st, 2);
		sh->description = db_col_text_empty(st, 3);
		sh->status = report_status(st, 4);
		sh->created = db_col_text_empty(st, 5);
		sh->variants = sqlite3_column_int64(st, 6);
		report_read_stats(st, 7, &sh->s);
	}
	return report_done(db, st, rc, cause, "shots");
}

/* The text of column i and its length (never NULL). */
static const char *
report_col(sqlite3_stmt *st, int i, size_t *len)
{
	const char	*s;

	s = (const char *)sqlite3_column_text(st, i);
	*len = (size_t)sqlite3_column_bytes(st, i);
	return s != NULL ? s : "";
}

static int
report_day_cmp(const void *a, const void *b)
{
	const struct report_daysum	*x = a, *y = b;

	return strcmp(x->day, y->day);
}

/* The variant with this id in vars, sorted by id (no-variant entries
 * not yet appended), or NULL. */
static struct report_variant *
report_find_variant(struct report_variants *vars, size_t n, long long id)
{
	size_t	 lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (vars->v[mid].id == id)
			return &vars->v[mid];
		if (vars->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The filtered takes summed every way a report shows them, in one pass
 * over take_total (grouping in C: one scan instead of a sort per group
 * in SQLite):
 * - vars: every prompt variant of the covered shots, by id, with the
 *   statistics of its takes, then one entry (id 0) per shot that has
 *   takes with no variant, by shot id; report/ puts them in storyboard
 *   order;
 * - people: by the person who made the takes; backends: by backend and
 *   model (NULL names: none recorded), in no particular order;
 * - days: per day the takes were made (UTC), in date order.
 * Returns 0 or -1 with *cause.
 */
int
db_report_sums(struct db *db, const struct report_filter *f,
    struct report_variants *vars, struct report_groups *people,
    struct report_groups *backends, struct report_daysums *days,
    char **cause)
{
	sqlite3_stmt		*st;
	struct report_variant	*v, *cur = NULL, *none = NULL;
	struct report_group	*g;
	struct report_daysum	*d;
	struct strtab		 tp, tb, td;
	struct stats		 row;
	struct buf		 key;
	const char		*s, *m;
	size_t			 nprompts, len, mlen, i;
	long long		 pid, sid, curid = -1;
	bool			 added;
	int			 rc, rv = -1;

	st = report_prepare(db, "SELECT p.id, p.shot_id, p.label, p.text, "
	    "p.model FROM prompt p JOIN shot h ON h.id = p.shot_id "
	    "WHERE " REPORT_SCENE "ORDER BY p.id", f, cause);
	if (st == NULL)
		return -1;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		v = ARRAY_ADD(vars);
		v->id = sqlite3_column_int64(st, 0);
		v->shot_id = sqlite3_column_int64(st, 1);
		v->label = db_col_text(st, 2);
		v->text = db_col_text(st, 3);
		v->model = db_col_text(st, 4);
	}
	if (report_done(db, st, rc, cause, "prompt variants") != 0)
		return -1;
	nprompts = vars->n;

	/* take_total's key begins with shot_id, prompt_id: in that order
	 * the rows of a variant, and a shot's rows with no variant, come
	 * together, and the ORDER BY costs no sort. */
	st = report_prepare(db, "SELECT x.shot_id, x.prompt_id, x.backend, "
	    "x.model, x.person, x.day, x.takes, x.failed, x.kept, x.maybe, "
	    "x.rejected, x.unreviewed, x.ms_generated, x.ms_used, x.cost "
	    "FROM take_total x WHERE " REPORT_XSCENE "AND " REPORT_TOTALS
	    "ORDER BY x.shot_id, x.prompt_id", f, cause);
	if (st == NULL)
		return -1;
	strtab_init(&tp);
	strtab_init(&tb);
	strtab_init(&td);
	buf_init(&key);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		sid = sqlite3_column_int64(st, 0);
		report_read_stats(st, 6, &row);
		pid = sqlite3_column_int64(st, 1);
		if (pid == 0) {
			if (none == NULL || none->shot_id != sid) {
				none = ARRAY_ADD(vars);
				memset(none, 0, sizeof *none);
				none->shot_id = sid;
				cur = NULL;	/* vars may have moved */
				curid = -1;
			}
			stats_add(&none->s, &row);
		} else {
			if (pid != curid) {
				cur = report_find_variant(vars, nprompts, pid);
				curid = pid;
			}
			/* Totals of a variant of a shot not covered (or
			 * gone) are not counted, as the join would not. */
			if (cur != NULL)
				stats_add(&cur->s, &row);
		}

		s = report_col(st, 4, &len);
		i = strtab_intern(&tp, s, len, &added);
		if (added) {
			g = ARRAY_ADD(people);
			memset(g, 0, sizeof *g);
			g->name = xstrdup(s);
		}
		stats_add(&people->v[i].s, &row);

		s = report_col(st, 2, &len);
		m = report_col(st, 3, &mlen);
		buf_reset(&key);
		buf_add(&key, s, len);
		buf_addc(&key, '\0');
		buf_add(&key, m, mlen);
		i = strtab_intern(&tb, key.data, key.len, &added);
		if (added) {
			g = ARRAY_ADD(backends);
			memset(g, 0, sizeof *g);
			g->name = len > 0 ? xstrdup(s) : NULL;
			g->model = mlen > 0 ? xstrdup(m) : NULL;
		}
		stats_add(&backends->v[i].s, &row);

		s = report_col(st, 5, &len);
		i = strtab_intern(&td, s, len, &added);
		if (added) {
			d = ARRAY_ADD(days);
			memset(d, 0, sizeof *d);
			d->day = xstrdup(s);
		}
		stats_add(&days->v[i].s, &row);
	}
	if (report_done(db, st, rc, cause, "totals") != 0)
		goto out;
	if (days->n > 1)
		qsort(days->v, days->n, sizeof *days->v, report_day_cmp);
	rv = 0;
out:
	strtab_fini(&tp);
	strtab_fini(&tb);
	strtab_fini(&td);
	buf_fini(&key);
	return rv;
}

/*
 * The reject reasons of the filtered rejected takes, per scene, from
 * reason_total, or from the takes when the filter has days, a backend
 * or a person (reason_total is kept per shot only): one row
 * per scene and reason with the number of takes carrying it, and a row
 * with a NULL reason for takes rejected without one. A take with two
 * reasons counts once for each. Returns 0 or -1 with *cause.
 */
int
db_report_reasons(struct db *db, const struct report_filter *f,
    struct report_reasons *out, char **cause)
{
	sqlite3_stmt		*st, *sh;
	struct report_reason	*r;
	struct strtab		 t;
	struct buf		 key;
	const char		*s;
	long long		 sc, sid, hid;
	size_t			 len, i, base = out->n;
	bool			 added;
	int			 rc, hrc, rv;

	if (!report_coarse(f)) {
		st = report_prepare(db, "SELECT h.scene_id, r.reason, "
		    "count(*) FROM take t JOIN shot h ON h.id = t.shot_id "
		    "LEFT JOIN take_reason r ON r.take_id = t.id "
		    "WHERE t.status = 'ready' AND t.verdict = 'reject' AND "
		    REPORT_SCENE "AND " REPORT_TAKES
		    "GROUP BY h.scene_id, r.reason", f, cause);
		if (st == NULL)
			return -1;
		for (;;) {
			rc = sqlite3_step(st);
			if (rc != SQLITE_ROW)
				break;
			r = ARRAY_ADD(out);
			r->scene_id = sqlite3_column_int64(st, 0);
			r->reason = db_col_text(st, 1);
			r->takes = sqlite3_column_int64(st, 2);
		}
		return report_done(db, st, rc, cause, "reject reasons");
	}

	/* reason_total has a row per shot and reason, in shot order:
	 * summed per scene here, in one pass, rather than sorted by
	 * SQLite, and each row's scene found by walking the shots in
	 * the same order beside it rather than by a look-up per row.
	 * Rows of a shot that is gone are not counted, as a join would
	 * not count them. */
	sh = report_prepare(db, "SELECT id, scene_id FROM shot ORDER BY id",
	    NULL, cause);
	if (sh == NULL)
		return -1;
	st = report_prepare(db, "SELECT x.shot_id, x.reason, x.n "
	    "FROM reason_total x WHERE " REPORT_XSCENE
	    "ORDER BY x.shot_id", f, cause);
	if (st == NULL) {
		sqlite3_finalize(sh);
		return -1;
	}
	strtab_init(&t);
	buf_init(&key);
	hid = -1;
	sc = 0;
	hrc = SQLITE_ROW;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		sid = sqlite3_column_int64(st, 0);
		while (hrc == SQLITE_ROW && hid < sid) {
			hrc = sqlite3_step(sh);
			if (hrc == SQLITE_ROW) {
				hid = sqlite3_column_int64(sh, 0);
				sc = sqlite3_column_int64(sh, 1);
			}
		}
		if (hid != sid) {
			if (hrc != SQLITE_ROW && hrc != SQLITE_DONE)
				break;
			continue;
		}
		s = report_col(st, 1, &len);
		buf_reset(&key);
		buf_add(&key, &sc, sizeof sc);
		buf_add(&key, s, len);
		i = strtab_intern(&t, key.data, key.len, &added);
		if (added) {
			r = ARRAY_ADD(out);
			r->scene_id = sc;
			r->reason = len > 0 ? xstrdup(s) : NULL;
			r->takes = 0;
		}
		out->v[base + i].takes += sqlite3_column_int64(st, 2);
	}
	if (hrc != SQLITE_ROW && hrc != SQLITE_DONE) {
		rv = report_done(db, sh, hrc, cause, "shots");
		sqlite3_finalize(st);
	} else {
		sqlite3_finalize(sh);
		rv = report_done(db, st, rc, cause, "reject reasons");
	}
	strtab_fini(&t);
	buf_fini(&key);
	return rv;
}

/*
 * The status history of the covered shots (only shots that still
 * exist): each status a shot entered and when, by shot, oldest first.
 * The filter's days, backend and person do not apply. Returns 0 or -1.
 */
int
db_report_changes(struct db *db, const struct report_filter *f,
    struct report_changes *out, char **cause)
{
	sqlite3_stmt		*st;
	struct report_change	*c;
	int			 rc;

	st = report_prepare(db, "SELECT c.object_id, c.status, c.at "
	    "FROM status_change c JOIN shot h ON h.id = c.object_id "
	    "WHERE c.kind = 'shot' AND (?1 IS NULL OR h.scene_id = ?1) "
	    "ORDER BY c.object_id, c.at, c.id", NULL, cause);
	if (st == NULL)
		return -1;
	db_bind_ll(st, 1, f != NULL && f->scene_id > 0 ? f->scene_id : -1);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		c = ARRAY_ADD(out);
		c->shot_id = sqlite3_column_int64(st, 0);
		c->status = report_status(st, 1);
		c->at = db_col_text_empty(st, 2);
	}
	return report_done(db, st, rc, cause, "status history");
}

/* The statistics of all the filtered takes in *s. Returns 0 or -1. */
int
db_report_total(struct db *db, const struct report_filter *f,
    struct stats *s, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(s, 0, sizeof *s);
	if (report_coarse(f))
		st = report_prepare(db, "SELECT " REPORT_TAGG
		    "FROM shot_total x JOIN shot h ON h.id = x.shot_id "
		    "WHERE " REPORT_SCENE, f, cause);
	else
		st = report_prepare(db, "SELECT " REPORT_TAGG
		    "FROM take_total x WHERE " REPORT_XSCENE "AND "
		    REPORT_TOTALS, f, cause);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		report_read_stats(st, 0, s);
		rc = sqlite3_step(st);
	}
	return report_done(db, st, rc, cause, "totals");
}

/*
 * The distinct backends, or people, recorded on any take, sorted, for
 * checking a filter and naming the choices. Returns 0 or -1.
 */
int
db_report_names(struct db *db, enum report_by by, struct str_list *out,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = report_prepare(db, by == REPORT_BY_BACKEND ?
	    "SELECT DISTINCT backend FROM take_total WHERE backend <> '' "
	    "ORDER BY 1" :
	    "SELECT DISTINCT person FROM take_total ORDER BY 1", NULL, cause);
	if (st == NULL)
		return -1;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		str_list_add(out, (const char *)sqlite3_column_text(st, 0));
	}
	return report_done(db, st, rc, cause, by == REPORT_BY_BACKEND ?
	    "backends" : "people");
}

/*
 * The *_free functions release what a list of report rows holds, and the
 * list's storage; the list is left empty and may be reused.
 */
void
report_scenes_free(struct report_scenes *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].heading);
	}
	ARRAY_FREE(l);
}

/* As report_scenes_free. */
void
report_shots_free(struct report_shots *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].description);
		free(l->v[i].created);
	}
	ARRAY_FREE(l);
}

/* As report_scenes_free. */
void
report_variants_free(struct report_variants *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].label);
		free(l->v[i].text);
		free(l->v[i].model);
	}
	ARRAY_FREE(l);
}

/* As report_scenes_free. */
void
report_groups_free(struct report_groups *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].model);
	}
	ARRAY_FREE(l);
}

/* As report_scenes_free. */
void
report_reasons_free(struct report_reasons *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].reason);
	ARRAY_FREE(l);
}

/* As report_scenes_free. */
void
report_daysums_free(struct report_daysums *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].day);
	ARRAY_FREE(l);
}

/* As report_scenes_free. */
void
report_changes_free(struct report_changes *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].at);
	ARRAY_FREE(l);
}
