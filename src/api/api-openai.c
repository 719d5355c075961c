/* SPDX-License-Identifier: ISC */
/*
 * OpenAI-style videos: POST /videos (multipart), GET /videos/{id},
 * GET /videos (list, for reconciliation), GET /videos/{id}/content with
 * variant=video|thumbnail, DELETE /videos/{id}. Pure functions: build a
 * request, parse an answer. seconds is sent as a string, as the API
 * wants; the key travels in Authorization, which http.c never forwards
 * to another host.
 */
#include "config.h"

#include "api/api-openai.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "api/api-util.h"
#include "api/http.h"
#include "api/json.h"

static const char *const openai_seconds[] = { "4", "8", "12", "16", "20",
    NULL };
static const char *const openai_sizes[] = { "720x1280", "1280x720",
    "1024x1792", "1792x1024", "1920x1080", "1080x1920", NULL };

static int
openai_in(const char *const *list, const char *v)
{
	int	 i;

	for (i = 0; list[i] != NULL; i++) {
		if (strcmp(list[i], v) == 0)
			return 1;
	}
	return 0;
}

static char *
openai_join(const char *const *list)
{
	char	*s = xstrdup(""), *t;
	int	 i;

	for (i = 0; list[i] != NULL; i++) {
		t = xasprintf("%s%s%s", s, i > 0 ? ", " : "", list[i]);
		free(s);
		s = t;
	}
	return s;
}

static const char *const openai_models[] = {
	"sora-2", "sora-2-pro", NULL
};

static int
openai_check(const struct api_req *r, char **cause)
{
	char	 secs[32], *allowed;
	int	 pro;

	snprintf(secs, sizeof secs, "%lld", r->seconds);
	if (!openai_in(openai_seconds, secs)) {
		allowed = openai_join(openai_seconds);
		*cause = xasprintf("openai does not offer %lld s clips "
		    "(allowed: %s)", r->seconds, allowed);
		free(allowed);
		return -1;
	}
	if (r->size == NULL)
		return 0;
	pro = r->model != NULL && strstr(r->model, "pro") != NULL;
	if (!openai_in(openai_sizes, r->size) || (!pro &&
	    strcmp(r->size, "1280x720") != 0 &&
	    strcmp(r->size, "720x1280") != 0)) {
		*cause = xasprintf("%s does not offer the size %s "
		    "(allowed: %s)", r->model != NULL ? r->model : "sora-2",
		    r->size, pro ? "720x1280, 1280x720, 1024x1792, "
		    "1792x1024, 1920x1080, 1080x1920" :
		    "1280x720, 720x1280");
		return -1;
	}
	return 0;
}

/* Whether a video id is safe in a URL path (letters, digits, _ - .). */
static int
openai_id_ok(const char *id)
{
	return id[0] != '\0' && strcmp(id, ".") != 0 && strcmp(id, "..") !=
	    0 && id[strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789_-.")] == '\0';
}

static int
openai_submit_req(const struct api_cfg *cfg, const struct api_req *r,
    struct http_req *hr, char **cause)
{
	cJSON	*j;
	char	*url, secs[32];

	if (r->remix_of != NULL) {
		/* POST /videos/{id}/remix {"prompt"}: the source's model,
		 * duration and size carry over. */
		if (!openai_id_ok(r->remix_of)) {
			*cause = xstrdup("the source video's id is malformed");
			return -1;
		}
		url = xasprintf("%s/videos/%s/remix", cfg->base_url,
		    r->remix_of);
		http_req_init(hr, "POST", url);
		free(url);
		api_bearer(cfg, hr);
		j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "prompt", r->prompt);
		hr->body = cJSON_PrintUnformatted(j);
		cJSON_Delete(j);
		if (hr->body == NULL)
			fatal("out of memory");
		return 0;
	}
	url = xasprintf("%s/videos", cfg->base_url);
	http_req_init(hr, "POST", url);
	free(url);
	api_bearer(cfg, hr);
	http_req_part(hr, "prompt", r->prompt);
	if (r->model != NULL)
		http_req_part(hr, "model", r->model);
	snprintf(secs, sizeof secs, "%lld", r->seconds);
	http_req_part(hr, "seconds", secs);
	if (r->size != NULL)
		http_req_part(hr, "size", r->size);
	return 0;
}

static enum api_state
openai_state(const char *s)
{
	if (strcmp(s, "queued") == 0)
		return API_QUEUED;
	if (strcmp(s, "in_progress") == 0)
		return API_RUNNING;
	if (strcmp(s, "completed") == 0)
		return API_SUCCEEDED;
	if (strcmp(s, "failed") == 0 || strcmp(s, "expired") == 0)
		return API_FAILED;
	if (strcmp(s, "canceled") == 0 || strcmp(s, "cancelled") == 0)
		return API_CANCELLED;
	return API_UNKNOWN;
}

/* Parse one video object. */
static int
openai_video(const cJSON *o, struct api_job *job, char **cause)
{
	const cJSON	*e;
	long long	 v;

	memset(job, 0, sizeof *job);
	job->progress = -1;
	job->expires_at = -1;
	if (json_str(o, "id", &job->remote_id) != 1 ||
	    json_str(o, "status", &job->raw_status) != 1) {
		api_job_free(job);
		*cause = xstrdup("the answer has no video id or status");
		return -1;
	}
	if (!openai_id_ok(job->remote_id)) {
		api_job_free(job);
		*cause = xstrdup("the answer has a malformed video id");
		return -1;
	}
	job->state = openai_state(job->raw_status);
	if (json_ll(o, "progress", &v) == 1 && v >= 0 && v <= 100)
		job->progress = v;
	if (json_ll(o, "expires_at", &v) == 1 && v > 0)
		job->expires_at = v;
	e = json_obj(o, "error");
	if (e != NULL) {
		json_str(e, "code", &job->err_code);
		json_str(e, "message", &job->err_message);
	}
	return 0;
}

static int
openai_job_resp(const struct http_resp *rs, struct api_job *job,
    char **cause)
{
	cJSON	*j;
	int	 rv;

	j = json_parse(rs->body, rs->len, cause);
	if (j == NULL)
		return -1;
	rv = openai_video(j, job, cause);
	cJSON_Delete(j);
	return rv;
}

static int
openai_poll_req(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	char	*url;

	(void)cause;
	url = xasprintf("%s/videos/%s", cfg->base_url, id);
	http_req_init(hr, "GET", url);
	free(url);
	api_bearer(cfg, hr);
	return 0;
}

static int
openai_download_req(const struct api_cfg *cfg, const struct api_job *job,
    const char *variant, struct http_req *hr, char **cause)
{
	char	*url;

	(void)cause;
	url = xasprintf("%s/videos/%s/content?variant=%s", cfg->base_url,
	    job->remote_id, variant);
	http_req_init(hr, "GET", url);
	free(url);
	api_bearer(cfg, hr);
	http_req_header(hr, "Accept: application/binary");
	return 0;
}

static int
openai_cancel_req(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	char	*url;

	(void)cause;
	url = xasprintf("%s/videos/%s", cfg->base_url, id);
	http_req_init(hr, "DELETE", url);
	free(url);
	api_bearer(cfg, hr);
	return 0;
}

static int
openai_list_req(const struct api_cfg *cfg, struct http_req *hr,
    char **cause)
{
	char	*url;

	(void)cause;
	url = xasprintf("%s/videos?order=desc&limit=100", cfg->base_url);
	http_req_init(hr, "GET", url);
	free(url);
	api_bearer(cfg, hr);
	return 0;
}

/* Find the skip-th job that could be r's (same prompt and model,
 * created at or after since) in a list answer: 1 with *id, 0 none, -1
 * malformed. */
static int
openai_list_find(const struct http_resp *rs, const struct api_req *r,
    long long since, int skip, char **id, char **cause)
{
	const cJSON	*data, *v;
	cJSON		*j;
	char		*prompt, *model;
	long long	 created;
	int		 found = 0;

	*id = NULL;
	j = json_parse(rs->body, rs->len, cause);
	if (j == NULL)
		return -1;
	data = json_obj(j, "data");
	if (data == NULL || !cJSON_IsArray(data)) {
		cJSON_Delete(j);
		*cause = xstrdup("the list answer has no data");
		return -1;
	}
	cJSON_ArrayForEach(v, data) {
		if (found)
			break;
		if (json_str(v, "prompt", &prompt) != 1)
			continue;
		json_str(v, "model", &model);
		if (json_ll(v, "created_at", &created) != 1)
			created = since;
		if (strcmp(prompt, r->prompt) == 0 && created >= since &&
		    (r->model == NULL || model == NULL ||
		    strcmp(model, r->model) == 0) && skip-- == 0 &&
		    json_str(v, "id", id) == 1)
			found = 1;
		free(prompt);
		free(model);
	}
	cJSON_Delete(j);
	return found;
}

static void
openai_error(const struct http_resp *rs, char **code, char **message)
{
	const cJSON	*e;
	cJSON		*j;

	j = json_error_answer(rs, code, message);
	if (j == NULL)
		return;
	e = json_obj(j, "error");
	if (e != NULL) {
		json_str(e, "code", code);
		if (*code == NULL)
			json_str(e, "type", code);
		json_str(e, "message", message);
	}
	cJSON_Delete(j);
}

const struct api_ops api_openai_ops = {
	.name = "openai",
	.kind = API_KIND_HTTP,
	.key_env = "OPENAI_API_KEY",
	.base_env = "OPENAI_BASE_URL",
	.base_default = "https://api.openai.com/v1",
	.model_default = "sora-2",
	.seconds_default = 4,
	.size_default = "1280x720",
	.models = openai_models,
	.remix = 1,
	.check = openai_check,
	.submit_req = openai_submit_req,
	.job_resp = openai_job_resp,
	.poll_req = openai_poll_req,
	.download_req = openai_download_req,
	.cancel_req = openai_cancel_req,
	.list_req = openai_list_req,
	.list_find = openai_list_find,
	.error = openai_error,
};
