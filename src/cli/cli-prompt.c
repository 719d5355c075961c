/* SPDX-License-Identifier: ISC */
/*
 * The `prompt` commands. A variant's text comes from the argument, a
 * file, standard input, or an editor opened on a template the way git
 * opens one for a commit message: lines starting with '#' are dropped
 * and an empty result aborts.
 */
#include "config.h"

#include "cli/cli-prompt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "util/buf.h"
#include "util/editor.h"
#include "util/sanitize.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/stats.h"
#include "model/units.h"
#include "model/wdiff.h"
#include "db/db.h"
#include "db/db-board.h"
#include "db/db-prompt.h"
#include "cli/cli.h"
#include "cli/cli-opt.h"
#include "cli/cli-out.h"

#define PROMPT_MAX	(1024 * 1024)	/* a prompt is text, not a file */

enum {
	OPT_FILE = 256,
	OPT_LABEL,
	OPT_MODEL,
	OPT_SECONDS,
	OPT_SIZE,
	OPT_FROM,
	OPT_JSON,
	OPT_FORCE
};

/* Read all of f (at most PROMPT_MAX bytes). Returns an allocated string
 * or NULL with *cause. */
static char *
prompt_read_stream(FILE *f, const char *name, char **cause)
{
	struct buf	 b;
	char		 chunk[8192];
	size_t		 n;

	buf_init(&b);
	for (;;) {
		n = fread(chunk, 1, sizeof chunk, f);
		if (n > 0)
			buf_add(&b, chunk, n);
		if (b.len > PROMPT_MAX) {
			*cause = xasprintf("%s: too long for a prompt (over "
			    "1 MiB)", name);
			buf_fini(&b);
			return NULL;
		}
		if (n < sizeof chunk)
			break;
	}
	if (ferror(f)) {
		*cause = xasprintf("cannot read %s: %s", name, strerror(errno));
		buf_fini(&b);
		return NULL;
	}
	if (memchr(buf_str(&b), '\0', b.len) != NULL) {
		*cause = xasprintf("%s: contains NUL bytes, not text", name);
		buf_fini(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static char *
prompt_read_file(const char *path, char **cause)
{
	FILE	*f;
	char	*s;

	f = fopen(path, "r");
	if (f == NULL) {
		*cause = xasprintf("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	s = prompt_read_stream(f, path, cause);
	fclose(f);
	return s;
}

/* Let the user write the prompt in their editor; NULL with *cause when
 * the editor fails or the result is empty. */
static char *
prompt_edit(const char *shot, const char *initial, char **cause)
{
	char	*comment, *text;

	comment = xasprintf("Write the prompt for shot %s above.\nLines "
	    "starting with '#' are ignored; an empty prompt aborts.", shot);
	text = editor_edit(initial, comment, cause);
	free(comment);
	if (text == NULL) {
		char *why = *cause;

		*cause = xasprintf("%s; nothing was added", why);
		free(why);
		return NULL;
	}
	if (*text == '\0') {
		free(text);
		*cause = xstrdup("empty prompt; nothing was added");
		return NULL;
	}
	return text;
}

static cJSON *
prompt_json(const struct prompt *pr)
{
	cJSON	*o;

	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)pr->id);
	cJSON_AddStringToObject(o, "shot", pr->shot_code);
	cJSON_AddStringToObject(o, "label", pr->label);
	if (pr->parent_id > 0)
		cJSON_AddNumberToObject(o, "parent", (double)pr->parent_id);
	else
		cJSON_AddNullToObject(o, "parent");
	cJSON_AddStringToObject(o, "text", pr->text);
	out_json_str(o, "model", pr->model);
	out_json_ms(o, "seconds", pr->seconds_ms);
	out_json_str(o, "size", pr->size);
	cJSON_AddStringToObject(o, "author", pr->author);
	cJSON_AddStringToObject(o, "created", pr->created);
	cJSON_AddNumberToObject(o, "takes", (double)pr->takes);
	cJSON_AddNumberToObject(o, "kept", (double)pr->kept);
	return o;
}

/* `prompt add SHOT [TEXT | --file F | -] [--label L] [--model M]
 * [--seconds N] [--size WxH] [--from VARIANT]` */
int
cli_prompt_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "file", required_argument, NULL, OPT_FILE },
		{ "label", required_argument, NULL, OPT_LABEL },
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "seconds", required_argument, NULL, OPT_SECONDS },
		{ "size", required_argument, NULL, OPT_SIZE },
		{ "from", required_argument, NULL, OPT_FROM },
		{ NULL, 0, NULL, 0 }
	};
	struct prompt	 pr, parent;
	struct shot	 sh;
	const char	*arg, *file = NULL, *label = NULL, *model = NULL;
	const char	*from = NULL;
	char		*cause = NULL, **rest, *text = NULL, *size = NULL;
	long long	 ms = BOARD_NONE;
	int		 ch, nrest, rv = 1, have_parent = 0;

	memset(&pr, 0, sizeof pr);
	memset(&parent, 0, sizeof parent);
	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		switch (ch) {
		case OPT_FILE:
			file = arg;
			break;
		case OPT_LABEL:
			label = arg;
			break;
		case OPT_MODEL:
			model = arg;
			break;
		case OPT_SECONDS:
			if (units_parse_seconds(arg, &ms, &cause) != 0)
				goto fail;
			if (ms == 0) {
				rv = cli_error(c, "--seconds must be more "
				    "than 0");
				goto out;
			}
			break;
		case OPT_SIZE:
			free(size);
			size = NULL;
			if (units_parse_frame_size(arg, &size, &cause) != 0)
				goto fail;
			break;
		case OPT_FROM:
			from = arg;
			break;
		default:
			rv = 2;
			goto out;
		}
	}
	nrest = cli_opt_rest(argc, argv, &rest);
	if (nrest < 1 || nrest > 2) {
		rv = cli_usage_error(c, "give a shot code and at most one "
		    "prompt text (quote it)");
		goto out;
	}
	if (nrest == 2 && file != NULL) {
		rv = cli_usage_error(c, "give the text or --file, not both");
		goto out;
	}
	if (label != NULL && (strchr(label, '/') != NULL ||
	    board_check_code("variant label", label, &cause) != 0)) {
		if (cause == NULL)
			cause = xasprintf("bad variant label '%s'", label);
		goto fail;
	}
	if (cli_shot(c, rest[0], &sh) != 0)
		goto out;
	pr.shot_id = sh.id;
	if (from != NULL) {
		if (cli_prompt(c, from, &parent) != 0) {
			shot_free(&sh);
			goto out;
		}
		have_parent = 1;
		if (parent.shot_id != sh.id) {
			rv = cli_error(c, "variant %s belongs to shot %s, not "
			    "to shot %s", from, parent.shot_code, sh.code);
			shot_free(&sh);
			goto out;
		}
		pr.parent_id = parent.id;
	}
	/* Read the text before taking the write lock: an editor session
	 * can last minutes and must not block the rest of the team. */
	if (file != NULL)
		text = prompt_read_file(file, &cause);
	else if (nrest == 2 && strcmp(rest[1], "-") == 0)
		text = prompt_read_stream(stdin, "standard input", &cause);
	else if (nrest == 2)
		text = xstrdup(rest[1]);
	else
		text = prompt_edit(sh.code, have_parent ? parent.text : NULL,
		    &cause);
	shot_free(&sh);
	if (text == NULL)
		goto fail;
	str_trim(text);
	if (cli_text(c, "prompt", text) != 0 || cli_text(c, "model",
	    model) != 0)
		goto out;
	if (*text == '\0') {
		rv = cli_error(c, "empty prompt; nothing was added");
		goto out;
	}
	pr.text = text;
	text = NULL;
	pr.label = label != NULL ? xstrdup(label) : NULL;
	pr.model = model != NULL && *model != '\0' ? xstrdup(model) :
	    (have_parent && parent.model != NULL ? xstrdup(parent.model) :
	    NULL);
	pr.seconds_ms = ms != BOARD_NONE ? ms :
	    (have_parent ? parent.seconds_ms : BOARD_NONE);
	pr.size = size != NULL ? xstrdup(size) :
	    (have_parent && parent.size != NULL ? xstrdup(parent.size) : NULL);
	if (cli_begin(c) != 0)
		goto out;
	if (db_prompt_add(c->db, &pr, &cause) != 0)
		goto fail;
	if (cli_commit(c) != 0)
		goto out;
	out_line("variant %lld (%s/%s) added", pr.id, pr.shot_code, pr.label);
	rv = 0;
	goto out;
fail:
	rv = cli_fail(c, cause);
out:
	free(text);
	free(size);
	prompt_free(&pr);
	prompt_free(&parent);
	return rv;
}

/* `prompt list SHOT [--json]` */
int
cli_prompt_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 }
	};
	struct prompt_list	 l;
	struct shot		 sh;
	struct table		*t;
	struct stats		 s;
	const char		*arg;
	char			*cause, **rest, *line, *rate, *secs;
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
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one shot code");
	if (cli_shot(c, rest[0], &sh) != 0)
		return 1;
	memset(&l, 0, sizeof l);
	if (db_prompt_list(c->db, sh.id, &l, &cause) != 0) {
		shot_free(&sh);
		return cli_fail(c, cause);
	}
	shot_free(&sh);
	if (json) {
		a = cJSON_CreateArray();
		for (i = 0; i < l.n; i++)
			cJSON_AddItemToArray(a, prompt_json(&l.v[i]));
		out_json(a);
		prompt_list_free(&l);
		return 0;
	}
	t = table_new();
	table_col(t, "ID", TABLE_RIGHT);
	table_col(t, "LABEL", TABLE_LEFT);
	table_col(t, "FROM", TABLE_LEFT);
	table_col(t, "MODEL", TABLE_LEFT);
	table_col(t, "SECS", TABLE_RIGHT);
	table_col(t, "SIZE", TABLE_LEFT);
	table_col(t, "TAKES", TABLE_RIGHT);
	table_col(t, "KEPT", TABLE_RIGHT);
	table_col(t, "KEEP%", TABLE_RIGHT);
	table_col(t, "AUTHOR", TABLE_LEFT);
	table_col(t, "PROMPT", TABLE_FLEX);
	for (i = 0; i < l.n; i++) {
		memset(&s, 0, sizeof s);
		s.takes = l.v[i].takes;
		s.kept = l.v[i].kept;
		rate = stats_fmt_keep_rate(&s);
		secs = l.v[i].seconds_ms == BOARD_NONE ? xstrdup("") :
		    units_fmt_seconds(l.v[i].seconds_ms);
		line = str_first_line(l.v[i].text);
		table_cellf(t, "%lld", l.v[i].id);
		table_cell(t, l.v[i].label);
		table_cell(t, l.v[i].parent_label);
		table_cell(t, l.v[i].model);
		table_cell(t, secs);
		table_cell(t, l.v[i].size);
		table_cellf(t, "%lld", l.v[i].takes);
		table_cellf(t, "%lld", l.v[i].kept);
		table_cell(t, rate);
		table_cell(t, l.v[i].author);
		table_cell(t, line);
		free(line);
		free(secs);
		free(rate);
	}
	table_print(t, c);
	table_free(t);
	prompt_list_free(&l);
	return 0;
}

/* `prompt show VARIANT [--json]` */
int
cli_prompt_show(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 }
	};
	struct prompt	 pr;
	const char	*arg;
	char		**rest, *secs;
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
		return cli_usage_error(c, "give one variant (ID or SHOT/LABEL)");
	if (cli_prompt(c, rest[0], &pr) != 0)
		return 1;
	if (json) {
		out_json(prompt_json(&pr));
		prompt_free(&pr);
		return 0;
	}
	secs = pr.seconds_ms == BOARD_NONE ? xstrdup("–") :
	    units_fmt_seconds(pr.seconds_ms);
	out_line("variant  %lld (%s/%s)%s%s", pr.id, pr.shot_code, pr.label,
	    pr.parent_label != NULL ? ", from " : "",
	    pr.parent_label != NULL ? pr.parent_label : "");
	out_line("model    %s, %s s, %s", pr.model != NULL ? pr.model : "–",
	    secs, pr.size != NULL ? pr.size : "–");
	out_line("takes    %lld, kept %lld", pr.takes, pr.kept);
	out_line("author   %s, %s", pr.author, pr.created);
	out_line("%s", "");
	out_text(pr.text);
	free(secs);
	prompt_free(&pr);
	return 0;
}

/* `prompt diff VARIANT VARIANT`: word diff from the first to the second. */
int
cli_prompt_diff(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ NULL, 0, NULL, 0 }
	};
	struct prompt	 a, b;
	struct wdiff	*d;
	const char	*arg;
	char		**rest, *s, *del_open, *add_open, *ta, *tb;

	if (cli_opt_next(c, argc, argv, opts, &arg) != CLI_OPT_END)
		return 2;
	if (cli_opt_rest(argc, argv, &rest) != 2)
		return cli_usage_error(c, "give two variants (ID or "
		    "SHOT/LABEL)");
	if (cli_prompt(c, rest[0], &a) != 0)
		return 1;
	if (cli_prompt(c, rest[1], &b) != 0) {
		prompt_free(&a);
		return 1;
	}
	/* Diff the sanitised texts: the output then holds no control
	 * characters but the colour codes we add. */
	ta = sanitize_text(a.text);
	tb = sanitize_text(b.text);
	d = wdiff_new(ta, tb);
	free(ta);
	free(tb);
	del_open = xasprintf("%s[-", out_color(c, "del"));
	add_open = xasprintf("%s{+", out_color(c, "add"));
	s = wdiff_format(d, del_open, c->color ? "-]\033[0m" : "-]", add_open,
	    c->color ? "+}\033[0m" : "+}");
	out_line("--- %lld (%s/%s)", a.id, a.shot_code, a.label);
	out_line("+++ %lld (%s/%s)", b.id, b.shot_code, b.label);
	fputs(s, stdout);
	if (*s == '\0' || s[strlen(s) - 1] != '\n')
		fputc('\n', stdout);
	free(s);
	free(del_open);
	free(add_open);
	wdiff_free(d);
	prompt_free(&a);
	prompt_free(&b);
	return 0;
}

/* `prompt rm VARIANT [--force]` */
int
cli_prompt_rm(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, OPT_FORCE },
		{ NULL, 0, NULL, 0 }
	};
	struct prompt	 pr;
	const char	*arg;
	char		*cause, **rest;
	struct board_counts n;
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
		return cli_usage_error(c, "give one variant (ID or SHOT/LABEL)");
	if (cli_begin(c) != 0 || cli_prompt(c, rest[0], &pr) != 0)
		return 1;
	if (db_prompt_counts(c->db, pr.id, &n, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (n.takes > 0 && !force) {
		rv = cli_error(c, "variant %s/%s has %lld %s%s (%lld "
		    "reviewed); use --force to delete them with it",
		    pr.shot_code, pr.label, CLI_N(n.takes, "take"), n.reviewed);
		goto out;
	}
	if (db_prompt_rm(c->db, pr.id, &cause) != 0) {
		cli_fail(c, cause);
		goto out;
	}
	if (cli_commit(c) == 0) {
		out_line("variant %lld (%s/%s) deleted with %lld %s%s", pr.id,
		    pr.shot_code, pr.label, CLI_N(n.takes, "take"));
		if (n.files > 0)
			out_line("%lld %s%s left in %s/takes/",
			    CLI_N(n.files, "clip file"), db_dir(c->db));
		rv = 0;
	}
out:
	prompt_free(&pr);
	return rv;
}
