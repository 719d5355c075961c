/* SPDX-License-Identifier: ISC */
/*
 * Luma's Dream Machine API: POST /generations with JSON (prompt, model,
 * aspect_ratio, duration "5s" or "9s", resolution), GET
 * /generations/{id} to poll (queued, dreaming, completed, failed), GET
 * /generations?limit=&offset= to find an unanswered submission again,
 * DELETE /generations/{id} to cancel. A completed generation names its
 * clip at assets.video, a signed URL fetched without credentials.
 */
#include "config.h"

#include "api/api-luma.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "api/api-util.h"
#include "api/http.h"
#include "api/json.h"

#define LUMA_ID_CHARS	"0123456789abcdefABCDEF-"

/* The video models of the Dream Machine API reference. */
static const char *const luma_models[] = {
	"ray-2", "ray-flash-2", NULL
};

static long long
luma_gcd(long long a, long long b)
{
	long long	 t;

	while (b != 0) {
		t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* The aspect ratio ("16:9") and resolution ("720p") of a size, in the
 * buffers given; 0, or -1 when Luma has no such size. */
static int
luma_size(const char *size, char *ratio, size_t rlen, const char **res)
{
	static const char *const ratios[] = { "16:9", "9:16", "1:1", "4:3",
	    "3:4", "21:9", "9:21", NULL };
	long long	 w, h, g, shortest;

	if (api_parse_size(size, &w, &h) != 0)
		return -1;
	g = luma_gcd(w, h);
	snprintf(ratio, rlen, "%lld:%lld", w / g, h / g);
	if (!api_in_list(ratios, ratio))
		return -1;
	shortest = w < h ? w : h;
	if (shortest == 540)
		*res = "540p";
	else if (shortest == 720)
		*res = "720p";
	else if (shortest == 1080)
		*res = "1080p";
	else if (shortest == 2160)
		*res = "4k";
	else
		return -1;
	return 0;
}

static int
luma_check(const struct api_req *r, char **cause)
{
	char		 ratio[32];
	const char	*res;

	if (r->seconds != 5 && r->seconds != 9) {
		*cause = xasprintf("luma does not offer %lld s clips "
		    "(allowed: 5, 9)", r->seconds);
		return -1;
	}
	if (r->size != NULL && luma_size(r->size, ratio, sizeof ratio,
	    &res) != 0) {
		*cause = xasprintf("luma does not offer the size %s "
		    "(allowed: 16:9, 9:16, 1:1, 4:3, 3:4, 21:9 or 9:21 with "
		    "a shorter side of 540, 720, 1080 or 2160, such as "
		    "1280x720)", r->size);
		return -1;
	}
	return 0;
}

/* A request to path under the base URL, with the key. */
static void
luma_req(const struct api_cfg *cfg, const char *method, const char *path,
    const char *id, struct http_req *hr)
{
	char	*url;

	url = xasprintf("%s%s%s", cfg->base_url, path, id != NULL ? id : "");
	http_req_init(hr, method, url);
	free(url);
	api_bearer(cfg, hr);
}

static int
luma_submit_req(const struct api_cfg *cfg, const struct api_req *r,
    struct http_req *hr, char **cause)
{
	cJSON		*j;
	char		 ratio[32], secs[32];
	const char	*res = "720p";

	if (luma_check(r, cause) != 0)
		return -1;
	snprintf(ratio, sizeof ratio, "16:9");
	if (r->size != NULL)
		luma_size(r->size, ratio, sizeof ratio, &res);
	luma_req(cfg, "POST", "/generations", NULL, hr);
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "prompt", r->prompt);
	if (r->model != NULL)
		cJSON_AddStringToObject(j, "model", r->model);
	cJSON_AddStringToObject(j, "aspect_ratio", ratio);
	snprintf(secs, sizeof secs, "%llds", r->seconds);
	cJSON_AddStringToObject(j, "duration", secs);
	cJSON_AddStringToObject(j, "resolution", res);
	hr->body = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (hr->body == NULL)
		fatal("out of memory");
	return 0;
}

static enum api_state
luma_state(const char *s)
{
	if (strcmp(s, "queued") == 0)
		return API_QUEUED;
	if (strcmp(s, "dreaming") == 0)
		return API_RUNNING;
	if (strcmp(s, "completed") == 0)
		return API_SUCCEEDED;
	if (strcmp(s, "failed") == 0)
		return API_FAILED;
	return API_UNKNOWN;
}

static int
luma_job_resp(const struct http_resp *rs, struct api_job *job,
    char **cause)
{
	cJSON	*j;

	memset(job, 0, sizeof *job);
	job->progress = -1;
	job->expires_at = -1;
	j = json_parse(rs->body, rs->len, cause);
	if (j == NULL)
		return -1;
	if (json_str(j, "id", &job->remote_id) != 1 ||
	    !api_id_ok(job->remote_id, LUMA_ID_CHARS, 64) ||
	    json_str(j, "state", &job->raw_status) != 1) {
		cJSON_Delete(j);
		api_job_free(job);
		*cause = xstrdup("the answer has no generation id or state");
		return -1;
	}
	job->state = luma_state(job->raw_status);
	if (job->state == API_SUCCEEDED)
		job->progress = 100;
	json_str(j, "failure_reason", &job->err_message);
	json_str(json_obj(j, "assets"), "video", &job->asset_url);
	cJSON_Delete(j);
	if (job->state == API_SUCCEEDED && job->asset_url == NULL) {
		api_job_free(job);
		*cause = xstrdup("the generation completed without a video");
		return -1;
	}
	return 0;
}

static int
luma_poll_req(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	if (!api_id_ok(id, LUMA_ID_CHARS, 64)) {
		*cause = xstrdup("luma: a malformed generation id");
		return -1;
	}
	luma_req(cfg, "GET", "/generations/", id, hr);
	return 0;
}

static int
luma_download_req(const struct api_cfg *cfg, const struct api_job *job,
    const char *variant, struct http_req *hr, char **cause)
{
	(void)cfg;
	/* A signed URL: no credentials go with it. */
	return api_asset_req(job, variant, "the generation has no video URL",
	    hr, cause);
}

static int
luma_cancel_req(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	if (!api_id_ok(id, LUMA_ID_CHARS, 64)) {
		*cause = xstrdup("luma: a malformed generation id");
		return -1;
	}
	luma_req(cfg, "DELETE", "/generations/", id, hr);
	return 0;
}

static int
luma_list_req(const struct api_cfg *cfg, struct http_req *hr,
    char **cause)
{
	(void)cause;
	luma_req(cfg, "GET", "/generations?limit=100&offset=0", NULL, hr);
	return 0;
}

/* Whether a listed generation could be r's: the same prompt and model,
 * created at or after since (api_list_find). */
static int
luma_list_match(const cJSON *v, const struct api_req *r, long long since)
{
	const cJSON	*req;
	char		*prompt, *model = NULL, *created = NULL;
	long long	 t;
	int		 same;

	req = json_obj(v, "request");
	if (json_str(req, "prompt", &prompt) != 1)
		return 0;
	if (json_str(req, "model", &model) != 1)
		json_str(v, "model", &model);
	json_str(v, "created_at", &created);
	if (api_iso_time(created, &t) != 0)
		t = since;
	same = strcmp(prompt, r->prompt) == 0 && t >= since &&
	    (r->model == NULL || model == NULL || strcmp(model, r->model) == 0);
	free(prompt);
	free(model);
	free(created);
	return same;
}

/* Find the skip-th generation that could be r's in a list answer: 1
 * with *id, 0 none, -1 malformed. */
static int
luma_list_find(const struct http_resp *rs, const struct api_req *r,
    long long since, int skip, char **id, char **cause)
{
	return api_list_find(rs, "generations", LUMA_ID_CHARS,
	    luma_list_match, r, since, skip, id, cause);
}

static void
luma_error(const struct http_resp *rs, char **code, char **message)
{
	cJSON	*j;

	j = json_error_answer(rs, code, message);
	if (j == NULL)
		return;
	json_str(j, "detail", message);
	cJSON_Delete(j);
}

const struct api_ops api_luma_ops = {
	.name = "luma",
	.kind = API_KIND_HTTP,
	.key_env = "LUMAAI_API_KEY",
	.base_env = "LUMAAI_BASE_URL",
	.base_default = "https://api.lumalabs.ai/dream-machine/v1",
	.model_default = "ray-2",
	.seconds_default = 5,
	.size_default = "1280x720",
	.models = luma_models,
	.check = luma_check,
	.submit_req = luma_submit_req,
	.job_resp = luma_job_resp,
	.poll_req = luma_poll_req,
	.download_req = luma_download_req,
	.cancel_req = luma_cancel_req,
	.list_req = luma_list_req,
	.list_find = luma_list_find,
	.error = luma_error,
};
