/* SPDX-License-Identifier: ISC */
/*
 * Schema migrations. Each entry moves the schema from version N-1 to N
 * and sets PRAGMA user_version itself, inside one BEGIN IMMEDIATE
 * transaction, so a migration is applied whole or not at all even when
 * two processes open an old production at once. Never edit a released
 * migration: add a new one at the end.
 *
 * Take and variant ids are AUTOINCREMENT: they name clip files and
 * appear in the log, so a deleted one is never handed out again.
 *
 * Units: durations are integer milliseconds (*_ms), money is integer
 * millionths of the production's currency, times are ISO 8601 UTC text.
 */
#include "config.h"

#include "db/db-schema.h"

#include <stdlib.h>

#include "util/xmalloc.h"
#include "db/db.h"
#include "db/db-priv.h"

#define STATUS_CHECK(col)						\
	"CHECK (" col " IN ('planned', 'generating', 'review', "	\
	"'approved', 'post', 'final', 'omitted'))"

/*
 * Migration 4: add (op +) or take away (op -) take R's share of its row
 * of take_total. DB_STATS_AGG over the one-row table t gives the share,
 * so a total is by construction what a scan of the takes would sum.
 */
#define TOTAL_KEY(R)							\
	R ".shot_id AS shot_id, coalesce(" R ".prompt_id, 0) AS prompt_id, "\
	"coalesce(" R ".backend, '') AS backend, coalesce(" R ".model, '') "\
	"AS model, " R ".created_by AS person, substr(" R ".created, 1, 10) "\
	"AS day"

/* The columns of take R that the sums read, for DB_STATS_AGG as t. */
#define TOTAL_ROW(R)							\
	R ".status AS status, " R ".verdict AS verdict, "		\
	R ".duration_ms AS duration_ms, " R ".in_ms AS in_ms, "		\
	R ".out_ms AS out_ms, " R ".cost AS cost"

/* Add (op +) or take away (op -) the sums of the row excluded. */
#define TOTAL_SET(op)							\
	"n = n " op " excluded.n, "					\
	"takes = takes " op " excluded.takes, "				\
	"failed = failed " op " excluded.failed, "			\
	"kept = kept " op " excluded.kept, "				\
	"maybe = maybe " op " excluded.maybe, "				\
	"rejected = rejected " op " excluded.rejected, "		\
	"unreviewed = unreviewed " op " excluded.unreviewed, "		\
	"ms_generated = ms_generated " op " excluded.ms_generated, "	\
	"ms_used = ms_used " op " excluded.ms_used, "			\
	"cost = cost " op " excluded.cost;"

#define TOTAL_SHARE(R, op)						\
	"INSERT INTO take_total SELECT t.shot_id, t.prompt_id, t.backend, "\
	"t.model, t.person, t.day, count(*), " DB_STATS_AGG		\
	"FROM (SELECT " TOTAL_KEY(R) ", " TOTAL_ROW(R) ") "		\
	"AS t WHERE true ON CONFLICT (shot_id, prompt_id, backend, model, "\
	"person, day) DO UPDATE SET " TOTAL_SET(op)

/* The same for shot_total, the sums per shot only. */
#define SHOT_SHARE(R, op)						\
	"INSERT INTO shot_total SELECT t.shot_id, count(*), " DB_STATS_AGG\
	"FROM (SELECT " R ".shot_id AS shot_id, " TOTAL_ROW(R) ") AS t "\
	"WHERE true ON CONFLICT (shot_id) DO UPDATE SET " TOTAL_SET(op)

#define SHOT_PRUNE(R)							\
	"DELETE FROM shot_total WHERE shot_id = " R ".shot_id AND n = 0;"

/* Remove the row of take_total that take R left empty, if it did. */
#define TOTAL_PRUNE(R)							\
	"DELETE FROM take_total WHERE n = 0 AND (shot_id, prompt_id, "	\
	"backend, model, person, day) = (SELECT shot_id, prompt_id, "	\
	"backend, model, person, day FROM (SELECT " TOTAL_KEY(R) "));"

/*
 * Migration 4: add (op +) or take away (op -) take R's share of
 * reason_total: one for each of its reasons, or for '' when it has none,
 * when it is a ready rejected take.
 */
#define REASON_SHARE(R, op)						\
	"INSERT INTO reason_total SELECT " R ".shot_id, "		\
	"coalesce(r.reason, ''), 1 FROM (SELECT 1) LEFT JOIN take_reason r "\
	"ON r.take_id = " R ".id WHERE " R ".status = 'ready' AND "	\
	R ".verdict = 'reject' ON CONFLICT (shot_id, reason) DO UPDATE "\
	"SET n = n " op " excluded.n;"

/* Remove the rows of reason_total that take R left empty. */
#define REASON_PRUNE(R)							\
	"DELETE FROM reason_total WHERE shot_id = " R ".shot_id AND n = 0;"

/* Take TID's row for REASON, if it is a ready rejected take, by op 1. */
#define REASON_ROW(TID, REASON, op)					\
	"INSERT INTO reason_total SELECT t.shot_id, " REASON ", 1 "	\
	"FROM take t WHERE t.id = " TID " AND t.status = 'ready' AND "	\
	"t.verdict = 'reject' ON CONFLICT (shot_id, reason) DO UPDATE "	\
	"SET n = n " op " excluded.n;"

/* Remove the rows of take TID's shot left empty. */
#define REASON_PRUNE_TAKE(TID)						\
	"DELETE FROM reason_total WHERE n = 0 AND shot_id = "		\
	"(SELECT shot_id FROM take WHERE id = " TID ");"

/*
 * One reason more (op +) or fewer (op -) on take TID, if it is a ready
 * rejected take: the reason's row changes by one, and the row of
 * takes without a reason by one the other way when the take's reasons
 * went from none to one or from one to none (test: their number after
 * the change).
 */
#define REASON_ONE(TID, REASON, op, unop, test)				\
	REASON_ROW(TID, REASON, op)					\
	"INSERT INTO reason_total SELECT t.shot_id, '', 1 FROM take t "	\
	"WHERE t.id = " TID " AND t.status = 'ready' AND t.verdict = "	\
	"'reject' AND (SELECT count(*) FROM take_reason WHERE take_id = "\
	TID ") = " test " ON CONFLICT (shot_id, reason) DO UPDATE "	\
	"SET n = n " unop " excluded.n;"				\
	REASON_PRUNE_TAKE(TID)

static const char *const migrations[] = {
	/* 1: the storyboard, takes and the change log. */
	"PRAGMA application_id = 1416315492;"
	"CREATE TABLE production ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  title TEXT NOT NULL,"
	"  fps REAL NOT NULL DEFAULT 24 CHECK (fps > 0 AND fps <= 1000),"
	"  currency TEXT NOT NULL DEFAULT 'USD',"
	"  created TEXT NOT NULL"
	");"
	"CREATE TABLE scene ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  position INTEGER NOT NULL,"
	"  heading TEXT NOT NULL,"
	"  synopsis TEXT NOT NULL DEFAULT '',"
	"  notes TEXT NOT NULL DEFAULT '',"
	"  status TEXT NOT NULL DEFAULT 'planned' " STATUS_CHECK("status") ","
	"  created TEXT NOT NULL"
	");"
	"CREATE INDEX scene_position ON scene (position);"
	"CREATE TABLE shot ("
	"  id INTEGER PRIMARY KEY,"
	"  scene_id INTEGER NOT NULL REFERENCES scene (id) ON DELETE CASCADE,"
	"  code TEXT NOT NULL UNIQUE,"
	"  position INTEGER NOT NULL,"
	"  description TEXT NOT NULL DEFAULT '',"
	"  size TEXT CHECK (size IN ('ECU', 'CU', 'MCU', 'MS', 'MLS', 'WS',"
	"    'EWS')),"
	"  angle TEXT,"
	"  movement TEXT,"
	"  lens TEXT,"
	"  target_ms INTEGER CHECK (target_ms > 0),"
	"  action TEXT NOT NULL DEFAULT '',"
	"  dialogue TEXT NOT NULL DEFAULT '',"
	"  status TEXT NOT NULL DEFAULT 'planned' " STATUS_CHECK("status") ","
	"  notes TEXT NOT NULL DEFAULT '',"
	"  created TEXT NOT NULL"
	");"
	"CREATE INDEX shot_scene ON shot (scene_id, position);"
	"CREATE TABLE prompt ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  shot_id INTEGER NOT NULL REFERENCES shot (id) ON DELETE CASCADE,"
	"  label TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  model TEXT,"
	"  seconds_ms INTEGER CHECK (seconds_ms > 0),"
	"  size TEXT,"
	"  parent_id INTEGER REFERENCES prompt (id) ON DELETE SET NULL,"
	"  author TEXT NOT NULL,"
	"  created TEXT NOT NULL,"
	"  UNIQUE (shot_id, label)"
	");"
	"CREATE INDEX prompt_parent ON prompt (parent_id);"
	"CREATE TABLE take ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  shot_id INTEGER NOT NULL REFERENCES shot (id) ON DELETE CASCADE,"
	"  prompt_id INTEGER REFERENCES prompt (id) ON DELETE CASCADE,"
	"  file TEXT,"
	"  file_size INTEGER CHECK (file_size >= 0),"
	"  duration_ms INTEGER CHECK (duration_ms >= 0),"
	"  status TEXT NOT NULL DEFAULT 'ready' CHECK (status IN ('queued',"
	"    'generating', 'ready', 'failed')),"
	"  error TEXT,"
	"  job_id TEXT,"
	"  backend TEXT,"
	"  model TEXT,"
	"  cost INTEGER NOT NULL DEFAULT 0 CHECK (cost >= 0),"
	"  verdict TEXT NOT NULL DEFAULT 'unreviewed' CHECK (verdict IN"
	"    ('unreviewed', 'keep', 'maybe', 'reject')),"
	"  rating INTEGER CHECK (rating BETWEEN 1 AND 5),"
	"  in_ms INTEGER CHECK (in_ms >= 0),"
	"  out_ms INTEGER CHECK (out_ms > 0),"
	"  notes TEXT NOT NULL DEFAULT '',"
	"  created TEXT NOT NULL,"
	"  created_by TEXT NOT NULL,"
	"  verdict_by TEXT,"
	"  verdict_at TEXT,"
	"  CHECK (in_ms IS NULL OR out_ms IS NULL OR in_ms < out_ms)"
	");"
	"CREATE INDEX take_shot ON take (shot_id, verdict);"
	"CREATE INDEX take_prompt ON take (prompt_id);"
	"CREATE TABLE take_reason ("
	"  take_id INTEGER NOT NULL REFERENCES take (id) ON DELETE CASCADE,"
	"  reason TEXT NOT NULL,"
	"  PRIMARY KEY (take_id, reason)"
	") WITHOUT ROWID;"
	"CREATE INDEX take_reason_reason ON take_reason (reason);"
	"CREATE TABLE event ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  user TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  object TEXT NOT NULL,"
	"  detail TEXT NOT NULL DEFAULT ''"
	");"
	"PRAGMA user_version = 1;",

	/*
	 * 2: what a screenplay gives a scene (its section, its action
	 * text, the characters who speak in it) and the history of scene
	 * and shot statuses, for burn-down charts. Existing rows get one
	 * history entry: their current status since they were created.
	 */
	"ALTER TABLE scene ADD COLUMN section TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE scene ADD COLUMN description TEXT NOT NULL DEFAULT '';"
	"CREATE TABLE scene_character ("
	"  scene_id INTEGER NOT NULL REFERENCES scene (id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  PRIMARY KEY (scene_id, name)"
	") WITHOUT ROWID;"
	"CREATE TABLE status_change ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('scene', 'shot')),"
	"  object_id INTEGER NOT NULL,"
	"  status TEXT NOT NULL " STATUS_CHECK("status") ","
	"  at TEXT NOT NULL,"
	"  user TEXT NOT NULL"
	");"
	"CREATE INDEX status_change_object ON status_change (kind, object_id);"
	"INSERT INTO status_change (kind, object_id, status, at, user) "
	"  SELECT 'scene', id, status, created, 'takeboard' FROM scene;"
	"INSERT INTO status_change (kind, object_id, status, at, user) "
	"  SELECT 'shot', id, status, created, 'takeboard' FROM shot;"
	"PRAGMA user_version = 2;",

	/*
	 * 3: generation jobs. A job row follows one generated take from
	 * before its request is sent (state submitting, with the whole
	 * request) to its end; take.status keeps its four values and is
	 * mapped from the job's state. production_setting holds
	 * production-wide settings such as the budget cap.
	 */
	"CREATE TABLE job ("
	"  take_id INTEGER PRIMARY KEY REFERENCES take (id) ON DELETE CASCADE,"
	"  state TEXT NOT NULL CHECK (state IN ('submitting', 'queued',"
	"    'in_progress', 'downloading', 'done', 'failed',"
	"    'needs_decision', 'cancelled')),"
	"  request_json TEXT NOT NULL,"
	"  remote_id TEXT,"
	"  backend TEXT NOT NULL,"
	"  model TEXT,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_poll_at INTEGER,"
	"  last_response TEXT,"
	"  progress INTEGER,"
	"  expires_at INTEGER,"
	"  error TEXT,"
	"  retry_of INTEGER,"
	"  created TEXT NOT NULL,"
	"  updated TEXT NOT NULL"
	");"
	"CREATE INDEX job_state ON job (state);"
	"CREATE TABLE production_setting ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"
	"PRAGMA user_version = 3;",

	/*
	 * 4: maintained totals. take_total holds the statistics' sums per
	 * shot, variant, backend and model, person and day, kept current
	 * by triggers in the same transaction as every change of a take
	 * (no code path can forget them), so statistics and reports read
	 * a few rows per shot instead of scanning every take. n counts
	 * the takes of a row in any status; a row is removed at 0.
	 * shot_total holds the same sums per shot only (a row a shot:
	 * the board, and statistics by production, scene and shot, do
	 * not grow with the takes at all), and reason_total the reject
	 * reasons per shot for the report. `takeboard check` compares both with a fresh recount.
	 */
	"CREATE TABLE take_total ("
	"  shot_id INTEGER NOT NULL,"
	"  prompt_id INTEGER NOT NULL,"
	"  backend TEXT NOT NULL,"
	"  model TEXT NOT NULL,"
	"  person TEXT NOT NULL,"
	"  day TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  takes INTEGER NOT NULL,"
	"  failed INTEGER NOT NULL,"
	"  kept INTEGER NOT NULL,"
	"  maybe INTEGER NOT NULL,"
	"  rejected INTEGER NOT NULL,"
	"  unreviewed INTEGER NOT NULL,"
	"  ms_generated INTEGER NOT NULL,"
	"  ms_used INTEGER NOT NULL,"
	"  cost INTEGER NOT NULL,"
	"  PRIMARY KEY (shot_id, prompt_id, backend, model, person, day)"
	") WITHOUT ROWID;"
	"CREATE INDEX take_total_prompt ON take_total (prompt_id);"
	"INSERT INTO take_total " DB_TOTAL_RECOUNT ";"
	"CREATE TABLE shot_total ("
	"  shot_id INTEGER PRIMARY KEY,"
	"  n INTEGER NOT NULL,"
	"  takes INTEGER NOT NULL,"
	"  failed INTEGER NOT NULL,"
	"  kept INTEGER NOT NULL,"
	"  maybe INTEGER NOT NULL,"
	"  rejected INTEGER NOT NULL,"
	"  unreviewed INTEGER NOT NULL,"
	"  ms_generated INTEGER NOT NULL,"
	"  ms_used INTEGER NOT NULL,"
	"  cost INTEGER NOT NULL"
	");"
	"INSERT INTO shot_total " DB_SHOT_RECOUNT ";"
	"CREATE TRIGGER take_total_insert AFTER INSERT ON take BEGIN "
	TOTAL_SHARE("NEW", "+") SHOT_SHARE("NEW", "+") " END;"
	"CREATE TRIGGER take_total_delete AFTER DELETE ON take BEGIN "
	TOTAL_SHARE("OLD", "-") TOTAL_PRUNE("OLD")
	SHOT_SHARE("OLD", "-") SHOT_PRUNE("OLD") " END;"
	"CREATE TRIGGER take_total_update AFTER UPDATE OF shot_id, prompt_id, "
	"  backend, model, created_by, created, status, verdict, "
	"  duration_ms, in_ms, out_ms, cost ON take BEGIN "
	TOTAL_SHARE("OLD", "-") TOTAL_PRUNE("OLD") TOTAL_SHARE("NEW", "+")
	SHOT_SHARE("OLD", "-") SHOT_PRUNE("OLD") SHOT_SHARE("NEW", "+")
	" END;"
	"CREATE TABLE reason_total ("
	"  shot_id INTEGER NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (shot_id, reason)"
	") WITHOUT ROWID;"
	"INSERT INTO reason_total " DB_REASON_RECOUNT ";"
	"CREATE TRIGGER reason_total_insert AFTER INSERT ON take BEGIN "
	REASON_SHARE("NEW", "+") " END;"
	/* Before: a cascade deletes the take's reasons after the take. */
	"CREATE TRIGGER reason_total_delete BEFORE DELETE ON take BEGIN "
	REASON_SHARE("OLD", "-") REASON_PRUNE("OLD") " END;"
	"CREATE TRIGGER reason_total_update AFTER UPDATE OF shot_id, "
	"  status, verdict ON take BEGIN "
	REASON_SHARE("OLD", "-") REASON_PRUNE("OLD") REASON_SHARE("NEW", "+")
	" END;"
	"CREATE TRIGGER reason_total_add AFTER INSERT ON take_reason BEGIN "
	REASON_ONE("NEW.take_id", "NEW.reason", "+", "-", "1") " END;"
	/* A take's own deletion (cascade) finds the take gone: no-op. */
	"CREATE TRIGGER reason_total_remove AFTER DELETE ON take_reason "
	"BEGIN " REASON_ONE("OLD.take_id", "OLD.reason", "-", "+", "0")
	" END;"
	/* A renamed reason: the take's number of reasons stays. */
	"CREATE TRIGGER reason_total_rename AFTER UPDATE ON take_reason "
	"WHEN OLD.take_id = NEW.take_id BEGIN "
	REASON_ROW("OLD.take_id", "OLD.reason", "-")
	REASON_ROW("NEW.take_id", "NEW.reason", "+")
	REASON_PRUNE_TAKE("OLD.take_id") " END;"
	"CREATE TRIGGER reason_total_change AFTER UPDATE ON take_reason "
	"WHEN OLD.take_id <> NEW.take_id BEGIN "
	REASON_ONE("OLD.take_id", "OLD.reason", "-", "+", "0")
	REASON_ONE("NEW.take_id", "NEW.reason", "+", "-", "1") " END;"
	"PRAGMA user_version = 4;",
};

#define NMIGRATIONS	((int)(sizeof migrations / sizeof migrations[0]))

/* The schema version this takeboard writes. */
int
db_schema_latest(void)
{
	return NMIGRATIONS;
}

/*
 * Apply every migration newer than the file's user_version, each in its
 * own transaction. The version is re-read under the write lock, so a
 * concurrent opener that migrated first is not migrated again. Returns
 * 0, or -1 with *cause (the failed step is rolled back).
 */
int
db_schema_migrate(struct db *db, char **cause)
{
	long long	 v;
	int		 i;

	for (;;) {
		v = 0;
		if (db_scalar_ll(db, "PRAGMA user_version", 0, &v, cause) < 0)
			return -1;
		if (v >= NMIGRATIONS)
			return 0;
		if (db_begin(db, cause) != 0)
			return -1;
		if (db_scalar_ll(db, "PRAGMA user_version", 0, &v, cause) < 0)
			goto fail;
		if (v >= NMIGRATIONS) {
			db_rollback(db);
			return 0;
		}
		i = (int)v;
		if (db_exec(db, migrations[i], cause) != 0) {
			char *c = *cause;

			*cause = xasprintf("cannot upgrade %s to schema %d: %s",
			    db->path, i + 1, c);
			free(c);
			goto fail;
		}
		if (db_commit(db, cause) != 0)
			return -1;
	}
fail:
	db_rollback(db);
	return -1;
}
