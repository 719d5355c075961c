/* SPDX-License-Identifier: ISC */
/*
 * Checked JSON getters (see json.h). Getters return 1 with the value, 0
 * when the member is missing or null, -1 when it has another type.
 */
#include "config.h"

#include "api/json.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "api/http.h"

/*
 * Whether text holds a NUL, raw or as the escape \u0000: cJSON would
 * end a string there, so "completed\u0000x" would read as "completed".
 */
static int
json_has_nul(const char *text, size_t len)
{
	size_t	 i;

	if (memchr(text, '\0', len) != NULL)
		return 1;
	for (i = 0; i + 6 <= len; i++) {
		if (text[i] != '\\')
			continue;
		if (text[i + 1] == 'u' && memcmp(text + i + 2, "0000", 4) == 0)
			return 1;
		i++;	/* past the escaped character */
	}
	return 0;
}

/* For a backend's error hook: clear *code and *message and parse the
 * error answer's body; the tree, or NULL when it is not JSON. */
cJSON *
json_error_answer(const struct http_resp *rs, char **code, char **message)
{
	char	*cause = NULL;
	cJSON	*j;

	*code = NULL;
	*message = NULL;
	j = json_parse(rs->body, rs->len, &cause);
	free(cause);
	return j;
}

/* Parse len bytes of JSON text; the tree, or NULL with *cause. */
cJSON *
json_parse(const char *text, size_t len, char **cause)
{
	cJSON	*j;

	if (text == NULL || len == 0) {
		*cause = xstrdup("empty answer");
		return NULL;
	}
	if (json_has_nul(text, len)) {
		*cause = xstrdup("a NUL character in the answer");
		return NULL;
	}
	j = cJSON_ParseWithLength(text, len);
	if (j == NULL || !cJSON_IsObject(j)) {
		cJSON_Delete(j);
		*cause = xstrdup("malformed JSON in the answer");
		return NULL;
	}
	return j;
}

/* Member k of o as an allocated string in *out (NULL unless 1). */
int
json_str(const cJSON *o, const char *k, char **out)
{
	const cJSON	*m;

	*out = NULL;
	m = cJSON_GetObjectItemCaseSensitive(o, k);
	if (m == NULL || cJSON_IsNull(m))
		return 0;
	if (!cJSON_IsString(m) || m->valuestring == NULL)
		return -1;
	*out = xstrdup(m->valuestring);
	return 1;
}

/*
 * The largest integer json_ll accepts: 15 digits, which cJSON writes
 * back exactly (it prints numbers with %1.15g), so that a value read
 * and stored again reads back the same.
 */
#define JSON_LL_MAX	999999999999999LL

/*
 * Member k of o as an integer (a whole number or a decimal string) of
 * at most JSON_LL_MAX either way; a number out of range, as a string
 * too, is of the wrong type (-1) and leaves *out alone.
 */
int
json_ll(const cJSON *o, const char *k, long long *out)
{
	const cJSON	*m;
	char		*end;
	double		 d;
	long long	 v;

	m = cJSON_GetObjectItemCaseSensitive(o, k);
	if (m == NULL || cJSON_IsNull(m))
		return 0;
	if (cJSON_IsString(m) && m->valuestring != NULL) {
		errno = 0;
		v = strtoll(m->valuestring, &end, 10);
		if (errno != 0 || *end != '\0' || end == m->valuestring ||
		    v < -JSON_LL_MAX || v > JSON_LL_MAX)
			return -1;
		*out = v;
		return 1;
	}
	if (!cJSON_IsNumber(m))
		return -1;
	d = m->valuedouble;
	if (!isfinite(d) || d < -(double)JSON_LL_MAX ||
	    d > (double)JSON_LL_MAX)
		return -1;
	*out = (long long)d;
	return 1;
}

/* Member k of o as a number. */
int
json_num(const cJSON *o, const char *k, double *out)
{
	const cJSON	*m;

	m = cJSON_GetObjectItemCaseSensitive(o, k);
	if (m == NULL || cJSON_IsNull(m))
		return 0;
	if (!cJSON_IsNumber(m) || !isfinite(m->valuedouble))
		return -1;
	*out = m->valuedouble;
	return 1;
}

/* Member k of o when it is an object or array, else NULL. */
const cJSON *
json_obj(const cJSON *o, const char *k)
{
	const cJSON	*m;

	m = cJSON_GetObjectItemCaseSensitive(o, k);
	if (m == NULL || !(cJSON_IsObject(m) || cJSON_IsArray(m)))
		return NULL;
	return m;
}
