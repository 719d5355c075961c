/* SPDX-License-Identifier: ISC */
/*
 * The generation queue: the takes queued, generating or failed, as the
 * generation engine (gen/) records them from "takeboard gen" and
 * "takeboard sync", with the provider's job id and the error.
 */
#include "config.h"

#include "tui/tui-queue.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "model/board.h"
#include "db/db.h"
#include "db/db-take.h"
#include "tui/tui.h"
#include "tui/tui-curses.h"
#include "tui/tui-draw.h"

struct queuev {
	struct take_list	 takes;
	int			 cur, top;
};

static int
queue_reload(struct tui *t, struct tui_view *v)
{
	struct queuev		*q = v->data;
	struct take_filter	 f;
	char			*cause = NULL;
	int			 st;

	take_list_free(&q->takes);
	for (st = TAKE_QUEUED; st <= TAKE_FAILED; st++) {
		if (st == TAKE_READY)
			continue;
		take_filter_init(&f);
		f.state = st;
		if (db_take_list(tui_db(t), &f, &q->takes, &cause) != 0) {
			tui_error(t, cause);
			return -1;
		}
	}
	tui_set_title(v, "Queue: %zu jobs queued, generating or failed",
	    q->takes.n);
	return 0;
}

static void
queue_draw(struct tui *t, struct tui_view *v, int y, int rows)
{
	struct queuev		*q = v->data;
	const struct take	*tk;
	char			*line;
	int			 i, idx;

	(void)t;
	if (q->takes.n == 0) {
		tui_put(y + 1, 1, COLS - 2, "Nothing in flight.",
		    tui_attr(TC_INFO));
		tui_put(y + 3, 1, COLS - 2, "Generate takes with "
		    "'takeboard gen VARIANT' and follow them with "
		    "'takeboard sync --watch'; register clips made "
		    "elsewhere with", A_NORMAL);
		tui_put(y + 4, 3, COLS - 4, ":take add SHOT --prompt VARIANT "
		    "FILE...", A_BOLD);
		return;
	}
	tui_put(y, 0, COLS, "   TAKE  SHOT    STATUS      BACKEND   JOB      "
	    "ERROR", tui_attr(TC_DIM) | A_BOLD);
	tui_list_fix(&q->cur, &q->top, (int)q->takes.n, rows - 1);
	for (i = 0; i < rows - 1; i++) {
		idx = q->top + i;
		if (idx >= (int)q->takes.n)
			break;
		tk = &q->takes.v[idx];
		line = xasprintf("%7lld  %-7s %-11s %-9s %-8s %s", tk->id,
		    tk->shot_code, take_state_name(tk->state),
		    tk->backend != NULL ? tk->backend : "–",
		    tk->job_id != NULL ? tk->job_id : "–",
		    tk->error != NULL ? tk->error : "");
		tui_put(y + 1 + i, 0, COLS, line, idx == q->cur ?
		    tui_attr(TC_SELECT) : tk->state == TAKE_FAILED ?
		    tui_attr(TC_REJECT) : A_NORMAL);
		free(line);
	}
}

static int
queue_key(struct tui *t, struct tui_view *v, enum tui_op op, int key)
{
	struct queuev	*q = v->data;

	(void)key;
	return tui_list_key(&q->cur, (int)q->takes.n, op,
	    tui_view_rows(t) - 1);
}

static void
queue_free(struct tui_view *v)
{
	struct queuev	*q = v->data;

	take_list_free(&q->takes);
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
