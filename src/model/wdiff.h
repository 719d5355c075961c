/* SPDX-License-Identifier: ISC */
/*
 * Word diff of two prompt texts, like git diff --word-diff=plain: which
 * words of the old text were deleted and which words of the new text
 * were added, for showing how one take's prompt differs from another's.
 */
#ifndef TB_MODEL_WDIFF_H
#define TB_MODEL_WDIFF_H

#include <stddef.h>

enum wdiff_kind {
	WDIFF_SAME,
	WDIFF_DEL,
	WDIFF_ADD
};

/*
 * A run of consecutive words of one kind. text holds the words with the
 * whitespace between them, and space the whitespace before the first
 * word: both come from b for WDIFF_SAME and WDIFF_ADD and from a for
 * WDIFF_DEL (see wdiff_new for the one exception). Neither is NULL.
 */
struct wdiff_chunk {
	enum wdiff_kind	 kind;
	char		*text;
	char		*space;
};

/*
 * The diff: chunks in output order, each change shown as one WDIFF_DEL
 * chunk then one WDIFF_ADD chunk. ndel and nadd count words, not
 * chunks. tail is the whitespace after the last word of b (all of b if
 * it has no words); never NULL.
 */
struct wdiff {
	struct wdiff_chunk	*v;
	size_t			 n;
	size_t			 ndel;
	size_t			 nadd;
	char			*tail;
};

struct wdiff	*wdiff_new(const char *, const char *);
void		 wdiff_free(struct wdiff *);
char		*wdiff_format(const struct wdiff *, const char *, const char *,
		     const char *, const char *);

#endif
