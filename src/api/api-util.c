/* SPDX-License-Identifier: ISC */
/*
 * Helpers shared by the JSON backends (see api-util.h): pure functions
 * over strings, without I/O, so every backend checks values, ids and
 * hosts the same way.
 */
#include "config.h"

#include "api/api-util.h"

#include <string.h>
#include <strings.h>
#include <time.h>

#include "model/clock.h"

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
