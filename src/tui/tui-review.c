/* SPDX-License-Identifier: ISC */
/*
 * Review: step through takes of a shot, a scene or the whole production
 * (by default those still without a verdict) and give each a verdict
 * with one key. The list of take ids is fixed when the view opens (or
 * its filter changes), so a take does not vanish under the cursor once
 * it is reviewed; each take itself is re-read whenever it is shown. The
 * last verdicts can be undone.
 */
#include "config.h"

#include "tui/tui-review.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/secret.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/stats.h"
#include "model/units.h"
#include "db/db.h"
#include "db/db-board.h"
#include "db/db-prompt.h"
#include "db/db-stats.h"
#include "db/db-take.h"
#include "tui/tui.h"
#include "tui/tui-curses.h"
#include "tui/tui-draw.h"
#include "tui/tui-edit.h"
#include "tui/tui-input.h"

#define REVIEW_UNDO	64

struct review_undo {
	long long	 id;
	enum verdict	 verdict;
	struct str_list	 reasons;
	long long	 in_ms;
	long long	 out_ms;
};

struct review {
	enum tui_review_scope	 scope;
	long long		 scope_id;
	int			 verdict;	/* filter, -1 for all */
	char			*reason;	/* filter, or NULL */
	long long		*ids;
	size_t			 n;
	int			 cur;
	struct take		 tk;		/* the current take */
	int			 have_tk;
	struct prompt		 pr;
	int			 have_pr;
	char			*shot_text;
	long long		 reviewed;
	long long		 total;
	struct review_undo	 undo[REVIEW_UNDO];
	int			 nundo;
};

static void
review_filter_init(struct review *r, struct take_filter *f)
{
	take_filter_init(f);
	f->state = TAKE_READY;
	f->verdict = r->verdict;
	f->reason = r->reason;
	if (r->scope == TUI_REVIEW_SCENE)
		f->scene_id = r->scope_id;
	else if (r->scope == TUI_REVIEW_SHOT)
		f->shot_id = r->scope_id;
}

static int
review_load_list(struct tui *t, struct review *r)
{
	struct take_filter	 f;
	char			*cause = NULL;

	free(r->ids);
	review_filter_init(r, &f);
	if (db_take_ids(tui_db(t), &f, &r->ids, &r->n, &cause) != 0) {
		tui_error(t, cause);
		return -1;
	}
	if (r->cur >= (int)r->n)
		r->cur = r->n > 0 ? (int)r->n - 1 : 0;
	return 0;
}

/* Re-read the current take, its variant and shot, and the progress. */
static int
review_reload(struct tui *t, struct tui_view *v)
{
	struct review		*r = v->data;
	struct stats_filter	 sf;
	struct stats_rows	 rows;
	struct stats		 total;
	struct shot		 sh;
	char			*cause = NULL;
	const char		*what;

	if (r->have_tk)
		take_free(&r->tk);
	if (r->have_pr)
		prompt_free(&r->pr);
	r->have_tk = r->have_pr = 0;
	free(r->shot_text);
	r->shot_text = NULL;
	memset(&sf, 0, sizeof sf);
	if (r->scope == TUI_REVIEW_SCENE)
		sf.scene_id = r->scope_id;
	else if (r->scope == TUI_REVIEW_SHOT)
		sf.shot_id = r->scope_id;
	memset(&rows, 0, sizeof rows);
	if (db_stats(tui_db(t), STATS_BY_PRODUCTION, &sf, &rows, &total,
	    &cause) != 0) {
		tui_error(t, cause);
		return -1;
	}
	stats_rows_free(&rows);
	r->total = total.takes;
	r->reviewed = total.takes - total.unreviewed;
	if (r->n > 0 && db_take_get(tui_db(t), r->ids[r->cur], &r->tk,
	    &cause) == 1) {
		r->have_tk = 1;
		if (r->tk.prompt_id > 0 && db_prompt_get(tui_db(t),
		    r->tk.prompt_id, &r->pr, &cause) == 1)
			r->have_pr = 1;
		if (db_shot_get_id(tui_db(t), r->tk.shot_id, &sh,
		    &cause) == 1) {
			r->shot_text = xstrdup(sh.description);
			shot_free(&sh);
		}
	}
	free(cause);
	what = r->scope == TUI_REVIEW_PRODUCTION ? "the production" :
	    r->scope == TUI_REVIEW_SCENE ? "scene" : "shot";
	if (r->scope == TUI_REVIEW_PRODUCTION || !r->have_tk)
		tui_set_title(v, "Review %s: %lld of %lld reviewed", what,
		    r->reviewed, r->total);
	else
		tui_set_title(v, "Review %s %s: %lld of %lld reviewed", what,
		    r->scope == TUI_REVIEW_SCENE ? r->tk.scene_code :
		    r->tk.shot_code, r->reviewed, r->total);
	return 0;
}

static void
review_draw(struct tui *t, struct tui_view *v, int y, int rows)
{
	struct review	*r = v->data;
	struct take	*tk = &r->tk;
	char		*secs, *cost, *line, *reasons, *in, *out, **lines;
	int		 n, k, row;
	double		 ratio;

	(void)t;
	ratio = r->total > 0 ? (double)r->reviewed / (double)r->total : 0;
	line = xasprintf("%lld of %lld reviewed", r->reviewed, r->total);
	tui_put(y, 1, 30, line, A_BOLD);
	free(line);
	tui_bar(y, 32, COLS - 34, ratio, tui_attr(TC_BAR));
	if (r->n == 0 || !r->have_tk) {
		tui_put(y + 2, 1, COLS - 2, r->verdict == VERDICT_UNREVIEWED ?
		    "Nothing left to review here. f changes the filter; q "
		    "goes back." : "No takes match the filter (f changes "
		    "it).", tui_attr(TC_INFO));
		return;
	}
	secs = tk->duration_ms == BOARD_NONE ? xstrdup("–") :
	    units_fmt_seconds(tk->duration_ms);
	cost = units_fmt_money(tk->cost);
	line = xasprintf("Take %lld · shot %s (scene %s) · variant %s · %s s "
	    "· %s%s%s · cost %s", tk->id, tk->shot_code, tk->scene_code,
	    tk->prompt_label != NULL ? tk->prompt_label : "–", secs,
	    tk->backend != NULL ? tk->backend : "", tk->backend != NULL &&
	    tk->model != NULL ? " " : "", tk->model != NULL ? tk->model : "",
	    cost);
	tui_put(y + 2, 1, COLS - 2, line, tui_attr(TC_TITLE));
	free(line);
	free(secs);
	free(cost);
	reasons = str_list_join(&tk->reasons, ", ");
	line = xasprintf("verdict %s%s%s%s%s%s   rating %s%.0d",
	    verdict_name(tk->verdict), *reasons != '\0' ? " (" : "", reasons,
	    *reasons != '\0' ? ")" : "", tk->verdict_by != NULL ? " by " : "",
	    tk->verdict_by != NULL ? tk->verdict_by : "",
	    tk->rating > 0 ? "" : "–", tk->rating);
	tui_put(y + 3, 1, COLS - 2, line, tui_verdict_attr(tk->verdict) |
	    A_BOLD);
	free(line);
	free(reasons);
	if (tk->verdict == VERDICT_KEEP) {
		in = tk->in_ms == BOARD_NONE ? xstrdup("start") :
		    units_fmt_seconds(tk->in_ms);
		out = tk->out_ms == BOARD_NONE ? xstrdup("end") :
		    units_fmt_seconds(tk->out_ms);
		line = xasprintf("cut %s to %s", in, out);
		tui_put(y + 4, 1, COLS - 2, line, A_NORMAL);
		free(line);
		free(in);
		free(out);
	}
	line = xasprintf("clip %s", tk->file != NULL ? tk->file :
	    "not here yet");
	tui_put(y + 5, 1, COLS - 2, line, tui_attr(TC_DIM));
	free(line);
	row = y + 7;
	tui_put(row++, 0, COLS, " SHOT", tui_attr(TC_DIM) | A_BOLD);
	tui_put(row++, 1, COLS - 2, r->shot_text, A_NORMAL);
	row++;
	tui_put(row++, 0, COLS, " PROMPT", tui_attr(TC_DIM) | A_BOLD);
	n = tui_wrap(r->have_pr ? r->pr.text : "(no prompt variant)",
	    COLS - 2, &lines);
	for (k = 0; k < n && row < y + rows - 1; k++)
		tui_put(row++, 1, COLS - 2, lines[k], A_NORMAL);
	tui_wrap_free(lines, n);
	line = xasprintf("take %d of %zu in this list (%s%s%s)", r->cur + 1,
	    r->n, r->verdict < 0 ? "all takes" :
	    verdict_name((enum verdict)r->verdict), r->reason != NULL ?
	    ": " : "", r->reason != NULL ? r->reason : "");
	tui_putr(y + rows - 1, 0, COLS - 1, line, tui_attr(TC_DIM));
	free(line);
}

/* Remember the current take's verdict so it can be undone. */
static void
review_push_undo(struct review *r)
{
	struct review_undo	*u;
	size_t			 i;

	if (r->nundo == REVIEW_UNDO) {
		str_list_free(&r->undo[0].reasons);
		memmove(r->undo, r->undo + 1, (REVIEW_UNDO - 1) *
		    sizeof *r->undo);
		r->nundo--;
	}
	u = &r->undo[r->nundo++];
	memset(u, 0, sizeof *u);
	u->id = r->tk.id;
	u->verdict = r->tk.verdict;
	u->in_ms = r->tk.in_ms;
	u->out_ms = r->tk.out_ms;
	for (i = 0; i < r->tk.reasons.n; i++)
		str_list_add(&u->reasons, r->tk.reasons.v[i]);
}

static void
review_next(struct tui *t, struct tui_view *v, struct review *r, int dir)
{
	if (dir > 0 && r->cur + 1 < (int)r->n)
		r->cur++;
	else if (dir < 0 && r->cur > 0)
		r->cur--;
	else if (dir > 0)
		tui_message(t, "that was the last take in this list");
	review_reload(t, v);
}

/* Parse "1.5-4", "1.5 4" or "-4" / "1.5-" into in/out. */
static int
review_parse_cut(const char *s, long long *in, long long *out, char **cause)
{
	char	*copy, *sep, *a, *b;
	int	 rv = -1;

	*in = *out = BOARD_NONE;
	copy = str_trim(xstrdup(s));
	if (*copy == '\0') {
		free(copy);
		return 0;
	}
	sep = strpbrk(copy, "- ");
	if (sep == NULL) {
		*cause = xstrdup("give in and out as IN-OUT, such as 1.5-4");
		goto out;
	}
	*sep = '\0';
	a = str_trim(copy);
	b = str_trim(sep + 1);
	if (*a != '\0' && units_parse_seconds(a, in, cause) != 0)
		goto out;
	if (*b != '\0' && units_parse_seconds(b, out, cause) != 0)
		goto out;
	rv = 0;
out:
	free(copy);
	return rv;
}

/* Open the clip with $TAKEBOARD_PLAYER, or xdg-open when there is a
 * local display, detached so the interface goes on. */
static void
review_play(struct tui *t, struct review *r)
{
	const char	*player, *disp, *wl;
	char		*path;
	pid_t		 pid;
	int		 fd;

	if (r->tk.file == NULL) {
		tui_errorf(t, "take %lld has no clip yet", r->tk.id);
		return;
	}
	path = fs_join(db_dir(tui_db(t)), r->tk.file);
	player = getenv("TAKEBOARD_PLAYER");
	disp = getenv("DISPLAY");
	wl = getenv("WAYLAND_DISPLAY");
	if ((player == NULL || *player == '\0') &&
	    (disp == NULL || *disp == '\0') && (wl == NULL || *wl == '\0')) {
		tui_errorf(t, "no local display: the clip is %s (set "
		    "TAKEBOARD_PLAYER to play it)", path);
		free(path);
		return;
	}
	pid = fork();
	if (pid == 0) {
		/* Detach twice so no zombie is left behind. */
		if (fork() != 0)
			_exit(0);
		secret_env_clear();
		setsid();
		fd = open("/dev/null", O_RDWR);
		if (fd != -1) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		if (player != NULL && *player != '\0')
			execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", player,
			    path, (char *)NULL);
		else
			execlp("xdg-open", "xdg-open", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		waitpid(pid, NULL, 0);
		tui_message(t, "playing %s", path);
	} else
		tui_errorf(t, "cannot start the player: %s", strerror(errno));
	free(path);
}

static void
review_filter(struct tui *t, struct tui_view *v, struct review *r)
{
	static const char *const items[] = {
		"unreviewed", "maybe", "rejected", "kept", "all takes",
		"rejected for a reason..."
	};
	static const int vs[] = {
		VERDICT_UNREVIEWED, VERDICT_MAYBE, VERDICT_REJECT, VERDICT_KEEP,
		-1, VERDICT_REJECT
	};
	struct str_list	 reasons;
	char		*cause = NULL;
	int		 k, n;

	k = tui_input_pick(t, "Review which takes", items, 6, 0, NULL);
	if (k < 0)
		return;
	free(r->reason);
	r->reason = NULL;
	if (k == 5) {
		memset(&reasons, 0, sizeof reasons);
		if (db_take_recent_reasons(tui_db(t), 50, &reasons,
		    &cause) != 0) {
			tui_error(t, cause);
			return;
		}
		n = tui_input_pick(t, "Rejected for", (const char *const *)
		    reasons.v, (int)reasons.n, 0, NULL);
		if (n >= 0)
			r->reason = xstrdup(reasons.v[n]);
		str_list_free(&reasons);
		if (n < 0)
			return;
	}
	r->verdict = vs[k];
	r->cur = 0;
	review_load_list(t, r);
	review_reload(t, v);
}

static int
review_key(struct tui *t, struct tui_view *v, enum tui_op op, int key)
{
	struct review		*r = v->data;
	struct review_undo	*u;
	struct str_list		 reasons;
	char			*s, *cause = NULL;
	long long		 in, out, id;
	int			 i;

	if (op == OP_FILTER) {
		review_filter(t, v, r);
		return 1;
	}
	if (op == OP_UNDO) {
		if (r->nundo == 0) {
			tui_message(t, "nothing to undo");
			return 1;
		}
		u = &r->undo[--r->nundo];
		id = u->id;
		if (tui_edit_verdict(t, &id, 1, u->verdict, &u->reasons,
		    u->in_ms, u->out_ms) == 0) {
			for (i = 0; i < (int)r->n; i++) {
				if (r->ids[i] == id)
					r->cur = i;
			}
			tui_message(t, "take %lld is %s again", id,
			    verdict_name(u->verdict));
		}
		str_list_free(&u->reasons);
		review_reload(t, v);
		return 1;
	}
	if (op == OP_NEXT || op == OP_PREV) {
		review_next(t, v, r, op == OP_NEXT ? 1 : -1);
		return 1;
	}
	if (op == OP_TOP || op == OP_BOTTOM) {
		r->cur = op == OP_TOP ? 0 : (int)r->n - 1;
		if (r->cur < 0)
			r->cur = 0;
		review_reload(t, v);
		return 1;
	}
	if (!r->have_tk)
		return 0;
	id = r->tk.id;
	switch (op) {
	case OP_KEEP:
		s = tui_input_line(t, "Keep: in-out seconds (e.g. 1.5-4), "
		    "Enter for the whole take: ", NULL);
		if (s == NULL)
			return 1;
		if (review_parse_cut(s, &in, &out, &cause) != 0) {
			tui_error(t, cause);
			free(s);
			return 1;
		}
		free(s);
		review_push_undo(r);
		if (tui_edit_verdict(t, &id, 1, VERDICT_KEEP, NULL, in,
		    out) == 0)
			review_next(t, v, r, 1);
		else
			str_list_free(&r->undo[--r->nundo].reasons);
		return 1;
	case OP_REJECT:
		memset(&reasons, 0, sizeof reasons);
		if (tui_edit_pick_reasons(t, &reasons) == 0) {
			review_push_undo(r);
			if (tui_edit_verdict(t, &id, 1, VERDICT_REJECT,
			    &reasons, BOARD_NONE, BOARD_NONE) == 0)
				review_next(t, v, r, 1);
			else
				str_list_free(&r->undo[--r->nundo].reasons);
		}
		str_list_free(&reasons);
		return 1;
	case OP_MAYBE:
		review_push_undo(r);
		if (tui_edit_verdict(t, &id, 1, VERDICT_MAYBE, NULL,
		    BOARD_NONE, BOARD_NONE) == 0)
			review_next(t, v, r, 1);
		else
			str_list_free(&r->undo[--r->nundo].reasons);
		return 1;
	case OP_RATE:
		if (key >= '1' && key <= '5')
			tui_edit_rate(t, id, key - '0');
		review_reload(t, v);
		return 1;
	case OP_PLAY:
		review_play(t, r);
		return 1;
	default:
		return 0;
	}
}

static void
review_free(struct tui_view *v)
{
	struct review	*r = v->data;
	int		 i;

	if (r->have_tk)
		take_free(&r->tk);
	if (r->have_pr)
		prompt_free(&r->pr);
	for (i = 0; i < r->nundo; i++)
		str_list_free(&r->undo[i].reasons);
	free(r->shot_text);
	free(r->reason);
	free(r->ids);
	free(r);
}

static const struct tui_view_ops review_ops = {
	.name = "review",
	.ctx = TUI_CTX_REVIEW,
	.reload = review_reload,
	.draw = review_draw,
	.key = review_key,
	.mouse = NULL,
	.free = review_free,
};

/*
 * Open a review of the production, a scene or a shot (scope_id). With a
 * start take, the list holds every take of the scope and begins there;
 * otherwise it holds the takes without a verdict.
 */
void
tui_review_open(struct tui *t, enum tui_review_scope scope,
    long long scope_id, long long start)
{
	struct review	*r;
	size_t		 i;

	r = xcalloc(1, sizeof *r);
	r->scope = scope;
	r->scope_id = scope_id;
	r->verdict = start > 0 ? -1 : VERDICT_UNREVIEWED;
	if (review_load_list(t, r) != 0) {
		free(r);
		return;
	}
	for (i = 0; i < r->n; i++) {
		if (r->ids[i] == start)
			r->cur = (int)i;
	}
	tui_push(t, &review_ops, r, "Review");
}
