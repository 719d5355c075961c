/* SPDX-License-Identifier: ISC */
/*
 * Statistics: per-scene or per-shot tables (Tab switches) of takes,
 * kept, keep rate, seconds generated and used, usage and cost, sortable
 * by any column (< and > pick it, I reverses), with a usage bar; under
 * them, takes generated and kept per day as sparklines. All figures come
 * from db_stats() and model/stats.c, as for `takeboard stats`.
 */
#include "config.h"

#include "tui/tui-stats.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "model/stats.h"
#include "model/units.h"
#include "db/db.h"
#include "db/db-stats.h"
#include "tui/tui.h"
#include "tui/tui-curses.h"
#include "tui/tui-draw.h"

enum {
	SC_NAME, SC_TAKES, SC_KEPT, SC_RATE, SC_GEN, SC_USED, SC_USAGE,
	SC_COST, SC_COUNT
};

static const char *const stats_cols[SC_COUNT] = {
	"NAME", "TAKES", "KEPT", "KEEP%", "GEN-S", "USED-S", "USAGE", "COST"
};

struct statsv {
	int			 by_shot;
	int			 sort;
	int			 reverse;
	struct stats_rows	 rows;
	int			*order;
	struct stats_days	 days;
	int			 cur, top;
};

static struct statsv	*stats_sorting;

static double
stats_key(const struct stats_row *r, int col)
{
	double	 v = -1;

	switch (col) {
	case SC_TAKES:
		return (double)r->s.takes;
	case SC_KEPT:
		return (double)r->s.kept;
	case SC_RATE:
		stats_keep_rate(&r->s, &v);
		return v;
	case SC_GEN:
		return (double)r->s.ms_generated;
	case SC_USED:
		return (double)r->s.ms_used;
	case SC_USAGE:
		stats_usage(&r->s, &v);
		return v;
	case SC_COST:
		return (double)r->s.cost;
	}
	return 0;
}

/* qsort comparator over row indexes; storyboard order breaks ties. */
static int
stats_cmp(const void *a, const void *b)
{
	struct statsv		*s = stats_sorting;
	int			 ia = *(const int *)a, ib = *(const int *)b;
	double			 ka, kb;
	int			 c = 0;

	if (s->sort != SC_NAME) {
		ka = stats_key(&s->rows.v[ia], s->sort);
		kb = stats_key(&s->rows.v[ib], s->sort);
		c = ka < kb ? -1 : ka > kb ? 1 : 0;
	}
	if (c == 0)
		c = ia < ib ? -1 : ia > ib ? 1 : 0;
	return s->reverse ? -c : c;
}

static void
stats_sort(struct statsv *s)
{
	size_t	 i;

	free(s->order);
	s->order = xcalloc(s->rows.n + 1, sizeof *s->order);
	for (i = 0; i < s->rows.n; i++)
		s->order[i] = (int)i;
	stats_sorting = s;
	qsort(s->order, s->rows.n, sizeof *s->order, stats_cmp);
	stats_sorting = NULL;
}

static int
stats_reload(struct tui *t, struct tui_view *v)
{
	struct statsv	*s = v->data;
	char		*cause = NULL;

	stats_rows_free(&s->rows);
	ARRAY_FREE(&s->days);
	if (db_stats(tui_db(t), s->by_shot ? STATS_BY_SHOT : STATS_BY_SCENE,
	    NULL, &s->rows, NULL, &cause) != 0 ||
	    db_stats_days(tui_db(t), &s->days, &cause) != 0) {
		tui_error(t, cause);
		return -1;
	}
	stats_sort(s);
	tui_set_title(v, "Statistics per %s, sorted by %s%s (Tab: per %s)",
	    s->by_shot ? "shot" : "scene", stats_cols[s->sort],
	    s->reverse ? ", reversed" : "", s->by_shot ? "scene" : "shot");
	return 0;
}

static void
stats_draw(struct tui *t, struct tui_view *v, int y, int rows)
{
	struct statsv		*s = v->data;
	const struct stats_row	*r;
	const struct stats	*tot = tui_totals(t);
	long long		*takes, *kept;
	char			*f[8], *name;
	int			 i, k, idx, x, barw, list_rows;
	static const int	 w[SC_COUNT] = { 10, 6, 5, 6, 9, 8, 7, 9 };
	double			 u = 0;
	attr_t			 a;

	list_rows = rows - 5;
	x = 0;
	for (k = 0; k < SC_COUNT; k++) {
		name = xasprintf("%s%s", stats_cols[k], k == s->sort ?
		    (s->reverse ? "v" : "^") : "");
		if (k == SC_NAME)
			tui_put(y, x, w[k], name, A_BOLD | tui_attr(TC_DIM));
		else
			tui_putr(y, x, w[k], name, A_BOLD | tui_attr(TC_DIM));
		free(name);
		x += w[k] + 1;
	}
	barw = COLS - x - 1;
	tui_put(y, x, barw, "USAGE BAR (0.5% = full)", tui_attr(TC_DIM));
	tui_list_fix(&s->cur, &s->top, (int)s->rows.n, list_rows - 1);
	for (i = 0; i < list_rows - 1; i++) {
		idx = s->top + i;
		if (idx >= (int)s->rows.n)
			break;
		r = &s->rows.v[s->order[idx]];
		f[0] = xstrdup(s->by_shot ? r->shot : r->scene);
		f[1] = xasprintf("%lld", r->s.takes);
		f[2] = xasprintf("%lld", r->s.kept);
		f[3] = stats_fmt_keep_rate(&r->s);
		f[4] = units_fmt_seconds(r->s.ms_generated);
		f[5] = units_fmt_seconds(r->s.ms_used);
		f[6] = stats_fmt_usage_pct(&r->s);
		f[7] = units_fmt_money(r->s.cost);
		a = idx == s->cur ? tui_attr(TC_SELECT) : A_NORMAL;
		x = 0;
		for (k = 0; k < SC_COUNT; k++) {
			if (k == SC_NAME)
				tui_put(y + 1 + i, x, w[k] + 1, f[k], a);
			else
				tui_putr(y + 1 + i, x, w[k] + 1, f[k], a);
			x += w[k] + 1;
			free(f[k]);
		}
		tui_fill(y + 1 + i, x, barw, a);
		if (stats_usage(&r->s, &u))
			tui_bar(y + 1 + i, x, barw, u / 0.005,
			    tui_attr(TC_BAR));
	}
	/* Totals and the per-day line. */
	f[0] = stats_fmt_usage(tot);
	f[1] = units_fmt_money(tot->cost);
	f[2] = xasprintf("TOTAL  %lld takes, %lld kept, %lld failed, usage "
	    "%s, cost %s %s", tot->takes, tot->kept, tot->failed, f[0], f[1],
	    tui_currency(t));
	tui_put(y + rows - 4, 0, COLS, f[2], A_BOLD);
	for (k = 0; k < 3; k++)
		free(f[k]);
	takes = xcalloc(s->days.n + 1, sizeof *takes);
	kept = xcalloc(s->days.n + 1, sizeof *kept);
	for (i = 0; i < (int)s->days.n; i++) {
		takes[i] = s->days.v[i].takes;
		kept[i] = s->days.v[i].kept;
	}
	if (s->days.n > 0) {
		name = xasprintf("per day, %s to %s", s->days.v[0].day,
		    s->days.v[s->days.n - 1].day);
		tui_put(y + rows - 3, 0, COLS, name, tui_attr(TC_DIM));
		free(name);
	}
	tui_put(y + rows - 2, 0, 8, "takes", A_NORMAL);
	tui_spark(y + rows - 2, 8, COLS - 9, takes, (int)s->days.n,
	    tui_attr(TC_BAR));
	tui_put(y + rows - 1, 0, 8, "kept", A_NORMAL);
	tui_spark(y + rows - 1, 8, COLS - 9, kept, (int)s->days.n,
	    tui_attr(TC_KEEP));
	free(takes);
	free(kept);
}

static int
stats_key_op(struct tui *t, struct tui_view *v, enum tui_op op, int key)
{
	struct statsv	*s = v->data;

	(void)key;
	if (tui_list_key(&s->cur, (int)s->rows.n, op, tui_view_rows(t) - 6))
		return 1;
	switch (op) {
	case OP_PANE:
	case OP_LEFT:
	case OP_RIGHT:
		s->by_shot = !s->by_shot;
		s->cur = s->top = 0;
		break;
	case OP_SORT_NEXT:
		s->sort = (s->sort + 1) % SC_COUNT;
		break;
	case OP_SORT_PREV:
		s->sort = (s->sort + SC_COUNT - 1) % SC_COUNT;
		break;
	case OP_SORT_REVERSE:
		s->reverse = !s->reverse;
		break;
	default:
		return 0;
	}
	stats_reload(t, v);
	return 1;
}

static void
stats_free(struct tui_view *v)
{
	struct statsv	*s = v->data;

	stats_rows_free(&s->rows);
	ARRAY_FREE(&s->days);
	free(s->order);
	free(s);
}

static const struct tui_view_ops stats_ops = {
	.name = "stats",
	.ctx = TUI_CTX_STATS,
	.reload = stats_reload,
	.draw = stats_draw,
	.key = stats_key_op,
	.mouse = NULL,
	.free = stats_free,
};

/* Open the statistics view. */
void
tui_stats_open(struct tui *t)
{
	tui_push(t, &stats_ops, xcalloc(1, sizeof(struct statsv)),
	    "Statistics");
}
