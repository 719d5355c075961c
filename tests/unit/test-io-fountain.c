/* SPDX-License-Identifier: ISC */
/*
 * Tests for io/io-fountain: a script with every element of the Fountain
 * 1.1 syntax (tests/data/io/syntax.fountain), the same with CRLF line
 * ends and a byte-order mark, edge cases (forced headings, "...",
 * INT./EXT., I/E, lower-case headings, dual dialogue, headings that run
 * into text), refusals (empty, binary, Latin-1, unclosed boneyard, bad
 * and repeated scene numbers), mutated input that must never crash, and
 * the import plan.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "model/board.h"
#include "db/db-board.h"
#include "io/io-fountain.h"

#include "tap.h"

static char *
slurp(const char *name, size_t *len)
{
	const char	*dir = getenv("TESTS_DIR");
	char		*path, *data;
	FILE		*f;
	long		 n;

	path = xasprintf("%s/data/io/%s", dir != NULL ? dir : "tests", name);
	f = fopen(path, "rb");
	if (f == NULL) {
		printf("Bail out! cannot open %s\n", path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = xmalloc((size_t)n + 1);
	if (fread(data, 1, (size_t)n, f) != (size_t)n) {
		printf("Bail out! cannot read %s\n", path);
		exit(1);
	}
	data[n] = '\0';
	fclose(f);
	free(path);
	*len = (size_t)n;
	return data;
}

static const char *
chars(const struct fountain_scene *s, struct buf *b)
{
	size_t	 i;

	buf_reset(b);
	buf_adds(b, "");
	for (i = 0; i < s->characters.n; i++)
		buf_addf(b, "%s%s", i > 0 ? "," : "", s->characters.v[i]);
	return buf_str(b);
}

/* Check the parse of syntax.fountain, whatever its line ends. */
static void
check_syntax(const struct fountain *f, const char *how)
{
	const struct fountain_scene	*s = f->scenes.v;
	struct buf			 b;

	buf_init(&b);
	is_str(f->title, "BRICK & STEEL FULL RETIRED", "%s: title", how);
	is_int(f->scenes.n, 8, "%s: eight scenes", how);
	if (f->scenes.n != 8) {
		buf_fini(&b);
		return;
	}
	is_str(s[0].heading, "EXT. BRICK'S PATIO - DAY", "%s: heading", how);
	is_str(s[0].code, "1", "%s: scene number #1#", how);
	is_int(s[0].line, 19, "%s: heading line", how);
	is_str(s[0].section, "ACT I / The patio", "%s: nested sections", how);
	is_str(s[0].synopsis, "Two old partners, two cold beers.",
	    "%s: synopsis (the section's own is not the scene's)", how);
	is_str(s[0].description, "A gorgeous day.  The sun is shining.  But "
	    "BRICK BRADDOCK, retired police detective, is sitting quietly, "
	    "contemplating -- something.\n\nThe SCREEN DOOR slides open and "
	    "DICK STEEL, his former partner and fellow retiree, emerges with "
	    "two cold beers.\n\nSteel sits.  They laugh at the dumb joke.\n\n"
	    "They drink *long* and _well_ from their beers.",
	    "%s: action paragraphs, no dialogue, no transition", how);
	is_str(chars(&s[0], &b), "STEEL,BRICK", "%s: characters", how);

	is_str(s[1].heading, "INT. TRAILER HOME - DAY", "%s: heading 2", how);
	is_str(s[1].code, "1A", "%s: scene number #1A#", how);
	is_str(s[1].description, "This is the home of THE BOY BAND, AKA DAN "
	    "and JACK. They too are drinking beer, and counting the take from "
	    "their last smash-and-grab.  Money, drugs, and ridiculous props "
	    "are strewn about the table.\n\nJack begins to argue vociferously "
	    "in Vietnamese (?), But mercifully we...",
	    "%s: notes are dropped", how);
	is_str(chars(&s[1], &b), "JACK,DAN", "%s: parentheticals skipped",
	    how);

	is_str(s[2].heading, "ext. brick's pool - day",
	    "%s: lower-case heading, boneyard skipped", how);
	ok(s[2].code == NULL, "%s: no scene number", how);
	is_str(s[2].description, "Steel, in the middle of a heated phone "
	    "call:", "%s: description", how);

	is_str(s[3].heading, "SNIPER SCOPE POV", "%s: forced heading", how);
	is_str(s[3].description, "From what seems like only INCHES AWAY.  "
	    "_Steel's face FILLS the *Leupold Mark 4* scope_.\n\n...and then "
	    "the phone rings. This line starts with an ellipsis, not a "
	    "heading.\n\nEXT. THIS IS ACTION, FORCED",
	    "%s: '...' and '!' are action", how);
	is_str(chars(&s[3], &b), "SNIPER", "%s: extension dropped", how);

	is_str(s[4].heading, "INT./EXT. BRICK'S CAR - MOVING",
	    "%s: INT./EXT.", how);
	is_str(s[4].code, "3", "%s: number 3", how);
	is_str(s[4].description, "", "%s: no action", how);

	is_str(s[5].heading, "I/E TRUCK - NIGHT", "%s: I/E", how);
	is_str(chars(&s[5], &b), "McCLANE,BRICK,STEEL",
	    "%s: @ forced, dual dialogue ^", how);

	is_str(s[6].heading, "EST. THE HIDEOUT - NIGHT", "%s: EST.", how);
	is_str(s[6].section, "ACT I / The hideout", "%s: sibling section",
	    how);
	is_str(s[6].description, "THE END",
	    "%s: centred text is action; lyrics and transitions are not", how);

	is_str(s[7].heading, "INT/EXT. GARAGE - DAWN", "%s: INT/EXT.", how);
	is_str(s[7].code, "4-B.", "%s: number with - and .", how);
	is_int(f->warnings.n, 0, "%s: no warnings", how);
	buf_fini(&b);
}

static int
parse(const char *text, struct fountain *f, char **cause)
{
	return io_fountain_parse(text, strlen(text), f, cause);
}

static void
refuse(const char *text, size_t len, const char *want, const char *what)
{
	struct fountain	 f;
	char		*cause = NULL;
	int		 rv;

	if (len == SIZE_MAX)
		len = strlen(text);
	rv = io_fountain_parse(text, len, &f, &cause);
	ok(rv == -1, "refused: %s", what);
	if (rv == 0)
		io_fountain_free(&f);
	ok(cause != NULL && strstr(cause, want) != NULL, "message for %s "
	    "names '%s' (%s)", what, want, cause != NULL ? cause : "none");
	free(cause);
}

static void
test_syntax(void)
{
	struct fountain	 f;
	struct buf	 b;
	char		*data, *cause;
	size_t		 len, i;

	data = slurp("syntax.fountain", &len);
	ok(io_fountain_parse(data, len, &f, &cause) == 0, "syntax parses");
	check_syntax(&f, "LF");
	io_fountain_free(&f);

	buf_init(&b);
	buf_adds(&b, "\xef\xbb\xbf");
	for (i = 0; i < len; i++) {
		if (data[i] == '\n')
			buf_addc(&b, '\r');
		buf_addc(&b, data[i]);
	}
	ok(io_fountain_parse(b.data, b.len, &f, &cause) == 0,
	    "CRLF with a BOM parses");
	check_syntax(&f, "CRLF+BOM");
	io_fountain_free(&f);
	for (i = 0; i < b.len; i++) {
		if (b.data[i] == '\n')
			b.data[i] = '\r';
	}
	ok(io_fountain_parse(b.data, b.len, &f, &cause) == 0,
	    "old Mac CR-only line ends parse");
	is_int(f.scenes.n, 8, "CR: eight scenes");
	io_fountain_free(&f);
	buf_fini(&b);
	free(data);
}

static void
test_edges(void)
{
	struct fountain	 f;
	char		*cause = NULL;

	ok(parse("INT. HOUSE - DAY\n\nJohn enters.\n", &f, &cause) == 0,
	    "a heading on the first line");
	is_int(f.scenes.n, 1, "one scene");
	ok(f.title == NULL, "no title page");
	io_fountain_free(&f);

	ok(parse("Title: X\n\nINT HOUSE\n\nINT. SHED\nJohn enters.\n\n"
	    "EXT. ROAD\n", &f, &cause) == 0, "a heading running into text");
	is_int(f.scenes.n, 2, "two scenes: INT HOUSE (space) and EXT. ROAD");
	is_str(f.scenes.v[0].heading, "INT HOUSE", "prefix with a space");
	is_str(f.scenes.v[0].description, "INT. SHED\nJohn enters.",
	    "the heading that runs into text is action");
	is_int(f.warnings.n, 1, "with a warning");
	ok(f.warnings.n == 1 && strncmp(f.warnings.v[0], "line 5:", 7) == 0,
	    "the warning names line 5");
	is_str(f.title, "X", "title");
	io_fountain_free(&f);

	ok(parse("\n\nINTERIOR DESIGN\n\nEXTRA\n\n.A\n\n..not\n\n. NOT\n",
	    &f, &cause) == 0, "INTERIOR/EXTRA are not headings");
	is_int(f.scenes.n, 1, "only .A is forced");
	is_str(f.scenes.v[0].heading, "A", "forced heading text");
	is_str(f.scenes.v[0].description, "..not\n\n. NOT",
	    "'..' and '. ' do not force");
	io_fountain_free(&f);

	ok(parse("EXT. A #1#\n\nHE\nsays\n\nEXT. B #bad!#\n\nx\n", &f,
	    &cause) == 0, "a bad scene number stays in the heading");
	is_str(f.scenes.v[1].heading, "EXT. B #bad!#", "kept as text");
	ok(f.scenes.v[1].code == NULL, "no code");
	is_str(f.scenes.v[0].characters.n == 1 ?
	    f.scenes.v[0].characters.v[0] : "", "HE", "a short cue");
	io_fountain_free(&f);

	ok(parse("EXT. A\n\nBOB (V.O.) ^\nHi.\n\nBOB\nAgain.\n\n23\nno\n\n"
	    "R2D2\nBeep.\n\nCUT TO:\n\nSMASH CUT TO:\nnot a transition\n",
	    &f, &cause) == 0, "character cues");
	is_int(f.scenes.v[0].characters.n, 3, "BOB once, R2D2, SMASH...");
	is_str(f.scenes.v[0].description, "23\nno",
	    "a cue needs a letter");
	io_fountain_free(&f);

	ok(parse("EXT. A\n\nJOHN\nline one\n  \nline two\n\nAfter.\n", &f,
	    &cause) == 0, "two spaces keep dialogue going");
	is_str(f.scenes.v[0].description, "After.", "only the action");
	io_fountain_free(&f);

	ok(parse("Action before any scene.\n\nINT. A\n\n= syn one\n= syn two"
	    "\n\n===\n\nText.\n", &f, &cause) == 0, "synopses and breaks");
	is_str(f.scenes.v[0].synopsis, "syn one\nsyn two", "two synopses");
	is_str(f.scenes.v[0].description, "Text.", "page break dropped");
	io_fountain_free(&f);

	ok(parse("INT. A\n\nx [[a\nnote]] y\n", &f, &cause) == 0,
	    "a note over two lines");
	is_str(f.scenes.v[0].description, "x\ny", "note removed, lines kept");
	io_fountain_free(&f);

	ok(parse("INT. A\n\n[[never closed\n", &f, &cause) == 0,
	    "an unclosed note is text");
	io_fountain_free(&f);
}

static void
test_refusals(void)
{
	static const char	 binary[] = "INT. A\n\n\x00\x01\x02garbage";
	static const char	 latin1[] = "INT. A\n\nCaf\xe9\n";

	refuse("", 0, "empty", "an empty file");
	refuse("\n\n  \n", SIZE_MAX, "empty", "blank lines only");
	refuse(binary, sizeof binary - 1, "line 3: binary", "binary data");
	refuse(latin1, sizeof latin1 - 1, "line 3: not UTF-8", "Latin-1");
	refuse("Just some text.\n", SIZE_MAX, "no scene headings",
	    "no headings");
	refuse("INT. A\n\n/* open\n\nINT. B\n", SIZE_MAX, "line 3: '/*'",
	    "an unclosed boneyard");
	refuse("INT. A #1#\n\nx\n\nINT. B #1#\n", SIZE_MAX,
	    "line 5: scene number #1# is used twice (also on line 1)",
	    "a repeated scene number");
	refuse("INT. A #.1#\n", SIZE_MAX, "line 1: bad scene number",
	    "a scene number that cannot be a code");
	refuse("INT. A #12345678901234567#\n", SIZE_MAX,
	    "line 1: bad scene number",
	    "a scene number too long for a code");
}

/* Mutations of the syntax example must parse or be refused, never
 * crash (run under ASan in CI). */
static void
test_mutations(void)
{
	static const char bytes[] = "#.@!=\n\r*/[]^~>< \t\x80\xff\0aZ:";
	struct fountain	 f;
	char		*data, *copy, *cause;
	size_t		 len, i, at;
	uint32_t	 x = 2463534242U;
	int		 n, parsed = 0;

	data = slurp("syntax.fountain", &len);
	copy = xmalloc(len + 1);
	for (n = 0; n < 3000; n++) {
		memcpy(copy, data, len + 1);
		for (i = 0; i < 1 + (size_t)(n % 8); i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			at = x % len;
			copy[at] = bytes[x % (sizeof bytes - 1)];
		}
		cause = NULL;
		if (io_fountain_parse(copy, (size_t)(x % (len + 1)), &f,
		    &cause) == 0) {
			parsed++;
			io_fountain_free(&f);
		} else if (cause == NULL)
			break;
		free(cause);
	}
	is_int(n, 3000, "3000 mutated scripts parsed or refused with a "
	    "message (%d parsed)", parsed);
	free(copy);
	free(data);
}

static void
test_plan(void)
{
	struct fountain		 f;
	struct fountain_plan	 p;
	struct scene_list	 sl;
	struct str_list		 cast[3];
	struct scene		*sc;
	char			*cause;
	const char		*heads[3] = {
		"INT. A", "INT. B", "INT. OLD"
	};
	const char		*codes[3] = { "1", "7", "9" };
	int			 i;

	memset(&sl, 0, sizeof sl);
	memset(cast, 0, sizeof cast);
	for (i = 0; i < 3; i++) {
		sc = ARRAY_ADD(&sl);
		sc->id = 10 + i;
		sc->code = xstrdup(codes[i]);
		sc->heading = xstrdup(heads[i]);
		sc->synopsis = xstrdup(i == 1 ? "kept synopsis" : "");
		sc->notes = xstrdup("");
		sc->section = xstrdup("");
		sc->description = xstrdup(i == 0 ? "Old text." : "");
		sc->position = i + 1;
		sc->shots = i;
	}
	str_list_add(&cast[0], "ANN");
	ok(parse("Title: New\n\nint.  a\n\nOld text.\n\nANN\nHi.\n\n"
	    "INT. NEW #12#\n\nx\n\nINT. B #7#\n\nBOB\nYo.\n\n"
	    "INT. B\n\ny\n", &f, &cause) == 0, "plan script parses");
	ok(io_fountain_plan(&f, "Old", &sl, cast, &p, &cause) == 0, "plan");
	is_int(p.actions.n, 5, "4 script scenes and one kept");
	is_int(p.actions.v[0].verb, IO_CHANGE,
	    "matched by heading, case and spaces aside: heading changes");
	is_str(p.actions.v[0].changes, "heading", "only the heading");
	is_int(p.actions.v[0].scene_id, 10, "scene 1");
	is_int(p.actions.v[1].verb, IO_CREATE, "a new numbered scene");
	is_str(p.actions.v[1].scene.code, "12", "keeps its number");
	is_int(p.actions.v[1].after, 0, "placed after the script's previous");
	is_int(p.actions.v[2].verb, IO_CHANGE, "matched by number");
	is_int(p.actions.v[2].scene_id, 11, "scene 7");
	is_str(p.actions.v[2].changes, "characters",
	    "synopsis kept when the script has none");
	is_int(p.actions.v[3].verb, IO_CREATE,
	    "a second INT. B: its twin is taken, so a new scene");
	is_str(p.actions.v[3].scene.code, "13", "next code after 12");
	is_int(p.actions.v[4].verb, IO_KEEP, "INT. OLD is kept");
	is_str(p.title, "New", "title changes");
	is_int(p.tally.n[IO_CREATE], 2, "tally: create");
	is_int(p.tally.n[IO_CHANGE], 3, "tally: change (two scenes, title)");
	is_int(p.tally.n[IO_KEEP], 1, "tally: kept");
	io_fountain_plan_free(&p);
	io_fountain_free(&f);

	/* A new first scene goes before the first scene that exists. */
	ok(parse("INT. FIRST\n\nINT. B\n", &f, &cause) == 0, "parses");
	ok(io_fountain_plan(&f, NULL, &sl, NULL, &p, &cause) == 0, "plan");
	is_int(p.actions.v[0].verb, IO_CREATE, "new first scene");
	is_int(p.actions.v[0].after_id, 10, "after scene 1, before INT. B");
	is_str(p.actions.v[0].scene.code, "10", "automatic code");
	ok(p.title == NULL, "no title page, no title change");
	io_fountain_plan_free(&p);
	io_fountain_free(&f);

	ok(parse("INT. A\n\nOld text.\n\nANN\nHi.\n", &f, &cause) == 0,
	    "parses");
	ok(io_fountain_plan(&f, "Old", &sl, cast, &p, &cause) == 0, "plan");
	is_int(p.actions.v[0].verb, IO_SAME, "identical scene unchanged");
	io_fountain_plan_free(&p);
	io_fountain_free(&f);

	ok(parse("INT. ZED\n", &f, &cause) == 0, "parses");
	ok(io_fountain_plan(&f, NULL, &sl, NULL, &p, &cause) == 0, "plan");
	is_int(p.actions.v[0].after_id, DB_PLACE_END,
	    "nothing matched: new scenes go at the end");
	io_fountain_plan_free(&p);
	io_fountain_free(&f);

	for (i = 0; i < 3; i++)
		str_list_free(&cast[i]);
	scene_list_free(&sl);
}

int
main(void)
{
	test_syntax();
	test_edges();
	test_refusals();
	test_mutations();
	test_plan();
	return done_testing();
}
