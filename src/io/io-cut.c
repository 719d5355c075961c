/* SPDX-License-Identifier: ISC */
/*
 * Assembling the cut from the storyboard. Positions are whole frames:
 * each clip's in and out points are rounded to the nearest frame of the
 * production's rate once, and record positions are running sums of
 * those lengths, so no rounding error accumulates over a long cut and
 * every exporter places every clip on the same frame.
 */
#include "config.h"

#include "io/io-cut.h"

#include <stdlib.h>
#include <string.h>

#include "util/fsutil.h"
#include "util/xmalloc.h"
#include "model/board.h"

/* Release a cut (not the struct itself). */
void
io_cut_free(struct io_cut *c)
{
	struct io_item	*it;
	size_t		 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->items.n; i++) {
		it = &c->items.v[i];
		free(it->scene_code);
		free(it->shot_code);
		free(it->description);
		free(it->prompt_label);
		free(it->file);
		free(it->path);
		free(it->name);
		free(it->reel);
		free(it->why);
	}
	ARRAY_FREE(&c->items);
	str_list_free(&c->warnings);
	free(c->title);
	free(c->size);
	memset(c, 0, sizeof *c);
}

/*
 * The EDL reel name of a take: "T" and the id in seven digits
 * ("T0000042"), eight characters as CMX 3600 allows; ids past 9999999
 * are written in base 36 instead. Caller frees.
 */
char *
io_cut_reel(long long id)
{
	static const char	 digits[] =
	    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	char			 b[9];
	int			 i;

	if (id < 0)
		id = 0;
	if (id <= 9999999)
		return xasprintf("T%07lld", id);
	b[0] = 'T';
	b[8] = '\0';
	for (i = 7; i >= 1; i--) {
		b[i] = digits[id % 36];
		id /= 36;
	}
	return xstrdup(b);
}

static const struct scene *
cut_scene(const struct scene_list *l, long long id)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].id == id)
			return &l->v[i];
	}
	return NULL;
}

static const char *
cut_size(const struct prompt_list *l, long long id)
{
	size_t	 i;

	for (i = 0; l != NULL && id > 0 && i < l->n; i++) {
		if (l->v[i].id == id)
			return l->v[i].size;
	}
	return NULL;
}

static void
cut_warn(struct io_cut *c, const char *fmt, long long id, const char *shot)
{
	char	*s;

	s = xasprintf(fmt, id, shot);
	str_list_add(&c->warnings, s);
	free(s);
}

static struct io_item *
cut_item(struct io_cut *c, enum io_item_kind kind, const struct shot *sh)
{
	struct io_item	*it;

	it = ARRAY_ADD(&c->items);
	it->kind = kind;
	it->scene_code = xstrdup(sh->scene_code);
	it->shot_id = sh->id;
	it->shot_code = xstrdup(sh->code);
	it->description = xstrdup(sh->description != NULL ? sh->description :
	    "");
	return it;
}

/* Add the clip of kept take tk, or return 0 (with a warning) when it
 * cannot be placed. */
static int
cut_clip(struct io_cut *c, const char *dir, const struct shot *sh,
    const struct take *tk)
{
	struct io_item	*it;
	long long	 in, out, len;

	if (tk->file == NULL) {
		cut_warn(c, "take %lld of shot %s is kept but has no clip "
		    "file; it is left out of the cut", tk->id, sh->code);
		return 0;
	}
	in = tk->in_ms != BOARD_NONE ? tk->in_ms : 0;
	out = tk->out_ms != BOARD_NONE ? tk->out_ms : tk->duration_ms;
	if (out == BOARD_NONE || out <= in) {
		cut_warn(c, "take %lld of shot %s is kept but its length is "
		    "unknown or zero; it is left out of the cut", tk->id,
		    sh->code);
		return 0;
	}
	it = cut_item(c, IO_CLIP, sh);
	it->take_id = tk->id;
	it->prompt_id = tk->prompt_id;
	it->prompt_label = tk->prompt_label != NULL ?
	    xstrdup(tk->prompt_label) : NULL;
	it->file = xstrdup(tk->file);
	it->path = tk->file[0] == '/' ? xstrdup(tk->file) :
	    fs_join(dir, tk->file);
	it->name = xasprintf("%s-t%05lld", sh->code, tk->id);
	it->reel = io_cut_reel(tk->id);
	it->src_in = io_timecode_frames(&c->rate, in);
	it->src_out = io_timecode_frames(&c->rate, out);
	if (it->src_out <= it->src_in)
		it->src_out = it->src_in + 1;
	it->media = tk->duration_ms != BOARD_NONE ?
	    io_timecode_frames(&c->rate, tk->duration_ms) : it->src_out;
	if (it->media < it->src_out)
		it->media = it->src_out;
	len = it->src_out - it->src_in;
	it->rec_in = c->frames;
	it->rec_out = c->frames + len;
	c->frames += len;
	return 1;
}

/* io_cut_build with cause never NULL. */
static int
cut_build(const struct production *p, const char *dir,
    const struct scene_list *scenes, const struct shot_list *shots,
    const struct take_list *takes, const struct prompt_list *prompts,
    struct io_cut *c, char **cause)
{
	const struct shot	*sh;
	const struct scene	*sc;
	const struct take	*tk;
	struct io_item		*it;
	const char		*size, *other, *best = NULL;
	size_t			 i, j, n, bestn = 0;
	long long		 ms;
	int			 placed, kept;

	memset(c, 0, sizeof *c);
	if (io_timecode_rate(p->fps, &c->rate, cause) != 0)
		return -1;
	c->title = xstrdup(p->title != NULL ? p->title : "");
	if (!c->rate.has_tc ||
	    io_timecode_parse(&c->rate, "01:00:00:00", &c->start, NULL) != 0)
		c->start = io_timecode_frames(&c->rate, 3600 * 1000LL);
	for (i = 0; i < shots->n; i++) {
		sh = &shots->v[i];
		sc = cut_scene(scenes, sh->scene_id);
		if (sh->status == STATUS_OMITTED ||
		    (sc != NULL && sc->status == STATUS_OMITTED))
			continue;
		placed = kept = 0;
		for (j = 0; j < takes->n; j++) {
			tk = &takes->v[j];
			if (tk->shot_id != sh->id ||
			    tk->verdict != VERDICT_KEEP ||
			    tk->state != TAKE_READY)
				continue;
			kept++;
			placed += cut_clip(c, dir, sh, tk);
		}
		if (placed > 0)
			continue;
		it = cut_item(c, IO_GAP, sh);
		ms = sh->target_ms != BOARD_NONE ? sh->target_ms :
		    IO_CUT_SLUG_MS;
		it->why = xstrdup(kept > 0 ? "its kept takes cannot be placed" :
		    "no kept take");
		it->rec_in = c->frames;
		it->media = io_timecode_frames(&c->rate, ms);
		if (it->media < 1)
			it->media = 1;
		it->src_out = it->media;
		it->rec_out = c->frames + it->media;
		c->frames += it->media;
	}
	/* The frame size most kept takes were asked for. */
	for (i = 0; i < c->items.n; i++) {
		size = cut_size(prompts, c->items.v[i].prompt_id);
		if (size == NULL)
			continue;
		n = 0;
		for (j = 0; j < c->items.n; j++) {
			other = cut_size(prompts, c->items.v[j].prompt_id);
			if (other != NULL && strcmp(other, size) == 0)
				n++;
		}
		if (n > bestn) {
			bestn = n;
			best = size;
		}
	}
	c->size = xstrdup(best != NULL ? best : IO_CUT_SIZE);
	return 0;
}

/*
 * Assemble the cut of production p (its folder is dir) from its scenes
 * and shots (storyboard order) and takes (in storyboard order, then by
 * id; all of them or only the kept ones). Every kept, generated take
 * becomes a clip; a shot with none becomes a gap of its target length
 * (IO_CUT_SLUG_MS without one); omitted shots and scenes are left out.
 * prompts (may be NULL) gives the frame size. The cut starts at
 * 01:00:00:00. Returns 0 with *c filled (io_cut_free), or -1 with
 * *cause.
 */
int
io_cut_build(const struct production *p, const char *dir,
    const struct scene_list *scenes, const struct shot_list *shots,
    const struct take_list *takes, const struct prompt_list *prompts,
    struct io_cut *c, char **cause)
{
	char	*why = NULL;
	int	 rv;

	rv = cut_build(p, dir, scenes, shots, takes, prompts, c, &why);
	if (cause != NULL)
		*cause = why;
	else
		free(why);
	return rv;
}
