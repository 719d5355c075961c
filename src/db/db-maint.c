/* SPDX-License-Identifier: ISC */
/*
 * Backups and checks. A backup is made with VACUUM INTO a temporary
 * file beside the target, checked with integrity_check, then renamed:
 * it is consistent even while others write (it reads one snapshot), and
 * the target is never half-written. The database file itself is never
 * opened by anything but SQLite, which would break SQLite's locks. The
 * check also recounts the maintained statistics' totals.
 */
#include "config.h"

#include "db/db-maint.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fsutil.h"
#include "util/xmalloc.h"
#include "db/db.h"
#include "db/db-priv.h"

static void
maint_add(struct maint_problems *out, const char *what, const char *detail)
{
	struct maint_problem	*p;

	p = ARRAY_ADD(out);
	p->what = xstrdup(what);
	p->detail = xstrdup(detail);
}

/* A table of maintained totals: its key's and figures' names. */
struct maint_total {
	const char		*table;
	const char		*recount;
	int			 nkey;
	const char *const	*names;
	int			 nnames;
};

static const char *const maint_take_names[] = {
	"shot", "variant", "backend", "model", "person", "day",
	"n", "takes", "failed", "kept", "maybe", "rejected", "unreviewed",
	"ms_generated", "ms_used", "cost"
};

static const char *const maint_shot_names[] = {
	"shot", "n", "takes", "failed", "kept", "maybe", "rejected",
	"unreviewed", "ms_generated", "ms_used", "cost"
};

static const char *const maint_reason_names[] = {
	"shot", "reason", "n"
};

static const struct maint_total maint_totals_list[] = {
	{ "take_total", DB_TOTAL_RECOUNT, 6, maint_take_names, 16 },
	{ "shot_total", DB_SHOT_RECOUNT, 1, maint_shot_names, 11 },
	{ "reason_total", DB_REASON_RECOUNT, 2, maint_reason_names, 3 },
};

/*
 * Compare the maintained totals (take_total, shot_total, reason_total)
 * with a fresh
 * recount from the takes: each row that differs, or that only one side
 * has, is a problem naming its table, its group and its figures (a
 * group whose figures differ gives two problems: what the totals hold,
 * what a recount gives). Returns 0 or -1 with *cause.
 */
static int
maint_totals(struct db *db, struct maint_problems *out, char **cause)
{
	const struct maint_total	*mt;
	sqlite3_stmt			*st;
	struct buf			 b;
	const char			*v;
	char				*sql;
	size_t				 k;
	int				 rc, i;

	for (k = 0; k < sizeof maint_totals_list /
	    sizeof maint_totals_list[0]; k++) {
		mt = &maint_totals_list[k];
		sql = xasprintf("SELECT 'the totals hold', k.* FROM (SELECT * "
		    "FROM %s EXCEPT %s) k UNION ALL SELECT 'a recount of the "
		    "takes gives', r.* FROM (%s EXCEPT SELECT * FROM %s) r "
		    "ORDER BY 2, 3, 1 DESC", mt->table, mt->recount,
		    mt->recount, mt->table);
		st = db_prepare(db, sql, cause);
		free(sql);
		if (st == NULL)
			return -1;
		for (;;) {
			rc = sqlite3_step(st);
			if (rc != SQLITE_ROW)
				break;
			buf_init(&b);
			buf_addf(&b, "%s", mt->table);
			for (i = 0; i < mt->nnames; i++) {
				v = (const char *)sqlite3_column_text(st,
				    1 + i);
				if (i == mt->nkey)
					buf_addf(&b, ": %s", (const char *)
					    sqlite3_column_text(st, 0));
				buf_addf(&b, "%s%s=%s", i == 0 ? ", " :
				    i < mt->nkey ? ", " : " ", mt->names[i],
				    v != NULL ? v : "");
			}
			maint_add(out, "totals", buf_str(&b));
			buf_fini(&b);
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_fail(db, cause, "cannot recount the %s",
			    mt->table);
	}
	return 0;
}

/* Run PRAGMA integrity_check on an open handle; 0 when "ok", else -1 with
 * *cause holding the first problem. */
static int
maint_integrity(sqlite3 *h, char **cause)
{
	sqlite3_stmt	*st = NULL;
	const char	*r;
	int		 rv = -1;

	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st,
	    NULL) != SQLITE_OK) {
		*cause = xasprintf("cannot check: %s", sqlite3_errmsg(h));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		r = (const char *)sqlite3_column_text(st, 0);
		if (r != NULL && strcmp(r, "ok") == 0)
			rv = 0;
		else
			*cause = xasprintf("integrity check: %s",
			    r != NULL ? r : "?");
	} else
		*cause = xasprintf("cannot check: %s", sqlite3_errmsg(h));
	sqlite3_finalize(st);
	return rv;
}

/*
 * Write a consistent copy of the database to path, which must not exist.
 * Returns 0, or -1 with *cause (and no file at path).
 */
int
db_maint_backup(struct db *db, const char *path, char **cause)
{
	sqlite3_stmt	*st;
	sqlite3		*copy = NULL;
	char		*dir, *tmp, *side;
	int		 fd, rc, rv = -1;

	*cause = NULL;
	if (fs_exists(path)) {
		*cause = xasprintf("%s already exists; a backup never "
		    "replaces a file", path);
		return -1;
	}
	dir = fs_dirname(path);
	tmp = xasprintf("%s/.%s.%ld.part", dir, fs_basename(path),
	    (long)getpid());
	unlink(tmp);
	/* Made empty first (VACUUM INTO accepts an empty file), so a
	 * folder we cannot write in is named as such. */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd == -1) {
		*cause = xasprintf("cannot write the backup in %s: %s", dir,
		    strerror(errno));
		goto out;
	}
	close(fd);
	st = db_prepare(db, "VACUUM INTO ?", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_text(st, 1, tmp, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		/* The error is about the copy, not the production. */
		if ((sqlite3_errcode(db->h) & 0xff) == SQLITE_FULL)
			*cause = xasprintf("cannot write the backup %s: the "
			    "disk is full (no backup was made)", path);
		else
			*cause = xasprintf("cannot write the backup %s: %s",
			    path, sqlite3_errmsg(db->h));
		goto fail;
	}
	if (sqlite3_open_v2(tmp, &copy, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		*cause = xasprintf("cannot read the backup back: %s",
		    copy != NULL ? sqlite3_errmsg(copy) : "out of memory");
		goto fail;
	}
	if (maint_integrity(copy, cause) != 0)
		goto fail;
	sqlite3_close(copy);
	copy = NULL;
	if (fs_exists(path)) {
		*cause = xasprintf("%s appeared meanwhile; not replaced", path);
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		*cause = xasprintf("cannot rename the backup to %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	fs_fsync_dir(dir);
	rv = 0;
	goto out;
fail:
	if (copy != NULL)
		sqlite3_close(copy);
	unlink(tmp);
	/* A copy that failed part-way may leave its journal. */
	side = xasprintf("%s-journal", tmp);
	unlink(side);
	free(side);
out:
	free(tmp);
	free(dir);
	return rv;
}

/*
 * Check the database: integrity_check and foreign_key_check. Problems
 * are appended to *out. Returns 0 (even with problems), or -1 with
 * *cause when the checks could not run.
 */
int
db_maint_check(struct db *db, struct maint_problems *out, char **cause)
{
	sqlite3_stmt	*st;
	const char	*r;
	char		*d;
	int		 rc;

	st = db_prepare(db, "PRAGMA integrity_check", cause);
	if (st == NULL)
		return -1;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		r = (const char *)sqlite3_column_text(st, 0);
		if (r != NULL && strcmp(r, "ok") != 0)
			maint_add(out, "integrity", r);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot check the integrity");
	st = db_prepare(db, "PRAGMA foreign_key_check", cause);
	if (st == NULL)
		return -1;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		d = xasprintf("row %lld of %s refers to a missing %s",
		    (long long)sqlite3_column_int64(st, 1),
		    (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 2));
		maint_add(out, "foreign key", d);
		free(d);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot check the foreign keys");
	return maint_totals(db, out, cause);
}

/* Every take with a clip file, appended to *out. */
int
db_maint_clips(struct db *db, struct maint_clips *out, char **cause)
{
	sqlite3_stmt		*st;
	struct maint_clip	*c;
	int			 rc;

	st = db_prepare(db, "SELECT id, file, file_size FROM take WHERE file "
	    "IS NOT NULL ORDER BY id", cause);
	if (st == NULL)
		return -1;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		c = ARRAY_ADD(out);
		c->take_id = sqlite3_column_int64(st, 0);
		c->file = db_col_text_empty(st, 1);
		c->size = db_col_ll(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, cause, "cannot list the clips");
	return 0;
}

void
maint_problems_free(struct maint_problems *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].what);
		free(l->v[i].detail);
	}
	ARRAY_FREE(l);
}

void
maint_clips_free(struct maint_clips *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].file);
	ARRAY_FREE(l);
}
