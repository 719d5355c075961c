/* SPDX-License-Identifier: ISC */
/*
 * Tests for io/io-csv: the RFC 4180 reader (quotes, doubled quotes,
 * line breaks in fields, CRLF, BOM, ';' and tab separators) and its
 * refusals with line numbers, the writer's quoting and formula guard,
 * shot and take lists written and read back unchanged, column mapping
 * errors, and the import plans (create, update, move, reorder, matching
 * by description, read-only take columns).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "io/io-csv.h"

#include "tap.h"

static int
parse(const char *s, struct csv_file *f, char **cause)
{
	return io_csv_parse(s, strlen(s), f, cause);
}

static void
parse_bad(const char *s, const char *want, const char *what)
{
	struct csv_file	 f;
	char		*cause = NULL;
	int		 rv;

	rv = parse(s, &f, &cause);
	ok(rv == -1, "refused: %s", what);
	if (rv == 0)
		io_csv_free(&f);
	ok(cause != NULL && strstr(cause, want) != NULL,
	    "%s: message has '%s' (%s)", what, want, cause ? cause : "none");
	free(cause);
}

static void
test_parse(void)
{
	struct csv_file	 f;
	char		*cause = NULL;

	ok(parse("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n", &f, &cause) ==
	    0, "quoted fields");
	is_int(f.records.n, 2, "two records");
	is_str(f.records.v[1].cells[1], "x, y", "comma in quotes");
	is_str(f.records.v[1].cells[2], "say \"hi\"", "doubled quotes");
	io_csv_free(&f);

	ok(parse("\xef\xbb\xbfh1,h2\n\"line\r\nbreak\",2\n\n,\n3,4", &f,
	    &cause) == 0, "BOM, line breaks, blank rows, no final newline");
	is_int(f.records.n, 3, "blank rows dropped");
	is_str(f.records.v[0].cells[0], "h1", "BOM stripped");
	is_str(f.records.v[1].cells[0], "line\nbreak", "CRLF in a field "
	    "becomes LF");
	is_int(f.records.v[2].line, 6, "line numbers count physical lines");
	io_csv_free(&f);

	ok(parse("a;b\n1,5;2\n", &f, &cause) == 0 && f.sep == ';',
	    "';' separator");
	is_str(f.records.v[1].cells[0], "1,5", "a decimal comma stays");
	io_csv_free(&f);
	ok(parse("a\tb\n1\t2\n", &f, &cause) == 0 && f.sep == '\t' &&
	    f.records.v[1].n == 2, "tab separator");
	io_csv_free(&f);
	ok(parse("a,b\n\"\",x\n", &f, &cause) == 0 &&
	    strcmp(f.records.v[1].cells[0], "") == 0, "empty quoted field");
	io_csv_free(&f);

	/* Fields are cut out in place: a bare field's end overwrites its
	 * separator, which a blank row with too many fields still needs. */
	ok(parse("h1,h2,h3\n\"a\"\"b\",c,\"\"\n,,, ,\nx,\"y\nz\",w", &f,
	    &cause) == 0, "fields cut in place");
	is_int(f.records.n, 3, "a blank row with too many fields is dropped");
	is_str(f.records.v[1].cells[0], "a\"b", "quoted field moved left");
	is_str(f.records.v[1].cells[1], "c", "bare field ends at its comma");
	is_str(f.records.v[1].cells[2], "", "empty quoted field at the end");
	ok(f.records.v[2].n == 3 && strcmp(f.records.v[2].cells[0], "x") ==
	    0 && strcmp(f.records.v[2].cells[1], "y\nz") == 0 &&
	    strcmp(f.records.v[2].cells[2], "w") == 0 &&
	    f.records.v[2].line == 4, "the row after it is read whole");
	io_csv_free(&f);

	parse_bad("", "empty", "an empty file");
	parse_bad("a,b\n1,\"open\n2,3\n", "line 2: a quoted field is never "
	    "closed", "an unclosed quote");
	parse_bad("a,b\n1,\"x\"y\n", "line 2: text after the closing quote",
	    "text after a quote");
	parse_bad("a,b\n1,x\"y\n", "line 2: a quote inside", "a stray quote");
	parse_bad("a,b\n1,2\n3\n", "line 3: fewer fields", "a short row");
	parse_bad("a,b\n1,2,3\n", "line 2: more fields", "a long row");
	parse_bad("a,b\n\x01\x02,3\n", "line 2: binary", "binary");
	parse_bad("a,b\nCaf\xe9,3\n", "line 2: not UTF-8", "Latin-1");
	parse_bad("a,b\n\"x\ny\",\xff\n", "line 3: not UTF-8",
	    "Latin-1 after a line break in a field");
}

static void
test_write(void)
{
	struct buf	 b;
	char		*s;

	buf_init(&b);
	io_csv_cell(&b, "plain", false);
	io_csv_cell(&b, "a,b", false);
	io_csv_cell(&b, "say \"x\"", false);
	io_csv_cell(&b, NULL, false);
	io_csv_cell(&b, " pad", false);
	io_csv_cell(&b, "=SUM(A1)", true);
	io_csv_cell(&b, "'=x", true);
	io_csv_cell(&b, "-3 dB", true);
	io_csv_cell(&b, "=not text", false);
	io_csv_end(&b);
	is_str(buf_str(&b), "plain,\"a,b\",\"say \"\"x\"\"\",,\" pad\","
	    "'=SUM(A1),''=x,'-3 dB,=not text\r\n", "quoting and the formula "
	    "guard");
	buf_fini(&b);
	s = io_csv_decimal(8000, 3);
	is_str(s, "8", "whole seconds");
	free(s);
	s = io_csv_decimal(2500, 3);
	is_str(s, "2.5", "trailing zeros dropped");
	free(s);
	s = io_csv_decimal(350000, 6);
	is_str(s, "0.35", "money");
	free(s);
	s = io_csv_decimal(123, 6);
	is_str(s, "0.000123", "small money");
	free(s);
}

static void
add_shot(struct shot_list *l, long long id, long long scene, const char *sc,
    const char *code, long long pos, const char *desc)
{
	struct shot	*sh = ARRAY_ADD(l);

	sh->id = id;
	sh->scene_id = scene;
	sh->scene_code = xstrdup(sc);
	sh->code = xstrdup(code);
	sh->position = pos;
	sh->description = xstrdup(desc);
	sh->target_ms = BOARD_NONE;
	sh->action = xstrdup("");
	sh->dialogue = xstrdup("");
	sh->notes = xstrdup("");
	sh->created = xstrdup("2026-01-01T00:00:00Z");
}

static void
add_scene(struct scene_list *l, long long id, const char *code)
{
	struct scene	*sc = ARRAY_ADD(l);

	sc->id = id;
	sc->code = xstrdup(code);
	sc->position = id;
	sc->heading = xstrdup(code);
}

/* A shot list with awkward text survives writing and reading. */
static void
test_shots_roundtrip(void)
{
	struct shot_list	 l;
	struct scene_list	 scenes;
	struct csv_doc		 d;
	struct csv_plan		 p;
	char			*text, *cause = NULL;
	size_t			 i;
	int			 same = 1;

	memset(&l, 0, sizeof l);
	memset(&scenes, 0, sizeof scenes);
	add_scene(&scenes, 1, "010");
	add_scene(&scenes, 2, "2");
	add_shot(&l, 1, 1, "010", "010A", 1, "Kettle, \"boiling\"\nover");
	l.v[0].size = xstrdup("CU");
	l.v[0].angle = xstrdup("=low");
	l.v[0].movement = xstrdup("'+dolly");
	l.v[0].lens = xstrdup("35mm");
	l.v[0].target_ms = 2500;
	l.v[0].status = STATUS_REVIEW;
	free(l.v[0].notes);
	l.v[0].notes = xstrdup("  spaced  \n\tand tabbed; caf\xc3\xa9 "
	    "\xe2\x9c\x93");
	add_shot(&l, 2, 1, "010", "010B", 2, "");
	add_shot(&l, 3, 2, "2", "2A", 1, "@mention -minus +plus");
	text = io_csv_write_shots(&l);
	ok(strncmp(text, "Scene,Shot,Order,Description,Size,Angle,Movement,"
	    "Lens,Seconds,Status,Notes\r\n010,010A,1,", 67) == 0,
	    "header, codes as text");
	ok(io_csv_read(text, strlen(text), &d, &cause) == 0, "reads back");
	is_int(d.kind, CSV_SHOTS, "a shot list");
	is_int(d.shots.n, 3, "three rows");
	is_str(d.shots.v[0].scene, "010", "leading zero kept");
	is_str(d.shots.v[0].shot.description, "Kettle, \"boiling\"\nover",
	    "description");
	is_str(d.shots.v[0].shot.angle, "=low", "formula guard undone");
	is_str(d.shots.v[0].shot.movement, "'+dolly", "guarded quote undone");
	is_str(d.shots.v[0].shot.notes, l.v[0].notes, "notes exactly");
	is_int(d.shots.v[0].shot.target_ms, 2500, "seconds");
	is_int(d.shots.v[0].shot.status, STATUS_REVIEW, "status");
	is_str(d.shots.v[2].shot.description, "@mention -minus +plus",
	    "description guard undone");
	ok(io_csv_plan_shots(&d, &scenes, &l, &p, &cause) == 0, "plan");
	for (i = 0; i < p.shots.n; i++)
		same = same && p.shots.v[i].verb == IO_SAME;
	ok(same && p.orders.n == 0, "export then import changes nothing");
	io_csv_plan_free(&p);
	io_csv_doc_free(&d);
	free(text);
	shot_list_free(&l);
	scene_list_free(&scenes);
}

static void
read_bad(const char *s, const char *want, const char *what)
{
	struct csv_doc	 d;
	char		*cause = NULL;
	int		 rv;

	rv = io_csv_read(s, strlen(s), &d, &cause);
	ok(rv == -1, "refused: %s", what);
	if (rv == 0)
		io_csv_doc_free(&d);
	ok(cause != NULL && strstr(cause, want) != NULL,
	    "%s: message has '%s' (%s)", what, want, cause ? cause : "none");
	free(cause);
}

static void
test_read_errors(void)
{
	read_bad("Scene,Shot,Colour\n1,1A,red\n", "line 1: unknown column "
	    "'Colour'", "an unknown column");
	read_bad("Scene,Shot,shot\n1,1A,1A\n", "line 1: column Shot appears "
	    "twice", "a repeated column");
	read_bad("Shot,Description\n1A,x\n", "line 1: no Scene column",
	    "no Scene");
	read_bad("Scene,Description\n1,x\n", "line 1: no Shot column",
	    "no Shot");
	read_bad("Scene,Shot,Size\n1,1A,MS\n1,1B,XL\n", "line 3: Size: bad "
	    "shot size 'XL'", "a bad size");
	read_bad("Scene,Shot,Seconds\n1,1A,8s\n", "line 2: Seconds: bad "
	    "duration", "a bad duration");
	read_bad("Scene,Shot,Seconds\n1,1A,0\n", "line 2: Seconds: must be "
	    "more than 0", "a zero target");
	read_bad("Scene,Shot,Status\n1,1A,done\n", "line 2: Status: bad "
	    "status", "a bad status");
	read_bad("Scene,Shot,Order\n1,1A,first\n", "line 2: Order: bad "
	    "position", "a bad order");
	read_bad("Scene,Shot\n1,-1A\n", "line 2: Shot: bad shot code",
	    "a bad code");
	read_bad("Scene,Shot,Description\n,1A,x\n", "line 2: Scene: empty",
	    "an empty scene");
	read_bad("Take,Verdict\n,keep\n", "line 2: Take: empty", "no take id");
	read_bad("Take,Verdict\n4,great\n", "line 2: Verdict: bad verdict",
	    "a bad verdict");
	read_bad("Take,Rating\n4,6\n", "line 2: Rating: bad rating",
	    "a bad rating");
	read_bad("Take,Reasons\n4,\"ok, no way!\"\n", "line 2: Reasons: bad "
	    "reason 'way!'", "a bad reason");
	read_bad("Take,Cost\n4,-1\n", "line 2: Cost: bad amount",
	    "a negative cost");
	read_bad("Take,Shot,Colour\n4,1A,x\n", "unknown column 'Colour' (a "
	    "take list has", "an unknown take column");
}

static void
test_plan_shots(void)
{
	struct shot_list	 l;
	struct scene_list	 scenes;
	struct csv_doc		 d;
	struct csv_plan		 p;
	char			*cause = NULL;
	const char		*csv;

	memset(&l, 0, sizeof l);
	memset(&scenes, 0, sizeof scenes);
	add_scene(&scenes, 1, "1");
	add_scene(&scenes, 2, "4A");
	add_shot(&l, 1, 1, "1", "1A", 1, "Wide");
	add_shot(&l, 2, 1, "1", "1B", 2, "Close");
	add_shot(&l, 3, 1, "1", "1C", 3, "Insert");
	add_shot(&l, 4, 2, "4A", "4A-A", 1, "Roof");

	csv = "Scene,Shot,Order,Description,Seconds\n"
	    "1,1C,1,Insert,\n"
	    "1,,,Close,3\n"
	    "4A,,,Sky,\n"
	    "1,1Z,,New coded,\n"
	    "4A,1A,,Wide,\n";
	ok(io_csv_read(csv, strlen(csv), &d, &cause) == 0, "read");
	ok(io_csv_plan_shots(&d, &scenes, &l, &p, &cause) == 0, "plan");
	is_int(p.shots.n, 5, "five lines");
	is_int(p.shots.v[0].verb, IO_CHANGE, "1C moves first");
	is_str(p.shots.v[0].changes, "order 3 -> 1", "its change");
	is_int(p.shots.v[1].verb, IO_CHANGE, "described row matches 1B");
	is_int(p.shots.v[1].shot_id, 2, "shot 1B");
	is_str(p.shots.v[1].changes, "seconds - -> 3", "only seconds");
	ok(p.shots.v[1].edit, "a field edit");
	is_int(p.shots.v[2].verb, IO_CREATE, "Sky is new");
	is_str(p.shots.v[2].shot.code, "4A-B", "next code of scene 4A");
	is_int(p.shots.v[3].verb, IO_CREATE, "1Z is new with its code");
	is_str(p.shots.v[3].shot.code, "1Z", "code kept");
	is_int(p.shots.v[4].verb, IO_CHANGE, "1A moves to scene 4A");
	ok(p.shots.v[4].move && !p.shots.v[4].edit, "a move, no field edit");
	is_str(p.shots.v[4].changes, "scene 1 -> 4A", "its change");
	is_int(p.orders.n, 1, "one scene reordered (4A takes its new shots "
	    "at the end, in file order)");
	is_int(p.orders.v[0].slots.n, 3, "scene 1: 1C, 1B, 1Z");
	ok(p.orders.v[0].slots.v[0].shot_id == 0 &&
	    p.orders.v[0].slots.v[0].action == 0, "1C first");
	ok(p.orders.v[0].slots.v[1].shot_id == 0 &&
	    p.orders.v[0].slots.v[1].action == 1 &&
	    p.orders.v[0].slots.v[2].shot_id == 0 &&
	    p.orders.v[0].slots.v[2].action == 3, "then 1B, then new 1Z");
	is_int(p.tally.n[IO_CREATE], 2, "two to create");
	is_int(p.tally.n[IO_CHANGE], 3, "three to change");
	io_csv_plan_free(&p);
	io_csv_doc_free(&d);

	csv = "Scene,Shot\n1,1A\n1,1A\n";
	ok(io_csv_read(csv, strlen(csv), &d, &cause) == 0, "read");
	ok(io_csv_plan_shots(&d, &scenes, &l, &p, &cause) == -1 && cause !=
	    NULL && strcmp(cause, "line 3: shot 1A is listed twice (also on "
	    "line 2)") == 0, "a shot twice is refused");
	free(cause);
	io_csv_doc_free(&d);

	csv = "Scene,Shot\n9,1A\n";
	ok(io_csv_read(csv, strlen(csv), &d, &cause) == 0, "read");
	ok(io_csv_plan_shots(&d, &scenes, &l, &p, &cause) == -1 && cause !=
	    NULL && strncmp(cause, "line 2: no scene '9'", 20) == 0,
	    "an unknown scene is refused");
	free(cause);
	io_csv_doc_free(&d);

	csv = "Scene,Shot,Order\n1,1A,2\n1,1B,2\n1,1C,9\n";
	ok(io_csv_read(csv, strlen(csv), &d, &cause) == 0, "read");
	ok(io_csv_plan_shots(&d, &scenes, &l, &p, &cause) == 0, "plan");
	ok(p.orders.n == 0, "positions 2, 2, 9 of three shots keep the "
	    "order: ties follow the file, 9 is the end");
	io_csv_plan_free(&p);
	io_csv_doc_free(&d);

	shot_list_free(&l);
	scene_list_free(&scenes);
}

static void
add_take(struct take_list *l, long long id, const char *shot,
    enum verdict v, long long dur)
{
	struct take	*tk = ARRAY_ADD(l);

	tk->id = id;
	tk->shot_id = 1;
	tk->shot_code = xstrdup(shot);
	tk->scene_code = xstrdup("1");
	tk->prompt_id = 7;
	tk->prompt_label = xstrdup("v1");
	tk->file = xasprintf("takes/1/%s/%s-t%05lld.mp4", shot, shot, id);
	tk->duration_ms = dur;
	tk->state = TAKE_READY;
	tk->verdict = v;
	tk->in_ms = tk->out_ms = BOARD_NONE;
	tk->cost = 350000;
}

static void
plan_takes_bad(const char *csv, const struct take_list *l,
    const struct prompt_list *pl, const char *want, const char *what)
{
	struct csv_doc	 d;
	struct csv_plan	 p;
	char		*cause = NULL;

	if (io_csv_read(csv, strlen(csv), &d, &cause) != 0) {
		ok(0, "%s: read failed: %s", what, cause);
		free(cause);
		return;
	}
	ok(io_csv_plan_takes(&d, l, pl, &p, &cause) == -1 && cause != NULL &&
	    strstr(cause, want) != NULL, "%s (%s)", what,
	    cause != NULL ? cause : "accepted");
	free(cause);
	io_csv_doc_free(&d);
}

static void
test_takes(void)
{
	struct take_list	 l;
	struct prompt_list	 pl;
	struct prompt		*pr;
	struct csv_doc		 d;
	struct csv_plan		 p;
	char			*text, *cause = NULL;
	const char		*csv;

	memset(&l, 0, sizeof l);
	memset(&pl, 0, sizeof pl);
	pr = ARRAY_ADD(&pl);
	pr->id = 7;
	pr->text = xstrdup("=a kettle, \"boiling\"\nover a flame");
	add_take(&l, 1, "1A", VERDICT_KEEP, 8000);
	l.v[0].in_ms = 1500;
	l.v[0].rating = 4;
	add_take(&l, 2, "1A", VERDICT_REJECT, 5125);
	str_list_add(&l.v[1].reasons, "morphing");
	str_list_add(&l.v[1].reasons, "wrong-face");
	l.v[1].cost = 123456;
	add_take(&l, 3, "1A", VERDICT_UNREVIEWED, BOARD_NONE);
	l.v[2].state = TAKE_FAILED;
	free(l.v[2].file);
	l.v[2].file = NULL;

	text = io_csv_write_takes(&l, &pl);
	ok(strstr(text, "\r\n1A,2,v1,\"'=a kettle, \"\"boiling\"\"\nover a "
	    "flame\",,,5.125,reject,\"morphing, wrong-face\",,,,0.123456,"
	    "takes/1/1A/1A-t00002.mp4\r\n") != NULL, "a take row");
	ok(io_csv_read(text, strlen(text), &d, &cause) == 0, "reads back");
	is_int(d.kind, CSV_TAKES, "a take list");
	ok(io_csv_plan_takes(&d, &l, &pl, &p, &cause) == 0, "plan");
	is_int(p.tally.n[IO_SAME], 3, "export then import changes nothing");
	io_csv_plan_free(&p);
	io_csv_doc_free(&d);
	free(text);

	csv = "Take,Verdict,In,Out,Rating,Cost,Reasons\n"
	    "1,keep,2,7.5,,0.5,\n"
	    "2,reject,,,5,0.123456,\"wrong-face,morphing\"\n";
	ok(io_csv_read(csv, strlen(csv), &d, &cause) == 0, "read edits");
	ok(io_csv_plan_takes(&d, &l, &pl, &p, &cause) == 0, "plan edits");
	is_int(p.takes.v[0].verb, IO_CHANGE, "take 1 changes");
	is_str(p.takes.v[0].changes, "in 1.5 -> 2, out - -> 7.5, rating 4 -> "
	    "-, cost 0.35 -> 0.5", "in, out, rating and cost");
	ok(p.takes.v[0].review && p.takes.v[0].rate && p.takes.v[0].cost,
	    "review, rate and cost to apply");
	is_str(p.takes.v[1].changes, "rating - -> 5",
	    "reasons in another order are the same");
	io_csv_plan_free(&p);
	io_csv_doc_free(&d);

	plan_takes_bad("Take\n9\n", &l, &pl, "line 2: no take 9",
	    "an unknown take");
	plan_takes_bad("Take\n1\n1\n", &l, &pl, "line 3: take 1 is listed "
	    "twice", "a take twice");
	plan_takes_bad("Take,Shot\n1,1B\n", &l, &pl, "line 2: take 1: Shot is "
	    "'1A' in the production, not '1B'", "a take cannot move");
	plan_takes_bad("Take,File\n1,x.mp4\n", &l, &pl, "File is", "File");
	plan_takes_bad("Take,Seconds\n1,7\n", &l, &pl, "Seconds is '8'",
	    "Seconds");
	plan_takes_bad("Take,Prompt\n1,other\n", &l, &pl, "Prompt differs",
	    "Prompt");
	plan_takes_bad("Take,Verdict,In\n1,maybe,1\n", &l, &pl, "In and Out "
	    "are only for kept takes", "in on a maybe");
	plan_takes_bad("Take,Verdict,Reasons\n1,keep,blur\n", &l, &pl,
	    "Reasons are only for rejected takes", "reasons on a keep");
	plan_takes_bad("Take,In,Out\n1,5,4\n", &l, &pl, "In must come before "
	    "Out", "in after out");
	plan_takes_bad("Take,Out\n1,9\n", &l, &pl, "must lie within the take",
	    "out past the end");
	plan_takes_bad("Take,Verdict\n3,keep\n", &l, &pl, "take 3 is failed",
	    "a failed take cannot be kept");
	take_list_free(&l);
	prompt_list_free(&pl);
}

/* Mutations of a valid file: parsed or refused, never a crash. */
static void
test_mutations(void)
{
	static const char	 base[] = "Scene,Shot,Order,Description,Size,"
	    "Seconds,Status,Notes\r\n1,1A,1,\"Wide, \"\"x\"\"\",MS,2.5,"
	    "planned,\"a\nb\"\r\n2,,,=y,,,,\r\n";
	struct csv_doc		 d;
	char			 copy[sizeof base], *cause;
	size_t			 i, len = sizeof base - 1;
	uint32_t		 x = 88172645U;
	int			 n;

	for (n = 0; n < 5000; n++) {
		memcpy(copy, base, sizeof base);
		for (i = 0; i < 1 + (size_t)(n % 6); i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			copy[x % len] = ",\"\r\n;\t'=\x80\0aZ1 .:"[x % 17];
		}
		cause = NULL;
		if (io_csv_read(copy, x % (len + 1), &d, &cause) == 0)
			io_csv_doc_free(&d);
		else if (cause == NULL)
			break;
		free(cause);
	}
	is_int(n, 5000, "5000 mutated files read or refused with a message");
}

int
main(void)
{
	test_parse();
	test_write();
	test_shots_roundtrip();
	test_read_errors();
	test_plan_shots();
	test_takes();
	test_mutations();
	return done_testing();
}
