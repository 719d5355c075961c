/* SPDX-License-Identifier: ISC */
/*
 * The generation commands. `gen` checks a request against the backend,
 * shows the estimated cost (asking on a terminal), enforces the budget,
 * then records takes and jobs in one transaction before the engine sends
 * anything; `sync` follows unfinished jobs; `jobs` lists them; `cancel`
 * and `retry` end or resubmit one; `budget` sets the production's cap.
 */
#include "config.h"

#include "cli/cli-gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "util/sanitize.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/units.h"
#include "db/db.h"
#include "db/db-job.h"
#include "db/db-take.h"
#include "gen/gen-config.h"
#include "gen/gen-queue.h"
#include "gen/gen-submit.h"
#include "cli/cli.h"
#include "cli/cli-opt.h"
#include "cli/cli-out.h"

enum {
	OPT_COUNT = 'n',
	OPT_BACKEND = 256,
	OPT_MODEL,
	OPT_SECONDS,
	OPT_SIZE,
	OPT_YES,
	OPT_REMIX,
	OPT_WATCH,
	OPT_JSON,
	OPT_CLEAR
};

/* What was last printed of each job, so a line means a change. */
struct gen_seen {
	long long	*ids;
	long long	*marks;
	size_t		 n;
};

/* Print each change of a job's state or progress as a plain line (not
 * on a terminal). */
static void
gen_line(const struct gen_view *v, void *arg)
{
	struct gen_seen		*seen = arg;
	const struct job	*j = v->job;
	char			*err, prog[32];
	long long		 mark;
	size_t			 i;

	mark = (long long)j->state * 1000 + j->progress + 1;
	for (i = 0; i < seen->n; i++) {
		if (seen->ids[i] == j->take_id)
			break;
	}
	if (i == seen->n) {
		seen->ids = xreallocarray(seen->ids, seen->n + 1,
		    sizeof *seen->ids);
		seen->marks = xreallocarray(seen->marks, seen->n + 1,
		    sizeof *seen->marks);
		seen->ids[i] = j->take_id;
		seen->marks[i] = -1;
		seen->n++;
	}
	if (seen->marks[i] == mark)
		return;
	seen->marks[i] = mark;
	prog[0] = '\0';
	if ((j->state == JOB_IN_PROGRESS || j->state == JOB_QUEUED) &&
	    j->progress > 0)
		snprintf(prog, sizeof prog, " %lld%%", j->progress);
	err = j->error != NULL ? sanitize_clip(j->error, 200) : NULL;
	out_line("take %lld %s/%s: %s%s%s%s", j->take_id, j->scene_code,
	    j->shot_code, job_state_name(j->state), prog,
	    err != NULL ? ": " : "", err != NULL ? err : "");
	/* A log file or pipe (tail -f) sees each change as it happens. */
	fflush(stdout);
	free(err);
}

/* Redraw one line per job in place (on a terminal). */
static void
gen_draw(struct gen_queue *q, size_t *drawn)
{
	struct gen_view	 v;
	char		*note, prog[32], dl[48];
	size_t		 i;

	if (*drawn > 0)
		printf("\033[%zuA", *drawn);
	for (i = 0; i < gen_queue_count(q); i++) {
		gen_queue_view(q, i, &v);
		if (v.job->progress >= 0)
			snprintf(prog, sizeof prog, "%3lld%%",
			    v.job->progress);
		else
			snprintf(prog, sizeof prog, "   -");
		dl[0] = '\0';
		if (v.dl_now >= 0 && v.dl_total > 0)
			snprintf(dl, sizeof dl, " download %lld%%",
			    v.dl_now * 100 / v.dl_total);
		else if (v.dl_now >= 0)
			snprintf(dl, sizeof dl, " download %lld KiB",
			    v.dl_now / 1024);
		note = sanitize_clip(v.job->error != NULL ? v.job->error :
		    (v.note != NULL ? v.note : ""), 40);
		printf("\033[2Ktake %-5lld %s/%-8s %-14s %s%s %s\n",
		    v.job->take_id, v.job->scene_code, v.job->shot_code,
		    job_state_name(v.job->state), prog, dl, note);
		free(note);
	}
	*drawn = gen_queue_count(q);
	fflush(stdout);
}

/* Run the engine in mode until nothing has work left. 0, or 1. */
static int
gen_run(struct cli *c, struct gen_config *cfg, int mode)
{
	struct gen_queue	*q;
	struct gen_seen		 seen;
	struct gen_view		 v;
	char			*cause = NULL, *note;
	size_t			 drawn = 0, i, left = 0;
	long long		 dv;
	int			 busy, locked;

	memset(&seen, 0, sizeof seen);
	q = gen_queue_new(cli_db(c), cfg, mode);
	locked = gen_queue_lock(q, &cause);
	if (locked <= 0) {
		gen_queue_free(q);
		if (locked < 0)
			return cli_fail(c, cause);
		/* The other engine picks new jobs up by itself. */
		if (mode == GEN_RUN_SUBMIT) {
			out_line("another takeboard (the interface or 'sync "
			    "--watch') is following this production's jobs; "
			    "it sends these");
			return 0;
		}
		return cli_error(c, "another takeboard (the interface or "
		    "'sync --watch') is already following this production's "
		    "jobs; see them with 'takeboard jobs'");
	}
	if (gen_queue_load(q, &cause) != 0) {
		gen_queue_free(q);
		return cli_fail(c, cause);
	}
	if (!c->tty || mode != GEN_RUN_WATCH)
		gen_queue_on_change(q, gen_line, &seen);
	dv = db_data_version(cli_db(c));
	for (;;) {
		busy = gen_queue_step(q, 250);
		if (c->tty && mode == GEN_RUN_WATCH)
			gen_draw(q, &drawn);
		/* Jobs another session queued or cancelled meanwhile. */
		if (mode == GEN_RUN_WATCH && db_data_version(cli_db(c)) != dv) {
			dv = db_data_version(cli_db(c));
			if (gen_queue_load(q, &cause) != 0) {
				gen_queue_free(q);
				return cli_fail(c, cause);
			}
			busy = gen_queue_busy(q);
		}
		if (busy == 0)
			break;
	}
	/* Say why a job was left alone. */
	for (i = 0; i < gen_queue_count(q); i++) {
		gen_queue_view(q, i, &v);
		if (v.note == NULL || job_state_final(v.job->state))
			continue;
		note = sanitize_clip(v.note, 200);
		out_line("take %lld %s/%s: %s: %s", v.job->take_id,
		    v.job->scene_code, v.job->shot_code,
		    job_state_name(v.job->state), note);
		free(note);
		left++;
	}
	gen_queue_free(q);
	free(seen.ids);
	free(seen.marks);
	/* A script must see that sync did not finish its work (a clip it
	 * could not write, a backend that stopped answering), though the
	 * jobs are safe and the next sync goes on with them. */
	if (left > 0)
		return cli_error(c, "%zu job%s could not go on (see above); "
		    "the next sync takes %s up again", left, left == 1 ? "" :
		    "s", left == 1 ? "it" : "them");
	return 0;
}

static int
gen_ask(const char *question)
{
	char	 line[32];

	printf("%s Go on? [y/N] ", question);
	fflush(stdout);
	if (fgets(line, sizeof line, stdin) == NULL)
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

/* The job of take ref, to be remixed: 0, or the exit status after an
 * error. */
static int
gen_remix_source(struct cli *c, const char *ref, struct job *j)
{
	struct take	 tk;
	char		*cause = NULL;
	long long	 id;
	int		 found;

	if (cli_take(c, ref, &tk) != 0)
		return 1;
	id = tk.id;
	take_free(&tk);
	found = db_job_get(cli_db(c), id, j, &cause);
	if (found < 0)
		return cli_fail(c, cause);
	if (found == 0)
		return cli_error(c, "take %lld was not generated by "
		    "takeboard, so there is no video to remix", id);
	return 0;
}

/* `gen VARIANT [-n COUNT] [--backend NAME] [--model M] [--seconds N]
 * [--size WxH] [--remix TAKE] [--yes]` */
int
cli_gen(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count", required_argument, NULL, OPT_COUNT },
		{ "backend", required_argument, NULL, OPT_BACKEND },
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "seconds", required_argument, NULL, OPT_SECONDS },
		{ "size", required_argument, NULL, OPT_SIZE },
		{ "yes", no_argument, NULL, OPT_YES },
		{ "remix", required_argument, NULL, OPT_REMIX },
		{ NULL, 0, NULL, 0 }
	};
	struct gen_config	 cfg;
	struct gen_plan		 p;
	struct prompt		 pr;
	struct job		 src, *remix = NULL;
	const char		*remix_arg = NULL;
	const char		*arg, *backend = NULL, *model = NULL;
	const char		*size = NULL;
	char			*cause = NULL, **rest, *q;
	long long		 count = 1, secs = -1, *ids = NULL, i;
	int			 ch, yes = 0, rv = 1;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		switch (ch) {
		case OPT_COUNT:
			if (str_to_ll(arg, 1, 100, &count) != 0)
				return cli_error(c, "bad count '%s' (want 1 "
				    "to 100)", arg);
			break;
		case OPT_BACKEND:
			backend = arg;
			break;
		case OPT_MODEL:
			model = arg;
			break;
		case OPT_SECONDS:
			if (str_to_ll(arg, 1, 600, &secs) != 0)
				return cli_error(c, "bad seconds '%s' (want "
				    "a whole number such as 8)", arg);
			break;
		case OPT_SIZE:
			size = arg;
			break;
		case OPT_YES:
			yes = 1;
			break;
		case OPT_REMIX:
			remix_arg = arg;
			break;
		default:
			return 2;
		}
	}
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one prompt variant");
	if (remix_arg != NULL) {
		rv = gen_remix_source(c, remix_arg, &src);
		if (rv != 0)
			return rv;
		remix = &src;
	}
	if (cli_prompt(c, rest[0], &pr) != 0) {
		if (remix != NULL)
			job_free(remix);
		return 1;
	}
	memset(&p, 0, sizeof p);
	if (gen_config_load(&cfg, &cause) != 0) {
		prompt_free(&pr);
		gen_config_free(&cfg);
		return cli_fail(c, cause);
	}
	if (gen_plan_make(&cfg, backend, &pr, model, secs, size, remix, &p,
	    &cause) != 0) {
		rv = cli_fail(c, cause);
		goto out;
	}
	if (p.warning != NULL)
		cli_warn("%s", p.warning);
	/* Refuse before asking when the budget says no (and again in the
	 * transaction that records the takes). */
	if (gen_budget_check(cli_db(c), p.price > 0 ? p.price * p.seconds *
	    count : 0, &cause) != 0) {
		rv = cli_fail(c, cause);
		goto out;
	}
	q = gen_plan_question(&p, &pr, count);
	if (!yes) {
		if (!isatty(STDIN_FILENO) || !c->tty) {
			free(q);
			rv = cli_error(c, "add --yes to submit without asking");
			goto out;
		}
		if (!gen_ask(q)) {
			free(q);
			out_line("nothing submitted");
			rv = 0;
			goto out;
		}
	} else
		out_line("%s", q);
	free(q);
	if (cli_begin(c) != 0)
		goto out;
	ids = xreallocarray(NULL, count, sizeof *ids);
	if (gen_submit_add(cli_db(c), &pr, &p, count, ids, &cause) != 0) {
		rv = cli_fail(c, cause);
		goto out;
	}
	if (cli_commit(c) != 0)
		goto out;
	for (i = 0; i < count; i++)
		out_line("take %lld queued", ids[i]);
	rv = gen_run(c, &cfg, GEN_RUN_SUBMIT);
out:
	if (remix != NULL)
		job_free(remix);
	free(ids);
	gen_plan_free(&p);
	prompt_free(&pr);
	gen_config_free(&cfg);
	return rv;
}

/* `sync [--watch]` */
int
cli_sync(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "watch", no_argument, NULL, OPT_WATCH },
		{ NULL, 0, NULL, 0 }
	};
	struct gen_config	 cfg;
	const char		*arg;
	char			*cause = NULL, **rest;
	int			 ch, watch = 0, rv;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		if (ch != OPT_WATCH)
			return 2;
		watch = 1;
	}
	if (cli_opt_rest(argc, argv, &rest) != 0)
		return cli_usage_error(c, "unexpected argument '%s'", rest[0]);
	if (cli_db(c) == NULL)
		return 1;
	if (gen_config_load(&cfg, &cause) != 0)
		return cli_fail(c, cause);
	rv = gen_run(c, &cfg, watch ? GEN_RUN_WATCH : GEN_RUN_ONCE);
	gen_config_free(&cfg);
	return rv;
}

static const char *
jobs_explain(const struct job *j)
{
	switch (j->state) {
	case JOB_QUEUED:
		return j->remote_id == NULL ? "queued locally, not sent" :
		    "queued at the provider";
	case JOB_SUBMITTING:
		return "being submitted (or interrupted: sync looks for it)";
	case JOB_NEEDS_DECISION:
		return "needs a decision: retry or cancel";
	default:
		return "";
	}
}

/* `jobs [--json]` */
int
cli_jobs(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ NULL, 0, NULL, 0 }
	};
	struct job_list	 l;
	struct table	*t;
	const struct job *j;
	const char	*arg;
	char		*cause = NULL, **rest;
	size_t		 i;
	int		 ch, json = 0;
	cJSON		*a, *o;

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
	if (db_job_list(cli_db(c), DB_JOB_ALL, &l, &cause) != 0)
		return cli_fail(c, cause);
	if (json) {
		a = cJSON_CreateArray();
		for (i = 0; i < l.n; i++) {
			j = &l.v[i];
			if (j->state == JOB_DONE || j->state == JOB_CANCELLED)
				continue;
			o = cJSON_CreateObject();
			cJSON_AddNumberToObject(o, "take", (double)j->take_id);
			out_json_str(o, "scene", j->scene_code);
			out_json_str(o, "shot", j->shot_code);
			out_json_str(o, "variant", j->prompt_label);
			out_json_str(o, "state", job_state_name(j->state));
			out_json_str(o, "backend", j->backend);
			out_json_str(o, "model", j->model);
			out_json_str(o, "remote_id", j->remote_id);
			if (j->progress >= 0)
				cJSON_AddNumberToObject(o, "progress",
				    (double)j->progress);
			else
				cJSON_AddNullToObject(o, "progress");
			cJSON_AddNumberToObject(o, "attempts",
			    (double)j->attempts);
			out_json_str(o, "error", j->error);
			out_json_str(o, "explain", jobs_explain(j));
			cJSON_AddItemToArray(a, o);
		}
		out_json(a);
		job_list_free(&l);
		return 0;
	}
	t = table_new();
	table_col(t, "TAKE", 1);
	table_col(t, "SHOT", 0);
	table_col(t, "STATE", 0);
	table_col(t, "BACKEND", 0);
	table_col(t, "PROGRESS", 1);
	table_col(t, "NOTE", 0);
	for (i = 0; i < l.n; i++) {
		j = &l.v[i];
		if (j->state == JOB_DONE || j->state == JOB_CANCELLED)
			continue;
		table_cellf(t, "%lld", j->take_id);
		table_cellf(t, "%s/%s", j->scene_code, j->shot_code);
		table_cell(t, job_state_name(j->state));
		table_cellf(t, "%s %s", j->backend, j->model != NULL ?
		    j->model : "");
		if (j->progress >= 0)
			table_cellf(t, "%lld%%", j->progress);
		else
			table_cell(t, "-");
		table_cell(t, j->error != NULL ? j->error : jobs_explain(j));
	}
	table_print(t, c);
	table_free(t);
	job_list_free(&l);
	return 0;
}

static int
gen_take_job(struct cli *c, int argc, char **argv, struct job *j)
{
	struct take	 tk;
	char		*cause = NULL, **rest;
	static const struct option opts[] = {
		{ NULL, 0, NULL, 0 }
	};
	const char	*arg;
	long long	 id;
	int		 ch, found;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		return 2;
	}
	if (cli_opt_rest(argc, argv, &rest) != 1)
		return cli_usage_error(c, "give one take");
	if (cli_take(c, rest[0], &tk) != 0)
		return 1;
	id = tk.id;
	take_free(&tk);
	found = db_job_get(cli_db(c), id, j, &cause);
	if (found < 0)
		return cli_fail(c, cause);
	if (found == 0)
		return cli_error(c, "take %lld was not generated by "
		    "takeboard", id);
	return 0;
}

/* `cancel TAKE` */
int
cli_cancel(struct cli *c, int argc, char **argv)
{
	struct gen_config	 cfg;
	struct gen_queue	*q;
	struct gen_backend	*b;
	struct job		 j;
	char			*cause = NULL;
	int			 rv;

	rv = gen_take_job(c, argc, argv, &j);
	if (rv != 0)
		return rv;
	if (job_state_final(j.state)) {
		rv = cli_error(c, "take %lld is already %s", j.take_id,
		    job_state_name(j.state));
		job_free(&j);
		return rv;
	}
	if (gen_config_load(&cfg, &cause) != 0) {
		job_free(&j);
		return cli_fail(c, cause);
	}
	/* Only the cancel: no other job is sent or polled. */
	q = gen_queue_new(cli_db(c), &cfg, GEN_RUN_NONE);
	if (gen_queue_load(q, &cause) != 0 ||
	    gen_queue_cancel(q, j.take_id, &cause) != 0)
		rv = cli_fail(c, cause);
	else {
		while (gen_queue_cancelling(q, j.take_id))
			gen_queue_step(q, 250);
		b = j.remote_id != NULL && j.backend != NULL ?
		    gen_config_backend(&cfg, j.backend, NULL) : NULL;
		if (gen_queue_state(q, j.take_id) == JOB_CANCELLED &&
		    b != NULL && b->ops != NULL && b->ops->kind ==
		    API_KIND_HTTP && b->ops->cancel_req == NULL)
			out_line("take %lld cancelled here only: %s cannot "
			    "cancel a job, which may still run and be billed",
			    j.take_id, j.backend);
		else if (gen_queue_state(q, j.take_id) == JOB_CANCELLED)
			out_line("take %lld cancelled", j.take_id);
		else
			rv = cli_error(c, "take %lld could not be cancelled "
			    "(it is %s)", j.take_id, job_state_name(
			    (enum job_state)gen_queue_state(q, j.take_id)));
	}
	gen_queue_free(q);
	gen_config_free(&cfg);
	job_free(&j);
	return rv;
}

/* `retry TAKE` */
int
cli_retry(struct cli *c, int argc, char **argv)
{
	struct gen_config	 cfg;
	struct job		 j;
	char			*cause = NULL;
	long long		 id;
	int			 rv;

	rv = gen_take_job(c, argc, argv, &j);
	if (rv != 0)
		return rv;
	if (gen_config_load(&cfg, &cause) != 0) {
		job_free(&j);
		return cli_fail(c, cause);
	}
	rv = 1;
	if (cli_begin(c) != 0)
		goto out;
	if (gen_submit_retry(cli_db(c), &j, &id, &cause) != 0) {
		rv = cli_fail(c, cause);
		goto out;
	}
	if (cli_commit(c) != 0)
		goto out;
	out_line("take %lld queued (retry of take %lld)", id, j.take_id);
	rv = gen_run(c, &cfg, GEN_RUN_SUBMIT);
out:
	job_free(&j);
	gen_config_free(&cfg);
	return rv;
}

/* `budget [AMOUNT | none]` */
int
cli_budget(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ NULL, 0, NULL, 0 }
	};
	const char	*arg;
	char		*cause = NULL, **rest, *v, *a, *s;
	long long	 micros, spent, cap;
	int		 ch, n, found;

	for (;;) {
		ch = cli_opt_next(c, argc, argv, opts, &arg);
		if (ch == CLI_OPT_END)
			break;
		return 2;
	}
	n = cli_opt_rest(argc, argv, &rest);
	if (n > 1)
		return cli_usage_error(c, "unexpected argument '%s'", rest[1]);
	if (cli_db(c) == NULL)
		return 1;
	if (n == 1) {
		v = NULL;
		if (strcmp(rest[0], "none") != 0) {
			if (units_parse_money(rest[0], &micros, &cause) != 0)
				return cli_fail(c, cause);
			v = xasprintf("%lld", micros);
		}
		if (cli_begin(c) != 0) {
			free(v);
			return 1;
		}
		if (db_setting_set(cli_db(c), "budget", v, &cause) != 0) {
			free(v);
			return cli_fail(c, cause);
		}
		free(v);
		if (cli_commit(c) != 0)
			return 1;
	}
	found = db_setting_get(cli_db(c), "budget", &v, &cause);
	if (found < 0 || db_job_spent(cli_db(c), &spent, &cause) != 0)
		return cli_fail(c, cause);
	s = units_fmt_money(spent);
	if (found == 1 && str_to_ll(v, 0, 0x7fffffffffffffffLL, &cap) == 0) {
		a = units_fmt_money(cap);
		out_line("budget %s, spent %s", a, s);
		free(a);
	} else
		out_line("no budget, spent %s", s);
	free(s);
	free(v);
	return 0;
}
