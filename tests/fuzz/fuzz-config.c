/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: the generation settings file (gen_config_parse, as
 * gen_config_load calls it after reading the file), then what `gen`
 * does with a parsed configuration: plan a submission to the default
 * backend (its model, size and seconds come from the file and pass its
 * check) and build the request that would be sent.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/http.h"
#include "gen/gen-config.h"
#include "model/board.h"
#include "fuzz.h"

static char	fuzz_text_prompt[] = "A red kite over the sea at dawn";

/* Keys and URLs from the environment would hide the file's. */
static void
fuzz_clean_env(void)
{
	static int	 done;
	size_t		 i;

	if (done)
		return;
	done = 1;
	for (i = 0; api_backends[i] != NULL; i++) {
		if (api_backends[i]->key_env != NULL)
			unsetenv(api_backends[i]->key_env);
		if (api_backends[i]->base_env != NULL)
			unsetenv(api_backends[i]->base_env);
	}
	unsetenv("TAKEBOARD_API_KEY");
}

static void
fuzz_submit(struct gen_plan *p)
{
	struct api_req	 r;
	struct http_req	 hr;
	char		*cause = NULL;

	if (api_req_from_json(p->request_json, &r, &cause) != 0)
		fatal("a planned request does not read back: %s", cause);
	if (p->b->ops->submit_req != NULL) {
		memset(&hr, 0, sizeof hr);
		if (p->b->ops->submit_req(&p->b->api, &r, &hr, &cause) != 0)
			free(cause);
		http_req_free(&hr);
	}
	api_req_free(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gen_config	 c;
	struct gen_plan		 p;
	struct prompt		 pr;
	char			*text, *cause = NULL;

	/* gen_config_load refuses a file over 1 MiB. */
	if (size > 1024 * 1024)
		return 0;
	fuzz_clean_env();
	text = fuzz_text(data, size);
	memset(&c, 0, sizeof c);
	if (gen_config_parse(&c, text, "config", &cause) != 0) {
		free(cause);
		goto out;
	}
	memset(&pr, 0, sizeof pr);
	pr.text = fuzz_text_prompt;
	pr.seconds_ms = BOARD_NONE;
	if (gen_plan_make(&c, NULL, &pr, NULL, -1, NULL, NULL, &p, &cause) != 0) {
		free(cause);
		goto out;
	}
	fuzz_submit(&p);
	gen_plan_free(&p);
out:
	gen_config_free(&c);
	free(text);
	return 0;
}
