/* SPDX-License-Identifier: ISC */
/*
 * Tests for io/io-fcpxml: the fixture's cut as FCPXML 1.10 (resources,
 * spine, rational times on frame boundaries, tcStart and offsets, DF at
 * 29.97), escaping of text from the database, and a small structural
 * check that every element is closed in order and no stray '&', '<' or
 * control character is left (the CLI tests also parse it as XML).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"
#include "model/board.h"
#include "io/io-cut.h"
#include "io/io-fcpxml.h"

#include "tap.h"
#include "io-fixture.h"

/* 0 when tags nest properly and text has no raw '<', '&' or controls. */
static int
xml_check(const char *s)
{
	char		 stack[32][32];
	int		 depth = 0;
	const char	*p, *e;
	size_t		 n;

	for (p = s; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 && *p != '\n')
			return -1;
		if (*p == '&') {
			if (strncmp(p, "&amp;", 5) != 0 &&
			    strncmp(p, "&lt;", 4) != 0 &&
			    strncmp(p, "&gt;", 4) != 0 &&
			    strncmp(p, "&quot;", 6) != 0 &&
			    strncmp(p, "&apos;", 6) != 0 &&
			    strncmp(p, "&#9;", 4) != 0 &&
			    strncmp(p, "&#10;", 5) != 0)
				return -2;
			continue;
		}
		if (*p != '<')
			continue;
		e = strchr(p, '>');
		if (e == NULL)
			return -3;
		if (p[1] == '?' || p[1] == '!') {
			p = e;
			continue;
		}
		if (p[1] == '/') {
			n = strcspn(p + 2, " >");
			if (depth == 0 || strlen(stack[depth - 1]) != n ||
			    strncmp(stack[depth - 1], p + 2, n) != 0)
				return -4;
			depth--;
		} else if (e[-1] != '/') {
			n = strcspn(p + 1, " >");
			if (depth == 32 || n >= 32)
				return -5;
			memcpy(stack[depth], p + 1, n);
			stack[depth++][n] = '\0';
		}
		if (memchr(p + 1, '<', (size_t)(e - p - 1)) != NULL)
			return -6;
		p = e;
	}
	return depth == 0 ? 0 : -7;
}

static void
has(const char *text, const char *want, const char *what)
{
	ok(strstr(text, want) != NULL, "%s", what);
	if (strstr(text, want) == NULL)
		printf("#   want %s\n", want);
}

static void
test_cut(void)
{
	struct io_cut	 c;
	char		*t;

	fx_cut(24, "Brick & Steel's", "/prod", &c);
	t = io_fcpxml_write(&c);
	is_int(xml_check(t), 0, "well nested, escaped");
	ok(strncmp(t, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!DOCTYPE fcpxml>\n\n<fcpxml version=\"1.10\">\n", 80) == 0,
	    "prologue and version");
	has(t, "<format id=\"r1\" frameDuration=\"1/24s\" width=\"1280\" "
	    "height=\"720\"/>", "format");
	has(t, "<asset id=\"r2\" name=\"1A-t00001\" start=\"0s\" "
	    "duration=\"192/24s\" hasVideo=\"1\" format=\"r1\" "
	    "videoSources=\"1\">", "asset");
	has(t, "<media-rep kind=\"original-media\" "
	    "src=\"file:///prod/takes/1/1A/1A-t00001.mp4\"/>", "media-rep");
	has(t, "<md key=\"com.apple.proapps.studio.reel\" value=\"T0000001\"/>",
	    "reel metadata");
	has(t, "<project name=\"Brick &amp; Steel&apos;s\">", "project name");
	has(t, "<sequence format=\"r1\" duration=\"348/24s\" "
	    "tcStart=\"86400/24s\" tcFormat=\"NDF\">", "sequence");
	has(t, "<asset-clip ref=\"r2\" name=\"1A-t00001\" "
	    "offset=\"86400/24s\" start=\"24/24s\" duration=\"108/24s\" "
	    "format=\"r1\" tcFormat=\"NDF\">", "first clip");
	has(t, "<note>Shot 1A: Patio &amp; &lt;wide&gt;</note>", "note");
	has(t, "<asset-clip ref=\"r3\" name=\"1A-t00002\" "
	    "offset=\"86508/24s\" start=\"0s\" duration=\"120/24s\"",
	    "second clip");
	has(t, "<gap name=\"Gap\" offset=\"86628/24s\" duration=\"72/24s\">",
	    "gap for 1B");
	has(t, "<note>Shot 1B: Beer &quot;close&quot;</note>", "gap note");
	has(t, "<marker start=\"0s\" duration=\"1/24s\" value=\"Missing: "
	    "shot 1B (no kept take)\"/>", "gap marker");
	free(t);
	io_cut_free(&c);

	fx_cut(23.976, "x", "/prod", &c);
	t = io_fcpxml_write(&c);
	has(t, "frameDuration=\"1001/24000s\"", "23.976 frame duration");
	has(t, "tcStart=\"86486400/24000s\"", "tcStart on a frame");
	free(t);
	io_cut_free(&c);

	fx_cut(29.97, "x", "/prod", &c);
	t = io_fcpxml_write(&c);
	has(t, "tcFormat=\"DF\"", "drop frame");
	has(t, "tcStart=\"107999892/30000s\"", "01:00:00;00");
	free(t);
	io_cut_free(&c);
}

static void
test_dirty(void)
{
	struct io_cut	 c;
	char		*t;

	fx_cut(25, "<a>&\"b\"\t\x01\x1b[31m\xff\n", "/pr od", &c);
	t = io_fcpxml_write(&c);
	is_int(xml_check(t), 0, "still well formed");
	has(t, "<project name=\"&lt;a&gt;&amp;&quot;b&quot;&#9;\xef\xbf\xbd"
	    "\xef\xbf\xbd[31m\xef\xbf\xbd&#10;\">", "escaped and cleaned");
	has(t, "src=\"file:///pr%20od/", "URL encoded");
	free(t);
	io_cut_free(&c);
}

int
main(void)
{
	test_cut();
	test_dirty();
	return done_testing();
}
