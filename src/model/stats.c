/* SPDX-License-Identifier: ISC */
/*
 * Ratios over a group's sums. A ratio over an empty group has no value
 * (the functions return false), which tables show as "–" and JSON as
 * null: never a division by zero.
 */
#include "config.h"

#include "model/stats.h"

#include <math.h>
#include <stdio.h>

#include "util/xmalloc.h"

#define STATS_NONE	"\xe2\x80\x93"	/* U+2013 EN DASH */

/* Add b's sums into a. */
void
stats_add(struct stats *a, const struct stats *b)
{
	a->takes += b->takes;
	a->failed += b->failed;
	a->kept += b->kept;
	a->maybe += b->maybe;
	a->rejected += b->rejected;
	a->unreviewed += b->unreviewed;
	a->ms_generated += b->ms_generated;
	a->ms_used += b->ms_used;
	a->cost += b->cost;
}

/* kept / takes; false when there are no takes. */
bool
stats_keep_rate(const struct stats *s, double *out)
{
	if (s->takes <= 0)
		return false;
	*out = (double)s->kept / (double)s->takes;
	return true;
}

/* seconds used / seconds generated; false when nothing was generated. */
bool
stats_usage(const struct stats *s, double *out)
{
	if (s->ms_generated <= 0)
		return false;
	*out = (double)s->ms_used / (double)s->ms_generated;
	return true;
}

/* "1 in N": N = generated / used rounded to the nearest whole number
 * (at least 1); false when nothing is used. */
bool
stats_one_in(const struct stats *s, long long *out)
{
	double	 n;

	if (s->ms_used <= 0 || s->ms_generated <= 0)
		return false;
	n = floor((double)s->ms_generated / (double)s->ms_used + 0.5);
	*out = n < 1 ? 1 : (long long)n;
	return true;
}

/* Cost per second used, in currency units; false when nothing is used. */
bool
stats_cost_per_used_second(const struct stats *s, double *out)
{
	if (s->ms_used <= 0)
		return false;
	*out = ((double)s->cost / 1e6) / ((double)s->ms_used / 1e3);
	return true;
}

/* A ratio as a percentage with `places` decimals ("0.33%"), or "–". */
char *
stats_fmt_percent(bool has, double ratio, int places)
{
	if (!has)
		return xstrdup(STATS_NONE);
	return xasprintf("%.*f%%", places, ratio * 100.0);
}

/* "1 in N", or "–". */
char *
stats_fmt_one_in(const struct stats *s)
{
	long long	 n;

	if (!stats_one_in(s, &n))
		return xstrdup(STATS_NONE);
	return xasprintf("1 in %lld", n);
}

/* Usage as "0.33% · 1 in 300", the headline form; caller frees. */
char *
stats_fmt_usage(const struct stats *s)
{
	double		 u;
	long long	 n;

	if (!stats_usage(s, &u))
		return xstrdup(STATS_NONE);
	if (!stats_one_in(s, &n))
		return xasprintf("%.2f%%", u * 100.0);
	return xasprintf("%.2f%% \xc2\xb7 1 in %lld", u * 100.0, n);
}

/* The keep rate as "12.5%" (one decimal), or "–". */
char *
stats_fmt_keep_rate(const struct stats *s)
{
	double	 v = 0;
	bool	 has;

	has = stats_keep_rate(s, &v);
	return stats_fmt_percent(has, v, 1);
}

/* Usage as "0.33%" (two decimals), or "–". */
char *
stats_fmt_usage_pct(const struct stats *s)
{
	double	 v = 0;
	bool	 has;

	has = stats_usage(s, &v);
	return stats_fmt_percent(has, v, 2);
}

/* Cost per used second with two decimals, or "–". */
char *
stats_fmt_cost_per_used_second(const struct stats *s)
{
	double	 v = 0;

	if (!stats_cost_per_used_second(s, &v))
		return xstrdup(STATS_NONE);
	return xasprintf("%.2f", v);
}
