/* SPDX-License-Identifier: ISC */
/*
 * Opening a production database safely. The file is checked to be a
 * takeboard database (application_id) before anything writes to it,
 * connections are hardened (defensive mode, untrusted schema), WAL and
 * a busy timeout let several people work at once, and every write
 * transaction starts with BEGIN IMMEDIATE so a writer waits for the
 * lock instead of failing half-way.
 */
#include "config.h"

#include "db/db.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "db/db-priv.h"
#include "db/db-schema.h"

#define DB_BUSY_TIMEOUT_MS	5000

/* Prepare a one-off statement; NULL with *cause on error. */
sqlite3_stmt *
db_prepare(struct db *db, const char *sql, char **cause)
{
	sqlite3_stmt	*st = NULL;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(db, cause, "cannot prepare query");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/*
 * A statement for sql from the connection's cache, compiled on first
 * use, reset and with its parameters cleared: bind, step, then hand it
 * back with db_release (or db_step_done), never sqlite3_finalize. sql
 * is the key, compared as text. NULL with *cause on error.
 */
sqlite3_stmt *
db_stmt(struct db *db, const char *sql, char **cause)
{
	struct db_cached	*e, *slot = NULL;
	sqlite3_stmt		*st;
	size_t			 i;

	for (i = 0; i < DB_CACHE_SIZE; i++) {
		e = &db->cache[i];
		if (e->sql == NULL) {
			if (slot == NULL)
				slot = e;
			continue;
		}
		if (e->sql != sql && strcmp(e->sql, sql) != 0)
			continue;
		if (e->busy)
			return db_prepare(db, sql, cause);
		e->busy = 1;
		return e->st;
	}
	st = db_prepare(db, sql, cause);
	if (st == NULL)
		return NULL;
	/* Full: evict the next entry not in use, round robin. */
	for (i = 0; slot == NULL && i < DB_CACHE_SIZE; i++) {
		e = &db->cache[db->cache_next];
		db->cache_next = (db->cache_next + 1) % DB_CACHE_SIZE;
		if (e->busy)
			continue;
		sqlite3_finalize(e->st);
		free(e->sql);
		slot = e;
	}
	if (slot == NULL)
		return st;
	slot->sql = xstrdup(sql);
	slot->st = st;
	slot->busy = 1;
	return st;
}

/*
 * Hand back a statement: one from the cache is reset, its parameters
 * cleared, and kept for the next db_stmt; any other is finalized. NULL
 * is fine.
 */
void
db_release(struct db *db, sqlite3_stmt *st)
{
	struct db_cached	*e;
	size_t			 i;

	if (st == NULL)
		return;
	for (i = 0; i < DB_CACHE_SIZE; i++) {
		e = &db->cache[i];
		if (e->st == st && e->sql != NULL) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			e->busy = 0;
			return;
		}
	}
	sqlite3_finalize(st);
}

/* Finalize every cached statement. */
static void
db_cache_clear(struct db *db)
{
	size_t	 i;

	for (i = 0; i < DB_CACHE_SIZE; i++) {
		sqlite3_finalize(db->cache[i].st);
		free(db->cache[i].sql);
		memset(&db->cache[i], 0, sizeof db->cache[i]);
	}
	db->cache_next = 0;
}

/*
 * Fill *cause with a message for the last error on db, prefixed with the
 * formatted context. A busy database gets a message that says what to
 * do. Always returns -1, so callers can `return db_fail(...)`.
 */
int
db_fail(struct db *db, char **cause, const char *fmt, ...)
{
	va_list	 ap;
	char	*what;
	int	 code;

	if (cause == NULL)
		return -1;
	va_start(ap, fmt);
	what = xvasprintf(fmt, ap);
	va_end(ap);
	code = sqlite3_errcode(db->h) & 0xff;
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		*cause = xasprintf("%s: the database %s is busy (someone "
		    "else is writing to it); try again in a moment", what,
		    db->path);
	else if ((code == SQLITE_READONLY || code == SQLITE_CANTOPEN) &&
	    access(db->dir, W_OK) != 0)
		*cause = xasprintf("%s: the folder %s is not writable (%s): "
		    "takeboard needs to make %s-wal and -shm files beside "
		    "the database, even to read it", what, db->dir,
		    sqlite3_errmsg(db->h), fs_basename(db->path));
	else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN ||
	    code == SQLITE_PERM)
		*cause = xasprintf("%s: %s (check the permissions of %s and "
		    "its folder)", what, sqlite3_errmsg(db->h), db->path);
	else if (code == SQLITE_FULL)
		*cause = xasprintf("%s: the disk holding %s is full (nothing "
		    "was changed; free some space and try again)", what,
		    db->path);
	else if (code == SQLITE_IOERR)
		*cause = xasprintf("%s: cannot write to %s or its -wal and "
		    "-shm files (%s): is the disk full or failing?", what,
		    db->path, sqlite3_errmsg(db->h));
	else
		*cause = xasprintf("%s: %s", what, sqlite3_errmsg(db->h));
	free(what);
	return -1;
}

/* Step a statement that returns no rows, then release it (db_release:
 * a statement from db_prepare is finalized, one from db_stmt kept). */
int
db_step_done(struct db *db, sqlite3_stmt *st, char **cause, const char *what)
{
	int	 rc;

	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_fail(db, cause, "%s", what);
		db_release(db, st);
		return -1;
	}
	db_release(db, st);
	return 0;
}

/* Run SQL with no parameters and no rows wanted. */
int
db_exec(struct db *db, const char *sql, char **cause)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, cause, "database error");
	return 0;
}

/* Column i as an allocated string, NULL for SQL NULL. */
char *
db_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char	*s;

	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	s = sqlite3_column_text(st, i);
	return xstrdup(s != NULL ? (const char *)s : "");
}

/* Column i as an allocated string, "" for SQL NULL. */
char *
db_col_text_empty(sqlite3_stmt *st, int i)
{
	char	*s;

	s = db_col_text(st, i);
	return s != NULL ? s : xstrdup("");
}

/* Column i as an integer, BOARD_NONE (-1) for SQL NULL. */
long long
db_col_ll(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return -1;
	return sqlite3_column_int64(st, i);
}

/* Bind a string, or NULL for a NULL or empty string. */
void
db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* Bind an integer, or NULL for BOARD_NONE (-1). */
void
db_bind_ll(sqlite3_stmt *st, int i, long long v)
{
	if (v == -1)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

/* Run a query with one integer parameter returning one integer. Returns
 * 1 with *out set, 0 when there is no row or it is NULL, -1 on error. */
int
db_scalar_ll(struct db *db, const char *sql, long long arg, long long *out,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc, rv = -1;

	st = db_stmt(db, sql, cause);
	if (st == NULL)
		return -1;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, arg);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) == SQLITE_NULL)
			rv = 0;
		else {
			*out = sqlite3_column_int64(st, 0);
			rv = 1;
		}
	} else if (rc == SQLITE_DONE)
		rv = 0;
	else
		db_fail(db, cause, "database error");
	db_release(db, st);
	return rv;
}

static int
db_busy_timeout(void)
{
	const char	*env;
	long long	 v;

	env = getenv("TAKEBOARD_BUSY_TIMEOUT");
	if (env != NULL && str_to_ll(env, 0, 600000, &v) == 0)
		return (int)v;
	return DB_BUSY_TIMEOUT_MS;
}

/*
 * Read the application id and schema version of an open file without
 * changing it. Returns 0, or -1 when it is not an SQLite database.
 */
static int
db_probe(struct db *db, long long *app, long long *version, char **cause)
{
	if (db_scalar_ll(db, "PRAGMA application_id", 0, app, NULL) != 1 ||
	    db_scalar_ll(db, "PRAGMA user_version", 0, version, NULL) != 1) {
		/* Only a file that is not SQLite is "not a database": a
		 * full disk or a permission problem says so instead. */
		if ((sqlite3_errcode(db->h) & 0xff) != SQLITE_NOTADB &&
		    (sqlite3_errcode(db->h) & 0xff) != SQLITE_CORRUPT)
			return db_fail(db, cause, "cannot read %s", db->path);
		*cause = xasprintf("%s is not a takeboard database (%s)",
		    db->path, sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

/*
 * Open the database at path. With DB_OPEN_CREATE the file must not exist
 * and is created with the current schema; otherwise it must exist, be a
 * takeboard database, and not come from a newer takeboard. Older
 * schemas are migrated. Returns 0 with *out set (close with db_close),
 * or -1 with *cause; a refused file is left untouched.
 */
int
db_open(const char *path, int flags, struct db **out, char **cause)
{
	struct db	*db;
	long long	 app = 0, version = 0;
	int		 oflags;

	*cause = NULL;
	*out = NULL;
	db = xcalloc(1, sizeof *db);
	db->path = fs_abspath(path, cause);
	if (db->path == NULL) {
		free(db);
		return -1;
	}
	db->dir = fs_dirname(db->path);
	if (flags & DB_OPEN_CREATE) {
		if (fs_exists(db->path)) {
			*cause = xasprintf("%s already exists", db->path);
			goto fail;
		}
		oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	} else {
		if (!fs_exists(db->path)) {
			*cause = xasprintf("%s: no such production database "
			    "(run 'takeboard init' to create one)", db->path);
			goto fail;
		}
		if (fs_is_dir(db->path)) {
			*cause = xasprintf("%s is a folder, not a takeboard "
			    "database", db->path);
			goto fail;
		}
		oflags = SQLITE_OPEN_READWRITE;
	}
	/* takeboard has one thread: no locking of the connection, and
	 * (process-wide, before SQLite's first use; refused after it)
	 * no memory statistics, which take a mutex on every allocation. */
	oflags |= SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX;
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (sqlite3_open_v2(db->path, &db->h, oflags, NULL) != SQLITE_OK) {
		if (db->h == NULL)
			*cause = xasprintf("%s: cannot open database",
			    db->path);
		else
			db_fail(db, cause, "cannot open %s", db->path);
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, db_busy_timeout());
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	    NULL);
	if (db_probe(db, &app, &version, cause) != 0)
		goto fail;
	if (!(flags & DB_OPEN_CREATE) && app != DB_APPLICATION_ID) {
		*cause = xasprintf("%s is not a takeboard database (refusing "
		    "to touch it)", db->path);
		goto fail;
	}
	if (version > db_schema_latest()) {
		*cause = xasprintf("%s was made by a newer takeboard (schema "
		    "%lld; this one knows up to %d): upgrade takeboard",
		    db->path, version, db_schema_latest());
		goto fail;
	}
	if (db_exec(db, "PRAGMA journal_mode = WAL", cause) != 0 ||
	    db_exec(db, "PRAGMA foreign_keys = ON", cause) != 0 ||
	    db_exec(db, "PRAGMA synchronous = NORMAL", cause) != 0) {
		free(*cause);
		db_fail(db, cause, "cannot set up %s", db->path);
		goto fail;
	}
	if (db_schema_migrate(db, cause) != 0)
		goto fail;
	*out = db;
	return 0;
fail:
	db_cache_clear(db);
	if (db->h != NULL)
		sqlite3_close(db->h);
	if ((flags & DB_OPEN_CREATE) && db->h != NULL) {
		/* Don't leave a half-made database behind. */
		char *side;

		unlink(db->path);
		side = xasprintf("%s-wal", db->path);
		unlink(side);
		free(side);
		side = xasprintf("%s-shm", db->path);
		unlink(side);
		free(side);
	}
	free(db->path);
	free(db->dir);
	free(db);
	return -1;
}

/* Close the database; NULL is fine. */
void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	if (db->in_tx)
		db_rollback(db);
	db_cache_clear(db);
	sqlite3_close(db->h);
	free(db->path);
	free(db->dir);
	free(db);
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

/* The production folder (where takes/ lives). Borrowed. */
const char *
db_dir(const struct db *db)
{
	return db->dir;
}

/* The schema version of the open database. */
int
db_version(struct db *db)
{
	long long	 v = 0;

	db_scalar_ll(db, "PRAGMA user_version", 0, &v, NULL);
	return (int)v;
}

/* A number that changes whenever another connection commits a change
 * to the database (PRAGMA data_version): cheap to poll, for refreshing
 * open views when someone else works on the production. -1 on error. */
long long
db_data_version(struct db *db)
{
	long long	 v = -1;

	if (db_scalar_ll(db, "PRAGMA data_version", 0, &v, NULL) != 1)
		return -1;
	return v;
}

/* Start a write transaction (BEGIN IMMEDIATE: take the write lock now,
 * waiting up to the busy timeout). Returns 0 or -1 with *cause. */
int
db_begin(struct db *db, char **cause)
{
	if (cause != NULL)
		*cause = NULL;
	if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return db_fail(db, cause, "cannot start a change");
	db->in_tx = 1;
	return 0;
}

/*
 * Start a read transaction: every query until db_read_end sees the
 * production as it was at the first one, whatever others commit
 * meanwhile (WAL snapshot isolation), so a report or an export made of
 * several queries is consistent. 0, or -1 with *cause.
 */
int
db_read_begin(struct db *db, char **cause)
{
	if (cause != NULL)
		*cause = NULL;
	if (sqlite3_exec(db->h, "BEGIN DEFERRED", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return db_fail(db, cause, "cannot start reading");
	db->in_tx = 1;
	return 0;
}

/* End a read transaction. */
void
db_read_end(struct db *db)
{
	db_rollback(db);
}

/* Commit; on failure the transaction is rolled back. */
int
db_commit(struct db *db, char **cause)
{
	if (cause != NULL)
		*cause = NULL;
	if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(db, cause, "cannot save the change");
		db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	return 0;
}

/* Roll back the open transaction, if any. */
void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_tx = 0;
}

/*
 * Find the production database: `opt` (from -f) if given, else
 * $TAKEBOARD_DB, else the nearest takeboard.db in the current folder or
 * above. Returns 0 with *path allocated, or -1 with *cause.
 */
int
db_locate(const char *opt, char **path, char **cause)
{
	const char	*env;
	char		*dir, *cand, *up;

	*cause = NULL;
	if (opt != NULL) {
		*path = xstrdup(opt);
		return 0;
	}
	env = getenv("TAKEBOARD_DB");
	if (env != NULL && *env != '\0') {
		*path = xstrdup(env);
		return 0;
	}
	dir = getcwd(NULL, 0);
	if (dir == NULL) {
		*cause = xasprintf("cannot find the current folder: %s",
		    strerror(errno));
		return -1;
	}
	for (;;) {
		cand = fs_join(dir, DB_FILE_NAME);
		if (fs_exists(cand)) {
			free(dir);
			*path = cand;
			return 0;
		}
		free(cand);
		if (strcmp(dir, "/") == 0)
			break;
		up = fs_dirname(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	*cause = xstrdup("no production found (no " DB_FILE_NAME " in this "
	    "folder or above it); run 'takeboard init' to start one, or "
	    "name one with -f FILE or TAKEBOARD_DB");
	return -1;
}
