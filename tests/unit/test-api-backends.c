/* SPDX-License-Identifier: ISC */
/*
 * The gemini, luma and replicate backends' pure functions: requests
 * (method, URL, credential header, JSON body) built from a request, the
 * documented fixture bodies parsed (malformed and forged ones refused),
 * ids checked before they reach a URL, and the shared helpers (origins,
 * timestamps, progress in logs).
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
#include "api/api-gemini.h"
#include "api/api-luma.h"
#include "api/api-replicate.h"
#include "api/api-util.h"
#include "api/http.h"

/* Parse body with ops's job_resp; 0 or -1, job filled on 0. */
static int
parse(const struct api_ops *o, char *body, struct api_job *j)
{
	struct http_resp	 rs;
	char			*cause = NULL;
	int			 rv;

	api_fixture_resp(&rs, 200, body);
	rv = o->job_resp(&rs, j, &cause);
	free(cause);
	free(body);
	return rv;
}

/* A member of the request body, as text ("" when missing). */
static char *
body_get(const struct http_req *hr, const char *a, const char *b)
{
	cJSON		*j;
	const cJSON	*m;
	char		*out;

	j = cJSON_Parse(hr->body != NULL ? hr->body : "");
	m = cJSON_GetObjectItem(j, a);
	if (b != NULL && cJSON_IsArray(m))
		m = cJSON_GetArrayItem(m, 0);
	if (b != NULL)
		m = cJSON_GetObjectItem(m, b);
	if (cJSON_IsString(m))
		out = xstrdup(m->valuestring);
	else if (cJSON_IsNumber(m))
		out = xasprintf("%g", m->valuedouble);
	else
		out = xstrdup("");
	cJSON_Delete(j);
	return out;
}

#define is_body(hr, a, b, want, name) do {				\
	char *v_ = body_get(hr, a, b);					\
	is_str(v_, want, name);						\
	free(v_);							\
} while (0)

static void
test_util(void)
{
	long long	 t;

	ok(api_same_origin("https://g.example/v1beta/files/x",
	    "https://g.example"), "same origin");
	ok(api_same_origin("HTTPS://G.example:443/x", "https://g.example:443"),
	    "same origin, any case");
	ok(!api_same_origin("https://g.example.evil.test/x",
	    "https://g.example"), "a longer host is another host");
	ok(!api_same_origin("https://g.example@evil.test/x",
	    "https://g.example"), "user information never matches");
	ok(!api_same_origin("http://g.example/x", "https://g.example"),
	    "another scheme");
	ok(!api_same_origin("https://g.example:8443/x", "https://g.example"),
	    "another port");
	ok(!api_same_origin(NULL, "https://g.example"), "NULL");
	ok(api_iso_time("2025-06-02T10:00:00.123456Z", &t) == 0 &&
	    t == 1748858400, "fractional seconds");
	ok(api_iso_time("2025-06-02T10:00:00Z", &t) == 0 && t == 1748858400,
	    "whole seconds");
	ok(api_iso_time("2025-06-02T10:00:00+00:00", &t) == 0,
	    "+00:00");
	ok(api_iso_time("2025-06-02 10:00:00Z", &t) == -1, "no T");
	ok(api_iso_time("2025-06-02T10:00:00.12", &t) == -1, "no zone");
	ok(api_iso_time(NULL, &t) == -1, "NULL time");
	ok(api_id_ok("abc-1", "abc-1", 5) && !api_id_ok("abc-12", "abc-12",
	    5) && !api_id_ok("", "a", 5) && !api_id_ok("a/b", "ab", 5),
	    "ids: length and characters");
}

static void
test_gemini(void)
{
	const struct api_ops	*o = &api_gemini_ops;
	struct api_cfg		 cfg;
	struct api_req		 r;
	struct api_job		 j;
	struct http_req		 hr;
	char			*cause = NULL;

	ok(gemini_operation_ok(
	    "models/veo-3.1-generate-preview/operations/vz341u0pmdlc"),
	    "an operation name");
	ok(!gemini_operation_ok("models/veo/operations/../../files/x"),
	    "a path that climbs out");
	ok(!gemini_operation_ok("models//operations/x"), "no model");
	ok(!gemini_operation_ok("models/.x/operations/y"), "a dot model");
	ok(!gemini_operation_ok("files/x"), "not an operation");
	ok(!gemini_operation_ok("models/veo/operations/x?key=y"), "a query");
	ok(!gemini_operation_ok("models/veo/operations/"), "no id");
	ok(!gemini_operation_ok(NULL), "NULL");

	memset(&cfg, 0, sizeof cfg);
	cfg.base_url = "https://g.example";
	cfg.key = "AIza-canary-123";
	memset(&r, 0, sizeof r);
	r.prompt = (char *)"A calico cat";
	r.model = (char *)"veo-3.1-fast-generate-preview";
	r.seconds = 8;
	r.size = (char *)"1080x1920";
	memset(&hr, 0, sizeof hr);
	ok(o->submit_req(&cfg, &r, &hr, &cause) == 0, "gemini submit");
	is_str(hr.method, "POST", "POST");
	is_str(hr.url, "https://g.example/v1beta/models/"
	    "veo-3.1-fast-generate-preview:predictLongRunning",
	    "to predictLongRunning");
	is_str(hr.auth, "x-goog-api-key: AIza-canary-123",
	    "the key in x-goog-api-key");
	is_body(&hr, "instances", "prompt", "A calico cat", "the prompt");
	is_body(&hr, "parameters", "aspectRatio", "9:16", "9:16");
	is_body(&hr, "parameters", "resolution", "1080p", "1080p");
	is_body(&hr, "parameters", "durationSeconds", "8", "8 s, a number");
	http_req_free(&hr);
	r.model = (char *)"veo-2.0-generate-001";
	r.size = (char *)"1280x720";
	r.seconds = 5;
	memset(&hr, 0, sizeof hr);
	ok(o->submit_req(&cfg, &r, &hr, &cause) == 0, "veo 2 submit");
	is_body(&hr, "parameters", "resolution", "", "veo 2: no resolution");
	is_body(&hr, "parameters", "aspectRatio", "16:9", "16:9");
	http_req_free(&hr);

	ok(parse(o, api_fixture("gemini", "operation_running"), &j) == 0 &&
	    j.state == API_RUNNING && j.progress == -1, "running");
	is_str(j.remote_id,
	    "models/veo-3.1-generate-preview/operations/vz341u0pmdlc",
	    "the remote id is the name");
	api_job_free(&j);
	ok(parse(o, api_fixture("gemini", "operation_done"), &j) == 0 &&
	    j.state == API_SUCCEEDED, "done");
	is_str(j.asset_url, "https://generativelanguage.googleapis.com/"
	    "v1beta/files/3k9x2m7q1w0e:download?alt=media", "video uri");
	memset(&hr, 0, sizeof hr);
	cfg.base_url = "https://generativelanguage.googleapis.com";
	ok(o->download_req(&cfg, &j, "video", &hr, &cause) == 0 &&
	    hr.auth != NULL, "the API's file is fetched with the key");
	http_req_free(&hr);
	ok(o->download_req(&cfg, &j, "thumbnail", &hr, &cause) == 1,
	    "no thumbnail");
	free(j.asset_url);
	j.asset_url = xstrdup("https://generativelanguage.googleapis.com."
	    "evil.test/x");
	memset(&hr, 0, sizeof hr);
	ok(o->download_req(&cfg, &j, "video", &hr, &cause) == 0 &&
	    hr.auth == NULL, "a file on another host gets no key");
	http_req_free(&hr);
	api_job_free(&j);
	ok(parse(o, api_fixture("gemini", "operation_failed"), &j) == 0 &&
	    j.state == API_FAILED, "failed");
	is_str(j.err_code, "13", "the status code");
	ok(j.err_message != NULL && strstr(j.err_message, "internal") !=
	    NULL, "the status message");
	api_job_free(&j);
	ok(parse(o, api_fixture("gemini", "operation_filtered"), &j) == 0 &&
	    j.state == API_FAILED && j.asset_url == NULL, "filtered fails");
	is_str(j.err_code, "safety_filtered", "safety_filtered");
	is_str(j.err_message, "Your prompt could not be submitted: it may "
	    "violate our policies.", "with the filter's reasons");
	api_job_free(&j);
	ok(parse(o, xstrdup("{\"name\":\"models/v/operations/x\",\"done\":"
	    "true,\"response\":{\"generateVideoResponse\":{"
	    "\"raiMediaFilteredCount\":2}}}"), &j) == 0 &&
	    j.state == API_FAILED && strstr(j.err_message, "2 videos") !=
	    NULL, "filtered without reasons: the count");
	api_job_free(&j);
	ok(parse(o, xstrdup("{\"name\":\"models/v/operations/x\",\"done\":"
	    "true,\"response\":{}}"), &j) == 0 && j.state == API_FAILED,
	    "done without a video fails");
	api_job_free(&j);
	ok(parse(o, xstrdup("{\"name\":42,\"done\":\"yes\"}"), &j) == -1,
	    "malformed");
	ok(parse(o, xstrdup("{\"name\":\"models/v/operations/x\",\"done\":"
	    "\"yes\"}"), &j) == -1, "done not a boolean");
	ok(parse(o, xstrdup("{\"name\":\"models/v/operations/../x\"}"),
	    &j) == -1, "a forged name");
	ok(parse(o, xstrdup("{\"name\":\"models/v/op"), &j) == -1,
	    "truncated");
	memset(&hr, 0, sizeof hr);
	ok(o->poll_req(&cfg, "models/v/operations/x/../y", &hr, &cause) ==
	    -1, "a forged name is never polled");
	free(cause);
	cause = NULL;
	http_req_free(&hr);
	ok(o->cancel_req == NULL && o->list_req == NULL,
	    "no cancel, no list (undocumented)");
}

static void
test_luma(void)
{
	const struct api_ops	*o = &api_luma_ops;
	struct api_cfg		 cfg;
	struct api_req		 r;
	struct api_job		 j;
	struct http_req		 hr;
	struct http_resp	 rs;
	char			*cause = NULL, *id = NULL, *list;

	memset(&cfg, 0, sizeof cfg);
	cfg.base_url = "https://l.example/dream-machine/v1";
	cfg.key = "luma-canary-123";
	memset(&r, 0, sizeof r);
	r.prompt = (char *)"A calico cat playing a piano on stage";
	r.model = (char *)"ray-2";
	r.seconds = 9;
	r.size = (char *)"1080x1920";
	memset(&hr, 0, sizeof hr);
	ok(o->submit_req(&cfg, &r, &hr, &cause) == 0, "luma submit");
	is_str(hr.url, "https://l.example/dream-machine/v1/generations",
	    "to /generations");
	is_str(hr.auth, "Authorization: Bearer luma-canary-123", "Bearer");
	is_body(&hr, "duration", NULL, "9s", "duration \"9s\"");
	is_body(&hr, "aspect_ratio", NULL, "9:16", "9:16");
	is_body(&hr, "resolution", NULL, "1080p", "1080p");
	is_body(&hr, "model", NULL, "ray-2", "model");
	http_req_free(&hr);
	r.size = (char *)"3840x2160";
	r.seconds = 5;
	memset(&hr, 0, sizeof hr);
	ok(o->submit_req(&cfg, &r, &hr, &cause) == 0, "4k submit");
	is_body(&hr, "resolution", NULL, "4k", "4k");
	is_body(&hr, "aspect_ratio", NULL, "16:9", "16:9");
	http_req_free(&hr);
	r.size = (char *)"1000x720";
	ok(o->check(&r, &cause) == -1 && strstr(cause, "21:9") != NULL,
	    "an odd ratio is refused, naming the allowed ones");
	free(cause);
	cause = NULL;

	ok(parse(o, api_fixture("luma", "generation"), &j) == 0 &&
	    j.state == API_QUEUED, "queued");
	api_job_free(&j);
	ok(parse(o, api_fixture("luma", "generation_failed"), &j) == 0 &&
	    j.state == API_FAILED && strstr(j.err_message, "moderation") !=
	    NULL, "failed, with the reason");
	api_job_free(&j);
	ok(parse(o, xstrdup("{\"id\":\"ab-12\",\"state\":\"completed\","
	    "\"assets\":{\"video\":\"https://cdn.example/v.mp4\"}}"), &j) ==
	    0 && j.state == API_SUCCEEDED, "completed");
	is_str(j.asset_url, "https://cdn.example/v.mp4", "assets.video");
	memset(&hr, 0, sizeof hr);
	ok(o->download_req(&cfg, &j, "video", &hr, &cause) == 0 &&
	    hr.auth == NULL, "downloaded without credentials");
	http_req_free(&hr);
	api_job_free(&j);
	ok(parse(o, xstrdup("{\"id\":\"ab-12\",\"state\":\"completed\"}"),
	    &j) == -1, "completed without a video");
	ok(parse(o, xstrdup("{\"id\":\"../x\",\"state\":\"queued\"}"), &j) ==
	    -1, "a forged id");

	list = xstrdup("{\"generations\":["
	    "{\"id\":\"aa-1\",\"created_at\":\"2025-10-22T09:14:03.412Z\","
	    "\"request\":{\"prompt\":\"other\",\"model\":\"ray-2\"}},"
	    "{\"id\":\"aa-2\",\"created_at\":\"2025-10-22T09:14:03.412Z\","
	    "\"request\":{\"prompt\":\"A calico cat playing a piano on "
	    "stage\",\"model\":\"ray-flash-2\"}},"
	    "{\"id\":\"aa-3\",\"created_at\":\"2025-10-22T09:14:03.412Z\","
	    "\"request\":{\"prompt\":\"A calico cat playing a piano on "
	    "stage\",\"model\":\"ray-2\"}},"
	    "{\"id\":\"aa-4\",\"created_at\":\"2025-10-22T09:14:03.412Z\","
	    "\"request\":{\"prompt\":\"A calico cat playing a piano on "
	    "stage\",\"model\":\"ray-2\"}}],\"has_more\":false}");
	api_fixture_resp(&rs, 200, list);
	ok(o->list_find(&rs, &r, 0, 0, &id, &cause) == 1, "found");
	is_str(id, "aa-3", "same prompt and model");
	free(id);
	ok(o->list_find(&rs, &r, 0, 1, &id, &cause) == 1, "skip 1");
	is_str(id, "aa-4", "the next one");
	free(id);
	ok(o->list_find(&rs, &r, 0, 2, &id, &cause) == 0 && id == NULL,
	    "no third");
	ok(o->list_find(&rs, &r, 1900000000, 0, &id, &cause) == 0,
	    "nothing older than the take");
	free(list);
	api_fixture_resp(&rs, 200, (char *)"{\"data\":[]}");
	ok(o->list_find(&rs, &r, 0, 0, &id, &cause) == -1,
	    "a list without generations");
	free(cause);
	cause = NULL;
	memset(&hr, 0, sizeof hr);
	ok(o->cancel_req(&cfg, "ab-12", &hr, &cause) == 0, "cancel");
	is_str(hr.method, "DELETE", "DELETE");
	is_str(hr.url, "https://l.example/dream-machine/v1/generations/ab-12",
	    "the generation");
	http_req_free(&hr);
}

static void
test_replicate(void)
{
	const struct api_ops	*o = &api_replicate_ops;
	struct api_cfg		 cfg;
	struct api_req		 r;
	struct api_job		 j;
	struct http_req		 hr;
	char			*cause = NULL;

	is_int(replicate_progress("Generating\n 45%|####  | 9/20\n"
	    " 80%|######## | 16/20\n"), 80, "the last percentage");
	is_int(replicate_progress("100%|##########| 20/20"), 100, "100%");
	is_int(replicate_progress("no bar here, 50% done"), -1, "no bar");
	is_int(replicate_progress("%|"), -1, "no digits");
	is_int(replicate_progress(NULL), -1, "no logs");

	memset(&cfg, 0, sizeof cfg);
	cfg.base_url = "https://r.example";
	cfg.key = "r8_canary_123";
	memset(&r, 0, sizeof r);
	r.prompt = (char *)"A calico cat";
	r.model = (char *)"minimax/video-01";
	r.seconds = 6;
	memset(&hr, 0, sizeof hr);
	ok(o->submit_req(&cfg, &r, &hr, &cause) == 0, "replicate submit");
	is_str(hr.url, "https://r.example/v1/models/minimax/video-01/"
	    "predictions", "to the model's predictions");
	is_str(hr.auth, "Authorization: Bearer r8_canary_123", "Bearer");
	is_body(&hr, "input", "prompt", "A calico cat", "input.prompt");
	is_body(&hr, "input", "duration", "", "no duration for video-01");
	is_body(&hr, "version", NULL, "", "no version");
	http_req_free(&hr);
	r.model = (char *)"kwaivgi/kling-v2.1-master";
	r.seconds = 10;
	memset(&hr, 0, sizeof hr);
	ok(o->submit_req(&cfg, &r, &hr, &cause) == 0, "kling submit");
	is_body(&hr, "input", "duration", "10", "duration for kling");
	http_req_free(&hr);
	r.model = (char *)"someone/video:5c7d5dc6dd8bf75c1acaa8565735e798";
	memset(&hr, 0, sizeof hr);
	ok(o->submit_req(&cfg, &r, &hr, &cause) == 0, "version submit");
	is_str(hr.url, "https://r.example/v1/predictions", "/v1/predictions");
	is_body(&hr, "version", NULL, "5c7d5dc6dd8bf75c1acaa8565735e798",
	    "the version id");
	http_req_free(&hr);
	r.model = (char *)"someone/../video";
	ok(o->check(&r, &cause) == -1, "a path in the model is refused");
	free(cause);
	cause = NULL;

	ok(parse(o, api_fixture("replicate", "prediction"), &j) == 0 &&
	    j.state == API_QUEUED, "starting");
	is_int(j.expires_at, 1748858400 + 3600, "an hour after creation");
	api_job_free(&j);
	ok(parse(o, api_fixture("replicate", "prediction_failed"), &j) == 0 &&
	    j.state == API_FAILED && strstr(j.err_message, "E005") != NULL,
	    "failed, with the error string");
	api_job_free(&j);
	ok(parse(o, xstrdup("{\"id\":\"abc\",\"status\":\"succeeded\","
	    "\"output\":\"https://replicate.delivery/x.mp4\"}"), &j) == 0 &&
	    j.state == API_SUCCEEDED, "output a string");
	is_str(j.asset_url, "https://replicate.delivery/x.mp4", "the URL");
	memset(&hr, 0, sizeof hr);
	ok(o->download_req(&cfg, &j, "video", &hr, &cause) == 0 &&
	    hr.auth == NULL, "downloaded without the token");
	http_req_free(&hr);
	api_job_free(&j);
	ok(parse(o, xstrdup("{\"id\":\"abc\",\"status\":\"succeeded\","
	    "\"output\":[\"https://replicate.delivery/a.mp4\","
	    "\"https://replicate.delivery/b.mp4\"]}"), &j) == 0, "a list");
	is_str(j.asset_url, "https://replicate.delivery/a.mp4", "the first");
	api_job_free(&j);
	ok(parse(o, xstrdup("{\"id\":\"abc\",\"status\":\"processing\","
	    "\"logs\":\" 35%|###   | 7/20\"}"), &j) == 0 &&
	    j.state == API_RUNNING && j.progress == 35, "progress from logs");
	api_job_free(&j);
	ok(parse(o, xstrdup("{\"id\":\"abc\",\"status\":\"succeeded\","
	    "\"output\":null}"), &j) == -1, "succeeded without output");
	ok(parse(o, xstrdup("{\"id\":\"ABC/..\",\"status\":\"starting\"}"),
	    &j) == -1, "a forged id");
	ok(parse(o, xstrdup("{\"id\":\"abc\",\"status\":\"canceled\"}"), &j) ==
	    0 && j.state == API_CANCELLED, "canceled");
	api_job_free(&j);
	memset(&hr, 0, sizeof hr);
	ok(o->cancel_req(&cfg, "abc", &hr, &cause) == 0, "cancel");
	is_str(hr.method, "POST", "POST");
	is_str(hr.url, "https://r.example/v1/predictions/abc/cancel",
	    "/cancel");
	is_str(hr.body, "{}", "with a body, so it stays a POST");
	http_req_free(&hr);
}

int
main(void)
{
	test_util();
	test_gemini();
	test_luma();
	test_replicate();
	return done_testing();
}
