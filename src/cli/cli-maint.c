/* SPDX-License-Identifier: ISC */
/*
 * `takeboard backup FILE` writes a consistent copy of the database while
 * others keep working; `takeboard check` verifies the database
 * (integrity and foreign keys) and every clip it refers to (present,
 * with its recorded size), and lists partial files left in takes/ by an
 * interrupted copy.
 */
#include "config.h"

#include "cli/cli-maint.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "util/fsutil.h"
#include "util/xmalloc.h"
#include "db/db.h"
#include "db/db-maint.h"
#include "cli/cli.h"
#include "cli/cli-opt.h"
#include "cli/cli-out.h"

#define MAINT_DEPTH	8

enum {
	OPT_JSON = 256
};

/* `backup FILE` */
int
cli_backup(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ NULL, 0, NULL, 0 }
	};
	const char	*arg;
	char		*cause, **rest;

	if (cli_opt_next(c, argc, argv, opts, &arg) != CLI_OPT_END)
		return 2;
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give the file to write the backup "
		    "to");
	if (cli_db(c) == NULL)
		return 1;
	if (db_maint_backup(c->db, rest[0], &cause) != 0)
		return cli_fail(c, cause);
	out_line("backup of %s written to %s", db_path(c->db), rest[0]);
	return 0;
}

static void
maint_problem(struct maint_problems *out, const char *what, char *detail)
{
	struct maint_problem	*p;

	p = ARRAY_ADD(out);
	p->what = xstrdup(what);
	p->detail = detail;
}

/* Partial files (".NAME.part") below dir, appended as problems. */
static void
maint_find_parts(const char *dir, const char *rel, int depth,
    struct maint_problems *out)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;
	char		*path, *r;
	size_t		 n;

	if (depth > MAINT_DEPTH)
		return;
	d = opendir(dir);
	if (d == NULL)
		return;
	for (;;) {
		e = readdir(d);
		if (e == NULL)
			break;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		path = fs_join(dir, e->d_name);
		r = fs_join(rel, e->d_name);
		n = strlen(e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			maint_find_parts(path, r, depth + 1, out);
		else if (n > 5 && strcmp(e->d_name + n - 5, ".part") == 0)
			maint_problem(out, "partial file", xasprintf("%s was "
			    "left by an interrupted copy or download", r));
		free(path);
		free(r);
	}
	closedir(d);
}

/* `check [--json]` */
int
cli_check(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 }
	};
	struct maint_problems	 probs;
	struct maint_clips	 clips;
	const char		*arg;
	char			*cause, **rest, *path, *takes;
	long long		 size;
	size_t			 i;
	int			 ch, json = 0, rv;
	cJSON			*o, *a, *p;

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
	memset(&probs, 0, sizeof probs);
	memset(&clips, 0, sizeof clips);
	if (db_maint_check(c->db, &probs, &cause) != 0 ||
	    db_maint_clips(c->db, &clips, &cause) != 0) {
		maint_problems_free(&probs);
		return cli_fail(c, cause);
	}
	for (i = 0; i < clips.n; i++) {
		path = fs_join(db_dir(c->db), clips.v[i].file);
		if (fs_size(path, &size, &cause) != 0) {
			maint_problem(&probs, "clip", xasprintf("take %lld: %s "
			    "is missing", clips.v[i].take_id, clips.v[i].file));
			free(cause);
		} else if (clips.v[i].size >= 0 && size != clips.v[i].size)
			maint_problem(&probs, "clip", xasprintf("take %lld: %s "
			    "has %lld bytes, %lld were recorded",
			    clips.v[i].take_id, clips.v[i].file, size,
			    clips.v[i].size));
		free(path);
	}
	takes = fs_join(db_dir(c->db), DB_TAKES_DIR);
	maint_find_parts(takes, DB_TAKES_DIR, 0, &probs);
	free(takes);
	if (json) {
		o = cJSON_CreateObject();
		cJSON_AddBoolToObject(o, "ok", probs.n == 0);
		cJSON_AddNumberToObject(o, "clips_checked", (double)clips.n);
		a = cJSON_AddArrayToObject(o, "problems");
		for (i = 0; i < probs.n; i++) {
			p = cJSON_CreateObject();
			cJSON_AddStringToObject(p, "what", probs.v[i].what);
			cJSON_AddStringToObject(p, "detail",
			    probs.v[i].detail);
			cJSON_AddItemToArray(a, p);
		}
		out_json(o);
	} else {
		for (i = 0; i < probs.n; i++)
			out_line("%s: %s", probs.v[i].what, probs.v[i].detail);
		if (probs.n == 0)
			out_line("ok: database intact, %zu clip%s present "
			    "with their recorded sizes", clips.n,
			    clips.n == 1 ? "" : "s");
	}
	rv = 0;
	if (probs.n > 0)
		rv = cli_error(NULL, "%zu problem%s found", probs.n,
		    probs.n == 1 ? "" : "s");
	maint_problems_free(&probs);
	maint_clips_free(&clips);
	return rv;
}
