/* SPDX-License-Identifier: ISC */
/*
 * Writes for the importers. A trim from an EDL changes only the in and
 * out points of a kept take: its verdict, and who gave it, stay as they
 * were (db_take_verdict would record the importer as the reviewer).
 */
#include "config.h"

#include "db/db-io.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/xmalloc.h"
#include "model/board.h"
#include "model/units.h"
#include "db/db-priv.h"
#include "db/db-log.h"
#include "db/db-take.h"

static char *
io_secs(long long ms)
{
	return ms == BOARD_NONE ? xstrdup("-") : units_fmt_seconds(ms);
}

/*
 * Set the in and out points (ms, BOARD_NONE when unset) of kept take
 * id, which must lie within it. Returns 0 or -1 with *cause.
 */
int
db_io_take_trim(struct db *db, long long id, long long in_ms, long long out_ms,
    char **cause)
{
	struct take	 tk;
	sqlite3_stmt	*st;
	char		 obj[32], *a, *b, *c, *d;
	int		 found, rv = -1;

	if (cause != NULL)
		*cause = NULL;
	found = db_take_get(db, id, &tk, cause);
	if (found <= 0) {
		if (found == 0 && cause != NULL)
			*cause = xasprintf("no take %lld", id);
		return -1;
	}
	if (tk.verdict != VERDICT_KEEP) {
		if (cause != NULL)
			*cause = xasprintf("take %lld is not kept", id);
		goto out;
	}
	if ((in_ms != BOARD_NONE && out_ms != BOARD_NONE && in_ms >= out_ms) ||
	    (tk.duration_ms != BOARD_NONE && ((in_ms != BOARD_NONE &&
	    in_ms >= tk.duration_ms) || (out_ms != BOARD_NONE &&
	    out_ms > tk.duration_ms)))) {
		if (cause != NULL)
			*cause = xasprintf("take %lld: in and out must lie "
			    "within the take, in before out", id);
		goto out;
	}
	st = db_prepare(db, "UPDATE take SET in_ms = ?, out_ms = ? WHERE "
	    "id = ?", cause);
	if (st == NULL)
		goto out;
	db_bind_ll(st, 1, in_ms);
	db_bind_ll(st, 2, out_ms);
	sqlite3_bind_int64(st, 3, id);
	if (db_step_done(db, st, cause, "cannot trim the take") != 0)
		goto out;
	a = io_secs(tk.in_ms);
	b = io_secs(tk.out_ms);
	c = io_secs(in_ms);
	d = io_secs(out_ms);
	snprintf(obj, sizeof obj, "%lld", id);
	rv = db_log_add(db, cause, "trim", "take", obj, "shot %s: in %s, out "
	    "%s (was in %s, out %s)", tk.shot_code, c, d, a, b);
	free(a);
	free(b);
	free(c);
	free(d);
out:
	take_free(&tk);
	return rv;
}

/* Set the cost (micro-units) of take id. Returns 0 or -1 with *cause. */
int
db_io_take_cost(struct db *db, long long id, long long cost, char **cause)
{
	struct take	 tk;
	char		 obj[32], *a, *b;
	int		 found, rv = -1;

	if (cause != NULL)
		*cause = NULL;
	found = db_take_get(db, id, &tk, cause);
	if (found <= 0) {
		if (found == 0 && cause != NULL)
			*cause = xasprintf("no take %lld", id);
		return -1;
	}
	if (db_io_take_cost_was(db, &tk, cost, cause) == 0) {
		a = xasprintf("%lld.%06lld", tk.cost / 1000000,
		    tk.cost % 1000000);
		b = xasprintf("%lld.%06lld", cost / 1000000, cost % 1000000);
		snprintf(obj, sizeof obj, "%lld", id);
		rv = db_log_add(db, cause, "cost", "take", obj, "shot %s: %s "
		    "(was %s)", tk.shot_code, b, a);
		free(a);
		free(b);
	}
	take_free(&tk);
	return rv;
}

/* db_io_take_cost for the take was as read in this transaction, without
 * logging (see db_take_verdict_was). */
int
db_io_take_cost_was(struct db *db, const struct take *was, long long cost,
    char **cause)
{
	sqlite3_stmt	*st;

	if (cause != NULL)
		*cause = NULL;
	st = db_stmt(db, "UPDATE take SET cost = ? WHERE id = ?", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, cost);
	sqlite3_bind_int64(st, 2, was->id);
	return db_step_done(db, st, cause, "cannot save the cost");
}
