/* SPDX-License-Identifier: ISC */
/*
 * The openai and runway backends' pure functions: requests built from a
 * request, answers parsed from the documented fixture bodies (malformed
 * and unknown ones included), error classification and key scrubbing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api-fixture.h"
#include "tap.h"
#include "util/xmalloc.h"
#include "api/api.h"
#include "api/api-openai.h"
#include "api/api-runway.h"
#include "api/http.h"

/* The body of an openai fixture. */
static char *
fixture(const char *name)
{
	return api_fixture("openai", name);
}

static void
resp(struct http_resp *rs, long status, char *body)
{
	api_fixture_resp(rs, status, body);
}

int
main(void)
{
	const struct api_ops	*o = &api_openai_ops;
	struct api_cfg		 cfg;
	struct api_req		 r;
	struct api_job		 j;
	struct http_req		 hr;
	struct http_resp	 rs;
	char			*cause = NULL, *code, *msg, *s, *id;

	memset(&cfg, 0, sizeof cfg);
	cfg.name = "openai";
	cfg.base_url = "https://api.openai.com/v1";
	cfg.key = "sk-canary-123456";
	memset(&r, 0, sizeof r);
	r.prompt = (char *)"A calico cat playing a piano on stage";
	r.model = (char *)"sora-2";
	r.seconds = 8;
	r.size = (char *)"1280x720";

	ok(o->check(&r, &cause) == 0, "8 s 1280x720 sora-2 is allowed");
	r.seconds = 10;
	ok(o->check(&r, &cause) == -1 && strstr(cause, "4, 8, 12") != NULL,
	    "10 s is refused, naming the allowed values");
	free(cause);
	r.seconds = 8;
	r.size = (char *)"1792x1024";
	ok(o->check(&r, &cause) == -1 && strstr(cause, "1280x720") != NULL,
	    "sora-2 does not offer 1792x1024");
	free(cause);
	r.model = (char *)"sora-2-pro";
	ok(o->check(&r, NULL) == 0, "sora-2-pro does");
	r.model = (char *)"sora-2";
	r.size = (char *)"1280x720";

	memset(&hr, 0, sizeof hr);
	ok(o->submit_req(&cfg, &r, &hr, &cause) == 0, "submit request");
	is_str(hr.method, "POST", "POST");
	is_str(hr.url, "https://api.openai.com/v1/videos", "to /videos");
	is_str(hr.auth, "Authorization: Bearer sk-canary-123456",
	    "key in Authorization only");
	is_int(hr.nparts, 4, "multipart: prompt, model, seconds, size");
	is_str(hr.parts[2].name, "seconds", "seconds part");
	is_str(hr.parts[2].value, "8", "seconds sent as a string");
	ok(hr.nheaders == 0 || strstr(hr.headers[0], "sk-") == NULL,
	    "no key in other headers");
	http_req_free(&hr);

	resp(&rs, 200, fixture("create_response"));
	ok(o->job_resp(&rs, &j, &cause) == 0, "create answer parses");
	is_str(j.remote_id,
	    "video_691608967fe8819399e710799dae2ae708872b008b63ff61", "id");
	is_int(j.state, API_QUEUED, "queued");
	is_int(j.progress, 0, "progress 0");
	api_job_free(&j);
	free(rs.body);

	resp(&rs, 200, fixture("in_progress"));
	ok(o->job_resp(&rs, &j, &cause) == 0 && j.state == API_RUNNING &&
	    j.progress == 42, "in progress at 42%%");
	api_job_free(&j);
	free(rs.body);

	resp(&rs, 200, fixture("completed"));
	ok(o->job_resp(&rs, &j, &cause) == 0 && j.state == API_SUCCEEDED &&
	    j.expires_at == 1763055338, "completed, with its expiry");
	memset(&hr, 0, sizeof hr);
	ok(o->download_req(&cfg, &j, "video", &hr, &cause) == 0 &&
	    strcmp(hr.url, "https://api.openai.com/v1/videos/"
	    "video_691608967fe8819399e710799dae2ae708872b008b63ff61/"
	    "content?variant=video") == 0, "content URL with variant");
	http_req_free(&hr);
	api_job_free(&j);
	free(rs.body);

	resp(&rs, 200, fixture("failed"));
	ok(o->job_resp(&rs, &j, &cause) == 0 && j.state == API_FAILED &&
	    strcmp(j.err_code, "moderation_blocked") == 0 &&
	    strstr(j.err_message, "moderation") != NULL, "failed, with why");
	api_job_free(&j);
	free(rs.body);

	resp(&rs, 200, xstrdup("{\"id\":\"video_1\",\"status\":"
	    "\"teleporting\",\"progress\":7}"));
	ok(o->job_resp(&rs, &j, &cause) == 0 && j.state == API_UNKNOWN,
	    "an unknown status is tolerated");
	api_job_free(&j);
	free(rs.body);

	resp(&rs, 200, xstrdup("{\"id\":\"video_1\",\"status\":\"queu"));
	ok(o->job_resp(&rs, &j, &cause) == -1, "truncated JSON is an error");
	free(cause);
	free(rs.body);
	resp(&rs, 200, xstrdup("[1,2,3]"));
	ok(o->job_resp(&rs, &j, &cause) == -1, "unexpected JSON is an error");
	free(cause);
	free(rs.body);
	resp(&rs, 200, xstrdup("{\"id\":\"../../etc\",\"status\":\"queued\"}"));
	ok(o->job_resp(&rs, &j, &cause) == -1, "a path as an id is refused");
	free(cause);
	free(rs.body);

	resp(&rs, 429, fixture("error_429"));
	o->error(&rs, &code, &msg);
	is_str(code, "rate_limit_exceeded", "429 code");
	is_int(api_classify(&rs, code), API_ERR_RATE, "429 rate: retry");
	free(code);
	free(msg);
	free(rs.body);
	resp(&rs, 429, fixture("error_429_quota"));
	o->error(&rs, &code, &msg);
	is_int(api_classify(&rs, code), API_ERR_QUOTA, "quota: permanent");
	free(code);
	free(msg);
	free(rs.body);
	resp(&rs, 401, fixture("error_401"));
	is_int(api_classify(&rs, NULL), API_ERR_AUTH, "401: permanent");
	free(rs.body);
	resp(&rs, 500, xstrdup(""));
	is_int(api_classify(&rs, NULL), API_ERR_TRANSIENT, "500: retry");
	rs.status = 408;
	is_int(api_classify(&rs, NULL), API_ERR_TRANSIENT, "408: retry");
	rs.status = 404;
	is_int(api_classify(&rs, NULL), API_ERR_INVALID, "404: permanent");
	rs.status = 0;
	is_int(api_classify(&rs, NULL), API_ERR_TRANSIENT,
	    "connection error: retry");
	free(rs.body);

	resp(&rs, 200, fixture("list_response"));
	r.prompt = (char *)"A calico cat playing a piano on stage";
	ok(o->list_find(&rs, &r, 1763051000, 0, &id, &cause) == 1 &&
	    strncmp(id, "video_6916", 10) == 0, "list finds the job");
	free(id);
	ok(o->list_find(&rs, &r, 1763059999, 0, &id, &cause) == 0,
	    "not one made before the submission");
	ok(o->list_find(&rs, &r, 1763051000, 1, &id, &cause) == 0,
	    "skipping the known one leaves none");
	r.prompt = (char *)"another prompt";
	ok(o->list_find(&rs, &r, 0, 0, &id, &cause) == 0, "nor another prompt");
	free(rs.body);

	s = api_scrub("bad key sk-canary-123456 here sk-canary-123456",
	    "sk-canary-123456");
	is_str(s, "bad key [key] here [key]", "keys are scrubbed");
	free(s);

	/* Runway. */
	cfg.base_url = "https://api.dev.runwayml.com";
	r.prompt = (char *)"A cat";
	r.model = (char *)"gen4_turbo";
	r.seconds = 5;
	ok(api_runway_ops.check(&r, NULL) == 0, "runway 5 s ok");
	r.seconds = 12;
	ok(api_runway_ops.check(&r, &cause) == -1 &&
	    strstr(cause, "2 to 10") != NULL, "runway 12 s refused");
	free(cause);
	r.seconds = 5;
	memset(&hr, 0, sizeof hr);
	ok(api_runway_ops.submit_req(&cfg, &r, &hr, &cause) == 0 &&
	    strcmp(hr.url, "https://api.dev.runwayml.com/v1/text_to_video") ==
	    0 && strstr(hr.body, "\"ratio\":\"1280:720\"") != NULL &&
	    strstr(hr.body, "\"duration\":5") != NULL &&
	    strcmp(hr.headers[0], "X-Runway-Version: 2024-11-06") == 0,
	    "runway text_to_video request");
	http_req_free(&hr);
	resp(&rs, 200, xstrdup("{\"id\":\"17f20503-6c24-4c16-946b-"
	    "35dbbce2af2f\",\"status\":\"RUNNING\",\"progress\":0.5}"));
	ok(api_runway_ops.job_resp(&rs, &j, &cause) == 0 &&
	    j.state == API_RUNNING && j.progress == 50, "runway running 50%%");
	api_job_free(&j);
	free(rs.body);
	resp(&rs, 200, xstrdup("{\"id\":\"17f20503-6c24-4c16-946b-"
	    "35dbbce2af2f\",\"status\":\"SUCCEEDED\",\"output\":"
	    "[\"https://cdn.example/x.mp4\"]}"));
	ok(api_runway_ops.job_resp(&rs, &j, &cause) == 0 &&
	    j.state == API_SUCCEEDED, "runway succeeded");
	memset(&hr, 0, sizeof hr);
	ok(api_runway_ops.download_req(&cfg, &j, "video", &hr, &cause) == 0 &&
	    hr.auth == NULL && strcmp(hr.url, "https://cdn.example/x.mp4") ==
	    0, "runway output fetched without credentials");
	http_req_free(&hr);
	api_job_free(&j);
	free(rs.body);
	return done_testing();
}
