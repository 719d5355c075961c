/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: provider answers as the engine reads them. For every
 * backend of api_backends[] (so a backend added there is covered with
 * no change here) the input is the body of an HTTP answer: its job_resp
 * parses it as a 2xx create or poll answer, and a parsed job is turned
 * into poll and download requests; its error hook reads it as a 4xx/5xx
 * body that api_classify then sorts; its list_find searches it as a list
 * answer. Ownership follows gen-queue.c exactly, so a leak is reported.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "api/api.h"
#include "api/http.h"
#include "fuzz.h"

/* A request like the ones takeboard stores, for list_find. */
static char	fuzz_prompt[] = "A red kite over the sea at dawn";
static char	fuzz_model[] = "sora-2";
static char	fuzz_size[] = "1280x720";

/* Answers as http.c hands them over: NUL-ended, len without the NUL. */
static void
fuzz_resp(struct http_resp *rs, long status, char *body, size_t len)
{
	memset(rs, 0, sizeof *rs);
	rs->status = status;
	rs->sent = 1;
	rs->body = body;
	rs->len = len;
	rs->retry_after_ms = -1;
	rs->poll_after_ms = -1;
	rs->should_retry = -1;
	rs->total = -1;
}

/* What the engine does with a parsed job: poll it, download it. */
static void
fuzz_job_use(const struct api_ops *ops, const struct api_cfg *cfg,
    const struct api_job *aj)
{
	static const char *const variants[] = { "video", "thumbnail" };
	struct http_req	 hr;
	char		*cause;
	size_t		 i;

	if (ops->poll_req != NULL && aj->remote_id != NULL) {
		memset(&hr, 0, sizeof hr);
		cause = NULL;
		ops->poll_req(cfg, aj->remote_id, &hr, &cause);
		http_req_free(&hr);
		free(cause);
	}
	if (ops->cancel_req != NULL && aj->remote_id != NULL) {
		memset(&hr, 0, sizeof hr);
		cause = NULL;
		ops->cancel_req(cfg, aj->remote_id, &hr, &cause);
		http_req_free(&hr);
		free(cause);
	}
	if (ops->download_req == NULL)
		return;
	for (i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		memset(&hr, 0, sizeof hr);
		cause = NULL;
		ops->download_req(cfg, aj, variants[i], &hr, &cause);
		http_req_free(&hr);
		free(cause);
	}
}

static void
fuzz_backend(const struct api_ops *ops, char *body, size_t len)
{
	static const long	 errors[] = { 400, 404, 429, 500, 503 };
	struct api_cfg		 cfg;
	struct api_req		 r;
	struct http_resp	 rs;
	struct api_job		 aj;
	char			*cause, *code, *msg, *id;
	size_t			 i;
	int			 found, skip;

	memset(&cfg, 0, sizeof cfg);
	cfg.name = ops->name;
	cfg.base_url = ops->base_default != NULL ? ops->base_default :
	    "https://api.example.invalid/v1";
	cfg.key = "sk-fuzz-0123456789";

	fuzz_resp(&rs, 200, body, len);
	if (ops->job_resp != NULL) {
		cause = NULL;
		if (ops->job_resp(&rs, &aj, &cause) != 0)
			free(cause);
		else {
			fuzz_job_use(ops, &cfg, &aj);
			api_job_free(&aj);
		}
	}

	if (ops->list_find != NULL) {
		memset(&r, 0, sizeof r);
		r.prompt = fuzz_prompt;
		r.model = fuzz_model;
		r.seconds = 4;
		r.size = fuzz_size;
		for (skip = 0; skip < 3; skip++) {
			id = NULL;
			cause = NULL;
			found = ops->list_find(&rs, &r, 1700000000LL, skip,
			    &id, &cause);
			if (found != 1) {
				free(cause);
				break;
			}
			free(id);
		}
	}

	for (i = 0; i < sizeof errors / sizeof errors[0]; i++) {
		fuzz_resp(&rs, errors[i], body, len);
		code = NULL;
		msg = NULL;
		if (ops->error != NULL)
			ops->error(&rs, &code, &msg);
		api_classify(&rs, code);
		free(code);
		free(msg);
		if (ops->error == NULL)
			break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*body;
	size_t	 i;

	/* http.c refuses a JSON answer over 1 MiB before it is parsed. */
	if (size > 1024 * 1024)
		return 0;
	body = fuzz_text(data, size);
	for (i = 0; api_backends[i] != NULL; i++)
		fuzz_backend(api_backends[i], body, size);
	free(body);
	return 0;
}
