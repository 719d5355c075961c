/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: CMX 3600 edit decision lists as `import edl` reads them,
 * at a non-drop (24 fps) and a drop-frame (29.97 fps) rate: the parser,
 * then the plan matching events to the takes and cut of a small
 * production.
 */
#include "config.h"

#include <stdlib.h>

#include "io/io-cut.h"
#include "io/io-edl.h"
#include "io/io-timecode.h"
#include "fuzz.h"
#include "board.h"

static void
fuzz_edl(const char *text, size_t size, double fps)
{
	struct io_rate		 rate;
	struct edl		 e;
	struct edl_plan		 plan;
	struct io_cut		 cut;
	struct fuzz_board	 b;
	char			*cause = NULL;

	if (io_timecode_rate(fps, &rate, &cause) != 0)
		fatal("no rate for %g fps: %s", fps, cause);
	if (io_edl_parse(text, size, &rate, &e, &cause) != 0) {
		free(cause);
		return;
	}
	fuzz_board_init(&b);
	memset(&cut, 0, sizeof cut);
	b.p.fps = fps;
	if (io_cut_build(&b.p, ".", &b.scenes, &b.shots, &b.takes,
	    &b.prompts, &cut, &cause) != 0)
		fatal("the fixture's cut: %s", cause);
	memset(&plan, 0, sizeof plan);
	if (io_edl_plan(&e, &rate, &b.takes, &cut, &plan, &cause) != 0)
		free(cause);
	io_edl_plan_free(&plan);
	io_cut_free(&cut);
	fuzz_board_free(&b);
	io_edl_free(&e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_edl((const char *)data, size, 24);
	fuzz_edl((const char *)data, size, 29.97);
	return 0;
}
