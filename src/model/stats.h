/* SPDX-License-Identifier: ISC */
/*
 * The keep-ratio statistics, the product's core figures. A struct stats
 * holds exact integer sums for one group (production, scene, shot or
 * prompt variant); the ratios are derived here and nowhere else, so the
 * command line, the interface and the reports agree to the last digit.
 */
#ifndef TB_MODEL_STATS_H
#define TB_MODEL_STATS_H

#include <stdbool.h>

struct stats {
	long long	 takes;		/* ready takes: generated or added */
	long long	 failed;	/* failed generation attempts */
	long long	 kept;
	long long	 maybe;
	long long	 rejected;
	long long	 unreviewed;
	long long	 ms_generated;	/* sum of durations of takes */
	long long	 ms_used;	/* sum of kept (out - in) */
	long long	 cost;		/* micro-units, all takes */
};

void	 stats_add(struct stats *, const struct stats *);
bool	 stats_keep_rate(const struct stats *, double *);
bool	 stats_usage(const struct stats *, double *);
bool	 stats_one_in(const struct stats *, long long *);
bool	 stats_cost_per_used_second(const struct stats *, double *);
char	*stats_fmt_percent(bool, double, int);
char	*stats_fmt_one_in(const struct stats *);
char	*stats_fmt_usage(const struct stats *);
char	*stats_fmt_keep_rate(const struct stats *);
char	*stats_fmt_usage_pct(const struct stats *);
char	*stats_fmt_cost_per_used_second(const struct stats *);

#endif
