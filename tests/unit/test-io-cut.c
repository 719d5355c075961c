/* SPDX-License-Identifier: ISC */
/*
 * Tests for io/io-cut: which takes make the cut (kept and generated,
 * storyboard order, then by take), trims in whole frames, gaps for shots
 * without a usable kept take, omitted shots and scenes left out, reel
 * names, the frame size, the start timecode at each kind of rate.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "model/board.h"
#include "io/io-cut.h"

#include "tap.h"
#include "io-fixture.h"

static void
test_cut24(void)
{
	struct io_cut		 c;
	const struct io_item	*it;

	ok(fx_cut(24, "Brick & Steel", "/prod", &c) == 0, "cut at 24 fps");
	is_int(c.items.n, 4, "two clips, two gaps; omitted ones left out");
	is_int(c.start, 86400, "starts at 01:00:00:00");
	is_int(c.frames, 348, "length");
	is_str(c.size, "1280x720", "frame size from the variants");
	is_str(c.title, "Brick & Steel", "title");
	it = &c.items.v[0];
	ok(it->kind == IO_CLIP && it->take_id == 1, "take 1 first");
	ok(it->src_in == 24 && it->src_out == 132 && it->media == 192,
	    "trimmed 1.0 to 5.5 s of 8 s");
	ok(it->rec_in == 0 && it->rec_out == 108, "record 0 to 108");
	is_str(it->reel, "T0000001", "reel");
	is_str(it->name, "1A-t00001", "name");
	is_str(it->path, "/prod/takes/1/1A/1A-t00001.mp4", "absolute path");
	is_str(it->prompt_label, "v2", "variant label");
	it = &c.items.v[1];
	ok(it->kind == IO_CLIP && it->take_id == 2 && it->src_in == 0 &&
	    it->src_out == 120 && it->rec_in == 108 && it->rec_out == 228,
	    "take 2 whole, after take 1");
	it = &c.items.v[2];
	ok(it->kind == IO_GAP && strcmp(it->shot_code, "1B") == 0 &&
	    it->rec_in == 228 && it->rec_out == 300, "1B: a 3 s gap");
	is_str(it->why, "no kept take", "why");
	it = &c.items.v[3];
	ok(it->kind == IO_GAP && strcmp(it->shot_code, "1C") == 0 &&
	    it->rec_out - it->rec_in == 48, "1C: a 2 s slug (no target)");
	is_str(it->why, "its kept takes cannot be placed", "why");
	is_int(c.warnings.n, 1, "one warning");
	ok(c.warnings.n == 1 && strstr(c.warnings.v[0], "take 4 of shot 1C "
	    "is kept but has no clip file") != NULL, "names take 4");
	io_cut_free(&c);
}

static void
test_rates(void)
{
	struct io_cut	 c;

	ok(fx_cut(23.976, "x", "/p", &c) == 0, "cut at 23.976");
	is_int(c.start, 86400, "01:00:00:00 is 86400 frames at 23.976");
	ok(c.items.v[0].src_in == 24 && c.items.v[0].src_out == 132,
	    "1.0 s is 24 frames (23.98), 5.5 s is 132 (131.87)");
	io_cut_free(&c);
	ok(fx_cut(29.97, "x", "/p", &c) == 0, "cut at 29.97");
	is_int(c.start, 107892, "01:00:00;00 is 107892 frames");
	io_cut_free(&c);
	ok(fx_cut(59.94, "x", "/p", &c) == 0, "cut at 59.94");
	is_int(c.start, 215784, "01:00:00;00 at 59.94");
	io_cut_free(&c);
	ok(fx_cut(12.5, "x", "/p", &c) == 0, "cut at 12.5");
	is_int(c.start, 45000, "an hour of frames at 12.5");
	ok(c.items.v[0].src_in == 13 && c.items.v[0].src_out == 69,
	    "12.5 fps: 1.0 s is 12.5 -> 13 frames, 5.5 s is 68.75 -> 69");
	io_cut_free(&c);
	ok(fx_cut(0, "x", "/p", &c) == -1, "a bad rate is refused");
}

static void
test_reel(void)
{
	char	*s;

	s = io_cut_reel(42);
	is_str(s, "T0000042", "seven digits");
	free(s);
	s = io_cut_reel(9999999);
	is_str(s, "T9999999", "the last decimal reel");
	free(s);
	s = io_cut_reel(10000000);
	is_str(s, "T005YC1S", "base 36 beyond, still eight characters");
	free(s);
}

int
main(void)
{
	test_cut24();
	test_rates();
	test_reel();
	return done_testing();
}
