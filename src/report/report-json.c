/* SPDX-License-Identifier: ISC */
/*
 * JSON output. Numbers are exact where they can be: counts as integers,
 * seconds and money as decimal numbers (milliseconds / 1000, micro-units
 * / 1e6) and ratios as fractions, or null when they have no value, as in
 * `takeboard stats --json`. Text is passed through unchanged but for
 * invalid UTF-8, which would make the document invalid and is replaced
 * by U+FFFD; cJSON escapes quotes and control characters.
 */
#include "config.h"

#include "report/report-json.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/stats.h"
#include "report/report.h"

/* The length of the valid UTF-8 sequence at p (1 to 4), or 0. */
static size_t
json_utf8_len(const unsigned char *p)
{
	unsigned int	 lo = 0x80, hi = 0xbf;
	size_t		 n, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	for (i = 1; i < n; i++) {
		if (p[i] < lo || p[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
	}
	return n;
}

/* A copy of s that is valid UTF-8: each invalid byte becomes U+FFFD.
 * NULL gives NULL. Caller frees. */
char *
report_json_utf8(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b;
	size_t			 n;

	if (s == NULL)
		return NULL;
	buf_init(&b);
	while (*p != '\0') {
		n = json_utf8_len(p);
		if (n == 0) {
			buf_adds(&b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		buf_add(&b, p, n);
		p += n;
	}
	return buf_detach(&b);
}

static void
json_str(cJSON *o, const char *key, const char *s)
{
	char	*v;

	if (s == NULL) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	v = report_json_utf8(s);
	cJSON_AddStringToObject(o, key, v);
	free(v);
}

static void
json_ll(cJSON *o, const char *key, long long v)
{
	cJSON_AddNumberToObject(o, key, (double)v);
}

static void
json_ratio(cJSON *o, const char *key, bool has, double v)
{
	if (has)
		cJSON_AddNumberToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

/* The statistics fields, named and valued as by `takeboard stats`. */
static void
json_stats(cJSON *o, const struct stats *s)
{
	double		 v = 0;
	long long	 n = 0;
	bool		 has;

	json_ll(o, "takes", s->takes);
	json_ll(o, "failed", s->failed);
	json_ll(o, "kept", s->kept);
	json_ll(o, "maybe", s->maybe);
	json_ll(o, "rejected", s->rejected);
	json_ll(o, "unreviewed", s->unreviewed);
	has = stats_keep_rate(s, &v);
	json_ratio(o, "keep_rate", has, v);
	cJSON_AddNumberToObject(o, "seconds_generated",
	    (double)s->ms_generated / 1000.0);
	cJSON_AddNumberToObject(o, "seconds_used",
	    (double)s->ms_used / 1000.0);
	has = stats_usage(s, &v);
	json_ratio(o, "usage", has, v);
	if (stats_one_in(s, &n))
		json_ll(o, "one_in", n);
	else
		cJSON_AddNullToObject(o, "one_in");
	cJSON_AddNumberToObject(o, "cost", (double)s->cost / 1e6);
	has = stats_cost_per_used_second(s, &v);
	json_ratio(o, "cost_per_used_second", has, v);
}

static void
json_share(cJSON *o, const char *key, long long part, long long whole)
{
	double	 v = 0;
	bool	 has;

	has = report_share(part, whole, &v);
	json_ratio(o, key, has, v);
}

static cJSON *
json_by_status(const long long *counts)
{
	cJSON	*o;
	int	 i;

	o = cJSON_CreateObject();
	for (i = 0; i < STATUS_COUNT; i++)
		json_ll(o, status_name((enum status)i), counts[i]);
	return o;
}

static void
json_summary(cJSON *root, const struct report *r)
{
	cJSON		*o, *sp, *pk;
	double		 avg = 0;
	long long	 pc;
	size_t		 peak;
	bool		 weekly, has;

	o = cJSON_AddObjectToObject(root, "summary");
	json_ll(o, "scenes", (long long)r->scenes.n);
	json_ll(o, "shots", (long long)r->shots.n);
	json_ll(o, "shots_with_kept", r->shots_kept);
	cJSON_AddItemToObject(o, "scenes_by_status",
	    json_by_status(r->scenes_by_status));
	cJSON_AddItemToObject(o, "shots_by_status",
	    json_by_status(r->shots_by_status));
	json_stats(o, &r->total);
	has = report_spend(r, &weekly, &avg, &peak, &pc);
	sp = cJSON_AddObjectToObject(o, "spend");
	cJSON_AddStringToObject(sp, "per", weekly ? "week" : "day");
	json_ratio(sp, "average", has, avg);
	if (!has) {
		cJSON_AddNullToObject(sp, "peak");
		return;
	}
	pk = cJSON_AddObjectToObject(sp, "peak");
	if (weekly)
		cJSON_AddStringToObject(pk, "week", r->weeks.v[peak].label);
	else
		cJSON_AddStringToObject(pk, "day", r->days.v[peak].date);
	cJSON_AddNumberToObject(pk, "cost", (double)pc / 1e6);
}

static void
json_change(cJSON *root, const struct report *r)
{
	const struct stats	*a = &r->total, *b = &r->prev;
	cJSON			*o;
	double			 va = 0, vb = 0;
	bool			 ha, hb;

	if (!r->has_prev) {
		cJSON_AddNullToObject(root, "previous");
		cJSON_AddNullToObject(root, "change");
		return;
	}
	o = cJSON_AddObjectToObject(root, "previous");
	cJSON_AddStringToObject(o, "first_day", r->prev_first);
	cJSON_AddStringToObject(o, "last_day", r->prev_last);
	json_stats(o, b);
	o = cJSON_AddObjectToObject(root, "change");
	json_ll(o, "takes", a->takes - b->takes);
	json_ll(o, "failed", a->failed - b->failed);
	json_ll(o, "kept", a->kept - b->kept);
	ha = stats_keep_rate(a, &va);
	hb = stats_keep_rate(b, &vb);
	json_ratio(o, "keep_rate", ha && hb, va - vb);
	cJSON_AddNumberToObject(o, "seconds_generated",
	    (double)(a->ms_generated - b->ms_generated) / 1000.0);
	cJSON_AddNumberToObject(o, "seconds_used",
	    (double)(a->ms_used - b->ms_used) / 1000.0);
	ha = stats_usage(a, &va);
	hb = stats_usage(b, &vb);
	json_ratio(o, "usage", ha && hb, va - vb);
	cJSON_AddNumberToObject(o, "cost", (double)(a->cost - b->cost) / 1e6);
	ha = stats_cost_per_used_second(a, &va);
	hb = stats_cost_per_used_second(b, &vb);
	json_ratio(o, "cost_per_used_second", ha && hb, va - vb);
}

static cJSON *
json_reason(const struct report_reason *rs, long long rejected)
{
	cJSON	*o;

	o = cJSON_CreateObject();
	json_str(o, "reason", rs->reason);
	json_ll(o, "takes", rs->takes);
	json_share(o, "share", rs->takes, rejected);
	return o;
}

static void
json_reasons(cJSON *root, const struct report *r)
{
	const struct report_scene	*sc;
	cJSON				*a, *o, *l = NULL;
	size_t				 i, k = 0;
	long long			 id = -1;

	a = cJSON_AddArrayToObject(root, "reasons");
	for (i = 0; i < r->reasons.n; i++)
		cJSON_AddItemToArray(a, json_reason(&r->reasons.v[i],
		    r->total.rejected));
	/* The scenes' reasons come in storyboard order, as the scenes. */
	a = cJSON_AddArrayToObject(root, "scene_reasons");
	for (i = 0; i < r->scene_reasons.n; i++) {
		const struct report_reason *rs = &r->scene_reasons.v[i];

		while (k < r->scenes.n && r->scenes.v[k].id != rs->scene_id)
			k++;
		if (k == r->scenes.n)
			break;
		sc = &r->scenes.v[k];
		if (rs->scene_id != id) {
			id = rs->scene_id;
			o = cJSON_CreateObject();
			json_str(o, "scene", sc->code);
			json_ll(o, "rejected", sc->s.rejected);
			l = cJSON_AddArrayToObject(o, "reasons");
			cJSON_AddItemToArray(a, o);
		}
		cJSON_AddItemToArray(l, json_reason(rs, sc->s.rejected));
	}
}

static void
json_groups(cJSON *root, const struct report *r, bool backends)
{
	const struct report_groups	*g;
	cJSON				*a, *o;
	size_t				 i;

	g = backends ? &r->backends : &r->people;
	a = cJSON_AddArrayToObject(root, backends ? "backends" : "people");
	for (i = 0; i < g->n; i++) {
		o = cJSON_CreateObject();
		if (backends) {
			json_str(o, "backend", g->v[i].name);
			json_str(o, "model", g->v[i].model);
		} else
			json_str(o, "person", g->v[i].name);
		json_stats(o, &g->v[i].s);
		json_share(o, "cost_share", g->v[i].s.cost, r->total.cost);
		cJSON_AddItemToArray(a, o);
	}
}

static cJSON *
json_variant(const struct report *r, const struct report_variant *v)
{
	const struct report_shot	*sh = &r->shots.v[v->shot];
	cJSON				*o;

	o = cJSON_CreateObject();
	json_str(o, "scene", r->scenes.v[sh->scene].code);
	json_str(o, "shot", sh->code);
	if (v->id > 0)
		json_ll(o, "prompt", v->id);
	else
		cJSON_AddNullToObject(o, "prompt");
	json_str(o, "label", v->label);
	json_str(o, "model", v->model);
	json_str(o, "text", v->text);
	json_stats(o, &v->s);
	return o;
}

static void
json_calendar(cJSON *root, const struct report *r)
{
	cJSON	*o;

	o = cJSON_AddObjectToObject(root, "period");
	if (r->days.n > 0) {
		cJSON_AddStringToObject(o, "first_day", r->days.v[0].date);
		cJSON_AddStringToObject(o, "last_day",
		    r->days.v[r->days.n - 1].date);
	} else {
		cJSON_AddNullToObject(o, "first_day");
		cJSON_AddNullToObject(o, "last_day");
	}
	json_ll(o, "days", (long long)r->days.n);
	cJSON_AddStringToObject(o, "by", r->weekly ? "week" : "day");
}

/* Every day of the period, and its ISO weeks. */
static void
json_days(cJSON *root, const struct report *r)
{
	cJSON	*a, *o;
	size_t	 i;

	a = cJSON_AddArrayToObject(root, "days");
	for (i = 0; i < r->days.n; i++) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "day", r->days.v[i].date);
		json_stats(o, &r->days.v[i].s);
		json_ll(o, "open_shots", r->days.v[i].open);
		cJSON_AddItemToArray(a, o);
	}
	a = cJSON_AddArrayToObject(root, "weeks");
	for (i = 0; i < r->weeks.n; i++) {
		const struct report_week *w = &r->weeks.v[i];

		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "week", w->label);
		cJSON_AddStringToObject(o, "first_day",
		    r->days.v[w->first].date);
		json_ll(o, "days", (long long)w->ndays);
		json_stats(o, &w->s);
		json_ll(o, "open_shots", w->open);
		cJSON_AddItemToArray(a, o);
	}
}

/*
 * Write the report as a JSON document (indented, with a final newline)
 * into b. The field names are documented in takeboard(1).
 */
void
report_json(const struct report *r, struct buf *b)
{
	cJSON	*root, *o, *a;
	char	*s, *t;
	size_t	 i;

	root = cJSON_CreateObject();
	json_str(root, "title", r->title);
	json_str(root, "currency", r->currency);
	cJSON_AddStringToObject(root, "generated", r->generated);
	o = cJSON_AddObjectToObject(root, "filter");
	json_str(o, "scene", r->scene);
	json_str(o, "since", r->since);
	json_str(o, "until", r->until);
	json_str(o, "backend", r->backend);
	json_str(o, "person", r->person);
	json_calendar(root, r);
	json_summary(root, r);
	json_change(root, r);

	a = cJSON_AddArrayToObject(root, "budget");
	for (i = 0; i < r->nbudget; i++) {
		const struct report_shot *sh = &r->shots.v[r->budget[i]];

		o = cJSON_CreateObject();
		json_ll(o, "rank", (long long)i + 1);
		json_str(o, "scene", r->scenes.v[sh->scene].code);
		json_str(o, "shot", sh->code);
		json_stats(o, &sh->s);
		json_share(o, "cost_share", sh->s.cost, r->total.cost);
		cJSON_AddItemToArray(a, o);
	}
	a = cJSON_AddArrayToObject(root, "scenes");
	for (i = 0; i < r->scenes.n; i++) {
		const struct report_scene *sc = &r->scenes.v[i];

		o = cJSON_CreateObject();
		json_str(o, "scene", sc->code);
		json_str(o, "heading", sc->heading);
		cJSON_AddStringToObject(o, "status", status_name(sc->status));
		json_ll(o, "shots", sc->shots);
		json_ll(o, "shots_with_kept", sc->shots_kept);
		json_stats(o, &sc->s);
		cJSON_AddItemToArray(a, o);
	}
	a = cJSON_AddArrayToObject(root, "shots");
	for (i = 0; i < r->shots.n; i++) {
		const struct report_shot *sh = &r->shots.v[i];

		o = cJSON_CreateObject();
		json_str(o, "scene", r->scenes.v[sh->scene].code);
		json_str(o, "shot", sh->code);
		json_str(o, "description", sh->description);
		cJSON_AddStringToObject(o, "status", status_name(sh->status));
		json_ll(o, "variants", sh->variants);
		json_stats(o, &sh->s);
		if (r->best[i] >= 0)
			json_ll(o, "best_prompt",
			    r->variants.v[r->best[i]].id);
		else
			cJSON_AddNullToObject(o, "best_prompt");
		cJSON_AddItemToArray(a, o);
	}
	a = cJSON_AddArrayToObject(root, "variants");
	for (i = 0; i < r->variants.n; i++)
		cJSON_AddItemToArray(a, json_variant(r, &r->variants.v[i]));
	a = cJSON_AddArrayToObject(root, "best_variants");
	for (i = 0; i < r->shots.n; i++) {
		if (r->best[i] >= 0)
			cJSON_AddItemToArray(a, json_variant(r,
			    &r->variants.v[r->best[i]]));
	}
	json_reasons(root, r);
	json_groups(root, r, false);
	json_groups(root, r, true);
	json_days(root, r);

	s = cJSON_Print(root);
	if (s == NULL)
		fatal("cannot format JSON");
	t = sanitize_json(s);
	buf_adds(b, t);
	buf_addc(b, '\n');
	free(t);
	cJSON_free(s);
	cJSON_Delete(root);
}
