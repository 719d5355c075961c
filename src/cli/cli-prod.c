/* SPDX-License-Identifier: ISC */
/*
 * Production-wide commands: `init` creates a production folder's
 * database and takes/ folder, `production` shows or changes the title,
 * frame rate and currency, and `log` prints the change log.
 */
#include "config.h"

#include "cli/cli-prod.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "util/fsutil.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/units.h"
#include "db/db.h"
#include "db/db-board.h"
#include "db/db-log.h"
#include "cli/cli.h"
#include "cli/cli-opt.h"
#include "cli/cli-out.h"

enum {
	OPT_TITLE = 256,
	OPT_FPS,
	OPT_CURRENCY,
	OPT_SHARED,
	OPT_JSON
};

/* Make a production folder shareable by its group: setgid folders that
 * the group can write, and a database file the group can write. */
static int
cli_make_shared(const char *dir, const char *takes, const char *dbfile,
    char **cause)
{
	const char	*paths[2];
	struct stat	 st;
	int		 i;

	paths[0] = dir;
	paths[1] = takes;
	for (i = 0; i < 2; i++) {
		if (stat(paths[i], &st) != 0 ||
		    chmod(paths[i], (st.st_mode & 07777) | S_IRWXG | S_ISGID)
		    != 0) {
			*cause = xasprintf("cannot share %s with its group: %s",
			    paths[i], strerror(errno));
			return -1;
		}
	}
	if (chmod(dbfile, 0660) != 0) {
		*cause = xasprintf("cannot share %s with its group: %s",
		    dbfile, strerror(errno));
		return -1;
	}
	return 0;
}

/* Remove a database file that init just made, with its WAL files. */
static void
cli_remove_db(const char *path)
{
	char	*side;

	unlink(path);
	side = xasprintf("%s-wal", path);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", path);
	unlink(side);
	free(side);
}

/* `takeboard init [--title T] [--fps N] [--currency C] [--shared]` */
int
cli_init(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "fps", required_argument, NULL, OPT_FPS },
		{ "currency", required_argument, NULL, OPT_CURRENCY },
		{ "shared", no_argument, NULL, OPT_SHARED },
		{ NULL, 0, NULL, 0 }
	};
	struct production	 p;
	struct db		*db = NULL;
	const char		*arg, *title = NULL, *env;
	char			*path = NULL, *dir = NULL, *takes = NULL;
	char			*cause = NULL, **rest;
	int			 ch, shared = 0, rv = 1;

	memset(&p, 0, sizeof p);
	p.fps = 24;
	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		switch (ch) {
		case OPT_TITLE:
			title = arg;
			break;
		case OPT_FPS:
			if (units_parse_fps(arg, &p.fps, &cause) != 0)
				return cli_fail(c, cause);
			break;
		case OPT_CURRENCY:
			free(p.currency);
			if (units_parse_currency(arg, &p.currency, &cause) != 0)
				return cli_fail(c, cause);
			break;
		case OPT_SHARED:
			shared = 1;
			break;
		default:
			free(p.currency);
			return 2;
		}
	}
	if (cli_opt_rest(argc, argv, &rest) != 0) {
		free(p.currency);
		return cli_usage_error(c, "init takes no arguments (got '%s')",
		    rest[0]);
	}
	env = getenv("TAKEBOARD_DB");
	if (c->dbopt != NULL)
		path = xstrdup(c->dbopt);
	else if (env != NULL && *env != '\0')
		path = xstrdup(env);
	else
		path = xstrdup(DB_FILE_NAME);
	dir = fs_dirname(path);
	if (!fs_is_dir(dir)) {
		rv = cli_error(c, "cannot create a production in %s: no such "
		    "folder", dir);
		goto out;
	}
	if (fs_exists(path)) {
		rv = cli_error(c, "%s already exists; init never replaces a "
		    "file (a production is there already, or another file "
		    "has that name)", path);
		goto out;
	}
	if (access(dir, W_OK) != 0) {
		char *why = xstrdup(strerror(errno));
		char *abs = realpath(dir, NULL);

		rv = cli_error(c, "cannot create a production in %s: %s",
		    abs != NULL ? abs : dir, why);
		free(why);
		free(abs);
		goto out;
	}
	if (cli_text(c, "title", title) != 0)
		goto out;
	if (title != NULL)
		p.title = str_trim(xstrdup(title));
	else {
		char *abs = realpath(dir, NULL);

		p.title = xstrdup(abs != NULL ? fs_basename(abs) : "Untitled");
		free(abs);
	}
	if (*p.title == '\0') {
		rv = cli_error(c, "the title must not be empty");
		goto out;
	}
	if (p.currency == NULL)
		p.currency = xstrdup("USD");
	takes = fs_join(dir, DB_TAKES_DIR);
	if (db_open(path, DB_OPEN_CREATE, &db, &cause) != 0) {
		rv = cli_fail(c, cause);
		goto out;
	}
	if (db_begin(db, &cause) != 0 ||
	    db_production_set(db, &p, &cause) != 0 ||
	    db_commit(db, &cause) != 0 ||
	    fs_mkdirs(takes, 0777, &cause) != 0) {
		/* Leave the folder as it was: no half-made production. */
		db_close(db);
		db = NULL;
		cli_remove_db(path);
		rv = cli_fail(c, cause);
		goto out;
	}
	if (shared && cli_make_shared(dir, takes, path, &cause) != 0) {
		rv = cli_fail(c, cause);
		goto out;
	}
	out_line("Created production '%s' (%g fps, %s) in %s", p.title, p.fps,
	    p.currency, db_path(db));
	rv = 0;
out:
	db_close(db);
	production_free(&p);
	free(takes);
	free(dir);
	free(path);
	return rv;
}

/* `takeboard production [--title T] [--fps N] [--currency C] [--json]` */
int
cli_production(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "fps", required_argument, NULL, OPT_FPS },
		{ "currency", required_argument, NULL, OPT_CURRENCY },
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 }
	};
	struct production	 p;
	const char		*arg, *title = NULL;
	char			*cause = NULL, *currency = NULL, **rest;
	double			 fps = 0;
	int			 ch, json = 0, rv = 1, found;
	cJSON			*o;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		switch (ch) {
		case OPT_TITLE:
			title = arg;
			break;
		case OPT_FPS:
			if (units_parse_fps(arg, &fps, &cause) != 0) {
				free(currency);
				return cli_fail(c, cause);
			}
			break;
		case OPT_CURRENCY:
			free(currency);
			if (units_parse_currency(arg, &currency, &cause) != 0)
				return cli_fail(c, cause);
			break;
		case OPT_JSON:
			json = 1;
			break;
		default:
			free(currency);
			return 2;
		}
	}
	if (cli_opt_rest(argc, argv, &rest) != 0) {
		free(currency);
		return cli_usage_error(c, "unexpected argument '%s'", rest[0]);
	}
	memset(&p, 0, sizeof p);
	if (title != NULL || fps > 0 || currency != NULL) {
		if (cli_begin(c) != 0)
			goto out;
		found = db_production_get(c->db, &p, &cause);
		if (found <= 0) {
			rv = found < 0 ? cli_fail(c, cause) :
			    cli_error(c, "the production has no settings row");
			goto out;
		}
		if (cli_text(c, "title", title) != 0)
			goto out;
		if (title != NULL) {
			free(p.title);
			p.title = str_trim(xstrdup(title));
			if (*p.title == '\0') {
				rv = cli_error(c, "the title must not be "
				    "empty");
				goto out;
			}
		}
		if (fps > 0)
			p.fps = fps;
		if (currency != NULL) {
			free(p.currency);
			p.currency = currency;
			currency = NULL;
		}
		if (db_production_set(c->db, &p, &cause) != 0) {
			rv = cli_fail(c, cause);
			goto out;
		}
		if (cli_commit(c) != 0)
			goto out;
		production_free(&p);
	}
	if (cli_db(c) == NULL)
		goto out;
	found = db_production_get(c->db, &p, &cause);
	if (found <= 0) {
		rv = found < 0 ? cli_fail(c, cause) :
		    cli_error(c, "the production has no settings row");
		goto out;
	}
	if (json) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "title", p.title);
		cJSON_AddNumberToObject(o, "fps", p.fps);
		cJSON_AddStringToObject(o, "currency", p.currency);
		cJSON_AddStringToObject(o, "created", p.created);
		cJSON_AddStringToObject(o, "path", db_path(c->db));
		out_json(o);
	} else {
		out_line("title     %s", p.title);
		out_line("fps       %g", p.fps);
		out_line("currency  %s", p.currency);
		out_line("created   %s", p.created);
		out_line("database  %s", db_path(c->db));
	}
	rv = 0;
out:
	free(currency);
	production_free(&p);
	return rv;
}

/* `takeboard log [N] [--json]` */
int
cli_log(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 }
	};
	struct event_list	 evs;
	struct table		*t;
	const char		*arg;
	char			*cause, **rest;
	long long		 n = 20;
	size_t			 i;
	int			 ch, json = 0, nrest;
	cJSON			*a, *o;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch == OPT_JSON)
			json = 1;
		else
			return 2;
	}
	nrest = cli_opt_rest(argc, argv, &rest);
	if (nrest > 1)
		return cli_usage_error(c, "too many arguments");
	if (nrest == 1 && str_to_ll(rest[0], 1, 1000000000, &n) != 0)
		return cli_error(c, "bad count '%s' (want a number of entries "
		    "from 1)", rest[0]);
	if (cli_db(c) == NULL)
		return 1;
	memset(&evs, 0, sizeof evs);
	if (db_log_list(c->db, n, &evs, &cause) != 0)
		return cli_fail(c, cause);
	if (json) {
		a = cJSON_CreateArray();
		for (i = 0; i < evs.n; i++) {
			o = cJSON_CreateObject();
			cJSON_AddNumberToObject(o, "id", (double)evs.v[i].id);
			cJSON_AddStringToObject(o, "at", evs.v[i].at);
			cJSON_AddStringToObject(o, "user", evs.v[i].user);
			cJSON_AddStringToObject(o, "action", evs.v[i].action);
			cJSON_AddStringToObject(o, "object", evs.v[i].object);
			cJSON_AddStringToObject(o, "detail", evs.v[i].detail);
			cJSON_AddItemToArray(a, o);
		}
		out_json(a);
	} else {
		t = table_new();
		table_col(t, "WHEN", TABLE_LEFT);
		table_col(t, "WHO", TABLE_LEFT);
		table_col(t, "ACTION", TABLE_LEFT);
		table_col(t, "WHAT", TABLE_LEFT);
		table_col(t, "DETAIL", TABLE_FLEX);
		for (i = 0; i < evs.n; i++) {
			table_cell(t, evs.v[i].at);
			table_cell(t, evs.v[i].user);
			table_cell(t, evs.v[i].action);
			table_cell(t, evs.v[i].object);
			table_cell(t, evs.v[i].detail);
		}
		table_print(t, c);
		table_free(t);
	}
	event_list_free(&evs);
	return 0;
}
