/* SPDX-License-Identifier: ISC */
/*
 * fal's queue: POST {base}/{model id} with the model's JSON input, then
 * GET {base}/{app}/requests/{id}/status (IN_QUEUE, IN_PROGRESS,
 * COMPLETED), then GET {base}/{app}/requests/{id} for the result, whose
 * video URL is downloaded without credentials; PUT .../cancel cancels.
 * The remote id is "{app}/requests/{id}", app being the model's first
 * two path segments as the server's status_url names them: only its
 * path is used, checked character by character, and always under the
 * configured base, so the key never goes to a host the server names.
 */
#include "config.h"

#include "api/api-fal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "api/http.h"
#include "api/json.h"

#define FAL_ID_CHARS	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" \
			"0123456789._-"

/* What fal's model pages document about a model's input. */
struct fal_model {
	const char		*id;
	const char *const	*durations;	/* NULL: 1 to 10 s */
	const char		*dur_fmt;	/* NULL: num_frames at 16 fps */
	const char *const	*ratios;	/* NULL: none sent */
	const char *const	*resolutions;	/* NULL: none sent */
};

static const char *const fal_d5_10[] = { "5", "10", NULL };
static const char *const fal_d6_10[] = { "6", "10", NULL };
static const char *const fal_d4_8[] = { "4", "6", "8", NULL };
static const char *const fal_r3[] = { "16:9", "9:16", "1:1", NULL };
static const char *const fal_r2[] = { "16:9", "9:16", NULL };
static const char *const fal_veo_res[] = { "720p", "1080p", NULL };
static const char *const fal_wan_res[] = { "480p", "580p", "720p", NULL };

static const struct fal_model fal_table[] = {
	{ "fal-ai/kling-video/v2.1/master/text-to-video", fal_d5_10, "%lld",
	    fal_r3, NULL },
	{ "fal-ai/veo3", fal_d4_8, "%llds", fal_r2, fal_veo_res },
	{ "fal-ai/veo3/fast", fal_d4_8, "%llds", fal_r2, fal_veo_res },
	{ "fal-ai/wan/v2.2-a14b/text-to-video", NULL, NULL, fal_r3,
	    fal_wan_res },
	{ "fal-ai/minimax/hailuo-02/standard/text-to-video", fal_d6_10,
	    "%lld", NULL, NULL },
};

static const char *const fal_models[] = {
	"fal-ai/kling-video/v2.1/master/text-to-video",
	"fal-ai/veo3",
	"fal-ai/veo3/fast",
	"fal-ai/wan/v2.2-a14b/text-to-video",
	"fal-ai/minimax/hailuo-02/standard/text-to-video",
	NULL
};

static const struct fal_model *
fal_lookup(const char *model)
{
	size_t	 i;

	for (i = 0; i < sizeof fal_table / sizeof fal_table[0]; i++) {
		if (model != NULL && strcmp(fal_table[i].id, model) == 0)
			return &fal_table[i];
	}
	return NULL;
}

static int
fal_in(const char *const *list, const char *v)
{
	int	 i;

	for (i = 0; list[i] != NULL; i++) {
		if (strcmp(list[i], v) == 0)
			return 1;
	}
	return 0;
}

static char *
fal_join(const char *const *list)
{
	struct buf	 b;
	int		 i;

	buf_init(&b);
	buf_adds(&b, "");
	for (i = 0; list[i] != NULL; i++)
		buf_addf(&b, "%s%s", i > 0 ? ", " : "", list[i]);
	return buf_detach(&b);
}

/* Whether s is a usable model id: path segments of FAL_ID_CHARS, none
 * empty, "." or "..". */
static int
fal_model_ok(const char *s)
{
	const char	*p, *seg;
	size_t		 n;

	if (s == NULL || *s == '\0' || strlen(s) > 200)
		return 0;
	for (p = s;;) {
		seg = p;
		n = strspn(p, FAL_ID_CHARS);
		p += n;
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		if (*p == '\0')
			return 1;
		if (*p != '/')
			return 0;
		p++;
	}
}

/* The ratio of w:h in list, allowing 3% for sizes such as 832x480. */
static const char *
fal_ratio(const char *const *list, long long w, long long h)
{
	long long	 a, b, d;
	int		 i;

	for (i = 0; list[i] != NULL; i++) {
		if (sscanf(list[i], "%lld:%lld", &a, &b) != 2)
			continue;
		d = w * b - h * a;
		if (d < 0)
			d = -d;
		if (d * 100 <= h * a * 3)
			return list[i];
	}
	return NULL;
}

static int
fal_check(const struct api_req *r, char **cause)
{
	const struct fal_model	*m;
	char			 secs[32], res[32], *allowed;
	long long		 w = 1280, h = 720;

	if (r->model != NULL && !fal_model_ok(r->model)) {
		*cause = xasprintf("'%s' is not a fal model id (such as "
		    "fal-ai/veo3)", r->model);
		return -1;
	}
	if (r->size != NULL && api_parse_size(r->size, &w, &h) != 0) {
		*cause = xasprintf("bad size '%s' (want WxH, such as "
		    "1280x720)", r->size);
		return -1;
	}
	m = fal_lookup(r->model);
	if (m == NULL) {
		if (r->seconds < 1 || r->seconds > 60) {
			*cause = xasprintf("fal takes 1 to 60 seconds, not "
			    "%lld", r->seconds);
			return -1;
		}
		return 0;
	}
	snprintf(secs, sizeof secs, "%lld", r->seconds);
	if (m->durations != NULL && !fal_in(m->durations, secs)) {
		allowed = fal_join(m->durations);
		*cause = xasprintf("%s does not offer %lld s clips (allowed: "
		    "%s)", m->id, r->seconds, allowed);
		free(allowed);
		return -1;
	}
	if (m->durations == NULL && (r->seconds < 1 || r->seconds > 10)) {
		*cause = xasprintf("%s does not offer %lld s clips (allowed: "
		    "1 to 10)", m->id, r->seconds);
		return -1;
	}
	if (m->ratios != NULL && fal_ratio(m->ratios, w, h) == NULL) {
		allowed = fal_join(m->ratios);
		*cause = xasprintf("%s does not offer the size %lldx%lld "
		    "(aspect ratios: %s)", m->id, w, h, allowed);
		free(allowed);
		return -1;
	}
	snprintf(res, sizeof res, "%lldp", w < h ? w : h);
	if (m->resolutions != NULL && !fal_in(m->resolutions, res)) {
		allowed = fal_join(m->resolutions);
		*cause = xasprintf("%s does not offer the size %lldx%lld "
		    "(resolutions: %s)", m->id, w, h, allowed);
		free(allowed);
		return -1;
	}
	return 0;
}

static void
fal_auth(const struct api_cfg *cfg, struct http_req *hr)
{
	if (cfg->key != NULL)
		hr->auth = xasprintf("Authorization: Key %s", cfg->key);
}

static int
fal_submit_req(const struct api_cfg *cfg, const struct api_req *r,
    struct http_req *hr, char **cause)
{
	static const char *const common[] = { "16:9", "9:16", "1:1", NULL };
	const struct fal_model	*m;
	const char		*model, *ratio;
	cJSON			*j;
	char			*url, v[32];
	long long		 w = 1280, h = 720, frames;

	model = r->model != NULL ? r->model : api_fal_ops.model_default;
	if (!fal_model_ok(model)) {
		*cause = xasprintf("'%s' is not a fal model id", model);
		return -1;
	}
	if (r->size != NULL)
		api_parse_size(r->size, &w, &h);
	m = fal_lookup(model);
	url = xasprintf("%s/%s", cfg->base_url, model);
	http_req_init(hr, "POST", url);
	free(url);
	fal_auth(cfg, hr);
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "prompt", r->prompt);
	if (m != NULL && m->dur_fmt == NULL) {
		frames = r->seconds * 16 + 1;
		if (frames < 17)
			frames = 17;
		if (frames > 161)
			frames = 161;
		cJSON_AddNumberToObject(j, "num_frames", (double)frames);
		cJSON_AddNumberToObject(j, "frames_per_second", 16);
	} else {
		snprintf(v, sizeof v, m != NULL ? m->dur_fmt : "%lld",
		    r->seconds);
		cJSON_AddStringToObject(j, "duration", v);
	}
	ratio = fal_ratio(m != NULL && m->ratios != NULL ? m->ratios :
	    common, w, h);
	if (ratio != NULL && (m == NULL || m->ratios != NULL))
		cJSON_AddStringToObject(j, "aspect_ratio", ratio);
	if (m != NULL && m->resolutions != NULL) {
		snprintf(v, sizeof v, "%lldp", w < h ? w : h);
		cJSON_AddStringToObject(j, "resolution", v);
	}
	hr->body = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (hr->body == NULL)
		fatal("out of memory");
	return 0;
}

/*
 * The remote id "{owner}/{app}/requests/{id}" from a status or response
 * URL the server gave (only its path is read), checking that id, when
 * not NULL, is the request it names. 0 with *out, or -1.
 */
int
api_fal_remote(const char *url, const char *id, char **out)
{
	const char	*p, *req, *end, *a;
	char		*app, *rid;
	size_t		 n;
	int		 slashes = 0;

	*out = NULL;
	p = strstr(url, "://");
	if (p == NULL)
		return -1;
	p = strchr(p + 3, '/');
	if (p == NULL)
		return -1;
	req = strstr(p, "/requests/");
	if (req == NULL)
		return -1;
	/* The two path segments before "/requests/". */
	for (a = req; a > p; a--) {
		if (a[-1] == '/' && ++slashes == 2)
			break;
	}
	if (slashes != 2)
		return -1;
	end = req + 10;
	n = strspn(end, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-");
	if (n == 0 || n > 100 || (end[n] != '\0' && end[n] != '/' &&
	    end[n] != '?'))
		return -1;
	app = xstrndup(a, (size_t)(req - a));
	rid = xstrndup(end, n);
	if (!fal_model_ok(app) || (id != NULL && strcmp(id, rid) != 0)) {
		free(app);
		free(rid);
		return -1;
	}
	*out = xasprintf("%s/requests/%s", app, rid);
	free(app);
	free(rid);
	return 0;
}

static enum api_state
fal_state(const char *s)
{
	if (strcmp(s, "IN_QUEUE") == 0)
		return API_QUEUED;
	if (strcmp(s, "IN_PROGRESS") == 0)
		return API_RUNNING;
	if (strcmp(s, "COMPLETED") == 0)
		return API_SUCCEEDED;
	if (strcmp(s, "FAILED") == 0 || strcmp(s, "ERROR") == 0)
		return API_FAILED;
	if (strcmp(s, "CANCELED") == 0 || strcmp(s, "CANCELLED") == 0)
		return API_CANCELLED;
	return API_UNKNOWN;
}

/* The remote id from the answer's URLs (status_url first). */
static int
fal_answer_remote(const cJSON *j, const char *id, char **out)
{
	static const char *const keys[] = { "status_url", "response_url",
	    "cancel_url", NULL };
	char	*url;
	int	 i, rv = -1;

	*out = NULL;
	for (i = 0; keys[i] != NULL && rv != 0; i++) {
		if (json_str(j, keys[i], &url) != 1)
			continue;
		rv = api_fal_remote(url, id, out);
		free(url);
	}
	return rv;
}

/* A submit answer ({request_id, status_url, ...}), a status answer
 * ({status, queue_position, error?}) or a result ({video: {url}}). */
static int
fal_job_resp(const struct http_resp *rs, struct api_job *job,
    char **cause)
{
	const cJSON	*v;
	cJSON		*j;
	char		*id = NULL;
	long long	 pos;

	memset(job, 0, sizeof *job);
	job->progress = -1;
	job->expires_at = -1;
	j = json_parse(rs->body, rs->len, cause);
	if (j == NULL)
		return -1;
	if (json_str(j, "request_id", &id) == 1) {
		if (fal_answer_remote(j, id, &job->remote_id) != 0) {
			free(id);
			cJSON_Delete(j);
			*cause = xstrdup("the answer has no usable "
			    "status_url for its request_id");
			return -1;
		}
		free(id);
		if (json_str(j, "status", &job->raw_status) != 1)
			job->raw_status = xstrdup("IN_QUEUE");
	} else if (json_str(j, "status", &job->raw_status) == 1)
		fal_answer_remote(j, NULL, &job->remote_id);
	else {
		/* The result of a completed request. */
		v = json_obj(j, "video");
		if (v != NULL)
			json_str(v, "url", &job->asset_url);
		cJSON_Delete(j);
		if (job->asset_url == NULL) {
			api_job_free(job);
			*cause = xstrdup("the result has no video URL");
			return -1;
		}
		job->raw_status = xstrdup("COMPLETED");
		job->state = API_SUCCEEDED;
		job->progress = 100;
		return 0;
	}
	job->state = fal_state(job->raw_status);
	if (job->state == API_QUEUED && json_ll(j, "queue_position",
	    &pos) == 1 && pos >= 0) {
		free(job->raw_status);
		job->raw_status = xasprintf("IN_QUEUE (position %lld)", pos);
	}
	/* A request whose app failed completes with an error. */
	if (json_str(j, "error", &job->err_message) == 1) {
		json_str(j, "error_type", &job->err_code);
		if (job->state == API_SUCCEEDED || job->state == API_UNKNOWN)
			job->state = API_FAILED;
	}
	if (job->state == API_SUCCEEDED)
		job->progress = 100;
	cJSON_Delete(j);
	return 0;
}

static int
fal_url_req(const struct api_cfg *cfg, const char *method, const char *id,
    const char *suffix, struct http_req *hr, char **cause)
{
	char	*url, *check;

	/* Stored ids were checked when read; check again before use. */
	check = xasprintf("https://x/%s", id);
	if (api_fal_remote(check, NULL, &url) != 0 || strcmp(url, id) != 0) {
		free(check);
		free(url);
		*cause = xstrdup("the stored fal request id is malformed");
		return -1;
	}
	free(check);
	free(url);
	url = xasprintf("%s/%s%s", cfg->base_url, id, suffix);
	http_req_init(hr, method, url);
	free(url);
	fal_auth(cfg, hr);
	return 0;
}

static int
fal_poll_req(const struct api_cfg *cfg, const char *id, struct http_req *hr,
    char **cause)
{
	return fal_url_req(cfg, "GET", id, "/status", hr, cause);
}

static int
fal_result_req(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	return fal_url_req(cfg, "GET", id, "", hr, cause);
}

static int
fal_cancel_req(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	return fal_url_req(cfg, "PUT", id, "/cancel", hr, cause);
}

static int
fal_download_req(const struct api_cfg *cfg, const struct api_job *job,
    const char *variant, struct http_req *hr, char **cause)
{
	(void)cfg;
	if (strcmp(variant, "video") != 0)
		return 1;
	if (job->asset_url == NULL) {
		*cause = xstrdup("the result has no video URL");
		return -1;
	}
	/* fal's media URLs need no credentials: none go with them. */
	http_req_init(hr, "GET", job->asset_url);
	return 0;
}

/* fal's errors: {"detail": "text"} or {"detail": [{"msg", "type"}]},
 * or {"error": "text", "error_type": ...}. */
static void
fal_error(const struct http_resp *rs, char **code, char **message)
{
	const cJSON	*d, *first;
	cJSON		*j;

	j = json_error_answer(rs, code, message);
	if (j == NULL)
		return;
	d = json_obj(j, "detail");
	if (d == NULL)
		json_str(j, "detail", message);
	else if (cJSON_IsArray(d)) {
		first = cJSON_GetArrayItem(d, 0);
		if (first != NULL) {
			json_str(first, "msg", message);
			json_str(first, "type", code);
		}
	}
	if (*message == NULL && json_str(j, "error", message) == 1)
		json_str(j, "error_type", code);
	cJSON_Delete(j);
}

const struct api_ops api_fal_ops = {
	.name = "fal",
	.kind = API_KIND_HTTP,
	.key_env = "FAL_KEY",
	.base_env = "FAL_BASE_URL",
	.base_default = "https://queue.fal.run",
	.model_default = "fal-ai/kling-video/v2.1/master/text-to-video",
	.seconds_default = 5,
	.size_default = "1280x720",
	.models = fal_models,
	.check = fal_check,
	.submit_req = fal_submit_req,
	.job_resp = fal_job_resp,
	.poll_req = fal_poll_req,
	.result_req = fal_result_req,
	.download_req = fal_download_req,
	.cancel_req = fal_cancel_req,
	.list_req = NULL,
	.list_find = NULL,
	.error = fal_error,
};
