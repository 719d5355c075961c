/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: the request stored with a job (api_req_from_json), which
 * comes back from the database, where another program or an older
 * takeboard may have written it. A request that reads is written again
 * and must read back the same.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "api/api.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct api_req	 r, again;
	char		*text, *json, *cause = NULL;
	long long	 w, h;

	text = fuzz_text(data, size);
	if (api_req_from_json(text, &r, &cause) != 0) {
		free(cause);
		free(text);
		return 0;
	}
	if (r.size != NULL)
		api_parse_size(r.size, &w, &h);
	json = api_req_to_json(&r);
	if (api_req_from_json(json, &again, &cause) != 0)
		fatal("a written request does not read back: %s", cause);
	if (strcmp(again.prompt, r.prompt) != 0 ||
	    again.seconds != r.seconds)
		fatal("a written request reads back different");
	api_req_free(&again);
	api_req_free(&r);
	free(json);
	free(text);
	return 0;
}
