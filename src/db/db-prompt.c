/* SPDX-License-Identifier: ISC */
/*
 * Prompt variants: lookup by id or by SHOT/LABEL, listing per shot with
 * take counts, adding with automatic labels (v1, v2, ...), removal.
 * The counts come from the maintained totals (take_total), not from a
 * scan of the variant's takes.
 */
#include "config.h"

#include "db/db-prompt.h"

#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/clock.h"
#include "db/db-priv.h"
#include "db/db-board.h"
#include "db/db-log.h"

#define PROMPT_COLS							\
	"p.id, p.shot_id, h.code, p.label, p.text, p.model, "		\
	"p.seconds_ms, p.size, p.parent_id, pp.label, p.author, "	\
	"p.created, "							\
	"(SELECT coalesce(sum(x.takes), 0) FROM take_total x WHERE "	\
	"  x.shot_id = p.shot_id AND x.prompt_id = p.id), "		\
	"(SELECT coalesce(sum(x.kept), 0) FROM take_total x WHERE "	\
	"  x.shot_id = p.shot_id AND x.prompt_id = p.id) "		\
	"FROM prompt p JOIN shot h ON h.id = p.shot_id "		\
	"LEFT JOIN prompt pp ON pp.id = p.parent_id "

static void
prompt_read(sqlite3_stmt *st, struct prompt *pr)
{
	memset(pr, 0, sizeof *pr);
	pr->id = sqlite3_column_int64(st, 0);
	pr->shot_id = sqlite3_column_int64(st, 1);
	pr->shot_code = db_col_text_empty(st, 2);
	pr->label = db_col_text_empty(st, 3);
	pr->text = db_col_text_empty(st, 4);
	pr->model = db_col_text(st, 5);
	pr->seconds_ms = db_col_ll(st, 6);
	pr->size = db_col_text(st, 7);
	pr->parent_id = sqlite3_column_int64(st, 8);
	pr->parent_label = db_col_text(st, 9);
	pr->author = db_col_text_empty(st, 10);
	pr->created = db_col_text_empty(st, 11);
	pr->takes = sqlite3_column_int64(st, 12);
	pr->kept = sqlite3_column_int64(st, 13);
}

static int
prompt_get_one(struct db *db, sqlite3_stmt *st, struct prompt *pr,
    char **cause)
{
	int	 rc, rv = -1;

	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		prompt_read(st, pr);
		rv = 1;
	} else if (rc == SQLITE_DONE)
		rv = 0;
	else
		db_fail(db, cause, "cannot read prompt variant");
	sqlite3_finalize(st);
	return rv;
}

/* Look up a variant by id. Returns 1 with *pr filled (prompt_free), 0 if
 * absent, -1 on error with *cause. */
int
db_prompt_get(struct db *db, long long id, struct prompt *pr, char **cause)
{
	sqlite3_stmt	*st;

	if (cause != NULL)
		*cause = NULL;
	st = db_prepare(db, "SELECT " PROMPT_COLS "WHERE p.id = ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return prompt_get_one(db, st, pr, cause);
}

/*
 * Look up a variant by reference: its numeric id ("17") or SHOT/LABEL
 * ("4A/v2"). Returns 1, 0 if no variant matches (or the reference has
 * neither form), -1 on error; as db_prompt_get.
 */
int
db_prompt_find(struct db *db, const char *ref, struct prompt *pr,
    char **cause)
{
	sqlite3_stmt	*st;
	const char	*slash;
	long long	 id;
	char		*shot;

	if (cause != NULL)
		*cause = NULL;
	if (str_to_ll(ref, 1, 0x7fffffffffffffffLL, &id) == 0)
		return db_prompt_get(db, id, pr, cause);
	slash = strchr(ref, '/');
	if (slash == NULL)
		return 0;
	st = db_prepare(db, "SELECT " PROMPT_COLS "WHERE h.code = ? AND "
	    "p.label = ?", cause);
	if (st == NULL)
		return -1;
	shot = xstrndup(ref, (size_t)(slash - ref));
	sqlite3_bind_text(st, 1, shot, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, slash + 1, -1, SQLITE_TRANSIENT);
	free(shot);
	return prompt_get_one(db, st, pr, cause);
}

/* The variants of a shot in creation order, appended to *out. */
int
db_prompt_list(struct db *db, long long shot_id, struct prompt_list *out,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_stmt(db, "SELECT " PROMPT_COLS "WHERE p.shot_id = ? "
	    "ORDER BY p.id", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, shot_id);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		prompt_read(st, ARRAY_ADD(out));
	}
	if (rc != SQLITE_DONE)
		db_fail(db, cause, "cannot list prompt variants");
	db_release(db, st);
	if (rc != SQLITE_DONE)
		return -1;
	return 0;
}

/*
 * Every variant of the production in order of id, appended to *out, in
 * one query and without their take counts (takes and kept are 0): what
 * an import or export needs to match or write a take's prompt text.
 * Returns 0 or -1 with *cause.
 */
int
db_prompt_list_all(struct db *db, struct prompt_list *out, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT p.id, p.shot_id, h.code, p.label, "
	    "p.text, p.model, p.seconds_ms, p.size, p.parent_id, pp.label, "
	    "p.author, p.created, 0, 0 "
	    "FROM prompt p JOIN shot h ON h.id = p.shot_id "
	    "LEFT JOIN prompt pp ON pp.id = p.parent_id ORDER BY p.id",
	    cause);
	if (st == NULL)
		return -1;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		prompt_read(st, ARRAY_ADD(out));
	}
	if (rc != SQLITE_DONE)
		db_fail(db, cause, "cannot list prompt variants");
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Add a variant to shot pr->shot_id. pr->label may be NULL for the next
 * "vN"; a given label must be a valid code and free within the shot. A
 * parent must belong to the same shot. On success pr->id, label, author
 * and created are set. Returns 0 or -1 with *cause.
 */
int
db_prompt_add(struct db *db, struct prompt *pr, char **cause)
{
	sqlite3_stmt	*st;
	struct prompt	 other;
	struct shot	 sh;
	long long	 max = 0;
	char		*ref;
	int		 found, rv;

	if (cause != NULL)
		*cause = NULL;
	found = db_shot_get_id(db, pr->shot_id, &sh, cause);
	if (found <= 0) {
		if (found == 0 && cause != NULL)
			*cause = xstrdup("no such shot");
		return -1;
	}
	free(pr->shot_code);
	pr->shot_code = xstrdup(sh.code);
	shot_free(&sh);
	if (pr->parent_id > 0) {
		found = db_prompt_get(db, pr->parent_id, &other, cause);
		if (found < 0)
			return -1;
		if (found == 0 || other.shot_id != pr->shot_id) {
			if (cause != NULL)
				*cause = xasprintf("variant %lld is not a "
				    "variant of shot %s", pr->parent_id,
				    pr->shot_code);
			if (found)
				prompt_free(&other);
			return -1;
		}
		free(pr->parent_label);
		pr->parent_label = xstrdup(other.label);
		prompt_free(&other);
	}
	if (pr->label == NULL) {
		if (db_scalar_ll(db, "SELECT max(CAST(substr(label, 2) AS "
		    "INTEGER)) FROM prompt WHERE shot_id = ? AND label GLOB "
		    "'v[0-9]*' AND substr(label, 2) NOT GLOB '*[^0-9]*' AND "
		    "length(label) < 12", pr->shot_id, &max, cause) < 0)
			return -1;
		pr->label = xasprintf("v%lld", max + 1);
	} else {
		if (board_check_code("variant label", pr->label, cause) != 0)
			return -1;
		st = db_prepare(db, "SELECT 1 FROM prompt WHERE shot_id = ? AND "
		    "label = ?", cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, pr->shot_id);
		sqlite3_bind_text(st, 2, pr->label, -1, SQLITE_TRANSIENT);
		found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (found) {
			if (cause != NULL)
				*cause = xasprintf("shot %s already has a "
				    "variant labelled '%s'", pr->shot_code,
				    pr->label);
			return -1;
		}
	}
	free(pr->author);
	pr->author = xstrdup(clock_user());
	free(pr->created);
	pr->created = clock_now_iso();
	st = db_prepare(db, "INSERT INTO prompt (shot_id, label, text, model, "
	    "seconds_ms, size, parent_id, author, created) VALUES (?, ?, ?, "
	    "?, ?, ?, ?, ?, ?)", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, pr->shot_id);
	sqlite3_bind_text(st, 2, pr->label, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, pr->text != NULL ? pr->text : "", -1,
	    SQLITE_TRANSIENT);
	db_bind_text(st, 4, pr->model);
	db_bind_ll(st, 5, pr->seconds_ms);
	db_bind_text(st, 6, pr->size);
	db_bind_ll(st, 7, pr->parent_id > 0 ? pr->parent_id : BOARD_NONE);
	sqlite3_bind_text(st, 8, pr->author, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, pr->created, -1, SQLITE_TRANSIENT);
	if (db_step_done(db, st, cause, "cannot add the prompt variant") != 0)
		return -1;
	pr->id = sqlite3_last_insert_rowid(db->h);
	ref = xasprintf("%s/%s", pr->shot_code, pr->label);
	rv = db_log_add(db, cause, "add", "variant", ref, "id %lld%s%s",
	    pr->id, pr->parent_label != NULL ?
	    ", from " : "", pr->parent_label != NULL ? pr->parent_label : "");
	free(ref);
	return rv;
}

/* What lies beneath a variant: its takes, how many of them were
 * reviewed (verdict or rating) and how many have a clip file. */
int
db_prompt_counts(struct db *db, long long id, struct board_counts *c,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(c, 0, sizeof *c);
	st = db_prepare(db, "SELECT count(*), coalesce(sum(verdict != "
	    "'unreviewed' OR rating IS NOT NULL), 0), coalesce(sum(file IS "
	    "NOT NULL), 0) FROM take WHERE prompt_id = ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->takes = sqlite3_column_int64(st, 0);
		c->reviewed = sqlite3_column_int64(st, 1);
		c->files = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, cause, "cannot count the variant's takes");
	return 0;
}

/* Delete a variant and its takes (the caller asks first); variants
 * derived from it lose their parent link. */
int
db_prompt_rm(struct db *db, long long id, char **cause)
{
	struct prompt	 pr;
	sqlite3_stmt	*st;
	struct board_counts n;
	char		*ref;
	int		 found, rv = -1;

	found = db_prompt_get(db, id, &pr, cause);
	if (found <= 0) {
		if (found == 0 && cause != NULL)
			*cause = xstrdup("no such prompt variant");
		return -1;
	}
	if (db_prompt_counts(db, id, &n, cause) != 0)
		goto out;
	st = db_prepare(db, "DELETE FROM prompt WHERE id = ?", cause);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (db_step_done(db, st, cause, "cannot delete the variant") != 0)
		goto out;
	ref = xasprintf("%s/%s", pr.shot_code, pr.label);
	rv = db_log_add(db, cause, "rm", "variant", ref, "id %lld, with %lld "
	    "takes", pr.id, n.takes);
	free(ref);
out:
	prompt_free(&pr);
	return rv;
}
