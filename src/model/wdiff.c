/* SPDX-License-Identifier: ISC */
/*
 * Word diff. Both texts are split into words (runs of bytes other than
 * ASCII whitespace), each carrying the whitespace before it; the common
 * prefix and suffix are taken off and the middle is compared by a
 * longest-common-subsequence table, or, when that table would be too big,
 * shown as wholly replaced. Words are compared byte for byte, so any
 * UTF-8 text works and no locale is involved.
 */
#include "config.h"

#include "model/wdiff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"

/* Largest words(a) * words(b) the LCS table is built for. */
#define WDIFF_MAX_CELLS	4000000

struct wdiff_word {
	const char	*sp;		/* whitespace before the word */
	size_t		 splen;
	const char	*w;
	size_t		 len;
	uint32_t	 hash;
};

struct wdiff_words {
	struct wdiff_word	*v;
	size_t			 n;
	size_t			 cap;
	const char		*tail;	/* whitespace after the last word */
};

/* The edit script: one entry per word of a or b. */
enum wdiff_op {
	WDIFF_OP_SAME,		/* a[i] == b[j]; both advance */
	WDIFF_OP_DEL,		/* a[i] deleted */
	WDIFF_OP_ADD		/* b[j] added */
};

static int
wdiff_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

/* Split s (NULL is empty) into words. */
static void
wdiff_split(const char *s, struct wdiff_words *ws)
{
	struct wdiff_word	*wd;
	const char		*p, *sp;
	uint32_t		 h;

	memset(ws, 0, sizeof *ws);
	p = s != NULL ? s : "";
	for (;;) {
		sp = p;
		while (wdiff_is_space(*p))
			p++;
		if (*p == '\0') {
			ws->tail = sp;
			break;
		}
		if (ws->n == ws->cap) {
			ws->cap = ws->cap == 0 ? 64 : ws->cap * 2;
			ws->v = xreallocarray(ws->v, ws->cap, sizeof *ws->v);
		}
		wd = &ws->v[ws->n++];
		wd->sp = sp;
		wd->splen = (size_t)(p - sp);
		wd->w = p;
		h = 2166136261U;	/* FNV-1a */
		while (*p != '\0' && !wdiff_is_space(*p)) {
			h = (h ^ (unsigned char)*p) * 16777619U;
			p++;
		}
		wd->len = (size_t)(p - wd->w);
		wd->hash = h;
	}
}

static int
wdiff_word_eq(const struct wdiff_word *x, const struct wdiff_word *y)
{
	return x->hash == y->hash && x->len == y->len &&
	    memcmp(x->w, y->w, x->len) == 0;
}

/*
 * Fill ops with the script turning a[0..ma) into b[0..mb) and return its
 * length. The table holds, for each (i, j), the LCS length of the
 * suffixes a[i..] and b[j..]; with ma * mb at most WDIFF_MAX_CELLS the
 * smaller of ma and mb is at most 2000, so 16 bits are enough.
 */
static size_t
wdiff_lcs(const struct wdiff_word *a, size_t ma, const struct wdiff_word *b,
    size_t mb, enum wdiff_op *ops)
{
	uint16_t	*t;
	size_t		 i, j, k = 0, w = mb + 1;

	if (ma == 0 || mb == 0 || ma > WDIFF_MAX_CELLS / mb) {
		for (i = 0; i < ma; i++)
			ops[k++] = WDIFF_OP_DEL;
		for (j = 0; j < mb; j++)
			ops[k++] = WDIFF_OP_ADD;
		return k;
	}

	t = xcalloc((ma + 1) * w, sizeof *t);
	for (i = ma; i-- > 0; ) {
		for (j = mb; j-- > 0; ) {
			if (wdiff_word_eq(&a[i], &b[j]))
				t[i * w + j] = t[(i + 1) * w + j + 1] + 1;
			else if (t[(i + 1) * w + j] >= t[i * w + j + 1])
				t[i * w + j] = t[(i + 1) * w + j];
			else
				t[i * w + j] = t[i * w + j + 1];
		}
	}

	i = j = 0;
	while (i < ma && j < mb) {
		if (wdiff_word_eq(&a[i], &b[j])) {
			ops[k++] = WDIFF_OP_SAME;
			i++;
			j++;
		} else if (t[(i + 1) * w + j] >= t[i * w + j + 1]) {
			ops[k++] = WDIFF_OP_DEL;
			i++;
		} else {
			ops[k++] = WDIFF_OP_ADD;
			j++;
		}
	}
	for (; i < ma; i++)
		ops[k++] = WDIFF_OP_DEL;
	for (; j < mb; j++)
		ops[k++] = WDIFF_OP_ADD;
	free(t);
	return k;
}

/* Append a chunk of the n words starting at ws->v[first]. */
static void
wdiff_push(struct wdiff *d, enum wdiff_kind kind, const struct wdiff_words *ws,
    size_t first, size_t n, const struct wdiff_word *space)
{
	struct wdiff_chunk	*c;
	const struct wdiff_word	*f = &ws->v[first], *l = &ws->v[first + n - 1];

	d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
	c = &d->v[d->n++];
	c->kind = kind;
	c->text = xstrndup(f->w, (size_t)(l->w + l->len - f->w));
	c->space = xstrndup(space->sp, space->splen);
}

/*
 * Diff a (the old text) against b (the new one); either may be NULL or
 * empty. Chunk text and space are copied from the texts as described in
 * wdiff.h, with one exception: a WDIFF_SAME chunk that begins b right
 * after a deletion takes its space from a, so "x y" -> "y" shows as
 * "[-x-] y" rather than "[-x-]y". When the words left after removing the
 * common prefix and suffix number more than 4,000,000 when multiplied,
 * those middle words are shown as all deleted then all added. Returns a
 * diff the caller frees with wdiff_free.
 */
struct wdiff *
wdiff_new(const char *a, const char *b)
{
	struct wdiff		*d;
	struct wdiff_words	 wa, wb;
	enum wdiff_op		*ops;
	size_t			 pre = 0, suf = 0, nops, k, i, j, n;
	size_t			 dstart, ndel, astart, nadd;

	wdiff_split(a, &wa);
	wdiff_split(b, &wb);
	d = xcalloc(1, sizeof *d);
	d->tail = xstrdup(wb.tail);

	while (pre < wa.n && pre < wb.n &&
	    wdiff_word_eq(&wa.v[pre], &wb.v[pre]))
		pre++;
	while (suf < wa.n - pre && suf < wb.n - pre &&
	    wdiff_word_eq(&wa.v[wa.n - 1 - suf], &wb.v[wb.n - 1 - suf]))
		suf++;

	ops = xreallocarray(NULL, wa.n + wb.n + 1, sizeof *ops);
	nops = 0;
	for (k = 0; k < pre; k++)
		ops[nops++] = WDIFF_OP_SAME;
	nops += wdiff_lcs(wa.v + pre, wa.n - pre - suf, wb.v + pre,
	    wb.n - pre - suf, ops + nops);
	for (k = 0; k < suf; k++)
		ops[nops++] = WDIFF_OP_SAME;

	/* Group the script into SAME runs and DEL-then-ADD changes. */
	i = j = 0;
	k = 0;
	while (k < nops) {
		if (ops[k] == WDIFF_OP_SAME) {
			n = 0;
			while (k < nops && ops[k] == WDIFF_OP_SAME) {
				n++;
				k++;
			}
			if (j == 0 && wb.v[0].splen == 0 && d->n > 0 &&
			    d->v[d->n - 1].kind == WDIFF_DEL)
				wdiff_push(d, WDIFF_SAME, &wb, j, n, &wa.v[i]);
			else
				wdiff_push(d, WDIFF_SAME, &wb, j, n, &wb.v[j]);
			i += n;
			j += n;
			continue;
		}
		dstart = i;
		astart = j;
		ndel = nadd = 0;
		while (k < nops && ops[k] != WDIFF_OP_SAME) {
			if (ops[k] == WDIFF_OP_DEL)
				ndel++;
			else
				nadd++;
			k++;
		}
		if (ndel > 0)
			wdiff_push(d, WDIFF_DEL, &wa, dstart, ndel,
			    &wa.v[dstart]);
		if (nadd > 0)
			wdiff_push(d, WDIFF_ADD, &wb, astart, nadd,
			    &wb.v[astart]);
		d->ndel += ndel;
		d->nadd += nadd;
		i += ndel;
		j += nadd;
	}

	free(ops);
	free(wa.v);
	free(wb.v);
	return d;
}

/* Free a diff and its chunks; NULL is fine. */
void
wdiff_free(struct wdiff *d)
{
	size_t	 k;

	if (d == NULL)
		return;
	for (k = 0; k < d->n; k++) {
		free(d->v[k].text);
		free(d->v[k].space);
	}
	free(d->v);
	free(d->tail);
	free(d);
}

/*
 * Render d as one string, deleted words between del_open and del_close
 * and added words between add_open and add_close (NULL markers are
 * empty). Each chunk is preceded by its space, outside the markers,
 * except an added chunk right after a deleted one: the two stand in the
 * same place, so "a red car" -> "a red truck" gives
 * "a red [-car-]{+truck+}". b's trailing whitespace ends the string.
 * The text is not sanitised. Returns an allocated string; NULL d is "".
 */
char *
wdiff_format(const struct wdiff *d, const char *del_open,
    const char *del_close, const char *add_open, const char *add_close)
{
	const struct wdiff_chunk	*c;
	struct buf			 b;
	size_t				 k;

	buf_init(&b);
	if (d == NULL)
		return buf_detach(&b);
	for (k = 0; k < d->n; k++) {
		c = &d->v[k];
		if (c->kind != WDIFF_ADD || k == 0 ||
		    d->v[k - 1].kind != WDIFF_DEL)
			buf_adds(&b, c->space);
		switch (c->kind) {
		case WDIFF_SAME:
			buf_adds(&b, c->text);
			break;
		case WDIFF_DEL:
			buf_adds(&b, del_open != NULL ? del_open : "");
			buf_adds(&b, c->text);
			buf_adds(&b, del_close != NULL ? del_close : "");
			break;
		case WDIFF_ADD:
			buf_adds(&b, add_open != NULL ? add_open : "");
			buf_adds(&b, c->text);
			buf_adds(&b, add_close != NULL ? add_close : "");
			break;
		}
	}
	buf_adds(&b, d->tail);
	return buf_detach(&b);
}
