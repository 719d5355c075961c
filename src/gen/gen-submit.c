/* SPDX-License-Identifier: ISC */
/*
 * Recording new generation work (see gen-submit.h). Every function that
 * writes runs inside the caller's transaction (db_begin), so a failed
 * submission records nothing; the engine only sends what is committed.
 */
#include "config.h"

#include "gen/gen-submit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/units.h"
#include "db/db.h"
#include "db/db-job.h"
#include "db/db-take.h"
#include "gen/gen-config.h"

/*
 * Whether spending est (micro-units) more stays within the production's
 * budget: 0 when it does (or there is no budget), -1 with *cause naming
 * the sums when it would pass it or the database failed.
 */
int
gen_budget_check(struct db *db, long long est, char **cause)
{
	char		*v, *a, *b;
	long long	 cap, spent;
	int		 found;

	found = db_setting_get(db, "budget", &v, cause);
	if (found < 0)
		return -1;
	if (found == 0)
		return 0;
	if (str_to_ll(v, 0, 0x7fffffffffffffffLL, &cap) != 0) {
		free(v);
		return 0;
	}
	free(v);
	if (db_job_spent(db, &spent, cause) != 0)
		return -1;
	if (spent + est <= cap)
		return 0;
	a = units_fmt_money(spent + est);
	b = units_fmt_money(cap);
	*cause = xasprintf("this would bring the production's spending to %s, "
	    "over its budget of %s (see 'takeboard budget')", a, b);
	free(a);
	free(b);
	return -1;
}

/* The estimated cost (micro-units) of count takes of plan p. */
static long long
gen_plan_estimate(const struct gen_plan *p, long long count)
{
	return p->price > 0 ? p->price * p->seconds * count : 0;
}

/*
 * What a person confirms before count takes of plan p for variant pr
 * are sent: "Submit 2 takes of 4A/v1 to openai sora-2 (8 s, 1280x720):
 * estimated cost 1.60 USD." (allocated).
 */
char *
gen_plan_question(const struct gen_plan *p, const struct prompt *pr,
    long long count)
{
	char	*money, *q, remix[64];

	money = units_fmt_money(gen_plan_estimate(p, count));
	remix[0] = '\0';
	if (p->remix_take >= 0)
		snprintf(remix, sizeof remix, ", remixing take %lld",
		    p->remix_take);
	q = xasprintf("Submit %lld take%s of %s/%s to %s%s%s (%lld s%s%s)%s: "
	    "estimated cost %s%s.", count, count == 1 ? "" : "s",
	    pr->shot_code, pr->label, p->b->name, p->model != NULL ? " " : "",
	    p->model != NULL ? p->model : "", p->seconds,
	    p->size != NULL ? ", " : "", p->size != NULL ? p->size : "",
	    remix, money, p->price >= 0 ? " USD" :
	    " (no price known for this model)");
	free(money);
	return q;
}

/* Record one queued take of shot/variant with its job. */
static int
gen_add_one(struct db *db, long long shot_id, long long prompt_id,
    const char *backend, const char *model, long long cost,
    const char *request_json, long long retry_of, long long *id,
    char **cause)
{
	struct take	 tk;
	struct job	 j;
	int		 rv;

	memset(&tk, 0, sizeof tk);
	tk.shot_id = shot_id;
	tk.prompt_id = prompt_id;
	tk.file_size = BOARD_NONE;
	tk.duration_ms = BOARD_NONE;
	tk.in_ms = BOARD_NONE;
	tk.out_ms = BOARD_NONE;
	tk.state = TAKE_QUEUED;
	tk.backend = xstrdup(backend);
	tk.model = model != NULL ? xstrdup(model) : NULL;
	tk.cost = cost;
	if (db_take_add(db, &tk, cause) != 0) {
		take_free(&tk);
		return -1;
	}
	*id = tk.id;
	take_free(&tk);
	memset(&j, 0, sizeof j);
	j.take_id = *id;
	j.state = JOB_QUEUED;
	j.request_json = (char *)request_json;
	j.backend = (char *)backend;
	j.model = (char *)model;
	j.retry_of = retry_of;
	rv = db_job_add(db, &j, cause);
	free(j.created);
	free(j.updated);
	return rv;
}

/*
 * Record count queued takes of variant pr following plan p (inside the
 * caller's transaction); ids[0..count) get the new takes' ids. Checks
 * the budget first. 0, or -1 with *cause.
 */
int
gen_submit_add(struct db *db, const struct prompt *pr,
    const struct gen_plan *p, long long count, long long *ids, char **cause)
{
	long long	 i;

	if (gen_budget_check(db, gen_plan_estimate(p, count), cause) != 0)
		return -1;
	for (i = 0; i < count; i++) {
		if (gen_add_one(db, pr->shot_id, pr->id, p->b->name, p->model,
		    gen_plan_estimate(p, 1), p->request_json, -1, &ids[i],
		    cause) != 0)
			return -1;
	}
	return 0;
}

/*
 * Resubmit the failed, cancelled or undecided job j as a new take with
 * the same request (inside the caller's transaction); the old take is
 * kept for the statistics, its cost set to 0 (it was not billed, or is
 * abandoned). *id gets the new take. 0, or -1 with *cause.
 */
int
gen_submit_retry(struct db *db, struct job *j, long long *id, char **cause)
{
	struct take	 tk;
	int		 found;

	if (j->state != JOB_FAILED && j->state != JOB_NEEDS_DECISION &&
	    j->state != JOB_CANCELLED) {
		*cause = xasprintf("take %lld is %s; only a failed, cancelled "
		    "or undecided take can be retried", j->take_id,
		    job_state_name(j->state));
		return -1;
	}
	found = db_take_get(db, j->take_id, &tk, cause);
	if (found != 1) {
		if (found == 0)
			*cause = xasprintf("no take %lld", j->take_id);
		return -1;
	}
	if (j->state == JOB_NEEDS_DECISION) {
		j->state = JOB_FAILED;
		free(j->error);
		j->error = xstrdup("abandoned after an interrupted "
		    "submission; resubmitted");
		if (db_job_update(db, j, cause) != 0) {
			take_free(&tk);
			return -1;
		}
	}
	if (gen_add_one(db, tk.shot_id, tk.prompt_id, j->backend, j->model,
	    tk.cost, j->request_json, j->take_id, id, cause) != 0) {
		take_free(&tk);
		return -1;
	}
	take_free(&tk);
	return db_job_set_cost(db, j->take_id, 0, cause);
}
