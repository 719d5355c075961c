/* SPDX-License-Identifier: ISC */
/*
 * The backend registry and what every backend shares: the stored form
 * of a request, error classification (which answers may be retried) and
 * scrubbing a key out of any text before it is stored or shown.
 */
#include "config.h"

#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "api/api-command.h"
#include "api/api-comfyui.h"
#include "api/api-fal.h"
#include "api/api-gemini.h"
#include "api/api-luma.h"
#include "api/api-openai.h"
#include "api/api-replicate.h"
#include "api/api-runway.h"
#include "api/http.h"
#include "api/json.h"

/* Every backend; adding one is one file and one line here. */
const struct api_ops *const api_backends[] = {
	&api_openai_ops,
	&api_runway_ops,
	&api_gemini_ops,
	&api_luma_ops,
	&api_replicate_ops,
	&api_command_ops,
	&api_fal_ops,
	&api_comfyui_ops,
	NULL
};

/* The backend type called name, or NULL. */
const struct api_ops *
api_find(const char *name)
{
	int	 i;

	for (i = 0; api_backends[i] != NULL; i++) {
		if (strcmp(api_backends[i]->name, name) == 0)
			return api_backends[i];
	}
	return NULL;
}

/* The built-in backends' names, "openai, runway, ..." (allocated). */
char *
api_names(void)
{
	struct buf	 b;
	int		 i;

	buf_init(&b);
	for (i = 0; api_backends[i] != NULL; i++)
		buf_addf(&b, "%s%s", i > 0 ? ", " : "", api_backends[i]->name);
	return buf_detach(&b);
}

/* Whether model is one ops's documentation names (1), or ops keeps no
 * list (1), or it is unknown (0). */
int
api_known_model(const struct api_ops *ops, const char *model)
{
	int	 i;

	if (ops->models == NULL)
		return 1;
	for (i = 0; ops->models[i] != NULL; i++) {
		if (strcmp(ops->models[i], model) == 0)
			return 1;
	}
	return 0;
}

/* Free what a request holds. */
void
api_req_free(struct api_req *r)
{
	free(r->prompt);
	free(r->model);
	free(r->size);
	free(r->image);
	free(r->remix_of);
	memset(r, 0, sizeof *r);
}

/* A request as JSON text (allocated), as stored with its job. */
char *
api_req_to_json(const struct api_req *r)
{
	cJSON	*j;
	char	*s;

	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "prompt", r->prompt);
	if (r->model != NULL)
		cJSON_AddStringToObject(j, "model", r->model);
	cJSON_AddNumberToObject(j, "seconds", (double)r->seconds);
	if (r->size != NULL)
		cJSON_AddStringToObject(j, "size", r->size);
	if (r->image != NULL)
		cJSON_AddStringToObject(j, "image", r->image);
	if (r->remix_of != NULL)
		cJSON_AddStringToObject(j, "remix_of", r->remix_of);
	if (r->seed > 0)
		cJSON_AddNumberToObject(j, "seed", (double)r->seed);
	s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (s == NULL)
		fatal("out of memory");
	return s;
}

/* Read a stored request; 0, or -1 with *cause. */
int
api_req_from_json(const char *text, struct api_req *r, char **cause)
{
	cJSON	*j;

	memset(r, 0, sizeof *r);
	j = json_parse(text, strlen(text), cause);
	if (j == NULL)
		return -1;
	if (json_str(j, "prompt", &r->prompt) != 1 ||
	    json_ll(j, "seconds", &r->seconds) != 1 ||
	    json_str(j, "model", &r->model) < 0 ||
	    json_str(j, "size", &r->size) < 0 ||
	    json_str(j, "image", &r->image) < 0 ||
	    json_str(j, "remix_of", &r->remix_of) < 0 ||
	    json_ll(j, "seed", &r->seed) < 0 || r->seed < 0) {
		cJSON_Delete(j);
		api_req_free(r);
		*cause = xstrdup("the stored request is damaged");
		return -1;
	}
	cJSON_Delete(j);
	return 0;
}

/* Split "WxH"; 0, or -1 when it is not two positive numbers. */
int
api_parse_size(const char *s, long long *w, long long *h)
{
	char	*end;

	if (s == NULL)
		return -1;
	*w = strtoll(s, &end, 10);
	if (end == s || *end != 'x' || *w <= 0 || *w > 100000)
		return -1;
	s = end + 1;
	*h = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || *h <= 0 || *h > 100000)
		return -1;
	return 0;
}

/* Free what a parsed job holds. */
void
api_job_free(struct api_job *j)
{
	free(j->remote_id);
	free(j->raw_status);
	free(j->err_code);
	free(j->err_message);
	free(j->asset_url);
	free(j->thumb_url);
	memset(j, 0, sizeof *j);
}

/*
 * Classify a failed exchange: a transport error (no status) is
 * transient, as are 408, 409, 5xx and a 429 rate limit (API_ERR_RATE);
 * 429 with code insufficient_quota (or any quota code) is permanent,
 * like 400, 401, 403, 404 and 422. x-should-retry overrides.
 */
enum api_err
api_classify(const struct http_resp *rs, const char *code)
{
	if (rs->status == 0)
		return API_ERR_TRANSIENT;
	if (rs->status >= 200 && rs->status <= 299)
		return API_ERR_NONE;
	if (rs->status == 429) {
		if (code != NULL && (strstr(code, "quota") != NULL ||
		    strstr(code, "credit") != NULL ||
		    strstr(code, "spend_limit") != NULL))
			return API_ERR_QUOTA;
		return API_ERR_RATE;
	}
	if (rs->status == 401 || rs->status == 403)
		return API_ERR_AUTH;
	if (rs->status == 400 || rs->status == 404 || rs->status == 422)
		return API_ERR_INVALID;
	if (rs->should_retry == 1)
		return API_ERR_TRANSIENT;
	if (rs->should_retry == 0)
		return API_ERR_INVALID;
	if (rs->status == 408 || rs->status == 409 || rs->status >= 500)
		return API_ERR_TRANSIENT;
	return API_ERR_INVALID;
}

/* A short name for an error class, for messages. */
const char *
api_err_name(enum api_err e)
{
	switch (e) {
	case API_ERR_NONE:
		return "ok";
	case API_ERR_TRANSIENT:
		return "temporary error";
	case API_ERR_RATE:
		return "rate limited";
	case API_ERR_AUTH:
		return "not authorised";
	case API_ERR_INVALID:
		return "refused";
	case API_ERR_QUOTA:
		return "quota exhausted";
	case API_ERR_PROTOCOL:
		return "bad answer";
	}
	return "error";
}

/* A copy of text with every occurrence of key (when not NULL or too
 * short to matter) replaced by "[key]". */
char *
api_scrub(const char *text, const char *key)
{
	struct buf	 b;
	const char	*p, *hit;
	size_t		 klen;

	if (text == NULL)
		return NULL;
	klen = key != NULL ? strlen(key) : 0;
	if (klen < 4)
		return xstrdup(text);
	buf_init(&b);
	buf_adds(&b, "");
	for (p = text;;) {
		hit = strstr(p, key);
		if (hit == NULL)
			break;
		buf_add(&b, p, (size_t)(hit - p));
		buf_adds(&b, "[key]");
		p = hit + klen;
	}
	buf_adds(&b, p);
	return buf_detach(&b);
}
