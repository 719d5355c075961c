/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: CSV shot lists and take lists as `import csv` reads
 * them: the RFC 4180 reader, the mapping of columns to shots or takes,
 * and the plan of the import against a small production.
 */
#include "config.h"

#include <stdlib.h>

#include "io/io-csv.h"
#include "fuzz.h"
#include "board.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_file		 f;
	struct csv_doc		 doc;
	struct csv_plan		 plan;
	struct fuzz_board	 b;
	char			*cause = NULL;
	int			 rv;

	/* The record layer alone, as the reader uses it. */
	if (io_csv_parse((const char *)data, size, &f, &cause) != 0)
		free(cause);
	else
		io_csv_free(&f);

	cause = NULL;
	if (io_csv_read((const char *)data, size, &doc, &cause) != 0) {
		free(cause);
		return 0;
	}
	fuzz_board_init(&b);
	memset(&plan, 0, sizeof plan);
	if (doc.kind == CSV_SHOTS)
		rv = io_csv_plan_shots(&doc, &b.scenes, &b.shots, &plan,
		    &cause);
	else
		rv = io_csv_plan_takes(&doc, &b.takes, &b.prompts, &plan,
		    &cause);
	if (rv != 0)
		free(cause);
	io_csv_plan_free(&plan);
	fuzz_board_free(&b);
	io_csv_doc_free(&doc);
	return 0;
}
