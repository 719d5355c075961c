/* SPDX-License-Identifier: ISC */
/*
 * Generation jobs (see db-job.h). A job row shares its id with its take;
 * every change of state also sets the take's status (submitting, queued
 * and needs_decision are "queued", in_progress and downloading
 * "generating", done "ready", failed and cancelled "failed") and logs an
 * event, in the caller's transaction.
 */
#include "config.h"

#include "db/db-job.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "model/clock.h"
#include "db/db.h"
#include "db/db-log.h"
#include "db/db-priv.h"

static const char *const job_state_names[JOB_STATE_COUNT] = {
	"submitting", "queued", "in_progress", "downloading", "done",
	"failed", "needs_decision", "cancelled"
};

/* The name of a job state, as stored and printed. */
const char *
job_state_name(enum job_state s)
{
	if ((int)s < 0 || s >= JOB_STATE_COUNT)
		return "?";
	return job_state_names[s];
}

/* Parse a job state name; 0, or -1 if unknown. */
int
job_state_parse(const char *s, enum job_state *out)
{
	int	 i;

	for (i = 0; i < JOB_STATE_COUNT; i++) {
		if (strcmp(s, job_state_names[i]) == 0) {
			*out = (enum job_state)i;
			return 0;
		}
	}
	return -1;
}

/* Whether a state is an end: nothing more happens to the job. */
int
job_state_final(enum job_state s)
{
	return s == JOB_DONE || s == JOB_FAILED || s == JOB_CANCELLED;
}

static const char *
job_take_status(enum job_state s)
{
	switch (s) {
	case JOB_IN_PROGRESS:
	case JOB_DOWNLOADING:
		return "generating";
	case JOB_DONE:
		return "ready";
	case JOB_FAILED:
	case JOB_CANCELLED:
		return "failed";
	default:
		return "queued";
	}
}

/* Free what a job holds. */
void
job_free(struct job *j)
{
	free(j->request_json);
	free(j->remote_id);
	free(j->backend);
	free(j->model);
	free(j->last_response);
	free(j->error);
	free(j->created);
	free(j->updated);
	free(j->shot_code);
	free(j->scene_code);
	free(j->prompt_label);
	free(j->file);
	memset(j, 0, sizeof *j);
}

/* Free a job list and its jobs. */
void
job_list_free(struct job_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		job_free(&l->v[i]);
	ARRAY_FREE(l);
}

#define JOB_COLS "j.take_id, j.state, j.request_json, j.remote_id, " \
	"j.backend, j.model, j.attempts, j.next_poll_at, j.last_response, " \
	"j.progress, j.expires_at, j.error, j.retry_of, j.created, " \
	"j.updated, t.shot_id, sh.code, sc.code, p.label, t.file, " \
	"t.file_size FROM job j JOIN take t ON t.id = j.take_id " \
	"JOIN shot sh ON sh.id = t.shot_id JOIN scene sc ON sc.id = " \
	"sh.scene_id LEFT JOIN prompt p ON p.id = t.prompt_id"

static void
job_row(sqlite3_stmt *st, struct job *j)
{
	char	*s;

	memset(j, 0, sizeof *j);
	j->take_id = sqlite3_column_int64(st, 0);
	s = db_col_text_empty(st, 1);
	if (job_state_parse(s, &j->state) != 0)
		j->state = JOB_NEEDS_DECISION;
	free(s);
	j->request_json = db_col_text_empty(st, 2);
	j->remote_id = db_col_text(st, 3);
	j->backend = db_col_text_empty(st, 4);
	j->model = db_col_text(st, 5);
	j->attempts = db_col_ll(st, 6);
	j->next_poll_at = db_col_ll(st, 7);
	j->last_response = db_col_text(st, 8);
	j->progress = db_col_ll(st, 9);
	j->expires_at = db_col_ll(st, 10);
	j->error = db_col_text(st, 11);
	j->retry_of = db_col_ll(st, 12);
	j->created = db_col_text_empty(st, 13);
	j->updated = db_col_text_empty(st, 14);
	j->shot_id = sqlite3_column_int64(st, 15);
	j->shot_code = db_col_text_empty(st, 16);
	j->scene_code = db_col_text_empty(st, 17);
	j->prompt_label = db_col_text(st, 18);
	j->file = db_col_text(st, 19);
	j->file_size = db_col_ll(st, 20);
}

static int
job_set_take(struct db *db, long long id, enum job_state s,
    const char *error, const char *remote, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE take SET status = ?, error = ?, "
	    "job_id = ? WHERE id = ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, job_take_status(s), -1, SQLITE_STATIC);
	db_bind_text(st, 2, error);
	db_bind_text(st, 3, remote);
	sqlite3_bind_int64(st, 4, id);
	return db_step_done(db, st, cause, "cannot update the take");
}

/*
 * Add the job of take j->take_id (the take row exists already, added in
 * the same transaction). Sets created/updated. 0, or -1 with *cause.
 */
int
db_job_add(struct db *db, struct job *j, char **cause)
{
	sqlite3_stmt	*st;
	char		 obj[32];

	free(j->created);
	j->created = clock_now_iso();
	free(j->updated);
	j->updated = xstrdup(j->created);
	st = db_prepare(db, "INSERT INTO job (take_id, state, request_json, "
	    "remote_id, backend, model, attempts, retry_of, created, updated) "
	    "VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, j->take_id);
	sqlite3_bind_text(st, 2, job_state_name(j->state), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, j->request_json, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 4, j->remote_id);
	sqlite3_bind_text(st, 5, j->backend, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 6, j->model);
	db_bind_ll(st, 7, j->retry_of);
	sqlite3_bind_text(st, 8, j->created, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, j->updated, -1, SQLITE_TRANSIENT);
	if (db_step_done(db, st, cause, "cannot add the job") != 0)
		return -1;
	if (job_set_take(db, j->take_id, j->state, NULL, NULL, cause) != 0)
		return -1;
	snprintf(obj, sizeof obj, "%lld", j->take_id);
	return db_log_add(db, cause, "submit", "take", obj, "%s %s",
	    j->backend, j->model != NULL ? j->model : "");
}

/* Read the job of take id; 1 found, 0 none, -1 error. */
int
db_job_get(struct db *db, long long id, struct job *j, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT " JOB_COLS " WHERE j.take_id = ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		job_row(st, j);
		sqlite3_finalize(st);
		return 1;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	return db_fail(db, cause, "cannot read the job");
}

/* List jobs (DB_JOB_ALL, DB_JOB_UNFINISHED or DB_JOB_OPEN) oldest first into *l,
 * which the caller frees with job_list_free. 0, or -1. */
int
db_job_list(struct db *db, int which, struct job_list *l, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(l, 0, sizeof *l);
	st = db_prepare(db, which == DB_JOB_UNFINISHED ?
	    "SELECT " JOB_COLS " WHERE j.state NOT IN ('done', 'failed', "
	    "'cancelled') ORDER BY j.take_id" : which == DB_JOB_OPEN ?
	    "SELECT " JOB_COLS " WHERE j.state <> 'done' ORDER BY "
	    "j.take_id" :
	    "SELECT " JOB_COLS " ORDER BY j.take_id", cause);
	if (st == NULL)
		return -1;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		job_row(st, ARRAY_ADD(l));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		job_list_free(l);
		return db_fail(db, cause, "cannot list the jobs");
	}
	return 0;
}

/*
 * Write a job's changing fields (state, remote id, attempts, next poll,
 * last response, progress, expiry, error, and the request when not
 * NULL: a seed drawn at submission) and the take's status; a change of
 * state is logged. 0, or -1 with *cause; DB_JOB_ENDED (with *cause) when
 * the job has ended meanwhile in another state (another session
 * cancelled it), which is never overwritten.
 */
int
db_job_update(struct db *db, const struct job *j, char **cause)
{
	sqlite3_stmt	*st;
	enum job_state	 ps;
	long long	 old = -1;
	char		*now, obj[32], *prev = NULL;
	int		 rv;

	st = db_prepare(db, "SELECT state FROM job WHERE take_id = ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, j->take_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		prev = db_col_text_empty(st, 0);
		old = 0;
	}
	sqlite3_finalize(st);
	if (old < 0) {
		*cause = xasprintf("no job for take %lld", j->take_id);
		return -1;
	}
	/* An ended job stays ended: another session may have cancelled
	 * it while this one was waiting for the provider. */
	if (job_state_parse(prev, &ps) == 0 && job_state_final(ps) &&
	    ps != j->state) {
		*cause = xasprintf("the job of take %lld was %s meanwhile",
		    j->take_id, prev);
		free(prev);
		return DB_JOB_ENDED;
	}
	now = clock_now_iso();
	st = db_prepare(db, "UPDATE job SET state = ?, remote_id = ?, "
	    "attempts = ?, next_poll_at = ?, last_response = ?, progress = ?, "
	    "expires_at = ?, error = ?, updated = ?, "
	    "request_json = coalesce(?, request_json) WHERE take_id = ?",
	    cause);
	if (st == NULL) {
		free(prev);
		free(now);
		return -1;
	}
	sqlite3_bind_text(st, 1, job_state_name(j->state), -1, SQLITE_STATIC);
	db_bind_text(st, 2, j->remote_id);
	sqlite3_bind_int64(st, 3, j->attempts);
	db_bind_ll(st, 4, j->next_poll_at);
	db_bind_text(st, 5, j->last_response);
	db_bind_ll(st, 6, j->progress);
	db_bind_ll(st, 7, j->expires_at);
	db_bind_text(st, 8, j->error);
	sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 10, j->request_json);
	sqlite3_bind_int64(st, 11, j->take_id);
	free(now);
	rv = db_step_done(db, st, cause, "cannot update the job");
	if (rv == 0)
		rv = job_set_take(db, j->take_id, j->state, j->error,
		    j->remote_id, cause);
	if (rv == 0 && strcmp(prev, job_state_name(j->state)) != 0) {
		snprintf(obj, sizeof obj, "%lld", j->take_id);
		rv = db_log_add(db, cause, "job", "take", obj, "%s -> %s",
		    prev, job_state_name(j->state));
	}
	free(prev);
	return rv;
}

/* Record the clip of a finished job: its file (relative to the
 * production), size, duration (-1 unknown) and cost. 0, or -1. */
int
db_job_finish(struct db *db, long long id, const char *file, long long size,
    long long ms, long long cost, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE take SET file = ?, file_size = ?, "
	    "duration_ms = ?, cost = ? WHERE id = ?", cause);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, file);
	db_bind_ll(st, 2, size);
	db_bind_ll(st, 3, ms);
	sqlite3_bind_int64(st, 4, cost);
	sqlite3_bind_int64(st, 5, id);
	return db_step_done(db, st, cause, "cannot record the clip");
}

/* Whether a job already holds remote id: 1, 0, or -1 on error. */
int
db_job_remote_used(struct db *db, const char *id, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT 1 FROM job WHERE remote_id = ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_fail(db, cause, "cannot read the jobs");
}

/* Set the cost (micro-units) of take id. 0, or -1. */
int
db_job_set_cost(struct db *db, long long id, long long cost, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE take SET cost = ? WHERE id = ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, cost);
	sqlite3_bind_int64(st, 2, id);
	return db_step_done(db, st, cause, "cannot set the cost");
}

/* The production's spending so far: the cost of every take. 0, or -1. */
int
db_job_spent(struct db *db, long long *out, char **cause)
{
	*out = 0;
	if (db_scalar_ll(db, "SELECT coalesce(sum(cost), 0) FROM take", 0,
	    out, cause) < 0)
		return -1;
	return 0;
}

/* Read production setting key into *value (allocated); 1, 0 unset, -1. */
int
db_setting_get(struct db *db, const char *key, char **value, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*value = NULL;
	st = db_prepare(db, "SELECT value FROM production_setting WHERE "
	    "key = ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = db_col_text_empty(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return db_fail(db, cause, "cannot read the setting");
}

/* Set (or with NULL, clear) production setting key, logged. 0, or -1. */
int
db_setting_set(struct db *db, const char *key, const char *value,
    char **cause)
{
	sqlite3_stmt	*st;

	if (value == NULL) {
		st = db_prepare(db, "DELETE FROM production_setting WHERE "
		    "key = ?", cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	} else {
		st = db_prepare(db, "INSERT INTO production_setting (key, "
		    "value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
		    "value = excluded.value", cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	}
	if (db_step_done(db, st, cause, "cannot set the setting") != 0)
		return -1;
	return db_log_add(db, cause, "set", "production", key, "%s",
	    value != NULL ? value : "(none)");
}
