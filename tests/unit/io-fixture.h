/* SPDX-License-Identifier: ISC */
/*
 * A small storyboard for the tests of the cut and its writers, built in
 * memory: scene 1 with shots 1A (two kept takes, one trimmed), 1B (no
 * kept take, 3 s target), 1C (a kept take without a clip) and 1D
 * (omitted), and scene 2 (omitted) with shot 2A. Header-only; included
 * by tests/unit/test-io-*.c.
 */
#ifndef TB_TESTS_IO_FIXTURE_H
#define TB_TESTS_IO_FIXTURE_H

#include <string.h>

#include "util/xmalloc.h"
#include "model/board.h"
#include "io/io-cut.h"

static inline void
fx_scene(struct scene_list *l, long long id, const char *code,
    enum status st)
{
	struct scene	*sc = ARRAY_ADD(l);

	sc->id = id;
	sc->code = xstrdup(code);
	sc->heading = xasprintf("INT. PLACE %s", code);
	sc->position = id;
	sc->status = st;
}

static inline void
fx_shot(struct shot_list *l, long long id, long long scene, const char *sc,
    const char *code, long long target, enum status st, const char *desc)
{
	struct shot	*sh = ARRAY_ADD(l);

	sh->id = id;
	sh->scene_id = scene;
	sh->scene_code = xstrdup(sc);
	sh->code = xstrdup(code);
	sh->description = xstrdup(desc);
	sh->target_ms = target;
	sh->status = st;
}

static inline struct take *
fx_take(struct take_list *l, long long id, long long shot, const char *code,
    enum verdict v, long long dur, long long in, long long out, bool file)
{
	struct take	*tk = ARRAY_ADD(l);

	tk->id = id;
	tk->shot_id = shot;
	tk->shot_code = xstrdup(code);
	tk->prompt_id = 0;
	tk->file = file ? xasprintf("takes/1/%s/%s-t%05lld.mp4", code, code,
	    id) : NULL;
	tk->duration_ms = dur;
	tk->state = TAKE_READY;
	tk->verdict = v;
	tk->in_ms = in;
	tk->out_ms = out;
	return tk;
}

/* Build the fixture's cut at fps, titled title, in folder dir. */
static inline int
fx_cut(double fps, const char *title, const char *dir, struct io_cut *c)
{
	struct production	 p;
	struct scene_list	 scenes;
	struct shot_list	 shots;
	struct take_list	 takes;
	struct prompt_list	 prompts;
	struct prompt		*pr;
	struct take		*tk;
	int			 rv;

	memset(&p, 0, sizeof p);
	memset(&scenes, 0, sizeof scenes);
	memset(&shots, 0, sizeof shots);
	memset(&takes, 0, sizeof takes);
	memset(&prompts, 0, sizeof prompts);
	p.title = xstrdup(title);
	p.fps = fps;
	fx_scene(&scenes, 1, "1", STATUS_PLANNED);
	fx_scene(&scenes, 2, "2", STATUS_OMITTED);
	fx_shot(&shots, 1, 1, "1", "1A", 4000, STATUS_REVIEW, "Patio & <wide>");
	fx_shot(&shots, 2, 1, "1", "1B", 3000, STATUS_PLANNED,
	    "Beer \"close\"");
	fx_shot(&shots, 3, 1, "1", "1C", BOARD_NONE, STATUS_PLANNED, "Insert");
	fx_shot(&shots, 4, 1, "1", "1D", 5000, STATUS_OMITTED, "Cut out");
	fx_shot(&shots, 5, 2, "2", "2A", 5000, STATUS_PLANNED, "Trailer");
	tk = fx_take(&takes, 1, 1, "1A", VERDICT_KEEP, 8000, 1000, 5500, true);
	tk->prompt_id = 7;
	tk->prompt_label = xstrdup("v2");
	fx_take(&takes, 2, 1, "1A", VERDICT_KEEP, 5000, BOARD_NONE,
	    BOARD_NONE, true);
	fx_take(&takes, 3, 2, "1B", VERDICT_MAYBE, 6000, BOARD_NONE,
	    BOARD_NONE, true);
	fx_take(&takes, 4, 3, "1C", VERDICT_KEEP, 6000, BOARD_NONE,
	    BOARD_NONE, false);
	fx_take(&takes, 5, 4, "1D", VERDICT_KEEP, 6000, BOARD_NONE,
	    BOARD_NONE, true);
	fx_take(&takes, 6, 5, "2A", VERDICT_KEEP, 6000, BOARD_NONE,
	    BOARD_NONE, true);
	pr = ARRAY_ADD(&prompts);
	pr->id = 7;
	pr->size = xstrdup("1280x720");
	rv = io_cut_build(&p, dir, &scenes, &shots, &takes, &prompts, c, NULL);
	production_free(&p);
	scene_list_free(&scenes);
	shot_list_free(&shots);
	take_list_free(&takes);
	prompt_list_free(&prompts);
	return rv;
}

#endif
