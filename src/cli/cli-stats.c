/* SPDX-License-Identifier: ISC */
/*
 * `takeboard stats`: the keep-ratio table or its JSON form. The JSON
 * field names are documented in takeboard(1) and stable; keys that do
 * not apply to a grouping are left out.
 */
#include "config.h"

#include "cli/cli-stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/xmalloc.h"
#include "model/board.h"
#include "model/stats.h"
#include "model/units.h"
#include "db/db.h"
#include "db/db-board.h"
#include "db/db-stats.h"
#include "cli/cli.h"
#include "cli/cli-opt.h"
#include "cli/cli-out.h"

enum {
	OPT_BY = 256,
	OPT_SCENE,
	OPT_SHOT,
	OPT_JSON
};

/* The figure cells of one row: counts, then the derived ratios. */
static void
stats_cells(struct table *t, const struct stats *s)
{
	char	*f[7];
	int	 i;

	f[0] = stats_fmt_keep_rate(s);
	f[1] = units_fmt_seconds(s->ms_generated);
	f[2] = units_fmt_seconds(s->ms_used);
	f[3] = stats_fmt_usage_pct(s);
	f[4] = stats_fmt_one_in(s);
	f[5] = units_fmt_money(s->cost);
	f[6] = stats_fmt_cost_per_used_second(s);
	table_cellf(t, "%lld", s->takes);
	table_cellf(t, "%lld", s->failed);
	table_cellf(t, "%lld", s->kept);
	table_cellf(t, "%lld", s->maybe);
	table_cellf(t, "%lld", s->rejected);
	table_cellf(t, "%lld", s->unreviewed);
	for (i = 0; i < 7; i++) {
		table_cell(t, f[i]);
		free(f[i]);
	}
}

/* `stats [--by production|scene|shot|prompt|backend|model] [--scene CODE]
 * [--shot CODE] [--json]` */
int
cli_stats(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "by", required_argument, NULL, OPT_BY },
		{ "scene", required_argument, NULL, OPT_SCENE },
		{ "shot", required_argument, NULL, OPT_SHOT },
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 }
	};
	struct stats_rows	 rows;
	struct stats_filter	 f;
	struct stats		 total;
	struct scene		 sc;
	struct shot		 sh;
	struct table		*t;
	enum stats_by		 by = STATS_BY_SCENE;
	const char		*arg, *scene = NULL, *shot = NULL;
	char			*cause, **rest, *name;
	size_t			 i;
	int			 ch, json = 0;
	cJSON			*o, *a, *r;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		switch (ch) {
		case OPT_BY:
			if (stats_by_parse(arg, &by, &cause) != 0)
				return cli_fail(c, cause);
			break;
		case OPT_SCENE:
			scene = arg;
			break;
		case OPT_SHOT:
			shot = arg;
			break;
		case OPT_JSON:
			json = 1;
			break;
		default:
			return 2;
		}
	}
	if (cli_opt_rest(argc, argv, &rest) != 0)
		return cli_usage_error(c, "unexpected argument '%s'", rest[0]);
	if (cli_db(c) == NULL)
		return 1;
	memset(&f, 0, sizeof f);
	if (scene != NULL) {
		if (cli_scene(c, scene, &sc) != 0)
			return 1;
		f.scene_id = sc.id;
		scene_free(&sc);
	}
	if (shot != NULL) {
		if (cli_shot(c, shot, &sh) != 0)
			return 1;
		f.shot_id = sh.id;
		shot_free(&sh);
	}
	memset(&rows, 0, sizeof rows);
	if (db_stats(c->db, by, &f, &rows, &total, &cause) != 0)
		return cli_fail(c, cause);
	if (json) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "by", stats_by_name(by));
		a = cJSON_AddArrayToObject(o, "rows");
		for (i = 0; i < rows.n; i++) {
			const struct stats_row *sr = &rows.v[i];

			r = cJSON_CreateObject();
			if (by >= STATS_BY_SCENE && by <= STATS_BY_PROMPT) {
				cJSON_AddStringToObject(r, "scene", sr->scene);
				cJSON_AddStringToObject(r, "heading",
				    sr->heading);
			}
			if (by == STATS_BY_SHOT || by == STATS_BY_PROMPT)
				cJSON_AddStringToObject(r, "shot", sr->shot);
			if (by >= STATS_BY_BACKEND)
				out_json_str(r, "backend", sr->backend);
			if (by == STATS_BY_MODEL)
				out_json_str(r, "model", sr->model);
			if (by == STATS_BY_PROMPT) {
				if (sr->prompt_id > 0)
					cJSON_AddNumberToObject(r, "prompt",
					    (double)sr->prompt_id);
				else
					cJSON_AddNullToObject(r, "prompt");
				out_json_str(r, "label", sr->label);
			}
			out_json_stats(r, &sr->s);
			cJSON_AddItemToArray(a, r);
		}
		out_json_stats(cJSON_AddObjectToObject(o, "total"), &total);
		out_json(o);
		stats_rows_free(&rows);
		return 0;
	}
	t = table_new();
	table_col(t, by == STATS_BY_PRODUCTION ? "PRODUCTION" :
	    by == STATS_BY_SCENE ? "SCENE" : by == STATS_BY_SHOT ? "SHOT" :
	    by == STATS_BY_PROMPT ? "VARIANT" : by == STATS_BY_BACKEND ?
	    "BACKEND" : "BACKEND/MODEL", TABLE_LEFT);
	table_col(t, "TAKES", TABLE_RIGHT);
	table_col(t, "FAIL", TABLE_RIGHT);
	table_col(t, "KEPT", TABLE_RIGHT);
	table_col(t, "MAYBE", TABLE_RIGHT);
	table_col(t, "REJ", TABLE_RIGHT);
	table_col(t, "UNREV", TABLE_RIGHT);
	table_col(t, "KEEP%", TABLE_RIGHT);
	table_col(t, "GEN-S", TABLE_RIGHT);
	table_col(t, "USED-S", TABLE_RIGHT);
	table_col(t, "USAGE", TABLE_RIGHT);
	table_col(t, "1-IN", TABLE_RIGHT);
	table_col(t, "COST", TABLE_RIGHT);
	table_col(t, "COST/S", TABLE_RIGHT);
	if (by != STATS_BY_PRODUCTION) {
		for (i = 0; i < rows.n; i++) {
			const struct stats_row *sr = &rows.v[i];

			if (by == STATS_BY_SCENE)
				name = xstrdup(sr->scene);
			else if (by == STATS_BY_SHOT)
				name = xstrdup(sr->shot);
			else if (by == STATS_BY_PROMPT)
				name = xasprintf("%s/%s", sr->shot,
				    sr->label != NULL ? sr->label : "-");
			else if (by == STATS_BY_BACKEND)
				name = xstrdup(sr->backend != NULL ?
				    sr->backend : "(none)");
			else
				name = xasprintf("%s/%s", sr->backend != NULL ?
				    sr->backend : "(none)", sr->model != NULL ?
				    sr->model : "(none)");
			table_cell(t, name);
			free(name);
			stats_cells(t, &sr->s);
		}
	}
	table_cell(t, "TOTAL");
	stats_cells(t, &total);
	table_print(t, c);
	table_free(t);
	stats_rows_free(&rows);
	return 0;
}
