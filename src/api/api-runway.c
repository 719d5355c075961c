/* SPDX-License-Identifier: ISC */
/*
 * Runway: POST /v1/text_to_video (or /v1/image_to_video with a
 * reference image) with JSON, GET /v1/tasks/{id} to poll, DELETE
 * /v1/tasks/{id} to cancel. Every call carries X-Runway-Version. A
 * finished task lists output URLs, downloaded without credentials.
 * There is no list endpoint, so an unanswered submit needs a decision.
 */
#include "config.h"

#include "api/api-runway.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "api/api-util.h"
#include "api/http.h"
#include "api/json.h"

#define RUNWAY_VERSION	"2024-11-06"

/* The models of Runway's text_to_video and image_to_video (the API
 * reference of 2024-11-06 and later). */
static const char *const runway_models[] = {
	"gen4_turbo", "gen4.5", "gen3a_turbo", "veo3", "veo3.1",
	"veo3.1_fast", "seedance2", NULL
};

static int
runway_check(const struct api_req *r, char **cause)
{
	long long	 w, h;

	if (r->seconds < 2 || r->seconds > 10) {
		*cause = xasprintf("runway does not offer %lld s clips "
		    "(allowed: 2 to 10)", r->seconds);
		return -1;
	}
	if (r->size != NULL && api_parse_size(r->size, &w, &h) != 0) {
		*cause = xasprintf("bad size '%s' (want WxH, such as "
		    "1280x720)", r->size);
		return -1;
	}
	return 0;
}

static void
runway_headers(const struct api_cfg *cfg, struct http_req *hr)
{
	api_bearer(cfg, hr);
	http_req_header(hr, "X-Runway-Version: %s", cfg->version != NULL ?
	    cfg->version : RUNWAY_VERSION);
}

static int
runway_submit_req(const struct api_cfg *cfg, const struct api_req *r,
    struct http_req *hr, char **cause)
{
	cJSON		*j;
	char		*url, *ratio;
	long long	 w = 1280, h = 720;

	(void)cause;
	if (r->size != NULL)
		api_parse_size(r->size, &w, &h);
	url = xasprintf("%s/v1/%s", cfg->base_url, r->image != NULL ?
	    "image_to_video" : "text_to_video");
	http_req_init(hr, "POST", url);
	free(url);
	runway_headers(cfg, hr);
	j = cJSON_CreateObject();
	if (r->model != NULL)
		cJSON_AddStringToObject(j, "model", r->model);
	cJSON_AddStringToObject(j, "promptText", r->prompt);
	if (r->image != NULL)
		cJSON_AddStringToObject(j, "promptImage", r->image);
	ratio = xasprintf("%lld:%lld", w, h);
	cJSON_AddStringToObject(j, "ratio", ratio);
	free(ratio);
	cJSON_AddNumberToObject(j, "duration", (double)r->seconds);
	hr->body = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (hr->body == NULL)
		fatal("out of memory");
	return 0;
}

static enum api_state
runway_state(const char *s)
{
	if (strcmp(s, "PENDING") == 0 || strcmp(s, "THROTTLED") == 0)
		return API_QUEUED;
	if (strcmp(s, "RUNNING") == 0)
		return API_RUNNING;
	if (strcmp(s, "SUCCEEDED") == 0)
		return API_SUCCEEDED;
	if (strcmp(s, "FAILED") == 0)
		return API_FAILED;
	if (strcmp(s, "CANCELLED") == 0)
		return API_CANCELLED;
	return API_UNKNOWN;
}

static int
runway_job_resp(const struct http_resp *rs, struct api_job *job,
    char **cause)
{
	const cJSON	*out, *first;
	cJSON		*j;
	double		 p;

	memset(job, 0, sizeof *job);
	job->progress = -1;
	job->expires_at = -1;
	j = json_parse(rs->body, rs->len, cause);
	if (j == NULL)
		return -1;
	if (json_str(j, "id", &job->remote_id) != 1 ||
	    job->remote_id[0] == '\0' || job->remote_id[strspn(job->remote_id,
	    "0123456789abcdefABCDEF-")] != '\0') {
		cJSON_Delete(j);
		api_job_free(job);
		*cause = xstrdup("the answer has no task id");
		return -1;
	}
	/* A create answer holds only the id. */
	if (json_str(j, "status", &job->raw_status) != 1)
		job->raw_status = xstrdup("PENDING");
	job->state = runway_state(job->raw_status);
	if (json_num(j, "progress", &p) == 1 && p >= 0 && p <= 1)
		job->progress = (long long)(p * 100 + 0.5);
	if (job->state == API_SUCCEEDED)
		job->progress = 100;
	json_str(j, "failureCode", &job->err_code);
	json_str(j, "failure", &job->err_message);
	out = json_obj(j, "output");
	if (out != NULL && cJSON_IsArray(out)) {
		first = cJSON_GetArrayItem(out, 0);
		if (cJSON_IsString(first) && first->valuestring != NULL)
			job->asset_url = xstrdup(first->valuestring);
	}
	cJSON_Delete(j);
	if (job->state == API_SUCCEEDED && job->asset_url == NULL) {
		api_job_free(job);
		*cause = xstrdup("the task succeeded without an output URL");
		return -1;
	}
	return 0;
}

static int
runway_poll_req(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	char	*url;

	(void)cause;
	url = xasprintf("%s/v1/tasks/%s", cfg->base_url, id);
	http_req_init(hr, "GET", url);
	free(url);
	runway_headers(cfg, hr);
	return 0;
}

static int
runway_download_req(const struct api_cfg *cfg, const struct api_job *job,
    const char *variant, struct http_req *hr, char **cause)
{
	(void)cfg;
	/* Output URLs are signed: no credentials go with them. */
	return api_asset_req(job, variant, "the task has no output URL", hr,
	    cause);
}

static int
runway_cancel_req(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	char	*url;

	(void)cause;
	url = xasprintf("%s/v1/tasks/%s", cfg->base_url, id);
	http_req_init(hr, "DELETE", url);
	free(url);
	runway_headers(cfg, hr);
	return 0;
}

static void
runway_error(const struct http_resp *rs, char **code, char **message)
{
	cJSON	*j;

	j = json_error_answer(rs, code, message);
	if (j == NULL)
		return;
	json_str(j, "error", message);
	json_str(j, "code", code);
	cJSON_Delete(j);
}

const struct api_ops api_runway_ops = {
	.name = "runway",
	.kind = API_KIND_HTTP,
	.key_env = "RUNWAYML_API_SECRET",
	.base_env = "RUNWAYML_BASE_URL",
	.base_default = "https://api.dev.runwayml.com",
	.model_default = "gen4_turbo",
	.seconds_default = 5,
	.size_default = "1280x720",
	.models = runway_models,
	.check = runway_check,
	.submit_req = runway_submit_req,
	.job_resp = runway_job_resp,
	.poll_req = runway_poll_req,
	.download_req = runway_download_req,
	.cancel_req = runway_cancel_req,
	.list_req = NULL,
	.list_find = NULL,
	.error = runway_error,
};
