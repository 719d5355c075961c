/* SPDX-License-Identifier: ISC */
/*
 * Parsing and formatting of durations, money, frame rates and sizes.
 * Durations and money are integers (ms, micro-units) so that sums in
 * the statistics are exact and every output agrees to the last digit.
 */
#include "config.h"

#include "model/units.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"
#include "util/xmalloc.h"

static void
units_cause(char **cause, const char *fmt, const char *what)
{
	if (cause != NULL)
		*cause = xasprintf(fmt, what);
}

/*
 * Parse a duration: decimal seconds ("8", "2.5", at most 3 decimals) or
 * M:SS[.fff] ("1:02.5"). Stores milliseconds. Returns 0, or -1 with
 * *cause naming the value.
 */
int
units_parse_seconds(const char *s, long long *ms, char **cause)
{
	const char	*colon;
	long long	 min, sec;
	char		*mpart;

	if (cause != NULL)
		*cause = NULL;
	colon = strchr(s, ':');
	if (colon == NULL) {
		if (str_to_decimal(s, 3, UNITS_MAX_MS, ms) != 0)
			goto bad;
		return 0;
	}
	mpart = xstrndup(s, (size_t)(colon - s));
	if (str_to_ll(mpart, 0, UNITS_MAX_MS / 60000, &min) != 0 ||
	    !isdigit((unsigned char)*mpart)) {
		free(mpart);
		goto bad;
	}
	free(mpart);
	if (strlen(colon + 1) < 2 || !isdigit((unsigned char)colon[1]) ||
	    !isdigit((unsigned char)colon[2]) ||
	    (colon[3] != '\0' && colon[3] != '.'))
		goto bad;
	if (str_to_decimal(colon + 1, 3, 59999, &sec) != 0)
		goto bad;
	if (min * 60000 + sec > UNITS_MAX_MS)
		goto bad;
	*ms = min * 60000 + sec;
	return 0;
bad:
	units_cause(cause, "bad duration '%s' (want seconds such as 8 or "
	    "2.5, or M:SS such as 1:02.5)", s);
	return -1;
}

/* Parse an amount of money ("12", "0.35", at most 6 decimals, >= 0). */
int
units_parse_money(const char *s, long long *micros, char **cause)
{
	if (cause != NULL)
		*cause = NULL;
	if (str_to_decimal(s, 6, UNITS_MAX_MONEY, micros) != 0) {
		units_cause(cause, "bad amount '%s' (want a number such as "
		    "0.35, at most 6 decimals, not negative)", s);
		return -1;
	}
	return 0;
}

/* Parse a frame rate: 0 < fps <= 1000, such as 24, 25 or 23.976. */
int
units_parse_fps(const char *s, double *fps, char **cause)
{
	long long	 v;

	if (cause != NULL)
		*cause = NULL;
	if (str_to_decimal(s, 3, 1000000, &v) != 0 || v == 0) {
		units_cause(cause, "bad frame rate '%s' (want a number such "
		    "as 24, 25 or 23.976, up to 1000)", s);
		return -1;
	}
	*fps = (double)v / 1000.0;
	return 0;
}

/* Parse a frame size "WIDTHxHEIGHT" (each 16..16384); *out is the
 * normalised form, caller frees. */
int
units_parse_frame_size(const char *s, char **out, char **cause)
{
	const char	*x;
	char		*w;
	long long	 wv, hv;
	int		 okw;

	if (cause != NULL)
		*cause = NULL;
	x = strchr(s, 'x');
	if (x == NULL)
		x = strchr(s, 'X');
	if (x == NULL)
		goto bad;
	w = xstrndup(s, (size_t)(x - s));
	okw = str_to_ll(w, 16, 16384, &wv) == 0 &&
	    isdigit((unsigned char)*w);
	free(w);
	if (!okw || !isdigit((unsigned char)x[1]) ||
	    str_to_ll(x + 1, 16, 16384, &hv) != 0)
		goto bad;
	*out = xasprintf("%lldx%lld", wv, hv);
	return 0;
bad:
	units_cause(cause, "bad frame size '%s' (want WIDTHxHEIGHT such as "
	    "1280x720)", s);
	return -1;
}

/* Parse an ISO 4217-style currency code: three letters, stored upper. */
int
units_parse_currency(const char *s, char **out, char **cause)
{
	if (cause != NULL)
		*cause = NULL;
	if (strlen(s) != 3 || !isalpha((unsigned char)s[0]) ||
	    !isalpha((unsigned char)s[1]) || !isalpha((unsigned char)s[2])) {
		units_cause(cause, "bad currency '%s' (want a three-letter "
		    "code such as USD or EUR)", s);
		return -1;
	}
	*out = xstrdup(s);
	str_upper(*out);
	return 0;
}

/* Milliseconds as seconds with two decimals ("8.04"); caller frees. */
char *
units_fmt_seconds(long long ms)
{
	long long	 cs;

	cs = (ms + (ms >= 0 ? 5 : -5)) / 10;
	return xasprintf("%s%lld.%02lld", cs < 0 ? "-" : "",
	    llabs(cs) / 100, llabs(cs) % 100);
}

/* Micro-units as money with two decimals, rounded half up; caller frees. */
char *
units_fmt_money(long long micros)
{
	long long	 cents;

	cents = (micros + 5000) / 10000;
	return xasprintf("%lld.%02lld", cents / 100, cents % 100);
}

double
units_ms_to_s(long long ms)
{
	return (double)ms / 1000.0;
}

double
units_money_to_double(long long micros)
{
	return (double)micros / 1000000.0;
}
