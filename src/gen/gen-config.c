/* SPDX-License-Identifier: ISC */
/*
 * Reading the generation configuration (see gen-config.h and
 * takeboard.conf(5)). Unknown keys are errors naming the line, so a typo
 * never silently changes a price or a cap. Default prices come from the
 * providers' public price lists (documented in takeboard.conf(5)).
 */
#include "config.h"

#include "gen/gen-config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/secret.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "model/units.h"
#include "db/db-job.h"

/* Defaults, per second of output, in micro-units of USD. */
static const struct {
	const char	*backend;
	const char	*model;
	const char	*size;
	long long	 per_s;
} gen_default_prices[] = {
	{ "openai", "sora-2", NULL, 100000 },
	{ "openai", "sora-2-pro", "1280x720", 300000 },
	{ "openai", "sora-2-pro", "720x1280", 300000 },
	{ "openai", "sora-2-pro", "1024x1792", 500000 },
	{ "openai", "sora-2-pro", "1792x1024", 500000 },
	{ "openai", "sora-2-pro", "1920x1080", 700000 },
	{ "openai", "sora-2-pro", "1080x1920", 700000 },
	{ "runway", "gen4_turbo", NULL, 50000 },
	{ "gemini", "veo-3.1-generate-preview", NULL, 400000 },
	{ "gemini", "veo-3.1-fast-generate-preview", NULL, 150000 },
	{ "gemini", "veo-3.0-generate-001", NULL, 400000 },
	{ "gemini", "veo-3.0-fast-generate-001", NULL, 150000 },
	{ "gemini", "veo-2.0-generate-001", NULL, 350000 },
	{ "luma", "ray-2", NULL, 140000 },
	{ "luma", "ray-flash-2", NULL, 50000 },
	{ "replicate", "google/veo-3", NULL, 750000 },
	{ "replicate", "google/veo-3-fast", NULL, 400000 },
	{ "replicate", "kwaivgi/kling-v2.1-master", NULL, 280000 },
	{ "replicate", "minimax/video-01", NULL, 83333 },
	{ "replicate", "wan-video/wan-2.2-t2v-fast", NULL, 20000 },
	{ "command", "*", NULL, 0 },
	{ "comfyui", "*", NULL, 0 },
	{ "fal", "fal-ai/kling-video/v2.1/master/text-to-video", NULL, 280000 },
	{ "fal", "fal-ai/veo3", NULL, 400000 },
	{ "fal", "fal-ai/veo3/fast", NULL, 150000 },
	{ "fal", "fal-ai/wan/v2.2-a14b/text-to-video", NULL, 80000 },
	{ "fal", "fal-ai/minimax/hailuo-02/standard/text-to-video", NULL,
	    45000 },
};

static void
gen_config_defaults(struct gen_config *c)
{
	memset(c, 0, sizeof *c);
	c->poll_ms = 10000;
	c->poll_max_ms = 60000;
	c->retry_base_ms = 500;
	c->retry_cap_ms = 120000;
	c->attempts = 8;
	c->low_speed_s = 30;
}

static struct gen_backend *
gen_backend_new(struct gen_config *c, const char *name)
{
	struct gen_backend	*b;

	c->backends = xreallocarray(c->backends, c->nbackends + 1,
	    sizeof *c->backends);
	b = xcalloc(1, sizeof *b);
	c->backends[c->nbackends++] = b;
	b->name = xstrdup(name);
	b->ops = api_find(name);
	b->seconds = -1;
	b->fps = -1;
	b->concurrency = 3;
	b->max_bytes = 2LL * 1024 * 1024 * 1024;
	return b;
}

static int
gen_ms(const char *v, long long *out)
{
	long long	 ms;

	if (str_to_decimal(v, 3, 86400000, &ms) != 0)
		return -1;
	*out = ms;
	return 0;
}

static int
gen_general(struct gen_config *c, const char *k, const char *v)
{
	if (strcmp(k, "backend") == 0) {
		free(c->backend);
		c->backend = xstrdup(v);
	} else if (strcmp(k, "allow_http") == 0) {
		if (strcmp(v, "loopback") == 0)
			c->allow_http = 1;
		else if (strcmp(v, "no") == 0)
			c->allow_http = 0;
		else
			return -1;
	} else if (strcmp(k, "poll_interval") == 0)
		return gen_ms(v, &c->poll_ms);
	else if (strcmp(k, "poll_max") == 0)
		return gen_ms(v, &c->poll_max_ms);
	else if (strcmp(k, "retry_base") == 0)
		return gen_ms(v, &c->retry_base_ms);
	else if (strcmp(k, "retry_cap") == 0)
		return gen_ms(v, &c->retry_cap_ms);
	else if (strcmp(k, "attempts") == 0)
		return str_to_ll(v, 1, 100, &c->attempts);
	else if (strcmp(k, "low_speed_time") == 0)
		return str_to_ll(v, 1, 3600, &c->low_speed_s);
	else
		return -1;
	return 0;
}

static int
gen_price_add(struct gen_backend *b, const char *k, const char *v)
{
	struct gen_price	*p;
	char			*copy, *model, *size;
	long long		 micros;
	char			*cause = NULL;

	if (units_parse_money(v, &micros, &cause) != 0) {
		free(cause);
		return -1;
	}
	copy = xstrdup(k + 5);
	model = str_trim(copy);
	size = strchr(model, ' ');
	if (size != NULL) {
		*size++ = '\0';
		size = str_trim(size);
	}
	if (*model == '\0') {
		free(copy);
		return -1;
	}
	b->prices = xreallocarray(b->prices, b->nprices + 1,
	    sizeof *b->prices);
	p = &b->prices[b->nprices++];
	p->model = xstrdup(model);
	p->size = size != NULL && *size != '\0' ? xstrdup(size) : NULL;
	p->per_s = micros;
	free(copy);
	return 0;
}

static int
gen_backend_key_set(struct gen_backend *b, const char *k, const char *v)
{
	char	**slot = NULL;

	if (strcmp(k, "type") == 0) {
		b->ops = api_find(v);
		return b->ops != NULL ? 0 : -1;
	}
	if (strncmp(k, "price ", 6) == 0)
		return gen_price_add(b, k, v);
	if (strcmp(k, "seconds") == 0)
		return str_to_ll(v, 1, 600, &b->seconds);
	if (strcmp(k, "concurrency") == 0)
		return str_to_ll(v, 1, 64, &b->concurrency);
	if (strcmp(k, "fps") == 0)
		return str_to_ll(v, 1, 240, &b->fps);
	if (strcmp(k, "max_size") == 0)
		return str_to_ll(v, 1, 0x7fffffffffffffffLL, &b->max_bytes);
	if (strcmp(k, "base_url") == 0)
		slot = &b->base_url;
	else if (strcmp(k, "key") == 0) {
		secret_protect();
		secret_free(b->key);
		b->key = NULL;
		slot = &b->key;
	}
	else if (strcmp(k, "version") == 0)
		slot = &b->version;
	else if (strcmp(k, "program") == 0)
		slot = &b->program;
	else if (strcmp(k, "workflow") == 0)
		slot = &b->workflow;
	else if (strcmp(k, "negative_prompt") == 0)
		slot = &b->negative;
	else if (strcmp(k, "model") == 0)
		slot = &b->model;
	else if (strcmp(k, "size") == 0)
		slot = &b->size;
	else
		return -1;
	free(*slot);
	*slot = xstrdup(v);
	return 0;
}

/*
 * Parse configuration text (path names it in messages) into *c, which
 * the caller frees with gen_config_free. 0, or -1 with *cause naming
 * the line. Never puts a key's value into *cause.
 */
int
gen_config_parse(struct gen_config *c, const char *text, const char *path,
    char **cause)
{
	struct gen_backend	*b = NULL;
	char			*copy, *line, *next, *k, *v, *eq;
	int			 n = 0, rv = 0;

	copy = xstrdup(text);
	for (line = copy; line != NULL && rv == 0; line = next) {
		n++;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		k = str_trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if (*k == '[') {
			v = strchr(k, ']');
			if (v == NULL || v[1] != '\0' ||
			    strncmp(k, "[backend ", 9) != 0) {
				rv = -1;
				break;
			}
			*v = '\0';
			k = str_trim(k + 9);
			if (*k == '\0' || strchr(k, ' ') != NULL) {
				rv = -1;
				break;
			}
			b = gen_config_backend(c, k, NULL);
			if (b == NULL)
				b = gen_backend_new(c, k);
			continue;
		}
		eq = strchr(k, '=');
		if (eq == NULL) {
			rv = -1;
			break;
		}
		*eq = '\0';
		v = str_trim(eq + 1);
		k = str_trim(k);
		if (b == NULL)
			rv = gen_general(c, k, v);
		else
			rv = gen_backend_key_set(b, k, v);
	}
	secret_wipe(copy, strlen(text));
	free(copy);
	if (rv != 0) {
		*cause = xasprintf("%s, line %d: not understood (see "
		    "takeboard.conf(5))", path, n);
		return -1;
	}
	return 0;
}

/*
 * Load the user's configuration, if there is one. Notes whether the file
 * is readable by group or others or owned by someone else: keys in it
 * are then refused. 0, or -1 with *cause.
 */
int
gen_config_load(struct gen_config *c, char **cause)
{
	struct stat	 sb;
	const char	*env;
	FILE		*f;
	char		*text;
	size_t		 len;
	long		 size;
	int		 rv;

	gen_config_defaults(c);
	if (getenv("TAKEBOARD_ALLOW_HTTP_LOOPBACK") != NULL &&
	    strcmp(getenv("TAKEBOARD_ALLOW_HTTP_LOOPBACK"), "1") == 0)
		c->allow_http = 1;
	env = getenv("XDG_CONFIG_HOME");
	if (env != NULL && *env == '/')
		c->path = xasprintf("%s/takeboard/config", env);
	else if (getenv("HOME") != NULL)
		c->path = xasprintf("%s/.config/takeboard/config",
		    getenv("HOME"));
	else
		return 0;
	f = fopen(c->path, "r");
	if (f == NULL) {
		if (errno == ENOENT)
			return 0;
		*cause = xasprintf("cannot read %s: %s", c->path,
		    strerror(errno));
		return -1;
	}
	size = -1;
	if (fstat(fileno(f), &sb) == 0 && fseek(f, 0, SEEK_END) == 0)
		size = ftell(f);
	if (size < 0 || size > 1024 * 1024 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		*cause = xasprintf("cannot read %s", c->path);
		return -1;
	}
	/* Like ssh with its files: another user's file, or one others can
	 * change, could send the key to a base_url of their choosing. */
	if (sb.st_uid != geteuid()) {
		fclose(f);
		*cause = xasprintf("refusing to read %s: it belongs to user "
		    "%lu, not to you (user %lu)", c->path,
		    (unsigned long)sb.st_uid, (unsigned long)geteuid());
		return -1;
	}
	if ((sb.st_mode & 022) != 0) {
		fclose(f);
		*cause = xasprintf("refusing to read %s: group or others may "
		    "change it (chmod 600 it)", c->path);
		return -1;
	}
	if ((sb.st_mode & 077) != 0)
		c->insecure = 1;
	text = xmalloc((size_t)size + 1);
	len = fread(text, 1, (size_t)size, f);
	text[len] = '\0';
	fclose(f);
	rv = gen_config_parse(c, text, c->path, cause);
	secret_wipe(text, len);
	free(text);
	return rv;
}

/* Free a configuration, wiping keys. */
void
gen_config_free(struct gen_config *c)
{
	struct gen_backend	*b;
	size_t			 i, j;

	for (i = 0; i < c->nbackends; i++) {
		b = c->backends[i];
		free(b->name);
		free(b->base_url);
		secret_free(b->key);
		free(b->version);
		free(b->program);
		free(b->workflow);
		free(b->workflow_path);
		free(b->negative);
		free(b->model);
		free(b->size);
		for (j = 0; j < b->nprices; j++) {
			free(b->prices[j].model);
			free(b->prices[j].size);
		}
		free(b->prices);
		secret_free(b->key_used);
		free(b);
	}
	free(c->backends);
	free(c->backend);
	free(c->path);
	memset(c, 0, sizeof *c);
}

/*
 * The backend called name: a configured section, else a built-in type
 * with its defaults. NULL (with *cause when cause is not NULL) if none.
 */
struct gen_backend *
gen_config_backend(struct gen_config *c, const char *name, char **cause)
{
	size_t	 i;
	char	*names;

	for (i = 0; i < c->nbackends; i++) {
		if (strcmp(c->backends[i]->name, name) == 0)
			return c->backends[i];
	}
	if (cause == NULL)
		return NULL;
	if (api_find(name) != NULL)
		return gen_backend_new(c, name);
	names = api_names();
	*cause = xasprintf("no backend '%s' (built in: %s; others are "
	    "[backend NAME] sections with a type)", name, names);
	free(names);
	return NULL;
}

/* A workflow path as configured: "~/" is the home folder, and a relative
 * path is relative to the configuration's folder. NULL when none. */
static char *
gen_workflow_path(const struct gen_config *c, const char *w)
{
	char	*dir, *p;

	if (w == NULL || *w == '\0')
		return NULL;
	if (strncmp(w, "~/", 2) == 0 && getenv("HOME") != NULL)
		return xasprintf("%s/%s", getenv("HOME"), w + 2);
	if (*w == '/' || c->path == NULL)
		return xstrdup(w);
	dir = fs_dirname(c->path);
	p = fs_join(dir, w);
	free(dir);
	return p;
}

/*
 * Fill b->api for use: base URL (environment, then file, then the
 * built-in one) and key (environment, then the file unless the file is
 * readable by others). 0, or -1 with *cause.
 */
int
gen_backend_api(struct gen_config *c, struct gen_backend *b, char **cause)
{
	const char	*env, *key = NULL, *base = NULL;
	char		*names;

	if (b->ops == NULL) {
		names = api_names();
		*cause = xasprintf("backend %s has no type (add type = one "
		    "of %s)", b->name, names);
		free(names);
		return -1;
	}
	memset(&b->api, 0, sizeof b->api);
	b->api.name = b->name;
	b->api.version = b->version;
	b->api.program = b->program;
	b->api.negative = b->negative;
	b->api.fps = b->fps > 0 ? b->fps : 24;
	free(b->workflow_path);
	b->workflow_path = gen_workflow_path(c, b->workflow);
	b->api.workflow = b->workflow_path;
	if (b->ops->kind == API_KIND_PROGRAM)
		return 0;
	if (b->ops->base_env != NULL && strcmp(b->name, b->ops->name) == 0)
		base = getenv(b->ops->base_env);
	if (base == NULL || *base == '\0')
		base = b->base_url;
	if (base == NULL)
		base = b->ops->base_default;
	b->api.base_url = base;
	if (strcmp(b->name, b->ops->name) == 0 && b->ops->key_env != NULL) {
		env = getenv(b->ops->key_env);
		if ((env == NULL || *env == '\0') && b->ops->key_env_alt != NULL)
			env = getenv(b->ops->key_env_alt);
		if (env != NULL && *env != '\0')
			key = env;
	}
	if (key == NULL && b->key != NULL) {
		if (c->insecure) {
			*cause = xasprintf("refusing to read keys from %s: "
			    "it is readable by group or others (chmod 600 "
			    "it)", c->path);
			return -1;
		}
		key = b->key;
	}
	if (key == NULL && b->ops->key_env == NULL)
		return 0;	/* keyless, such as a local comfyui */
	if (key == NULL) {
		*cause = xasprintf("no API key for backend %s (set %s or "
		    "key in its section of %s)", b->name,
		    b->ops->key_env != NULL ? b->ops->key_env : "one",
		    c->path != NULL ? c->path : "the configuration");
		return -1;
	}
	if (strpbrk(key, "\r\n") != NULL) {
		*cause = xasprintf("the API key for backend %s holds a line "
		    "break", b->name);
		return -1;
	}
	secret_protect();
	secret_free(b->key_used);
	b->key_used = xstrdup(key);
	b->api.key = b->key_used;
	return 0;
}

/* The price per second (micro-units) of model at size on backend b:
 * configured first, then the defaults; -1 when unknown. */
long long
gen_backend_price(const struct gen_backend *b, const char *model,
    const char *size)
{
	const char	*type;
	size_t		 i;

	if (model == NULL)
		model = "*";
	for (i = 0; i < b->nprices; i++) {
		if ((strcmp(b->prices[i].model, model) == 0 ||
		    strcmp(b->prices[i].model, "*") == 0) &&
		    (b->prices[i].size == NULL || (size != NULL &&
		    strcmp(b->prices[i].size, size) == 0)))
			return b->prices[i].per_s;
	}
	type = b->ops != NULL ? b->ops->name : b->name;
	for (i = 0; i < sizeof gen_default_prices /
	    sizeof gen_default_prices[0]; i++) {
		if (strcmp(gen_default_prices[i].backend, type) != 0)
			continue;
		if ((strcmp(gen_default_prices[i].model, model) == 0 ||
		    strcmp(gen_default_prices[i].model, "*") == 0) &&
		    (gen_default_prices[i].size == NULL || (size != NULL &&
		    strcmp(gen_default_prices[i].size, size) == 0)))
			return gen_default_prices[i].per_s;
	}
	return -1;
}

/*
 * Plan a submission of variant pr to backend name (NULL: the configured
 * default, else openai): parameters from the options (model NULL, secs
 * -1 and size NULL when not given), then the variant, then the backend.
 * Refuses what the backend does not offer, naming the allowed values,
 * and a backend without a key. With remix (a finished job), the new
 * take remixes that video with pr's text on the same backend, its
 * model, duration and size carried over. 0, or -1 with *cause.
 */
int
gen_plan_make(struct gen_config *c, const char *name, const struct prompt *pr,
    const char *model, long long secs, const char *size,
    const struct job *remix, struct gen_plan *p, char **cause)
{
	struct api_req	 r, src;
	struct gen_backend *b;
	long long	 w, h;
	int		 rv;

	memset(p, 0, sizeof *p);
	p->remix_take = -1;
	if (remix != NULL) {
		if (remix->state != JOB_DONE || remix->remote_id == NULL) {
			*cause = xasprintf("take %lld is %s; only a finished "
			    "generation can be remixed", remix->take_id,
			    job_state_name(remix->state));
			return -1;
		}
		if (name != NULL && strcmp(name, remix->backend) != 0) {
			*cause = xasprintf("take %lld was made by %s; a remix "
			    "goes to the same backend", remix->take_id,
			    remix->backend);
			return -1;
		}
		if (api_req_from_json(remix->request_json, &src, cause) != 0)
			return -1;
		rv = gen_plan_make(c, remix->backend, pr, model != NULL ?
		    model : src.model, secs >= 0 ? secs : src.seconds,
		    size != NULL ? size : src.size, NULL, p, cause);
		api_req_free(&src);
		if (rv != 0)
			return -1;
		if (!p->b->ops->remix) {
			*cause = xasprintf("backend %s cannot remix a video",
			    p->b->name);
			gen_plan_free(p);
			return -1;
		}
		/* The stored request says what was asked for. */
		if (api_req_from_json(p->request_json, &r, cause) != 0) {
			gen_plan_free(p);
			return -1;
		}
		r.remix_of = xstrdup(remix->remote_id);
		free(p->request_json);
		p->request_json = api_req_to_json(&r);
		api_req_free(&r);
		p->remix_take = remix->take_id;
		return 0;
	}
	if (size != NULL && api_parse_size(size, &w, &h) != 0) {
		*cause = xasprintf("bad size '%s' (want WxH such as "
		    "1280x720)", size);
		return -1;
	}
	if (name == NULL)
		name = c->backend != NULL ? c->backend : "openai";
	b = gen_config_backend(c, name, cause);
	if (b == NULL || gen_backend_api(c, b, cause) != 0)
		return -1;
	if (model == NULL)
		model = pr->model != NULL ? pr->model : (b->model != NULL ?
		    b->model : b->ops->model_default);
	if (secs < 0 && pr->seconds_ms > 0)
		secs = (pr->seconds_ms + 999) / 1000;
	if (secs < 0)
		secs = b->seconds > 0 ? b->seconds : b->ops->seconds_default;
	if (size == NULL && pr->size != NULL &&
	    api_parse_size(pr->size, &w, &h) == 0)
		size = pr->size;
	if (size == NULL)
		size = b->size != NULL ? b->size : b->ops->size_default;
	memset(&r, 0, sizeof r);
	r.prompt = pr->text;
	r.model = (char *)model;
	r.seconds = secs;
	r.size = (char *)size;
	if (b->ops->check != NULL && b->ops->check(&r, cause) != 0)
		return -1;
	if (b->ops->prepare != NULL && b->ops->prepare(&b->api, &r,
	    cause) != 0)
		return -1;
	if (model != NULL && !api_known_model(b->ops, model))
		p->warning = xasprintf("%s is not a model %s documents; "
		    "passing it through unchecked", model, b->ops->name);
	p->b = b;
	p->model = model != NULL ? xstrdup(model) : NULL;
	p->seconds = secs;
	p->size = size != NULL ? xstrdup(size) : NULL;
	p->request_json = api_req_to_json(&r);
	p->price = gen_backend_price(b, model, size);
	return 0;
}

/* Free a plan. */
void
gen_plan_free(struct gen_plan *p)
{
	free(p->model);
	free(p->size);
	free(p->request_json);
	free(p->warning);
	memset(p, 0, sizeof *p);
}
