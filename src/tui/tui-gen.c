/* SPDX-License-Identifier: ISC */
/*
 * The generation engine inside the interface (see tui-gen.h). The
 * engine runs here only while it has work and this process holds the
 * production's engine lock; otherwise another takeboard (an interface
 * or 'sync --watch') follows the jobs and this one shows them as the
 * database has them. A cancel made while another engine runs goes
 * through a second, cancel-only engine, so it never blocks either.
 */
#include "config.h"

#include "tui/tui-gen.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/clock.h"
#include "db/db.h"
#include "db/db-job.h"
#include "db/db-prompt.h"
#include "gen/gen-config.h"
#include "gen/gen-queue.h"
#include "gen/gen-submit.h"
#include "tui/tui.h"
#include "tui/tui-input.h"

/* Progress alone redraws the screen at most this often. */
#define TUI_GEN_REDRAW_MS	250

struct tui_gen {
	struct gen_config	 cfg;
	int			 cfg_loaded;
	char			*status;	/* for the queue view */
	struct gen_queue	*q;		/* the engine, while it runs */
	struct gen_queue	*side;		/* cancels only */
	int			 fds[2];
	int			 reload;	/* a job ended: reload views */
	int			 redraw;
	long long		 drawn_at;	/* ms */
};

/* The engine's state for an interface whose input arrives on fd0 and
 * whose signals arrive on fd1. */
struct tui_gen *
tui_gen_new(int fd0, int fd1)
{
	struct tui_gen	*g;

	g = xcalloc(1, sizeof *g);
	g->fds[0] = fd0;
	g->fds[1] = fd1;
	g->status = xstrdup("nothing in flight");
	return g;
}

/* Stop the engine (transfers in flight are resumed by the next one)
 * and free it all. */
void
tui_gen_free(struct tui_gen *g)
{
	if (g == NULL)
		return;
	gen_queue_free(g->q);
	gen_queue_free(g->side);
	if (g->cfg_loaded)
		gen_config_free(&g->cfg);
	free(g->status);
	free(g);
}

static void
tui_gen_set_status(struct tui_gen *g, const char *fmt, ...)
    TB_PRINTF(2, 3);

static void
tui_gen_set_status(struct tui_gen *g, const char *fmt, ...)
{
	va_list	 ap;

	free(g->status);
	va_start(ap, fmt);
	g->status = xvasprintf(fmt, ap);
	va_end(ap);
}

/* (Re)read the configuration unless an engine is using it; 0, or -1
 * with the reason in the status. */
static int
tui_gen_config(struct tui_gen *g)
{
	char	*cause = NULL;

	if (g->q != NULL || g->side != NULL)
		return 0;
	if (g->cfg_loaded)
		gen_config_free(&g->cfg);
	g->cfg_loaded = 1;
	if (gen_config_load(&g->cfg, &cause) != 0) {
		tui_gen_set_status(g, "generation is off: %s", cause);
		free(cause);
		gen_config_free(&g->cfg);
		g->cfg_loaded = 0;
		return -1;
	}
	return 0;
}

static void
tui_gen_changed(const struct gen_view *v, void *arg)
{
	struct tui_gen	*g = arg;

	if (job_state_final(v->job->state) || v->job->state ==
	    JOB_DOWNLOADING)
		g->reload = 1;
	else
		g->redraw = 1;
}

static struct gen_queue *
tui_gen_engine(struct tui *t, struct tui_gen *g, int mode)
{
	struct gen_queue	*q;

	q = gen_queue_new(tui_db(t), &g->cfg, mode);
	gen_queue_wake_on(q, g->fds, 2);
	gen_queue_on_change(q, tui_gen_changed, g);
	return q;
}

/*
 * Look for work: start the engine here when there are unfinished jobs
 * and no other takeboard follows them, or let a running engine pick up
 * jobs queued since. Called at start, after a submission, and whenever
 * someone else changed the production.
 */
void
tui_gen_kick(struct tui *t)
{
	struct tui_gen	*g = tui_gen_of(t);
	struct job_list	 l;
	char		*cause = NULL;
	size_t		 n;
	int		 locked;

	if (db_job_list(tui_db(t), DB_JOB_UNFINISHED, &l, &cause) != 0) {
		tui_gen_set_status(g, "%s", cause);
		free(cause);
		return;
	}
	n = l.n;
	job_list_free(&l);
	if (g->q != NULL) {
		if (gen_queue_load(g->q, &cause) != 0) {
			tui_error(t, cause);
			return;
		}
		tui_gen_set_status(g, "sending and following %zu job%s "
		    "here", gen_queue_count(g->q),
		    gen_queue_count(g->q) == 1 ? "" : "s");
		return;
	}
	if (n == 0) {
		tui_gen_set_status(g, "nothing in flight");
		return;
	}
	if (tui_gen_config(g) != 0)
		return;
	g->q = tui_gen_engine(t, g, GEN_RUN_WATCH);
	locked = gen_queue_lock(g->q, &cause);
	if (locked <= 0) {
		gen_queue_free(g->q);
		g->q = NULL;
		if (locked < 0) {
			tui_gen_set_status(g, "generation is off: %s", cause);
			free(cause);
		} else
			tui_gen_set_status(g, "%zu job%s followed by another "
			    "takeboard (an interface or 'sync --watch')", n,
			    n == 1 ? "" : "s");
		return;
	}
	if (gen_queue_load(g->q, &cause) != 0) {
		tui_error(t, cause);
		gen_queue_free(g->q);
		g->q = NULL;
		return;
	}
	tui_gen_set_status(g, "sending and following %zu job%s here", n,
	    n == 1 ? "" : "s");
}

/* Whether an engine here has work, so the loop should wait in it. */
bool
tui_gen_busy(struct tui *t)
{
	struct tui_gen	*g = tui_gen_of(t);

	return (g->q != NULL && gen_queue_busy(g->q) > 0) ||
	    (g->side != NULL && gen_queue_busy(g->side) > 0);
}

/* Why the engine stopped with jobs left: the first parked job's note. */
static void
tui_gen_stopped(struct tui_gen *g)
{
	struct gen_view	 v;
	size_t		 i, left = 0;
	const char	*note = NULL;

	for (i = 0; i < gen_queue_count(g->q); i++) {
		gen_queue_view(g->q, i, &v);
		if (job_state_final(v.job->state))
			continue;
		left++;
		if (note == NULL && v.note != NULL)
			note = v.note;
	}
	if (left == 0)
		tui_gen_set_status(g, "nothing in flight");
	else
		tui_gen_set_status(g, "%zu job%s waiting%s%s", left,
		    left == 1 ? "" : "s", note != NULL ? ": " : "",
		    note != NULL ? note : " for 'takeboard sync' or a "
		    "decision");
}

/*
 * Move the engine on, waiting up to max ms for the network, a key or a
 * signal, whichever comes first. What changed is shown by
 * tui_gen_apply. The engine stops (and gives up the lock) when it has
 * nothing left.
 */
void
tui_gen_step(struct tui *t, int max)
{
	struct tui_gen	*g = tui_gen_of(t);

	if (g->side != NULL) {
		gen_queue_step(g->side, g->q != NULL ? 0 :
		    gen_queue_wait(g->side, max));
		if (gen_queue_busy(g->side) == 0) {
			gen_queue_free(g->side);
			g->side = NULL;
			g->reload = 1;
		}
	}
	if (g->q != NULL) {
		gen_queue_step(g->q, gen_queue_wait(g->q, max));
		if (gen_queue_busy(g->q) == 0) {
			tui_gen_stopped(g);
			gen_queue_free(g->q);
			g->q = NULL;
			g->reload = 1;
		}
	}
}

/* Reload or redraw what the engine changed (from the main loop only). */
void
tui_gen_apply(struct tui *t)
{
	struct tui_gen	*g = tui_gen_of(t);
	long long	 now;

	now = clock_ms();
	if (g->reload) {
		g->reload = g->redraw = 0;
		g->drawn_at = now;
		tui_changed(t);
	} else if (g->redraw && now - g->drawn_at >= TUI_GEN_REDRAW_MS) {
		g->redraw = 0;
		g->drawn_at = now;
		tui_dirty(t);
	}
}

/* What the engine is doing, for the queue view's title. */
const char *
tui_gen_status(struct tui *t)
{
	return tui_gen_of(t)->status;
}

/* The live state of take id's job when an engine here holds it. */
bool
tui_gen_live(struct tui *t, long long id, struct gen_view *v)
{
	struct tui_gen	*g = tui_gen_of(t);
	struct gen_queue *qs[2];
	size_t		 i, k;

	qs[0] = g->q;
	qs[1] = g->side;
	for (k = 0; k < 2; k++) {
		if (qs[k] == NULL)
			continue;
		for (i = 0; i < gen_queue_count(qs[k]); i++) {
			gen_queue_view(qs[k], i, v);
			if (v->job->take_id == id)
				return true;
		}
	}
	return false;
}

/*
 * Generate more takes of variant prompt_id: ask how many, show the
 * estimated cost and ask again, then record them (the budget is checked
 * in the same transaction) and let the engine send them.
 */
void
tui_gen_submit(struct tui *t, long long prompt_id)
{
	struct tui_gen	*g = tui_gen_of(t);
	struct prompt	 pr;
	struct gen_plan	 p;
	char		*cause = NULL, *s, *question;
	long long	 n, *ids, est;
	int		 found;
	bool		 yes;

	found = db_prompt_get(tui_db(t), prompt_id, &pr, &cause);
	if (found != 1) {
		tui_error(t, found == 0 ? xstrdup("the variant is gone") :
		    cause);
		return;
	}
	memset(&p, 0, sizeof p);
	if (tui_gen_config(g) != 0) {
		tui_errorf(t, "%s", g->status);
		goto out;
	}
	s = tui_input_line(t, "Takes to generate (1 to 100): ", "1");
	if (s == NULL)
		goto out;
	if (str_to_ll(s, 1, 100, &n) != 0) {
		tui_errorf(t, "bad count '%s' (want 1 to 100)", s);
		free(s);
		goto out;
	}
	free(s);
	if (gen_plan_make(&g->cfg, NULL, &pr, NULL, -1, NULL, NULL, &p,
	    &cause) != 0) {
		tui_error(t, cause);
		goto out;
	}
	est = p.price > 0 ? p.price * p.seconds * n : 0;
	if (gen_budget_check(tui_db(t), est, &cause) != 0) {
		tui_error(t, cause);
		goto out;
	}
	question = gen_plan_question(&p, &pr, n);
	yes = tui_input_confirm(t, "%s%s%s Submit?", p.warning != NULL ?
	    p.warning : "", p.warning != NULL ? ". " : "", question);
	free(question);
	if (!yes) {
		tui_message(t, "nothing submitted");
		goto out;
	}
	if (tui_begin(t) != 0)
		goto out;
	ids = xreallocarray(NULL, n, sizeof *ids);
	if (gen_submit_add(tui_db(t), &pr, &p, n, ids, &cause) != 0) {
		db_rollback(tui_db(t));
		tui_error(t, cause);
		free(ids);
		goto out;
	}
	if (tui_commit(t) == 0) {
		if (n == 1)
			tui_message(t, "take %lld of %s/%s queued", ids[0],
			    pr.shot_code, pr.label);
		else
			tui_message(t, "takes %lld to %lld of %s/%s queued",
			    ids[0], ids[n - 1], pr.shot_code, pr.label);
		tui_gen_kick(t);
	}
	free(ids);
out:
	gen_plan_free(&p);
	prompt_free(&pr);
}

/* Cancel take id's job (asks first); the engine sends the cancel. */
void
tui_gen_cancel(struct tui *t, long long id)
{
	struct tui_gen	*g = tui_gen_of(t);
	struct gen_queue *q;
	char		*cause = NULL;

	if (!tui_input_confirm(t, "Cancel the job of take %lld?", id))
		return;
	q = g->q;
	if (q == NULL) {
		if (g->side == NULL) {
			if (tui_gen_config(g) != 0) {
				tui_errorf(t, "%s", g->status);
				return;
			}
			g->side = tui_gen_engine(t, g, GEN_RUN_NONE);
		}
		q = g->side;
		if (gen_queue_load(q, &cause) != 0) {
			tui_error(t, cause);
			return;
		}
	}
	if (gen_queue_cancel(q, id, &cause) != 0) {
		tui_error(t, cause);
		return;
	}
	tui_message(t, "cancelling take %lld", id);
	tui_dirty(t);
}

/* Resubmit failed take id as a new take (asks first). */
void
tui_gen_retry(struct tui *t, long long id)
{
	struct job	 j;
	char		*cause = NULL;
	long long	 nid;
	int		 found;

	found = db_job_get(tui_db(t), id, &j, &cause);
	if (found != 1) {
		tui_error(t, found == 0 ? xasprintf("take %lld was not "
		    "generated by takeboard", id) : cause);
		return;
	}
	if (!tui_input_confirm(t, "Retry take %lld as a new take with the "
	    "same request?", id)) {
		job_free(&j);
		return;
	}
	if (tui_begin(t) != 0) {
		job_free(&j);
		return;
	}
	if (gen_submit_retry(tui_db(t), &j, &nid, &cause) != 0) {
		db_rollback(tui_db(t));
		tui_error(t, cause);
		job_free(&j);
		return;
	}
	if (tui_commit(t) == 0) {
		tui_message(t, "take %lld queued (retry of take %lld)", nid,
		    id);
		tui_gen_kick(t);
	}
	job_free(&j);
}
