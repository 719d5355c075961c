/* SPDX-License-Identifier: ISC */
/*
 * CMX 3600 edit decision lists: writing the cut, reading an EDL back
 * (from takeboard or an editing program), and matching its events to
 * takes to bring the editor's trims home.
 */
#ifndef TB_IO_IO_EDL_H
#define TB_IO_IO_EDL_H

#include <stdbool.h>
#include <stddef.h>

#include "util/array.h"
#include "model/board.h"
#include "io/io-plan.h"
#include "io/io-timecode.h"

struct buf;
struct io_cut;

/* An event of an EDL. */
struct edl_event {
	long long	 line;
	long long	 num;
	char		*reel;
	char		*channel;	/* "V", "A", "B", "AA/V"... */
	char		*transition;	/* "C", "D", "W001"... */
	long long	 src_in;	/* frames */
	long long	 src_out;
	long long	 rec_in;
	long long	 rec_out;
	char		*clip;		/* FROM CLIP NAME, or NULL */
	long long	 take_id;	/* TAKEBOARD TAKE, or 0 */
};
ARRAY_DECL(edl_event_list, struct edl_event);

struct edl {
	char			*title;
	bool			 drop;		/* FCM: DROP FRAME */
	struct edl_event_list	 events;
	struct str_list		 warnings;
};

/* What importing an EDL does to one take, or why an event is skipped. */
struct edl_action {
	enum io_verb	 verb;		/* change, same, keep, skip */
	size_t		 event;		/* or SIZE_MAX */
	long long	 take_id;	/* 0 for a skipped event */
	char		*shot_code;
	bool		 keep;		/* the take becomes kept */
	long long	 in_ms;		/* BOARD_NONE: from the start */
	long long	 out_ms;	/* BOARD_NONE: to the end */
	char		*text;		/* what the plan line says */
};
ARRAY_DECL(edl_action_list, struct edl_action);

struct edl_plan {
	struct edl_action_list	 actions;
	struct io_tally		 tally;
};

int	 io_edl_write(const struct io_cut *, struct buf *, char **);
int	 io_edl_parse(const char *, size_t, const struct io_rate *,
	     struct edl *, char **);
void	 io_edl_free(struct edl *);
int	 io_edl_plan(const struct edl *, const struct io_rate *,
	     const struct take_list *, const struct io_cut *,
	     struct edl_plan *, char **);
void	 io_edl_plan_free(struct edl_plan *);

#endif
