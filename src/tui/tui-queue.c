/* SPDX-License-Identifier: ISC */
/*
 * The generation queue: every job that is not done (queued, being
 * submitted, generating, downloading, waiting for a decision, failed or
 * cancelled) as the database records it, with the live state of the
 * engine when it runs in this interface (phase, progress, download).
 * Cancel and retry from here; more takes are asked for from the shot
 * view. The engine itself lives in tui-gen.c.
 */
#include "config.h"

#include "tui/tui-queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "db/db.h"
#include "db/db-job.h"
#include "gen/gen-queue.h"
#include "tui/tui.h"
#include "tui/tui-curses.h"
#include "tui/tui-draw.h"
#include "tui/tui-gen.h"

struct queuev {
	struct job_list		 jobs;
	int			 cur, top;
};

static int
queue_reload(struct tui *t, struct tui_view *v)
{
	struct queuev	*q = v->data;
	char		*cause = NULL;
	long long	 id = -1;
	size_t		 i;

	if (q->jobs.n > 0 && q->cur < (int)q->jobs.n)
		id = q->jobs.v[q->cur].take_id;
	job_list_free(&q->jobs);
	if (db_job_list(tui_db(t), DB_JOB_OPEN, &q->jobs, &cause) != 0) {
		tui_error(t, cause);
		return -1;
	}
	for (i = 0; i < q->jobs.n; i++) {
		if (q->jobs.v[i].take_id == id)
			q->cur = (int)i;
	}
	return 0;
}

/* The state, progress and note of job j: live when the engine runs
 * here, else as recorded. */
static void
queue_describe(struct tui *t, const struct job *j, const char **state,
    char *prog, size_t len, const char **note)
{
	struct gen_view	 v;

	*state = job_state_name(j->state);
	*note = j->error;
	snprintf(prog, len, "%s", "");
	if (j->progress >= 0 && !job_state_final(j->state))
		snprintf(prog, len, "%lld%%", j->progress);
	if (!tui_gen_live(t, j->take_id, &v))
		return;
	*state = job_state_name(v.job->state);
	if (v.phase != NULL && strcmp(v.phase, "waiting") != 0 &&
	    !job_state_final(v.job->state))
		*state = v.phase;
	if (v.job->progress >= 0 && !job_state_final(v.job->state))
		snprintf(prog, len, "%lld%%", v.job->progress);
	if (v.dl_now >= 0 && v.dl_total > 0)
		snprintf(prog, len, "dl %lld%%", v.dl_now * 100 / v.dl_total);
	else if (v.dl_now >= 0)
		snprintf(prog, len, "dl %lldK", v.dl_now / 1024);
	if (v.job->error != NULL)
		*note = v.job->error;
	else if (v.note != NULL)
		*note = v.note;
}

static void
queue_draw(struct tui *t, struct tui_view *v, int y, int rows)
{
	struct queuev		*q = v->data;
	const struct job	*j;
	const char		*state, *note;
	char			*line, prog[32];
	int			 i, idx;

	tui_set_title(v, "Queue: %zu job%s not done · %s", q->jobs.n,
	    q->jobs.n == 1 ? "" : "s", tui_gen_status(t));
	if (q->jobs.n == 0) {
		tui_put(y + 1, 1, COLS - 2, "Nothing in flight.",
		    tui_attr(TC_INFO));
		tui_put(y + 3, 1, COLS - 2, "Open a shot (Enter), pick a "
		    "variant and press t to generate takes of it; they are "
		    "sent and followed from here.", A_NORMAL);
		tui_put(y + 4, 1, COLS - 2, "Register clips made elsewhere "
		    "with", A_NORMAL);
		tui_put(y + 5, 3, COLS - 4, ":take add SHOT --prompt VARIANT "
		    "FILE...", A_BOLD);
		return;
	}
	tui_put(y, 0, COLS, "   TAKE  SHOT     VARIANT  STATE        "
	    "PROGRESS  BACKEND   NOTE", tui_attr(TC_DIM) | A_BOLD);
	tui_list_fix(&q->cur, &q->top, (int)q->jobs.n, rows - 1);
	for (i = 0; i < rows - 1; i++) {
		idx = q->top + i;
		if (idx >= (int)q->jobs.n)
			break;
		j = &q->jobs.v[idx];
		queue_describe(t, j, &state, prog, sizeof prog, &note);
		line = xasprintf("%7lld  %-8s %-8s %-12s %-9s %-9s %s",
		    j->take_id, j->shot_code != NULL ? j->shot_code : "",
		    j->prompt_label != NULL ? j->prompt_label : "", state,
		    prog, j->backend != NULL ? j->backend : "",
		    note != NULL ? note : "");
		tui_put(y + 1 + i, 0, COLS, line, idx == q->cur ?
		    tui_attr(TC_SELECT) : j->state == JOB_FAILED ||
		    j->state == JOB_NEEDS_DECISION ? tui_attr(TC_REJECT) :
		    j->state == JOB_CANCELLED ? tui_attr(TC_DIM) : A_NORMAL);
		free(line);
	}
}

static int
queue_key(struct tui *t, struct tui_view *v, enum tui_op op, int key)
{
	struct queuev	*q = v->data;
	long long	 id;

	(void)key;
	if (tui_list_key(&q->cur, (int)q->jobs.n, op, tui_view_rows(t) - 1))
		return 1;
	if (q->jobs.n == 0 || (op != OP_CANCEL && op != OP_RETRY))
		return 0;
	id = q->jobs.v[q->cur].take_id;
	if (op == OP_CANCEL)
		tui_gen_cancel(t, id);
	else
		tui_gen_retry(t, id);
	return 1;
}

static void
queue_free(struct tui_view *v)
{
	struct queuev	*q = v->data;

	job_list_free(&q->jobs);
	free(q);
}

static const struct tui_view_ops queue_ops = {
	.name = "queue",
	.ctx = TUI_CTX_QUEUE,
	.reload = queue_reload,
	.draw = queue_draw,
	.key = queue_key,
	.mouse = NULL,
	.free = queue_free,
};

void
tui_queue_open(struct tui *t)
{
	tui_push(t, &queue_ops, xcalloc(1, sizeof(struct queuev)), "Queue");
}
