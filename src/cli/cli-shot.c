/* SPDX-License-Identifier: ISC */
/*
 * The `shot` commands. `add` and `edit` share one set of field options
 * and one validation path, so a value accepted by one is accepted by the
 * other; an empty value clears an optional field.
 */
#include "config.h"

#include "cli/cli-shot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/stats.h"
#include "model/units.h"
#include "db/db.h"
#include "db/db-board.h"
#include "db/db-prompt.h"
#include "db/db-stats.h"
#include "cli/cli.h"
#include "cli/cli-opt.h"
#include "cli/cli-out.h"

enum {
	OPT_CODE = 256,
	OPT_AFTER,
	OPT_FIRST,
	OPT_SCENE,
	OPT_DESCRIPTION,
	OPT_SIZE,
	OPT_ANGLE,
	OPT_MOVE,
	OPT_LENS,
	OPT_SECONDS,
	OPT_ACTION,
	OPT_DIALOGUE,
	OPT_NOTES,
	OPT_STATUS,
	OPT_JSON,
	OPT_FORCE
};

#define SHOT_FIELD_OPTS							\
	{ "code", required_argument, NULL, OPT_CODE },			\
	{ "size", required_argument, NULL, OPT_SIZE },			\
	{ "angle", required_argument, NULL, OPT_ANGLE },		\
	{ "move", required_argument, NULL, OPT_MOVE },			\
	{ "movement", required_argument, NULL, OPT_MOVE },		\
	{ "lens", required_argument, NULL, OPT_LENS },			\
	{ "seconds", required_argument, NULL, OPT_SECONDS },		\
	{ "action", required_argument, NULL, OPT_ACTION },		\
	{ "dialogue", required_argument, NULL, OPT_DIALOGUE },		\
	{ "notes", required_argument, NULL, OPT_NOTES },		\
	{ "status", required_argument, NULL, OPT_STATUS }

/* Field values given on the command line; NULL when not given. */
struct shot_opts {
	const char	*v[OPT_FORCE + 1];
	int		 n;
};

static int
shot_opts_take(struct shot_opts *o, int ch, const char *arg)
{
	if (ch < OPT_CODE || ch > OPT_STATUS || ch == OPT_AFTER ||
	    ch == OPT_FIRST || ch == OPT_SCENE)
		return 0;
	o->v[ch] = arg;
	o->n++;
	return 1;
}

static void
shot_set(char **field, const char *v)
{
	char	*s;

	free(*field);
	s = str_trim(xstrdup(v));
	if (*s == '\0') {
		free(s);
		s = NULL;
	}
	*field = s;
}

static void
shot_set_text(char **field, const char *v)
{
	free(*field);
	*field = xstrdup(v);
}

/* Validate the given field values and apply them to sh. 0, or 1 after
 * printing an error. */
static int
shot_opts_apply(struct cli *c, const struct shot_opts *o, struct shot *sh)
{
	char		*cause, *size;
	long long	 ms;
	int		 i;

	for (i = 0; i <= OPT_FORCE; i++) {
		if (cli_text(c, "text", o->v[i]) != 0)
			return 1;
	}
	if (o->v[OPT_DESCRIPTION] != NULL &&
	    *o->v[OPT_DESCRIPTION] == '\0')
		return cli_error(c, "the shot description must not be empty");
	if (o->v[OPT_CODE] != NULL) {
		if (board_check_code("shot code", o->v[OPT_CODE], &cause) != 0)
			return cli_fail(c, cause);
		shot_set_text(&sh->code, o->v[OPT_CODE]);
	}
	if (o->v[OPT_DESCRIPTION] != NULL)
		shot_set_text(&sh->description, o->v[OPT_DESCRIPTION]);
	if (o->v[OPT_SIZE] != NULL) {
		if (*o->v[OPT_SIZE] == '\0')
			shot_set(&sh->size, "");
		else {
			if (board_parse_shot_size(o->v[OPT_SIZE], &size,
			    &cause) != 0)
				return cli_fail(c, cause);
			free(sh->size);
			sh->size = size;
		}
	}
	if (o->v[OPT_ANGLE] != NULL)
		shot_set(&sh->angle, o->v[OPT_ANGLE]);
	if (o->v[OPT_MOVE] != NULL)
		shot_set(&sh->movement, o->v[OPT_MOVE]);
	if (o->v[OPT_LENS] != NULL)
		shot_set(&sh->lens, o->v[OPT_LENS]);
	if (o->v[OPT_SECONDS] != NULL) {
		if (*o->v[OPT_SECONDS] == '\0')
			sh->target_ms = BOARD_NONE;
		else {
			if (units_parse_seconds(o->v[OPT_SECONDS], &ms,
			    &cause) != 0)
				return cli_fail(c, cause);
			if (ms == 0)
				return cli_error(c, "the target duration must "
				    "be more than 0 seconds");
			sh->target_ms = ms;
		}
	}
	if (o->v[OPT_ACTION] != NULL)
		shot_set_text(&sh->action, o->v[OPT_ACTION]);
	if (o->v[OPT_DIALOGUE] != NULL)
		shot_set_text(&sh->dialogue, o->v[OPT_DIALOGUE]);
	if (o->v[OPT_NOTES] != NULL)
		shot_set_text(&sh->notes, o->v[OPT_NOTES]);
	if (o->v[OPT_STATUS] != NULL &&
	    status_parse(o->v[OPT_STATUS], &sh->status, &cause) != 0)
		return cli_fail(c, cause);
	return 0;
}

static cJSON *
shot_json(const struct shot *sh)
{
	cJSON	*o;

	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)sh->id);
	cJSON_AddStringToObject(o, "code", sh->code);
	cJSON_AddStringToObject(o, "scene", sh->scene_code);
	cJSON_AddNumberToObject(o, "position", (double)sh->position);
	cJSON_AddStringToObject(o, "description", sh->description);
	out_json_str(o, "size", sh->size);
	out_json_str(o, "angle", sh->angle);
	out_json_str(o, "movement", sh->movement);
	out_json_str(o, "lens", sh->lens);
	out_json_ms(o, "seconds", sh->target_ms);
	cJSON_AddStringToObject(o, "action", sh->action);
	cJSON_AddStringToObject(o, "dialogue", sh->dialogue);
	cJSON_AddStringToObject(o, "status", status_name(sh->status));
	cJSON_AddStringToObject(o, "notes", sh->notes);
	cJSON_AddNumberToObject(o, "variants", (double)sh->variants);
	cJSON_AddNumberToObject(o, "takes", (double)sh->takes);
	cJSON_AddNumberToObject(o, "kept", (double)sh->kept);
	cJSON_AddStringToObject(o, "created", sh->created);
	return o;
}

/* `shot add SCENE DESCRIPTION [field options] [--after SHOT | --first]` */
int
cli_shot_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		SHOT_FIELD_OPTS,
		{ "after", required_argument, NULL, OPT_AFTER },
		{ "first", no_argument, NULL, OPT_FIRST },
		{ NULL, 0, NULL, 0 }
	};
	struct shot_opts o;
	struct scene	 sc;
	struct shot	 sh, other;
	const char	*arg, *after = NULL;
	char		*cause, **rest;
	long long	 place = DB_PLACE_END;
	int		 ch, first = 0, rv = 1;

	memset(&o, 0, sizeof o);
	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch == OPT_AFTER)
			after = arg;
		else if (ch == OPT_FIRST)
			first = 1;
		else if (!shot_opts_take(&o, ch, arg))
			return 2;
	}
	if (cli_opt_rest(argc, argv, &rest) != 2)
		return cli_usage_error(c, "give the scene code and the shot "
		    "description (quote it)");
	if (after != NULL && first)
		return cli_usage_error(c, "--after and --first exclude each "
		    "other");
	memset(&sh, 0, sizeof sh);
	sh.target_ms = BOARD_NONE;
	sh.status = STATUS_PLANNED;
	o.v[OPT_DESCRIPTION] = rest[1];
	if (shot_opts_apply(c, &o, &sh) != 0)
		goto out;
	if (cli_begin(c) != 0 || cli_scene(c, rest[0], &sc) != 0)
		goto out;
	sh.scene_id = sc.id;
	scene_free(&sc);
	if (first)
		place = DB_PLACE_FIRST;
	else if (after != NULL) {
		if (cli_shot(c, after, &other) != 0)
			goto out;
		place = other.id;
		if (other.scene_id != sh.scene_id) {
			rv = cli_error(c, "shot %s is in scene %s, not in "
			    "scene %s", other.code, other.scene_code, rest[0]);
			shot_free(&other);
			goto out;
		}
		shot_free(&other);
	}
	if (db_shot_add(c->db, &sh, place, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (cli_commit(c) != 0)
		goto out;
	out_line("shot %s added to scene %s at position %lld", sh.code,
	    sh.scene_code, sh.position);
	rv = 0;
out:
	shot_free(&sh);
	return rv;
}

/* `shot list [SCENE] [--status S] [--json]` */
int
cli_shot_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 }
	};
	struct shot_list l;
	struct scene	 sc;
	struct table	*t;
	struct stats	 s;
	const char	*arg;
	char		*cause, **rest, *secs, *rate;
	enum status	 status;
	long long	 scene_id = 0;
	size_t		 i;
	int		 ch, json = 0, want = -1, nrest;
	cJSON		*a;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch == OPT_JSON)
			json = 1;
		else if (ch == OPT_STATUS) {
			if (status_parse(arg, &status, &cause) != 0)
				return cli_fail(c, cause);
			want = (int)status;
		} else
			return 2;
	}
	nrest = cli_opt_rest(argc, argv, &rest);
	if (nrest > 1)
		return cli_usage_error(c, "give at most one scene code");
	if (nrest == 1) {
		if (cli_scene(c, rest[0], &sc) != 0)
			return 1;
		scene_id = sc.id;
		scene_free(&sc);
	} else if (cli_db(c) == NULL)
		return 1;
	memset(&l, 0, sizeof l);
	if (db_shot_list(c->db, scene_id, want, &l, &cause) != 0)
		return cli_fail(c, cause);
	if (json) {
		a = cJSON_CreateArray();
		for (i = 0; i < l.n; i++)
			cJSON_AddItemToArray(a, shot_json(&l.v[i]));
		out_json(a);
		shot_list_free(&l);
		return 0;
	}
	t = table_new();
	table_col(t, "SHOT", TABLE_LEFT);
	table_col(t, "SCENE", TABLE_LEFT);
	table_col(t, "SIZE", TABLE_LEFT);
	table_col(t, "ANGLE", TABLE_LEFT);
	table_col(t, "MOVE", TABLE_LEFT);
	table_col(t, "SECS", TABLE_RIGHT);
	table_col(t, "STATUS", TABLE_LEFT);
	table_col(t, "TAKES", TABLE_RIGHT);
	table_col(t, "KEPT", TABLE_RIGHT);
	table_col(t, "KEEP%", TABLE_RIGHT);
	table_col(t, "DESCRIPTION", TABLE_FLEX);
	for (i = 0; i < l.n; i++) {
		memset(&s, 0, sizeof s);
		s.takes = l.v[i].takes;
		s.kept = l.v[i].kept;
		secs = l.v[i].target_ms == BOARD_NONE ? xstrdup("") :
		    units_fmt_seconds(l.v[i].target_ms);
		rate = stats_fmt_keep_rate(&s);
		table_cell(t, l.v[i].code);
		table_cell(t, l.v[i].scene_code);
		table_cell(t, l.v[i].size);
		table_cell(t, l.v[i].angle);
		table_cell(t, l.v[i].movement);
		table_cell(t, secs);
		table_cell(t, status_name(l.v[i].status));
		table_cellf(t, "%lld", l.v[i].takes);
		table_cellf(t, "%lld", l.v[i].kept);
		table_cell(t, rate);
		table_cell(t, l.v[i].description);
		free(secs);
		free(rate);
	}
	table_print(t, c);
	table_free(t);
	shot_list_free(&l);
	return 0;
}

/* `shot show SHOT [--json]` */
int
cli_shot_show(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 }
	};
	struct shot		 sh;
	struct prompt_list	 pl;
	struct stats_rows	 rows;
	struct stats		 total;
	struct stats_filter	 f;
	const char		*arg;
	char			*cause, **rest, *secs, *usage, *line;
	size_t			 i;
	int			 ch, json = 0, rv = 1;
	cJSON			*o, *a, *p;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch != OPT_JSON)
			return 2;
		json = 1;
	}
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one shot code");
	if (cli_shot(c, rest[0], &sh) != 0)
		return 1;
	memset(&pl, 0, sizeof pl);
	memset(&rows, 0, sizeof rows);
	memset(&f, 0, sizeof f);
	f.shot_id = sh.id;
	if (db_prompt_list(c->db, sh.id, &pl, &cause) != 0 ||
	    db_stats(c->db, STATS_BY_PRODUCTION, &f, &rows, &total,
	    &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (json) {
		o = shot_json(&sh);
		out_json_stats(cJSON_AddObjectToObject(o, "stats"), &total);
		a = cJSON_AddArrayToObject(o, "prompts");
		for (i = 0; i < pl.n; i++) {
			p = cJSON_CreateObject();
			cJSON_AddNumberToObject(p, "id", (double)pl.v[i].id);
			cJSON_AddStringToObject(p, "label", pl.v[i].label);
			cJSON_AddNumberToObject(p, "takes",
			    (double)pl.v[i].takes);
			cJSON_AddNumberToObject(p, "kept", (double)pl.v[i].kept);
			cJSON_AddItemToArray(a, p);
		}
		out_json(o);
		rv = 0;
		goto out;
	}
	secs = sh.target_ms == BOARD_NONE ? xstrdup("–") :
	    units_fmt_seconds(sh.target_ms);
	usage = stats_fmt_usage(&total);
	out_line("shot         %s (scene %s, position %lld)", sh.code,
	    sh.scene_code, sh.position);
	out_line("status       %s", status_name(sh.status));
	out_line("framing      %s / %s / %s / %s", sh.size ? sh.size : "–",
	    sh.angle ? sh.angle : "–", sh.movement ? sh.movement : "–",
	    sh.lens ? sh.lens : "–");
	out_line("seconds      %s", secs);
	out_line("takes        %lld, kept %lld, failed %lld, usage %s",
	    total.takes, total.kept, total.failed, usage);
	out_line("description");
	out_text(sh.description);
	if (*sh.action != '\0') {
		out_line("action");
		out_text(sh.action);
	}
	if (*sh.dialogue != '\0') {
		out_line("dialogue");
		out_text(sh.dialogue);
	}
	if (*sh.notes != '\0') {
		out_line("notes");
		out_text(sh.notes);
	}
	if (pl.n > 0)
		out_line("variants");
	for (i = 0; i < pl.n; i++) {
		line = str_first_line(pl.v[i].text);
		out_line("  %-4lld %-5s %3lld takes %3lld kept  %s",
		    pl.v[i].id, pl.v[i].label, pl.v[i].takes, pl.v[i].kept,
		    line);
		free(line);
	}
	free(secs);
	free(usage);
	rv = 0;
out:
	stats_rows_free(&rows);
	prompt_list_free(&pl);
	shot_free(&sh);
	return rv;
}

/* `shot edit SHOT [--description T] [field options]` */
int
cli_shot_edit(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		SHOT_FIELD_OPTS,
		{ "description", required_argument, NULL, OPT_DESCRIPTION },
		{ NULL, 0, NULL, 0 }
	};
	struct shot_opts o;
	struct shot	 sh;
	const char	*arg;
	char		*cause, **rest;
	int		 ch, rv = 1;

	memset(&o, 0, sizeof o);
	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (!shot_opts_take(&o, ch, arg))
			return 2;
	}
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one shot code");
	if (o.n == 0)
		return cli_usage_error(c, "nothing to change: give at least "
		    "one option");
	if (cli_begin(c) != 0 || cli_shot(c, rest[0], &sh) != 0)
		return 1;
	if (shot_opts_apply(c, &o, &sh) != 0)
		goto out;
	if (db_shot_update(c->db, &sh, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (cli_commit(c) == 0) {
		out_line("shot %s changed", sh.code);
		rv = 0;
	}
out:
	shot_free(&sh);
	return rv;
}

/* `shot move SHOT (--after SHOT | --first | --scene SCENE)` */
int
cli_shot_move(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "after", required_argument, NULL, OPT_AFTER },
		{ "first", no_argument, NULL, OPT_FIRST },
		{ "scene", required_argument, NULL, OPT_SCENE },
		{ NULL, 0, NULL, 0 }
	};
	struct shot	 sh, other;
	struct scene	 sc;
	const char	*arg, *after = NULL, *scene = NULL;
	char		*cause, **rest;
	long long	 scene_id, place = DB_PLACE_END;
	int		 ch, first = 0, rv = 1;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch == OPT_AFTER)
			after = arg;
		else if (ch == OPT_FIRST)
			first = 1;
		else if (ch == OPT_SCENE)
			scene = arg;
		else
			return 2;
	}
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one shot code");
	if (after == NULL && !first && scene == NULL)
		return cli_usage_error(c, "give --after SHOT, --first or "
		    "--scene SCENE");
	if (after != NULL && first)
		return cli_usage_error(c, "--after and --first exclude each "
		    "other");
	if (cli_begin(c) != 0 || cli_shot(c, rest[0], &sh) != 0)
		return 1;
	scene_id = sh.scene_id;
	if (scene != NULL) {
		if (cli_scene(c, scene, &sc) != 0)
			goto out;
		scene_id = sc.id;
		scene_free(&sc);
	}
	if (first)
		place = DB_PLACE_FIRST;
	if (after != NULL) {
		if (strcmp(after, sh.code) == 0) {
			rv = cli_error(c, "cannot move shot %s after itself",
			    sh.code);
			goto out;
		}
		if (cli_shot(c, after, &other) != 0)
			goto out;
		if (scene != NULL && other.scene_id != scene_id) {
			rv = cli_error(c, "shot %s is not in scene %s",
			    other.code, scene);
			shot_free(&other);
			goto out;
		}
		scene_id = other.scene_id;
		place = other.id;
		shot_free(&other);
	}
	if (db_shot_move(c->db, sh.id, scene_id, place, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (cli_commit(c) == 0) {
		out_line("shot %s moved", sh.code);
		rv = 0;
	}
out:
	shot_free(&sh);
	return rv;
}

/* `shot status SHOT STATUS` */
int
cli_shot_status(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ NULL, 0, NULL, 0 }
	};
	struct shot	 sh;
	const char	*arg;
	char		*cause, **rest;
	enum status	 st;
	int		 rv = 1;

	if (cli_opt_next(c, argc, argv, opts, &arg) != CLI_OPT_END)
		return 2;
	if (cli_opt_rest(argc, argv, &rest) != 2)
		return cli_usage_error(c, "give a shot code and a status");
	if (status_parse(rest[1], &st, &cause) != 0)
		return cli_fail(c, cause);
	if (cli_begin(c) != 0 || cli_shot(c, rest[0], &sh) != 0)
		return 1;
	sh.status = st;
	if (db_shot_update(c->db, &sh, &cause) != 0)
		cli_fail(c, cause);
	else if (cli_commit(c) == 0) {
		out_line("shot %s is now %s", sh.code, status_name(st));
		rv = 0;
	}
	shot_free(&sh);
	return rv;
}

/* `shot rm SHOT [--force]` */
int
cli_shot_rm(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, OPT_FORCE },
		{ NULL, 0, NULL, 0 }
	};
	struct shot		 sh;
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
		return cli_usage_error(c, "give one shot code");
	if (cli_begin(c) != 0 || cli_shot(c, rest[0], &sh) != 0)
		return 1;
	if (db_shot_counts(c->db, sh.id, &n, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if ((n.prompts > 0 || n.takes > 0) && !force) {
		rv = cli_error(c, "shot %s has %lld %s%s and %lld %s%s "
		    "(%lld reviewed); use --force to delete them with it",
		    sh.code, CLI_N(n.prompts, "prompt variant"),
		    CLI_N(n.takes, "take"), n.reviewed);
		goto out;
	}
	if (db_shot_rm(c->db, sh.id, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (cli_commit(c) != 0)
		goto out;
	out_line("shot %s deleted with %lld %s%s and %lld %s%s", sh.code,
	    CLI_N(n.prompts, "variant"), CLI_N(n.takes, "take"));
	if (n.files > 0)
		out_line("%lld %s%s left in %s/takes/",
		    CLI_N(n.files, "clip file"), db_dir(c->db));
	rv = 0;
out:
	shot_free(&sh);
	return rv;
}
