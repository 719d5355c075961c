/* SPDX-License-Identifier: ISC */
/*
 * Internals shared by the src/db/ modules only: the definition of struct
 * db and small helpers around sqlite3 statements. Never included from
 * outside src/db/.
 */
#ifndef TB_DB_DB_PRIV_H
#define TB_DB_DB_PRIV_H

#include <sqlite3.h>

#include "util/xmalloc.h"

/*
 * The statistics' sums over takes t, in the order of struct stats:
 * takes, failed, kept, maybe, rejected, unreviewed, ms generated, ms
 * used, cost. One definition for `stats` and `report`, so they agree.
 */
#define DB_STATS_AGG							\
	"coalesce(sum(t.status = 'ready'), 0), "			\
	"coalesce(sum(t.status = 'failed'), 0), "			\
	"coalesce(sum(t.status = 'ready' AND t.verdict = 'keep'), 0), "	\
	"coalesce(sum(t.status = 'ready' AND t.verdict = 'maybe'), 0), "\
	"coalesce(sum(t.status = 'ready' AND t.verdict = 'reject'), 0), "\
	"coalesce(sum(t.status = 'ready' AND t.verdict = 'unreviewed'), 0), "\
	"coalesce(sum(CASE WHEN t.status = 'ready' THEN "		\
	"  coalesce(t.duration_ms, 0) END), 0), "			\
	"coalesce(sum(CASE WHEN t.status = 'ready' AND t.verdict = 'keep' "\
	"  THEN max(0, min(coalesce(t.out_ms, t.duration_ms, 0), "	\
	"  coalesce(t.duration_ms, 0)) - coalesce(t.in_ms, 0)) END), 0), "\
	"coalesce(sum(t.cost), 0) "

/*
 * The maintained totals (table take_total, migration 4): the same sums
 * kept per shot, variant (0: none), backend and model ('' when not
 * recorded), person and day of creation, by triggers on take, so that
 * every grouping and filter of `stats` and `report` except the reject
 * reasons reads a few rows per shot instead of every take.
 * DB_TOTAL_AGG adds the rows x of take_total up, in DB_STATS_AGG's
 * order. DB_TOTAL_RECOUNT computes take_total afresh from take, for the
 * migration's backfill and for `takeboard check`.
 */
#define DB_TOTAL_AGG							\
	"coalesce(sum(x.takes), 0), coalesce(sum(x.failed), 0), "	\
	"coalesce(sum(x.kept), 0), coalesce(sum(x.maybe), 0), "		\
	"coalesce(sum(x.rejected), 0), coalesce(sum(x.unreviewed), 0), "\
	"coalesce(sum(x.ms_generated), 0), coalesce(sum(x.ms_used), 0), "\
	"coalesce(sum(x.cost), 0) "

/* The same sums read from one row x of shot_total (a LEFT JOIN that
 * found none gives 0s), where a shot's totals need no grouping. */
#define DB_TOTAL_ROW							\
	"coalesce(x.takes, 0), coalesce(x.failed, 0), "			\
	"coalesce(x.kept, 0), coalesce(x.maybe, 0), "			\
	"coalesce(x.rejected, 0), coalesce(x.unreviewed, 0), "		\
	"coalesce(x.ms_generated, 0), coalesce(x.ms_used, 0), "		\
	"coalesce(x.cost, 0) "

#define DB_TOTAL_RECOUNT						\
	"SELECT t.shot_id, coalesce(t.prompt_id, 0), "			\
	"coalesce(t.backend, ''), coalesce(t.model, ''), t.created_by, "\
	"substr(t.created, 1, 10), count(*), " DB_STATS_AGG		\
	"FROM take t GROUP BY 1, 2, 3, 4, 5, 6"

/* shot_total (migration 4): the same sums per shot only. */
#define DB_SHOT_RECOUNT							\
	"SELECT t.shot_id, count(*), " DB_STATS_AGG			\
	"FROM take t GROUP BY 1"

/*
 * reason_total (migration 4): per shot and reject reason, the number of
 * ready rejected takes carrying that reason; reason '' counts those
 * rejected without one. A take with two reasons counts once for each.
 * DB_REASON_RECOUNT computes it afresh from the takes.
 */
#define DB_REASON_RECOUNT						\
	"SELECT t.shot_id, coalesce(r.reason, ''), count(*) "		\
	"FROM take t LEFT JOIN take_reason r ON r.take_id = t.id "	\
	"WHERE t.status = 'ready' AND t.verdict = 'reject' "		\
	"GROUP BY 1, 2"

/*
 * The statement cache: statements of the hot paths (one row read or
 * written per call, called once per row of an import) are compiled once
 * per connection and reused. An entry is busy from db_stmt to
 * db_release; a statement asked for while its entry is busy is
 * prepared afresh and finalized on release.
 */
#define DB_CACHE_SIZE	32

struct db_cached {
	char		*sql;		/* the key: the statement's text */
	sqlite3_stmt	*st;
	int		 busy;
};

struct db {
	sqlite3		*h;
	char		*path;		/* absolute path of the file */
	char		*dir;		/* the production folder */
	int		 in_tx;
	struct db_cached cache[DB_CACHE_SIZE];
	size_t		 cache_next;	/* the next entry to evict */
};

sqlite3_stmt *db_prepare(struct db *, const char *, char **);
sqlite3_stmt *db_stmt(struct db *, const char *, char **);
void	 db_release(struct db *, sqlite3_stmt *);
int	 db_fail(struct db *, char **, const char *, ...) TB_PRINTF(3, 4);
int	 db_step_done(struct db *, sqlite3_stmt *, char **, const char *);
int	 db_exec(struct db *, const char *, char **);
char	*db_col_text(sqlite3_stmt *, int);
char	*db_col_text_empty(sqlite3_stmt *, int);
long long db_col_ll(sqlite3_stmt *, int);
void	 db_bind_text(sqlite3_stmt *, int, const char *);
void	 db_bind_ll(sqlite3_stmt *, int, long long);
int	 db_scalar_ll(struct db *, const char *, long long, long long *,
	     char **);

#endif
