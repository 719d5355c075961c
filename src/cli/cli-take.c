/* SPDX-License-Identifier: ISC */
/*
 * The `take` commands. `take add` brings clips made elsewhere into the
 * production: each file is first copied (or hard-linked, with --move)
 * to a hidden ".part" name beside its final place, outside any
 * transaction; then one short transaction records the takes and renames
 * the copies into place. A failure anywhere removes what was placed, so
 * the database and takes/ never disagree and the team is never blocked
 * by a long copy.
 */
#include "config.h"

#include "cli/cli-take.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "util/fsutil.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/units.h"
#include "io/io-mp4.h"
#include "db/db.h"
#include "db/db-board.h"
#include "db/db-prompt.h"
#include "db/db-take.h"
#include "cli/cli.h"
#include "cli/cli-opt.h"
#include "cli/cli-out.h"

enum {
	OPT_PROMPT = 256,
	OPT_SECONDS,
	OPT_COST,
	OPT_BACKEND,
	OPT_MODEL,
	OPT_MOVE,
	OPT_FAILED,
	OPT_SCENE,
	OPT_VERDICT,
	OPT_STATUS,
	OPT_IN,
	OPT_OUT,
	OPT_REASON,
	OPT_JSON,
	OPT_FORCE
};

/* One clip on its way into the production. */
struct take_file {
	const char	*src;
	char		*stage;		/* absolute .part path */
	char		*dst;		/* absolute final path */
	char		*rel;		/* final path relative to production */
	long long	 size;
	long long	 ms;
	int		 placed;	/* renamed to dst */
};

/* The extension for a stored clip: the source's, lower case, when it is
 * short and plain; else none. */
static char *
take_ext(const char *src)
{
	const char	*e;
	char		*out;
	size_t		 i;

	e = fs_extension(src);
	if (*e == '\0' || strlen(e) > 8)
		return xstrdup("");
	for (i = 0; e[i] != '\0'; i++) {
		if (!isalnum((unsigned char)e[i]))
			return xstrdup("");
	}
	out = xasprintf(".%s", e);
	str_lower(out);
	return out;
}

/* Whether process pid is still running (a zombie is not). */
static int
take_pid_alive(long pid)
{
	char	 path[64], buf[256], *paren;
	FILE	*f;
	size_t	 n;

	if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
		return 0;
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	f = fopen(path, "r");
	if (f == NULL)
		return 1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	paren = strrchr(buf, ')');
	return !(paren != NULL && paren[1] == ' ' && paren[2] == 'Z');
}

/*
 * Remove staging files that an interrupted `take add` left in dir: they
 * are named ".SHOT-import-PID-N...", and the process PID is gone. A
 * running import's files (its process alive) are left alone.
 */
static void
take_clean_stale(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	const char	*p;
	char		*end, *path;
	long		 pid;

	d = opendir(dir);
	if (d == NULL)
		return;
	for (;;) {
		e = readdir(d);
		if (e == NULL)
			break;
		p = strstr(e->d_name, "-import-");
		if (e->d_name[0] != '.' || p == NULL)
			continue;
		errno = 0;
		pid = strtol(p + 8, &end, 10);
		if (errno != 0 || end == p + 8 || *end != '-' || pid <= 0)
			continue;
		if (take_pid_alive(pid))
			continue;
		path = fs_join(dir, e->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

static void
take_files_free(struct take_file *tf, int n)
{
	int	 i;

	for (i = 0; i < n; i++) {
		free(tf[i].stage);
		free(tf[i].dst);
		free(tf[i].rel);
	}
	free(tf);
}

/* Undo the placement of clips after a failure. */
static void
take_files_unplace(struct take_file *tf, int n)
{
	int	 i;

	for (i = 0; i < n; i++) {
		if (tf[i].stage != NULL)
			unlink(tf[i].stage);
		if (tf[i].placed)
			unlink(tf[i].dst);
		tf[i].placed = 0;
	}
}

/* `take add SHOT [--prompt VARIANT] [--seconds N] [--cost X] [--backend B]
 * [--model M] [--move] [--failed TEXT] [FILE...]` */
int
cli_take_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "prompt", required_argument, NULL, OPT_PROMPT },
		{ "variant", required_argument, NULL, OPT_PROMPT },
		{ "seconds", required_argument, NULL, OPT_SECONDS },
		{ "cost", required_argument, NULL, OPT_COST },
		{ "backend", required_argument, NULL, OPT_BACKEND },
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "move", no_argument, NULL, OPT_MOVE },
		{ "failed", required_argument, NULL, OPT_FAILED },
		{ NULL, 0, NULL, 0 }
	};
	struct shot		 sh;
	struct prompt		 pr;
	struct take		 tk;
	struct take_file	*tf = NULL;
	const char		*arg, *prompt = NULL, *backend = NULL;
	const char		*model = NULL, *failed = NULL;
	char			*cause = NULL, **rest, *dir = NULL, *ext, *name;
	char			*secs;
	long long		 ms = BOARD_NONE, cost = 0;
	long long		*ids = NULL;
	int			 ch, nfiles, i, move = 0, rv = 1, have_shot = 0;
	int			 ntakes, used;

	memset(&pr, 0, sizeof pr);
	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		switch (ch) {
		case OPT_PROMPT:
			prompt = arg;
			break;
		case OPT_SECONDS:
			if (units_parse_seconds(arg, &ms, &cause) != 0)
				return cli_fail(c, cause);
			if (ms == 0)
				return cli_error(c, "--seconds must be more "
				    "than 0");
			break;
		case OPT_COST:
			if (units_parse_money(arg, &cost, &cause) != 0)
				return cli_fail(c, cause);
			break;
		case OPT_BACKEND:
			backend = arg;
			break;
		case OPT_MODEL:
			model = arg;
			break;
		case OPT_MOVE:
			move = 1;
			break;
		case OPT_FAILED:
			failed = arg;
			break;
		default:
			return 2;
		}
	}
	nfiles = cli_opt_rest(argc, argv, &rest) - 1;
	if (nfiles < 0)
		return cli_usage_error(c, "give the shot code, then the clip "
		    "files (if any)");
	if (failed != NULL && nfiles > 0)
		return cli_usage_error(c, "a failed attempt has no clip: give "
		    "--failed or files, not both");
	if (move && nfiles == 0)
		return cli_usage_error(c, "--move needs clip files");
	if (failed != NULL && *failed == '\0')
		return cli_error(c, "say why the attempt failed (--failed "
		    "TEXT)");
	if (cli_text(c, "error text", failed) != 0 ||
	    cli_text(c, "backend", backend) != 0 ||
	    cli_text(c, "model", model) != 0)
		return 1;
	if (cli_shot(c, rest[0], &sh) != 0)
		return 1;
	have_shot = 1;
	if (prompt != NULL) {
		if (cli_prompt(c, prompt, &pr) != 0)
			goto out;
		if (pr.shot_id != sh.id) {
			rv = cli_error(c, "variant %s belongs to shot %s, not "
			    "to shot %s", prompt, pr.shot_code, sh.code);
			goto out;
		}
	}

	/* Check and stage every clip before taking the write lock. */
	ntakes = nfiles > 0 ? nfiles : 1;
	tf = xcalloc((size_t)ntakes, sizeof *tf);
	ids = xcalloc((size_t)ntakes, sizeof *ids);
	dir = xasprintf("%s/%s/%s/%s", db_dir(c->db), DB_TAKES_DIR,
	    sh.scene_code, sh.code);
	for (i = 0; i < nfiles; i++) {
		tf[i].src = rest[i + 1];
		tf[i].ms = ms;
		if (fs_size(tf[i].src, &tf[i].size, &cause) != 0)
			goto fail;
		if (access(tf[i].src, R_OK) != 0) {
			cause = xasprintf("cannot read %s: %s", tf[i].src,
			    strerror(errno));
			goto fail;
		}
		if (ms == BOARD_NONE &&
		    io_mp4_duration(tf[i].src, &tf[i].ms, &cause) != 0) {
			char *why = cause;

			cause = xasprintf("%s; give the duration with "
			    "--seconds", why);
			free(why);
			goto fail;
		}
	}
	if (nfiles > 0 && fs_mkdirs(dir, 0777, &cause) != 0)
		goto fail;
	if (nfiles > 0)
		take_clean_stale(dir);
	for (i = 0; i < nfiles; i++) {
		ext = take_ext(tf[i].src);
		tf[i].stage = xasprintf("%s/.%s-import-%ld-%d%s.part", dir,
		    sh.code, (long)getpid(), i, ext);
		free(ext);
		unlink(tf[i].stage);
		if (fs_place(tf[i].src, tf[i].stage, move, &cause) != 0) {
			free(tf[i].stage);
			tf[i].stage = NULL;
			goto fail;
		}
	}

	/* One transaction: record each take, then move its clip in. */
	if (cli_begin(c) != 0)
		goto unplace;
	for (i = 0; i < ntakes; i++) {
		memset(&tk, 0, sizeof tk);
		tk.shot_id = sh.id;
		tk.prompt_id = pr.id;
		tk.file_size = BOARD_NONE;
		tk.duration_ms = nfiles > 0 ? tf[i].ms : ms;
		tk.state = failed != NULL ? TAKE_FAILED : TAKE_READY;
		tk.error = failed != NULL ? xstrdup(failed) : NULL;
		tk.cost = cost;
		tk.backend = backend != NULL && *backend != '\0' ?
		    xstrdup(backend) : NULL;
		tk.model = model != NULL && *model != '\0' ? xstrdup(model) :
		    (pr.model != NULL ? xstrdup(pr.model) : NULL);
		if (failed != NULL)
			tk.duration_ms = BOARD_NONE;
		if (db_take_add(c->db, &tk, &cause) != 0) {
			take_free(&tk);
			goto fail_tx;
		}
		ids[i] = tk.id;
		take_free(&tk);
		if (i >= nfiles)
			continue;
		ext = take_ext(tf[i].src);
		name = xasprintf("%s-t%05lld%s", sh.code, ids[i], ext);
		free(ext);
		tf[i].rel = xasprintf("%s/%s/%s/%s", DB_TAKES_DIR,
		    sh.scene_code, sh.code, name);
		tf[i].dst = xasprintf("%s/%s", dir, name);
		free(name);
		if (fs_exists(tf[i].dst)) {
			/*
			 * No take refers to it: a copy made for a take whose
			 * import was interrupted before it was saved (ids of
			 * takes never saved come round again). Its source
			 * is still where it was, so it can go.
			 */
			used = db_take_file_used(c->db, tf[i].rel, &cause);
			if (used < 0)
				goto fail_tx;
			if (used > 0) {
				cause = xasprintf("%s already exists and "
				    "belongs to another take", tf[i].dst);
				goto fail_tx;
			}
			unlink(tf[i].dst);
		}
		if (rename(tf[i].stage, tf[i].dst) != 0) {
			cause = xasprintf("cannot move %s into place: %s",
			    tf[i].dst, strerror(errno));
			goto fail_tx;
		}
		free(tf[i].stage);
		tf[i].stage = NULL;
		tf[i].placed = 1;
		if (db_take_set_file(c->db, ids[i], tf[i].rel, tf[i].size,
		    &cause) != 0)
			goto fail_tx;
	}
	if (nfiles > 0)
		fs_fsync_dir(dir);
	if (cli_commit(c) != 0)
		goto unplace;
	for (i = 0; i < ntakes; i++) {
		if (i >= nfiles) {
			if (failed != NULL)
				out_line("take %lld added (%s, failed: %s)",
				    ids[i], sh.code, failed);
			else
				out_line("take %lld added (%s, no clip yet)",
				    ids[i], sh.code);
			continue;
		}
		secs = units_fmt_seconds(tf[i].ms);
		out_line("take %lld added (%s, %s s, %s)", ids[i], sh.code,
		    secs, tf[i].rel);
		free(secs);
		if (move && unlink(tf[i].src) != 0)
			fprintf(stderr, "takeboard: warning: kept %s: %s\n",
			    tf[i].src, strerror(errno));
	}
	rv = 0;
	goto out;
fail_tx:
	db_rollback(c->db);
fail:
	rv = cli_fail(c, cause);
unplace:
	if (tf != NULL)
		take_files_unplace(tf, nfiles);
	if (dir != NULL && nfiles > 0) {
		/* Leave no empty folders behind (rmdir keeps full ones). */
		char *up = fs_dirname(dir);

		rmdir(dir);
		rmdir(up);
		free(up);
	}
out:
	if (tf != NULL)
		take_files_free(tf, nfiles > 0 ? nfiles : 1);
	free(ids);
	free(dir);
	prompt_free(&pr);
	if (have_shot)
		shot_free(&sh);
	return rv;
}

static cJSON *
take_json(const struct take *tk)
{
	cJSON	*o, *a;
	size_t	 i;

	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)tk->id);
	cJSON_AddStringToObject(o, "scene", tk->scene_code);
	cJSON_AddStringToObject(o, "shot", tk->shot_code);
	if (tk->prompt_id > 0)
		cJSON_AddNumberToObject(o, "prompt", (double)tk->prompt_id);
	else
		cJSON_AddNullToObject(o, "prompt");
	out_json_str(o, "label", tk->prompt_label);
	out_json_str(o, "file", tk->file);
	if (tk->file_size >= 0)
		cJSON_AddNumberToObject(o, "file_size", (double)tk->file_size);
	else
		cJSON_AddNullToObject(o, "file_size");
	out_json_ms(o, "seconds", tk->duration_ms);
	cJSON_AddStringToObject(o, "status", take_state_name(tk->state));
	out_json_str(o, "error", tk->error);
	out_json_str(o, "job_id", tk->job_id);
	out_json_str(o, "backend", tk->backend);
	out_json_str(o, "model", tk->model);
	out_json_money(o, "cost", tk->cost);
	cJSON_AddStringToObject(o, "verdict", verdict_name(tk->verdict));
	a = cJSON_AddArrayToObject(o, "reasons");
	for (i = 0; i < tk->reasons.n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(tk->reasons.v[i]));
	if (tk->rating > 0)
		cJSON_AddNumberToObject(o, "rating", tk->rating);
	else
		cJSON_AddNullToObject(o, "rating");
	out_json_ms(o, "in", tk->in_ms);
	out_json_ms(o, "out", tk->out_ms);
	out_json_ms(o, "seconds_used", board_take_used_ms(tk));
	cJSON_AddStringToObject(o, "notes", tk->notes);
	cJSON_AddStringToObject(o, "created", tk->created);
	cJSON_AddStringToObject(o, "created_by", tk->created_by);
	out_json_str(o, "verdict_by", tk->verdict_by);
	out_json_str(o, "verdict_at", tk->verdict_at);
	return o;
}

static char *
take_secs(long long ms)
{
	return ms == BOARD_NONE ? xstrdup("") : units_fmt_seconds(ms);
}

/* `take list [SHOT] [--scene CODE] [--prompt VARIANT] [--verdict V]
 * [--status S] [--json]` */
int
cli_take_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "scene", required_argument, NULL, OPT_SCENE },
		{ "prompt", required_argument, NULL, OPT_PROMPT },
		{ "variant", required_argument, NULL, OPT_PROMPT },
		{ "verdict", required_argument, NULL, OPT_VERDICT },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 }
	};
	struct take_filter	 f;
	struct take_list	 l;
	struct scene		 sc;
	struct shot		 sh;
	struct prompt		 pr;
	struct table		*t;
	const char		*arg, *scene = NULL, *prompt = NULL;
	char			*cause, **rest, *s[5];
	enum verdict		 v;
	enum take_state		 ts;
	size_t			 i;
	int			 ch, json = 0, nrest, k;
	cJSON			*a;

	take_filter_init(&f);
	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		switch (ch) {
		case OPT_SCENE:
			scene = arg;
			break;
		case OPT_PROMPT:
			prompt = arg;
			break;
		case OPT_VERDICT:
			if (verdict_parse(arg, &v, &cause) != 0)
				return cli_fail(c, cause);
			f.verdict = (int)v;
			break;
		case OPT_STATUS:
			if (take_state_parse(arg, &ts, &cause) != 0)
				return cli_fail(c, cause);
			f.state = (int)ts;
			break;
		case OPT_JSON:
			json = 1;
			break;
		default:
			return 2;
		}
	}
	nrest = cli_opt_rest(argc, argv, &rest);
	if (nrest > 1)
		return cli_usage_error(c, "give at most one shot code");
	if (cli_db(c) == NULL)
		return 1;
	if (nrest == 1) {
		if (cli_shot(c, rest[0], &sh) != 0)
			return 1;
		f.shot_id = sh.id;
		shot_free(&sh);
	}
	if (scene != NULL) {
		if (cli_scene(c, scene, &sc) != 0)
			return 1;
		f.scene_id = sc.id;
		scene_free(&sc);
	}
	if (prompt != NULL) {
		if (cli_prompt(c, prompt, &pr) != 0)
			return 1;
		f.prompt_id = pr.id;
		prompt_free(&pr);
	}
	memset(&l, 0, sizeof l);
	if (db_take_list(c->db, &f, &l, &cause) != 0)
		return cli_fail(c, cause);
	if (json) {
		a = cJSON_CreateArray();
		for (i = 0; i < l.n; i++)
			cJSON_AddItemToArray(a, take_json(&l.v[i]));
		out_json(a);
		take_list_free(&l);
		return 0;
	}
	t = table_new();
	table_col(t, "ID", TABLE_RIGHT);
	table_col(t, "SHOT", TABLE_LEFT);
	table_col(t, "VAR", TABLE_LEFT);
	table_col(t, "STATUS", TABLE_LEFT);
	table_col(t, "VERDICT", TABLE_LEFT);
	table_col(t, "RATE", TABLE_RIGHT);
	table_col(t, "SECS", TABLE_RIGHT);
	table_col(t, "IN", TABLE_RIGHT);
	table_col(t, "OUT", TABLE_RIGHT);
	table_col(t, "COST", TABLE_RIGHT);
	table_col(t, "WHO", TABLE_LEFT);
	table_col(t, "REASONS", TABLE_FLEX);
	for (i = 0; i < l.n; i++) {
		const struct take *tk = &l.v[i];

		s[0] = take_secs(tk->duration_ms);
		s[1] = take_secs(tk->in_ms);
		s[2] = take_secs(tk->out_ms);
		s[3] = units_fmt_money(tk->cost);
		s[4] = tk->state == TAKE_FAILED && tk->error != NULL ?
		    xstrdup(tk->error) : str_list_join(&tk->reasons, ",");
		table_cellf(t, "%lld", tk->id);
		table_cell(t, tk->shot_code);
		table_cell(t, tk->prompt_label);
		table_cell(t, take_state_name(tk->state));
		table_cell(t, verdict_name(tk->verdict));
		if (tk->rating > 0)
			table_cellf(t, "%d", tk->rating);
		else
			table_cell(t, "");
		table_cell(t, s[0]);
		table_cell(t, s[1]);
		table_cell(t, s[2]);
		table_cell(t, s[3]);
		table_cell(t, tk->verdict_by != NULL ? tk->verdict_by :
		    tk->created_by);
		table_cell(t, s[4]);
		for (k = 0; k < 5; k++)
			free(s[k]);
	}
	table_print(t, c);
	table_free(t);
	take_list_free(&l);
	return 0;
}

/* `take show TAKE [--json]` */
int
cli_take_show(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 }
	};
	struct take	 tk;
	const char	*arg;
	char		**rest, *secs, *in, *out, *used, *cost, *reasons;
	int		 ch, json = 0;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch != OPT_JSON)
			return 2;
		json = 1;
	}
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one take id");
	if (cli_take(c, rest[0], &tk) != 0)
		return 1;
	if (json) {
		out_json(take_json(&tk));
		take_free(&tk);
		return 0;
	}
	secs = tk.duration_ms == BOARD_NONE ? xstrdup("–") :
	    units_fmt_seconds(tk.duration_ms);
	in = tk.in_ms == BOARD_NONE ? xstrdup("start") :
	    units_fmt_seconds(tk.in_ms);
	out = tk.out_ms == BOARD_NONE ? xstrdup("end") :
	    units_fmt_seconds(tk.out_ms);
	used = units_fmt_seconds(board_take_used_ms(&tk));
	cost = units_fmt_money(tk.cost);
	reasons = str_list_join(&tk.reasons, ", ");
	out_line("take      %lld (shot %s, scene %s)", tk.id, tk.shot_code,
	    tk.scene_code);
	out_line("variant   %s", tk.prompt_label != NULL ? tk.prompt_label :
	    "–");
	out_line("status    %s%s%s", take_state_name(tk.state),
	    tk.error != NULL ? ": " : "", tk.error != NULL ? tk.error : "");
	out_line("clip      %s", tk.file != NULL ? tk.file : "–");
	out_line("seconds   %s", secs);
	out_line("verdict   %s%s%s%s%s", verdict_name(tk.verdict),
	    tk.verdict_by != NULL ? " by " : "",
	    tk.verdict_by != NULL ? tk.verdict_by : "",
	    tk.verdict_at != NULL ? " at " : "",
	    tk.verdict_at != NULL ? tk.verdict_at : "");
	if (tk.verdict == VERDICT_KEEP)
		out_line("cut       %s to %s (%s s used)", in, out, used);
	if (tk.reasons.n > 0)
		out_line("reasons   %s", reasons);
	if (tk.rating > 0)
		out_line("rating    %d", tk.rating);
	out_line("cost      %s", cost);
	if (tk.backend != NULL || tk.model != NULL)
		out_line("made by   %s%s%s", tk.backend != NULL ? tk.backend :
		    "", tk.backend != NULL && tk.model != NULL ? " " : "",
		    tk.model != NULL ? tk.model : "");
	out_line("added     %s by %s", tk.created, tk.created_by);
	if (*tk.notes != '\0') {
		out_line("notes");
		out_text(tk.notes);
	}
	free(secs);
	free(in);
	free(out);
	free(used);
	free(cost);
	free(reasons);
	take_free(&tk);
	return 0;
}

/* The shared body of keep/maybe/reject/unreview. */
static int
take_verdict(struct cli *c, const char *ref, enum verdict v,
    const struct str_list *reasons, long long in, long long out)
{
	struct take	 tk;
	char		*cause;
	int		 rv = 1;

	if (cli_begin(c) != 0 || cli_take(c, ref, &tk) != 0)
		return 1;
	if (db_take_verdict(c->db, tk.id, v, reasons, in, out, &cause) != 0)
		cli_fail(c, cause);
	else if (cli_commit(c) == 0) {
		out_line("take %lld: %s", tk.id, verdict_name(v));
		rv = 0;
	}
	take_free(&tk);
	return rv;
}

/* `take keep TAKE [--in S] [--out S]` */
int
cli_take_keep(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "in", required_argument, NULL, OPT_IN },
		{ "out", required_argument, NULL, OPT_OUT },
		{ NULL, 0, NULL, 0 }
	};
	const char	*arg;
	char		*cause, **rest;
	long long	 in = BOARD_NONE, out = BOARD_NONE;
	int		 ch;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch == OPT_IN || ch == OPT_OUT) {
			if (units_parse_seconds(arg, ch == OPT_IN ? &in : &out,
			    &cause) != 0)
				return cli_fail(c, cause);
		} else
			return 2;
	}
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one take id");
	if (out == 0)
		return cli_error(c, "the out point must be after 0");
	return take_verdict(c, rest[0], VERDICT_KEEP, NULL, in, out);
}

static int
take_simple_verdict(struct cli *c, int argc, char **argv, enum verdict v)
{
	static const struct option opts[] = {
		{ NULL, 0, NULL, 0 }
	};
	const char	*arg;
	char		**rest;

	if (cli_opt_next(c, argc, argv, opts, &arg) != CLI_OPT_END)
		return 2;
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one take id");
	return take_verdict(c, rest[0], v, NULL, BOARD_NONE, BOARD_NONE);
}

/* `take maybe TAKE` */
int
cli_take_maybe(struct cli *c, int argc, char **argv)
{
	return take_simple_verdict(c, argc, argv, VERDICT_MAYBE);
}

/* `take unreview TAKE` */
int
cli_take_unreview(struct cli *c, int argc, char **argv)
{
	return take_simple_verdict(c, argc, argv, VERDICT_UNREVIEWED);
}

/* `take reject TAKE [--reason TAG]...`; a TAG may hold several tags
 * separated by commas. */
int
cli_take_reject(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, OPT_REASON },
		{ NULL, 0, NULL, 0 }
	};
	struct str_list	 reasons;
	const char	*arg;
	char		*cause, **rest, *copy, *p, *comma, *tag;
	int		 ch, given = 0, rv;

	memset(&reasons, 0, sizeof reasons);
	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch != OPT_REASON) {
			str_list_free(&reasons);
			return 2;
		}
		given = 1;
		copy = xstrdup(arg);
		for (p = copy; p != NULL; p = comma != NULL ? comma + 1 :
		    NULL) {
			comma = strchr(p, ',');
			if (comma != NULL)
				*comma = '\0';
			if (board_parse_reason(p, &tag, &cause) != 0) {
				free(copy);
				str_list_free(&reasons);
				return cli_fail(c, cause);
			}
			str_list_add(&reasons, tag);
			free(tag);
		}
		free(copy);
	}
	if (cli_opt_rest(argc, argv, &rest) != 1) {
		str_list_free(&reasons);
		return cli_usage_error(c, "give one take id");
	}
	rv = take_verdict(c, rest[0], VERDICT_REJECT, given ? &reasons : NULL,
	    BOARD_NONE, BOARD_NONE);
	str_list_free(&reasons);
	return rv;
}

/* `take rate TAKE N` (0 clears the rating) */
int
cli_take_rate(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ NULL, 0, NULL, 0 }
	};
	struct take	 tk;
	const char	*arg;
	char		*cause, **rest;
	int		 rating = 0, rv = 1;

	if (cli_opt_next(c, argc, argv, opts, &arg) != CLI_OPT_END)
		return 2;
	if (cli_opt_rest(argc, argv, &rest) != 2)
		return cli_usage_error(c, "give a take id and a rating 1 to 5");
	if (strcmp(rest[1], "0") != 0 &&
	    board_parse_rating(rest[1], &rating, &cause) != 0)
		return cli_fail(c, cause);
	if (cli_begin(c) != 0 || cli_take(c, rest[0], &tk) != 0)
		return 1;
	if (db_take_rate(c->db, tk.id, rating, &cause) != 0)
		cli_fail(c, cause);
	else if (cli_commit(c) == 0) {
		if (rating > 0)
			out_line("take %lld: rated %d", tk.id, rating);
		else
			out_line("take %lld: rating cleared", tk.id);
		rv = 0;
	}
	take_free(&tk);
	return rv;
}

/* `take note TAKE TEXT` (an empty TEXT clears the note) */
int
cli_take_note(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ NULL, 0, NULL, 0 }
	};
	struct take	 tk;
	const char	*arg;
	char		*cause, **rest;
	int		 rv = 1;

	if (cli_opt_next(c, argc, argv, opts, &arg) != CLI_OPT_END)
		return 2;
	if (cli_opt_rest(argc, argv, &rest) != 2)
		return cli_usage_error(c, "give a take id and the note (quote "
		    "it)");
	if (cli_text(c, "note", rest[1]) != 0)
		return 1;
	if (cli_begin(c) != 0 || cli_take(c, rest[0], &tk) != 0)
		return 1;
	if (db_take_note(c->db, tk.id, rest[1], &cause) != 0)
		cli_fail(c, cause);
	else if (cli_commit(c) == 0) {
		out_line("take %lld: note saved", tk.id);
		rv = 0;
	}
	take_free(&tk);
	return rv;
}

/* `take rm TAKE [--force]` */
int
cli_take_rm(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, OPT_FORCE },
		{ NULL, 0, NULL, 0 }
	};
	struct take	 tk;
	const char	*arg;
	char		*cause, **rest;
	int		 ch, force = 0, rv = 1;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch != OPT_FORCE)
			return 2;
		force = 1;
	}
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one take id");
	if (cli_begin(c) != 0 || cli_take(c, rest[0], &tk) != 0)
		return 1;
	if (tk.verdict != VERDICT_UNREVIEWED && !force) {
		rv = cli_error(c, "take %lld has a verdict (%s); use --force "
		    "to delete it", tk.id, verdict_name(tk.verdict));
		goto out;
	}
	if (tk.rating > 0 && !force) {
		rv = cli_error(c, "take %lld is rated %d; use --force to "
		    "delete it", tk.id, tk.rating);
		goto out;
	}
	if (db_take_rm(c->db, tk.id, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (cli_commit(c) != 0)
		goto out;
	out_line("take %lld deleted", tk.id);
	if (tk.file != NULL)
		out_line("its clip was left at %s/%s", db_dir(c->db), tk.file);
	rv = 0;
out:
	take_free(&tk);
	return rv;
}
