/* SPDX-License-Identifier: ISC */
/*
 * Scenes and shots in the database. Positions are kept dense (1..n) by
 * rewriting the order of the affected list on every insert and move;
 * lists are short (a scene has tens of shots), so this stays cheap and
 * no UNIQUE constraint on position is needed during the shuffle.
 */
#include "config.h"

#include "db/db-board.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/clock.h"
#include "db/db-priv.h"
#include "db/db-log.h"

/* Append "name old → new" to b when a and c differ (NULL equals ""). */
static void
board_diff(struct buf *b, const char *name, const char *a, const char *c)
{
	char	*x, *y;

	if (a == NULL)
		a = "";
	if (c == NULL)
		c = "";
	if (strcmp(a, c) == 0)
		return;
	x = xstrndup(a, 40);
	y = xstrndup(c, 40);
	buf_addf(b, "%s%s '%s' -> '%s'", b->len > 0 ? "; " : "", name,
	    x, y);
	free(x);
	free(y);
}

static void
board_diff_ms(struct buf *b, const char *name, long long a, long long c)
{
	char	*x, *y;

	if (a == c)
		return;
	x = a == BOARD_NONE ? xstrdup("") : xasprintf("%.3f", a / 1000.0);
	y = c == BOARD_NONE ? xstrdup("") : xasprintf("%.3f", c / 1000.0);
	board_diff(b, name, x, y);
	free(x);
	free(y);
}

/* Record that a scene or shot (kind) now has status st, for the
 * burn-down history. */
static int
board_status_change(struct db *db, const char *kind, long long id,
    enum status st, char **cause)
{
	sqlite3_stmt	*q;
	char		*now;

	q = db_prepare(db, "INSERT INTO status_change (kind, object_id, "
	    "status, at, user) VALUES (?, ?, ?, ?, ?)", cause);
	if (q == NULL)
		return -1;
	now = clock_now_iso();
	sqlite3_bind_text(q, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, id);
	sqlite3_bind_text(q, 3, status_name(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 5, clock_user(), -1, SQLITE_STATIC);
	free(now);
	return db_step_done(db, q, cause, "cannot record the status");
}

/* ------------------------------------------------------------ production */

/* Read the production row. Returns 1, 0 if there is none, -1 on error. */
int
db_production_get(struct db *db, struct production *p, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc, rv = -1;

	memset(p, 0, sizeof *p);
	st = db_prepare(db, "SELECT title, fps, currency, created FROM "
	    "production WHERE id = 1", cause);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->title = db_col_text_empty(st, 0);
		p->fps = sqlite3_column_double(st, 1);
		p->currency = db_col_text_empty(st, 2);
		p->created = db_col_text_empty(st, 3);
		rv = 1;
	} else if (rc == SQLITE_DONE)
		rv = 0;
	else
		db_fail(db, cause, "cannot read the production");
	sqlite3_finalize(st);
	return rv;
}

/* Create or change the production row (title, fps, currency). */
int
db_production_set(struct db *db, const struct production *p, char **cause)
{
	struct production	 old;
	sqlite3_stmt		*st;
	struct buf		 b;
	char			*fa, *fb, *now;
	int			 found, rv = -1;

	found = db_production_get(db, &old, cause);
	if (found < 0)
		return -1;
	st = db_prepare(db, "INSERT INTO production (id, title, fps, "
	    "currency, created) VALUES (1, ?1, ?2, ?3, ?4) ON CONFLICT (id) "
	    "DO UPDATE SET title = ?1, fps = ?2, currency = ?3", cause);
	if (st == NULL)
		goto out;
	now = clock_now_iso();
	sqlite3_bind_text(st, 1, p->title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_double(st, 2, p->fps);
	sqlite3_bind_text(st, 3, p->currency, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	free(now);
	if (db_step_done(db, st, cause, "cannot save the production") != 0)
		goto out;
	buf_init(&b);
	if (found) {
		board_diff(&b, "title", old.title, p->title);
		fa = xasprintf("%g", old.fps);
		fb = xasprintf("%g", p->fps);
		board_diff(&b, "fps", fa, fb);
		free(fa);
		free(fb);
		board_diff(&b, "currency", old.currency, p->currency);
		rv = db_log_add(db, cause, "edit", "production", NULL,
		    "%s", buf_str(&b));
	} else
		rv = db_log_add(db, cause, "init", "production", NULL,
		    "title '%s', %g fps, %s", p->title, p->fps, p->currency);
	buf_fini(&b);
out:
	production_free(&old);
	return rv;
}

/* --------------------------------------------------------------- ordering */

/*
 * Put `id` after `after` (DB_PLACE_FIRST, DB_PLACE_END or an id in the
 * same list) and renumber the list 1..n; id 0 only renumbers (after a
 * delete). `shots` picks the shot list of scene `parent`, otherwise the
 * scene list.
 */
static int
board_reorder(struct db *db, int shots, long long parent, long long id,
    long long after, char **cause)
{
	sqlite3_stmt	*st;
	long long	*ids = NULL;
	size_t		 n = 0, cap = 0, i, at;
	int		 rc, rv = -1, found = 0;

	if (shots) {
		st = db_prepare(db, "SELECT id FROM shot WHERE scene_id = ? "
		    "AND id != ? ORDER BY position, id", cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, parent);
		sqlite3_bind_int64(st, 2, id);
	} else {
		st = db_prepare(db, "SELECT id FROM scene WHERE id != ? "
		    "ORDER BY position, id", cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
	}
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		if (n + 1 >= cap) {
			cap = cap == 0 ? 64 : cap * 2;
			ids = xreallocarray(ids, cap, sizeof *ids);
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, cause, "cannot read the order");
		goto out;
	}
	if (cap == 0)
		ids = xreallocarray(NULL, 1, sizeof *ids);
	at = n;
	if (after == DB_PLACE_FIRST)
		at = 0;
	else if (after != DB_PLACE_END) {
		for (i = 0; i < n; i++) {
			if (ids[i] == after) {
				at = i + 1;
				found = 1;
				break;
			}
		}
		if (!found) {
			if (cause != NULL)
				*cause = xstrdup("the place to move to is not "
				    "in the same list");
			goto out;
		}
	}
	if (id != 0) {
		memmove(ids + at + 1, ids + at, (n - at) * sizeof *ids);
		ids[at] = id;
		n++;
	}
	st = db_prepare(db, shots ?
	    "UPDATE shot SET position = ? WHERE id = ? AND position != ?1" :
	    "UPDATE scene SET position = ? WHERE id = ? AND position != ?1",
	    cause);
	if (st == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, (long long)i + 1);
		sqlite3_bind_int64(st, 2, ids[i]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			db_fail(db, cause, "cannot save the order");
			sqlite3_finalize(st);
			goto out;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	rv = 0;
out:
	free(ids);
	return rv;
}

/* ----------------------------------------------------------------- scenes */

/* The takes, kept takes and seconds (generated, used) of a scene or
 * shot come from the maintained totals (shot_total), so listing them
 * does not read every take. */
#define SCENE_COLS							\
	"s.id, s.code, s.position, s.heading, s.synopsis, s.notes, "	\
	"s.status, s.created, "						\
	"(SELECT count(*) FROM shot h WHERE h.scene_id = s.id), "	\
	"(SELECT coalesce(sum(x.takes), 0) FROM shot_total x JOIN shot h "\
	"  ON x.shot_id = h.id WHERE h.scene_id = s.id), "		\
	"(SELECT coalesce(sum(x.kept), 0) FROM shot_total x JOIN shot h "\
	"  ON x.shot_id = h.id WHERE h.scene_id = s.id), "		\
	"s.section, s.description, "					\
	"(SELECT coalesce(sum(x.ms_generated), 0) FROM shot_total x "	\
	"  JOIN shot h ON x.shot_id = h.id WHERE h.scene_id = s.id), "	\
	"(SELECT coalesce(sum(x.ms_used), 0) FROM shot_total x "	\
	"  JOIN shot h ON x.shot_id = h.id WHERE h.scene_id = s.id) "
/* The same columns for every scene at once: one pass over the shots and
 * their totals, grouped by scene, rather than three per scene. */
#define SCENE_LIST_COLS							\
	"s.id, s.code, s.position, s.heading, s.synopsis, s.notes, "	\
	"s.status, s.created, count(h.id), coalesce(sum(x.takes), 0), "	\
	"coalesce(sum(x.kept), 0), s.section, s.description, "		\
	"coalesce(sum(x.ms_generated), 0), coalesce(sum(x.ms_used), 0) "

static void
scene_read(sqlite3_stmt *st, struct scene *sc)
{
	char	*status;

	memset(sc, 0, sizeof *sc);
	sc->id = sqlite3_column_int64(st, 0);
	sc->code = db_col_text_empty(st, 1);
	sc->position = sqlite3_column_int64(st, 2);
	sc->heading = db_col_text_empty(st, 3);
	sc->synopsis = db_col_text_empty(st, 4);
	sc->notes = db_col_text_empty(st, 5);
	status = db_col_text_empty(st, 6);
	if (status_parse(status, &sc->status, NULL) != 0)
		sc->status = STATUS_PLANNED;
	free(status);
	sc->created = db_col_text_empty(st, 7);
	sc->shots = sqlite3_column_int64(st, 8);
	sc->takes = sqlite3_column_int64(st, 9);
	sc->kept = sqlite3_column_int64(st, 10);
	sc->section = db_col_text_empty(st, 11);
	sc->description = db_col_text_empty(st, 12);
	sc->ms_generated = sqlite3_column_int64(st, 13);
	sc->ms_used = sqlite3_column_int64(st, 14);
}

static int
scene_get_by(struct db *db, const char *sql, const char *code, long long id,
    struct scene *sc, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc, rv = -1;

	if (cause != NULL)
		*cause = NULL;
	st = db_prepare(db, sql, cause);
	if (st == NULL)
		return -1;
	if (code != NULL)
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		scene_read(st, sc);
		rv = 1;
	} else if (rc == SQLITE_DONE)
		rv = 0;
	else
		db_fail(db, cause, "cannot read scene");
	sqlite3_finalize(st);
	return rv;
}

/* Look up a scene by code. Returns 1 with *sc filled (scene_free), 0 if
 * there is no such scene, -1 on error with *cause. */
int
db_scene_get(struct db *db, const char *code, struct scene *sc, char **cause)
{
	return scene_get_by(db, "SELECT " SCENE_COLS "FROM scene s WHERE "
	    "s.code = ?", code, 0, sc, cause);
}

/* Look up a scene by id; as db_scene_get. */
int
db_scene_get_id(struct db *db, long long id, struct scene *sc, char **cause)
{
	return scene_get_by(db, "SELECT " SCENE_COLS "FROM scene s WHERE "
	    "s.id = ?", NULL, id, sc, cause);
}

/* All scenes in storyboard order, with counts, appended to *out. */
int
db_scene_list(struct db *db, struct scene_list *out, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT " SCENE_LIST_COLS "FROM scene s "
	    "LEFT JOIN shot h ON h.scene_id = s.id LEFT JOIN shot_total x "
	    "ON x.shot_id = h.id GROUP BY s.id ORDER BY s.position, s.id",
	    cause);
	if (st == NULL)
		return -1;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		scene_read(st, ARRAY_ADD(out));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot list scenes");
	return 0;
}

/* The next automatic scene code: one more than the largest all-digit
 * code. Caller frees. */
static char *
scene_next_code(struct db *db, char **cause)
{
	long long	 max = 0;

	if (db_scalar_ll(db, "SELECT max(CAST(code AS INTEGER)) FROM scene "
	    "WHERE code NOT GLOB '*[^0-9]*' AND length(code) < 16", 0, &max,
	    cause) < 0)
		return NULL;
	return xasprintf("%lld", max + 1);
}

/*
 * Add a scene placed by `after`. sc->code may be NULL for an automatic
 * code; on success sc->id, sc->code, sc->position and sc->created are
 * set. Returns 0, or -1 with *cause (a taken code is an error).
 */
int
db_scene_add(struct db *db, struct scene *sc, long long after, char **cause)
{
	sqlite3_stmt	*st;
	struct scene	 other;
	int		 found;

	if (cause != NULL)
		*cause = NULL;
	if (sc->code == NULL) {
		sc->code = scene_next_code(db, cause);
		if (sc->code == NULL)
			return -1;
	}
	if (board_check_code("scene code", sc->code, cause) != 0)
		return -1;
	found = db_scene_get(db, sc->code, &other, cause);
	if (found < 0)
		return -1;
	if (found) {
		scene_free(&other);
		if (cause != NULL)
			*cause = xasprintf("scene code '%s' is already used",
			    sc->code);
		return -1;
	}
	free(sc->created);
	sc->created = clock_now_iso();
	st = db_prepare(db, "INSERT INTO scene (code, position, heading, "
	    "synopsis, notes, status, created, section, description) VALUES "
	    "(?, 0, ?, ?, ?, ?, ?, ?, ?)", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, sc->code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, sc->heading != NULL ? sc->heading : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, sc->synopsis != NULL ? sc->synopsis : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, sc->notes != NULL ? sc->notes : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, status_name(sc->status), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, sc->created, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, sc->section != NULL ? sc->section : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, sc->description != NULL ? sc->description :
	    "", -1, SQLITE_TRANSIENT);
	if (db_step_done(db, st, cause, "cannot add the scene") != 0)
		return -1;
	sc->id = sqlite3_last_insert_rowid(db->h);
	if (board_reorder(db, 0, 0, sc->id, after, cause) != 0 ||
	    board_status_change(db, "scene", sc->id, sc->status, cause) != 0)
		return -1;
	if (db_scalar_ll(db, "SELECT position FROM scene WHERE id = ?", sc->id,
	    &sc->position, cause) < 0)
		return -1;
	return db_log_add(db, cause, "add", "scene", sc->code, "'%s'",
	    sc->heading != NULL ? sc->heading : "");
}

/*
 * Save the fields of scene sc->id (code, heading, synopsis, notes,
 * status, section, description; NULL section or description is "") and
 * log what changed. A new code must be valid and free.
 */
int
db_scene_update(struct db *db, const struct scene *sc, char **cause)
{
	struct scene	 old, other;
	sqlite3_stmt	*st;
	struct buf	 b;
	int		 found, rv = -1;

	if (cause != NULL)
		*cause = NULL;
	found = db_scene_get_id(db, sc->id, &old, cause);
	if (found <= 0) {
		if (found == 0 && cause != NULL)
			*cause = xstrdup("no such scene");
		return -1;
	}
	buf_init(&b);
	if (strcmp(old.code, sc->code) != 0) {
		if (board_check_code("scene code", sc->code, cause) != 0)
			goto out;
		found = db_scene_get(db, sc->code, &other, cause);
		if (found < 0)
			goto out;
		if (found) {
			scene_free(&other);
			if (cause != NULL)
				*cause = xasprintf("scene code '%s' is "
				    "already used", sc->code);
			goto out;
		}
	}
	st = db_prepare(db, "UPDATE scene SET code = ?, heading = ?, "
	    "synopsis = ?, notes = ?, status = ?, section = ?, "
	    "description = ? WHERE id = ?", cause);
	if (st == NULL)
		goto out;
	sqlite3_bind_text(st, 1, sc->code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, sc->heading, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, sc->synopsis != NULL ? sc->synopsis : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, sc->notes != NULL ? sc->notes : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, status_name(sc->status), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, sc->section != NULL ? sc->section : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, sc->description != NULL ? sc->description :
	    "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 8, sc->id);
	if (db_step_done(db, st, cause, "cannot change the scene") != 0)
		goto out;
	if (old.status != sc->status &&
	    board_status_change(db, "scene", sc->id, sc->status, cause) != 0)
		goto out;
	board_diff(&b, "code", old.code, sc->code);
	board_diff(&b, "heading", old.heading, sc->heading);
	board_diff(&b, "synopsis", old.synopsis, sc->synopsis);
	board_diff(&b, "notes", old.notes, sc->notes);
	board_diff(&b, "status", status_name(old.status),
	    status_name(sc->status));
	board_diff(&b, "section", old.section, sc->section);
	board_diff(&b, "description", old.description, sc->description);
	rv = db_log_add(db, cause, "edit", "scene", sc->code, "%s", buf_str(&b));
out:
	buf_fini(&b);
	scene_free(&old);
	return rv;
}

/* Move scene id after another (or DB_PLACE_FIRST / DB_PLACE_END). */
int
db_scene_move(struct db *db, long long id, long long after, char **cause)
{
	struct scene	 sc;
	long long	 pos = 0;
	int		 found, rv = -1;

	found = db_scene_get_id(db, id, &sc, cause);
	if (found <= 0) {
		if (found == 0 && cause != NULL)
			*cause = xstrdup("no such scene");
		return -1;
	}
	if (board_reorder(db, 0, 0, id, after, cause) == 0 &&
	    db_scalar_ll(db, "SELECT position FROM scene WHERE id = ?", id,
	    &pos, cause) >= 0)
		rv = db_log_add(db, cause, "move", "scene", sc.code,
		    "from position %lld to %lld", sc.position, pos);
	scene_free(&sc);
	return rv;
}

/* Counts beneath a scene or a shot; W is a fixed condition on shot h
 * with the id bound as ?1 (string literals only, never user text). */
#define COUNTS_SQL(W)							\
	"SELECT (SELECT count(*) FROM shot h WHERE " W "),"		\
	" (SELECT count(*) FROM prompt p JOIN shot h ON p.shot_id = h.id"\
	"  WHERE " W "),"						\
	" (SELECT count(*) FROM take t JOIN shot h ON t.shot_id = h.id"	\
	"  WHERE " W "),"						\
	" (SELECT count(*) FROM take t JOIN shot h ON t.shot_id = h.id"	\
	"  WHERE " W " AND (t.verdict != 'unreviewed' OR"		\
	"  t.rating IS NOT NULL)),"					\
	" (SELECT count(*) FROM take t JOIN shot h ON t.shot_id = h.id"	\
	"  WHERE " W " AND t.file IS NOT NULL)"

static int
board_counts_query(struct db *db, const char *sql, long long id,
    struct board_counts *c, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(c, 0, sizeof *c);
	st = db_prepare(db, sql, cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->shots = sqlite3_column_int64(st, 0);
		c->prompts = sqlite3_column_int64(st, 1);
		c->takes = sqlite3_column_int64(st, 2);
		c->reviewed = sqlite3_column_int64(st, 3);
		c->files = sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, cause, "cannot count");
	return 0;
}

/* What lies beneath scene id (shots, variants, takes, reviewed, files). */
int
db_scene_counts(struct db *db, long long id, struct board_counts *c,
    char **cause)
{
	return board_counts_query(db, COUNTS_SQL("h.scene_id = ?1"), id, c,
	    cause);
}

/* Delete scene id with everything beneath it (the caller asks first). */
int
db_scene_rm(struct db *db, long long id, char **cause)
{
	struct scene		 sc;
	struct board_counts	 c;
	sqlite3_stmt		*st;
	int			 found, rv = -1;

	found = db_scene_get_id(db, id, &sc, cause);
	if (found <= 0) {
		if (found == 0 && cause != NULL)
			*cause = xstrdup("no such scene");
		return -1;
	}
	if (db_scene_counts(db, id, &c, cause) != 0)
		goto out;
	st = db_prepare(db, "DELETE FROM scene WHERE id = ?", cause);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (db_step_done(db, st, cause, "cannot delete the scene") != 0)
		goto out;
	if (board_reorder(db, 0, 0, 0, DB_PLACE_END, cause) != 0)
		goto out;
	rv = db_log_add(db, cause, "rm", "scene", sc.code, "'%s' with %lld "
	    "shots, %lld variants, %lld takes", sc.heading, c.shots,
	    c.prompts, c.takes);
out:
	scene_free(&sc);
	return rv;
}

/* The characters who speak in scene id, sorted by name, appended to
 * *out. Returns 0 or -1 with *cause. */
int
db_scene_characters_get(struct db *db, long long id, struct str_list *out,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (cause != NULL)
		*cause = NULL;
	st = db_prepare(db, "SELECT name FROM scene_character WHERE "
	    "scene_id = ? ORDER BY name", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		*ARRAY_ADD(out) = db_col_text_empty(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot read the scene's characters");
	return 0;
}

static int
board_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Make the characters of scene id exactly those of names (duplicates
 * and empty names are dropped) and log the change, if any. Returns 0 or
 * -1 with *cause.
 */
int
db_scene_characters_set(struct db *db, long long id,
    const struct str_list *names, char **cause)
{
	struct str_list	 old, want;
	struct scene	 sc;
	sqlite3_stmt	*st;
	char		*a = NULL, *b = NULL;
	size_t		 i;
	int		 found, same, rv = -1;

	if (cause != NULL)
		*cause = NULL;
	memset(&old, 0, sizeof old);
	memset(&want, 0, sizeof want);
	found = db_scene_get_id(db, id, &sc, cause);
	if (found <= 0) {
		if (found == 0 && cause != NULL)
			*cause = xstrdup("no such scene");
		return -1;
	}
	for (i = 0; i < names->n; i++) {
		if (*names->v[i] != '\0')
			str_list_add(&want, names->v[i]);
	}
	if (want.n > 1)
		qsort(want.v, want.n, sizeof *want.v, board_cmp_str);
	for (i = 1; i < want.n; i++) {
		if (strcmp(want.v[i - 1], want.v[i]) == 0) {
			free(want.v[i]);
			memmove(want.v + i, want.v + i + 1,
			    (want.n - i - 1) * sizeof *want.v);
			want.n--;
			i--;
		}
	}
	if (db_scene_characters_get(db, id, &old, cause) != 0)
		goto out;
	same = old.n == want.n;
	for (i = 0; same && i < old.n; i++)
		same = strcmp(old.v[i], want.v[i]) == 0;
	if (same) {
		rv = 0;
		goto out;
	}
	st = db_prepare(db, "DELETE FROM scene_character WHERE scene_id = ?",
	    cause);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (db_step_done(db, st, cause, "cannot save the characters") != 0)
		goto out;
	for (i = 0; i < want.n; i++) {
		st = db_prepare(db, "INSERT INTO scene_character (scene_id, "
		    "name) VALUES (?, ?)", cause);
		if (st == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, want.v[i], -1, SQLITE_TRANSIENT);
		if (db_step_done(db, st, cause, "cannot save the characters") !=
		    0)
			goto out;
	}
	a = str_list_join(&old, ", ");
	b = str_list_join(&want, ", ");
	rv = db_log_add(db, cause, "edit", "scene", sc.code,
	    "characters '%s' -> '%s'", a, b);
out:
	free(a);
	free(b);
	str_list_free(&old);
	str_list_free(&want);
	scene_free(&sc);
	return rv;
}

/* ------------------------------------------------------------------ shots */

#define SHOT_COLS							\
	"h.id, h.scene_id, s.code, h.code, h.position, h.description, "	\
	"h.size, h.angle, h.movement, h.lens, h.target_ms, h.action, "	\
	"h.dialogue, h.status, h.notes, h.created, "			\
	"(SELECT count(*) FROM prompt p WHERE p.shot_id = h.id), "	\
	"coalesce((SELECT x.takes FROM shot_total x "			\
	"  WHERE x.shot_id = h.id), 0), "				\
	"coalesce((SELECT x.kept FROM shot_total x "			\
	"  WHERE x.shot_id = h.id), 0) "				\
	"FROM shot h JOIN scene s ON s.id = h.scene_id "

static void
shot_read(sqlite3_stmt *st, struct shot *sh)
{
	char	*status;

	memset(sh, 0, sizeof *sh);
	sh->id = sqlite3_column_int64(st, 0);
	sh->scene_id = sqlite3_column_int64(st, 1);
	sh->scene_code = db_col_text_empty(st, 2);
	sh->code = db_col_text_empty(st, 3);
	sh->position = sqlite3_column_int64(st, 4);
	sh->description = db_col_text_empty(st, 5);
	sh->size = db_col_text(st, 6);
	sh->angle = db_col_text(st, 7);
	sh->movement = db_col_text(st, 8);
	sh->lens = db_col_text(st, 9);
	sh->target_ms = db_col_ll(st, 10);
	sh->action = db_col_text_empty(st, 11);
	sh->dialogue = db_col_text_empty(st, 12);
	status = db_col_text_empty(st, 13);
	if (status_parse(status, &sh->status, NULL) != 0)
		sh->status = STATUS_PLANNED;
	free(status);
	sh->notes = db_col_text_empty(st, 14);
	sh->created = db_col_text_empty(st, 15);
	sh->variants = sqlite3_column_int64(st, 16);
	sh->takes = sqlite3_column_int64(st, 17);
	sh->kept = sqlite3_column_int64(st, 18);
}

static int
shot_get_by(struct db *db, const char *sql, const char *code, long long id,
    struct shot *sh, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc, rv = -1;

	if (cause != NULL)
		*cause = NULL;
	st = db_prepare(db, sql, cause);
	if (st == NULL)
		return -1;
	if (code != NULL)
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		shot_read(st, sh);
		rv = 1;
	} else if (rc == SQLITE_DONE)
		rv = 0;
	else
		db_fail(db, cause, "cannot read shot");
	sqlite3_finalize(st);
	return rv;
}

/* Look up a shot by code. Returns 1 with *sh filled (shot_free), 0 if
 * there is no such shot, -1 on error with *cause. */
int
db_shot_get(struct db *db, const char *code, struct shot *sh, char **cause)
{
	return shot_get_by(db, "SELECT " SHOT_COLS "WHERE h.code = ?", code, 0,
	    sh, cause);
}

/* Look up a shot by id; as db_shot_get. */
int
db_shot_get_id(struct db *db, long long id, struct shot *sh, char **cause)
{
	return shot_get_by(db, "SELECT " SHOT_COLS "WHERE h.id = ?", NULL, id,
	    sh, cause);
}

/*
 * Shots in storyboard order (scene position, shot position), of one
 * scene when scene_id > 0, with one status when status >= 0; appended
 * to *out. Returns 0 or -1 with *cause. One scene's shots are looked
 * up in shot_scene (a "?1 IS NULL OR" term cannot use it), so they cost
 * the same in a storyboard of 50 shots or 5,000.
 */
int
db_shot_list(struct db *db, long long scene_id, int status,
    struct shot_list *out, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, scene_id > 0 ? "SELECT " SHOT_COLS "WHERE "
	    "h.scene_id = ?1 AND (?2 IS NULL OR h.status = ?2) ORDER BY "
	    "s.position, s.id, h.position, h.id" : "SELECT " SHOT_COLS
	    "WHERE (?1 IS NULL OR h.scene_id = ?1) AND (?2 IS NULL OR "
	    "h.status = ?2) ORDER BY s.position, s.id, h.position, h.id",
	    cause);
	if (st == NULL)
		return -1;
	db_bind_ll(st, 1, scene_id > 0 ? scene_id : BOARD_NONE);
	if (status >= 0)
		sqlite3_bind_text(st, 2, status_name((enum status)status), -1,
		    SQLITE_STATIC);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		shot_read(st, ARRAY_ADD(out));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot list shots");
	return 0;
}

/*
 * The next shot in storyboard order, after shot from_id (dir > 0) or
 * before it (dir < 0), whose code or description contains text,
 * ignoring ASCII case; the search wraps around the storyboard and ends
 * at from_id itself (with inclusive, forward, it starts there). From_id
 * 0 starts at the beginning (or, backward, the end). Returns 1 with
 * *shot_id and *scene_id, 0 if no shot matches, -1 with *cause.
 */
int
db_shot_find(struct db *db, const char *text, long long from_id, int dir,
    int inclusive, long long *shot_id, long long *scene_id, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc, rv = -1;

	if (cause != NULL)
		*cause = NULL;
	/* Ordered by "wrapped past the end", then storyboard order: the
	 * first row is the next match. */
	st = db_prepare(db, dir < 0 ? "SELECT h.id, h.scene_id FROM shot h "
	    "JOIN scene s ON s.id = h.scene_id WHERE "
	    "instr(lower(h.code), lower(?1)) > 0 OR "
	    "instr(lower(h.description), lower(?1)) > 0 ORDER BY "
	    "(s.position, s.id, h.position, h.id) >= (SELECT s2.position, "
	    "s2.id, h2.position, h2.id FROM shot h2 JOIN scene s2 ON "
	    "s2.id = h2.scene_id WHERE h2.id = ?2), s.position DESC, "
	    "s.id DESC, h.position DESC, h.id DESC LIMIT 1" :
	    "SELECT h.id, h.scene_id FROM shot h "
	    "JOIN scene s ON s.id = h.scene_id WHERE "
	    "instr(lower(h.code), lower(?1)) > 0 OR "
	    "instr(lower(h.description), lower(?1)) > 0 ORDER BY "
	    "CASE WHEN ?3 THEN (s.position, s.id, h.position, h.id) < "
	    "(SELECT s2.position, s2.id, h2.position, h2.id FROM shot h2 "
	    "JOIN scene s2 ON s2.id = h2.scene_id WHERE h2.id = ?2) ELSE "
	    "(s.position, s.id, h.position, h.id) <= (SELECT s2.position, "
	    "s2.id, h2.position, h2.id FROM shot h2 JOIN scene s2 ON "
	    "s2.id = h2.scene_id WHERE h2.id = ?2) END, s.position, s.id, "
	    "h.position, h.id LIMIT 1", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, from_id);
	if (dir >= 0)
		sqlite3_bind_int(st, 3, inclusive != 0);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*shot_id = sqlite3_column_int64(st, 0);
		*scene_id = sqlite3_column_int64(st, 1);
		rv = 1;
	} else if (rc == SQLITE_DONE)
		rv = 0;
	else
		db_fail(db, cause, "cannot search the shots");
	sqlite3_finalize(st);
	return rv;
}

/* Whether a shot with this code exists: 1, 0, or -1 on error. */
static int
shot_code_used(struct db *db, const char *code, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT 1 FROM shot WHERE code = ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_fail(db, cause, "cannot look up shot %s", code);
}

/* The first free automatic code for a new shot of a scene: A, B, ... */
static char *
shot_next_code(struct db *db, const char *scene_code, char **cause)
{
	long long	 n;
	char		*code;
	int		 used;

	for (n = 0;; n++) {
		code = board_next_shot_code(scene_code, (unsigned)n);
		used = shot_code_used(db, code, cause);
		if (used == 0)
			return code;
		free(code);
		if (used < 0)
			return NULL;
	}
}

static void
shot_bind(sqlite3_stmt *st, const struct shot *sh)
{
	sqlite3_bind_text(st, 1, sh->code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, sh->description != NULL ? sh->description :
	    "", -1, SQLITE_TRANSIENT);
	db_bind_text(st, 3, sh->size);
	db_bind_text(st, 4, sh->angle);
	db_bind_text(st, 5, sh->movement);
	db_bind_text(st, 6, sh->lens);
	db_bind_ll(st, 7, sh->target_ms);
	sqlite3_bind_text(st, 8, sh->action != NULL ? sh->action : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, sh->dialogue != NULL ? sh->dialogue : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 10, status_name(sh->status), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, sh->notes != NULL ? sh->notes : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 12, sh->scene_id);
}

static int
shot_code_free(struct db *db, const char *code, char **cause)
{
	struct shot	 other;
	int		 found;

	if (board_check_code("shot code", code, cause) != 0)
		return -1;
	found = db_shot_get(db, code, &other, cause);
	if (found < 0)
		return -1;
	if (found) {
		if (cause != NULL)
			*cause = xasprintf("shot code '%s' is already used "
			    "(in scene %s)", code, other.scene_code);
		shot_free(&other);
		return -1;
	}
	return 0;
}

/*
 * Add a shot to scene sh->scene_id, placed by `after` among that scene's
 * shots. sh->code may be NULL for an automatic code. On success sh->id,
 * code, position and created are set. Returns 0 or -1 with *cause.
 */
int
db_shot_add(struct db *db, struct shot *sh, long long after, char **cause)
{
	struct scene	 sc;
	sqlite3_stmt	*st;
	int		 found;

	if (cause != NULL)
		*cause = NULL;
	found = db_scene_get_id(db, sh->scene_id, &sc, cause);
	if (found <= 0) {
		if (found == 0 && cause != NULL)
			*cause = xstrdup("no such scene");
		return -1;
	}
	free(sh->scene_code);
	sh->scene_code = xstrdup(sc.code);
	if (sh->code == NULL)
		sh->code = shot_next_code(db, sc.code, cause);
	scene_free(&sc);
	if (sh->code == NULL || shot_code_free(db, sh->code, cause) != 0)
		return -1;
	free(sh->created);
	sh->created = clock_now_iso();
	st = db_prepare(db, "INSERT INTO shot (code, description, size, "
	    "angle, movement, lens, target_ms, action, dialogue, status, "
	    "notes, scene_id, position, created) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13)", cause);
	if (st == NULL)
		return -1;
	shot_bind(st, sh);
	sqlite3_bind_text(st, 13, sh->created, -1, SQLITE_TRANSIENT);
	if (db_step_done(db, st, cause, "cannot add the shot") != 0)
		return -1;
	sh->id = sqlite3_last_insert_rowid(db->h);
	if (board_reorder(db, 1, sh->scene_id, sh->id, after, cause) != 0 ||
	    board_status_change(db, "shot", sh->id, sh->status, cause) != 0)
		return -1;
	if (db_scalar_ll(db, "SELECT position FROM shot WHERE id = ?", sh->id,
	    &sh->position, cause) < 0)
		return -1;
	return db_log_add(db, cause, "add", "shot", sh->code, "in scene %s: '%s'",
	    sh->scene_code, sh->description != NULL ? sh->description : "");
}

/* Save the fields of shot sh->id (not its scene or position: see
 * db_shot_move) and log what changed. Returns 0 or -1 with *cause. */
int
db_shot_update(struct db *db, const struct shot *sh, char **cause)
{
	struct shot	 old;
	sqlite3_stmt	*st;
	struct buf	 b;
	int		 found, rv = -1;

	if (cause != NULL)
		*cause = NULL;
	found = db_shot_get_id(db, sh->id, &old, cause);
	if (found <= 0) {
		if (found == 0 && cause != NULL)
			*cause = xstrdup("no such shot");
		return -1;
	}
	buf_init(&b);
	if (strcmp(old.code, sh->code) != 0 &&
	    shot_code_free(db, sh->code, cause) != 0)
		goto out;
	st = db_prepare(db, "UPDATE shot SET code = ?1, description = ?2, "
	    "size = ?3, angle = ?4, movement = ?5, lens = ?6, target_ms = ?7, "
	    "action = ?8, dialogue = ?9, status = ?10, notes = ?11 WHERE "
	    "id = ?13 AND scene_id = ?12", cause);
	if (st == NULL)
		goto out;
	shot_bind(st, sh);
	sqlite3_bind_int64(st, 12, old.scene_id);
	sqlite3_bind_int64(st, 13, sh->id);
	if (db_step_done(db, st, cause, "cannot change the shot") != 0)
		goto out;
	if (old.status != sh->status &&
	    board_status_change(db, "shot", sh->id, sh->status, cause) != 0)
		goto out;
	board_diff(&b, "code", old.code, sh->code);
	board_diff(&b, "description", old.description, sh->description);
	board_diff(&b, "size", old.size, sh->size);
	board_diff(&b, "angle", old.angle, sh->angle);
	board_diff(&b, "movement", old.movement, sh->movement);
	board_diff(&b, "lens", old.lens, sh->lens);
	board_diff_ms(&b, "seconds", old.target_ms, sh->target_ms);
	board_diff(&b, "action", old.action, sh->action);
	board_diff(&b, "dialogue", old.dialogue, sh->dialogue);
	board_diff(&b, "status", status_name(old.status),
	    status_name(sh->status));
	board_diff(&b, "notes", old.notes, sh->notes);
	rv = db_log_add(db, cause, "edit", "shot", sh->code, "%s", buf_str(&b));
out:
	buf_fini(&b);
	shot_free(&old);
	return rv;
}

/*
 * Move shot id into scene scene_id (its own or another) after `after`
 * (a shot id of that scene, DB_PLACE_FIRST or DB_PLACE_END). Both
 * scenes' orders stay dense. Returns 0 or -1 with *cause.
 */
int
db_shot_move(struct db *db, long long id, long long scene_id, long long after,
    char **cause)
{
	struct shot	 sh;
	struct scene	 sc;
	sqlite3_stmt	*st;
	int		 found, rv = -1;

	found = db_shot_get_id(db, id, &sh, cause);
	if (found <= 0)
		return -1;
	found = db_scene_get_id(db, scene_id, &sc, cause);
	if (found <= 0) {
		if (found == 0 && cause != NULL)
			*cause = xstrdup("no such scene");
		shot_free(&sh);
		return -1;
	}
	st = db_prepare(db, "UPDATE shot SET scene_id = ? WHERE id = ?",
	    cause);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, scene_id);
	sqlite3_bind_int64(st, 2, id);
	if (db_step_done(db, st, cause, "cannot move the shot") != 0)
		goto out;
	if (board_reorder(db, 1, scene_id, id, after, cause) != 0)
		goto out;
	if (sh.scene_id != scene_id &&
	    board_reorder(db, 1, sh.scene_id, 0, DB_PLACE_END, cause) != 0)
		goto out;
	if (sh.scene_id != scene_id)
		rv = db_log_add(db, cause, "move", "shot", sh.code, "from scene "
		    "%s to scene %s", sh.scene_code, sc.code);
	else
		rv = db_log_add(db, cause, "move", "shot", sh.code, "within scene "
		    "%s", sc.code);
out:
	shot_free(&sh);
	scene_free(&sc);
	return rv;
}

/* What lies beneath shot id. */
int
db_shot_counts(struct db *db, long long id, struct board_counts *c,
    char **cause)
{
	return board_counts_query(db, COUNTS_SQL("h.id = ?1"), id, c, cause);
}

/* Delete shot id with its variants and takes (the caller asks first). */
int
db_shot_rm(struct db *db, long long id, char **cause)
{
	struct shot		 sh;
	struct board_counts	 c;
	sqlite3_stmt		*st;
	int			 found, rv = -1;

	found = db_shot_get_id(db, id, &sh, cause);
	if (found <= 0) {
		if (found == 0 && cause != NULL)
			*cause = xstrdup("no such shot");
		return -1;
	}
	if (db_shot_counts(db, id, &c, cause) != 0)
		goto out;
	st = db_prepare(db, "DELETE FROM shot WHERE id = ?", cause);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (db_step_done(db, st, cause, "cannot delete the shot") != 0)
		goto out;
	if (board_reorder(db, 1, sh.scene_id, 0, DB_PLACE_END, cause) != 0)
		goto out;
	rv = db_log_add(db, cause, "rm", "shot", sh.code, "from scene %s, with "
	    "%lld variants and %lld takes", sh.scene_code, c.prompts, c.takes);
out:
	shot_free(&sh);
	return rv;
}
