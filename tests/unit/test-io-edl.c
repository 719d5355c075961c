/* SPDX-License-Identifier: ISC */
/*
 * Tests for io/io-edl: the exact text written for the fixture's cut at
 * 24 fps, drop-frame at 29.97, ASCII only; the reader on takeboard's own
 * output and on an editor's EDL (audio events, dissolves, M2, SPLIT,
 * black, SOURCE FILE), its refusals with line numbers, matching events
 * to takes, and mutated input that must never crash.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "io/io-cut.h"
#include "io/io-edl.h"

#include "tap.h"
#include "io-fixture.h"

static const char golden24[] =
    "TITLE: Brick & Steel\n"
    "FCM: NON-DROP FRAME\n"
    "\n"
    "001  T0000001 V     C        00:00:01:00 00:00:05:12 01:00:00:00 "
    "01:00:04:12\n"
    "* FROM CLIP NAME: 1A-t00001.mp4\n"
    "* TAKEBOARD TAKE: 1\n"
    "* TAKEBOARD SHOT: 1A\n"
    "\n"
    "002  T0000002 V     C        00:00:00:00 00:00:05:00 01:00:04:12 "
    "01:00:09:12\n"
    "* FROM CLIP NAME: 1A-t00002.mp4\n"
    "* TAKEBOARD TAKE: 2\n"
    "* TAKEBOARD SHOT: 1A\n";

static void
test_write(void)
{
	struct io_cut	 c;
	struct buf	 b;
	char		*cause = NULL;

	fx_cut(24, "Brick & Steel", "/prod", &c);
	buf_init(&b);
	ok(io_edl_write(&c, &b, &cause) == 0, "write at 24");
	is_str(buf_str(&b), golden24, "the EDL at 24 fps");
	c.start = 0;
	buf_reset(&b);
	io_edl_write(&c, &b, &cause);
	ok(strstr(buf_str(&b), " 00:00:00:00 00:00:04:12\n") != NULL,
	    "another start");
	io_cut_free(&c);

	fx_cut(29.97, "Caf\xc3\xa9 \xe2\x9c\x93\x01 cut", "/prod", &c);
	buf_reset(&b);
	ok(io_edl_write(&c, &b, &cause) == 0, "write at 29.97");
	ok(strncmp(buf_str(&b), "TITLE: Caf_ __ cut\nFCM: DROP FRAME\n",
	    35) == 0, "ASCII title, drop frame");
	ok(strstr(buf_str(&b), "00:00:01;00 00:00:05;15 01:00:00;00 "
	    "01:00:04;15\n") != NULL, "drop-frame timecodes");
	io_cut_free(&c);

	fx_cut(12.5, "x", "/prod", &c);
	buf_reset(&b);
	ok(io_edl_write(&c, &b, &cause) == -1 && cause != NULL &&
	    strstr(cause, "12.5 fps") != NULL, "no EDL without timecode");
	free(cause);
	cause = NULL;
	io_cut_free(&c);

	fx_cut(24, "x", "/prod", &c);
	c.start = 24LL * 86400 - 100;
	buf_reset(&b);
	ok(io_edl_write(&c, &b, &cause) == -1 && cause != NULL &&
	    strstr(cause, "24 hours") != NULL, "past 24 hours");
	free(cause);
	io_cut_free(&c);
	buf_fini(&b);
}

static void
takes_fixture(struct take_list *l)
{
	struct take	*tk;

	memset(l, 0, sizeof *l);
	fx_take(l, 1, 1, "1A", VERDICT_KEEP, 8000, 1000, 5500, true);
	fx_take(l, 2, 1, "1A", VERDICT_KEEP, 5000, BOARD_NONE, BOARD_NONE,
	    true);
	fx_take(l, 3, 2, "1B", VERDICT_MAYBE, 6000, BOARD_NONE, BOARD_NONE,
	    true);
	tk = fx_take(l, 4, 3, "1C", VERDICT_UNREVIEWED, BOARD_NONE,
	    BOARD_NONE, BOARD_NONE, false);
	tk->state = TAKE_FAILED;
	fx_take(l, 5, 3, "1C", VERDICT_KEEP, 4000, BOARD_NONE, BOARD_NONE,
	    true);
}

static void
test_roundtrip(void)
{
	struct io_cut	 c;
	struct edl	 e;
	struct edl_plan	 p;
	struct take_list l;
	struct buf	 b;
	char		*cause = NULL;
	size_t		 i;
	int		 same = 0;

	fx_cut(24, "Brick & Steel", "/prod", &c);
	buf_init(&b);
	io_edl_write(&c, &b, &cause);
	ok(io_edl_parse(b.data, b.len, &c.rate, &e, &cause) == 0,
	    "our EDL reads back");
	is_str(e.title, "Brick & Steel", "title");
	is_int(e.events.n, 2, "two events");
	ok(e.events.v[0].src_in == 24 && e.events.v[0].src_out == 132 &&
	    e.events.v[0].rec_in == 86400 && e.events.v[0].rec_out == 86508,
	    "event 1 timecodes");
	is_int(e.events.v[1].take_id, 2, "TAKEBOARD TAKE comment");
	is_str(e.events.v[1].clip, "1A-t00002.mp4", "clip name");
	takes_fixture(&l);
	ok(io_edl_plan(&e, &c.rate, &l, NULL, &p, &cause) == 0, "plan");
	for (i = 0; i < p.actions.n; i++)
		same += p.actions.v[i].verb == IO_SAME;
	is_int(same, 2, "both takes unchanged");
	is_int(p.tally.n[IO_KEEP], 1, "take 5 is kept but not in the EDL");
	io_edl_plan_free(&p);
	ok(io_edl_plan(&e, &c.rate, &l, &c, &p, &cause) == 0 &&
	    p.tally.n[IO_KEEP] == 0 && p.tally.n[IO_SAME] == 2,
	    "every clip of the cut is in the EDL");
	io_edl_plan_free(&p);
	io_edl_free(&e);
	io_cut_free(&c);
	take_list_free(&l);

	fx_cut(29.97, "x", "/prod", &c);
	buf_reset(&b);
	io_edl_write(&c, &b, &cause);
	ok(io_edl_parse(b.data, b.len, &c.rate, &e, &cause) == 0 && e.drop,
	    "a drop-frame EDL reads back");
	ok(e.events.v[0].src_in == c.items.v[0].src_in &&
	    e.events.v[1].rec_out == c.start + c.items.v[1].rec_out,
	    "same frames");
	io_edl_free(&e);
	io_cut_free(&c);
	buf_fini(&b);
}

static const char edited[] =
    "TITLE: Edited cut\r\n"
    "FCM: NON-DROP FRAME\r\n"
    "\r\n"
    "001  T0000001 V     C        00:00:01:12 00:00:05:00 01:00:00:00 "
    "01:00:03:12\r\n"
    "* FROM CLIP NAME: renamed.mov\r\n"
    "* TAKEBOARD TAKE: 1\r\n"
    "002  AX       AA    C        00:00:00:00 00:00:05:00 01:00:00:00 "
    "01:00:05:00\r\n"
    "003  AX       V     C        00:00:00:00 00:00:02:00 01:00:03:12 "
    "01:00:05:12\r\n"
    "* FROM CLIP NAME: 1A-t00002.mp4\r\n"
    "003  AX       V     D    012 00:00:02:00 00:00:04:00 01:00:05:12 "
    "01:00:07:12\r\n"
    "* FROM CLIP NAME: 1A-t00002\r\n"
    "M2   AX       048.0                00:00:00:00\r\n"
    "004  BL       V     C        00:00:00:00 00:00:01:00 01:00:07:12 "
    "01:00:08:12\r\n"
    "005  T0000003 V     C        00:00:00:00 00:00:02:00 01:00:08:12 "
    "01:00:10:12\r\n"
    "006  AX       V     C        00:00:00:00 00:00:09:00 01:00:10:12 "
    "01:00:19:12\r\n"
    "* SOURCE FILE: /somewhere/1A-t00002.mp4\r\n"
    "SPLIT:  AUDIO DELAY=  00:00:00:05\r\n";

static void
test_edited(void)
{
	struct io_rate	 r;
	struct edl	 e;
	struct edl_plan	 p;
	struct take_list l;
	char		*cause = NULL;
	const struct edl_action *a;

	io_timecode_rate(24, &r, NULL);
	ok(io_edl_parse(edited, sizeof edited - 1, &r, &e, &cause) == 0,
	    "an editor's EDL parses");
	is_int(e.events.n, 7, "seven events");
	is_int(e.warnings.n, 1, "the M2 line is a warning");
	takes_fixture(&l);
	ok(io_edl_plan(&e, &r, &l, NULL, &p, &cause) == 0, "plan");
	is_int(p.actions.n, 6, "3 takes, 2 skipped events, 1 left out");
	a = &p.actions.v[0];
	ok(a->verb == IO_CHANGE && a->take_id == 1 && a->in_ms == 1500 &&
	    a->out_ms == 5000 && !a->keep, "take 1 trimmed to 1.5-5.0");
	is_str(a->text, "take 1 (shot 1A), event 001: in 1.500, out 5.000 "
	    "(was in 1.000, out 5.500)", "its line");
	a = &p.actions.v[1];
	ok(a->verb == IO_CHANGE && a->take_id == 2 &&
	    a->in_ms == BOARD_NONE && a->out_ms == 4000,
	    "take 2 spans events 003 and 003, by clip name with or without "
	    "extension");
	ok(strstr(a->text, "events 003, 003") != NULL, "both events named");
	a = &p.actions.v[2];
	ok(a->verb == IO_SKIP && strstr(a->text, "event 004") != NULL &&
	    strstr(a->text, "no take matches it") != NULL, "black is skipped");
	a = &p.actions.v[3];
	ok(a->verb == IO_CHANGE && a->take_id == 3 && a->keep &&
	    a->out_ms == 2000, "take 3 by reel name, becomes kept");
	ok(strstr(a->text, "; maybe)") != NULL, "says it was maybe");
	a = &p.actions.v[4];
	ok(a->verb == IO_SKIP && strstr(a->text, "ends after the end of take "
	    "2") != NULL, "an event past the clip is skipped");
	a = &p.actions.v[5];
	ok(a->verb == IO_KEEP && a->take_id == 5, "take 5 left out");
	io_edl_plan_free(&p);
	io_edl_free(&e);
	take_list_free(&l);
}

static void
edl_bad(const char *text, double fps, const char *want, const char *what)
{
	struct io_rate	 r;
	struct edl	 e;
	char		*cause = NULL;
	int		 rv;

	io_timecode_rate(fps, &r, NULL);
	rv = io_edl_parse(text, strlen(text), &r, &e, &cause);
	ok(rv == -1, "refused: %s", what);
	if (rv == 0)
		io_edl_free(&e);
	ok(cause != NULL && strstr(cause, want) != NULL, "%s: '%s' (%s)",
	    what, want, cause != NULL ? cause : "none");
	free(cause);
}

static void
test_refusals(void)
{
	edl_bad("", 24, "no events", "empty");
	edl_bad("TITLE: x\nFCM: NON-DROP FRAME\n", 24, "no events",
	    "no events");
	edl_bad("TITLE: x\n\n001 AX V C 00:00:00:00 00:00:01:00\n", 24,
	    "line 3: an event line needs", "a short event");
	edl_bad("001  AX V C 00:00:00:00 00:00:00:30 01:00:00:00 "
	    "01:00:01:00\n", 24, "line 1: bad timecode '00:00:00:30'",
	    "frame 30 at 24");
	edl_bad("001  AX V C 00:00:02:00 00:00:01:00 01:00:00:00 "
	    "01:00:01:00\n", 24, "line 1: an out point comes before",
	    "out before in");
	edl_bad("001  AX V D x 00:00:00:00 00:00:01:00 01:00:00:00 "
	    "01:00:01:00\n", 24, "line 1: bad transition length",
	    "a bad transition length");
	edl_bad("TITLE: x\nFCM: DROP FRAME\n", 24, "line 2: a drop-frame EDL "
	    "needs 29.97 or 59.94", "drop frame at 24");
	edl_bad("FCM: SOMETIMES\n", 24, "line 1: unknown frame code mode",
	    "a bad FCM");
	edl_bad("TITLE: x\nhello there\n", 24, "line 2: not an EDL line "
	    "('hello there')", "prose");
	edl_bad("TITLE: x\n\x7f\x45LF\x02\x01", 24, "line 2: binary",
	    "binary");
	edl_bad("TITLE: x\nFCM: DROP FRAME\n001  AX V C 00:01:00;00 "
	    "00:01:01;00 01:00:00;00 01:00:01;00\n", 29.97, "line 3: "
	    "timecode '00:01:00;00' does not exist", "a dropped label");
}

static void
test_mutations(void)
{
	struct io_rate	 r;
	struct edl	 e;
	char		 copy[sizeof edited], *cause;
	size_t		 i, len = sizeof edited - 1;
	uint32_t	 x = 123456789U;
	int		 n;

	io_timecode_rate(24, &r, NULL);
	for (n = 0; n < 5000; n++) {
		memcpy(copy, edited, sizeof edited);
		for (i = 0; i < 1 + (size_t)(n % 5); i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			copy[x % len] = "0123456789:;* \n\rTVCDA\x80\0"[x % 24];
		}
		cause = NULL;
		if (io_edl_parse(copy, x % (len + 1), &r, &e, &cause) == 0)
			io_edl_free(&e);
		else if (cause == NULL)
			break;
		free(cause);
	}
	is_int(n, 5000, "5000 mutated EDLs read or refused with a message");
}

int
main(void)
{
	test_write();
	test_roundtrip();
	test_edited();
	test_refusals();
	test_mutations();
	return done_testing();
}
