/* SPDX-License-Identifier: ISC */
/*
 * Statistics queries. One aggregate expression list (DB_STATS_AGG)
 * defines every sum, through the totals it maintains (DB_TOTAL_AGG), so
 * the definitions cannot drift apart: takes are ready takes, seconds
 * used are out - in of kept takes (in defaults to 0, out to the
 * duration, and nothing counts past the duration, so a take whose
 * duration is unknown uses nothing and usage never passes 100%), cost is
 * summed over every take including failed ones. The total is the exact
 * integer sum of the rows.
 */
#include "config.h"

#include "db/db-stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xmalloc.h"
#include "db/db-priv.h"

#define STATS_WHERE							\
	"(?1 IS NULL OR h.scene_id = ?1) AND (?2 IS NULL OR h.id = ?2) "

/*
 * Every grouping reads the maintained totals x (shot_total, one row a
 * shot, or take_total for variants, backends and models), never the
 * takes: DB_TOTAL_AGG adds up rows that hold DB_STATS_AGG's sums, so
 * the figures are those of a scan (tests/cli/totals.sh and `takeboard
 * check` prove it), at a cost that grows with the number of shots.
 * Columns: scene, heading, shot, prompt id, label, backend, model, then
 * the sums.
 */
static const char *const stats_sql[] = {
	/* STATS_BY_PRODUCTION */
	"SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, " DB_TOTAL_AGG
	"FROM shot_total x JOIN shot h ON h.id = x.shot_id WHERE " STATS_WHERE,
	/* STATS_BY_SCENE: every scene, also those without takes */
	"SELECT s.code, s.heading, NULL, NULL, NULL, NULL, NULL, " DB_TOTAL_AGG
	"FROM scene s LEFT JOIN shot h ON h.scene_id = s.id "
	"LEFT JOIN shot_total x ON x.shot_id = h.id "
	"WHERE (?1 IS NULL OR s.id = ?1) AND (?2 IS NULL OR h.id = ?2) "
	"GROUP BY s.id ORDER BY s.position, s.id",
	/* STATS_BY_SHOT: shot_total has at most one row a shot */
	"SELECT s.code, s.heading, h.code, NULL, NULL, NULL, NULL, "
	DB_TOTAL_ROW "FROM shot h JOIN scene s ON s.id = h.scene_id "
	"LEFT JOIN shot_total x ON x.shot_id = h.id WHERE " STATS_WHERE
	"ORDER BY s.position, s.id, h.position, h.id",
	/* STATS_BY_PROMPT: every variant, then takes without a variant */
	"SELECT * FROM ("
	"SELECT s.code, s.heading, h.code, p.id, p.label, NULL, NULL, "
	DB_TOTAL_AGG ", s.position AS sp, s.id AS si, h.position AS hp, "
	"  h.id AS hi, p.id AS pi "
	"FROM prompt p JOIN shot h ON h.id = p.shot_id "
	"JOIN scene s ON s.id = h.scene_id "
	"LEFT JOIN take_total x ON x.prompt_id = p.id WHERE " STATS_WHERE
	"GROUP BY p.id "
	"UNION ALL "
	"SELECT s.code, s.heading, h.code, NULL, NULL, NULL, NULL, "
	DB_TOTAL_AGG ", s.position, s.id, h.position, h.id, "
	"  9223372036854775807 "
	"FROM take_total x JOIN shot h ON h.id = x.shot_id "
	"JOIN scene s ON s.id = h.scene_id "
	"WHERE x.prompt_id = 0 AND " STATS_WHERE
	"GROUP BY h.id) ORDER BY sp, si, hp, hi, pi",
	/* STATS_BY_BACKEND: backends in name order, none ('') first */
	"SELECT NULL, NULL, NULL, NULL, NULL, nullif(x.backend, ''), NULL, "
	DB_TOTAL_AGG "FROM take_total x JOIN shot h ON h.id = x.shot_id "
	"WHERE " STATS_WHERE "GROUP BY x.backend ORDER BY x.backend",
	/* STATS_BY_MODEL: backend and model pairs */
	"SELECT NULL, NULL, NULL, NULL, NULL, nullif(x.backend, ''), "
	"nullif(x.model, ''), " DB_TOTAL_AGG
	"FROM take_total x JOIN shot h ON h.id = x.shot_id "
	"WHERE " STATS_WHERE "GROUP BY x.backend, x.model "
	"ORDER BY x.backend, x.model",
};

#define STATS_NBY	((int)(sizeof stats_sql / sizeof stats_sql[0]))

static const char *const stats_by_names[] = {
	"production", "scene", "shot", "prompt", "backend", "model"
};

const char *
stats_by_name(enum stats_by by)
{
	return (unsigned)by < STATS_NBY ? stats_by_names[by] : "?";
}

/* Parse a grouping name ("variant" is accepted for "prompt"). */
int
stats_by_parse(const char *s, enum stats_by *out, char **cause)
{
	int	 i;

	if (cause != NULL)
		*cause = NULL;
	if (strcasecmp(s, "variant") == 0)
		s = "prompt";
	for (i = 0; i < STATS_NBY; i++) {
		if (strcasecmp(s, stats_by_names[i]) == 0) {
			*out = (enum stats_by)i;
			return 0;
		}
	}
	if (cause != NULL)
		*cause = xasprintf("bad grouping '%s' (want one of: production "
		    "scene shot prompt backend model)", s);
	return -1;
}

/*
 * The statistics grouped by `by`, restricted by f (may be NULL), in
 * storyboard order, appended to *rows; *total (may be NULL) receives
 * their sum. Returns 0 or -1 with *cause.
 */
int
db_stats(struct db *db, enum stats_by by, const struct stats_filter *f,
    struct stats_rows *rows, struct stats *total, char **cause)
{
	sqlite3_stmt		*st;
	struct stats_row	*r;
	int			 rc;

	if (cause != NULL)
		*cause = NULL;
	if (total != NULL)
		memset(total, 0, sizeof *total);
	st = db_prepare(db, stats_sql[by], cause);
	if (st == NULL)
		return -1;
	db_bind_ll(st, 1, f != NULL && f->scene_id > 0 ? f->scene_id : -1);
	db_bind_ll(st, 2, f != NULL && f->shot_id > 0 ? f->shot_id : -1);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		r = ARRAY_ADD(rows);
		r->scene = db_col_text(st, 0);
		r->heading = db_col_text(st, 1);
		r->shot = db_col_text(st, 2);
		r->prompt_id = sqlite3_column_int64(st, 3);
		r->label = db_col_text(st, 4);
		r->backend = db_col_text(st, 5);
		r->model = db_col_text(st, 6);
		r->s.takes = sqlite3_column_int64(st, 7);
		r->s.failed = sqlite3_column_int64(st, 8);
		r->s.kept = sqlite3_column_int64(st, 9);
		r->s.maybe = sqlite3_column_int64(st, 10);
		r->s.rejected = sqlite3_column_int64(st, 11);
		r->s.unreviewed = sqlite3_column_int64(st, 12);
		r->s.ms_generated = sqlite3_column_int64(st, 13);
		r->s.ms_used = sqlite3_column_int64(st, 14);
		r->s.cost = sqlite3_column_int64(st, 15);
		if (total != NULL)
			stats_add(total, &r->s);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot compute the statistics");
	return 0;
}

void
stats_rows_free(struct stats_rows *rows)
{
	size_t	 i;

	for (i = 0; i < rows->n; i++) {
		free(rows->v[i].scene);
		free(rows->v[i].heading);
		free(rows->v[i].shot);
		free(rows->v[i].label);
		free(rows->v[i].backend);
		free(rows->v[i].model);
	}
	ARRAY_FREE(rows);
}

/* Takes generated (ready) and kept per day of creation, oldest first,
 * appended to *out. Days without takes are not listed. */
int
db_stats_days(struct db *db, struct stats_days *out, char **cause)
{
	sqlite3_stmt		*st;
	struct stats_day	*d;
	const unsigned char	*day;
	int			 rc;

	st = db_prepare(db, "SELECT substr(created, 1, 10) AS day, "
	    "coalesce(sum(status = 'ready'), 0), coalesce(sum(status = "
	    "'ready' AND verdict = 'keep'), 0) FROM take GROUP BY day "
	    "ORDER BY day", cause);
	if (st == NULL)
		return -1;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		d = ARRAY_ADD(out);
		day = sqlite3_column_text(st, 0);
		snprintf(d->day, sizeof d->day, "%s",
		    day != NULL ? (const char *)day : "");
		d->takes = sqlite3_column_int64(st, 1);
		d->kept = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot count takes per day");
	return 0;
}
