/* SPDX-License-Identifier: ISC */
/*
 * FCPXML 1.10 export, following Apple's DTD for that version: assets
 * carry their file in a media-rep child, times are rational numbers of
 * seconds that fall on frame boundaries ("1001/24000s" is one frame at
 * 23.976), and spine offsets count from the sequence's tcStart. Every
 * string from the database is escaped and cleaned of characters XML
 * does not allow.
 */
#include "config.h"

#include "io/io-fcpxml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "io/io-cut.h"
#include "io/io-text.h"

/* frames of the cut's rate as FCPXML time: "0s", "1001/24000s". */
static void
fcp_time(struct buf *b, const struct io_cut *c, long long frames)
{
	if (frames == 0)
		buf_adds(b, "0s");
	else
		buf_addf(b, "%lld/%llds", frames * c->rate.den, c->rate.num);
}

/* Append ` name="value"` with value escaped. */
static void
fcp_attr(struct buf *b, const char *name, const char *value)
{
	buf_addf(b, " %s=\"", name);
	io_text_xml(b, value);
	buf_addc(b, '"');
}

static void
fcp_attr_time(struct buf *b, const char *name, const struct io_cut *c,
    long long frames)
{
	buf_addf(b, " %s=\"", name);
	fcp_time(b, c, frames);
	buf_addc(b, '"');
}

static void
fcp_md(struct buf *b, const char *key, const char *value)
{
	buf_adds(b, "                <md");
	fcp_attr(b, "key", key);
	fcp_attr(b, "value", value);
	buf_adds(b, "/>\n");
}

static void
fcp_asset(struct buf *b, const struct io_cut *c, const struct io_item *it,
    size_t id)
{
	char	*url, *s;

	buf_addf(b, "        <asset id=\"r%zu\"", id);
	fcp_attr(b, "name", it->name);
	buf_adds(b, " start=\"0s\"");
	fcp_attr_time(b, "duration", c, it->media);
	buf_adds(b, " hasVideo=\"1\" format=\"r1\" videoSources=\"1\">\n");
	url = io_text_file_url(it->path);
	buf_adds(b, "            <media-rep kind=\"original-media\"");
	fcp_attr(b, "src", url);
	buf_adds(b, "/>\n");
	free(url);
	buf_adds(b, "            <metadata>\n");
	fcp_md(b, "com.apple.proapps.studio.reel", it->reel);
	fcp_md(b, "com.apple.proapps.studio.scene", it->scene_code);
	s = xasprintf("%lld", it->take_id);
	fcp_md(b, "com.apple.proapps.studio.take", s);
	free(s);
	buf_adds(b, "            </metadata>\n");
	buf_adds(b, "        </asset>\n");
}

static void
fcp_note(struct buf *b, const char *indent, const char *shot,
    const char *text)
{
	buf_addf(b, "%s<note>", indent);
	io_text_xml(b, "Shot ");
	io_text_xml(b, shot);
	if (text != NULL && *text != '\0') {
		io_text_xml(b, ": ");
		io_text_xml(b, text);
	}
	buf_adds(b, "</note>\n");
}

/*
 * The cut as an FCPXML 1.10 document. Caller frees.
 */
char *
io_fcpxml_write(const struct io_cut *c)
{
	const struct io_item	*it;
	const char		*tc = c->rate.drop ? "DF" : "NDF";
	struct buf		 b;
	char			*w, *h, *msg;
	size_t			 i, id;

	buf_init(&b);
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!DOCTYPE fcpxml>\n\n<fcpxml version=\"1.10\">\n"
	    "    <resources>\n");
	w = xstrdup(c->size);
	h = strchr(w, 'x');
	if (h != NULL)
		*h++ = '\0';
	buf_adds(&b, "        <format id=\"r1\"");
	fcp_attr_time(&b, "frameDuration", c, 1);
	fcp_attr(&b, "width", w);
	fcp_attr(&b, "height", h != NULL ? h : w);
	buf_adds(&b, "/>\n");
	free(w);
	for (i = 0, id = 2; i < c->items.n; i++) {
		if (c->items.v[i].kind == IO_CLIP)
			fcp_asset(&b, c, &c->items.v[i], id++);
	}
	buf_adds(&b, "    </resources>\n    <library>\n"
	    "        <event name=\"takeboard\">\n            <project");
	fcp_attr(&b, "name", c->title);
	buf_adds(&b, ">\n                <sequence format=\"r1\"");
	fcp_attr_time(&b, "duration", c, c->frames);
	fcp_attr_time(&b, "tcStart", c, c->start);
	buf_addf(&b, " tcFormat=\"%s\">\n                    <spine>\n", tc);
	for (i = 0, id = 2; i < c->items.n; i++) {
		it = &c->items.v[i];
		if (it->kind == IO_CLIP) {
			buf_addf(&b, "                        <asset-clip "
			    "ref=\"r%zu\"", id++);
			fcp_attr(&b, "name", it->name);
			fcp_attr_time(&b, "offset", c, c->start + it->rec_in);
			fcp_attr_time(&b, "start", c, it->src_in);
			fcp_attr_time(&b, "duration", c,
			    it->src_out - it->src_in);
			buf_addf(&b, " format=\"r1\" tcFormat=\"%s\">\n", tc);
			fcp_note(&b, "                            ",
			    it->shot_code, it->description);
			buf_adds(&b, "                        </asset-clip>\n");
			continue;
		}
		buf_adds(&b, "                        <gap name=\"Gap\"");
		fcp_attr_time(&b, "offset", c, c->start + it->rec_in);
		fcp_attr_time(&b, "duration", c, it->rec_out - it->rec_in);
		buf_adds(&b, ">\n");
		fcp_note(&b, "                            ", it->shot_code,
		    it->description);
		msg = xasprintf("Missing: shot %s (%s)", it->shot_code,
		    it->why);
		buf_adds(&b, "                            "
		    "<marker start=\"0s\"");
		fcp_attr_time(&b, "duration", c, 1);
		fcp_attr(&b, "value", msg);
		buf_adds(&b, "/>\n                        </gap>\n");
		free(msg);
	}
	buf_adds(&b, "                    </spine>\n"
	    "                </sequence>\n            </project>\n"
	    "        </event>\n    </library>\n</fcpxml>\n");
	return buf_detach(&b);
}
