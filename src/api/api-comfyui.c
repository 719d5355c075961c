/* SPDX-License-Identifier: ISC */
/*
 * ComfyUI: the user's workflow (API format) with its {{placeholders}}
 * filled in, POST /prompt {"prompt", "client_id"}, GET /history/{id}
 * ({} until the prompt has run), GET /view?filename=&subfolder=&type=
 * for the first video output, POST /queue {"delete": [id]} and POST
 * /interrupt {"prompt_id": id} to cancel. The client id
 * "takeboard-SEED" lets GET /queue find a submission whose answer was
 * lost. The workflow is read from
 * the local file the configuration names, for each submission, so an
 * edited workflow counts from the next take on.
 */
#include "config.h"

#include "api/api-comfyui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "api/api-util.h"
#include "api/http.h"
#include "api/json.h"

#define COMFY_MAX_WORKFLOW	(4 * 1024 * 1024)
#define COMFY_ID_CHARS		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" \
				"0123456789-"

/* What the placeholders stand for in one request. */
struct comfy_vals {
	const char	*prompt;
	const char	*negative;
	long long	 seconds;
	long long	 frames;
	long long	 width;
	long long	 height;
	long long	 seed;
	long long	 fps;
	int		 prompts;	/* {{prompt}} seen */
	char		*error;
};

static int
comfy_number(const struct comfy_vals *v, const char *name, size_t len,
    long long *out)
{
	static const char *const names[] = { "seconds", "frames", "width",
	    "height", "seed", "fps", NULL };
	const long long	 vals[] = { v->seconds, v->frames, v->width,
	    v->height, v->seed, v->fps };
	int		 i;

	for (i = 0; names[i] != NULL; i++) {
		if (strlen(names[i]) == len && strncmp(names[i], name, len) ==
		    0) {
			*out = vals[i];
			return 1;
		}
	}
	return 0;
}

/* s with its placeholders replaced (allocated), or NULL with v->error. */
static char *
comfy_subst(struct comfy_vals *v, const char *s, const char *node)
{
	struct buf	 b;
	const char	*p, *open, *close;
	long long	 n;
	size_t		 len;

	buf_init(&b);
	buf_adds(&b, "");
	for (p = s;;) {
		open = strstr(p, "{{");
		if (open == NULL)
			break;
		buf_add(&b, p, (size_t)(open - p));
		close = strstr(open + 2, "}}");
		len = close != NULL ? (size_t)(close - open - 2) : 0;
		if (close != NULL && len == 6 && strncmp(open + 2, "prompt",
		    6) == 0) {
			buf_adds(&b, v->prompt);
			v->prompts++;
		} else if (close != NULL && len == 15 && strncmp(open + 2,
		    "negative_prompt", 15) == 0)
			buf_adds(&b, v->negative);
		else if (close != NULL && comfy_number(v, open + 2, len, &n))
			buf_addf(&b, "%lld", n);
		else {
			v->error = xasprintf("node %s has an unknown "
			    "placeholder %.*s (known: {{prompt}}, "
			    "{{negative_prompt}}, {{seconds}}, {{frames}}, "
			    "{{fps}}, {{width}}, {{height}}, {{seed}})", node,
			    close != NULL ? (int)len + 4 : 2, open);
			buf_fini(&b);
			return NULL;
		}
		p = close + 2;
	}
	buf_adds(&b, p);
	return buf_detach(&b);
}

/* Put repl in c's place under o; c's member name moves with it. */
static void
comfy_replace(cJSON *o, cJSON *c, cJSON *repl)
{
	if (repl == NULL)
		fatal("out of memory");
	repl->string = c->string;
	c->string = NULL;
	cJSON_ReplaceItemViaPointer(o, c, repl);
}

/* Fill the placeholders of every string under o (of node node). */
static int
comfy_walk(struct comfy_vals *v, cJSON *o, const char *node)
{
	cJSON		*c, *next, *repl;
	const char	*s;
	char		*t;
	long long	 n;
	size_t		 len;

	for (c = o->child; c != NULL; c = next) {
		next = c->next;
		if (cJSON_IsObject(c) || cJSON_IsArray(c)) {
			if (comfy_walk(v, c, node) != 0)
				return -1;
			continue;
		}
		if (!cJSON_IsString(c) || c->valuestring == NULL)
			continue;
		s = c->valuestring;
		if (strstr(s, "{{") == NULL)
			continue;
		len = strlen(s);
		if (len > 4 && strncmp(s, "{{", 2) == 0 &&
		    strcmp(s + len - 2, "}}") == 0 &&
		    strstr(s + 2, "{{") == NULL &&
		    comfy_number(v, s + 2, len - 4, &n)) {
			/* "{{seconds}}" alone becomes a number. */
			repl = cJSON_CreateNumber((double)n);
			comfy_replace(o, c, repl);
			continue;
		}
		t = comfy_subst(v, s, node);
		if (t == NULL)
			return -1;
		repl = cJSON_CreateString(t);
		free(t);
		comfy_replace(o, c, repl);
	}
	return 0;
}

/* The workflow text filled in for r, as a cJSON tree, or NULL. */
static cJSON *
comfy_tree(const char *text, size_t len, const struct api_req *r,
    const struct api_cfg *cfg, char **cause)
{
	struct comfy_vals	 v;
	const cJSON		*node, *ct, *in;
	cJSON			*j;

	memset(&v, 0, sizeof v);
	v.prompt = r->prompt;
	v.negative = cfg->negative != NULL ? cfg->negative : "";
	v.seconds = r->seconds;
	v.fps = cfg->fps > 0 ? cfg->fps : 24;
	v.frames = r->seconds * v.fps;
	v.seed = r->seed;
	v.width = 1280;
	v.height = 720;
	if (r->size != NULL)
		api_parse_size(r->size, &v.width, &v.height);
	j = json_parse(text, len, cause);
	if (j == NULL)
		return NULL;
	if (!cJSON_IsObject(j) || j->child == NULL) {
		cJSON_Delete(j);
		*cause = xstrdup("the workflow is not a JSON object of nodes");
		return NULL;
	}
	if (json_obj(j, "nodes") != NULL && json_obj(j, "links") != NULL) {
		cJSON_Delete(j);
		*cause = xstrdup("the workflow is in ComfyUI's UI format: "
		    "export it in the API format (Workflow > Export (API))");
		return NULL;
	}
	cJSON_ArrayForEach(node, j) {
		ct = cJSON_GetObjectItemCaseSensitive(node, "class_type");
		in = json_obj(node, "inputs");
		if (!cJSON_IsObject(node) || !cJSON_IsString(ct) ||
		    in == NULL || !cJSON_IsObject(in)) {
			*cause = xasprintf("node %s of the workflow has no "
			    "class_type and inputs (export the workflow in "
			    "the API format)", node->string);
			cJSON_Delete(j);
			return NULL;
		}
		if (comfy_walk(&v, (cJSON *)in, node->string) != 0) {
			*cause = v.error;
			cJSON_Delete(j);
			return NULL;
		}
	}
	if (v.prompts == 0) {
		cJSON_Delete(j);
		*cause = xstrdup("the workflow has no {{prompt}} placeholder "
		    "(put it in the text of the positive prompt's node)");
		return NULL;
	}
	return j;
}

/*
 * Fill the placeholders of workflow text (len bytes, API format) for
 * request r and configuration cfg (negative prompt, fps): a string
 * that is exactly "{{seconds}}", "{{frames}}", "{{fps}}", "{{width}}",
 * "{{height}}" or "{{seed}}" becomes that number; elsewhere every
 * placeholder, {{prompt}} and {{negative_prompt}} too, is replaced by
 * its text. 0 with the workflow as JSON text in *out, or -1 with *cause
 * (malformed, UI format, an unknown placeholder, no {{prompt}}).
 */
int
api_comfyui_fill(const char *text, size_t len, const struct api_req *r,
    const struct api_cfg *cfg, char **out, char **cause)
{
	cJSON	*j;

	*out = NULL;
	j = comfy_tree(text, len, r, cfg, cause);
	if (j == NULL)
		return -1;
	*out = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (*out == NULL)
		fatal("out of memory");
	return 0;
}

/* The configured workflow, read and filled in for r; NULL with *cause. */
static cJSON *
comfy_load(const struct api_cfg *cfg, const struct api_req *r, char **cause)
{
	FILE	*f;
	char	*text, *why = NULL;
	size_t	 len;
	cJSON	*j;

	if (cfg->workflow == NULL || *cfg->workflow == '\0') {
		*cause = xasprintf("backend %s has no workflow (set workflow "
		    "= PATH to a workflow exported in the API format)",
		    cfg->name);
		return NULL;
	}
	f = fopen(cfg->workflow, "r");
	if (f == NULL) {
		*cause = xasprintf("cannot read the workflow %s: %s",
		    cfg->workflow, strerror(errno));
		return NULL;
	}
	text = xmalloc(COMFY_MAX_WORKFLOW + 1);
	len = fread(text, 1, COMFY_MAX_WORKFLOW + 1, f);
	if (ferror(f) || len > COMFY_MAX_WORKFLOW) {
		fclose(f);
		free(text);
		*cause = xasprintf("cannot read the workflow %s (too large "
		    "or unreadable)", cfg->workflow);
		return NULL;
	}
	fclose(f);
	text[len] = '\0';
	j = comfy_tree(text, len, r, cfg, &why);
	free(text);
	if (j == NULL) {
		*cause = xasprintf("workflow %s: %s", cfg->workflow, why);
		free(why);
	}
	return j;
}

static int
comfy_check(const struct api_req *r, char **cause)
{
	long long	 w, h;

	if (r->seconds < 1 || r->seconds > 600) {
		*cause = xasprintf("comfyui takes 1 to 600 seconds, not %lld",
		    r->seconds);
		return -1;
	}
	if (r->size != NULL && api_parse_size(r->size, &w, &h) != 0) {
		*cause = xasprintf("bad size '%s' (want WxH, such as "
		    "832x480)", r->size);
		return -1;
	}
	return 0;
}

static int
comfy_prepare(const struct api_cfg *cfg, const struct api_req *r,
    char **cause)
{
	cJSON	*j;

	j = comfy_load(cfg, r, cause);
	if (j == NULL)
		return -1;
	cJSON_Delete(j);
	return 0;
}

static char *
comfy_client_id(const struct api_req *r)
{
	return xasprintf("takeboard-%lld", r->seed);
}

static int
comfy_submit_req(const struct api_cfg *cfg, const struct api_req *r,
    struct http_req *hr, char **cause)
{
	cJSON	*j, *wf;
	char	*url, *cid;

	wf = comfy_load(cfg, r, cause);
	if (wf == NULL)
		return -1;
	url = xasprintf("%s/prompt", cfg->base_url);
	http_req_init(hr, "POST", url);
	free(url);
	/* No key by default; one for a proxy in front of ComfyUI. */
	api_bearer(cfg, hr);
	j = cJSON_CreateObject();
	cJSON_AddItemToObject(j, "prompt", wf);
	cid = comfy_client_id(r);
	cJSON_AddStringToObject(j, "client_id", cid);
	free(cid);
	hr->body = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (hr->body == NULL)
		fatal("out of memory");
	return 0;
}

/* "Class: message: details" of the first node error, or NULL. */
static char *
comfy_node_error(const cJSON *ne)
{
	const cJSON	*node, *errs, *e;
	char		*ct = NULL, *msg = NULL, *det = NULL, *out;

	if (ne == NULL || !cJSON_IsObject(ne) || ne->child == NULL)
		return NULL;
	node = ne->child;
	json_str(node, "class_type", &ct);
	errs = json_obj(node, "errors");
	e = errs != NULL ? cJSON_GetArrayItem(errs, 0) : NULL;
	if (e != NULL) {
		json_str(e, "message", &msg);
		json_str(e, "details", &det);
	}
	out = xasprintf("node %s%s%s%s: %s%s%s", node->string != NULL ?
	    node->string : "?", ct != NULL ? " (" : "", ct != NULL ? ct : "",
	    ct != NULL ? ")" : "", msg != NULL ? msg : "invalid",
	    det != NULL && *det != '\0' ? ": " : "", det != NULL ? det : "");
	free(ct);
	free(msg);
	free(det);
	return out;
}

/* The first video output of a history entry as a /view query. */
static char *
comfy_output(const cJSON *outputs)
{
	static const char *const keys[] = { "videos", "gifs", "images",
	    NULL };
	static const char *const exts[] = { ".mp4", ".webm", ".mov", NULL };
	const cJSON	*node, *list, *it;
	char		*name, *sub, *type, *out = NULL, *en, *es, *et;
	size_t		 len;
	int		 k, e;

	for (k = 0; keys[k] != NULL && out == NULL; k++) {
		cJSON_ArrayForEach(node, outputs) {
			list = json_obj(node, keys[k]);
			if (list == NULL || !cJSON_IsArray(list))
				continue;
			cJSON_ArrayForEach(it, list) {
				if (out != NULL ||
				    json_str(it, "filename", &name) != 1)
					continue;
				len = strlen(name);
				for (e = 0; exts[e] != NULL; e++) {
					if (len > strlen(exts[e]) &&
					    strcasecmp(name + len -
					    strlen(exts[e]), exts[e]) == 0)
						break;
				}
				sub = type = NULL;
				json_str(it, "subfolder", &sub);
				json_str(it, "type", &type);
				if (exts[e] != NULL) {
					en = http_escape(name);
					es = http_escape(sub != NULL ? sub :
					    "");
					et = http_escape(type != NULL ? type :
					    "output");
					out = xasprintf("view?filename=%s&"
					    "subfolder=%s&type=%s", en, es, et);
					free(en);
					free(es);
					free(et);
				}
				free(name);
				free(sub);
				free(type);
			}
		}
	}
	return out;
}

/* Read a history entry ({"status": ..., "outputs": ...}) into job. */
static int
comfy_history(const cJSON *h, struct api_job *job, char **cause)
{
	const cJSON	*st, *msgs, *m, *kind, *data, *outputs, *done;
	char		*ss = NULL;
	int		 interrupted = 0;

	if (!cJSON_IsObject(h)) {
		*cause = xstrdup("the history entry is not an object");
		return -1;
	}
	st = json_obj(h, "status");
	if (st != NULL)
		json_str(st, "status_str", &ss);
	msgs = st != NULL ? json_obj(st, "messages") : NULL;
	if (msgs != NULL) {
		cJSON_ArrayForEach(m, msgs) {
			kind = cJSON_GetArrayItem(m, 0);
			data = cJSON_GetArrayItem(m, 1);
			if (!cJSON_IsString(kind) || kind->valuestring == NULL)
				continue;
			if (strcmp(kind->valuestring,
			    "execution_interrupted") == 0)
				interrupted = 1;
			if (strcmp(kind->valuestring, "execution_error") ==
			    0 && data != NULL && job->err_message == NULL) {
				json_str(data, "exception_message",
				    &job->err_message);
				json_str(data, "node_type", &job->err_code);
			}
		}
	}
	done = st != NULL ? cJSON_GetObjectItemCaseSensitive(st,
	    "completed") : NULL;
	outputs = json_obj(h, "outputs");
	job->raw_status = xstrdup(ss != NULL ? ss : "running");
	if (interrupted)
		job->state = API_CANCELLED;
	else if (ss != NULL && strcmp(ss, "error") == 0)
		job->state = API_FAILED;
	else if ((ss != NULL && strcmp(ss, "success") == 0) ||
	    cJSON_IsTrue(done) || (st == NULL && outputs != NULL)) {
		job->asset_url = outputs != NULL ? comfy_output(outputs) :
		    NULL;
		if (job->asset_url == NULL) {
			free(ss);
			*cause = xstrdup("the workflow finished without a "
			    "video output (it needs a node that saves an "
			    "mp4 or webm video)");
			return -1;
		}
		job->state = API_SUCCEEDED;
		job->progress = 100;
	} else
		job->state = API_RUNNING;
	free(ss);
	return 0;
}

/* A submit answer {"prompt_id", "number", "node_errors"} or a history
 * answer ({} while waiting or running, else {ID: entry}). */
static int
comfy_job_resp(const struct http_resp *rs, struct api_job *job,
    char **cause)
{
	cJSON	*j;
	char	*msg;
	int	 rv = 0;

	memset(job, 0, sizeof *job);
	job->progress = -1;
	job->expires_at = -1;
	j = json_parse(rs->body, rs->len, cause);
	if (j == NULL)
		return -1;
	if (!cJSON_IsObject(j)) {
		cJSON_Delete(j);
		*cause = xstrdup("the answer is not a JSON object");
		return -1;
	}
	if (cJSON_GetObjectItemCaseSensitive(j, "prompt_id") != NULL) {
		if (json_str(j, "prompt_id", &job->remote_id) != 1 ||
		    *job->remote_id == '\0' || strlen(job->remote_id) > 64 ||
		    job->remote_id[strspn(job->remote_id, COMFY_ID_CHARS)] !=
		    '\0') {
			cJSON_Delete(j);
			api_job_free(job);
			*cause = xstrdup("the answer has a malformed "
			    "prompt_id");
			return -1;
		}
		job->raw_status = xstrdup("queued");
		job->state = API_QUEUED;
		msg = comfy_node_error(json_obj(j, "node_errors"));
		if (msg != NULL) {
			job->state = API_FAILED;
			job->err_code = xstrdup("node_errors");
			job->err_message = msg;
		}
	} else if (j->child == NULL) {
		job->raw_status = xstrdup("queued or running");
		job->state = API_RUNNING;
	} else
		rv = comfy_history(j->child, job, cause);
	cJSON_Delete(j);
	if (rv != 0)
		api_job_free(job);
	return rv;
}

static int
comfy_id_ok(const char *id, char **cause)
{
	if (*id == '\0' || strlen(id) > 64 ||
	    id[strspn(id, COMFY_ID_CHARS)] != '\0') {
		*cause = xstrdup("the stored prompt id is malformed");
		return 0;
	}
	return 1;
}

static int
comfy_poll_req(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	char	*url;

	if (!comfy_id_ok(id, cause))
		return -1;
	url = xasprintf("%s/history/%s", cfg->base_url, id);
	http_req_init(hr, "GET", url);
	free(url);
	api_bearer(cfg, hr);
	return 0;
}

static int
comfy_download_req(const struct api_cfg *cfg, const struct api_job *job,
    const char *variant, struct http_req *hr, char **cause)
{
	char	*url;

	if (strcmp(variant, "video") != 0)
		return 1;
	if (job->asset_url == NULL || strncmp(job->asset_url, "view?", 5) !=
	    0) {
		*cause = xstrdup("the prompt has no video output");
		return -1;
	}
	url = xasprintf("%s/%s", cfg->base_url, job->asset_url);
	http_req_init(hr, "GET", url);
	free(url);
	api_bearer(cfg, hr);
	return 0;
}

/* POST PATH {KEY: id} ("delete" takes a list). */
static int
comfy_post_id(const struct api_cfg *cfg, const char *path, const char *key,
    int list, const char *id, struct http_req *hr, char **cause)
{
	cJSON	*j, *a;
	char	*url;

	if (!comfy_id_ok(id, cause))
		return -1;
	url = xasprintf("%s/%s", cfg->base_url, path);
	http_req_init(hr, "POST", url);
	free(url);
	api_bearer(cfg, hr);
	j = cJSON_CreateObject();
	if (list) {
		a = cJSON_AddArrayToObject(j, key);
		cJSON_AddItemToArray(a, cJSON_CreateString(id));
	} else
		cJSON_AddStringToObject(j, key, id);
	hr->body = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (hr->body == NULL)
		fatal("out of memory");
	return 0;
}

/* Delete the prompt from the queue, if it is still waiting. */
static int
comfy_cancel_req(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	return comfy_post_id(cfg, "queue", "delete", 1, id, hr, cause);
}

/* Then interrupt it, if it is running. ComfyUI stops only that prompt
 * when its /interrupt knows the prompt_id member; an older release
 * ignores it and stops whatever runs (documented). */
static int
comfy_cancel_more(const struct api_cfg *cfg, const char *id,
    struct http_req *hr, char **cause)
{
	return comfy_post_id(cfg, "interrupt", "prompt_id", 0, id, hr, cause);
}

static int
comfy_list_req(const struct api_cfg *cfg, struct http_req *hr, char **cause)
{
	char	*url;

	(void)cause;
	url = xasprintf("%s/queue", cfg->base_url);
	http_req_init(hr, "GET", url);
	free(url);
	api_bearer(cfg, hr);
	return 0;
}

/* The skip-th prompt running or waiting with r's client id, from GET
 * /queue: items are [number, prompt_id, prompt, extra_data, ...]. A
 * prompt that has already run is no longer there. */
static int
comfy_list_find(const struct http_resp *rs, const struct api_req *r,
    long long since, int skip, char **id, char **cause)
{
	static const char *const lists[] = { "queue_running",
	    "queue_pending", NULL };
	const cJSON	*l, *it, *pid, *extra;
	cJSON		*j;
	char		*want, *cid;
	int		 i, found = 0;

	(void)since;
	*id = NULL;
	j = json_parse(rs->body, rs->len, cause);
	if (j == NULL)
		return -1;
	want = comfy_client_id(r);
	for (i = 0; lists[i] != NULL && !found; i++) {
		l = json_obj(j, lists[i]);
		if (l == NULL)
			continue;
		cJSON_ArrayForEach(it, l) {
			pid = cJSON_GetArrayItem(it, 1);
			extra = cJSON_GetArrayItem(it, 3);
			cid = NULL;
			if (found || !cJSON_IsString(pid) || extra == NULL ||
			    json_str(extra, "client_id", &cid) != 1) {
				free(cid);
				continue;
			}
			if (strcmp(cid, want) == 0 && skip-- == 0 &&
			    comfy_id_ok(pid->valuestring, cause)) {
				*id = xstrdup(pid->valuestring);
				found = 1;
			}
			free(cid);
		}
	}
	free(want);
	cJSON_Delete(j);
	return found;
}

/* {"error": {"type", "message", "details"} or "text", "node_errors"}. */
static void
comfy_error(const struct http_resp *rs, char **code, char **message)
{
	const cJSON	*e;
	cJSON		*j;
	char		*msg = NULL, *node;

	j = json_error_answer(rs, code, message);
	if (j == NULL)
		return;
	e = json_obj(j, "error");
	if (e != NULL) {
		json_str(e, "type", code);
		json_str(e, "message", &msg);
	} else
		json_str(j, "error", &msg);
	node = comfy_node_error(json_obj(j, "node_errors"));
	if (node != NULL) {
		*message = xasprintf("%s%s%s", msg != NULL ? msg : "",
		    msg != NULL ? ": " : "", node);
		free(msg);
		free(node);
	} else
		*message = msg;
	cJSON_Delete(j);
}

const struct api_ops api_comfyui_ops = {
	.name = "comfyui",
	.kind = API_KIND_HTTP,
	.key_env = NULL,
	.base_env = "COMFYUI_BASE_URL",
	.base_default = "http://127.0.0.1:8188",
	.model_default = NULL,
	.seconds_default = 5,
	.size_default = "1280x720",
	.models = NULL,
	.check = comfy_check,
	.prepare = comfy_prepare,
	.submit_req = comfy_submit_req,
	.job_resp = comfy_job_resp,
	.poll_req = comfy_poll_req,
	.result_req = NULL,
	.download_req = comfy_download_req,
	.cancel_req = comfy_cancel_req,
	.cancel_more = comfy_cancel_more,
	.list_req = comfy_list_req,
	.list_find = comfy_list_find,
	.error = comfy_error,
	.seeded = 1,
};
