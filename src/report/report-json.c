/* SPDX-License-Identifier: ISC */
/*
 * JSON output. Numbers are exact where they can be: counts as integers,
 * seconds and money as decimal numbers (milliseconds / 1000, micro-units
 * / 1e6) and ratios as fractions, or null when they have no value, as in
 * `takeboard stats --json`. The document is streamed with util/jsonw
 * (the layout of cJSON_Print, without building a tree of a million
 * items first); text is escaped for JSON and for the terminal there, and
 * invalid UTF-8 becomes U+FFFD.
 */
#include "config.h"

#include "report/report-json.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/jsonw.h"
#include "model/board.h"
#include "model/stats.h"
#include "report/report.h"

static void
json_ratio(struct jsonw *w, const char *key, bool has, double v)
{
	if (has)
		jsonw_num(w, key, v);
	else
		jsonw_null(w, key);
}

/* The statistics fields, named and valued as by `takeboard stats`. */
static void
json_stats(struct jsonw *w, const struct stats *s)
{
	double		 v = 0;
	long long	 n = 0;
	bool		 has;

	jsonw_ll(w, "takes", s->takes);
	jsonw_ll(w, "failed", s->failed);
	jsonw_ll(w, "kept", s->kept);
	jsonw_ll(w, "maybe", s->maybe);
	jsonw_ll(w, "rejected", s->rejected);
	jsonw_ll(w, "unreviewed", s->unreviewed);
	has = stats_keep_rate(s, &v);
	json_ratio(w, "keep_rate", has, v);
	jsonw_fixed(w, "seconds_generated", s->ms_generated, 3);
	jsonw_fixed(w, "seconds_used", s->ms_used, 3);
	has = stats_usage(s, &v);
	json_ratio(w, "usage", has, v);
	if (stats_one_in(s, &n))
		jsonw_ll(w, "one_in", n);
	else
		jsonw_null(w, "one_in");
	jsonw_fixed(w, "cost", s->cost, 6);
	has = stats_cost_per_used_second(s, &v);
	json_ratio(w, "cost_per_used_second", has, v);
}

static void
json_share(struct jsonw *w, const char *key, long long part, long long whole)
{
	double	 v = 0;
	bool	 has;

	has = report_share(part, whole, &v);
	json_ratio(w, key, has, v);
}

static void
json_by_status(struct jsonw *w, const char *key, const long long *counts)
{
	int	 i;

	jsonw_object(w, key);
	for (i = 0; i < STATUS_COUNT; i++)
		jsonw_ll(w, status_name((enum status)i), counts[i]);
	jsonw_end(w);
}

static void
json_summary(struct jsonw *w, const struct report *r)
{
	double		 avg = 0;
	long long	 pc;
	size_t		 peak;
	bool		 weekly, has;

	jsonw_object(w, "summary");
	jsonw_ll(w, "scenes", (long long)r->scenes.n);
	jsonw_ll(w, "shots", (long long)r->shots.n);
	jsonw_ll(w, "shots_with_kept", r->shots_kept);
	json_by_status(w, "scenes_by_status", r->scenes_by_status);
	json_by_status(w, "shots_by_status", r->shots_by_status);
	json_stats(w, &r->total);
	has = report_spend(r, &weekly, &avg, &peak, &pc);
	jsonw_object(w, "spend");
	jsonw_str(w, "per", weekly ? "week" : "day");
	json_ratio(w, "average", has, avg);
	if (!has)
		jsonw_null(w, "peak");
	else {
		jsonw_object(w, "peak");
		if (weekly)
			jsonw_str(w, "week", r->weeks.v[peak].label);
		else
			jsonw_str(w, "day", r->days.v[peak].date);
		jsonw_fixed(w, "cost", pc, 6);
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_end(w);
}

static void
json_change(struct jsonw *w, const struct report *r)
{
	const struct stats	*a = &r->total, *b = &r->prev;
	double			 va = 0, vb = 0;
	bool			 ha, hb;

	if (!r->has_prev) {
		jsonw_null(w, "previous");
		jsonw_null(w, "change");
		return;
	}
	jsonw_object(w, "previous");
	jsonw_str(w, "first_day", r->prev_first);
	jsonw_str(w, "last_day", r->prev_last);
	json_stats(w, b);
	jsonw_end(w);
	jsonw_object(w, "change");
	jsonw_ll(w, "takes", a->takes - b->takes);
	jsonw_ll(w, "failed", a->failed - b->failed);
	jsonw_ll(w, "kept", a->kept - b->kept);
	ha = stats_keep_rate(a, &va);
	hb = stats_keep_rate(b, &vb);
	json_ratio(w, "keep_rate", ha && hb, va - vb);
	jsonw_fixed(w, "seconds_generated", a->ms_generated - b->ms_generated,
	    3);
	jsonw_fixed(w, "seconds_used", a->ms_used - b->ms_used, 3);
	ha = stats_usage(a, &va);
	hb = stats_usage(b, &vb);
	json_ratio(w, "usage", ha && hb, va - vb);
	jsonw_fixed(w, "cost", a->cost - b->cost, 6);
	ha = stats_cost_per_used_second(a, &va);
	hb = stats_cost_per_used_second(b, &vb);
	json_ratio(w, "cost_per_used_second", ha && hb, va - vb);
	jsonw_end(w);
}

static void
json_reason(struct jsonw *w, const struct report_reason *rs,
    long long rejected)
{
	jsonw_object(w, NULL);
	jsonw_str(w, "reason", rs->reason);
	jsonw_ll(w, "takes", rs->takes);
	json_share(w, "share", rs->takes, rejected);
	jsonw_end(w);
}

static void
json_reasons(struct jsonw *w, const struct report *r)
{
	const struct report_scene	*sc;
	size_t				 i, k = 0;
	long long			 id = -1;

	jsonw_array(w, "reasons");
	for (i = 0; i < r->reasons.n; i++)
		json_reason(w, &r->reasons.v[i], r->total.rejected);
	jsonw_end(w);
	/* The scenes' reasons come in storyboard order, as the scenes. */
	jsonw_array(w, "scene_reasons");
	for (i = 0; i < r->scene_reasons.n; i++) {
		const struct report_reason *rs = &r->scene_reasons.v[i];

		while (k < r->scenes.n && r->scenes.v[k].id != rs->scene_id)
			k++;
		if (k == r->scenes.n)
			break;
		sc = &r->scenes.v[k];
		if (rs->scene_id != id) {
			if (id != -1) {
				jsonw_end(w);	/* its reasons */
				jsonw_end(w);	/* the scene */
			}
			id = rs->scene_id;
			jsonw_object(w, NULL);
			jsonw_str(w, "scene", sc->code);
			jsonw_ll(w, "rejected", sc->s.rejected);
			jsonw_array(w, "reasons");
		}
		json_reason(w, rs, sc->s.rejected);
	}
	if (id != -1) {
		jsonw_end(w);
		jsonw_end(w);
	}
	jsonw_end(w);
}

static void
json_groups(struct jsonw *w, const struct report *r, bool backends)
{
	const struct report_groups	*g;
	size_t				 i;

	g = backends ? &r->backends : &r->people;
	jsonw_array(w, backends ? "backends" : "people");
	for (i = 0; i < g->n; i++) {
		jsonw_object(w, NULL);
		if (backends) {
			jsonw_str(w, "backend", g->v[i].name);
			jsonw_str(w, "model", g->v[i].model);
		} else
			jsonw_str(w, "person", g->v[i].name);
		json_stats(w, &g->v[i].s);
		json_share(w, "cost_share", g->v[i].s.cost, r->total.cost);
		jsonw_end(w);
	}
	jsonw_end(w);
}

static void
json_variant(struct jsonw *w, const struct report *r,
    const struct report_variant *v)
{
	const struct report_shot	*sh = &r->shots.v[v->shot];

	jsonw_object(w, NULL);
	jsonw_str(w, "scene", r->scenes.v[sh->scene].code);
	jsonw_str(w, "shot", sh->code);
	if (v->id > 0)
		jsonw_ll(w, "prompt", v->id);
	else
		jsonw_null(w, "prompt");
	jsonw_str(w, "label", v->label);
	jsonw_str(w, "model", v->model);
	jsonw_str(w, "text", v->text);
	json_stats(w, &v->s);
	jsonw_end(w);
}

static void
json_calendar(struct jsonw *w, const struct report *r)
{
	jsonw_object(w, "period");
	if (r->days.n > 0) {
		jsonw_str(w, "first_day", r->days.v[0].date);
		jsonw_str(w, "last_day", r->days.v[r->days.n - 1].date);
	} else {
		jsonw_null(w, "first_day");
		jsonw_null(w, "last_day");
	}
	jsonw_ll(w, "days", (long long)r->days.n);
	jsonw_str(w, "by", r->weekly ? "week" : "day");
	jsonw_end(w);
}

/* Every day of the period, and its ISO weeks. */
static void
json_days(struct jsonw *w, const struct report *r)
{
	size_t	 i;

	jsonw_array(w, "days");
	for (i = 0; i < r->days.n; i++) {
		jsonw_object(w, NULL);
		jsonw_str(w, "day", r->days.v[i].date);
		json_stats(w, &r->days.v[i].s);
		jsonw_ll(w, "open_shots", r->days.v[i].open);
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_array(w, "weeks");
	for (i = 0; i < r->weeks.n; i++) {
		const struct report_week *wk = &r->weeks.v[i];

		jsonw_object(w, NULL);
		jsonw_str(w, "week", wk->label);
		jsonw_str(w, "first_day", r->days.v[wk->first].date);
		jsonw_ll(w, "days", (long long)wk->ndays);
		json_stats(w, &wk->s);
		jsonw_ll(w, "open_shots", wk->open);
		jsonw_end(w);
	}
	jsonw_end(w);
}

/*
 * Write the report as a JSON document (indented, with a final newline)
 * into b. The field names are documented in takeboard(1).
 */
void
report_json(const struct report *r, struct buf *b)
{
	struct jsonw	 w;
	size_t		 i;

	jsonw_init(&w, b);
	jsonw_object(&w, NULL);
	jsonw_str(&w, "title", r->title);
	jsonw_str(&w, "currency", r->currency);
	jsonw_str(&w, "generated", r->generated);
	jsonw_object(&w, "filter");
	jsonw_str(&w, "scene", r->scene);
	jsonw_str(&w, "since", r->since);
	jsonw_str(&w, "until", r->until);
	jsonw_str(&w, "backend", r->backend);
	jsonw_str(&w, "person", r->person);
	jsonw_end(&w);
	json_calendar(&w, r);
	json_summary(&w, r);
	json_change(&w, r);

	jsonw_array(&w, "budget");
	for (i = 0; i < r->nbudget; i++) {
		const struct report_shot *sh = &r->shots.v[r->budget[i]];

		jsonw_object(&w, NULL);
		jsonw_ll(&w, "rank", (long long)i + 1);
		jsonw_str(&w, "scene", r->scenes.v[sh->scene].code);
		jsonw_str(&w, "shot", sh->code);
		json_stats(&w, &sh->s);
		json_share(&w, "cost_share", sh->s.cost, r->total.cost);
		jsonw_end(&w);
	}
	jsonw_end(&w);
	jsonw_array(&w, "scenes");
	for (i = 0; i < r->scenes.n; i++) {
		const struct report_scene *sc = &r->scenes.v[i];

		jsonw_object(&w, NULL);
		jsonw_str(&w, "scene", sc->code);
		jsonw_str(&w, "heading", sc->heading);
		jsonw_str(&w, "status", status_name(sc->status));
		jsonw_ll(&w, "shots", sc->shots);
		jsonw_ll(&w, "shots_with_kept", sc->shots_kept);
		json_stats(&w, &sc->s);
		jsonw_end(&w);
	}
	jsonw_end(&w);
	jsonw_array(&w, "shots");
	for (i = 0; i < r->shots.n; i++) {
		const struct report_shot *sh = &r->shots.v[i];

		jsonw_object(&w, NULL);
		jsonw_str(&w, "scene", r->scenes.v[sh->scene].code);
		jsonw_str(&w, "shot", sh->code);
		jsonw_str(&w, "description", sh->description);
		jsonw_str(&w, "status", status_name(sh->status));
		jsonw_ll(&w, "variants", sh->variants);
		json_stats(&w, &sh->s);
		if (r->best[i] >= 0)
			jsonw_ll(&w, "best_prompt",
			    r->variants.v[r->best[i]].id);
		else
			jsonw_null(&w, "best_prompt");
		jsonw_end(&w);
	}
	jsonw_end(&w);
	jsonw_array(&w, "variants");
	for (i = 0; i < r->variants.n; i++)
		json_variant(&w, r, &r->variants.v[i]);
	jsonw_end(&w);
	jsonw_array(&w, "best_variants");
	for (i = 0; i < r->shots.n; i++) {
		if (r->best[i] >= 0)
			json_variant(&w, r, &r->variants.v[r->best[i]]);
	}
	jsonw_end(&w);
	json_reasons(&w, r);
	json_groups(&w, r, false);
	json_groups(&w, r, true);
	json_days(&w, r);
	jsonw_end(&w);
	jsonw_fini(&w);
	buf_addc(b, '\n');
}
