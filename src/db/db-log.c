/* SPDX-License-Identifier: ISC */
/*
 * The change log (table event). Entries are written by the db modules
 * inside the caller's transaction, so a change and its log entry are
 * saved together or not at all.
 */
#include "config.h"

#include "db/db-log.h"

#include <stdarg.h>
#include <stdlib.h>

#include "model/clock.h"
#include "db/db-priv.h"

/*
 * Record that the current user did `action` to the object `kind name`
 * ("scene 4", "take 17"; name may be NULL), with a detail built from fmt
 * (may be NULL). Returns 0, or -1 with *cause.
 */
int
db_log_add(struct db *db, char **cause, const char *action,
    const char *kind, const char *name, const char *fmt, ...)
{
	sqlite3_stmt	*st;
	va_list		 ap;
	char		*detail = NULL, *now, *object;
	int		 rv;

	if (fmt != NULL) {
		va_start(ap, fmt);
		detail = xvasprintf(fmt, ap);
		va_end(ap);
	}
	st = db_stmt(db, "INSERT INTO event (at, user, action, object, "
	    "detail) VALUES (?, ?, ?, ?, ?)", cause);
	if (st == NULL) {
		free(detail);
		return -1;
	}
	now = clock_now_iso();
	object = name != NULL ? xasprintf("%s %s", kind, name) : xstrdup(kind);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, clock_user(), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, object, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, detail != NULL ? detail : "", -1,
	    SQLITE_TRANSIENT);
	rv = db_step_done(db, st, cause, "cannot record the change");
	free(object);
	free(now);
	free(detail);
	return rv;
}

/* The newest n entries, newest first, appended to *out. Returns 0 or -1. */
int
db_log_list(struct db *db, long long n, struct event_list *out, char **cause)
{
	sqlite3_stmt	*st;
	struct event	*ev;
	int		 rc;

	st = db_prepare(db, "SELECT id, at, user, action, object, detail "
	    "FROM event ORDER BY id DESC LIMIT ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, n);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		ev = ARRAY_ADD(out);
		ev->id = sqlite3_column_int64(st, 0);
		ev->at = db_col_text_empty(st, 1);
		ev->user = db_col_text_empty(st, 2);
		ev->action = db_col_text_empty(st, 3);
		ev->object = db_col_text_empty(st, 4);
		ev->detail = db_col_text_empty(st, 5);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, cause, "cannot read the log");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

void
event_list_free(struct event_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].at);
		free(l->v[i].user);
		free(l->v[i].action);
		free(l->v[i].object);
		free(l->v[i].detail);
	}
	ARRAY_FREE(l);
}
