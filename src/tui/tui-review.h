/* SPDX-License-Identifier: ISC */
/* The review view: stepping through takes to give verdicts. */
#ifndef TB_TUI_TUI_REVIEW_H
#define TB_TUI_TUI_REVIEW_H

struct tui;

/* What to review: takes of the production, a scene or a shot. */
enum tui_review_scope {
	TUI_REVIEW_PRODUCTION,
	TUI_REVIEW_SCENE,
	TUI_REVIEW_SHOT
};

void	 tui_review_open(struct tui *, enum tui_review_scope, long long,
	     long long);

#endif
