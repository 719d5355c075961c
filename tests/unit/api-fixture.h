/* SPDX-License-Identifier: ISC */
/*
 * Canned provider answers for the backend tests: the "body" of a
 * fixture envelope tests/data/http/VENDOR/NAME.json as JSON text, and a
 * struct http_resp around a body. Header-only; included by
 * tests/unit/test-api-*.c.
 */
#ifndef TB_TESTS_API_FIXTURE_H
#define TB_TESTS_API_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/xmalloc.h"
#include "api/http.h"

/* The body of a fixture (allocated; "" when it cannot be read). */
static inline char *
api_fixture(const char *vendor, const char *name)
{
	char	*path, *text, *out;
	FILE	*f;
	long	 n;
	cJSON	*j;

	path = xasprintf("%s/data/http/%s/%s.json",
	    getenv("TESTS_DIR") != NULL ? getenv("TESTS_DIR") : "tests",
	    vendor, name);
	f = fopen(path, "r");
	free(path);
	if (f == NULL)
		return xstrdup("");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = xcalloc(1, (size_t)n + 1);
	if (fread(text, 1, (size_t)n, f) != (size_t)n)
		text[0] = '\0';
	fclose(f);
	j = cJSON_Parse(text);
	free(text);
	out = cJSON_PrintUnformatted(cJSON_GetObjectItem(j, "body"));
	cJSON_Delete(j);
	return out != NULL ? out : xstrdup("");
}

/* An answer with status and body (not copied), no headers. */
static inline void
api_fixture_resp(struct http_resp *rs, long status, char *body)
{
	memset(rs, 0, sizeof *rs);
	rs->status = status;
	rs->body = body;
	rs->len = strlen(body);
	rs->retry_after_ms = -1;
	rs->poll_after_ms = -1;
	rs->should_retry = -1;
}

#endif
