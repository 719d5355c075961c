/* SPDX-License-Identifier: ISC */
/* The statistics view: sortable per-scene and per-shot tables. */
#ifndef TB_TUI_TUI_STATS_H
#define TB_TUI_TUI_STATS_H

struct tui;

void	 tui_stats_open(struct tui *);

#endif
