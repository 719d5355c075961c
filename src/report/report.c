/* SPDX-License-Identifier: ISC */
/*
 * Gathering a report. The database gives the sums per shot, variant,
 * person, backend, day and reason for the filtered takes; here they are
 * rolled up into scenes and the total (exact integer sums, as `takeboard
 * stats` does), ranked (the budget table, the best variant of each
 * shot), laid out over the calendar (days, ISO weeks, the burn-down of
 * shots not yet approved) and compared with the previous period. Every
 * step is linear or n log n in the size of the production.
 */
#include "config.h"

#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/buf.h"
#include "util/fsutil.h"
#include "util/xmalloc.h"
#include "model/clock.h"
#include "model/stats.h"
#include "db/db-board.h"
#include "db/db-report.h"
#include "report/report-csv.h"
#include "report/report-doc.h"
#include "report/report-html.h"
#include "report/report-json.h"
#include "report/report-md.h"
#include "report/report-text.h"

#define REPORT_DAY_S	86400LL

static const char *const report_format_names[] = {
	"txt", "md", "csv", "json", "html"
};

/* The name of a format ("txt"); borrowed. */
const char *
report_format_name(enum report_format f)
{
	return (unsigned)f < 5 ? report_format_names[f] : "?";
}

/* Parse a format name ("text", "markdown" and "htm" are accepted too).
 * Returns 0, or -1 with *cause naming the choices. */
int
report_format_parse(const char *s, enum report_format *out, char **cause)
{
	int	 i;

	if (cause != NULL)
		*cause = NULL;
	if (strcasecmp(s, "text") == 0)
		s = "txt";
	else if (strcasecmp(s, "markdown") == 0)
		s = "md";
	else if (strcasecmp(s, "htm") == 0)
		s = "html";
	for (i = 0; i < 5; i++) {
		if (strcasecmp(s, report_format_names[i]) == 0) {
			*out = (enum report_format)i;
			return 0;
		}
	}
	if (cause != NULL)
		*cause = xasprintf("bad format '%s' (want one of: txt md csv "
		    "json html)", s);
	return -1;
}

/* The format an output file's extension asks for: 1 with *out set, 0
 * when the name has no extension, -1 when it is not one we know. */
int
report_format_from_path(const char *path, enum report_format *out)
{
	const char	*ext;

	ext = fs_extension(path);
	if (*ext == '\0')
		return 0;
	if (strcasecmp(ext, "markdown") == 0 || strcasecmp(ext, "text") == 0)
		return -1;
	return report_format_parse(ext, out, NULL) == 0 ? 1 : -1;
}

/*
 * Parse a calendar day "YYYY-MM-DD" (UTC) strictly: it must be a real
 * date from 1970 on. Stores days since 1970-01-01. Returns 0 or -1.
 * Plain arithmetic (the proleptic Gregorian calendar, as timegm): a
 * report parses the day of every status change it reads.
 */
int
report_day_parse(const char *s, long long *day)
{
	static const int	 mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	long long		 y, era, yoe, doy, doe;
	int			 i, m, d, v[10];
	bool			 leap;

	if (s == NULL || strlen(s) != 10)
		return -1;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (s[i] < '0' || s[i] > '9')
			return -1;
		else
			v[i] = s[i] - '0';
	}
	y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
	m = v[5] * 10 + v[6];
	d = v[8] * 10 + v[9];
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap))
		return -1;
	/* days from the civil date, counted in 400-year eras from March */
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*day = era * 146097 + doe - 719468;
	return 0;
}

/* Write day (days since 1970-01-01) as YYYY-MM-DD into out. */
void
report_day_format(long long day, char out[11])
{
	struct tm	 tm;
	time_t		 t;
	char		 s[64];

	t = (time_t)(day * REPORT_DAY_S);
	memset(&tm, 0, sizeof tm);
	gmtime_r(&t, &tm);
	snprintf(s, sizeof s, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	memcpy(out, s, 10);
	out[10] = '\0';
}

/* The ISO 8601 week of day as "2026-W41" in out (16 bytes). */
static void
report_week_label(long long day, char out[16])
{
	struct tm	 tm;
	time_t		 t;

	t = (time_t)(day * REPORT_DAY_S);
	gmtime_r(&t, &tm);
	if (strftime(out, 16, "%G-W%V", &tm) == 0)
		snprintf(out, 16, "?");
}

/* part / whole as a fraction; false when whole is 0. */
bool
report_share(long long part, long long whole, double *out)
{
	if (whole <= 0)
		return false;
	*out = (double)part / (double)whole;
	return true;
}

/*
 * Generation spend over the period: the average per day, or per week
 * (cost times 7 over the days) when the period is longer than
 * REPORT_WEEKLY_AFTER days, in currency units, with the index of the
 * day or week that cost most (*peak, in days or weeks) and its cost in
 * micro-units. False when the period has no days.
 */
bool
report_spend(const struct report *r, bool *weekly, double *avg, size_t *peak,
    long long *peak_cost)
{
	long long	 cost = 0, best = -1;
	size_t		 i;

	*weekly = r->weekly;
	*peak = 0;
	*peak_cost = 0;
	if (r->days.n == 0)
		return false;
	for (i = 0; i < r->days.n; i++)
		cost += r->days.v[i].s.cost;
	*avg = (double)cost / 1e6 / (double)r->days.n;
	if (r->weekly) {
		*avg *= 7.0;
		for (i = 0; i < r->weeks.n; i++) {
			if (r->weeks.v[i].s.cost > best) {
				best = r->weeks.v[i].s.cost;
				*peak = i;
			}
		}
	} else {
		for (i = 0; i < r->days.n; i++) {
			if (r->days.v[i].s.cost > best) {
				best = r->days.v[i].s.cost;
				*peak = i;
			}
		}
	}
	*peak_cost = best;
	return true;
}

/* ------------------------------------------------------------ indexing */

struct report_idx {
	long long	 id;
	size_t		 i;
};

static int
report_idx_cmp(const void *a, const void *b)
{
	const struct report_idx	*x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return 0;
}

/* The position of id in a sorted index, or -1. */
static long long
report_idx_find(const struct report_idx *idx, size_t n, long long id)
{
	struct report_idx	 key, *hit;

	if (n == 0)
		return -1;
	key.id = id;
	key.i = 0;
	hit = bsearch(&key, idx, n, sizeof *idx, report_idx_cmp);
	return hit != NULL ? (long long)hit->i : -1;
}

/* qsort that accepts an empty (NULL) array. */
static void
report_sort(void *v, size_t n, size_t size, int (*cmp)(const void *,
    const void *))
{
	if (n > 1)
		qsort(v, n, size, cmp);
}

/*
 * Put the variants in the order of `takeboard stats --by prompt`: by
 * shot in storyboard order, each shot's variants by id, then its takes
 * with no variant. Entries of a shot the report does not cover are
 * dropped.
 */
static int
report_variant_cmp(const void *a, const void *b)
{
	const struct report_variant	*x = a, *y = b;

	if (x->shot != y->shot)
		return x->shot < y->shot ? -1 : 1;
	if ((x->id == 0) != (y->id == 0))
		return x->id == 0 ? 1 : -1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return 0;
}

static void
report_order_variants(struct report *r, const struct report_idx *hidx)
{
	struct report_variant	*v;
	long long		 k;
	size_t			 i, n = 0;

	for (i = 0; i < r->variants.n; i++) {
		v = &r->variants.v[i];
		k = report_idx_find(hidx, r->shots.n, v->shot_id);
		if (k < 0) {
			free(v->label);
			free(v->text);
			free(v->model);
			continue;
		}
		v->shot = (size_t)k;
		r->variants.v[n++] = *v;
	}
	r->variants.n = n;
	report_sort(r->variants.v, r->variants.n, sizeof *r->variants.v,
	    report_variant_cmp);
}

/* --------------------------------------------------------------- ranking */

static const struct report	*report_sorting;

/*
 * Where the budget goes: shots that cost money and gave nothing, most
 * expensive first; then shots by cost per second used, highest first;
 * then shots that cost nothing, those with nothing used first, by
 * seconds generated. Ties keep storyboard order.
 */
static int
report_budget_cmp(const void *a, const void *b)
{
	const struct stats	*x, *y;
	size_t			 i = *(const size_t *)a, j = *(const size_t *)b;
	double			 cx = 0, cy = 0;
	int			 kx, ky;

	x = &report_sorting->shots.v[i].s;
	y = &report_sorting->shots.v[j].s;
	kx = x->cost > 0 ? (x->ms_used == 0 ? 0 : 1) : (x->ms_used == 0 ?
	    2 : 3);
	ky = y->cost > 0 ? (y->ms_used == 0 ? 0 : 1) : (y->ms_used == 0 ?
	    2 : 3);
	if (kx != ky)
		return kx < ky ? -1 : 1;
	if (kx == 0 && x->cost != y->cost)
		return x->cost > y->cost ? -1 : 1;
	if (kx == 1) {
		stats_cost_per_used_second(x, &cx);
		stats_cost_per_used_second(y, &cy);
		if (cx != cy)
			return cx > cy ? -1 : 1;
		if (x->cost != y->cost)
			return x->cost > y->cost ? -1 : 1;
	}
	if (x->ms_generated != y->ms_generated)
		return x->ms_generated > y->ms_generated ? -1 : 1;
	return i < j ? -1 : (i > j ? 1 : 0);
}

static void
report_rank_budget(struct report *r)
{
	size_t	 i;

	r->budget = xreallocarray(NULL, r->shots.n + 1, sizeof *r->budget);
	r->nbudget = 0;
	for (i = 0; i < r->shots.n; i++) {
		const struct stats *s = &r->shots.v[i].s;

		if (s->takes > 0 || s->failed > 0 || s->cost > 0)
			r->budget[r->nbudget++] = i;
	}
	report_sorting = r;
	report_sort(r->budget, r->nbudget, sizeof *r->budget,
	    report_budget_cmp);
	report_sorting = NULL;
}

/* Is variant a better-yielding phrasing than b? Both have seconds used. */
static bool
report_better(const struct stats *a, const struct stats *b)
{
	double	 ua = 0, ub = 0, ka = 0, kb = 0;

	stats_usage(a, &ua);
	stats_usage(b, &ub);
	if (ua != ub)
		return ua > ub;
	stats_keep_rate(a, &ka);
	stats_keep_rate(b, &kb);
	if (ka != kb)
		return ka > kb;
	return a->ms_used > b->ms_used;
}

/* The best-yielding variant of each shot: the highest usage among the
 * variants with seconds used (ties: keep rate, then seconds used, then
 * the first). Variants come grouped by shot. */
static void
report_pick_best(struct report *r)
{
	size_t	 i;

	r->best = xreallocarray(NULL, r->shots.n + 1, sizeof *r->best);
	for (i = 0; i < r->shots.n; i++)
		r->best[i] = -1;
	for (i = 0; i < r->variants.n; i++) {
		const struct report_variant *v = &r->variants.v[i];
		long long *b = &r->best[v->shot];

		if (v->id == 0 || v->s.ms_used <= 0)
			continue;
		if (*b < 0 || report_better(&v->s, &r->variants.v[*b].s))
			*b = (long long)i;
	}
}

static int
report_name_cmp(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == NULL ? (b == NULL ? 0 : 1) : -1;
	return strcmp(a, b);
}

/* People and backends: most expensive first, then most takes, then by
 * name (unrecorded last). */
static int
report_group_cmp(const void *a, const void *b)
{
	const struct report_group	*x = a, *y = b;
	int				 c;

	if (x->s.cost != y->s.cost)
		return x->s.cost > y->s.cost ? -1 : 1;
	if (x->s.takes != y->s.takes)
		return x->s.takes > y->s.takes ? -1 : 1;
	c = report_name_cmp(x->name, y->name);
	return c != 0 ? c : report_name_cmp(x->model, y->model);
}

/* Reasons by name, for merging the scenes' counts. */
static int
report_reason_name_cmp(const void *a, const void *b)
{
	const struct report_reason	*x = a, *y = b;

	return report_name_cmp(x->reason, y->reason);
}

/* Reasons by scene (in storyboard order through scene_id's rank, put in
 * scene_id by report_reasons), then most frequent, then by name with
 * "no reason" last. */
static int
report_reason_cmp(const void *a, const void *b)
{
	const struct report_reason	*x = a, *y = b;

	if (x->scene_id != y->scene_id)
		return x->scene_id < y->scene_id ? -1 : 1;
	if ((x->reason == NULL) != (y->reason == NULL))
		return x->reason == NULL ? 1 : -1;
	if (x->takes != y->takes)
		return x->takes > y->takes ? -1 : 1;
	return report_name_cmp(x->reason, y->reason);
}

/*
 * Sort the per-scene reasons into storyboard order and build the
 * overall counts by merging equal names. The scene_id of a per-scene
 * row is kept; the sort goes through the scene's position.
 */
static void
report_reasons(struct report *r, const struct report_idx *sidx)
{
	struct report_reasons	*sr = &r->scene_reasons;
	struct report_reason	*o;
	size_t			 i;
	long long		 k;

	/* Sort by scene position: swap the id for its rank meanwhile. */
	for (i = 0; i < sr->n; i++)
		sr->v[i].scene_id = report_idx_find(sidx, r->scenes.n,
		    sr->v[i].scene_id);
	report_sort(sr->v, sr->n, sizeof *sr->v, report_reason_cmp);
	for (i = 0; i < sr->n; i++) {
		k = sr->v[i].scene_id;
		sr->v[i].scene_id = k >= 0 ? r->scenes.v[k].id : 0;
	}

	for (i = 0; i < sr->n; i++) {
		o = ARRAY_ADD(&r->reasons);
		o->scene_id = 0;
		o->reason = sr->v[i].reason != NULL ?
		    xstrdup(sr->v[i].reason) : NULL;
		o->takes = sr->v[i].takes;
	}
	report_sort(r->reasons.v, r->reasons.n, sizeof *r->reasons.v,
	    report_reason_name_cmp);
	k = 0;
	for (i = 0; i < r->reasons.n; i++) {
		struct report_reason *p = &r->reasons.v[i];

		if (k > 0 && report_name_cmp(r->reasons.v[k - 1].reason,
		    p->reason) == 0) {
			r->reasons.v[k - 1].takes += p->takes;
			free(p->reason);
			continue;
		}
		r->reasons.v[k++] = *p;
	}
	r->reasons.n = (size_t)k;
	report_sort(r->reasons.v, r->reasons.n, sizeof *r->reasons.v,
	    report_reason_cmp);
}

/* ---------------------------------------------------------------- time */

/* Is a shot in status st still to be approved (the burn-down)? */
static bool
report_open(enum status st)
{
	return st == STATUS_PLANNED || st == STATUS_GENERATING ||
	    st == STATUS_REVIEW;
}

/* The day of an ISO time "YYYY-MM-DDT...", or -1 if it has none. */
static long long
report_at_day(const char *at)
{
	char		 d[11];
	long long	 day;

	if (at == NULL || strlen(at) < 10)
		return -1;
	memcpy(d, at, 10);
	d[10] = '\0';
	if (report_day_parse(d, &day) != 0)
		return -1;
	return day;
}

/* Count one status interval [from, to] (to -1: open-ended) into the
 * burn-down difference array of the period [lo, lo + n). */
static void
report_burn(long long *diff, long long lo, size_t n, long long from,
    long long to)
{
	long long	 a, b, hi = lo + (long long)n - 1;

	a = from < lo ? lo : from;
	b = to < 0 || to > hi ? hi : to;
	if (a > b)
		return;
	diff[a - lo]++;
	diff[b - lo + 1]--;
}

/*
 * The burn-down: for each day of the period, the shots whose last
 * status that day (or before) is planned, generating or review. A shot
 * with no history counts from its creation in its current status.
 */
static void
report_burndown(struct report *r, const struct report_changes *ch,
    const struct report_idx *hidx)
{
	long long	*diff, lo, day, next, run;
	char		*seen;
	size_t		 i, j, n = r->days.n;
	long long	 k;

	if (n == 0)
		return;
	lo = r->days.v[0].day;
	diff = xcalloc(n + 1, sizeof *diff);
	seen = xcalloc(r->shots.n + 1, 1);
	for (i = 0; i < ch->n; i = j) {
		/* The changes of one shot: [i, j). */
		for (j = i + 1; j < ch->n && ch->v[j].shot_id ==
		    ch->v[i].shot_id; j++)
			;
		k = report_idx_find(hidx, r->shots.n, ch->v[i].shot_id);
		if (k < 0)
			continue;
		seen[k] = 1;
		for (; i < j; i++) {
			day = report_at_day(ch->v[i].at);
			if (day < 0)
				continue;
			/* The status at a day's end is its last change. */
			next = -1;
			if (i + 1 < j) {
				next = report_at_day(ch->v[i + 1].at);
				if (next == day)
					continue;
			}
			if (report_open(ch->v[i].status))
				report_burn(diff, lo, n, day,
				    next < 0 ? -1 : next - 1);
		}
		i = j;
	}
	for (i = 0; i < r->shots.n; i++) {
		if (seen[i] || !report_open(r->shots.v[i].status))
			continue;
		day = report_at_day(r->shots.v[i].created);
		report_burn(diff, lo, n, day < 0 ? lo : day, -1);
	}
	run = 0;
	for (i = 0; i < n; i++) {
		run += diff[i];
		r->days.v[i].open = run;
	}
	free(seen);
	free(diff);
}

/*
 * Lay the period out: every day from the first to the last (the --since
 * and --until days when given; else the first and last day with takes
 * or status changes; with --since only, up to today), the takes made on
 * each, the burn-down and the ISO weeks.
 */
static void
report_calendar(struct report *r, const struct report_daysums *ds,
    const struct report_changes *ch, const struct report_idx *hidx)
{
	long long	 lo = -1, hi = -1, dmin = -1, dmax = -1, d, today;
	struct report_day *day;
	struct report_week *w;
	char		 label[16];
	size_t		 i, n;

	for (i = 0; i < ds->n; i++) {
		d = report_at_day(ds->v[i].day);
		if (d < 0)
			continue;
		if (dmin < 0 || d < dmin)
			dmin = d;
		if (d > dmax)
			dmax = d;
	}
	for (i = 0; i < ch->n; i++) {
		d = report_at_day(ch->v[i].at);
		if (d < 0 || (r->since != NULL && d < r->since_day) ||
		    (r->until != NULL && d > r->until_day))
			continue;
		if (dmin < 0 || d < dmin)
			dmin = d;
		if (d > dmax)
			dmax = d;
	}
	today = (long long)(clock_now() / REPORT_DAY_S);
	lo = r->since != NULL ? r->since_day : dmin;
	if (r->until != NULL)
		hi = r->until_day;
	else if (r->since != NULL) {
		hi = today > dmax ? today : dmax;
		if (hi < lo)
			hi = lo;
	} else
		hi = dmax;
	if (lo >= 0 && hi >= lo && hi - lo + 1 > REPORT_MAX_DAYS) {
		/* An open-ended or absurd period: keep the days with data. */
		lo = dmin;
		hi = dmax;
	}
	if (lo < 0 || hi < lo)
		return;
	n = (size_t)(hi - lo + 1);
	for (i = 0; i < n; i++) {
		day = ARRAY_ADD(&r->days);
		day->day = lo + (long long)i;
		report_day_format(day->day, day->date);
	}
	for (i = 0; i < ds->n; i++) {
		d = report_at_day(ds->v[i].day);
		if (d >= lo && d <= hi)
			stats_add(&r->days.v[d - lo].s, &ds->v[i].s);
	}
	report_burndown(r, ch, hidx);
	r->weekly = n > REPORT_WEEKLY_AFTER;
	w = NULL;
	for (i = 0; i < n; i++) {
		report_week_label(r->days.v[i].day, label);
		if (w == NULL || strcmp(w->label, label) != 0) {
			w = ARRAY_ADD(&r->weeks);
			memcpy(w->label, label, sizeof w->label);
			w->first = i;
		}
		w->ndays++;
		stats_add(&w->s, &r->days.v[i].s);
		w->open = r->days.v[i].open;
	}
}

/* ------------------------------------------------------------- gather */

static void
report_copy_filter(struct report *r, const struct report_filter *f)
{
	memset(&r->f, 0, sizeof r->f);
	if (f == NULL)
		return;
	r->f.scene_id = f->scene_id;
	if (f->since != NULL)
		r->since = xstrdup(f->since);
	if (f->until != NULL)
		r->until = xstrdup(f->until);
	if (f->backend != NULL)
		r->backend = xstrdup(f->backend);
	if (f->person != NULL)
		r->person = xstrdup(f->person);
	r->f.since = r->since;
	r->f.until = r->until;
	r->f.backend = r->backend;
	r->f.person = r->person;
}

/*
 * With --since: the period runs from --since to --until (or the last
 * day of the calendar), and the previous period is as many days just
 * before it. Fills r->prev with the figures of the previous period
 * under the same filter. Returns 0 or -1 with *cause.
 */
static int
report_previous(struct db *db, struct report *r, char **cause)
{
	struct report_filter	 pf;
	long long		 first, last, len;

	if (r->since == NULL)
		return 0;
	first = r->since_day;
	if (r->until != NULL)
		last = r->until_day;
	else if (r->days.n > 0)
		last = r->days.v[r->days.n - 1].day;
	else
		last = first;
	if (last < first)
		last = first;
	len = last - first + 1;
	report_day_format(first, r->period_first);
	report_day_format(last, r->period_last);
	report_day_format(first - len, r->prev_first);
	report_day_format(first - 1, r->prev_last);
	pf = r->f;
	pf.since = r->prev_first;
	pf.until = r->prev_last;
	if (db_report_total(db, &pf, &r->prev, cause) != 0)
		return -1;
	r->has_prev = true;
	return 0;
}

/*
 * Gather the report of the takes matching f (NULL: all) into *r, which
 * the caller frees with report_free (also after a failure). The --since
 * and --until days in f must be valid (report_day_parse). Returns 0 or
 * -1 with *cause.
 */
int
report_gather(struct db *db, const struct report_filter *f, struct report *r,
    char **cause)
{
	struct production	 p;
	struct report_daysums	 ds;
	struct report_changes	 ch;
	struct report_idx	*sidx = NULL, *hidx = NULL;
	long long		 k;
	size_t			 i;
	int			 rv = -1, snap = 0;

	if (cause != NULL)
		*cause = NULL;
	memset(r, 0, sizeof *r);
	memset(&ds, 0, sizeof ds);
	memset(&ch, 0, sizeof ch);
	report_copy_filter(r, f);
	if ((r->since != NULL && report_day_parse(r->since,
	    &r->since_day) != 0) || (r->until != NULL &&
	    report_day_parse(r->until, &r->until_day) != 0)) {
		if (cause != NULL)
			*cause = xstrdup("bad date in the report filter");
		return -1;
	}
	r->generated = clock_now_iso();

	/* Every query sees the same production (one read transaction). */
	if (db_report_snapshot(db, &snap, cause) != 0)
		return -1;
	memset(&p, 0, sizeof p);
	if (db_production_get(db, &p, cause) < 0)
		goto out;
	r->title = p.title != NULL ? p.title : xstrdup("");
	r->currency = p.currency != NULL ? p.currency : xstrdup("");
	free(p.created);

	if (db_report_scenes(db, &r->f, &r->scenes, cause) != 0 ||
	    db_report_shots(db, &r->f, &r->shots, cause) != 0 ||
	    db_report_sums(db, &r->f, &r->variants, &r->people,
	    &r->backends, &ds, cause) != 0 ||
	    db_report_reasons(db, &r->f, &r->scene_reasons, cause) != 0 ||
	    db_report_changes(db, &r->f, &ch, cause) != 0)
		goto out;
	if (r->f.scene_id > 0 && r->scenes.n > 0)
		r->scene = xstrdup(r->scenes.v[0].code);

	/* Scenes: status counts, and the sums of their shots. */
	sidx = xreallocarray(NULL, r->scenes.n + 1, sizeof *sidx);
	for (i = 0; i < r->scenes.n; i++) {
		sidx[i].id = r->scenes.v[i].id;
		sidx[i].i = i;
		r->scenes_by_status[r->scenes.v[i].status]++;
	}
	report_sort(sidx, r->scenes.n, sizeof *sidx, report_idx_cmp);
	hidx = xreallocarray(NULL, r->shots.n + 1, sizeof *hidx);
	for (i = 0; i < r->shots.n; i++) {
		struct report_shot *sh = &r->shots.v[i];

		k = report_idx_find(sidx, r->scenes.n, sh->scene_id);
		sh->scene = k >= 0 ? (size_t)k : 0;
		if (k >= 0) {
			struct report_scene *sc = &r->scenes.v[k];

			sc->shots++;
			if (sh->s.kept > 0)
				sc->shots_kept++;
			stats_add(&sc->s, &sh->s);
		}
		r->shots_by_status[sh->status]++;
		if (sh->s.kept > 0)
			r->shots_kept++;
		stats_add(&r->total, &sh->s);
		hidx[i].id = sh->id;
		hidx[i].i = i;
	}
	report_sort(hidx, r->shots.n, sizeof *hidx, report_idx_cmp);
	report_order_variants(r, hidx);

	report_rank_budget(r);
	report_pick_best(r);
	report_sort(r->people.v, r->people.n, sizeof *r->people.v,
	    report_group_cmp);
	report_sort(r->backends.v, r->backends.n, sizeof *r->backends.v,
	    report_group_cmp);
	report_reasons(r, sidx);
	report_calendar(r, &ds, &ch, hidx);
	if (report_previous(db, r, cause) != 0)
		goto out;
	rv = 0;
out:
	db_report_snapshot_end(db, snap);
	free(sidx);
	free(hidx);
	report_daysums_free(&ds);
	report_changes_free(&ch);
	return rv;
}

/* Free what a report holds; NULL is fine. */
void
report_free(struct report *r)
{
	if (r == NULL)
		return;
	free(r->title);
	free(r->currency);
	free(r->generated);
	free(r->scene);
	free(r->since);
	free(r->until);
	free(r->backend);
	free(r->person);
	report_scenes_free(&r->scenes);
	report_shots_free(&r->shots);
	report_variants_free(&r->variants);
	report_groups_free(&r->people);
	report_groups_free(&r->backends);
	report_reasons_free(&r->reasons);
	report_reasons_free(&r->scene_reasons);
	free(r->budget);
	free(r->best);
	ARRAY_FREE(&r->days);
	ARRAY_FREE(&r->weeks);
	memset(r, 0, sizeof *r);
}

/*
 * Write the report in out's format into b. With out->table, only that
 * table (txt, md and csv); an unknown name is an error naming the
 * tables there are. Returns 0 or -1 with *cause.
 */
int
report_render(const struct report *r, const struct report_out *out,
    struct buf *b, char **cause)
{
	struct rdoc	*doc;
	int		 rv = -1;

	if (cause != NULL)
		*cause = NULL;
	if (out->table != NULL && (out->format == REPORT_JSON ||
	    out->format == REPORT_HTML)) {
		if (cause != NULL)
			*cause = xasprintf("--table applies to the csv, md "
			    "and txt formats, not %s",
			    report_format_name(out->format));
		return -1;
	}
	if (out->format == REPORT_JSON) {
		report_json(r, b);
		return 0;
	}
	doc = rdoc_build(r);
	if (out->table != NULL && rdoc_check_table(doc, out->format,
	    out->table, cause) != 0)
		goto out;
	switch (out->format) {
	case REPORT_TXT:
		report_text(doc, out, b);
		break;
	case REPORT_MD:
		report_md(doc, out, b);
		break;
	case REPORT_CSV:
		report_csv(doc, out, b);
		break;
	case REPORT_HTML:
		report_html(doc, b);
		break;
	case REPORT_JSON:
		break;
	}
	rv = 0;
out:
	rdoc_free(doc);
	return rv;
}
