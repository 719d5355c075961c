/* SPDX-License-Identifier: ISC */
/*
 * The generation configuration: sections, prices (configured and
 * default), errors naming the line, and keys taken from the environment
 * first and refused from a file others can read.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "gen/gen-config.h"

int
main(void)
{
	struct gen_config	 c;
	struct gen_backend	*b;
	char			*cause = NULL;

	unsetenv("OPENAI_API_KEY");
	unsetenv("OPENAI_BASE_URL");
	memset(&c, 0, sizeof c);
	ok(gen_config_parse(&c, "backend = gw\n# comment\n"
	    "[backend openai]\nkey = sk-file\nprice sora-2 = 0.15\n"
	    "[backend gw]\ntype = openai\nbase_url = https://gw.example/v1\n"
	    "concurrency = 2\n", "cfg", &cause) == 0, "parses");
	is_str(c.backend, "gw", "default backend");
	b = gen_config_backend(&c, "openai", NULL);
	ok(b != NULL && gen_backend_price(b, "sora-2", "1280x720") == 150000,
	    "configured price wins");
	ok(b != NULL && gen_backend_price(b, "sora-2-pro", "1792x1024") ==
	    500000, "default price per size");
	ok(b != NULL && gen_backend_price(b, "mystery", NULL) == -1,
	    "unknown model: no price");
	ok(gen_backend_api(&c, b, &cause) == 0 &&
	    strcmp(b->api.key, "sk-file") == 0, "key from the file");
	setenv("OPENAI_API_KEY", "sk-env", 1);
	ok(gen_backend_api(&c, b, &cause) == 0 &&
	    strcmp(b->api.key, "sk-env") == 0, "environment first");
	unsetenv("OPENAI_API_KEY");
	c.insecure = 1;
	c.path = strdup("cfg");
	ok(gen_backend_api(&c, b, &cause) == -1 &&
	    strstr(cause, "readable by group or others") != NULL &&
	    strstr(cause, "sk-file") == NULL, "refused from a readable file");
	free(cause);
	b = gen_config_backend(&c, "gw", NULL);
	ok(b != NULL && b->ops == &*api_find("openai") &&
	    b->concurrency == 2, "a second openai-type backend");
	ok(gen_backend_api(&c, b, &cause) == -1 &&
	    strstr(cause, "no API key") != NULL, "gw has no key");
	free(cause);
	gen_config_free(&c);

	memset(&c, 0, sizeof c);
	ok(gen_config_parse(&c, "[backend openai]\nkey = sk-secret\n"
	    "colour = blue\n", "cfg", &cause) == -1 &&
	    strstr(cause, "line 3") != NULL && strstr(cause, "sk-secret") ==
	    NULL, "unknown key refused, naming the line");
	free(cause);
	gen_config_free(&c);
	return done_testing();
}
