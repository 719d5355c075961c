/* SPDX-License-Identifier: ISC */
/*
 * The clock every timestamp comes from. Tests set TAKEBOARD_NOW to an
 * ISO 8601 UTC time so output with dates is reproducible. The user is
 * $USER, else the login name of the real uid, else "unknown".
 */
#include "config.h"

#include "model/clock.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/xmalloc.h"

/* Parse "YYYY-MM-DDTHH:MM:SSZ" (or "YYYY-MM-DD", midnight UTC).
 * Returns 0, or -1 when s is not such a time. */
int
clock_parse_iso(const char *s, time_t *out)
{
	struct tm	 tm;
	int		 y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	size_t		 len;

	len = strlen(s);
	if (len == 10) {
		if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
			return -1;
	} else if (len == 20) {
		if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h,
		    &mi, &sec, &n) != 6 || n != 20)
			return -1;
	} else
		return -1;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60 || h < 0 || mi < 0 || sec < 0)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = timegm(&tm);
	return 0;
}

static time_t	 clock_fixed;
static char	*clock_user_name;

/* Make clock_now() return t from now on (0 returns to the real clock);
 * used by the demo generator to spread its history over days. */
void
clock_fix(time_t t)
{
	clock_fixed = t;
}

/* Attribute changes to `user` from now on (NULL returns to $USER). */
void
clock_set_user(const char *user)
{
	free(clock_user_name);
	clock_user_name = user != NULL ? xstrdup(user) : NULL;
}

/* Milliseconds on the monotonic clock, for waits and timeouts (never
 * fixed by TAKEBOARD_NOW, never moved by a change of the date). */
long long
clock_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Now, or the fixed time, or TAKEBOARD_NOW when it is set to a valid
 * time. */
time_t
clock_now(void)
{
	const char	*fixed;
	time_t		 t;

	if (clock_fixed != 0)
		return clock_fixed;
	fixed = getenv("TAKEBOARD_NOW");
	if (fixed != NULL && *fixed != '\0' && clock_parse_iso(fixed, &t) == 0)
		return t;
	return time(NULL);
}

/* t as "YYYY-MM-DDTHH:MM:SSZ"; caller frees. */
char *
clock_iso(time_t t)
{
	struct tm	 tm;
	char		 b[32];

	gmtime_r(&t, &tm);
	strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(b);
}

char *
clock_now_iso(void)
{
	return clock_iso(clock_now());
}

/* Who is making changes; borrowed, valid for the life of the process. */
const char *
clock_user(void)
{
	static char	*user;
	const char	*env;
	struct passwd	*pw;

	if (clock_user_name != NULL)
		return clock_user_name;
	if (user != NULL)
		return user;
	env = getenv("USER");
	if (env != NULL && *env != '\0')
		user = xstrdup(env);
	else {
		pw = getpwuid(getuid());
		user = xstrdup(pw != NULL ? pw->pw_name : "unknown");
	}
	return user;
}
