/* SPDX-License-Identifier: ISC */
/*
 * The queries behind the producer's report: the storyboard with the
 * statistics of a filtered set of takes (by scene, day, backend and
 * person), per shot, per variant, per person, per backend and model,
 * per day, the reject reasons and the history of shot statuses. The
 * sums are SQLite's, with the definitions of db-stats.c; report/ adds
 * them up and derives the ratios through model/stats.c.
 */
#ifndef TB_DB_DB_REPORT_H
#define TB_DB_DB_REPORT_H

#include "util/array.h"
#include "model/board.h"
#include "model/stats.h"

struct db;

/* Which takes a report counts; NULL or 0 fields match every take. The
 * strings are borrowed. Days are YYYY-MM-DD (UTC) and inclusive. */
struct report_filter {
	long long	 scene_id;
	const char	*since;
	const char	*until;
	const char	*backend;	/* take.backend */
	const char	*person;	/* take.created_by */
};

struct report_scene {
	long long	 id;
	char		*code;
	char		*heading;
	enum status	 status;
	long long	 shots;		/* filled in by report/ */
	long long	 shots_kept;	/* shots with a kept take; report/ */
	struct stats	 s;		/* filled in by report/ */
};

struct report_shot {
	long long	 id;
	long long	 scene_id;
	size_t		 scene;		/* index of its scene; report/ */
	char		*code;
	char		*description;
	enum status	 status;
	char		*created;
	long long	 variants;
	struct stats	 s;
};

struct report_variant {
	long long	 id;		/* 0: the takes with no variant */
	long long	 shot_id;
	size_t		 shot;		/* index of its shot; report/ */
	char		*label;		/* NULL when id is 0 */
	char		*text;
	char		*model;
	struct stats	 s;
};

/* A person, or a backend and model; NULL names were not recorded. */
struct report_group {
	char		*name;
	char		*model;
	struct stats	 s;
};

/* Rejected takes carrying a reason (NULL: rejected without one). */
struct report_reason {
	long long	 scene_id;	/* 0 for the whole production */
	char		*reason;
	long long	 takes;
};

struct report_daysum {
	char		*day;		/* YYYY-MM-DD */
	struct stats	 s;
};

/* A status a shot entered, and when. */
struct report_change {
	long long	 shot_id;
	enum status	 status;
	char		*at;
};

ARRAY_DECL(report_scenes, struct report_scene);
ARRAY_DECL(report_shots, struct report_shot);
ARRAY_DECL(report_variants, struct report_variant);
ARRAY_DECL(report_groups, struct report_group);
ARRAY_DECL(report_reasons, struct report_reason);
ARRAY_DECL(report_daysums, struct report_daysum);
ARRAY_DECL(report_changes, struct report_change);

enum report_by {
	REPORT_BY_PERSON,
	REPORT_BY_BACKEND
};

int	 db_report_snapshot(struct db *, int *, char **);
void	 db_report_snapshot_end(struct db *, int);
int	 db_report_scenes(struct db *, const struct report_filter *,
	     struct report_scenes *, char **);
int	 db_report_shots(struct db *, const struct report_filter *,
	     struct report_shots *, char **);
int	 db_report_sums(struct db *, const struct report_filter *,
	     struct report_variants *, struct report_groups *,
	     struct report_groups *, struct report_daysums *, char **);
int	 db_report_reasons(struct db *, const struct report_filter *,
	     struct report_reasons *, char **);
int	 db_report_changes(struct db *, const struct report_filter *,
	     struct report_changes *, char **);
int	 db_report_total(struct db *, const struct report_filter *,
	     struct stats *, char **);
int	 db_report_names(struct db *, enum report_by, struct str_list *,
	     char **);

void	 report_scenes_free(struct report_scenes *);
void	 report_shots_free(struct report_shots *);
void	 report_variants_free(struct report_variants *);
void	 report_groups_free(struct report_groups *);
void	 report_reasons_free(struct report_reasons *);
void	 report_daysums_free(struct report_daysums *);
void	 report_changes_free(struct report_changes *);

#endif
