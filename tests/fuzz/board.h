/* SPDX-License-Identifier: ISC */
/*
 * A small production for the import fuzz targets to plan against, so
 * that matching fuzzed rows to existing scenes, shots and takes is
 * explored too: the storyboard of tests/unit/io-fixture.h (scenes 1
 * and 2, shots 1A-1D and 2A, six takes, one prompt). Header-only.
 */
#ifndef TB_TESTS_FUZZ_BOARD_H
#define TB_TESTS_FUZZ_BOARD_H

#include <string.h>

#include "util/xmalloc.h"
#include "model/board.h"
#include "../unit/io-fixture.h"

struct fuzz_board {
	struct production	 p;
	struct scene_list	 scenes;
	struct shot_list	 shots;
	struct take_list	 takes;
	struct prompt_list	 prompts;
	struct str_list		 cast[2];	/* of each scene */
};

/* The database gives "" for these columns, never NULL. */
static inline void
fuzz_empty(char **s)
{
	if (*s == NULL)
		*s = xstrdup("");
}

static inline void
fuzz_board_rows(struct fuzz_board *b)
{
	struct scene	*sc;
	struct shot	*sh;
	struct take	*tk;
	struct prompt	*pr;
	size_t		 i;

	fuzz_empty(&b->p.currency);
	fuzz_empty(&b->p.created);
	for (i = 0; i < b->scenes.n; i++) {
		sc = &b->scenes.v[i];
		fuzz_empty(&sc->synopsis);
		fuzz_empty(&sc->notes);
		fuzz_empty(&sc->created);
		fuzz_empty(&sc->section);
		fuzz_empty(&sc->description);
	}
	for (i = 0; i < b->shots.n; i++) {
		sh = &b->shots.v[i];
		fuzz_empty(&sh->action);
		fuzz_empty(&sh->dialogue);
		fuzz_empty(&sh->notes);
		fuzz_empty(&sh->created);
	}
	for (i = 0; i < b->takes.n; i++) {
		tk = &b->takes.v[i];
		if (tk->scene_code == NULL)
			tk->scene_code = xstrndup(tk->shot_code, 1);
		fuzz_empty(&tk->notes);
		fuzz_empty(&tk->created);
		fuzz_empty(&tk->created_by);
	}
	for (i = 0; i < b->prompts.n; i++) {
		pr = &b->prompts.v[i];
		fuzz_empty(&pr->author);
		fuzz_empty(&pr->created);
	}
}

static inline void
fuzz_board_init(struct fuzz_board *b)
{
	struct prompt	*pr;
	struct take	*tk;

	memset(b, 0, sizeof *b);
	b->p.title = xstrdup("Brick & Steel");
	b->p.fps = 24;
	fx_scene(&b->scenes, 1, "1", STATUS_PLANNED);
	fx_scene(&b->scenes, 2, "2", STATUS_OMITTED);
	str_list_add(&b->cast[0], "ANN");
	str_list_add(&b->cast[0], "BOB");
	fx_shot(&b->shots, 1, 1, "1", "1A", 4000, STATUS_REVIEW, "Patio wide");
	fx_shot(&b->shots, 2, 1, "1", "1B", 3000, STATUS_PLANNED, "Beer close");
	fx_shot(&b->shots, 3, 1, "1", "1C", BOARD_NONE, STATUS_PLANNED,
	    "Insert");
	fx_shot(&b->shots, 4, 1, "1", "1D", 5000, STATUS_OMITTED, "Cut out");
	fx_shot(&b->shots, 5, 2, "2", "2A", 5000, STATUS_PLANNED, "Trailer");
	tk = fx_take(&b->takes, 1, 1, "1A", VERDICT_KEEP, 8000, 1000, 5500,
	    true);
	tk->prompt_id = 7;
	tk->prompt_label = xstrdup("v2");
	fx_take(&b->takes, 2, 1, "1A", VERDICT_KEEP, 5000, BOARD_NONE,
	    BOARD_NONE, true);
	fx_take(&b->takes, 3, 2, "1B", VERDICT_MAYBE, 6000, BOARD_NONE,
	    BOARD_NONE, true);
	fx_take(&b->takes, 4, 3, "1C", VERDICT_KEEP, 6000, BOARD_NONE,
	    BOARD_NONE, false);
	fx_take(&b->takes, 5, 4, "1D", VERDICT_UNREVIEWED, 6000, BOARD_NONE,
	    BOARD_NONE, true);
	fx_take(&b->takes, 6, 5, "2A", VERDICT_REJECT, 6000, BOARD_NONE,
	    BOARD_NONE, true);
	pr = ARRAY_ADD(&b->prompts);
	pr->id = 7;
	pr->shot_id = 1;
	pr->shot_code = xstrdup("1A");
	pr->label = xstrdup("v2");
	pr->text = xstrdup("A patio at dusk, wide");
	pr->size = xstrdup("1280x720");
	fuzz_board_rows(b);
}

static inline void
fuzz_board_free(struct fuzz_board *b)
{
	production_free(&b->p);
	scene_list_free(&b->scenes);
	shot_list_free(&b->shots);
	take_list_free(&b->takes);
	prompt_list_free(&b->prompts);
	str_list_free(&b->cast[0]);
	str_list_free(&b->cast[1]);
}

#endif
