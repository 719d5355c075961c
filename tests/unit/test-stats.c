/* SPDX-License-Identifier: ISC */
/* Unit tests for model/stats.c: ratios, empty groups and formatting. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/stats.h"
#include "tap.h"

#define DASH	"\xe2\x80\x93"

static void
fmt_is(char *got, const char *want, const char *what)
{
	is_str(got, want, "%s", what);
	free(got);
}

int
main(void)
{
	struct stats	 s, t;
	double		 v = -1;
	long long	 n = -1;

	memset(&s, 0, sizeof s);
	ok(!stats_keep_rate(&s, &v), "no keep rate without takes");
	ok(!stats_usage(&s, &v), "no usage without seconds");
	ok(!stats_one_in(&s, &n), "no 1-in-N without use");
	ok(!stats_cost_per_used_second(&s, &v), "no cost per second");
	fmt_is(stats_fmt_keep_rate(&s), DASH, "empty keep rate is a dash");
	fmt_is(stats_fmt_usage_pct(&s), DASH, "empty usage is a dash");
	fmt_is(stats_fmt_one_in(&s), DASH, "empty 1-in-N is a dash");
	fmt_is(stats_fmt_usage(&s), DASH, "empty headline is a dash");
	fmt_is(stats_fmt_cost_per_used_second(&s), DASH,
	    "empty cost per second is a dash");

	/* The short film: 300 s generated per second used. */
	s.takes = 300;
	s.kept = 1;
	s.rejected = 299;
	s.ms_generated = 300000;
	s.ms_used = 1000;
	s.cost = 30000000;
	ok(stats_keep_rate(&s, &v), "keep rate exists");
	is_double(v, 1.0 / 300, 1e-12, "keep rate 1/300");
	ok(stats_usage(&s, &v), "usage exists");
	is_double(v, 1.0 / 300, 1e-12, "usage 1/300");
	fmt_is(stats_fmt_usage_pct(&s), "0.33%", "usage shown as 0.33%");
	ok(stats_one_in(&s, &n) && n == 300, "1 in 300");
	fmt_is(stats_fmt_usage(&s), "0.33% \xc2\xb7 1 in 300",
	    "headline usage");
	fmt_is(stats_fmt_keep_rate(&s), "0.3%", "keep rate, one decimal");
	ok(stats_cost_per_used_second(&s, &v), "cost per used second");
	is_double(v, 30.0, 1e-9, "30 per used second");
	fmt_is(stats_fmt_cost_per_used_second(&s), "30.00", "formatted");

	/* Generated but nothing used: usage 0, no 1-in-N. */
	s.ms_used = 0;
	s.kept = 0;
	ok(stats_usage(&s, &v) && v == 0, "usage 0 when nothing is used");
	fmt_is(stats_fmt_usage(&s), "0.00%", "headline without 1-in-N");
	ok(!stats_one_in(&s, &n), "no 1-in-N when nothing is used");

	/* Rounding of 1-in-N: 2.5 rounds up, never below 1. */
	s.ms_generated = 5000;
	s.ms_used = 2000;
	ok(stats_one_in(&s, &n) && n == 3, "1 in 2.5 is 1 in 3");
	s.ms_used = 5000;
	ok(stats_one_in(&s, &n) && n == 1, "all used is 1 in 1");

	memset(&t, 0, sizeof t);
	stats_add(&t, &s);
	stats_add(&t, &s);
	ok(t.takes == 600 && t.ms_generated == 10000 && t.cost == 60000000 &&
	    t.rejected == 598, "stats_add sums every field");
	fmt_is(stats_fmt_percent(true, 0.123456, 2), "12.35%",
	    "stats_fmt_percent rounds");
	return done_testing();
}
