/* SPDX-License-Identifier: ISC */
/*
 * Tests for io/io-timecode: rates as exact fractions, ms <-> frames
 * rounding, and timecode labels checked against an independent counter
 * that steps through the labels one frame at a time (skipping the
 * drop-frame labels), for every frame of the first two hours.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "io/io-timecode.h"

#include "tap.h"

static void
test_rates(void)
{
	struct io_rate	 r;
	char		*cause = NULL, *name;

	ok(io_timecode_rate(24, &r, &cause) == 0, "24");
	ok(r.num == 24 && r.den == 1 && r.base == 24 && !r.drop && r.has_tc &&
	    !r.ntsc, "24 is 24/1, non-drop");
	ok(io_timecode_rate(23.976, &r, &cause) == 0, "23.976");
	ok(r.num == 24000 && r.den == 1001 && r.base == 24 && !r.drop &&
	    r.ntsc, "23.976 is 24000/1001, non-drop");
	ok(io_timecode_rate(29.97, &r, &cause) == 0 && r.num == 30000 &&
	    r.den == 1001 && r.drop, "29.97 is 30000/1001, drop frame");
	name = io_timecode_rate_name(&r);
	is_str(name, "29.97 drop frame", "its name");
	free(name);
	ok(io_timecode_rate(59.94, &r, &cause) == 0 && r.num == 60000 &&
	    r.base == 60 && r.drop, "59.94 is drop frame");
	ok(io_timecode_rate(47.952, &r, &cause) == 0 && r.num == 48000 &&
	    !r.drop, "47.952 is 48000/1001, non-drop");
	ok(io_timecode_rate(12.5, &r, &cause) == 0 && r.num == 25 &&
	    r.den == 2 && !r.has_tc, "12.5 is 25/2 without timecode");
	name = io_timecode_rate_name(&r);
	is_str(name, "12.5", "its name");
	free(name);
	ok(io_timecode_rate(0, &r, &cause) == -1 && cause != NULL, "0 refused");
	free(cause);
	ok(io_timecode_rate(1001, &r, NULL) == -1, "1001 refused");
	ok(io_timecode_rate(NAN, &r, NULL) == -1, "NaN refused");
}

static void
test_frames(void)
{
	struct io_rate	 r;

	io_timecode_rate(24, &r, NULL);
	is_int(io_timecode_frames(&r, 0), 0, "0 ms");
	is_int(io_timecode_frames(&r, 1000), 24, "1 s at 24");
	is_int(io_timecode_frames(&r, 20), 0, "20 ms rounds down");
	is_int(io_timecode_frames(&r, 21), 1, "21 ms rounds up (20.83)");
	is_int(io_timecode_ms(&r, 1), 42, "one frame is 41.67 ms");
	is_int(io_timecode_ms(&r, 108), 4500, "108 frames");
	io_timecode_rate(23.976, &r, NULL);
	is_int(io_timecode_frames(&r, 5125), 123, "5.125 s at 23.976");
	is_int(io_timecode_ms(&r, 24), 1001, "24 frames at 23.976");
	is_int(io_timecode_frames(&r, 1000LL * 3600 * 24 * 7),
	    14500699, "a week of footage without overflow");
}

/* The reference: labels counted up frame by frame. */
struct label {
	int	 h, m, s, f;
};

static void
label_next(struct label *l, int base, int drop)
{
	if (++l->f < base)
		return;
	l->f = 0;
	if (++l->s < 60)
		return;
	l->s = 0;
	l->m++;
	if (l->m == 60) {
		l->m = 0;
		l->h++;
	}
	if (drop > 0 && l->m % 10 != 0)
		l->f = drop;
}

static void
check_rate(double fps, long long n)
{
	struct io_rate	 r;
	struct label	 l = { 0, 0, 0, 0 };
	char		 got[IO_TC_LEN], want[64];
	long long	 i, back;
	int		 bad = 0, badparse = 0;

	io_timecode_rate(fps, &r, NULL);
	for (i = 0; i < n; i++) {
		snprintf(want, sizeof want, "%02d:%02d:%02d%c%02d", l.h, l.m,
		    l.s, r.drop ? ';' : ':', l.f);
		if (io_timecode_format(&r, i, got, sizeof got) != 0 ||
		    strcmp(got, want) != 0) {
			if (bad++ == 0)
				printf("# frame %lld: got %s, want %s\n", i,
				    got, want);
		}
		if (io_timecode_parse(&r, want, &back, NULL) != 0 ||
		    back != i)
			badparse++;
		label_next(&l, r.base, r.drop ? r.base / 15 : 0);
	}
	ok(bad == 0, "%g fps: %lld labels match the counter", fps, n);
	ok(badparse == 0, "%g fps: every label parses back", fps);
}

static void
test_labels(void)
{
	struct io_rate	 r;
	char		 b[IO_TC_LEN];
	long long	 f;
	char		*cause = NULL;

	check_rate(24, 24LL * 7200);
	check_rate(25, 25LL * 7200);
	check_rate(23.976, 24LL * 7200);
	check_rate(29.97, 30LL * 7200);
	check_rate(59.94, 60LL * 3600);
	check_rate(30, 30LL * 3600);

	io_timecode_rate(29.97, &r, NULL);
	io_timecode_format(&r, 1800, b, sizeof b);
	is_str(b, "00:01:00;02", "1800 frames at 29.97 DF");
	io_timecode_format(&r, 17982, b, sizeof b);
	is_str(b, "00:10:00;00", "ten minutes");
	io_timecode_format(&r, 107892, b, sizeof b);
	is_str(b, "01:00:00;00", "one hour");
	is_int(io_timecode_day(&r), 2589408, "24 hours of 29.97 DF");
	ok(io_timecode_format(&r, 2589408, b, sizeof b) == -1,
	    "past 24 hours");
	ok(io_timecode_format(&r, -1, b, sizeof b) == -1, "negative");
	ok(io_timecode_parse(&r, "00:01:00;00", &f, &cause) == -1 &&
	    cause != NULL && strstr(cause, "does not exist") != NULL,
	    "a dropped label is refused");
	free(cause);
	ok(io_timecode_parse(&r, "00:01:00:02", &f, NULL) == 0 && f == 1800,
	    "':' before the frames is read at the rate");
	io_timecode_rate(59.94, &r, NULL);
	io_timecode_format(&r, 3600, b, sizeof b);
	is_str(b, "00:01:00;04", "59.94 drops four labels");

	io_timecode_rate(24, &r, NULL);
	ok(io_timecode_parse(&r, "01:00:00:00", &f, NULL) == 0 && f == 86400,
	    "one hour at 24");
	ok(io_timecode_parse(&r, "23:59:59:23", &f, NULL) == 0 &&
	    f == 24LL * 86400 - 1, "the last label");
	ok(io_timecode_parse(&r, "00:00:00:24", &f, &cause) == -1, "frame 24");
	free(cause);
	ok(io_timecode_parse(&r, "24:00:00:00", &f, NULL) == -1, "hour 24");
	ok(io_timecode_parse(&r, "00:60:00:00", &f, NULL) == -1, "minute 60");
	ok(io_timecode_parse(&r, "00:00:60:00", &f, NULL) == -1, "second 60");
	ok(io_timecode_parse(&r, "1:00:00:00", &f, NULL) == -1, "one digit");
	ok(io_timecode_parse(&r, "01:00:00:00x", &f, NULL) == -1, "trailing");
	ok(io_timecode_parse(&r, "", &f, NULL) == -1, "empty");
	ok(io_timecode_parse(&r, "01-00-00-00", &f, NULL) == -1, "dashes");
	ok(io_timecode_parse(&r, "01:00:00.12", &f, NULL) == 0 &&
	    f == 86412, "'.' before the frames");
	io_timecode_rate(120, &r, NULL);
	io_timecode_format(&r, 119, b, sizeof b);
	is_str(b, "00:00:00:119", "three-digit frames at 120");
	io_timecode_rate(12.5, &r, NULL);
	ok(io_timecode_format(&r, 0, b, sizeof b) == -1,
	    "no timecode at 12.5");
	ok(io_timecode_parse(&r, "00:00:00:00", &f, NULL) == -1,
	    "no parse at 12.5");
}

int
main(void)
{
	test_rates();
	test_frames();
	test_labels();
	return done_testing();
}
