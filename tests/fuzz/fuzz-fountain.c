/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: Fountain screenplays as `import fountain` reads them:
 * the parser, then the plan of importing the script into a small
 * production (matching scenes by number and heading).
 */
#include "config.h"

#include <stdlib.h>

#include "io/io-fountain.h"
#include "fuzz.h"
#include "board.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fountain		 doc;
	struct fountain_plan	 plan;
	struct fuzz_board	 b;
	char			*cause = NULL;

	if (io_fountain_parse((const char *)data, size, &doc, &cause) != 0) {
		free(cause);
		return 0;
	}
	fuzz_board_init(&b);
	memset(&plan, 0, sizeof plan);
	if (io_fountain_plan(&doc, b.p.title, &b.scenes, b.cast, &plan,
	    &cause) != 0)
		free(cause);
	io_fountain_plan_free(&plan);
	fuzz_board_free(&b);
	io_fountain_free(&doc);
	return 0;
}
