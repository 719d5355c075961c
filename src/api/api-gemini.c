/* SPDX-License-Identifier: ISC */
/*
 * Google's Gemini API (Veo): POST /v1beta/models/{model}:predictLongRunning
 * answers a long-running Operation whose name (a path) is the remote id;
 * GET /v1beta/{name} polls it. A finished operation holds an error, a
 * video URI (downloaded with the key, which http.c keeps off any other
 * host a redirect leads to) or, when safety filters removed the video,
 * only the filter's reasons. The Gemini API documents neither a listing
 * nor a cancel of these operations, so both stay unset.
 */
#include "config.h"

#include "api/api-gemini.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "api/api-util.h"
#include "api/http.h"
#include "api/json.h"

#define GEMINI_NAME_CHARS	"abcdefghijklmnopqrstuvwxyz0123456789.-"
#define GEMINI_ID_CHARS		"ABCDEFGHIJKLMNOPQRSTUVWXYZ" \
				"abcdefghijklmnopqrstuvwxyz0123456789_-"

/* The Veo models of the Gemini API's video documentation. */
static const char *const gemini_models[] = {
	"veo-3.1-generate-preview", "veo-3.1-fast-generate-preview",
	"veo-3.0-generate-001", "veo-3.0-fast-generate-001",
	"veo-2.0-generate-001", NULL
};

static int
gemini_veo2(const char *model)
{
	return model != NULL && strncmp(model, "veo-2.", 6) == 0;
}

/*
 * Whether name is an operation name as the Gemini API gives them,
 * "models/MODEL/operations/ID", with nothing else in it (1), or not (0):
 * it goes into the poll URL as a path.
 */
int
gemini_operation_ok(const char *name)
{
	const char	*p, *slash;
	size_t		 n;

	if (name == NULL || strlen(name) > 200 ||
	    strncmp(name, "models/", 7) != 0)
		return 0;
	p = name + 7;
	slash = strchr(p, '/');
	if (slash == NULL)
		return 0;
	n = (size_t)(slash - p);
	if (n == 0 || strspn(p, GEMINI_NAME_CHARS) != n || *p == '.')
		return 0;
	p = slash;
	if (strncmp(p, "/operations/", 12) != 0)
		return 0;
	return api_id_ok(p + 12, GEMINI_ID_CHARS, 100);
}

/* The aspect ratio and resolution of a size; 0, or -1. */
static int
gemini_size(const char *size, const char **ratio, const char **res)
{
	static const struct {
		const char	*size, *ratio, *res;
	} sizes[] = {
		{ "1280x720", "16:9", "720p" },
		{ "720x1280", "9:16", "720p" },
		{ "1920x1080", "16:9", "1080p" },
		{ "1080x1920", "9:16", "1080p" },
	};
	size_t	 i;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		if (strcmp(sizes[i].size, size) == 0) {
			*ratio = sizes[i].ratio;
			*res = sizes[i].res;
			return 0;
		}
	}
	return -1;
}

static int
gemini_check(const struct api_req *r, char **cause)
{
	const char	*model, *ratio = "16:9", *res = "720p";

	model = r->model != NULL ? r->model : "veo-3.1-generate-preview";
	if (!api_id_ok(model, GEMINI_NAME_CHARS, 100)) {
		*cause = xasprintf("bad gemini model name '%s' (lower-case "
		    "letters, digits, '.' and '-' only)", model);
		return -1;
	}
	if (gemini_veo2(model) && (r->seconds < 5 || r->seconds > 8)) {
		*cause = xasprintf("%s does not offer %lld s clips "
		    "(allowed: 5 to 8)", model, r->seconds);
		return -1;
	}
	if (!gemini_veo2(model) && r->seconds != 4 && r->seconds != 6 &&
	    r->seconds != 8) {
		*cause = xasprintf("%s does not offer %lld s clips "
		    "(allowed: 4, 6, 8)", model, r->seconds);
		return -1;
	}
	if (r->size != NULL && gemini_size(r->size, &ratio, &res) != 0) {
		*cause = xasprintf("gemini does not offer the size %s "
		    "(allowed: 1280x720, 720x1280%s)", r->size,
		    gemini_veo2(model) ? "" : ", 1920x1080, 1080x1920");
		return -1;
	}
	if (gemini_veo2(model) && strcmp(res, "720p") != 0) {
		*cause = xasprintf("%s does not offer the size %s "
		    "(allowed: 1280x720, 720x1280)", model, r->size);
		return -1;
	}
	if (strcmp(res, "1080p") == 0 && r->seconds != 8) {
		*cause = xasprintf("%s makes %s clips of 8 s only "
		    "(allowed: 8)", model, r->size);
		return -1;
	}
	return 0;
}

static void
gemini_auth(const struct api_cfg *cfg, struct http_req *hr)
{
	if (cfg->key != NULL)
		hr->auth = xasprintf("x-goog-api-key: %s", cfg->key);
}

static int
gemini_submit_req(const struct api_cfg *cfg, const struct api_req *r,
    struct http_req *hr, char **cause)
{
	cJSON		*j, *inst, *one, *par;
	const char	*model, *ratio = "16:9", *res = "720p";
	char		*url;

	if (gemini_check(r, cause) != 0)
		return -1;
	model = r->model != NULL ? r->model : "veo-3.1-generate-preview";
	if (r->size != NULL)
		gemini_size(r->size, &ratio, &res);
	url = xasprintf("%s/v1beta/models/%s:predictLongRunning",
	    cfg->base_url, model);
	http_req_init(hr, "POST", url);
	free(url);
	gemini_auth(cfg, hr);
	j = cJSON_CreateObject();
	inst = cJSON_AddArrayToObject(j, "instances");
	one = cJSON_CreateObject();
	cJSON_AddStringToObject(one, "prompt", r->prompt);
	cJSON_AddItemToArray(inst, one);
	par = cJSON_AddObjectToObject(j, "parameters");
	cJSON_AddStringToObject(par, "aspectRatio", ratio);
	if (!gemini_veo2(model))
		cJSON_AddStringToObject(par, "resolution", res);
	cJSON_AddNumberToObject(par, "durationSeconds", (double)r->seconds);
	hr->body = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (hr->body == NULL)
		fatal("out of memory");
	return 0;
}

/* The safety filter's reasons, "; "-separated (allocated), or NULL. */
static char *
gemini_filtered(const cJSON *gvr)
{
	const cJSON	*reasons, *v;
	struct buf	 b;
	long long	 count;
	int		 n = 0;

	reasons = json_obj(gvr, "raiMediaFilteredReasons");
	buf_init(&b);
	buf_adds(&b, "");
	if (reasons != NULL && cJSON_IsArray(reasons)) {
		cJSON_ArrayForEach(v, reasons) {
			if (!cJSON_IsString(v) || v->valuestring == NULL)
				continue;
			buf_addf(&b, "%s%s", n++ > 0 ? "; " : "",
			    v->valuestring);
		}
	}
	if (n == 0 && json_ll(gvr, "raiMediaFilteredCount", &count) == 1 &&
	    count > 0) {
		buf_addf(&b, "%lld video%s removed by the safety filters",
		    count, count == 1 ? "" : "s");
		n++;
	}
	if (n == 0) {
		buf_fini(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* Read the result of a finished operation into job. */
static void
gemini_result(const cJSON *j, struct api_job *job)
{
	const cJSON	*e, *gvr, *samples, *first, *video;
	long long	 code;

	e = json_obj(j, "error");
	if (e != NULL && cJSON_IsObject(e)) {
		job->state = API_FAILED;
		job->raw_status = xstrdup("failed");
		if (json_str(e, "status", &job->err_code) != 1 &&
		    json_ll(e, "code", &code) == 1)
			job->err_code = xasprintf("%lld", code);
		json_str(e, "message", &job->err_message);
		return;
	}
	gvr = json_obj(json_obj(j, "response"), "generateVideoResponse");
	samples = json_obj(gvr, "generatedSamples");
	first = samples != NULL && cJSON_IsArray(samples) ?
	    cJSON_GetArrayItem(samples, 0) : NULL;
	video = json_obj(first, "video");
	if (video != NULL && json_str(video, "uri", &job->asset_url) == 1) {
		job->state = API_SUCCEEDED;
		job->raw_status = xstrdup("succeeded");
		job->progress = 100;
		return;
	}
	job->state = API_FAILED;
	job->err_message = gemini_filtered(gvr);
	if (job->err_message != NULL) {
		job->raw_status = xstrdup("filtered");
		job->err_code = xstrdup("safety_filtered");
	} else {
		job->raw_status = xstrdup("empty");
		job->err_message = xstrdup("the operation finished without "
		    "a video");
	}
}

static int
gemini_job_resp(const struct http_resp *rs, struct api_job *job,
    char **cause)
{
	const cJSON	*done;
	cJSON		*j;

	memset(job, 0, sizeof *job);
	job->progress = -1;
	job->expires_at = -1;
	j = json_parse(rs->body, rs->len, cause);
	if (j == NULL)
		return -1;
	if (json_str(j, "name", &job->remote_id) != 1 ||
	    !gemini_operation_ok(job->remote_id)) {
		cJSON_Delete(j);
		api_job_free(job);
		*cause = xstrdup("the answer has no valid operation name");
		return -1;
	}
	done = cJSON_GetObjectItemCaseSensitive(j, "done");
	if (done != NULL && !cJSON_IsBool(done)) {
		cJSON_Delete(j);
		api_job_free(job);
		*cause = xstrdup("the answer has a malformed done field");
		return -1;
	}
	if (done == NULL || cJSON_IsFalse(done)) {
		job->state = API_RUNNING;
		job->raw_status = xstrdup("running");
	} else
		gemini_result(j, job);
	cJSON_Delete(j);
	return 0;
}

static int
gemini_poll_req(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	char	*url;

	if (!gemini_operation_ok(id)) {
		*cause = xstrdup("gemini: a malformed operation name");
		return -1;
	}
	url = xasprintf("%s/v1beta/%s", cfg->base_url, id);
	http_req_init(hr, "GET", url);
	free(url);
	gemini_auth(cfg, hr);
	return 0;
}

static int
gemini_download_req(const struct api_cfg *cfg, const struct api_job *job,
    const char *variant, struct http_req *hr, char **cause)
{
	if (strcmp(variant, "video") != 0)
		return 1;
	if (job->asset_url == NULL) {
		*cause = xstrdup("the operation has no video URI");
		return -1;
	}
	http_req_init(hr, "GET", job->asset_url);
	/* The file needs the key; never send it to a host that is not the
	 * API's own. http.c drops it on a redirect to another host. */
	if (api_same_origin(job->asset_url, cfg->base_url))
		gemini_auth(cfg, hr);
	return 0;
}

static void
gemini_error(const struct http_resp *rs, char **code, char **message)
{
	const cJSON	*e;
	cJSON		*j;

	j = json_error_answer(rs, code, message);
	if (j == NULL)
		return;
	e = json_obj(j, "error");
	if (e != NULL) {
		json_str(e, "status", code);
		json_str(e, "message", message);
	}
	cJSON_Delete(j);
}

const struct api_ops api_gemini_ops = {
	.name = "gemini",
	.kind = API_KIND_HTTP,
	.key_env = "GEMINI_API_KEY",
	.key_env_alt = "GOOGLE_API_KEY",
	.base_env = "GEMINI_BASE_URL",
	.base_default = "https://generativelanguage.googleapis.com",
	.model_default = "veo-3.1-generate-preview",
	.seconds_default = 8,
	.size_default = "1280x720",
	.models = gemini_models,
	.check = gemini_check,
	.submit_req = gemini_submit_req,
	.job_resp = gemini_job_resp,
	.poll_req = gemini_poll_req,
	.download_req = gemini_download_req,
	.cancel_req = NULL,
	.list_req = NULL,
	.list_find = NULL,
	.error = gemini_error,
};
