/* SPDX-License-Identifier: ISC */
/*
 * Test helper: hold the write lock of a takeboard database for a while,
 * so the CLI tests can check how takeboard behaves on a busy database.
 *
 *	dbhold DBFILE SECONDS
 *
 * Opens DBFILE (which must exist), runs BEGIN IMMEDIATE, prints "locked"
 * on stdout once the lock is held, sleeps SECONDS (fractions allowed),
 * rolls back and exits 0. Exits 1 on a database error, 2 on bad usage.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <sqlite3.h>

static void
usage(void)
{
	fprintf(stderr, "usage: dbhold DBFILE SECONDS\n");
	exit(2);
}

/* Sleep for secs seconds, resuming after signals. */
static void
hold(double secs)
{
	struct timespec	 ts;

	ts.tv_sec = (time_t)secs;
	ts.tv_nsec = (long)((secs - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
}

int
main(int argc, char **argv)
{
	sqlite3		*db = NULL;
	char		*end, *err = NULL;
	double		 secs;
	int		 rv = 1;

	if (argc != 3)
		usage();
	errno = 0;
	secs = strtod(argv[2], &end);
	if (end == argv[2] || *end != '\0' || errno != 0 || !(secs >= 0) ||
	    secs > 86400)
		usage();

	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "dbhold: %s: %s\n", argv[1],
		    db != NULL ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &err) !=
	    SQLITE_OK) {
		fprintf(stderr, "dbhold: %s: BEGIN IMMEDIATE: %s\n", argv[1],
		    err != NULL ? err : sqlite3_errmsg(db));
		goto out;
	}
	printf("locked\n");
	fflush(stdout);
	hold(secs);
	if (sqlite3_exec(db, "ROLLBACK", NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "dbhold: %s: ROLLBACK: %s\n", argv[1],
		    err != NULL ? err : sqlite3_errmsg(db));
		goto out;
	}
	rv = 0;

out:
	sqlite3_free(err);
	sqlite3_close(db);
	return rv;
}
