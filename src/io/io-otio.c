/* SPDX-License-Identifier: ISC */
/*
 * OpenTimelineIO export. Clip.1 (with one media_reference) is written
 * rather than Clip.2, which readers older than OTIO 0.15 do not know;
 * newer readers upgrade it. Times are RationalTime values in frames at
 * the production's exact rate (23.976 is 24000/1001). takeboard's ids
 * ride along in a "takeboard" metadata dictionary, which editing
 * programs keep. The JSON is built with cJSON, from strings cleaned to
 * well-formed UTF-8.
 */
#include "config.h"

#include "io/io-otio.h"

#include <stdlib.h>

#include <cjson/cJSON.h>

#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "io/io-cut.h"
#include "io/io-text.h"

static void
otio_str(cJSON *o, const char *key, const char *s)
{
	char	*clean;

	clean = io_text_utf8(s);
	cJSON_AddStringToObject(o, key, clean);
	free(clean);
}

static cJSON *
otio_time(const struct io_cut *c, long long frames)
{
	cJSON	*t;

	t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "OTIO_SCHEMA", "RationalTime.1");
	cJSON_AddNumberToObject(t, "rate",
	    (double)c->rate.num / (double)c->rate.den);
	cJSON_AddNumberToObject(t, "value", (double)frames);
	return t;
}

static cJSON *
otio_range(const struct io_cut *c, long long start, long long duration)
{
	cJSON	*r;

	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "OTIO_SCHEMA", "TimeRange.1");
	cJSON_AddItemToObject(r, "duration", otio_time(c, duration));
	cJSON_AddItemToObject(r, "start_time", otio_time(c, start));
	return r;
}

/* The fields every Item has. */
static cJSON *
otio_item(const char *schema, const char *name)
{
	cJSON	*o;

	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "OTIO_SCHEMA", schema);
	otio_str(o, "name", name);
	cJSON_AddItemToObject(o, "metadata", cJSON_CreateObject());
	cJSON_AddItemToObject(o, "source_range", cJSON_CreateNull());
	cJSON_AddItemToObject(o, "effects", cJSON_CreateArray());
	cJSON_AddItemToObject(o, "markers", cJSON_CreateArray());
	cJSON_AddBoolToObject(o, "enabled", 1);
	return o;
}

static cJSON *
otio_meta(const struct io_item *it)
{
	cJSON	*m;

	m = cJSON_CreateObject();
	otio_str(m, "scene", it->scene_code);
	otio_str(m, "shot", it->shot_code);
	cJSON_AddNumberToObject(m, "shot_id", (double)it->shot_id);
	if (it->kind == IO_CLIP) {
		cJSON_AddNumberToObject(m, "take", (double)it->take_id);
		if (it->prompt_id > 0) {
			cJSON_AddNumberToObject(m, "variant",
			    (double)it->prompt_id);
			otio_str(m, "variant_label", it->prompt_label);
		} else {
			cJSON_AddNullToObject(m, "variant");
			cJSON_AddNullToObject(m, "variant_label");
		}
		otio_str(m, "file", it->file);
	} else {
		cJSON_AddBoolToObject(m, "missing", 1);
		otio_str(m, "reason", it->why);
	}
	otio_str(m, "description", it->description);
	return m;
}

static cJSON *
otio_clip(const struct io_cut *c, const struct io_item *it)
{
	cJSON	*o, *ref, *meta;
	char	*url;

	if (it->kind == IO_GAP) {
		o = otio_item("Gap.1", "");
		cJSON_ReplaceItemInObject(o, "source_range",
		    otio_range(c, 0, it->rec_out - it->rec_in));
	} else {
		o = otio_item("Clip.1", it->name);
		cJSON_ReplaceItemInObject(o, "source_range",
		    otio_range(c, it->src_in, it->src_out - it->src_in));
		ref = cJSON_CreateObject();
		cJSON_AddStringToObject(ref, "OTIO_SCHEMA",
		    "ExternalReference.1");
		otio_str(ref, "name", it->name);
		url = io_text_file_url(it->path);
		otio_str(ref, "target_url", url);
		free(url);
		cJSON_AddItemToObject(ref, "available_range",
		    otio_range(c, 0, it->media));
		cJSON_AddItemToObject(ref, "available_image_bounds",
		    cJSON_CreateNull());
		cJSON_AddItemToObject(ref, "metadata", cJSON_CreateObject());
		cJSON_AddItemToObject(o, "media_reference", ref);
	}
	meta = cJSON_CreateObject();
	cJSON_AddItemToObject(meta, "takeboard", otio_meta(it));
	cJSON_ReplaceItemInObject(o, "metadata", meta);
	return o;
}

/*
 * cJSON indents with tabs and puts a tab after each colon; OTIO files
 * are usually indented with four spaces. A raw tab never occurs inside
 * a JSON string (it is written as \t), so each one is layout. Returns
 * an allocated copy ending with a newline.
 */
static char *
otio_spaces(const char *json)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	for (p = json; *p != '\0'; p++) {
		if (*p != '\t')
			buf_addc(&b, *p);
		else if (p > json && p[-1] == ':')
			buf_addc(&b, ' ');
		else
			buf_adds(&b, "    ");
	}
	buf_addc(&b, '\n');
	return buf_detach(&b);
}

/*
 * The cut as an OpenTimelineIO document (pretty-printed JSON, ending
 * with a newline). Caller frees.
 */
char *
io_otio_write(const struct io_cut *c)
{
	cJSON	*tl, *stack, *track, *kids, *meta, *tb;
	char	*json, *out, *tmp;
	size_t	 i;

	tl = cJSON_CreateObject();
	cJSON_AddStringToObject(tl, "OTIO_SCHEMA", "Timeline.1");
	otio_str(tl, "name", c->title);
	cJSON_AddItemToObject(tl, "global_start_time", otio_time(c, c->start));
	meta = cJSON_CreateObject();
	tb = cJSON_CreateObject();
	otio_str(tb, "production", c->title);
	cJSON_AddNumberToObject(tb, "fps",
	    (double)c->rate.num / (double)c->rate.den);
	otio_str(tb, "frame_size", c->size);
	cJSON_AddItemToObject(meta, "takeboard", tb);
	cJSON_AddItemToObject(tl, "metadata", meta);

	stack = otio_item("Stack.1", "tracks");
	track = otio_item("Track.1", "V1");
	cJSON_AddStringToObject(track, "kind", "Video");
	kids = cJSON_CreateArray();
	for (i = 0; i < c->items.n; i++)
		cJSON_AddItemToArray(kids, otio_clip(c, &c->items.v[i]));
	cJSON_AddItemToObject(track, "children", kids);
	kids = cJSON_CreateArray();
	cJSON_AddItemToArray(kids, track);
	cJSON_AddItemToObject(stack, "children", kids);
	cJSON_AddItemToObject(tl, "tracks", stack);

	json = cJSON_Print(tl);
	cJSON_Delete(tl);
	if (json == NULL)
		fatal("cannot print JSON");
	tmp = otio_spaces(json);
	cJSON_free(json);
	/* Safe to view: DEL, C1 and bidi characters as \u escapes. */
	out = sanitize_json(tmp);
	free(tmp);
	return out;
}
