/* SPDX-License-Identifier: ISC */
/*
 * Replicate's predictions: POST /v1/models/{owner}/{name}/predictions
 * (or POST /v1/predictions with a version, for "owner/name:version"),
 * GET /v1/predictions/{id} to poll (starting, processing, succeeded,
 * failed, canceled), GET /v1/predictions to find an unanswered
 * submission again, POST /v1/predictions/{id}/cancel. Inputs differ from
 * model to model, so only the prompt is sent, with a duration for the
 * models known to take one; progress comes from a "45%|" in the logs.
 * Outputs (a URL or a list of them) are fetched without credentials and
 * deleted by Replicate an hour after the prediction was created.
 */
#include "config.h"

#include "api/api-replicate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "api/api-util.h"
#include "api/http.h"
#include "api/json.h"

#define REPLICATE_NAME_CHARS	"abcdefghijklmnopqrstuvwxyz" \
				"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"
#define REPLICATE_ID_CHARS	"abcdefghijklmnopqrstuvwxyz0123456789"
#define REPLICATE_VERSION_CHARS	"0123456789abcdef"
#define REPLICATE_TTL		3600

/*
 * The video models whose inputs takeboard knows (from their pages on
 * replicate.com): the durations they make, and whether the request
 * names one ("duration") or the model has a single length.
 */
static const struct {
	const char	*model;
	long long	 seconds[3];	/* 0-ended */
	int		 send;
} replicate_known[] = {
	{ "google/veo-3", { 8 }, 0 },
	{ "google/veo-3-fast", { 8 }, 0 },
	{ "kwaivgi/kling-v2.1-master", { 5, 10 }, 1 },
	{ "minimax/video-01", { 6 }, 0 },
	{ "wan-video/wan-2.2-t2v-fast", { 5 }, 0 },
};

static const char *const replicate_models[] = {
	"google/veo-3", "google/veo-3-fast", "kwaivgi/kling-v2.1-master",
	"minimax/video-01", "wan-video/wan-2.2-t2v-fast", NULL
};

/* The known model of "owner/name[:version]", or -1. */
static int
replicate_find(const char *model)
{
	size_t	 i, n;

	n = strcspn(model, ":");
	for (i = 0; i < sizeof replicate_known / sizeof replicate_known[0];
	    i++) {
		if (strlen(replicate_known[i].model) == n &&
		    strncmp(replicate_known[i].model, model, n) == 0)
			return (int)i;
	}
	return -1;
}

/* Whether model is "owner/name" or "owner/name:version" (1) or not. */
static int
replicate_model_ok(const char *model)
{
	const char	*slash, *colon;
	size_t		 n;

	slash = strchr(model, '/');
	if (slash == NULL || slash == model)
		return 0;
	colon = strchr(slash, ':');
	n = colon != NULL ? (size_t)(colon - model) : strlen(model);
	if (n > 200 || strspn(model, REPLICATE_NAME_CHARS) !=
	    (size_t)(slash - model) || slash[1] == '\0' ||
	    strspn(slash + 1, REPLICATE_NAME_CHARS) != n -
	    (size_t)(slash - model) - 1 || slash[1] == '.')
		return 0;
	return colon == NULL || api_id_ok(colon + 1,
	    REPLICATE_VERSION_CHARS, 64);
}

static int
replicate_check(const struct api_req *r, char **cause)
{
	const long long	*secs;
	int		 k;

	if (r->model == NULL || !replicate_model_ok(r->model)) {
		*cause = xasprintf("replicate needs a model such as "
		    "minimax/video-01 or owner/name:version (got '%s')",
		    r->model != NULL ? r->model : "none");
		return -1;
	}
	k = replicate_find(r->model);
	if (k < 0)
		return 0;
	secs = replicate_known[k].seconds;
	if (r->seconds != secs[0] && (secs[1] == 0 || r->seconds != secs[1])) {
		if (secs[1] != 0)
			*cause = xasprintf("%s does not offer %lld s clips "
			    "(allowed: %lld, %lld)", replicate_known[k].model,
			    r->seconds, secs[0], secs[1]);
		else
			*cause = xasprintf("%s does not offer %lld s clips "
			    "(allowed: %lld)", replicate_known[k].model,
			    r->seconds, secs[0]);
		return -1;
	}
	return 0;
}

/* A request to path under the base URL, with the key. */
static void
replicate_req(const struct api_cfg *cfg, const char *method,
    const char *path, struct http_req *hr)
{
	char	*url;

	url = xasprintf("%s%s", cfg->base_url, path);
	http_req_init(hr, method, url);
	free(url);
	api_bearer(cfg, hr);
}

static int
replicate_submit_req(const struct api_cfg *cfg, const struct api_req *r,
    struct http_req *hr, char **cause)
{
	cJSON		*j, *in;
	const char	*colon;
	char		*path;
	int		 k;

	if (replicate_check(r, cause) != 0)
		return -1;
	j = cJSON_CreateObject();
	colon = strchr(r->model, ':');
	if (colon != NULL) {
		replicate_req(cfg, "POST", "/v1/predictions", hr);
		cJSON_AddStringToObject(j, "version", colon + 1);
	} else {
		path = xasprintf("/v1/models/%s/predictions", r->model);
		replicate_req(cfg, "POST", path, hr);
		free(path);
	}
	in = cJSON_AddObjectToObject(j, "input");
	cJSON_AddStringToObject(in, "prompt", r->prompt);
	k = replicate_find(r->model);
	if (k >= 0 && replicate_known[k].send)
		cJSON_AddNumberToObject(in, "duration", (double)r->seconds);
	hr->body = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (hr->body == NULL)
		fatal("out of memory");
	return 0;
}

static enum api_state
replicate_state(const char *s)
{
	if (strcmp(s, "starting") == 0)
		return API_QUEUED;
	if (strcmp(s, "processing") == 0)
		return API_RUNNING;
	if (strcmp(s, "succeeded") == 0)
		return API_SUCCEEDED;
	if (strcmp(s, "failed") == 0)
		return API_FAILED;
	if (strcmp(s, "canceled") == 0 || strcmp(s, "cancelled") == 0)
		return API_CANCELLED;
	return API_UNKNOWN;
}

/*
 * The last percentage of a progress bar in a prediction's logs ("45%|",
 * as tqdm prints it), 0..100, or -1 when there is none.
 */
long long
replicate_progress(const char *logs)
{
	const char	*p, *d;
	long long	 v, best = -1;

	if (logs == NULL)
		return -1;
	for (p = strstr(logs, "%|"); p != NULL; p = strstr(p + 2, "%|")) {
		d = p;
		while (d > logs && d[-1] >= '0' && d[-1] <= '9' && p - d < 3)
			d--;
		if (d == p)
			continue;
		v = 0;
		for (; d < p; d++)
			v = v * 10 + (*d - '0');
		if (v <= 100)
			best = v;
	}
	return best;
}

/* The first URL of an output: a string, or a list holding strings. */
static char *
replicate_output(const cJSON *j)
{
	const cJSON	*out, *v;

	out = cJSON_GetObjectItemCaseSensitive(j, "output");
	if (cJSON_IsString(out) && out->valuestring != NULL)
		return xstrdup(out->valuestring);
	if (!cJSON_IsArray(out))
		return NULL;
	cJSON_ArrayForEach(v, out) {
		if (cJSON_IsString(v) && v->valuestring != NULL)
			return xstrdup(v->valuestring);
	}
	return NULL;
}

static int
replicate_job_resp(const struct http_resp *rs, struct api_job *job,
    char **cause)
{
	cJSON		*j;
	char		*logs, *created;
	long long	 t;

	memset(job, 0, sizeof *job);
	job->progress = -1;
	job->expires_at = -1;
	j = json_parse(rs->body, rs->len, cause);
	if (j == NULL)
		return -1;
	if (json_str(j, "id", &job->remote_id) != 1 ||
	    !api_id_ok(job->remote_id, REPLICATE_ID_CHARS, 64) ||
	    json_str(j, "status", &job->raw_status) != 1) {
		cJSON_Delete(j);
		api_job_free(job);
		*cause = xstrdup("the answer has no prediction id or status");
		return -1;
	}
	job->state = replicate_state(job->raw_status);
	json_str(j, "error", &job->err_message);
	if (json_str(j, "logs", &logs) == 1)
		job->progress = replicate_progress(logs);
	free(logs);
	if (json_str(j, "created_at", &created) == 1 &&
	    api_iso_time(created, &t) == 0)
		job->expires_at = t + REPLICATE_TTL;
	free(created);
	if (job->state == API_SUCCEEDED) {
		job->progress = 100;
		job->asset_url = replicate_output(j);
	}
	cJSON_Delete(j);
	if (job->state == API_SUCCEEDED && job->asset_url == NULL) {
		api_job_free(job);
		*cause = xstrdup("the prediction succeeded without an output "
		    "URL (Replicate deletes outputs after an hour)");
		return -1;
	}
	return 0;
}

/* A request about prediction id, whose path ends with suffix. */
static int
replicate_id_req(const struct api_cfg *cfg, const char *method,
    const char *id, const char *suffix, struct http_req *hr, char **cause)
{
	char	*path;

	if (!api_id_ok(id, REPLICATE_ID_CHARS, 64)) {
		*cause = xstrdup("replicate: a malformed prediction id");
		return -1;
	}
	path = xasprintf("/v1/predictions/%s%s", id, suffix);
	replicate_req(cfg, method, path, hr);
	free(path);
	return 0;
}

static int
replicate_poll_req(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	return replicate_id_req(cfg, "GET", id, "", hr, cause);
}

static int
replicate_cancel_req(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	if (replicate_id_req(cfg, "POST", id, "/cancel", hr, cause) != 0)
		return -1;
	hr->body = xstrdup("{}");
	return 0;
}

static int
replicate_download_req(const struct api_cfg *cfg, const struct api_job *job,
    const char *variant, struct http_req *hr, char **cause)
{
	(void)cfg;
	/* Output files are served without credentials. */
	return api_asset_req(job, variant, "the prediction has no output URL",
	    hr, cause);
}

static int
replicate_list_req(const struct api_cfg *cfg, struct http_req *hr,
    char **cause)
{
	(void)cause;
	replicate_req(cfg, "GET", "/v1/predictions", hr);
	return 0;
}

/* Whether a listed prediction's model and version are r's model. */
static int
replicate_same_model(const cJSON *v, const char *model)
{
	char		*m = NULL, *ver = NULL;
	const char	*colon;
	size_t		 n;
	int		 same;

	json_str(v, "model", &m);
	json_str(v, "version", &ver);
	colon = strchr(model, ':');
	n = colon != NULL ? (size_t)(colon - model) : strlen(model);
	same = m == NULL || (strlen(m) == n && strncmp(m, model, n) == 0);
	if (same && colon != NULL && ver != NULL)
		same = strcmp(ver, colon + 1) == 0;
	free(m);
	free(ver);
	return same;
}

/* Whether a listed prediction could be r's: the same prompt and model,
 * created at or after since (api_list_find). A listing without inputs
 * matches nothing. */
static int
replicate_list_match(const cJSON *v, const struct api_req *r,
    long long since)
{
	char		*prompt, *created = NULL;
	long long	 t;
	int		 same;

	if (json_str(json_obj(v, "input"), "prompt", &prompt) != 1)
		return 0;
	json_str(v, "created_at", &created);
	if (api_iso_time(created, &t) != 0)
		t = since;
	same = strcmp(prompt, r->prompt) == 0 && t >= since &&
	    (r->model == NULL || replicate_same_model(v, r->model));
	free(prompt);
	free(created);
	return same;
}

/* Find the skip-th prediction that could be r's in a list answer: 1
 * with *id, 0 none, -1 malformed. */
static int
replicate_list_find(const struct http_resp *rs, const struct api_req *r,
    long long since, int skip, char **id, char **cause)
{
	return api_list_find(rs, "results", REPLICATE_ID_CHARS,
	    replicate_list_match, r, since, skip, id, cause);
}

static void
replicate_error(const struct http_resp *rs, char **code, char **message)
{
	cJSON	*j;

	j = json_error_answer(rs, code, message);
	if (j == NULL)
		return;
	json_str(j, "title", code);
	json_str(j, "detail", message);
	cJSON_Delete(j);
}

const struct api_ops api_replicate_ops = {
	.name = "replicate",
	.kind = API_KIND_HTTP,
	.key_env = "REPLICATE_API_TOKEN",
	.base_env = "REPLICATE_BASE_URL",
	.base_default = "https://api.replicate.com",
	.model_default = "minimax/video-01",
	.seconds_default = 6,
	.size_default = NULL,
	.models = replicate_models,
	.check = replicate_check,
	.submit_req = replicate_submit_req,
	.job_resp = replicate_job_resp,
	.poll_req = replicate_poll_req,
	.download_req = replicate_download_req,
	.cancel_req = replicate_cancel_req,
	.list_req = replicate_list_req,
	.list_find = replicate_list_find,
	.error = replicate_error,
};
