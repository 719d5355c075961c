/* SPDX-License-Identifier: ISC */
/*
 * Building the report document: what the report says, in which order,
 * with every figure formatted by model/stats.c and model/units.c (the
 * formatters of `takeboard stats`), so a table here and a stats table
 * print the same digits. CSV cells carry the same numbers without their
 * units ("0.30" for 0.30%, empty for no value).
 */
#include "config.h"

#include "report/report-doc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/stats.h"
#include "model/units.h"
#include "report/report.h"

#define RDOC_NONE	"\xe2\x80\x93"	/* U+2013, as `takeboard stats` */
#define RDOC_TIMES	"\xc3\xb7"	/* U+00F7 DIVISION SIGN */
#define RDOC_TOP_REASONS 4		/* per scene, in txt, md and html */

/* The statistics columns, in the order of `takeboard stats`. */
#define RS_TAKES	0x0001
#define RS_FAILED	0x0002
#define RS_KEPT		0x0004
#define RS_MAYBE	0x0008
#define RS_REJECTED	0x0010
#define RS_UNREVIEWED	0x0020
#define RS_KEEP		0x0040
#define RS_GEN		0x0080
#define RS_USED		0x0100
#define RS_USAGE	0x0200
#define RS_ONE_IN	0x0400
#define RS_COST		0x0800
#define RS_CPS		0x1000
#define RS_ALL		0x1fff

static const struct {
	const char	*title;
	const char	*csv;
	int		 drop;
	int		 which;
} rdoc_stats_cols[] = {
	{ "TAKES", "takes", 0, RS_TAKES },
	{ "FAIL", "failed", 5, RS_FAILED },
	{ "KEPT", "kept", 0, RS_KEPT },
	{ NULL, "maybe", 0, RS_MAYBE },
	{ NULL, "rejected", 0, RS_REJECTED },
	{ NULL, "unreviewed", 0, RS_UNREVIEWED },
	{ "KEEP%", "keep_rate_pct", 2, RS_KEEP },
	{ "GEN-S", "seconds_generated", 3, RS_GEN },
	{ "USED-S", "seconds_used", 3, RS_USED },
	{ "USAGE", "usage_pct", 0, RS_USAGE },
	{ "1-IN", "one_in", 4, RS_ONE_IN },
	{ "COST", "cost", 0, RS_COST },
	{ "COST/S", "cost_per_used_second", 2, RS_CPS },
};
#define RDOC_NSTATS	(sizeof rdoc_stats_cols / sizeof rdoc_stats_cols[0])

/* ------------------------------------------------------------ building */

static struct rdoc_block *
rdoc_block(struct rdoc *d, enum rdoc_kind kind)
{
	struct rdoc_block	*b;

	b = ARRAY_ADD(&d->blocks);
	b->kind = kind;
	return b;
}

static void
rdoc_section(struct rdoc *d, const char *id, const char *title)
{
	struct rdoc_block	*b;

	b = rdoc_block(d, RDOC_SECTION);
	b->id = id;
	b->text = xstrdup(title);
}

/* A paragraph; takes ownership of text. */
static void
rdoc_para(struct rdoc *d, char *text)
{
	rdoc_block(d, RDOC_PARA)->text = text;
}

static struct rdoc_table *
rdoc_table(struct rdoc *d, const char *name, const char *title, int in)
{
	struct rdoc_table	*t;

	t = xcalloc(1, sizeof *t);
	t->name = name;
	t->title = xstrdup(title);
	t->in = in;
	rdoc_block(d, RDOC_TABLE)->table = t;
	return t;
}

static void
rdoc_col(struct rdoc_table *t, const char *title, const char *csv, int flags,
    int drop)
{
	struct rdoc_col	*c;

	c = ARRAY_ADD(&t->cols);
	c->title = title != NULL ? xstrdup(title) : NULL;
	c->csv = csv != NULL ? xstrdup(csv) : NULL;
	c->flags = flags;
	c->drop = drop;
}

/* Add the next cell; takes ownership of text and csv (may be NULL). */
static struct rdoc_cell *
rdoc_put(struct rdoc_table *t, char *text, char *csv)
{
	struct rdoc_cell	*c;

	c = ARRAY_ADD(&t->cells);
	c->text = text != NULL ? text : xstrdup("");
	c->csv = csv;
	return c;
}

/* A cell holding a copy of s (NULL: empty). */
static void
rdoc_str(struct rdoc_table *t, const char *s)
{
	rdoc_put(t, xstrdup(s != NULL ? s : ""), NULL);
}

static void
rdoc_ll(struct rdoc_table *t, long long v)
{
	rdoc_put(t, xasprintf("%lld", v), NULL);
}

/* A ratio as a percentage with `places` decimals: "0.30%" or "–" shown,
 * "0.30" or "" in CSV. */
static void
rdoc_pct(struct rdoc_table *t, bool has, double v, int places)
{
	rdoc_put(t, stats_fmt_percent(has, v, places),
	    has ? xasprintf("%.*f", places, v * 100.0) : xstrdup(""));
}

/* A share as a percentage with one decimal, and its bar. */
static void
rdoc_share(struct rdoc_table *t, long long part, long long whole)
{
	double	 v = 0;
	bool	 has;

	has = report_share(part, whole, &v);
	rdoc_pct(t, has, v, 1);
	rdoc_put(t, NULL, NULL)->bar = has ? v : 0;
}

/* An amount with the production's currency after it ("6.30 EUR"). */
static char *
rdoc_amount(const struct report *r, const char *amount)
{
	if (*r->currency == '\0')
		return xstrdup(amount);
	return xasprintf("%s %s", amount, r->currency);
}

/* Signed micro-units as money with two decimals, rounded half away from
 * zero ("-1.50"). */
static char *
rdoc_money_signed(long long micros)
{
	char	*m, *s;

	if (micros >= 0)
		return units_fmt_money(micros);
	m = units_fmt_money(-micros);
	s = strcmp(m, "0.00") == 0 ? xstrdup(m) : xasprintf("-%s", m);
	free(m);
	return s;
}

/* Change how readily txt leaves out the column with CSV name csv. */
static void
rdoc_drop(struct rdoc_table *t, const char *csv, int drop)
{
	size_t	 j;

	for (j = 0; j < t->cols.n; j++) {
		if (t->cols.v[j].csv != NULL &&
		    strcmp(t->cols.v[j].csv, csv) == 0)
			t->cols.v[j].drop = drop;
	}
}

static void
rdoc_stats_head(struct rdoc_table *t, int which)
{
	size_t	 i;

	for (i = 0; i < RDOC_NSTATS; i++) {
		if (rdoc_stats_cols[i].which & which)
			rdoc_col(t, rdoc_stats_cols[i].title,
			    rdoc_stats_cols[i].csv, RDOC_RIGHT,
			    rdoc_stats_cols[i].drop);
	}
}

/* The cells of the statistics columns in `which`. */
static void
rdoc_stats_row(struct rdoc_table *t, const struct stats *s, int which)
{
	long long	 n;
	double		 v = 0;
	bool		 has;
	char		*f;

	if (which & RS_TAKES)
		rdoc_ll(t, s->takes);
	if (which & RS_FAILED)
		rdoc_ll(t, s->failed);
	if (which & RS_KEPT)
		rdoc_ll(t, s->kept);
	if (which & RS_MAYBE)
		rdoc_ll(t, s->maybe);
	if (which & RS_REJECTED)
		rdoc_ll(t, s->rejected);
	if (which & RS_UNREVIEWED)
		rdoc_ll(t, s->unreviewed);
	if (which & RS_KEEP) {
		has = stats_keep_rate(s, &v);
		rdoc_pct(t, has, v, 1);
	}
	if (which & RS_GEN)
		rdoc_put(t, units_fmt_seconds(s->ms_generated), NULL);
	if (which & RS_USED)
		rdoc_put(t, units_fmt_seconds(s->ms_used), NULL);
	if (which & RS_USAGE) {
		has = stats_usage(s, &v);
		rdoc_pct(t, has, v, 2);
	}
	if (which & RS_ONE_IN) {
		has = stats_one_in(s, &n);
		rdoc_put(t, stats_fmt_one_in(s), has ? xasprintf("%lld", n) :
		    xstrdup(""));
	}
	if (which & RS_COST)
		rdoc_put(t, units_fmt_money(s->cost), NULL);
	if (which & RS_CPS) {
		f = stats_fmt_cost_per_used_second(s);
		rdoc_put(t, f, stats_cost_per_used_second(s, &v) ?
		    xstrdup(f) : xstrdup(""));
	}
}

/* A figure; takes ownership of value and note (may be NULL). */
static void
rdoc_figure(struct rdoc_block *b, const char *label, char *value, char *note)
{
	struct rdoc_figure	*f;

	f = ARRAY_ADD(&b->figures);
	f->label = xstrdup(label);
	f->value = value;
	f->note = note;
}

static struct rdoc_chart *
rdoc_chart(struct rdoc *d, enum rdoc_chart_kind kind, const char *name,
    const char *title, size_t n)
{
	struct rdoc_chart	*c;

	c = xcalloc(1, sizeof *c);
	c->kind = kind;
	c->name = name;
	c->title = xstrdup(title);
	c->n = n;
	c->labels = xcalloc(n + 1, sizeof *c->labels);
	c->labels2 = xcalloc(n + 1, sizeof *c->labels2);
	c->values = xcalloc(n + 1, sizeof *c->values);
	rdoc_block(d, RDOC_CHART)->chart = c;
	return c;
}

static struct rdoc_series *
rdoc_series(struct rdoc_chart *c, const char *name, bool last)
{
	struct rdoc_series	*s;

	s = &c->series[c->nseries++];
	s->name = xstrdup(name);
	s->v = xcalloc(c->n + 1, sizeof *s->v);
	s->last = last;
	return s;
}

/* "1A/v2", or "1A/-" for a shot's takes without a variant. */
static char *
rdoc_variant_name(const struct report *r, const struct report_variant *v)
{
	return xasprintf("%s/%s", r->shots.v[v->shot].code,
	    v->label != NULL ? v->label : "-");
}

/* ------------------------------------------------------------ sections */

static char *
rdoc_filters(const struct report *r)
{
	struct buf	 b;

	buf_init(&b);
	if (r->scene != NULL)
		buf_addf(&b, "scene %s (%s)", r->scene,
		    r->scenes.n > 0 ? r->scenes.v[0].heading : "");
	if (r->since != NULL || r->until != NULL) {
		buf_adds(&b, b.len > 0 ? "; " : "");
		if (r->since != NULL && r->until != NULL)
			buf_addf(&b, "takes made from %s to %s", r->since,
			    r->until);
		else if (r->since != NULL)
			buf_addf(&b, "takes made from %s", r->since);
		else
			buf_addf(&b, "takes made until %s", r->until);
	}
	if (r->backend != NULL)
		buf_addf(&b, "%sbackend %s", b.len > 0 ? "; " : "",
		    r->backend);
	if (r->person != NULL)
		buf_addf(&b, "%stakes made by %s", b.len > 0 ? "; " : "",
		    r->person);
	return buf_detach(&b);
}

static void
rdoc_head(struct rdoc *d, const struct report *r)
{
	char	*f, *g;

	d->title = xstrdup(*r->title != '\0' ? r->title : "Untitled");
	f = xasprintf("Generated %s", r->generated);
	str_list_add(&d->meta, f);
	free(f);
	if (r->days.n > 0) {
		f = xasprintf("Period: %s to %s (%zu day%s)",
		    r->days.v[0].date, r->days.v[r->days.n - 1].date,
		    r->days.n, r->days.n == 1 ? "" : "s");
		str_list_add(&d->meta, f);
		free(f);
	} else
		str_list_add(&d->meta, "Period: no takes yet");
	f = rdoc_filters(r);
	if (*f != '\0') {
		g = xasprintf("Only %s", f);
		str_list_add(&d->meta, g);
		free(g);
	} else
		str_list_add(&d->meta, "All takes of the production");
	free(f);
}

static void
rdoc_summary(struct rdoc *d, const struct report *r)
{
	struct rdoc_block	*b;
	struct rdoc_table	*t;
	const struct stats	*s = &r->total;
	double			 v = 0;
	long long		 peak_cost, n;
	size_t			 peak;
	bool			 has, weekly;
	char			*a, *c;
	int			 i;

	rdoc_section(d, "summary", "Summary");
	b = rdoc_block(d, RDOC_FIGURES);
	rdoc_figure(b, "Scenes", xasprintf("%zu", r->scenes.n), NULL);
	rdoc_figure(b, "Shots", xasprintf("%zu", r->shots.n), NULL);
	rdoc_figure(b, "Shots with a kept take",
	    xasprintf("%lld", r->shots_kept), xasprintf("of %zu",
	    r->shots.n));
	rdoc_figure(b, "Takes generated", xasprintf("%lld", s->takes),
	    xasprintf("and %lld failed attempt%s", s->failed,
	    s->failed == 1 ? "" : "s"));
	a = stats_fmt_keep_rate(s);
	rdoc_figure(b, "Kept", xasprintf("%lld", s->kept), s->takes > 0 ?
	    xasprintf("%s of the takes", a) : NULL);
	free(a);
	rdoc_figure(b, "Seconds generated", units_fmt_seconds(s->ms_generated),
	    NULL);
	rdoc_figure(b, "Seconds used", units_fmt_seconds(s->ms_used), NULL);
	has = stats_usage(s, &v);
	rdoc_figure(b, "Usage", stats_fmt_percent(has, v, 2),
	    stats_one_in(s, &n) ? xasprintf("1 in %lld: seconds used "
	    RDOC_TIMES " generated", n) : xstrdup("seconds used "
	    RDOC_TIMES " generated"));
	a = units_fmt_money(s->cost);
	rdoc_figure(b, "Cost", rdoc_amount(r, a),
	    xstrdup("failed attempts included"));
	free(a);
	a = stats_fmt_cost_per_used_second(s);
	rdoc_figure(b, "Cost per used second", stats_cost_per_used_second(s,
	    &v) ? rdoc_amount(r, a) : xstrdup(a), NULL);
	free(a);
	if (report_spend(r, &weekly, &v, &peak, &peak_cost)) {
		a = xasprintf("%.2f", v);
		c = units_fmt_money(peak_cost);
		rdoc_figure(b, weekly ? "Spend per week" : "Spend per day",
		    rdoc_amount(r, a), weekly ?
		    xasprintf("over %zu days; most in %s: %s", r->days.n,
		    r->weeks.v[peak].label, c) :
		    xasprintf("over %zu day%s; most on %s: %s", r->days.n,
		    r->days.n == 1 ? "" : "s", r->days.v[peak].date, c));
		free(a);
		free(c);
	} else
		rdoc_figure(b, "Spend per day", xstrdup(RDOC_NONE), NULL);

	t = rdoc_table(d, "status", "Scenes and shots by status",
	    RDOC_IN_ALL);
	rdoc_col(t, "STATUS", "status", 0, 0);
	rdoc_col(t, "SCENES", "scenes", RDOC_RIGHT, 0);
	rdoc_col(t, "SHOTS", "shots", RDOC_RIGHT, 0);
	rdoc_col(t, "SHARE", "shots_pct", RDOC_RIGHT, 0);
	rdoc_col(t, "", NULL, RDOC_BAR, 0);
	for (i = 0; i < STATUS_COUNT; i++) {
		rdoc_str(t, status_name((enum status)i));
		rdoc_ll(t, r->scenes_by_status[i]);
		rdoc_ll(t, r->shots_by_status[i]);
		rdoc_share(t, r->shots_by_status[i], (long long)r->shots.n);
	}
}

/* The summary as figure,value rows for CSV. */
static void
rdoc_summary_csv(struct rdoc *d, const struct report *r)
{
	struct rdoc_table	*t;
	const struct stats	*s = &r->total;
	double			 v = 0;
	long long		 pc;
	size_t			 peak;
	bool			 weekly, has;

	t = rdoc_table(d, "summary", "Summary", RDOC_IN_CSV);
	rdoc_col(t, NULL, "figure", 0, 0);
	rdoc_col(t, NULL, "value", 0, 0);
#define ROW(name, text) do {						\
	rdoc_str(t, name);						\
	rdoc_put(t, (text), NULL);					\
} while (0)
	ROW("title", xstrdup(r->title));
	t->cells.v[t->cells.n - 1].flags = RDOC_TEXT;
	ROW("generated", xstrdup(r->generated));
	ROW("currency", xstrdup(r->currency));
	ROW("scene", xstrdup(r->scene != NULL ? r->scene : ""));
	t->cells.v[t->cells.n - 1].flags = RDOC_CODE;
	ROW("since", xstrdup(r->since != NULL ? r->since : ""));
	ROW("until", xstrdup(r->until != NULL ? r->until : ""));
	ROW("backend", xstrdup(r->backend != NULL ? r->backend : ""));
	t->cells.v[t->cells.n - 1].flags = RDOC_TEXT;
	ROW("person", xstrdup(r->person != NULL ? r->person : ""));
	t->cells.v[t->cells.n - 1].flags = RDOC_TEXT;
	ROW("first_day", xstrdup(r->days.n > 0 ? r->days.v[0].date : ""));
	ROW("last_day", xstrdup(r->days.n > 0 ?
	    r->days.v[r->days.n - 1].date : ""));
	ROW("days", xasprintf("%zu", r->days.n));
	ROW("scenes", xasprintf("%zu", r->scenes.n));
	ROW("shots", xasprintf("%zu", r->shots.n));
	ROW("shots_with_kept", xasprintf("%lld", r->shots_kept));
	ROW("takes", xasprintf("%lld", s->takes));
	ROW("failed", xasprintf("%lld", s->failed));
	ROW("kept", xasprintf("%lld", s->kept));
	ROW("maybe", xasprintf("%lld", s->maybe));
	ROW("rejected", xasprintf("%lld", s->rejected));
	ROW("unreviewed", xasprintf("%lld", s->unreviewed));
	has = stats_keep_rate(s, &v);
	ROW("keep_rate_pct", has ? xasprintf("%.1f", v * 100) : xstrdup(""));
	ROW("seconds_generated", units_fmt_seconds(s->ms_generated));
	ROW("seconds_used", units_fmt_seconds(s->ms_used));
	has = stats_usage(s, &v);
	ROW("usage_pct", has ? xasprintf("%.2f", v * 100) : xstrdup(""));
	has = stats_one_in(s, &pc);
	ROW("one_in", has ? xasprintf("%lld", pc) : xstrdup(""));
	ROW("cost", units_fmt_money(s->cost));
	has = stats_cost_per_used_second(s, &v);
	ROW("cost_per_used_second", has ? xasprintf("%.2f", v) :
	    xstrdup(""));
	has = report_spend(r, &weekly, &v, &peak, &pc);
	ROW(weekly ? "spend_per_week" : "spend_per_day", has ?
	    xasprintf("%.2f", v) : xstrdup(""));
#undef ROW
}

/* One row of the change table; takes ownership of the strings (the CSV
 * ones may be NULL: as shown). */
static void
rdoc_change_row(struct rdoc_table *t, const char *what, char *now,
    char *now_csv, char *before, char *before_csv, char *diff,
    char *diff_csv)
{
	rdoc_str(t, what);
	rdoc_put(t, now, now_csv);
	rdoc_put(t, before, before_csv);
	rdoc_put(t, diff, diff_csv);
}

/* s, the formatted v, with an explicit sign when v is positive ("+3");
 * a negative zero ("-0.00") loses its sign. Takes ownership of s. */
static char *
rdoc_signed(double v, char *s)
{
	char	*t;

	if (s[0] == '-' && strspn(s + 1, "0.") == strlen(s + 1)) {
		t = xstrdup(s + 1);
		free(s);
		return t;
	}
	if (v <= 0 || s[0] == '-' || strspn(s, "0.") == strlen(s))
		return s;
	t = xasprintf("+%s", s);
	free(s);
	return t;
}

/* The figure of a ratio for CSV: its digits, or "" when it has none. */
static char *
rdoc_ratio_csv(bool has, double v, int places, double scale)
{
	return has ? xasprintf("%.*f", places, v * scale) : xstrdup("");
}

/* A change of a ratio, in percentage points with places decimals. */
static void
rdoc_change_ratio(struct rdoc_table *t, const char *what, bool hn, double n,
    bool hp, double p, int places)
{
	double	 d = (n - p) * 100.0;
	char	*s;

	s = hn && hp ? rdoc_signed(d, xasprintf("%.*f", places, d)) : NULL;
	rdoc_change_row(t, what,
	    stats_fmt_percent(hn, n, places),
	    rdoc_ratio_csv(hn, n, places, 100),
	    stats_fmt_percent(hp, p, places),
	    rdoc_ratio_csv(hp, p, places, 100),
	    s != NULL ? xasprintf("%s pp", s) : xstrdup(RDOC_NONE),
	    hn && hp ? xasprintf("%.*f", places, d) : xstrdup(""));
	free(s);
}

static void
rdoc_change(struct rdoc *d, const struct report *r)
{
	struct rdoc_table	*t;
	const struct stats	*a = &r->total, *b = &r->prev;
	double			 va = 0, vb = 0;
	bool			 ha, hb;
	long long		 dm;

	if (!r->has_prev)
		return;
	rdoc_section(d, "change", "Change since the previous period");
	rdoc_para(d, xasprintf("This period: %s to %s. The previous period, "
	    "as long, just before it: %s to %s.", r->period_first,
	    r->period_last, r->prev_first, r->prev_last));
	t = rdoc_table(d, "change", "This period and the previous one",
	    RDOC_IN_ALL);
	rdoc_col(t, "FIGURE", "figure", 0, 0);
	rdoc_col(t, "THIS PERIOD", "period", RDOC_RIGHT, 0);
	rdoc_col(t, "PREVIOUS", "previous", RDOC_RIGHT, 0);
	rdoc_col(t, "CHANGE", "change", RDOC_RIGHT, 0);
#define COUNT(what, f)							\
	rdoc_change_row(t, what, xasprintf("%lld", a->f), NULL,		\
	    xasprintf("%lld", b->f), NULL,				\
	    rdoc_signed((double)(a->f - b->f),				\
	    xasprintf("%lld", a->f - b->f)),				\
	    xasprintf("%lld", a->f - b->f))
	COUNT("takes generated", takes);
	COUNT("failed attempts", failed);
	COUNT("kept", kept);
#undef COUNT
	ha = stats_keep_rate(a, &va);
	hb = stats_keep_rate(b, &vb);
	rdoc_change_ratio(t, "keep rate", ha, va, hb, vb, 1);
	dm = a->ms_generated - b->ms_generated;
	rdoc_change_row(t, "seconds generated",
	    units_fmt_seconds(a->ms_generated), NULL,
	    units_fmt_seconds(b->ms_generated), NULL,
	    rdoc_signed((double)dm, units_fmt_seconds(dm)),
	    units_fmt_seconds(dm));
	dm = a->ms_used - b->ms_used;
	rdoc_change_row(t, "seconds used", units_fmt_seconds(a->ms_used), NULL,
	    units_fmt_seconds(b->ms_used), NULL,
	    rdoc_signed((double)dm, units_fmt_seconds(dm)),
	    units_fmt_seconds(dm));
	ha = stats_usage(a, &va);
	hb = stats_usage(b, &vb);
	rdoc_change_ratio(t, "usage", ha, va, hb, vb, 2);
	dm = a->cost - b->cost;
	rdoc_change_row(t, "cost", units_fmt_money(a->cost), NULL,
	    units_fmt_money(b->cost), NULL,
	    rdoc_signed((double)dm, rdoc_money_signed(dm)),
	    rdoc_money_signed(dm));
	ha = stats_cost_per_used_second(a, &va);
	hb = stats_cost_per_used_second(b, &vb);
	rdoc_change_row(t, "cost per used second",
	    stats_fmt_cost_per_used_second(a), rdoc_ratio_csv(ha, va, 2, 1),
	    stats_fmt_cost_per_used_second(b), rdoc_ratio_csv(hb, vb, 2, 1),
	    ha && hb ? rdoc_signed(va - vb, xasprintf("%.2f", va - vb)) :
	    xstrdup(RDOC_NONE),
	    ha && hb ? rdoc_signed(0, xasprintf("%.2f", va - vb)) :
	    xstrdup(""));
}

static void
rdoc_budget(struct rdoc *d, const struct report *r)
{
	struct rdoc_table	*t;
	size_t			 i;

	rdoc_section(d, "budget", "Where the budget goes");
	rdoc_para(d, xstrdup("The shots that cost most for what they gave: "
	    "first those that cost money and have nothing kept, most "
	    "expensive first, then by cost per second used."));
	t = rdoc_table(d, "budget", "Where the budget goes", RDOC_IN_ALL);
	t->limit = REPORT_BUDGET_TOP;
	t->empty = xstrdup("No takes yet.");
	rdoc_col(t, "#", "rank", RDOC_RIGHT, 0);
	rdoc_col(t, "SHOT", "shot", RDOC_CODE, 0);
	rdoc_col(t, "SCENE", "scene", RDOC_CODE, 6);
	rdoc_stats_head(t, RS_TAKES | RS_FAILED | RS_KEPT | RS_GEN | RS_USED |
	    RS_USAGE | RS_COST | RS_CPS);
	rdoc_col(t, "SHARE", "cost_share_pct", RDOC_RIGHT, 0);
	rdoc_col(t, "", NULL, RDOC_BAR, 5);
	rdoc_drop(t, "seconds_generated", 9);
	rdoc_drop(t, "seconds_used", 8);
	rdoc_drop(t, "failed", 7);
	for (i = 0; i < r->nbudget; i++) {
		const struct report_shot *sh = &r->shots.v[r->budget[i]];

		rdoc_ll(t, (long long)i + 1);
		rdoc_str(t, sh->code);
		rdoc_str(t, r->scenes.v[sh->scene].code);
		rdoc_stats_row(t, &sh->s, RS_TAKES | RS_FAILED | RS_KEPT |
		    RS_GEN | RS_USED | RS_USAGE | RS_COST | RS_CPS);
		rdoc_share(t, sh->s.cost, r->total.cost);
	}
}

static void
rdoc_scenes(struct rdoc *d, const struct report *r)
{
	struct rdoc_table	*t;
	struct rdoc_chart	*cu, *cc;
	double			 v = 0;
	size_t			 i;
	bool			 has;

	rdoc_section(d, "scenes", "Scenes");
	t = rdoc_table(d, "scenes", "Scenes", RDOC_IN_ALL);
	t->empty = xstrdup("No scenes yet.");
	rdoc_col(t, "SCENE", "scene", RDOC_CODE, 0);
	rdoc_col(t, "HEADING", "heading", RDOC_TEXT | RDOC_FLEX, 8);
	rdoc_col(t, "STATUS", "status", 0, 1);
	rdoc_col(t, "SHOTS", "shots", RDOC_RIGHT, 6);
	rdoc_col(t, NULL, "shots_with_kept", RDOC_RIGHT, 0);
	rdoc_stats_head(t, RS_ALL);
	for (i = 0; i < r->scenes.n; i++) {
		const struct report_scene *sc = &r->scenes.v[i];

		rdoc_str(t, sc->code);
		rdoc_str(t, sc->heading);
		rdoc_str(t, status_name(sc->status));
		rdoc_ll(t, sc->shots);
		rdoc_ll(t, sc->shots_kept);
		rdoc_stats_row(t, &sc->s, RS_ALL);
	}
	if (r->scenes.n == 0)
		return;
	cu = rdoc_chart(d, RDOC_CHART_BARS, "usage-per-scene",
	    "Usage per scene (seconds used " RDOC_TIMES " generated)",
	    r->scenes.n);
	rdoc_series(cu, "usage", false);
	cc = rdoc_chart(d, RDOC_CHART_BARS, "cost-per-scene",
	    "Cost per scene", r->scenes.n);
	rdoc_series(cc, "cost", false);
	for (i = 0; i < r->scenes.n; i++) {
		const struct report_scene *sc = &r->scenes.v[i];

		cu->labels[i] = xstrdup(sc->code);
		cu->labels2[i] = xstrdup(sc->heading);
		has = stats_usage(&sc->s, &v);
		cu->series[0].v[i] = has ? v : NAN;
		cu->values[i] = stats_fmt_percent(has, v, 2);
		cc->labels[i] = xstrdup(sc->code);
		cc->labels2[i] = xstrdup(sc->heading);
		cc->series[0].v[i] = (double)sc->s.cost / 1e6;
		cc->values[i] = units_fmt_money(sc->s.cost);
	}
}

static void
rdoc_shots(struct rdoc *d, const struct report *r)
{
	struct rdoc_table	*t;
	size_t			 i;

	rdoc_section(d, "shots", "Shots");
	t = rdoc_table(d, "shots", "Shots", RDOC_IN_ALL);
	t->empty = xstrdup("No shots yet.");
	rdoc_col(t, "SHOT", "shot", RDOC_CODE, 0);
	rdoc_col(t, "SCENE", "scene", RDOC_CODE, 6);
	rdoc_col(t, "STATUS", "status", 0, 1);
	rdoc_col(t, NULL, "variants", RDOC_RIGHT, 0);
	rdoc_stats_head(t, RS_ALL);
	rdoc_col(t, "DESCRIPTION", "description", RDOC_TEXT | RDOC_FLEX, 8);
	for (i = 0; i < r->shots.n; i++) {
		const struct report_shot *sh = &r->shots.v[i];

		rdoc_str(t, sh->code);
		rdoc_str(t, r->scenes.v[sh->scene].code);
		rdoc_str(t, status_name(sh->status));
		rdoc_ll(t, sh->variants);
		rdoc_stats_row(t, &sh->s, RS_ALL);
		rdoc_str(t, sh->description);
	}
}

static void
rdoc_variants(struct rdoc *d, const struct report *r)
{
	struct rdoc_table	*t;
	size_t			 i, nbest = 0;
	int			 which;

	rdoc_section(d, "variants", "Prompt variants");
	for (i = 0; i < r->shots.n; i++) {
		if (r->best[i] >= 0)
			nbest++;
	}
	if (r->shots.n == 0 || nbest == r->shots.n)
		rdoc_para(d, xstrdup("The best-yielding variant of each shot "
		    "is the phrasing with the highest usage."));
	else
		rdoc_para(d, xasprintf("The best-yielding variant of each "
		    "shot is the phrasing with the highest usage. %zu of "
		    "%zu shot%s ha%s one; the others have no kept take yet.",
		    nbest, r->shots.n, r->shots.n == 1 ? "" : "s",
		    nbest == 1 ? "s" : "ve"));

	which = RS_TAKES | RS_KEPT | RS_KEEP | RS_GEN | RS_USED | RS_USAGE |
	    RS_COST;
	t = rdoc_table(d, "best-variants", "Best variant of each shot",
	    RDOC_IN_ALL);
	t->empty = xstrdup("No shot has a kept take yet.");
	rdoc_col(t, "VARIANT", NULL, RDOC_CODE, 0);
	rdoc_col(t, NULL, "scene", RDOC_CODE, 0);
	rdoc_col(t, NULL, "shot", RDOC_CODE, 0);
	rdoc_col(t, NULL, "prompt", RDOC_RIGHT, 0);
	rdoc_col(t, NULL, "label", RDOC_TEXT, 0);
	rdoc_col(t, "MODEL", "model", RDOC_TEXT | RDOC_FLEX, 5);
	rdoc_stats_head(t, which);
	rdoc_col(t, "TEXT", "text", RDOC_TEXT | RDOC_BLOCK, 0);
	for (i = 0; i < r->shots.n; i++) {
		const struct report_variant *v;

		if (r->best[i] < 0)
			continue;
		v = &r->variants.v[r->best[i]];
		rdoc_put(t, rdoc_variant_name(r, v), NULL);
		rdoc_str(t, r->scenes.v[r->shots.v[i].scene].code);
		rdoc_str(t, r->shots.v[i].code);
		rdoc_ll(t, v->id);
		rdoc_str(t, v->label);
		rdoc_str(t, v->model);
		rdoc_stats_row(t, &v->s, which);
		rdoc_str(t, v->text);
	}

	t = rdoc_table(d, "variants", "All variants", RDOC_IN_ALL);
	t->empty = xstrdup("No prompt variants yet.");
	rdoc_col(t, "VARIANT", NULL, RDOC_CODE, 0);
	rdoc_col(t, NULL, "scene", RDOC_CODE, 0);
	rdoc_col(t, NULL, "shot", RDOC_CODE, 0);
	rdoc_col(t, NULL, "prompt", RDOC_RIGHT, 0);
	rdoc_col(t, NULL, "label", RDOC_TEXT, 0);
	rdoc_col(t, "MODEL", "model", RDOC_TEXT | RDOC_FLEX, 7);
	rdoc_stats_head(t, RS_ALL);
	rdoc_col(t, NULL, "text", RDOC_TEXT, 0);
	for (i = 0; i < r->variants.n; i++) {
		const struct report_variant *v = &r->variants.v[i];

		rdoc_put(t, rdoc_variant_name(r, v), NULL);
		rdoc_str(t, r->scenes.v[r->shots.v[v->shot].scene].code);
		rdoc_str(t, r->shots.v[v->shot].code);
		if (v->id > 0)
			rdoc_ll(t, v->id);
		else
			rdoc_str(t, "");
		rdoc_str(t, v->label);
		rdoc_str(t, v->model);
		rdoc_stats_row(t, &v->s, RS_ALL);
		rdoc_str(t, v->text);
	}
}

/* Find scene_id from *at on (the reasons come in storyboard order):
 * true with *at at it, false if it is not there. */
static bool
rdoc_scene_at(const struct report *r, long long scene_id, size_t *at)
{
	for (; *at < r->scenes.n; (*at)++) {
		if (r->scenes.v[*at].id == scene_id)
			return true;
	}
	return false;
}

static void
rdoc_reasons(struct rdoc *d, const struct report *r)
{
	struct rdoc_table	*t, *l;
	struct buf		 b;
	size_t			 i, j, k, at = 0, shown;
	long long		 rej;
	double			 v = 0;
	char			*pct;

	rdoc_section(d, "reasons", "Reject reasons");
	if (r->total.rejected > 0)
		rdoc_para(d, xasprintf("%lld rejected take%s. A take can have "
		    "several reasons, so the shares can add up to more than "
		    "100%%.", r->total.rejected,
		    r->total.rejected == 1 ? "" : "s"));
	t = rdoc_table(d, "reasons", "Reject reasons", RDOC_IN_ALL);
	t->empty = xstrdup("No rejected takes.");
	rdoc_col(t, "REASON", "reason", RDOC_TEXT, 0);
	rdoc_col(t, "TAKES", "takes", RDOC_RIGHT, 0);
	rdoc_col(t, "SHARE", "share_pct", RDOC_RIGHT, 0);
	rdoc_col(t, "", NULL, RDOC_BAR, 0);
	for (i = 0; i < r->reasons.n; i++) {
		const struct report_reason *rs = &r->reasons.v[i];

		if (rs->reason != NULL)
			rdoc_str(t, rs->reason);
		else
			rdoc_put(t, xstrdup("(no reason given)"), xstrdup(""));
		rdoc_ll(t, rs->takes);
		rdoc_share(t, rs->takes, r->total.rejected);
	}

	/* Per scene: the most frequent reasons in one cell for reading,
	 * one row per scene and reason in CSV. */
	t = rdoc_table(d, "scene-reasons", "Reject reasons per scene",
	    RDOC_IN_DISPLAY);
	t->empty = xstrdup("No rejected takes.");
	rdoc_col(t, "SCENE", NULL, RDOC_CODE, 0);
	rdoc_col(t, "REJECTED", NULL, RDOC_RIGHT, 0);
	rdoc_col(t, "MOST FREQUENT REASONS", NULL, RDOC_TEXT | RDOC_FLEX, 0);
	l = rdoc_table(d, "scene-reasons", "Reject reasons per scene",
	    RDOC_IN_CSV);
	rdoc_col(l, NULL, "scene", RDOC_CODE, 0);
	rdoc_col(l, NULL, "rejected", RDOC_RIGHT, 0);
	rdoc_col(l, NULL, "reason", RDOC_TEXT, 0);
	rdoc_col(l, NULL, "takes", RDOC_RIGHT, 0);
	rdoc_col(l, NULL, "share_pct", RDOC_RIGHT, 0);
	for (i = 0; i < r->scene_reasons.n; i = j) {
		long long id = r->scene_reasons.v[i].scene_id;

		for (j = i; j < r->scene_reasons.n &&
		    r->scene_reasons.v[j].scene_id == id; j++)
			;
		if (!rdoc_scene_at(r, id, &at))
			break;
		rej = r->scenes.v[at].s.rejected;
		buf_init(&b);
		shown = 0;
		for (k = i; k < j; k++) {
			const struct report_reason *rs = &r->scene_reasons.v[k];
			bool has = report_share(rs->takes, rej, &v);

			pct = stats_fmt_percent(has, v, 0);
			if (shown < RDOC_TOP_REASONS) {
				buf_addf(&b, "%s%s %lld (%s)", shown > 0 ?
				    ", " : "", rs->reason != NULL ? rs->reason :
				    "no reason", rs->takes, pct);
				shown++;
			}
			free(pct);
			rdoc_str(l, r->scenes.v[at].code);
			rdoc_ll(l, rej);
			rdoc_str(l, rs->reason);
			rdoc_ll(l, rs->takes);
			rdoc_pct(l, has, v, 1);
		}
		if (j - i > shown)
			buf_addf(&b, ", %zu more", j - i - shown);
		rdoc_str(t, r->scenes.v[at].code);
		rdoc_ll(t, rej);
		rdoc_put(t, buf_detach(&b), NULL);
	}
}

/* People or backends. */
static void
rdoc_groups(struct rdoc *d, const struct report *r, bool backends)
{
	const struct report_groups	*g;
	struct rdoc_table		*t;
	size_t				 i;
	int				 which;

	which = RS_TAKES | RS_FAILED | RS_KEPT | RS_KEEP | RS_GEN | RS_USED |
	    RS_USAGE | RS_COST | RS_CPS;
	g = backends ? &r->backends : &r->people;
	if (backends) {
		rdoc_section(d, "backends", "Backends and models");
		t = rdoc_table(d, "backends", "Backends and models",
		    RDOC_IN_ALL);
		rdoc_col(t, "BACKEND", "backend", RDOC_TEXT, 0);
		rdoc_col(t, "MODEL", "model", RDOC_TEXT | RDOC_FLEX, 0);
	} else {
		rdoc_section(d, "people", "People");
		rdoc_para(d, xstrdup("The takes each person made (added or "
		    "generated), whoever reviewed them."));
		t = rdoc_table(d, "people", "People", RDOC_IN_ALL);
		rdoc_col(t, "PERSON", "person", RDOC_TEXT | RDOC_FLEX, 0);
	}
	t->empty = xstrdup("No takes yet.");
	rdoc_stats_head(t, which);
	rdoc_col(t, "SHARE", "cost_share_pct", RDOC_RIGHT, 4);
	rdoc_col(t, "", NULL, RDOC_BAR, 5);
	for (i = 0; i < g->n; i++) {
		if (g->v[i].name != NULL)
			rdoc_str(t, g->v[i].name);
		else
			rdoc_put(t, xstrdup("(none)"), xstrdup(""));
		if (backends) {
			if (g->v[i].model != NULL)
				rdoc_str(t, g->v[i].model);
			else
				rdoc_put(t, xstrdup("(none)"), xstrdup(""));
		}
		rdoc_stats_row(t, &g->v[i].s, which);
		rdoc_share(t, g->v[i].s.cost, r->total.cost);
	}
}

static void
rdoc_time(struct rdoc *d, const struct report *r)
{
	struct rdoc_table	*t;
	struct rdoc_chart	*c;
	struct rdoc_series	*st, *sk, *so, *sc;
	size_t			 i, n = r->days.n;
	char			*f;

	rdoc_section(d, "time", "Over time");
	if (n == 0) {
		rdoc_para(d, xstrdup("No takes yet."));
	} else {
		f = xasprintf("Takes generated and kept per day, %s to %s",
		    r->days.v[0].date, r->days.v[n - 1].date);
		c = rdoc_chart(d, RDOC_CHART_LINES, "takes-per-day", f, n);
		free(f);
		st = rdoc_series(c, "takes", false);
		sk = rdoc_series(c, "kept", false);
		for (i = 0; i < n; i++) {
			c->labels[i] = xstrdup(r->days.v[i].date);
			st->v[i] = (double)r->days.v[i].s.takes;
			sk->v[i] = (double)r->days.v[i].s.kept;
		}
		c = rdoc_chart(d, RDOC_CHART_LINES, "burn-down", "Burn-down: "
		    "shots not yet approved, at the end of each day", n);
		so = rdoc_series(c, "open shots", true);
		for (i = 0; i < n; i++) {
			c->labels[i] = xstrdup(r->days.v[i].date);
			so->v[i] = (double)r->days.v[i].open;
		}
		f = *r->currency != '\0' ? xasprintf("Generation spend per "
		    "day (%s)", r->currency) : xstrdup("Generation spend per "
		    "day");
		c = rdoc_chart(d, RDOC_CHART_LINES, "spend-per-day", f, n);
		free(f);
		sc = rdoc_series(c, "cost", false);
		for (i = 0; i < n; i++) {
			c->labels[i] = xstrdup(r->days.v[i].date);
			sc->v[i] = (double)r->days.v[i].s.cost / 1e6;
		}
	}

	t = rdoc_table(d, "days", "Per day", r->weekly || n == 0 ?
	    RDOC_IN_CSV : RDOC_IN_ALL);
	rdoc_col(t, "DAY", "day", 0, 0);
	rdoc_stats_head(t, RS_TAKES | RS_FAILED | RS_KEPT | RS_GEN | RS_USED |
	    RS_COST);
	rdoc_col(t, "OPEN", "open_shots", RDOC_RIGHT, 0);
	for (i = 0; i < n; i++) {
		rdoc_str(t, r->days.v[i].date);
		rdoc_stats_row(t, &r->days.v[i].s, RS_TAKES | RS_FAILED |
		    RS_KEPT | RS_GEN | RS_USED | RS_COST);
		rdoc_ll(t, r->days.v[i].open);
	}
	t = rdoc_table(d, "weeks", "Per week", r->weekly ? RDOC_IN_ALL :
	    RDOC_IN_CSV);
	rdoc_col(t, "WEEK", "week", 0, 0);
	rdoc_col(t, "FROM", "first_day", 0, 3);
	rdoc_col(t, "DAYS", "days", RDOC_RIGHT, 4);
	rdoc_stats_head(t, RS_TAKES | RS_FAILED | RS_KEPT | RS_GEN | RS_USED |
	    RS_COST);
	rdoc_col(t, "OPEN", "open_shots", RDOC_RIGHT, 0);
	for (i = 0; i < r->weeks.n; i++) {
		const struct report_week *w = &r->weeks.v[i];

		rdoc_str(t, w->label);
		rdoc_str(t, r->days.v[w->first].date);
		rdoc_ll(t, (long long)w->ndays);
		rdoc_stats_row(t, &w->s, RS_TAKES | RS_FAILED | RS_KEPT |
		    RS_GEN | RS_USED | RS_COST);
		rdoc_ll(t, w->open);
	}
}

/*
 * Build the document of a report. Returns it (rdoc_free); it borrows
 * nothing from r.
 */
struct rdoc *
rdoc_build(const struct report *r)
{
	struct rdoc	*d;

	d = xcalloc(1, sizeof *d);
	rdoc_head(d, r);
	rdoc_summary_csv(d, r);
	rdoc_summary(d, r);
	rdoc_change(d, r);
	rdoc_budget(d, r);
	rdoc_scenes(d, r);
	rdoc_shots(d, r);
	rdoc_variants(d, r);
	rdoc_reasons(d, r);
	rdoc_groups(d, r, false);
	rdoc_groups(d, r, true);
	rdoc_time(d, r);
	return d;
}

/* ------------------------------------------------------------- reading */

/* Does table t appear in format f? */
bool
rdoc_table_in(const struct rdoc_table *t, enum report_format f)
{
	if (f == REPORT_CSV)
		return (t->in & RDOC_IN_CSV) != 0;
	return (t->in & RDOC_IN_DISPLAY) != 0;
}

/* Does column c appear in format f? */
bool
rdoc_col_in(const struct rdoc_col *c, enum report_format f)
{
	return f == REPORT_CSV ? c->csv != NULL : c->title != NULL;
}

/* The number of rows of t. */
size_t
rdoc_rows(const struct rdoc_table *t)
{
	return t->cols.n > 0 ? t->cells.n / t->cols.n : 0;
}

/* The rows format f shows: all in CSV, at most limit elsewhere. */
size_t
rdoc_shown(const struct rdoc_table *t, enum report_format f)
{
	size_t	 n = rdoc_rows(t);

	if (f != REPORT_CSV && t->limit > 0 && n > t->limit)
		return t->limit;
	return n;
}

/* The cell at row i, column j; borrowed. */
const struct rdoc_cell *
rdoc_at(const struct rdoc_table *t, size_t i, size_t j)
{
	return &t->cells.v[i * t->cols.n + j];
}

/* Check that format f has a table called name. Returns 0, or -1 with
 * *cause listing the tables it has. */
int
rdoc_check_table(const struct rdoc *d, enum report_format f,
    const char *name, char **cause)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < d->blocks.n; i++) {
		const struct rdoc_table *t = d->blocks.v[i].table;

		if (t == NULL || !rdoc_table_in(t, f))
			continue;
		if (strcmp(t->name, name) == 0) {
			buf_fini(&b);
			return 0;
		}
		buf_addf(&b, " %s", t->name);
	}
	if (cause != NULL)
		*cause = xasprintf("no table '%s' in the %s report (tables:%s)",
		    name, report_format_name(f), buf_str(&b));
	buf_fini(&b);
	return -1;
}

static void
rdoc_table_free(struct rdoc_table *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->cols.n; i++) {
		free(t->cols.v[i].title);
		free(t->cols.v[i].csv);
	}
	for (i = 0; i < t->cells.n; i++) {
		free(t->cells.v[i].text);
		free(t->cells.v[i].csv);
	}
	ARRAY_FREE(&t->cols);
	ARRAY_FREE(&t->cells);
	free(t->title);
	free(t->empty);
	free(t);
}

static void
rdoc_chart_free(struct rdoc_chart *c)
{
	size_t	 i;
	int	 k;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->labels[i]);
		free(c->labels2[i]);
		free(c->values[i]);
	}
	for (k = 0; k < c->nseries; k++) {
		free(c->series[k].name);
		free(c->series[k].v);
	}
	free(c->labels);
	free(c->labels2);
	free(c->values);
	free(c->title);
	free(c);
}

/* Free a document; NULL is fine. */
void
rdoc_free(struct rdoc *d)
{
	size_t	 i, j;

	if (d == NULL)
		return;
	for (i = 0; i < d->blocks.n; i++) {
		struct rdoc_block *b = &d->blocks.v[i];

		free(b->text);
		for (j = 0; j < b->figures.n; j++) {
			free(b->figures.v[j].label);
			free(b->figures.v[j].value);
			free(b->figures.v[j].note);
		}
		ARRAY_FREE(&b->figures);
		rdoc_table_free(b->table);
		rdoc_chart_free(b->chart);
	}
	ARRAY_FREE(&d->blocks);
	str_list_free(&d->meta);
	free(d->title);
	free(d);
}
