/* SPDX-License-Identifier: ISC */
/*
 * Timecode arithmetic for the exported cut. A production's frame rate
 * is stored as a decimal (23.976); here it becomes an exact fraction
 * (24000/1001), so frame counts never drift however long the cut is.
 * Drop-frame timecode (29.97 and 59.94 fps) skips the labels ;00 and
 * ;01 (;00 to ;03 at 59.94) of every minute not divisible by ten, so
 * that its labels keep pace with the clock.
 */
#include "config.h"

#include "io/io-timecode.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

static long long
tc_gcd(long long a, long long b)
{
	while (b != 0) {
		long long t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/*
 * Turn a frame rate into an exact fraction: whole rates are n/1, rates
 * within a thousandth of n*1000/1001 are NTSC rates (23.976, 29.97,
 * 59.94...), anything else is its three-decimal value (12.5 is 25/2)
 * and has no timecode. Returns 0, or -1 with *cause.
 */
int
io_timecode_rate(double fps, struct io_rate *r, char **cause)
{
	long long	 milli, n, g;

	if (cause != NULL)
		*cause = NULL;
	memset(r, 0, sizeof *r);
	if (!isfinite(fps) || fps <= 0 || fps > 1000) {
		if (cause != NULL)
			*cause = xasprintf("bad frame rate %g", fps);
		return -1;
	}
	milli = llround(fps * 1000);
	n = llround(fps);
	if (milli % 1000 == 0) {
		r->num = milli / 1000;
		r->den = 1;
		r->base = (int)r->num;
		r->has_tc = true;
	} else if (n > 0 && fabs(fps - (double)n * 1000.0 / 1001.0) < 0.001) {
		r->num = n * 1000;
		r->den = 1001;
		r->base = (int)n;
		r->ntsc = true;
		r->drop = n == 30 || n == 60;
		r->has_tc = true;
	} else {
		g = tc_gcd(milli, 1000);
		r->num = milli / g;
		r->den = 1000 / g;
		r->base = (int)((r->num + r->den - 1) / r->den);
	}
	return 0;
}

/* The rate for people: "24", "23.976", "29.97 drop frame". Caller frees. */
char *
io_timecode_rate_name(const struct io_rate *r)
{
	char	 b[32];
	size_t	 n;

	snprintf(b, sizeof b, "%.3f", (double)r->num / (double)r->den);
	n = strlen(b);
	while (n > 0 && b[n - 1] == '0')
		b[--n] = '\0';
	if (n > 0 && b[n - 1] == '.')
		b[--n] = '\0';
	return xasprintf("%s%s", b, r->drop ? " drop frame" : "");
}

/* Milliseconds (>= 0) to the nearest frame count. */
long long
io_timecode_frames(const struct io_rate *r, long long ms)
{
	if (ms <= 0)
		return 0;
	return (2 * ms * r->num + r->den * 1000) / (2 * r->den * 1000);
}

/* Frames (>= 0) to the nearest millisecond. */
long long
io_timecode_ms(const struct io_rate *r, long long frames)
{
	if (frames <= 0)
		return 0;
	return (2 * frames * r->den * 1000 + r->num) / (2 * r->num);
}

/* Frames dropped from the labels of each minute (0 when not drop). */
static long long
tc_dropped(const struct io_rate *r)
{
	return r->drop ? r->base / 15 : 0;
}

/* How many frames 24 hours of timecode labels hold: the first label
 * that cannot be written. */
long long
io_timecode_day(const struct io_rate *r)
{
	long long	 d = tc_dropped(r);

	return 144 * ((long long)r->base * 600 - 9 * d);
}

/*
 * Write the timecode of frame count `frames` into buf ("01:00:04:12";
 * drop-frame timecode separates the frames with ';'). Returns 0, or -1
 * when the rate has no timecode or the count is negative or past 24
 * hours.
 */
int
io_timecode_format(const struct io_rate *r, long long frames, char *buf,
    size_t len)
{
	long long	 d, per10, permin, q, m, fn, s;
	int		 w;

	if (!r->has_tc || frames < 0 || frames >= io_timecode_day(r))
		return -1;
	d = tc_dropped(r);
	fn = frames;
	if (d > 0) {
		per10 = (long long)r->base * 600 - 9 * d;
		permin = (long long)r->base * 60 - d;
		q = frames / per10;
		m = frames % per10;
		fn += 9 * d * q;
		if (m > d)
			fn += d * ((m - d) / permin);
	}
	w = r->base > 100 ? 3 : 2;
	s = fn / r->base;
	snprintf(buf, len, "%02lld:%02lld:%02lld%c%0*lld", s / 3600,
	    (s / 60) % 60, s % 60, r->drop ? ';' : ':', w, fn % r->base);
	return 0;
}

/* Read min to max digits at *p into *v, then one of the characters of
 * seps (the NUL ending s when seps is ""). Returns 0, or -1. */
static int
tc_field(const char **p, int min, int max, const char *seps, long long *v)
{
	int	 n = 0;

	*v = 0;
	while (n < max && isdigit((unsigned char)**p)) {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (n < min)
		return -1;
	if (*seps == '\0')
		return **p == '\0' ? 0 : -1;
	if (**p == '\0' || strchr(seps, **p) == NULL)
		return -1;
	(*p)++;
	return 0;
}

/*
 * Parse "HH:MM:SS:FF" (the last separator may be ';', '.' or ',', as
 * drop-frame timecode is often written) into a frame count at rate r.
 * Labels that drop-frame timecode skips are errors. Returns 0, or -1
 * with *cause naming the value.
 */
int
io_timecode_parse(const struct io_rate *r, const char *s, long long *frames,
    char **cause)
{
	const char	*p = s;
	long long	 h, m, sec, f, d, label;

	if (cause != NULL)
		*cause = NULL;
	if (!r->has_tc) {
		if (cause != NULL)
			*cause = xstrdup("this frame rate has no timecode");
		return -1;
	}
	if (tc_field(&p, 2, 2, ":", &h) != 0 ||
	    tc_field(&p, 2, 2, ":", &m) != 0 ||
	    tc_field(&p, 2, 2, ":;.,", &sec) != 0 ||
	    tc_field(&p, 2, 3, "", &f) != 0)
		goto bad;
	if (h > 23 || m > 59 || sec > 59 || f >= r->base)
		goto bad;
	d = tc_dropped(r);
	if (d > 0 && sec == 0 && f < d && m % 10 != 0) {
		if (cause != NULL)
			*cause = xasprintf("timecode '%s' does not exist in "
			    "drop-frame timecode (frames ;00 to ;%02lld of "
			    "minute %lld are skipped)", s, d - 1, m);
		return -1;
	}
	label = ((h * 60 + m) * 60 + sec) * r->base + f;
	*frames = label - d * ((h * 60 + m) - (h * 60 + m) / 10);
	return 0;
bad:
	if (cause != NULL) {
		char *name = io_timecode_rate_name(r);

		*cause = xasprintf("bad timecode '%s' (want HH:MM:SS:FF with "
		    "frames below %d at %s fps)", s, r->base, name);
		free(name);
	}
	return -1;
}
