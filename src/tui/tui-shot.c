/* SPDX-License-Identifier: ISC */
/*
 * The shot view: the shot's fields; its prompt variants as a tree by
 * parent with takes, kept and keep rate (which phrasing works); the
 * takes of the selected variant; and the variant's prompt, wrapped, or
 * its word diff against its parent (D).
 *
 * A variant may have thousands of takes: the view holds only the page
 * on screen (win), counts the takes from the maintained totals, and
 * fetches the page again, keyed on the ids it already has, as the
 * cursor moves (shotv_fetch), so a key costs what the screen shows.
 */
#include "config.h"

#include "tui/tui-shot.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/array.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/clock.h"
#include "model/stats.h"
#include "model/units.h"
#include "model/wdiff.h"
#include "db/db.h"
#include "db/db-board.h"
#include "db/db-prompt.h"
#include "db/db-take.h"
#include "tui/tui.h"
#include "tui/tui-curses.h"
#include "tui/tui-draw.h"
#include "tui/tui-gen.h"
#include "tui/tui-edit.h"
#include "tui/tui-input.h"
#include "tui/tui-review.h"

ARRAY_DECL(shot_ids, long long);

struct shotv {
	long long		 id;
	struct shot		 shot;
	struct prompt_list	 prompts;
	int			*order;		/* tree order of prompts */
	int			*depth;
	long long		 ntakes;	/* of the selected variant */
	struct take_list	 win;		/* takes wtop.. on screen */
	int			 wtop;
	int			 wvalid;
	struct shot_ids		 marks;		/* marked take ids */
	int			 pane;		/* 0 variants, 1 takes */
	int			 pcur, ptop;
	int			 tcur, ttop;
	int			 diff;
	int			 list_y, list_rows, split;
};

static const struct prompt *
shotv_prompt(struct shotv *s)
{
	if (s->prompts.n == 0)
		return NULL;
	return &s->prompts.v[s->order[s->pcur]];
}

/* Depth-first order of the variants by parent, children by id. */
static void
shotv_tree(struct shotv *s)
{
	size_t	 n = s->prompts.n, i, k;
	int	*stack, sp = 0, out = 0, idx;

	free(s->order);
	free(s->depth);
	s->order = xcalloc(n + 1, sizeof *s->order);
	s->depth = xcalloc(n + 1, sizeof *s->depth);
	stack = xcalloc(n + 1, sizeof *stack);
	/* Roots (no parent, or a parent not in this shot), last first. */
	for (i = n; i-- > 0; ) {
		bool root = true;

		for (k = 0; k < n; k++) {
			if (s->prompts.v[i].parent_id == s->prompts.v[k].id)
				root = false;
		}
		if (root)
			stack[sp++] = (int)i;
	}
	while (sp > 0 && out < (int)n) {
		idx = stack[--sp];
		s->order[out] = idx;
		s->depth[out] = 0;
		for (k = 0; k < (size_t)out; k++) {
			if (s->prompts.v[s->order[k]].id ==
			    s->prompts.v[idx].parent_id)
				s->depth[out] = s->depth[k] + 1;
		}
		out++;
		for (i = n; i-- > 0; ) {
			if (s->prompts.v[i].parent_id == s->prompts.v[idx].id &&
			    sp < (int)n)
				stack[sp++] = (int)i;
		}
	}
	free(stack);
}

/* The take at position idx of the variant's list, if it is fetched
 * (the cursor's always is once drawn); NULL otherwise. */
static const struct take *
shotv_take(struct shotv *s, int idx)
{
	if (!s->wvalid || idx < s->wtop || idx >= s->wtop + (int)s->win.n)
		return NULL;
	return &s->win.v[idx - s->wtop];
}

/* Count the selected variant's takes; the page is fetched on drawing. */
static int
shotv_load_takes(struct tui *t, struct shotv *s)
{
	const struct prompt	*pr = shotv_prompt(s);
	char			*cause = NULL;

	s->wvalid = 0;
	if (db_take_count(tui_db(t), s->id, pr != NULL ? pr->id : 0,
	    &s->ntakes, &cause) != 0) {
		s->ntakes = 0;
		tui_error(t, cause);
		return -1;
	}
	if (s->ntakes > INT_MAX)
		s->ntakes = INT_MAX;
	return 0;
}

/*
 * Make the page hold takes top..top+rows-1 (those that exist). A page
 * next to the one held is keyed on the id at its edge; the ends are
 * read from the first or the last take; only a jump elsewhere (after a
 * reload) skips index entries to get there.
 */
static void
shotv_fetch(struct tui *t, struct shotv *s, int top, int rows)
{
	const struct prompt	*pr = shotv_prompt(s);
	struct take_list	 l;
	long long		 key = 0, skip = 0;
	char			*cause = NULL;
	int			 need, end, dir = 1;

	need = (int)s->ntakes - top < rows ? (int)s->ntakes - top : rows;
	if (need <= 0) {
		take_list_free(&s->win);
		s->wtop = top;
		s->wvalid = 1;
		return;
	}
	end = top + need;
	if (s->wvalid && top >= s->wtop && end <= s->wtop + (int)s->win.n)
		return;
	if (shotv_take(s, top - 1) != NULL)
		key = shotv_take(s, top - 1)->id;
	else if (shotv_take(s, end) != NULL) {
		key = shotv_take(s, end)->id;
		dir = -1;
	} else if (top > (int)s->ntakes - end) {
		dir = -1;
		skip = (int)s->ntakes - end;
	} else
		skip = top;
	memset(&l, 0, sizeof l);
	if (db_take_page(tui_db(t), s->id, pr != NULL ? pr->id : 0, key, dir,
	    skip, (size_t)need, &l, &cause) != 0)
		tui_error(t, cause);
	take_list_free(&s->win);
	s->win = l;
	s->wtop = top;
	s->wvalid = 1;
}

static int
shotv_reload(struct tui *t, struct tui_view *v)
{
	struct shotv	*s = v->data;
	long long	 pid = 0;
	char		*cause = NULL;
	int		 found;
	size_t		 i;

	if (shotv_prompt(s) != NULL)
		pid = shotv_prompt(s)->id;
	shot_free(&s->shot);
	prompt_list_free(&s->prompts);
	found = db_shot_get_id(tui_db(t), s->id, &s->shot, &cause);
	if (found <= 0) {
		tui_error(t, found < 0 ? cause : xstrdup("the shot was "
		    "deleted"));
		memset(&s->shot, 0, sizeof s->shot);
		s->shot.code = xstrdup("?");
		s->shot.description = xstrdup("");
		s->shot.scene_code = xstrdup("?");
		return -1;
	}
	if (db_prompt_list(tui_db(t), s->id, &s->prompts, &cause) != 0) {
		tui_error(t, cause);
		return -1;
	}
	shotv_tree(s);
	for (i = 0; i < s->prompts.n; i++) {
		if (s->prompts.v[s->order[i]].id == pid)
			s->pcur = (int)i;
	}
	if (s->pcur >= (int)s->prompts.n)
		s->pcur = 0;
	tui_set_title(v, "Shot %s (scene %s): %s", s->shot.code,
	    s->shot.scene_code, status_name(s->shot.status));
	return shotv_load_takes(t, s);
}

/* "3d", "5h", "12m" since an ISO time. */
static char *
shotv_age(const char *iso)
{
	time_t	 then, now;
	long	 d;

	if (iso == NULL || clock_parse_iso(iso, &then) != 0)
		return xstrdup("");
	now = clock_now();
	d = (long)(now - then);
	if (d < 3600)
		return xasprintf("%ldm", d / 60 > 0 ? d / 60 : 0);
	if (d < 86400)
		return xasprintf("%ldh", d / 3600);
	return xasprintf("%ldd", d / 86400);
}

static void
shotv_draw_fields(struct shotv *s, int y)
{
	char	*secs, *line;

	secs = s->shot.target_ms == BOARD_NONE ? xstrdup("–") :
	    units_fmt_seconds(s->shot.target_ms);
	line = xasprintf("%s · %s / %s / %s / %s · %s s · %s", s->shot.code,
	    s->shot.size ? s->shot.size : "–",
	    s->shot.angle ? s->shot.angle : "–",
	    s->shot.movement ? s->shot.movement : "–",
	    s->shot.lens ? s->shot.lens : "–", secs,
	    status_name(s->shot.status));
	tui_put(y, 1, COLS - 2, line, A_BOLD);
	free(line);
	free(secs);
	tui_put(y + 1, 1, COLS - 2, s->shot.description, A_NORMAL);
	line = xasprintf("%s%s%s", s->shot.action,
	    *s->shot.action && *s->shot.dialogue ? "  ·  " : "",
	    s->shot.dialogue);
	tui_put(y + 2, 1, COLS - 2, line, tui_attr(TC_DIM));
	free(line);
}

static void
shotv_draw_prompts(struct shotv *s, int y, int rows, int w)
{
	const struct prompt	*pr;
	struct stats		 st;
	char			*rate, *line, *indent;
	attr_t			 a;
	int			 i, idx;

	tui_put(y, 0, w, " VARIANT          TAKES KEPT  KEEP%",
	    tui_attr(TC_DIM) | A_BOLD);
	tui_list_fix(&s->pcur, &s->ptop, (int)s->prompts.n, rows - 1);
	if (s->prompts.n == 0) {
		tui_put(y + 1, 1, w - 1, "No variants: press a to write one.",
		    tui_attr(TC_DIM));
		return;
	}
	for (i = 0; i < rows - 1; i++) {
		idx = s->ptop + i;
		if (idx >= (int)s->prompts.n)
			break;
		pr = &s->prompts.v[s->order[idx]];
		memset(&st, 0, sizeof st);
		st.takes = pr->takes;
		st.kept = pr->kept;
		rate = stats_fmt_keep_rate(&st);
		indent = xasprintf("%*s%s%s", s->depth[idx] * 2, "",
		    s->depth[idx] > 0 ? "└" : "", pr->label);
		line = xasprintf(" %-16.16s", indent);
		a = idx == s->pcur ? tui_attr(s->pane == 0 ? TC_SELECT :
		    TC_SELECT_DIM) : A_NORMAL;
		tui_put(y + 1 + i, 0, w - 18, indent, a);
		free(line);
		line = xasprintf("%5lld %4lld %6s", pr->takes, pr->kept, rate);
		tui_putr(y + 1 + i, w - 18, 18, line, a);
		free(line);
		free(indent);
		free(rate);
	}
}

static bool
shotv_marked(struct shotv *s, long long id)
{
	size_t	 i;

	for (i = 0; i < s->marks.n; i++) {
		if (s->marks.v[i] == id)
			return true;
	}
	return false;
}

static void
shotv_draw_takes(struct tui *t, struct shotv *s, int y, int rows, int x,
    int w)
{
	const struct take	*tk;
	char			*line, *secs, *age, *reasons, *rating;
	attr_t			 a;
	int			 i, idx;

	tui_put(y, x, w, "   TAKE STATUS     VERDICT    RATE  SECS  WHO     "
	    "AGE  REASONS", tui_attr(TC_DIM) | A_BOLD);
	tui_list_fix(&s->tcur, &s->ttop, (int)s->ntakes, rows - 1);
	shotv_fetch(t, s, s->ttop, rows - 1);
	if (s->ntakes == 0) {
		tui_put(y + 1, x + 1, w - 1, "No takes of this variant yet.",
		    tui_attr(TC_DIM));
		return;
	}
	for (i = 0; i < rows - 1; i++) {
		idx = s->ttop + i;
		tk = shotv_take(s, idx);
		if (tk == NULL)
			break;
		secs = tk->duration_ms == BOARD_NONE ? xstrdup("–") :
		    units_fmt_seconds(tk->duration_ms);
		age = shotv_age(tk->created);
		reasons = tk->state == TAKE_FAILED && tk->error != NULL ?
		    xstrdup(tk->error) : str_list_join(&tk->reasons, ",");
		rating = tk->rating > 0 ? xasprintf("%d", tk->rating) :
		    xstrdup("");
		line = xasprintf("%c%6lld %-10s %-10s %4s %5s  %-7.7s %4s  %s",
		    shotv_marked(s, tk->id) ? '*' : ' ', tk->id,
		    take_state_name(tk->state), verdict_name(tk->verdict),
		    rating, secs, tk->verdict_by != NULL ? tk->verdict_by :
		    tk->created_by, age, reasons);
		a = idx == s->tcur ? tui_attr(s->pane == 1 ? TC_SELECT :
		    TC_SELECT_DIM) : tui_verdict_attr(tk->verdict);
		tui_put(y + 1 + i, x, w, line, a);
		free(line);
		free(secs);
		free(age);
		free(reasons);
		free(rating);
	}
}

static void
shotv_draw_text(struct shotv *s, int y, int rows)
{
	const struct prompt	*pr = shotv_prompt(s);
	const struct prompt	*parent = NULL;
	struct wdiff		*d;
	char			**lines, *text, *ta, *tb;
	size_t			 i;
	int			 n, k, in_del = 0, in_add = 0;
	const char		*p;

	if (pr == NULL || rows < 2)
		return;
	for (i = 0; i < s->prompts.n; i++) {
		if (s->prompts.v[i].id == pr->parent_id)
			parent = &s->prompts.v[i];
	}
	if (s->diff && parent != NULL) {
		tui_put(y, 0, COLS, " WORD DIFF against its parent "
		    "(D shows the prompt)", tui_attr(TC_DIM) | A_BOLD);
		ta = sanitize_text(parent->text);
		tb = sanitize_text(pr->text);
		d = wdiff_new(ta, tb);
		text = wdiff_format(d, "\x01", "\x02", "\x03", "\x04");
		wdiff_free(d);
		free(ta);
		free(tb);
		/* Markers survive wrapping as ^A..^D; draw them as colour. */
		n = tui_wrap(text, COLS - 2, &lines);
		for (k = 0; k < n && k < rows - 1; k++) {
			move(y + 1 + k, 1);
			for (p = lines[k]; *p != '\0'; ) {
				const char *m = p;
				attr_t a;

				if (p[0] == '^' && p[1] >= 'A' && p[1] <= 'D') {
					in_del = p[1] == 'A' ? 1 :
					    p[1] == 'B' ? 0 : in_del;
					in_add = p[1] == 'C' ? 1 :
					    p[1] == 'D' ? 0 : in_add;
					p += 2;
					continue;
				}
				while (*m != '\0' && !(m[0] == '^' &&
				    m[1] >= 'A' && m[1] <= 'D'))
					m++;
				a = in_del ? tui_attr(TC_DEL) : in_add ?
				    tui_attr(TC_ADD) : 0;
				attron(a);
				addnstr(p, (int)(m - p));
				attroff(a);
				p = m;
			}
		}
		tui_wrap_free(lines, n);
		free(text);
		return;
	}
	tui_put(y, 0, COLS, s->diff ? " PROMPT (this variant has no parent "
	    "to diff against)" : " PROMPT", tui_attr(TC_DIM) | A_BOLD);
	n = tui_wrap(pr->text, COLS - 2, &lines);
	for (k = 0; k < n && k < rows - 1; k++)
		tui_put(y + 1 + k, 1, COLS - 2, lines[k], A_NORMAL);
	tui_wrap_free(lines, n);
}

static void
shotv_draw(struct tui *t, struct tui_view *v, int y, int rows)
{
	struct shotv	*s = v->data;
	int		 lh, left, th;

	shotv_draw_fields(s, y);
	th = rows / 3 > 3 ? rows / 3 : 3;
	lh = rows - 3 - th;
	left = COLS * 2 / 5 > 36 ? 36 : COLS * 2 / 5;
	s->list_y = y + 3;
	s->list_rows = lh;
	s->split = left;
	shotv_draw_prompts(s, y + 3, lh, left);
	mvvline(y + 3, left, ACS_VLINE, lh);
	shotv_draw_takes(t, s, y + 3, lh, left + 1, COLS - left - 1);
	shotv_draw_text(s, y + 3 + lh, th);
}

static void
shotv_verdict(struct tui *t, struct shotv *s)
{
	static const char *const items[] = {
		"keep", "maybe", "reject", "unreviewed"
	};
	static const enum verdict vs[] = {
		VERDICT_KEEP, VERDICT_MAYBE, VERDICT_REJECT, VERDICT_UNREVIEWED
	};
	const struct take	*tk = shotv_take(s, s->tcur);
	struct str_list		 reasons;
	struct shot_ids		 ids;
	size_t			 i;
	int			 r;

	memset(&ids, 0, sizeof ids);
	for (i = 0; i < s->marks.n; i++)
		*ARRAY_ADD(&ids) = s->marks.v[i];
	if (ids.n == 0 && tk != NULL)
		*ARRAY_ADD(&ids) = tk->id;
	if (ids.n == 0)
		return;
	r = tui_input_pick(t, ids.n > 1 ? "Verdict for the marked takes" :
	    "Verdict", items, 4, 0, NULL);
	memset(&reasons, 0, sizeof reasons);
	if (r == 2 && tui_edit_pick_reasons(t, &reasons) != 0)
		r = -1;
	if (r >= 0 && tui_edit_verdict(t, ids.v, ids.n, vs[r], r == 2 ?
	    &reasons : NULL, BOARD_NONE, BOARD_NONE) == 0)
		s->marks.n = 0;
	str_list_free(&reasons);
	ARRAY_FREE(&ids);
}

static int
shotv_key(struct tui *t, struct tui_view *v, enum tui_op op, int key)
{
	struct shotv		*s = v->data;
	const struct prompt	*pr = shotv_prompt(s);
	const struct take	*tk = shotv_take(s, s->tcur);
	enum status		 st = s->shot.status;
	size_t			 i;
	int			 old = s->pcur, rows = s->list_rows - 1;

	(void)key;
	if (s->pane == 0 && tui_list_key(&s->pcur, (int)s->prompts.n, op,
	    rows)) {
		if (s->pcur != old) {
			s->tcur = s->ttop = 0;
			s->marks.n = 0;
			shotv_load_takes(t, s);
		}
		return 1;
	}
	if (s->pane == 1 && tui_list_key(&s->tcur, (int)s->ntakes, op, rows))
		return 1;
	switch (op) {
	case OP_LEFT:
	case OP_RIGHT:
	case OP_PANE:
		s->pane = op == OP_LEFT ? 0 : op == OP_RIGHT ? 1 : !s->pane;
		return 1;
	case OP_OPEN:
		if (s->pane == 0)
			s->pane = 1;
		else if (tk != NULL)
			tui_review_open(t, TUI_REVIEW_SHOT, s->id, tk->id);
		return 1;
	case OP_BACK:
		if (s->marks.n > 0) {
			s->marks.n = 0;
			return 1;
		}
		return 0;
	case OP_ADD:
		tui_edit_prompt_add(t, s->id, pr != NULL ? pr->id : 0);
		return 1;
	case OP_EDIT:
		tui_edit_shot(t, s->id);
		return 1;
	case OP_DELETE:
		if (s->pane == 0 && pr != NULL)
			tui_edit_prompt_rm(t, pr->id);
		else if (s->pane == 1 && tk != NULL)
			tui_edit_take_rm(t, tk->id);
		return 1;
	case OP_STATUS:
		if (tui_edit_pick_status(t, &st) == 0)
			tui_edit_status(t, 0, &s->id, 1, st);
		return 1;
	case OP_MARK:
		if (s->pane == 1 && tk != NULL) {
			long long id = tk->id;
			bool found = false;

			for (i = 0; i < s->marks.n; i++) {
				if (s->marks.v[i] == id) {
					s->marks.v[i] =
					    s->marks.v[--s->marks.n];
					found = true;
					break;
				}
			}
			if (!found)
				*ARRAY_ADD(&s->marks) = id;
			if (s->tcur + 1 < (int)s->ntakes)
				s->tcur++;
		}
		return 1;
	case OP_VERDICT:
		shotv_verdict(t, s);
		return 1;
	case OP_DIFF:
		s->diff = !s->diff;
		return 1;
	case OP_REVIEW:
		tui_review_open(t, TUI_REVIEW_SHOT, s->id, 0);
		return 1;
	case OP_GENERATE:
		if (pr != NULL)
			tui_gen_submit(t, pr->id);
		else
			tui_errorf(t, "add a prompt variant first (a)");
		return 1;
	default:
		return 0;
	}
}

static int
shotv_mouse(struct tui *t, struct tui_view *v, int y, int x, int bstate)
{
	struct shotv	*s = v->data;
	int		 row = y - s->list_y - 1, old = s->pcur;

	if (bstate & BUTTON4_PRESSED)
		return shotv_key(t, v, OP_UP, 0);
	if (bstate & BUTTON5_PRESSED)
		return shotv_key(t, v, OP_DOWN, 0);
	if (row < 0 || row >= s->list_rows - 1)
		return 0;
	if (x < s->split) {
		s->pane = 0;
		if (s->ptop + row < (int)s->prompts.n)
			s->pcur = s->ptop + row;
		if (s->pcur != old) {
			s->tcur = s->ttop = 0;
			shotv_load_takes(t, s);
		}
	} else {
		s->pane = 1;
		if (s->ttop + row < (int)s->ntakes)
			s->tcur = s->ttop + row;
	}
	return 1;
}

static void
shotv_free(struct tui_view *v)
{
	struct shotv	*s = v->data;

	shot_free(&s->shot);
	prompt_list_free(&s->prompts);
	take_list_free(&s->win);
	ARRAY_FREE(&s->marks);
	free(s->order);
	free(s->depth);
	free(s);
}

static const struct tui_view_ops shotv_ops = {
	.name = "shot",
	.ctx = TUI_CTX_SHOT,
	.reload = shotv_reload,
	.draw = shotv_draw,
	.key = shotv_key,
	.mouse = shotv_mouse,
	.free = shotv_free,
};

/* Open the shot view on shot id. */
void
tui_shot_open(struct tui *t, long long id)
{
	struct shotv	*s;

	s = xcalloc(1, sizeof *s);
	s->id = id;
	tui_push(t, &shotv_ops, s, "Shot");
}
