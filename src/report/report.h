/* SPDX-License-Identifier: ISC */
/*
 * The producer's report: everything `takeboard report` says about a
 * production, gathered once from the database into a struct report
 * (summary, scenes, shots, variants, reasons, people, backends, days,
 * burn-down) and then written in one of five formats. The figures are
 * struct stats sums, so they agree with `takeboard stats` exactly.
 */
#ifndef TB_REPORT_REPORT_H
#define TB_REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/board.h"
#include "model/stats.h"
#include "db/db-report.h"

struct buf;
struct db;

#define REPORT_BUDGET_TOP	10	/* shots in the budget table */
#define REPORT_WEEKLY_AFTER	31	/* days; longer spans go by week */
#define REPORT_MAX_DAYS		3660	/* a longer period is cut to its data */

enum report_format {
	REPORT_TXT,
	REPORT_MD,
	REPORT_CSV,
	REPORT_JSON,
	REPORT_HTML
};

struct report_day {
	long long	 day;		/* days since 1970-01-01 */
	char		 date[11];	/* YYYY-MM-DD */
	struct stats	 s;		/* takes made that day */
	long long	 open;		/* shots not yet approved at its end */
};

struct report_week {
	char		 label[16];	/* ISO week, 2026-W41 */
	size_t		 first;		/* index of its first day in days */
	size_t		 ndays;		/* its days within the period */
	struct stats	 s;
	long long	 open;		/* at its last day */
};

ARRAY_DECL(report_days, struct report_day);
ARRAY_DECL(report_weeks, struct report_week);

struct report {
	char			*title;
	char			*currency;
	char			*generated;	/* ISO 8601, UTC */

	/* The filter as given (owned copies); f points into them. */
	char			*scene;		/* code */
	char			*since;
	char			*until;
	char			*backend;
	char			*person;
	long long		 since_day;	/* when since is set */
	long long		 until_day;	/* when until is set */
	struct report_filter	 f;

	struct report_scenes	 scenes;
	struct report_shots	 shots;
	struct report_variants	 variants;
	struct report_groups	 people;	/* by cost, then takes */
	struct report_groups	 backends;
	struct report_reasons	 reasons;	/* whole production, by count */
	struct report_reasons	 scene_reasons;	/* by scene, then count */

	struct stats		 total;
	long long		 scenes_by_status[STATUS_COUNT];
	long long		 shots_by_status[STATUS_COUNT];
	long long		 shots_kept;	/* shots with a kept take */
	size_t			*budget;	/* shot indices, worst first */
	size_t			 nbudget;
	long long		*best;		/* per shot: a variant or -1 */

	/* Over time: every day of the period, and its ISO weeks. */
	struct report_days	 days;
	struct report_weeks	 weeks;
	bool			 weekly;	/* longer than 31 days */

	/* With --since: the period, the one before it and its figures. */
	bool			 has_prev;
	char			 period_first[11];
	char			 period_last[11];
	char			 prev_first[11];
	char			 prev_last[11];
	struct stats		 prev;
};

/* How to write a report. */
struct report_out {
	enum report_format	 format;
	bool			 color;		/* txt: SGR colours */
	const char		*table;		/* only this table, or NULL */
};

int	 report_gather(struct db *, const struct report_filter *,
	     struct report *, char **);
void	 report_free(struct report *);
int	 report_render(const struct report *, const struct report_out *,
	     struct buf *, char **);

int	 report_format_parse(const char *, enum report_format *, char **);
int	 report_format_from_path(const char *, enum report_format *);
const char *report_format_name(enum report_format);

int	 report_day_parse(const char *, long long *);
void	 report_day_format(long long, char [11]);
bool	 report_spend(const struct report *, bool *, double *, size_t *,
	     long long *);
bool	 report_share(long long, long long, double *);

#endif
