/* SPDX-License-Identifier: ISC */
/*
 * The `scene` commands: add, list, show, edit, move and rm. Scenes are
 * named by their code everywhere; a delete that would take shots or
 * takes with it needs --force and says what it removes.
 */
#include "config.h"

#include "cli/cli-scene.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/stats.h"
#include "db/db.h"
#include "db/db-board.h"
#include "db/db-stats.h"
#include "cli/cli.h"
#include "cli/cli-opt.h"
#include "cli/cli-out.h"

enum {
	OPT_CODE = 256,
	OPT_AFTER,
	OPT_FIRST,
	OPT_SYNOPSIS,
	OPT_NOTES,
	OPT_STATUS,
	OPT_HEADING,
	OPT_JSON,
	OPT_FORCE
};

static cJSON *
scene_json(const struct scene *sc)
{
	cJSON	*o;

	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)sc->id);
	cJSON_AddStringToObject(o, "code", sc->code);
	cJSON_AddNumberToObject(o, "position", (double)sc->position);
	cJSON_AddStringToObject(o, "heading", sc->heading);
	cJSON_AddStringToObject(o, "synopsis", sc->synopsis);
	cJSON_AddStringToObject(o, "notes", sc->notes);
	cJSON_AddStringToObject(o, "section", sc->section != NULL ?
	    sc->section : "");
	cJSON_AddStringToObject(o, "description", sc->description != NULL ?
	    sc->description : "");
	cJSON_AddStringToObject(o, "status", status_name(sc->status));
	cJSON_AddNumberToObject(o, "shots", (double)sc->shots);
	cJSON_AddNumberToObject(o, "takes", (double)sc->takes);
	cJSON_AddNumberToObject(o, "kept", (double)sc->kept);
	cJSON_AddStringToObject(o, "created", sc->created);
	return o;
}

/* Resolve --after CODE / --first into a placement; 0 or 1 on error. */
static int
scene_place(struct cli *c, const char *after, int first, long long *place)
{
	struct scene	 sc;

	*place = DB_PLACE_END;
	if (first)
		*place = DB_PLACE_FIRST;
	else if (after != NULL) {
		if (cli_scene(c, after, &sc) != 0)
			return 1;
		*place = sc.id;
		scene_free(&sc);
	}
	return 0;
}

/* `scene add HEADING [--code C] [--after CODE | --first] [--synopsis T]
 * [--notes T] [--status S]` */
int
cli_scene_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "code", required_argument, NULL, OPT_CODE },
		{ "after", required_argument, NULL, OPT_AFTER },
		{ "first", no_argument, NULL, OPT_FIRST },
		{ "synopsis", required_argument, NULL, OPT_SYNOPSIS },
		{ "notes", required_argument, NULL, OPT_NOTES },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ NULL, 0, NULL, 0 }
	};
	struct scene	 sc;
	const char	*arg, *after = NULL, *code = NULL, *synopsis = "";
	const char	*notes = "", *status = NULL;
	char		*cause, **rest;
	long long	 place;
	int		 ch, first = 0, rv;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		switch (ch) {
		case OPT_CODE:
			code = arg;
			break;
		case OPT_AFTER:
			after = arg;
			break;
		case OPT_FIRST:
			first = 1;
			break;
		case OPT_SYNOPSIS:
			synopsis = arg;
			break;
		case OPT_NOTES:
			notes = arg;
			break;
		case OPT_STATUS:
			status = arg;
			break;
		default:
			return 2;
		}
	}
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give the scene heading as one "
		    "argument (quote it)");
	if (after != NULL && first)
		return cli_usage_error(c, "--after and --first exclude each "
		    "other");
	memset(&sc, 0, sizeof sc);
	sc.status = STATUS_PLANNED;
	if (status != NULL && status_parse(status, &sc.status, &cause) != 0)
		return cli_fail(c, cause);
	if (code != NULL && board_check_code("scene code", code, &cause) != 0)
		return cli_fail(c, cause);
	if (cli_text(c, "heading", rest[0]) != 0 ||
	    cli_text(c, "synopsis", synopsis) != 0 ||
	    cli_text(c, "notes", notes) != 0)
		return 1;
	sc.heading = str_trim(xstrdup(rest[0]));
	if (*sc.heading == '\0') {
		free(sc.heading);
		return cli_error(c, "the scene heading must not be empty");
	}
	sc.code = code != NULL ? xstrdup(code) : NULL;
	sc.synopsis = xstrdup(synopsis);
	sc.notes = xstrdup(notes);
	rv = 1;
	if (cli_begin(c) != 0 || scene_place(c, after, first, &place) != 0)
		goto out;
	if (db_scene_add(c->db, &sc, place, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (cli_commit(c) != 0)
		goto out;
	out_line("scene %s added at position %lld", sc.code, sc.position);
	rv = 0;
out:
	scene_free(&sc);
	return rv;
}

/* `scene list [--json]` */
int
cli_scene_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 }
	};
	struct scene_list	 l;
	struct stats_rows	 rows;
	struct table		*t;
	const char		*arg;
	char			*cause, **rest, *usage;
	size_t			 i;
	int			 ch, json = 0;
	cJSON			*a;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch != OPT_JSON)
			return 2;
		json = 1;
	}
	if (cli_opt_rest(argc, argv, &rest) != 0)
		return cli_usage_error(c, "unexpected argument '%s'", rest[0]);
	if (cli_db(c) == NULL)
		return 1;
	memset(&l, 0, sizeof l);
	memset(&rows, 0, sizeof rows);
	if (db_scene_list(c->db, &l, &cause) != 0 ||
	    db_stats(c->db, STATS_BY_SCENE, NULL, &rows, NULL, &cause) != 0) {
		scene_list_free(&l);
		return cli_fail(c, cause);
	}
	if (json) {
		a = cJSON_CreateArray();
		for (i = 0; i < l.n; i++)
			cJSON_AddItemToArray(a, scene_json(&l.v[i]));
		out_json(a);
	} else {
		t = table_new();
		table_col(t, "CODE", TABLE_LEFT);
		table_col(t, "STATUS", TABLE_LEFT);
		table_col(t, "SHOTS", TABLE_RIGHT);
		table_col(t, "TAKES", TABLE_RIGHT);
		table_col(t, "KEPT", TABLE_RIGHT);
		table_col(t, "USAGE", TABLE_RIGHT);
		table_col(t, "HEADING", TABLE_FLEX);
		for (i = 0; i < l.n; i++) {
			/* Both lists are in storyboard order. */
			usage = i < rows.n ? stats_fmt_usage_pct(&rows.v[i].s) :
			    xstrdup("");
			table_cell(t, l.v[i].code);
			table_cell(t, status_name(l.v[i].status));
			table_cellf(t, "%lld", l.v[i].shots);
			table_cellf(t, "%lld", l.v[i].takes);
			table_cellf(t, "%lld", l.v[i].kept);
			table_cell(t, usage);
			table_cell(t, l.v[i].heading);
			free(usage);
		}
		table_print(t, c);
		table_free(t);
	}
	scene_list_free(&l);
	stats_rows_free(&rows);
	return 0;
}

/* `scene show CODE [--json]` */
int
cli_scene_show(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 }
	};
	struct scene		 sc;
	struct shot_list	 shots;
	struct str_list		 who;
	const char		*arg;
	char			*cause, **rest, *b;
	size_t			 i;
	int			 ch, json = 0;
	cJSON			*o, *a;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch != OPT_JSON)
			return 2;
		json = 1;
	}
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one scene code");
	if (cli_scene(c, rest[0], &sc) != 0)
		return 1;
	memset(&shots, 0, sizeof shots);
	memset(&who, 0, sizeof who);
	if (db_shot_list(c->db, sc.id, -1, &shots, &cause) != 0 ||
	    db_scene_characters_get(c->db, sc.id, &who, &cause) != 0) {
		shot_list_free(&shots);
		str_list_free(&who);
		scene_free(&sc);
		return cli_fail(c, cause);
	}
	if (json) {
		o = scene_json(&sc);
		a = cJSON_AddArrayToObject(o, "characters");
		for (i = 0; i < who.n; i++)
			cJSON_AddItemToArray(a, cJSON_CreateString(who.v[i]));
		a = cJSON_AddArrayToObject(o, "shot_codes");
		for (i = 0; i < shots.n; i++)
			cJSON_AddItemToArray(a,
			    cJSON_CreateString(shots.v[i].code));
		out_json(o);
	} else {
		out_line("scene     %s", sc.code);
		out_line("heading   %s", sc.heading);
		if (sc.section != NULL && *sc.section != '\0')
			out_line("section   %s", sc.section);
		out_line("status    %s", status_name(sc.status));
		out_line("position  %lld", sc.position);
		out_line("shots     %lld, takes %lld, kept %lld", sc.shots,
		    sc.takes, sc.kept);
		if (who.n > 0) {
			b = str_list_join(&who, ", ");
			out_line("characters %s", b);
			free(b);
		}
		if (*sc.synopsis != '\0') {
			out_line("synopsis");
			out_text(sc.synopsis);
		}
		if (sc.description != NULL && *sc.description != '\0') {
			out_line("description");
			out_text(sc.description);
		}
		if (*sc.notes != '\0') {
			out_line("notes");
			out_text(sc.notes);
		}
		for (i = 0; i < shots.n; i++)
			out_line("  %-6s %s", shots.v[i].code,
			    shots.v[i].description);
	}
	shot_list_free(&shots);
	str_list_free(&who);
	scene_free(&sc);
	return 0;
}

/* `scene edit CODE [--code NEW] [--heading H] [--synopsis T] [--notes T]
 * [--status S]` */
int
cli_scene_edit(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "code", required_argument, NULL, OPT_CODE },
		{ "heading", required_argument, NULL, OPT_HEADING },
		{ "synopsis", required_argument, NULL, OPT_SYNOPSIS },
		{ "notes", required_argument, NULL, OPT_NOTES },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ NULL, 0, NULL, 0 }
	};
	struct scene	 sc;
	const char	*arg, *code = NULL, *heading = NULL, *synopsis = NULL;
	const char	*notes = NULL, *status = NULL;
	char		*cause, **rest;
	enum status	 st = STATUS_PLANNED;
	int		 ch, rv = 1;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		switch (ch) {
		case OPT_CODE:
			code = arg;
			break;
		case OPT_HEADING:
			heading = arg;
			break;
		case OPT_SYNOPSIS:
			synopsis = arg;
			break;
		case OPT_NOTES:
			notes = arg;
			break;
		case OPT_STATUS:
			status = arg;
			break;
		default:
			return 2;
		}
	}
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one scene code");
	if (code == NULL && heading == NULL && synopsis == NULL &&
	    notes == NULL && status == NULL)
		return cli_usage_error(c, "nothing to change: give at least "
		    "one option");
	if (status != NULL && status_parse(status, &st, &cause) != 0)
		return cli_fail(c, cause);
	if (code != NULL && board_check_code("scene code", code, &cause) != 0)
		return cli_fail(c, cause);
	if (heading != NULL && str_empty(heading))
		return cli_error(c, "the scene heading must not be empty");
	if (cli_text(c, "heading", heading) != 0 ||
	    cli_text(c, "synopsis", synopsis) != 0 ||
	    cli_text(c, "notes", notes) != 0)
		return 1;
	if (cli_begin(c) != 0 || cli_scene(c, rest[0], &sc) != 0)
		return 1;
	if (code != NULL) {
		free(sc.code);
		sc.code = xstrdup(code);
	}
	if (heading != NULL) {
		free(sc.heading);
		sc.heading = str_trim(xstrdup(heading));
	}
	if (synopsis != NULL) {
		free(sc.synopsis);
		sc.synopsis = xstrdup(synopsis);
	}
	if (notes != NULL) {
		free(sc.notes);
		sc.notes = xstrdup(notes);
	}
	if (status != NULL)
		sc.status = st;
	if (db_scene_update(c->db, &sc, &cause) != 0)
		cli_fail(c, cause);
	else if (cli_commit(c) == 0) {
		out_line("scene %s changed", sc.code);
		rv = 0;
	}
	scene_free(&sc);
	return rv;
}

/* `scene move CODE (--after CODE | --first)` */
int
cli_scene_move(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "after", required_argument, NULL, OPT_AFTER },
		{ "first", no_argument, NULL, OPT_FIRST },
		{ NULL, 0, NULL, 0 }
	};
	struct scene	 sc;
	const char	*arg, *after = NULL;
	char		*cause, **rest;
	long long	 place;
	int		 ch, first = 0, rv = 1;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch == OPT_AFTER)
			after = arg;
		else if (ch == OPT_FIRST)
			first = 1;
		else
			return 2;
	}
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one scene code");
	if ((after == NULL) == (first == 0))
		return cli_usage_error(c, "give either --after CODE or "
		    "--first");
	if (cli_begin(c) != 0 || cli_scene(c, rest[0], &sc) != 0)
		return 1;
	if (after != NULL && strcmp(after, sc.code) == 0) {
		rv = cli_error(c, "cannot move scene %s after itself", sc.code);
		goto out;
	}
	if (scene_place(c, after, first, &place) != 0)
		goto out;
	if (db_scene_move(c->db, sc.id, place, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (cli_commit(c) == 0) {
		out_line("scene %s moved", sc.code);
		rv = 0;
	}
out:
	scene_free(&sc);
	return rv;
}

/* `scene rm CODE [--force]` */
int
cli_scene_rm(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, OPT_FORCE },
		{ NULL, 0, NULL, 0 }
	};
	struct scene		 sc;
	struct board_counts	 n;
	const char		*arg;
	char			*cause, **rest;
	int			 ch, force = 0, rv = 1;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch != OPT_FORCE)
			return 2;
		force = 1;
	}
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one scene code");
	if (cli_begin(c) != 0 || cli_scene(c, rest[0], &sc) != 0)
		return 1;
	if (db_scene_counts(c->db, sc.id, &n, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (n.shots > 0 && !force) {
		rv = cli_error(c, "scene %s has %lld %s%s, %lld %s%s and "
		    "%lld %s%s (%lld reviewed); use --force to delete them "
		    "with it", sc.code, CLI_N(n.shots, "shot"),
		    CLI_N(n.prompts, "prompt variant"), CLI_N(n.takes, "take"),
		    n.reviewed);
		goto out;
	}
	if (db_scene_rm(c->db, sc.id, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (cli_commit(c) != 0)
		goto out;
	out_line("scene %s deleted with %lld %s%s and %lld %s%s", sc.code,
	    CLI_N(n.shots, "shot"), CLI_N(n.takes, "take"));
	if (n.files > 0)
		out_line("%lld %s%s left in %s/takes/",
		    CLI_N(n.files, "clip file"), db_dir(c->db));
	rv = 0;
out:
	scene_free(&sc);
	return rv;
}
