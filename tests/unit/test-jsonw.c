/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for util/jsonw.c and sanitize_json_string: the streamed
 * document must be byte for byte what cJSON_Print (then sanitize_json)
 * makes of the same values, which the report's readers have always
 * seen.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/buf.h"
#include "util/jsonw.h"
#include "util/sanitize.h"
#include "tap.h"

static const double numbers[] = {
	0, -0.0, 1, -1, 42, INT_MAX, INT_MIN, 2147483648.0, -2147483649.0,
	1e15, 1e16, 123456789012345678.0, 0.1, 0.5, -2.5, 1.0 / 3, 2.0 / 3,
	1e-7, 0.001, 12.345, 1234.567, 99.99, 1e300, -1e-300, 0.30000000000000004
};

static const char *const strings[] = {
	"", "plain", "say \"cut\"", "back\\slash", "tab\there",
	"line\nbreak\r\n", "\b\f", "bell\a esc\x1b[2J", "del\x7f",
	"\xe2\x80\xae" "evil", "zero\xe2\x80\x8bwidth", "caf\xc3\xa9",
	"\xf0\x9f\x8e\xac clap", "\xef\xbf\xbd", "line\xe2\x80\xa8sep",
	"c1\xc2\x85", "tag\xf3\xa0\x80\x81"
};

/* 64 characters: the longest key written without sanitize_json_string */
#define LONGKEY								\
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* The same document through cJSON and through jsonw. */
static void
compare(void)
{
	cJSON		*root, *o, *a, *e;
	struct buf	 b;
	struct jsonw	 w;
	char		*s, *t, key[16];
	size_t		 i;

	root = cJSON_CreateObject();
	buf_init(&b);
	jsonw_init(&w, &b);
	jsonw_object(&w, NULL);

	cJSON_AddObjectToObject(root, "empty_object");
	jsonw_object(&w, "empty_object");
	jsonw_end(&w);
	cJSON_AddArrayToObject(root, "empty_array");
	jsonw_array(&w, "empty_array");
	jsonw_end(&w);
	cJSON_AddNullToObject(root, "nothing");
	jsonw_null(&w, "nothing");
	/* keys that need escaping, and one too long for the fast path */
	cJSON_AddNumberToObject(root, "say \"key\"\x1b]0;t\x07", 1);
	jsonw_ll(&w, "say \"key\"\x1b]0;t\x07", 1);
	cJSON_AddNumberToObject(root, "caf\xc3\xa9 \xe2\x80\xae", 2);
	jsonw_ll(&w, "caf\xc3\xa9 \xe2\x80\xae", 2);
	cJSON_AddNumberToObject(root, LONGKEY, 3);
	jsonw_ll(&w, LONGKEY, 3);
	cJSON_AddNumberToObject(root, LONGKEY "x", 4);
	jsonw_ll(&w, LONGKEY "x", 4);

	o = cJSON_AddObjectToObject(root, "numbers");
	jsonw_object(&w, "numbers");
	for (i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		snprintf(key, sizeof key, "n%zu", i);
		cJSON_AddNumberToObject(o, key, numbers[i]);
		jsonw_num(&w, key, numbers[i]);
	}
	cJSON_AddNumberToObject(o, "ll", (double)9007199254740993LL);
	jsonw_ll(&w, "ll", 9007199254740993LL);
	cJSON_AddNumberToObject(o, "negll", (double)-3000000000LL);
	jsonw_ll(&w, "negll", -3000000000LL);
	jsonw_end(&w);

	a = cJSON_AddArrayToObject(root, "strings");
	jsonw_array(&w, "strings");
	for (i = 0; i < sizeof strings / sizeof strings[0]; i++) {
		cJSON_AddItemToArray(a, cJSON_CreateString(strings[i]));
		jsonw_str(&w, NULL, strings[i]);
	}
	jsonw_end(&w);

	/* objects in an array in an object in an array */
	a = cJSON_AddArrayToObject(root, "rows");
	jsonw_array(&w, "rows");
	for (i = 0; i < 3; i++) {
		e = cJSON_CreateObject();
		jsonw_object(&w, NULL);
		cJSON_AddNumberToObject(e, "i", (double)i);
		jsonw_ll(&w, "i", (long long)i);
		o = cJSON_AddArrayToObject(e, "deep");
		jsonw_array(&w, "deep");
		cJSON_AddItemToArray(o, cJSON_CreateObject());
		jsonw_object(&w, NULL);
		jsonw_end(&w);
		cJSON_AddItemToArray(o, cJSON_CreateNumber(0.25));
		jsonw_num(&w, NULL, 0.25);
		cJSON_AddItemToArray(o, cJSON_CreateNull());
		jsonw_null(&w, NULL);
		jsonw_end(&w);
		cJSON_AddStringToObject(e, "name", "row");
		jsonw_str(&w, "name", "row");
		cJSON_AddItemToArray(a, e);
		jsonw_end(&w);
	}
	jsonw_end(&w);
	cJSON_AddNumberToObject(root, "nan", NAN);
	jsonw_num(&w, "nan", NAN);
	cJSON_AddNumberToObject(root, "inf", INFINITY);
	jsonw_num(&w, "inf", INFINITY);
	jsonw_end(&w);

	s = cJSON_Print(root);
	t = sanitize_json(s);
	is_str(buf_str(&b), t, "the streamed document is cJSON_Print's, "
	    "sanitized");
	ok(w.depth == 0, "every object and array closed");
	jsonw_fini(&w);
	cJSON_free(s);
	free(t);
	cJSON_Delete(root);
	buf_fini(&b);
}

static void
escapes(void)
{
	struct buf	 b;

	buf_init(&b);
	sanitize_json_string(&b, "a\xff" "b\xc3");
	is_str(buf_str(&b), "a\xef\xbf\xbd" "b\xef\xbf\xbd",
	    "each invalid byte becomes U+FFFD");
	buf_reset(&b);
	sanitize_json_string(&b, "\xe2\x80X");
	is_str(buf_str(&b), "\xef\xbf\xbd\xef\xbf\xbdX",
	    "a cut-off sequence: one U+FFFD per byte");
	buf_reset(&b);
	sanitize_json_string(&b, "\xe2\x80\x93 \xf0\x9f\x8e\xac");
	is_str(buf_str(&b), "\xe2\x80\x93 \xf0\x9f\x8e\xac",
	    "valid UTF-8 kept");
	buf_reset(&b);
	sanitize_json_string(&b, "\x1b[31m\xe2\x80\xae\x7f\"\\");
	is_str(buf_str(&b), "\\u001b[31m\\u202e\\u007f\\\"\\\\",
	    "escape, bidi override, DEL, quote, backslash escaped");
	buf_reset(&b);
	sanitize_json_string(&b, "\xf3\xa0\x80\x81");
	is_str(buf_str(&b), "\\udb40\\udc01",
	    "a tag character as a surrogate pair");
	buf_fini(&b);
}

/* jsonw_fixed prints what jsonw_num prints of the same quotient. */
static void
fixed(void)
{
	static const long long	 edge[] = {
		0, 1, -1, 5, 9, 10, 99, 100, 999, 1000, 1001, 1500, -1500,
		12345, 99999, 100000, 999999, 1000000, 1000001, 2500000,
		2147483647000LL, 2147483648000LL, -2147483649000LL,
		999999999999999LL, -999999999999999LL, 1000000000000000LL,
		123456789012345678LL, -123456789012345678LL
	};
	struct buf	 a, b;
	struct jsonw	 wa, wb;
	unsigned long	 seed = 1;
	long long	 x, p10;
	size_t		 i, bad = 0, n = 0;
	int		 places;

	buf_init(&a);
	buf_init(&b);
	for (places = 0; places <= 6; places++) {
		for (p10 = 1, i = 0; i < (size_t)places; i++)
			p10 *= 10;
		for (i = 0; i < sizeof edge / sizeof edge[0] + 20000; i++) {
			if (i < sizeof edge / sizeof edge[0])
				x = edge[i];
			else {
				/* a spread of magnitudes, both signs */
				seed = seed * 6364136223846793005UL +
				    1442695040888963407UL;
				x = (long long)((seed >> 11) %
				    (1ULL << (seed % 52)));
				if (seed & 1)
					x = -x;
			}
			buf_reset(&a);
			buf_reset(&b);
			jsonw_init(&wa, &a);
			jsonw_init(&wb, &b);
			jsonw_fixed(&wa, NULL, x, places);
			jsonw_num(&wb, NULL, (double)x / (double)p10);
			jsonw_fini(&wa);
			jsonw_fini(&wb);
			n++;
			if (strcmp(buf_str(&a), buf_str(&b)) != 0 && bad++ < 5)
				printf("# %lld / 10^%d: %s, not %s\n", x, places,
				    buf_str(&a), buf_str(&b));
		}
	}
	is_int(bad, 0, "jsonw_fixed agrees with jsonw_num (%zu numbers)", n);
	buf_fini(&a);
	buf_fini(&b);
}

/*
 * Many ratios through one writer, as a report prints them: repeats are
 * answered from the memo and colliding values replace each other in it,
 * and every number must still be what cJSON prints.
 */
static void
memo(void)
{
	cJSON		*a;
	struct buf	 b;
	struct jsonw	 w;
	unsigned long	 seed = 7;
	char		*s, *t;
	double		 d;
	size_t		 i;

	a = cJSON_CreateArray();
	buf_init(&b);
	jsonw_init(&w, &b);
	jsonw_array(&w, NULL);
	for (i = 0; i < 60000; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		/* small fractions repeat; the rest are spread wide */
		if (seed & 2)
			d = (double)((seed >> 20) % 40) /
			    (double)((seed >> 40) % 300 + 1);
		else
			d = (double)(seed >> 11) / (double)(1ULL << (seed % 60));
		if (seed & 4)
			d = -d;
		cJSON_AddItemToArray(a, cJSON_CreateNumber(d));
		jsonw_num(&w, NULL, d);
	}
	jsonw_end(&w);
	jsonw_fini(&w);
	s = cJSON_Print(a);
	t = sanitize_json(s);
	is_str(buf_str(&b), t, "60000 numbers with repeats as cJSON prints them");
	cJSON_free(s);
	free(t);
	cJSON_Delete(a);
	buf_fini(&b);
}

int
main(void)
{
	compare();
	fixed();
	memo();
	escapes();
	return done_testing();
}
