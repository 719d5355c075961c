/* SPDX-License-Identifier: ISC */
/*
 * Streaming JSON writer; see jsonw.h. The layout rules are cJSON's: an
 * object opens with "{\n", each member is indented by one tab per level
 * and written as "key":<tab>value, members are separated by ",\n", and
 * the closing brace sits one level out; an array is "[a, b]" on one
 * line whatever it holds.
 */
#include "config.h"

#include "util/jsonw.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"

static const char jsonw_tabs[JSONW_DEPTH + 1] =
    "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";

/*
 * The text of the last non-integer numbers printed, by their bits: a
 * report prints tens of thousands of ratios but only a few thousand
 * distinct ones, and printf's "%g" is a few thousand instructions a
 * number. A slot holds the exact text jsonw_num made of those bits, so
 * the output is the same with or without it.
 */
#define JSONW_MEMO_BITS	14
#define JSONW_MEMO_SIZE	(1U << JSONW_MEMO_BITS)

struct jsonw_memo {
	uint64_t	 bits;
	unsigned char	 len;		/* 0: empty */
	char		 s[31];
};

void
jsonw_init(struct jsonw *w, struct buf *b)
{
	w->b = b;
	w->depth = 0;
	w->array[0] = false;
	w->items[0] = false;
	w->memo = NULL;
}

void
jsonw_fini(struct jsonw *w)
{
	free(w->memo);
	w->memo = NULL;
}

/*
 * Whether key needs no escaping: printable ASCII without '"' or '\\',
 * and short enough for jsonw_member's buffer. Keys are nearly always
 * such names, and a report writes half a million of them.
 */
static size_t
jsonw_plain(const char *key)
{
	const unsigned char	*p = (const unsigned char *)key;

	while (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
		p++;
	if (*p != '\0' || p - (const unsigned char *)key > 64)
		return 0;
	return (size_t)(p - (const unsigned char *)key);
}

/* The separator, indentation and key of a member at depth d, written
 * with one buf_add when the key is plain. */
static void
jsonw_member(struct buf *b, int d, bool more, const char *key)
{
	char	 s[2 + JSONW_DEPTH + 1 + 64 + 3], *p = s;
	size_t	 n;

	n = jsonw_plain(key);
	if (n == 0) {
		if (more)
			buf_add(b, ",\n", 2);
		buf_add(b, jsonw_tabs, (size_t)d);
		buf_addc(b, '"');
		sanitize_json_string(b, key);
		buf_add(b, "\":\t", 3);
		return;
	}
	if (more) {
		*p++ = ',';
		*p++ = '\n';
	}
	memcpy(p, jsonw_tabs, (size_t)d);
	p += d;
	*p++ = '"';
	memcpy(p, key, n);
	p += n;
	*p++ = '"';
	*p++ = ':';
	*p++ = '\t';
	buf_add(b, s, (size_t)(p - s));
}

/* What comes before a value: the separator, and in an object the
 * indentation and the key. */
static void
jsonw_key(struct jsonw *w, const char *key)
{
	struct buf	*b = w->b;
	int		 d = w->depth;

	if (d == 0) {
		if (w->items[0])
			fatal("jsonw: a second top-level value");
		w->items[0] = true;
		return;
	}
	if (w->array[d]) {
		if (key != NULL)
			fatal("jsonw: a key inside an array");
		if (w->items[d])
			buf_add(b, ", ", 2);
	} else {
		if (key == NULL)
			fatal("jsonw: a member without a key");
		jsonw_member(b, d, w->items[d], key);
	}
	w->items[d] = true;
}

static void
jsonw_open(struct jsonw *w, const char *key, bool array)
{
	jsonw_key(w, key);
	if (w->depth == JSONW_DEPTH)
		fatal("jsonw: nested too deep");
	buf_add(w->b, array ? "[" : "{\n", array ? 1 : 2);
	w->depth++;
	w->array[w->depth] = array;
	w->items[w->depth] = false;
}

void
jsonw_object(struct jsonw *w, const char *key)
{
	jsonw_open(w, key, false);
}

void
jsonw_array(struct jsonw *w, const char *key)
{
	jsonw_open(w, key, true);
}

void
jsonw_end(struct jsonw *w)
{
	int	 d = w->depth;

	if (d == 0)
		fatal("jsonw: end without an open object or array");
	if (w->array[d])
		buf_addc(w->b, ']');
	else {
		if (w->items[d])
			buf_addc(w->b, '\n');
		buf_add(w->b, jsonw_tabs, (size_t)d - 1);
		buf_addc(w->b, '}');
	}
	w->depth--;
}

void
jsonw_str(struct jsonw *w, const char *key, const char *s)
{
	if (s == NULL) {
		jsonw_null(w, key);
		return;
	}
	jsonw_key(w, key);
	buf_addc(w->b, '"');
	sanitize_json_string(w->b, s);
	buf_addc(w->b, '"');
}

void
jsonw_null(struct jsonw *w, const char *key)
{
	jsonw_key(w, key);
	buf_add(w->b, "null", 4);
}

/* An int in decimal, without printf. */
static void
jsonw_int(struct buf *b, int v)
{
	char		 s[16], *p = s + sizeof s;
	unsigned int	 u;

	u = v < 0 ? 0U - (unsigned int)v : (unsigned int)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(s + sizeof s - p));
}

/*
 * A number as cJSON prints one: NaN and infinities as null; a value equal
 * to its int (cJSON's valueint, saturated at INT_MIN and INT_MAX) as that
 * int, except negative zero, which cJSON 1.7.15 prints as "-0";
 * otherwise the shortest of 15 significant digits that reads back
 * within DBL_EPSILON, else 17. LC_NUMERIC is never set, so the decimal
 * point is '.'.
 */
void
jsonw_num(struct jsonw *w, const char *key, double d)
{
	struct jsonw_memo	*m;
	char			 s[32];
	double			 back, max;
	uint64_t		 bits;
	int			 vi, n;

	jsonw_key(w, key);
	if (isnan(d) || isinf(d)) {
		buf_add(w->b, "null", 4);
		return;
	}
	if (d >= (double)INT_MAX)
		vi = INT_MAX;
	else if (d <= (double)INT_MIN)
		vi = INT_MIN;
	else
		vi = (int)d;
	if (d == (double)vi && !(d == 0 && signbit(d))) {
		jsonw_int(w->b, vi);
		return;
	}
	if (w->memo == NULL)
		w->memo = xcalloc(JSONW_MEMO_SIZE, sizeof *w->memo);
	memcpy(&bits, &d, sizeof bits);
	m = &w->memo[(bits * 0x9e3779b97f4a7c15ULL) >> (64 - JSONW_MEMO_BITS)];
	if (m->len != 0 && m->bits == bits) {
		buf_add(w->b, m->s, m->len);
		return;
	}
	n = snprintf(s, sizeof s, "%1.15g", d);
	back = strtod(s, NULL);
	max = fmax(fabs(back), fabs(d));
	if (!(fabs(back - d) <= max * DBL_EPSILON))
		n = snprintf(s, sizeof s, "%1.17g", d);
	if (n < 0 || (size_t)n >= sizeof s)
		fatal("jsonw: cannot format a number");
	buf_add(w->b, s, (size_t)n);
	if ((size_t)n <= sizeof m->s) {
		m->bits = bits;
		m->len = (unsigned char)n;
		memcpy(m->s, s, (size_t)n);
	}
}

void
jsonw_ll(struct jsonw *w, const char *key, long long v)
{
	if (v >= INT_MIN && v <= INT_MAX) {
		jsonw_key(w, key);
		jsonw_int(w->b, (int)v);
	} else
		jsonw_num(w, key, (double)v);
}

/*
 * The number x / 10^places (places 0 to 6), exactly as jsonw_num prints
 * (double)x / 10^places, without printf: while |x| < 10^15 the value
 * has at most 15 significant digits, so cJSON's "%1.15g" gives back that
 * decimal with its trailing zeros dropped (the double is within half an
 * ulp of it), and from 1e-4 on "%g" uses no exponent. Anything else goes
 * through jsonw_num. For milliseconds (3) and micro-units of money (6).
 */
void
jsonw_fixed(struct jsonw *w, const char *key, long long x, int places)
{
	static const long long	 p10[] = {
		1, 10, 100, 1000, 10000, 100000, 1000000
	};
	char			 s[40], *p = s + sizeof s, *end;
	unsigned long long	 u, ip, fp;
	int			 i;

	if (places < 0 || places > 6)
		fatal("jsonw: %d decimal places", places);
	u = x < 0 ? 0ULL - (unsigned long long)x : (unsigned long long)x;
	if (u >= 1000000000000000ULL ||
	    (places > 4 && x != 0 && u < (unsigned long long)p10[places - 4])) {
		jsonw_num(w, key, (double)x / (double)p10[places]);
		return;
	}
	jsonw_key(w, key);
	ip = u / (unsigned long long)p10[places];
	fp = u % (unsigned long long)p10[places];
	end = p;
	if (fp != 0) {
		for (i = 0; i < places; i++) {
			*--p = (char)('0' + fp % 10);
			fp /= 10;
		}
		while (end[-1] == '0')
			end--;
		*--p = '.';
	}
	do {
		*--p = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip != 0);
	if (x < 0)
		*--p = '-';
	buf_add(w->b, p, (size_t)(end - p));
}
