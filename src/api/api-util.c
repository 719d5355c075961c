/* SPDX-License-Identifier: ISC */
/*
 * Helpers shared by the JSON backends (see api-util.h): functions over
 * strings and answers, without I/O, so every backend checks values, ids
 * and hosts, and builds its common requests, the same way.
 */
#include "config.h"

#include "api/api-util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/xmalloc.h"
#include "model/clock.h"
#include "api/api.h"
#include "api/http.h"
#include "api/json.h"

/* Whether v is one of the NULL-ended list (1) or not (0). */
int
api_in_list(const char *const *list, const char *v)
{
	int	 i;

	if (v == NULL)
		return 0;
	for (i = 0; list[i] != NULL; i++) {
		if (strcmp(list[i], v) == 0)
			return 1;
	}
	return 0;
}

/*
 * Read "YYYY-MM-DDTHH:MM:SS" followed by optional fractional seconds and
 * "Z" (as Luma and Replicate write times) into unix seconds. 0, or -1
 * when s is not such a time.
 */
int
api_iso_time(const char *s, long long *out)
{
	char	 buf[21];
	size_t	 n;
	time_t	 t;

	if (s == NULL || strlen(s) < 20 || s[10] != 'T')
		return -1;
	n = 19;
	if (s[n] == '.') {
		n++;
		while (s[n] >= '0' && s[n] <= '9')
			n++;
	}
	if (strcmp(s + n, "Z") != 0 && strcmp(s + n, "+00:00") != 0)
		return -1;
	memcpy(buf, s, 19);
	buf[19] = 'Z';
	buf[20] = '\0';
	if (clock_parse_iso(buf, &t) != 0)
		return -1;
	*out = (long long)t;
	return 0;
}

/* The length of "scheme://host[:port]" at the start of url, or 0. */
static size_t
api_origin_len(const char *url)
{
	const char	*p, *end;

	p = strstr(url, "://");
	if (p == NULL || p == url)
		return 0;
	p += 3;
	end = p + strcspn(p, "/?#");
	if (end == p || memchr(p, '@', (size_t)(end - p)) != NULL)
		return 0;
	return (size_t)(end - url);
}

/* Whether URLs a and b have the same scheme, host and port (1) or not
 * (0). A URL with user information never matches. */
int
api_same_origin(const char *a, const char *b)
{
	size_t	 la, lb;

	if (a == NULL || b == NULL)
		return 0;
	la = api_origin_len(a);
	lb = api_origin_len(b);
	return la > 0 && la == lb && strncasecmp(a, b, la) == 0;
}

/* Whether id is 1 to max characters, each from allowed (1), or not (0):
 * ids go into URL paths, so nothing else may pass. */
int
api_id_ok(const char *id, const char *allowed, size_t max)
{
	size_t	 n;

	if (id == NULL)
		return 0;
	n = strlen(id);
	return n > 0 && n <= max && id[strspn(id, allowed)] == '\0';
}

/* Send cfg's key, if any, as "Authorization: Bearer KEY". */
void
api_bearer(const struct api_cfg *cfg, struct http_req *hr)
{
	if (cfg->key != NULL)
		hr->auth = xasprintf("Authorization: Bearer %s", cfg->key);
}

/*
 * The download of a job's clip from the signed URL the provider gave
 * (job->asset_url), with no credentials: 0, 1 for a variant other than
 * "video" (no thumbnail), or -1 with *cause = missing when there is no
 * URL.
 */
int
api_asset_req(const struct api_job *job, const char *variant,
    const char *missing, struct http_req *hr, char **cause)
{
	if (strcmp(variant, "video") != 0)
		return 1;
	if (job->asset_url == NULL) {
		*cause = xstrdup(missing);
		return -1;
	}
	http_req_init(hr, "GET", job->asset_url);
	return 0;
}

/*
 * Find, in a list answer whose items are the array named key, the
 * skip-th item match says could be r's (made at or after since): 1 with
 * *id (checked against idchars, at most 64 of them), 0 when there is
 * none, -1 with *cause when the answer is malformed.
 */
int
api_list_find(const struct http_resp *rs, const char *key,
    const char *idchars, api_list_match_fn *match, const struct api_req *r,
    long long since, int skip, char **id, char **cause)
{
	const cJSON	*data, *v;
	cJSON		*j;
	int		 found = 0;

	*id = NULL;
	j = json_parse(rs->body, rs->len, cause);
	if (j == NULL)
		return -1;
	data = json_obj(j, key);
	if (data == NULL || !cJSON_IsArray(data)) {
		cJSON_Delete(j);
		*cause = xasprintf("the list answer has no %s", key);
		return -1;
	}
	cJSON_ArrayForEach(v, data) {
		if (found)
			break;
		if (match(v, r, since) && skip-- == 0 &&
		    json_str(v, "id", id) == 1 && api_id_ok(*id, idchars, 64))
			found = 1;
	}
	cJSON_Delete(j);
	if (!found) {
		free(*id);
		*id = NULL;
	}
	return found;
}
