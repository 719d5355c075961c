/* SPDX-License-Identifier: ISC */
/*
 * The keep-ratio statistics from the database, grouped by production,
 * scene, shot or prompt variant, in storyboard order, or by backend and
 * model. The sums are
 * computed by SQLite; the ratios by model/stats.c.
 */
#ifndef TB_DB_DB_STATS_H
#define TB_DB_DB_STATS_H

#include "util/array.h"
#include "model/stats.h"

struct db;

enum stats_by {
	STATS_BY_PRODUCTION,
	STATS_BY_SCENE,
	STATS_BY_SHOT,
	STATS_BY_PROMPT,
	STATS_BY_BACKEND,
	STATS_BY_MODEL
};

struct stats_row {
	char		*scene;		/* code; NULL for by production */
	char		*heading;
	char		*shot;		/* code; by shot and by prompt */
	long long	 prompt_id;	/* by prompt; 0 for takes without one */
	char		*label;
	char		*backend;	/* by backend and model; NULL: none */
	char		*model;		/* by model; NULL: none recorded */
	struct stats	 s;
};
ARRAY_DECL(stats_rows, struct stats_row);

/* Restrict the statistics to one scene or one shot (0: all). */
struct stats_filter {
	long long	 scene_id;
	long long	 shot_id;
};

/* Takes generated and kept on one day (UTC, "YYYY-MM-DD"). */
struct stats_day {
	char		 day[11];
	long long	 takes;
	long long	 kept;
};
ARRAY_DECL(stats_days, struct stats_day);

const char *stats_by_name(enum stats_by);
int	 stats_by_parse(const char *, enum stats_by *, char **);
int	 db_stats(struct db *, enum stats_by, const struct stats_filter *,
	     struct stats_rows *, struct stats *, char **);
void	 stats_rows_free(struct stats_rows *);
int	 db_stats_days(struct db *, struct stats_days *, char **);

#endif
