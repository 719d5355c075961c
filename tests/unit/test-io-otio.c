/* SPDX-License-Identifier: ISC */
/*
 * Tests for io/io-otio: the fixture's cut as OpenTimelineIO, read back
 * with cJSON and walked against the documented schema (every object's
 * OTIO_SCHEMA and the fields that schema serialises), times as
 * RationalTime values at the exact rate, takeboard's ids in metadata,
 * absolute file URLs, and text from the database that is not clean.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/xmalloc.h"
#include "model/board.h"
#include "io/io-cut.h"
#include "io/io-otio.h"

#include "tap.h"
#include "io-fixture.h"

/* The fields each schema we write must carry. */
static const struct {
	const char	*schema;
	const char	*fields;
} schemas[] = {
	{ "Timeline.1", "name global_start_time tracks metadata" },
	{ "Stack.1", "name children source_range effects markers metadata "
	  "enabled" },
	{ "Track.1", "name kind children source_range effects markers "
	  "metadata enabled" },
	{ "Clip.1", "name source_range media_reference effects markers "
	  "metadata enabled" },
	{ "Gap.1", "name source_range effects markers metadata enabled" },
	{ "ExternalReference.1", "name target_url available_range "
	  "available_image_bounds metadata" },
	{ "TimeRange.1", "start_time duration" },
	{ "RationalTime.1", "rate value" },
	{ NULL, NULL }
};

static int nobjects, nbad;

static void
walk(const cJSON *o)
{
	const cJSON	*s, *kid;
	char		*fields, *f, *save;
	int		 i;

	if (cJSON_IsObject(o)) {
		s = cJSON_GetObjectItemCaseSensitive(o, "OTIO_SCHEMA");
		if (cJSON_IsString(s)) {
			nobjects++;
			for (i = 0; schemas[i].schema != NULL; i++) {
				if (strcmp(schemas[i].schema, s->valuestring) ==
				    0)
					break;
			}
			if (schemas[i].schema == NULL) {
				printf("# unknown schema %s\n", s->valuestring);
				nbad++;
			} else {
				fields = xstrdup(schemas[i].fields);
				for (f = fields; f != NULL; f = save) {
					save = strchr(f, ' ');
					if (save != NULL)
						*save++ = '\0';
					if (cJSON_GetObjectItemCaseSensitive(o,
					    f) == NULL) {
						printf("# %s without %s\n",
						    s->valuestring, f);
						nbad++;
					}
				}
				free(fields);
			}
			if (strcmp(s->valuestring, "RationalTime.1") == 0 &&
			    (!cJSON_IsNumber(cJSON_GetObjectItem(o, "rate")) ||
			    !cJSON_IsNumber(cJSON_GetObjectItem(o, "value"))))
				nbad++;
		}
	}
	cJSON_ArrayForEach(kid, o)
		walk(kid);
}

static const cJSON *
get(const cJSON *o, const char *path)
{
	char	*p, *s, *next;

	p = xstrdup(path);
	for (s = p; s != NULL && o != NULL; s = next) {
		next = strchr(s, '.');
		if (next != NULL)
			*next++ = '\0';
		if (*s >= '0' && *s <= '9')
			o = cJSON_GetArrayItem(o, atoi(s));
		else
			o = cJSON_GetObjectItemCaseSensitive(o, s);
	}
	free(p);
	return o;
}

static double
num(const cJSON *o, const char *path)
{
	const cJSON	*v = get(o, path);

	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static const char *
str(const cJSON *o, const char *path)
{
	const cJSON	*v = get(o, path);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void
test_cut(void)
{
	struct io_cut	 c;
	cJSON		*j;
	const cJSON	*kids;
	char		*text;

	fx_cut(24, "Brick & Steel", "/prod", &c);
	text = io_otio_write(&c);
	j = cJSON_Parse(text);
	ok(j != NULL, "valid JSON");
	ok(text[strlen(text) - 1] == '\n' && strchr(text, '\t') == NULL,
	    "indented with spaces, ends with a newline");
	nobjects = nbad = 0;
	walk(j);
	ok(nobjects > 20 && nbad == 0, "%d objects follow the schema",
	    nobjects);
	is_str(str(j, "OTIO_SCHEMA"), "Timeline.1", "a timeline");
	is_str(str(j, "name"), "Brick & Steel", "named after the production");
	ok(num(j, "global_start_time.value") == 86400 &&
	    num(j, "global_start_time.rate") == 24, "starts at 1 hour");
	is_str(str(j, "tracks.OTIO_SCHEMA"), "Stack.1", "a stack");
	is_str(str(j, "tracks.children.0.OTIO_SCHEMA"), "Track.1", "a track");
	is_str(str(j, "tracks.children.0.kind"), "Video", "of video");
	kids = get(j, "tracks.children.0.children");
	is_int(cJSON_GetArraySize(kids), 4, "four items");
	is_str(str(kids, "0.OTIO_SCHEMA"), "Clip.1", "a clip");
	is_str(str(kids, "0.name"), "1A-t00001", "its name");
	ok(num(kids, "0.source_range.start_time.value") == 24 &&
	    num(kids, "0.source_range.duration.value") == 108 &&
	    num(kids, "0.source_range.duration.rate") == 24,
	    "trimmed source range");
	is_str(str(kids, "0.media_reference.OTIO_SCHEMA"),
	    "ExternalReference.1", "an external reference");
	is_str(str(kids, "0.media_reference.target_url"),
	    "file:///prod/takes/1/1A/1A-t00001.mp4", "absolute file URL");
	ok(num(kids, "0.media_reference.available_range.duration.value") ==
	    192, "the whole clip is available");
	is_str(str(kids, "0.metadata.takeboard.shot"), "1A", "shot");
	ok(num(kids, "0.metadata.takeboard.take") == 1 &&
	    num(kids, "0.metadata.takeboard.variant") == 7 &&
	    num(kids, "0.metadata.takeboard.shot_id") == 1, "ids");
	is_str(str(kids, "0.metadata.takeboard.variant_label"), "v2",
	    "variant label");
	ok(cJSON_IsNull(get(kids, "1.metadata.takeboard.variant")),
	    "no variant: null");
	is_str(str(kids, "2.OTIO_SCHEMA"), "Gap.1", "1B is a gap");
	ok(num(kids, "2.source_range.duration.value") == 72, "of 3 s");
	ok(cJSON_IsTrue(get(kids, "2.metadata.takeboard.missing")),
	    "marked missing");
	is_str(str(kids, "2.metadata.takeboard.shot"), "1B", "names 1B");
	cJSON_Delete(j);
	free(text);
	io_cut_free(&c);

	fx_cut(23.976, "x", "/prod", &c);
	text = io_otio_write(&c);
	j = cJSON_Parse(text);
	ok(fabs(num(j, "global_start_time.rate") - 24000.0 / 1001.0) < 1e-12,
	    "23.976 is written as 24000/1001");
	ok(num(j, "global_start_time.value") == 86400, "one hour of labels");
	cJSON_Delete(j);
	free(text);
	io_cut_free(&c);
}

static void
test_dirty(void)
{
	struct io_cut	 c;
	cJSON		*j;
	char		*text;

	fx_cut(25, "say \"hi\"\\\n\x01\xff end", "/pr od#\xc3\xa9", &c);
	text = io_otio_write(&c);
	j = cJSON_Parse(text);
	ok(j != NULL, "still valid JSON");
	is_str(str(j, "name"), "say \"hi\"\\\n\xef\xbf\xbd\xef\xbf\xbd end",
	    "control and invalid bytes become U+FFFD");
	is_str(str(j, "tracks.children.0.children.0.media_reference."
	    "target_url"), "file:///pr%20od%23%C3%A9/takes/1/1A/"
	    "1A-t00001.mp4", "the URL is percent-encoded");
	cJSON_Delete(j);
	free(text);
	io_cut_free(&c);
}

int
main(void)
{
	test_cut();
	test_dirty();
	return done_testing();
}
