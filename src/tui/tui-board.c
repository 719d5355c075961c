/* SPDX-License-Identifier: ISC */
/*
 * The board: the storyboard in order. Scenes down the left with their
 * shot count, kept/takes and a usage bar; the selected scene's shots on
 * the right as two-line cards (code, framing, status, takes, kept, keep
 * rate, target seconds; then the description). Every scene is loaded
 * with its totals (they make the left pane); shots only for the scene
 * selected, as it is selected, so that a storyboard of 5,000 shots
 * opens as fast as one of 50; a search through the shots runs in the
 * database. Takes are only counted, never loaded.
 */
#include "config.h"

#include "tui/tui-board.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/array.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/stats.h"
#include "model/units.h"
#include "db/db.h"
#include "db/db-board.h"
#include "tui/tui.h"
#include "tui/tui-curses.h"
#include "tui/tui-draw.h"
#include "tui/tui-edit.h"
#include "tui/tui-input.h"
#include "tui/tui-review.h"
#include "tui/tui-shot.h"

#define BOARD_LEFT_MIN	34

ARRAY_DECL(id_list, long long);

struct board {
	struct scene_list	 scenes;
	struct shot_list	 shots;		/* of the selected scene */
	long long		 shots_of;	/* its id; 0: not loaded */
	long long		 nshots;	/* in every scene */
	struct id_list		 vis;		/* shot indexes shown */
	struct id_list		 marks;		/* marked ids (pane's kind) */
	int			 pane;		/* 0 scenes, 1 shots */
	int			 scur, stop;
	int			 hcur, htop;
	int			 filter;	/* status, or -1 */
	char			*filter_text;
	char			*search;
	int			 top_y, rows;	/* last drawn region */
};

static bool
board_marked(struct board *b, long long id)
{
	size_t	 i;

	for (i = 0; i < b->marks.n; i++) {
		if (b->marks.v[i] == id)
			return true;
	}
	return false;
}

static void
board_toggle_mark(struct board *b, long long id)
{
	size_t	 i;

	for (i = 0; i < b->marks.n; i++) {
		if (b->marks.v[i] == id) {
			b->marks.v[i] = b->marks.v[--b->marks.n];
			return;
		}
	}
	*ARRAY_ADD(&b->marks) = id;
}

static const struct scene *
board_scene(struct board *b)
{
	if (b->scenes.n == 0)
		return NULL;
	return &b->scenes.v[b->scur];
}

static const struct shot *
board_shot(struct board *b)
{
	if (b->vis.n == 0)
		return NULL;
	return &b->shots.v[b->vis.v[b->hcur]];
}

static bool
board_text_match(const char *hay, const char *needle)
{
	return hay != NULL && strcasestr(hay, needle) != NULL;
}

static bool
board_shot_shown(struct board *b, const struct shot *sh)
{
	if (b->filter >= 0 && (int)sh->status != b->filter)
		return false;
	if (b->filter_text != NULL &&
	    !board_text_match(sh->description, b->filter_text) &&
	    !board_text_match(sh->code, b->filter_text))
		return false;
	return true;
}

/* Rebuild the list of shown shots for the selected scene, reading its
 * shots unless they are already loaded. */
static void
board_fill_vis(struct tui *t, struct board *b)
{
	const struct scene	*sc = board_scene(b);
	char			*cause = NULL;
	size_t			 i;

	b->vis.n = 0;
	if (sc == NULL)
		return;
	if (b->shots_of != sc->id) {
		shot_list_free(&b->shots);
		b->shots_of = sc->id;
		if (db_shot_list(tui_db(t), sc->id, -1, &b->shots,
		    &cause) != 0)
			tui_error(t, cause);
	}
	for (i = 0; i < b->shots.n; i++) {
		if (board_shot_shown(b, &b->shots.v[i]))
			*ARRAY_ADD(&b->vis) = (long long)i;
	}
	if (b->hcur >= (int)b->vis.n)
		b->hcur = b->vis.n > 0 ? (int)b->vis.n - 1 : 0;
}

static void
board_select(struct tui *t, struct board *b, long long scene_id,
    long long shot_id)
{
	size_t	 i;

	for (i = 0; i < b->scenes.n; i++) {
		if (b->scenes.v[i].id == scene_id)
			b->scur = (int)i;
	}
	if (b->scur >= (int)b->scenes.n)
		b->scur = b->scenes.n > 0 ? (int)b->scenes.n - 1 : 0;
	board_fill_vis(t, b);
	for (i = 0; i < b->vis.n; i++) {
		if (b->shots.v[b->vis.v[i]].id == shot_id)
			b->hcur = (int)i;
	}
}

static int
board_reload(struct tui *t, struct tui_view *v)
{
	struct board	*b = v->data;
	long long	 scene_id = 0, shot_id = 0;
	char		*cause = NULL;
	size_t		 i;

	if (board_scene(b) != NULL)
		scene_id = board_scene(b)->id;
	if (board_shot(b) != NULL)
		shot_id = board_shot(b)->id;
	scene_list_free(&b->scenes);
	shot_list_free(&b->shots);
	b->shots_of = 0;
	b->vis.n = 0;
	if (db_scene_list(tui_db(t), &b->scenes, &cause) != 0) {
		tui_error(t, cause);
		return -1;
	}
	b->nshots = 0;
	for (i = 0; i < b->scenes.n; i++)
		b->nshots += b->scenes.v[i].shots;
	board_select(t, b, scene_id, shot_id);
	tui_set_title(v, "Board: %zu scenes, %lld shots%s%s%s", b->scenes.n,
	    b->nshots, b->filter >= 0 ? "  [status " : "",
	    b->filter >= 0 ? status_name((enum status)b->filter) : "",
	    b->filter >= 0 ? "]" : "");
	return 0;
}

/* Column layout of the scene pane, from its width w. */
#define BOARD_SH_W	4
#define BOARD_KT_W	9
#define BOARD_BAR_W	6

static void
board_draw_scenes(struct tui *t, struct board *b, int y, int rows, int w)
{
	const struct scene	*sc;
	struct stats		 s;
	char			*line, *kt;
	double			 u = 0;
	attr_t			 a;
	int			 i, idx, hw;

	(void)t;
	hw = w - BOARD_SH_W - BOARD_KT_W - BOARD_BAR_W - 2;
	tui_list_fix(&b->scur, &b->stop, (int)b->scenes.n, rows);
	if (b->scenes.n == 0) {
		tui_put(y, 1, w - 1, "No scenes yet: press a to add one.",
		    tui_attr(TC_DIM));
		return;
	}
	for (i = 0; i < rows; i++) {
		idx = b->stop + i;
		if (idx >= (int)b->scenes.n)
			break;
		sc = &b->scenes.v[idx];
		memset(&s, 0, sizeof s);
		s.ms_generated = sc->ms_generated;
		s.ms_used = sc->ms_used;
		a = idx == b->scur ? tui_attr(b->pane == 0 ? TC_SELECT :
		    TC_SELECT_DIM) : A_NORMAL;
		line = xasprintf("%c%-4s %s", b->pane == 0 &&
		    board_marked(b, sc->id) ? '*' : ' ', sc->code, sc->heading);
		tui_put(y + i, 0, hw, line, a);
		free(line);
		line = xasprintf("%lld", sc->shots);
		tui_putr(y + i, hw, BOARD_SH_W, line, a);
		free(line);
		kt = xasprintf("%lld/%lld", sc->kept, sc->takes);
		tui_putr(y + i, hw + BOARD_SH_W, BOARD_KT_W, kt, a);
		free(kt);
		tui_fill(y + i, hw + BOARD_SH_W + BOARD_KT_W, BOARD_BAR_W + 2,
		    a);
		if (stats_usage(&s, &u))
			tui_bar(y + i, w - BOARD_BAR_W - 1, BOARD_BAR_W,
			    u / 0.005, tui_attr(TC_BAR) | (a & A_REVERSE));
	}
}

static void
board_draw_shots(struct tui *t, struct board *b, int y, int rows, int x,
    int w)
{
	const struct shot	*sh;
	struct stats		 s;
	char			*line, *rate, *secs, *frame;
	attr_t			 a;
	int			 i, idx, cards, narrow;

	(void)t;
	cards = rows / 2;
	tui_list_fix(&b->hcur, &b->htop, (int)b->vis.n, cards);
	if (b->vis.n == 0) {
		tui_put(y, x + 1, w - 1, b->filter >= 0 ||
		    b->filter_text != NULL ? "No shots match the filter (f "
		    "changes it)." : "No shots in this scene: press a on "
		    "this side to add one.", tui_attr(TC_DIM));
		return;
	}
	for (i = 0; i < cards; i++) {
		idx = b->htop + i;
		if (idx >= (int)b->vis.n)
			break;
		sh = &b->shots.v[b->vis.v[idx]];
		memset(&s, 0, sizeof s);
		s.takes = sh->takes;
		s.kept = sh->kept;
		rate = stats_fmt_keep_rate(&s);
		secs = sh->target_ms == BOARD_NONE ? xstrdup("") :
		    xasprintf("%.3g s", sh->target_ms / 1000.0);
		frame = xasprintf("%s · %s · %s", sh->size ? sh->size : "–",
		    sh->angle ? sh->angle : "–",
		    sh->movement ? sh->movement : "–");
		a = idx == b->hcur ? tui_attr(b->pane == 1 ? TC_SELECT :
		    TC_SELECT_DIM) : A_NORMAL;
		/* Narrow: the framing goes on the description's line. */
		narrow = w - 36 < 24;
		line = xasprintf("%c%-6s %s", b->pane == 1 &&
		    board_marked(b, sh->id) ? '*' : ' ', sh->code,
		    narrow ? "" : frame);
		tui_put(y + 2 * i, x, w - 37, line, a | A_BOLD);
		tui_fill(y + 2 * i, x + w - 37, 1, a);
		free(line);
		tui_put(y + 2 * i, x + w - 36, 11, status_name(sh->status),
		    a | tui_status_attr(sh->status));
		line = xasprintf("%lld tk %lld kept %s", sh->takes, sh->kept,
		    rate);
		tui_putr(y + 2 * i, x + w - 25, 25, line, a);
		free(line);
		line = xasprintf("        %s%s%s", narrow ? frame : "",
		    narrow ? "  " : "", sh->description);
		tui_put(y + 2 * i + 1, x, w - 9, line, idx == b->hcur ? a :
		    tui_attr(TC_DIM));
		free(line);
		tui_putr(y + 2 * i + 1, x + w - 9, 9, secs, idx == b->hcur ?
		    a : tui_attr(TC_DIM));
		free(rate);
		free(secs);
		free(frame);
	}
}

static void
board_draw(struct tui *t, struct tui_view *v, int y, int rows)
{
	struct board	*b = v->data;
	int		 left;

	b->top_y = y;
	b->rows = rows;
	left = COLS * 9 / 20;
	if (left < BOARD_LEFT_MIN)
		left = BOARD_LEFT_MIN;
	tui_put(y, 0, left, " SCENE", tui_attr(TC_DIM) | A_BOLD);
	tui_putr(y, left - BOARD_BAR_W - BOARD_KT_W - BOARD_SH_W - 2,
	    BOARD_SH_W + BOARD_KT_W + BOARD_BAR_W + 2, "SH  KEPT/TK  USAGE",
	    tui_attr(TC_DIM));
	tui_put(y, left + 1, COLS - left - 1, " SHOTS", tui_attr(TC_DIM) |
	    A_BOLD);
	board_draw_scenes(t, b, y + 1, rows - 1, left);
	mvvline(y, left, ACS_VLINE, rows);
	board_draw_shots(t, b, y + 1, rows - 1, left + 1, COLS - left - 1);
}

static void
board_marked_or_current(struct board *b, long long cur, struct id_list *out)
{
	size_t	 i;

	out->n = 0;
	for (i = 0; i < b->marks.n; i++)
		*ARRAY_ADD(out) = b->marks.v[i];
	if (out->n == 0 && cur > 0)
		*ARRAY_ADD(out) = cur;
}

static void
board_search(struct tui *t, struct board *b, int dir, int fresh)
{
	const struct shot	*sh = board_shot(b);
	long long		 shot_id, scene_id;
	size_t			 n, i, k;
	char			*cause = NULL;
	int			 found;

	if (b->search == NULL)
		return;
	if (b->pane == 0) {
		n = b->scenes.n;
		for (k = 1; k <= n; k++) {
			i = ((size_t)b->scur + n + (fresh ? k - 1 : k) * dir) %
			    n;
			if (board_text_match(b->scenes.v[i].heading,
			    b->search) || board_text_match(b->scenes.v[i].code,
			    b->search) ||
			    board_text_match(b->scenes.v[i].synopsis,
			    b->search)) {
				b->scur = (int)i;
				b->hcur = 0;
				board_fill_vis(t, b);
				return;
			}
		}
	} else {
		/* Shots: search the whole storyboard, in the database. */
		found = db_shot_find(tui_db(t), b->search, sh != NULL ?
		    sh->id : 0, dir, fresh, &shot_id, &scene_id, &cause);
		if (found < 0) {
			tui_error(t, cause);
			return;
		}
		if (found > 0) {
			board_select(t, b, scene_id, shot_id);
			return;
		}
	}
	tui_errorf(t, "no match for '%s'", b->search);
}

static void
board_filter(struct tui *t, struct tui_view *v, struct board *b)
{
	const char	*items[STATUS_COUNT + 2];
	char		*text;
	int		 i, r;

	items[0] = "all shots";
	for (i = 0; i < STATUS_COUNT; i++)
		items[i + 1] = status_name((enum status)i);
	items[STATUS_COUNT + 1] = "text...";
	r = tui_input_pick(t, "Show shots with status", items,
	    STATUS_COUNT + 2, b->filter + 1, NULL);
	if (r < 0)
		return;
	if (r == STATUS_COUNT + 1) {
		text = tui_input_line(t, "Shots containing: ", b->filter_text);
		if (text == NULL)
			return;
		free(b->filter_text);
		b->filter_text = *text != '\0' ? text : NULL;
		if (b->filter_text == NULL)
			free(text);
	} else {
		b->filter = r - 1;
		free(b->filter_text);
		b->filter_text = NULL;
	}
	b->hcur = 0;
	board_reload(t, v);
}

static int
board_key(struct tui *t, struct tui_view *v, enum tui_op op, int key)
{
	struct board		*b = v->data;
	const struct scene	*sc = board_scene(b);
	const struct shot	*sh = board_shot(b);
	struct id_list		 ids;
	enum status		 st = STATUS_PLANNED;
	long long		 id = 0;
	char			*s;
	int			 rows = b->rows > 2 ? b->rows - 1 : 1;

	(void)key;
	if (b->pane == 0 && tui_list_key(&b->scur, (int)b->scenes.n, op,
	    rows)) {
		b->hcur = b->htop = 0;
		board_fill_vis(t, b);
		return 1;
	}
	if (b->pane == 1 && tui_list_key(&b->hcur, (int)b->vis.n, op,
	    rows / 2))
		return 1;
	memset(&ids, 0, sizeof ids);
	switch (op) {
	case OP_LEFT:
	case OP_RIGHT:
	case OP_PANE:
		b->pane = op == OP_LEFT ? 0 : op == OP_RIGHT ? 1 : !b->pane;
		b->marks.n = 0;
		return 1;
	case OP_OPEN:
		if (b->pane == 0) {
			b->pane = 1;
			b->marks.n = 0;
		} else if (sh != NULL)
			tui_shot_open(t, sh->id);
		return 1;
	case OP_BACK:
		if (b->marks.n > 0) {
			b->marks.n = 0;
			return 1;
		}
		return 0;
	case OP_ADD:
		if (b->pane == 0 || sc == NULL) {
			if (tui_edit_scene_add(t, sc != NULL ? sc->id :
			    DB_PLACE_END, &id) == 0)
				board_select(t, b, id, 0);
		} else if (tui_edit_shot_add(t, sc->id, sh != NULL ? sh->id :
		    DB_PLACE_END, &id) == 0)
			board_select(t, b, sc->id, id);
		return 1;
	case OP_EDIT:
		if (b->pane == 0 && sc != NULL)
			tui_edit_scene(t, sc->id);
		else if (b->pane == 1 && sh != NULL)
			tui_edit_shot(t, sh->id);
		return 1;
	case OP_DELETE:
		if (b->pane == 0 && sc != NULL)
			tui_edit_scene_rm(t, sc->id);
		else if (b->pane == 1 && sh != NULL)
			tui_edit_shot_rm(t, sh->id);
		return 1;
	case OP_MOVE_DOWN:
	case OP_MOVE_UP:
		if (b->pane == 0 && sc != NULL) {
			if (op == OP_MOVE_DOWN && b->scur + 1 <
			    (int)b->scenes.n)
				tui_edit_scene_move(t, sc->id,
				    b->scenes.v[b->scur + 1].id);
			else if (op == OP_MOVE_UP && b->scur > 0)
				tui_edit_scene_move(t, sc->id, b->scur > 1 ?
				    b->scenes.v[b->scur - 2].id :
				    DB_PLACE_FIRST);
		} else if (b->pane == 1 && sh != NULL) {
			if (op == OP_MOVE_DOWN && b->hcur + 1 < (int)b->vis.n)
				tui_edit_shot_move(t, sh->id, sh->scene_id,
				    b->shots.v[b->vis.v[b->hcur + 1]].id);
			else if (op == OP_MOVE_UP && b->hcur > 0)
				tui_edit_shot_move(t, sh->id, sh->scene_id,
				    b->hcur > 1 ?
				    b->shots.v[b->vis.v[b->hcur - 2]].id :
				    DB_PLACE_FIRST);
		}
		return 1;
	case OP_STATUS:
		board_marked_or_current(b, b->pane == 0 ? (sc ? sc->id : 0) :
		    (sh ? sh->id : 0), &ids);
		if (b->pane == 0 && sc != NULL)
			st = sc->status;
		else if (sh != NULL)
			st = sh->status;
		if (ids.n > 0 && tui_edit_pick_status(t, &st) == 0 &&
		    tui_edit_status(t, b->pane == 0, ids.v, ids.n, st) == 0)
			b->marks.n = 0;
		ARRAY_FREE(&ids);
		return 1;
	case OP_MARK:
		if (b->pane == 0 && sc != NULL)
			board_toggle_mark(b, sc->id);
		else if (b->pane == 1 && sh != NULL)
			board_toggle_mark(b, sh->id);
		if (b->pane == 0 && b->scur + 1 < (int)b->scenes.n)
			b->scur++;
		else if (b->pane == 1 && b->hcur + 1 < (int)b->vis.n)
			b->hcur++;
		if (b->pane == 0)
			board_fill_vis(t, b);
		return 1;
	case OP_REVIEW:
		if (b->pane == 1 && sh != NULL)
			tui_review_open(t, TUI_REVIEW_SHOT, sh->id, 0);
		else if (sc != NULL)
			tui_review_open(t, TUI_REVIEW_SCENE, sc->id, 0);
		return 1;
	case OP_REVIEW_ALL:
		tui_review_open(t, TUI_REVIEW_PRODUCTION, 0, 0);
		return 1;
	case OP_SEARCH:
		s = tui_input_line(t, "/", NULL);
		if (s != NULL && *s != '\0') {
			free(b->search);
			b->search = s;
			board_search(t, b, 1, 1);
		} else
			free(s);
		return 1;
	case OP_SEARCH_NEXT:
	case OP_SEARCH_PREV:
		if (b->search == NULL)
			tui_errorf(t, "no search yet: press /");
		else
			board_search(t, b, op == OP_SEARCH_NEXT ? 1 : -1, 0);
		return 1;
	case OP_FILTER:
		board_filter(t, v, b);
		return 1;
	default:
		return 0;
	}
}

static int
board_mouse(struct tui *t, struct tui_view *v, int y, int x, int bstate)
{
	struct board	*b = v->data;
	int		 left, row;

	(void)t;
	left = COLS * 9 / 20;
	if (left < BOARD_LEFT_MIN)
		left = BOARD_LEFT_MIN;
	if (bstate & BUTTON4_PRESSED)
		return board_key(t, v, OP_UP, 0);
	if (bstate & BUTTON5_PRESSED)
		return board_key(t, v, OP_DOWN, 0);
	row = y - b->top_y - 1;
	if (row < 0 || row >= b->rows - 1)
		return 0;
	if (x < left) {
		b->pane = 0;
		if (b->stop + row < (int)b->scenes.n) {
			b->scur = b->stop + row;
			b->hcur = b->htop = 0;
			board_fill_vis(t, b);
		}
	} else {
		b->pane = 1;
		if (b->htop + row / 2 < (int)b->vis.n)
			b->hcur = b->htop + row / 2;
	}
	return 1;
}

static void
board_free(struct tui_view *v)
{
	struct board	*b = v->data;

	scene_list_free(&b->scenes);
	shot_list_free(&b->shots);
	ARRAY_FREE(&b->vis);
	ARRAY_FREE(&b->marks);
	free(b->filter_text);
	free(b->search);
	free(b);
}

static const struct tui_view_ops board_ops = {
	.name = "board",
	.ctx = TUI_CTX_BOARD,
	.reload = board_reload,
	.draw = board_draw,
	.key = board_key,
	.mouse = board_mouse,
	.free = board_free,
};

/* Open the board (the first view). */
void
tui_board_open(struct tui *t)
{
	struct board	*b;

	b = xcalloc(1, sizeof *b);
	b->filter = -1;
	tui_push(t, &board_ops, b, "Board");
}
