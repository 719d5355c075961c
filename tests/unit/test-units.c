/* SPDX-License-Identifier: ISC */
/* Unit tests for model/units.c, model/board.c and model/clock.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "model/board.h"
#include "model/clock.h"
#include "model/units.h"
#include "tap.h"

static void
seconds_is(const char *in, long long want)
{
	long long	 ms = -7;
	char		*cause = NULL;
	int		 r;

	r = units_parse_seconds(in, &ms, &cause);
	if (want < 0) {
		ok(r == -1 && cause != NULL && strstr(cause, in) != NULL,
		    "seconds '%s' is refused, naming the value", in);
	} else
		ok(r == 0 && ms == want, "seconds '%s' is %lld ms", in, want);
	free(cause);
}

static void
test_seconds(void)
{
	char	*s;

	seconds_is("8", 8000);
	seconds_is("2.5", 2500);
	seconds_is("0.001", 1);
	seconds_is("0", 0);
	seconds_is("1:02.5", 62500);
	seconds_is("10:00", 600000);
	seconds_is("0:59.999", 59999);
	seconds_is("1:60", -1);
	seconds_is("1:5", -1);
	seconds_is(":30", -1);
	seconds_is("1:", -1);
	seconds_is("-3", -1);
	seconds_is("abc", -1);
	seconds_is("1e2", -1);
	seconds_is("", -1);
	seconds_is("2.0005", -1);
	seconds_is("99999999", -1);
	seconds_is("8 ", -1);
	s = units_fmt_seconds(8040);
	is_str(s, "8.04", "fmt 8040 ms");
	free(s);
	s = units_fmt_seconds(5);
	is_str(s, "0.01", "fmt rounds half up");
	free(s);
	s = units_fmt_seconds(0);
	is_str(s, "0.00", "fmt 0");
	free(s);
}

static void
test_money(void)
{
	long long	 m = 0;
	char		*cause = NULL, *s;

	ok(units_parse_money("0.35", &m, &cause) == 0 && m == 350000,
	    "money 0.35");
	ok(units_parse_money("12", &m, &cause) == 0 && m == 12000000,
	    "money 12");
	ok(units_parse_money("0.000001", &m, &cause) == 0 && m == 1,
	    "money to the micro-unit");
	ok(units_parse_money("1.1234567", &m, &cause) == -1, "7 decimals");
	free(cause);
	cause = NULL;
	ok(units_parse_money("-1", &m, &cause) == -1, "negative money");
	free(cause);
	cause = NULL;
	s = units_fmt_money(3200000);
	is_str(s, "3.20", "fmt money");
	free(s);
	s = units_fmt_money(5000);
	is_str(s, "0.01", "fmt money rounds half up");
	free(s);
	s = units_fmt_money(4999);
	is_str(s, "0.00", "fmt money rounds down below half a cent");
	free(s);
}

static void
test_other_units(void)
{
	double	 fps = 0;
	char	*cause = NULL, *out = NULL;

	ok(units_parse_fps("23.976", &fps, &cause) == 0 && fps > 23.975 &&
	    fps < 23.977, "fps 23.976");
	ok(units_parse_fps("0", &fps, &cause) == -1, "fps 0 refused");
	free(cause);
	cause = NULL;
	ok(units_parse_fps("1001", &fps, &cause) == -1, "fps 1001 refused");
	free(cause);
	cause = NULL;
	ok(units_parse_frame_size("1280x720", &out, &cause) == 0, "1280x720");
	is_str(out, "1280x720", "normalised frame size");
	free(out);
	out = NULL;
	ok(units_parse_frame_size("1920X1080", &out, &cause) == 0 &&
	    strcmp(out, "1920x1080") == 0, "upper-case X accepted");
	free(out);
	out = NULL;
	ok(units_parse_frame_size("1280x", &out, &cause) == -1, "1280x");
	free(cause);
	cause = NULL;
	ok(units_parse_frame_size("x720", &out, &cause) == -1, "x720");
	free(cause);
	cause = NULL;
	ok(units_parse_frame_size("8x8", &out, &cause) == -1, "too small");
	free(cause);
	cause = NULL;
	ok(units_parse_currency("eur", &out, &cause) == 0 &&
	    strcmp(out, "EUR") == 0, "currency upper-cased");
	free(out);
	ok(units_parse_currency("EURO", &out, &cause) == -1, "4 letters");
	free(cause);
}

static void
test_board(void)
{
	enum status	 st;
	enum verdict	 v;
	char		*cause = NULL, *out = NULL;
	int		 rating = 0;
	struct take	 tk;

	ok(status_parse("Review", &st, &cause) == 0 && st == STATUS_REVIEW,
	    "status parse, any case");
	ok(status_parse("done", &st, &cause) == -1 && cause != NULL &&
	    strstr(cause, "planned generating review approved post final "
	    "omitted") != NULL, "bad status lists the allowed values");
	free(cause);
	cause = NULL;
	ok(verdict_parse("kept", &v, &cause) == 0 && v == VERDICT_KEEP,
	    "verdict synonym kept");
	ok(verdict_parse("nope", &v, &cause) == -1, "bad verdict");
	free(cause);
	cause = NULL;
	ok(board_check_code("scene code", "4A", &cause) == 0, "code 4A");
	ok(board_check_code("scene code", "a/b", &cause) == -1, "code a/b");
	free(cause);
	cause = NULL;
	ok(board_check_code("scene code", "-x", &cause) == -1, "code -x");
	free(cause);
	cause = NULL;
	ok(board_check_code("scene code", ".x", &cause) == -1, "code .x");
	free(cause);
	cause = NULL;
	ok(board_check_code("scene code", "12345678901234567", &cause) == -1,
	    "17 characters");
	free(cause);
	cause = NULL;
	ok(board_check_code("scene code", "", &cause) == -1, "empty code");
	free(cause);
	cause = NULL;
	ok(board_parse_shot_size("mcu", &out, &cause) == 0 &&
	    strcmp(out, "MCU") == 0, "shot size mcu");
	free(out);
	ok(board_parse_shot_size("XL", &out, &cause) == -1, "shot size XL");
	free(cause);
	cause = NULL;
	ok(board_parse_reason("Wrong Face", &out, &cause) == 0 &&
	    strcmp(out, "wrong-face") == 0, "reason normalised");
	free(out);
	ok(board_parse_reason("bad;tag", &out, &cause) == -1, "reason bad;tag");
	free(cause);
	cause = NULL;
	ok(board_parse_rating("5", &rating, &cause) == 0 && rating == 5,
	    "rating 5");
	ok(board_parse_rating("6", &rating, &cause) == -1, "rating 6");
	free(cause);
	cause = NULL;

	out = board_next_shot_code("4", 0);
	is_str(out, "4A", "first shot of scene 4");
	free(out);
	out = board_next_shot_code("4", 8);
	is_str(out, "4J", "I is skipped");
	free(out);
	out = board_next_shot_code("4", 23);
	is_str(out, "4Z", "the 24th shot");
	free(out);
	out = board_next_shot_code("4", 24);
	is_str(out, "4AA", "then two letters");
	free(out);
	out = board_next_shot_code("4A", 1);
	is_str(out, "4A-B", "a separator after a letter");
	free(out);

	memset(&tk, 0, sizeof tk);
	tk.state = TAKE_READY;
	tk.verdict = VERDICT_KEEP;
	tk.duration_ms = 8000;
	tk.in_ms = BOARD_NONE;
	tk.out_ms = BOARD_NONE;
	is_int(board_take_used_ms(&tk), 8000, "kept, untrimmed: all of it");
	tk.in_ms = 1000;
	is_int(board_take_used_ms(&tk), 7000, "in only");
	tk.out_ms = 2500;
	is_int(board_take_used_ms(&tk), 1500, "in and out");
	tk.verdict = VERDICT_MAYBE;
	is_int(board_take_used_ms(&tk), 0, "not kept: nothing used");
}

static void
test_clock(void)
{
	time_t	 t = 0;
	char	*s;

	ok(clock_parse_iso("2026-11-01T12:00:00Z", &t) == 0 &&
	    t == 1793534400, "parse ISO time");
	ok(clock_parse_iso("2026-11-01", &t) == 0 && t == 1793491200,
	    "parse a date");
	ok(clock_parse_iso("2026-13-01", &t) == -1, "month 13");
	ok(clock_parse_iso("yesterday", &t) == -1, "words");
	s = clock_iso(1793534400);
	is_str(s, "2026-11-01T12:00:00Z", "format ISO time");
	free(s);
	setenv("TAKEBOARD_NOW", "2026-11-01T12:00:00Z", 1);
	ok(clock_now() == 1793534400, "TAKEBOARD_NOW fixes the clock");
	clock_fix(1000);
	ok(clock_now() == 1000, "clock_fix wins");
	clock_fix(0);
	clock_set_user("someone");
	is_str(clock_user(), "someone", "clock_set_user");
	clock_set_user(NULL);
}

int
main(void)
{
	test_seconds();
	test_money();
	test_other_units();
	test_board();
	test_clock();
	return done_testing();
}
