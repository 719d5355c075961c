/* SPDX-License-Identifier: ISC */
/*
 * The cut handed to the editor: the kept takes in storyboard order, each
 * trimmed to its in and out points, with a gap (a slug) for each shot
 * that has none, all counted in whole frames of the production's rate.
 * The EDL, OTIO and FCPXML writers all read this one structure, so the
 * three files always agree.
 */
#ifndef TB_IO_IO_CUT_H
#define TB_IO_IO_CUT_H

#include "util/array.h"
#include "model/board.h"
#include "io/io-timecode.h"

#define IO_CUT_SLUG_MS	2000	/* a gap for a shot with no target */
#define IO_CUT_SIZE	"1920x1080"

enum io_item_kind {
	IO_CLIP,
	IO_GAP
};

/* A clip (a kept take) or a gap (a shot without one) of the cut. */
struct io_item {
	enum io_item_kind kind;
	char		*scene_code;
	long long	 shot_id;
	char		*shot_code;
	char		*description;	/* the shot's */
	long long	 take_id;	/* clips only, from here on */
	long long	 prompt_id;	/* 0 when none */
	char		*prompt_label;
	char		*file;		/* as stored, relative */
	char		*path;		/* absolute */
	char		*name;		/* "1A-t00042" */
	char		*reel;		/* "T0000042", for EDL */
	long long	 media;		/* frames of the whole clip */
	long long	 src_in;	/* frames into the clip */
	long long	 src_out;	/* exclusive */
	long long	 rec_in;	/* frames from the start of the cut */
	long long	 rec_out;	/* exclusive */
	char		*why;		/* gaps: why no clip */
};
ARRAY_DECL(io_item_list, struct io_item);

struct io_cut {
	char			*title;
	struct io_rate		 rate;
	long long		 start;	/* timecode of frame 0 */
	long long		 frames;/* length of the cut */
	char			*size;	/* frame size, "1920x1080" */
	struct io_item_list	 items;
	struct str_list		 warnings;
};

int	 io_cut_build(const struct production *, const char *,
	     const struct scene_list *, const struct shot_list *,
	     const struct take_list *, const struct prompt_list *,
	     struct io_cut *, char **);
void	 io_cut_free(struct io_cut *);
char	*io_cut_reel(long long);

#endif
