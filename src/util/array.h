/* SPDX-License-Identifier: ISC */
/*
 * A minimal typed dynamic array. Declare a list type with ARRAY_DECL
 * (struct NAME { TYPE *v; size_t n, cap; }) and grow it with ARRAY_PUSH.
 * The list owns its storage; freeing the items is the user's business.
 */
#ifndef TB_UTIL_ARRAY_H
#define TB_UTIL_ARRAY_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

#define ARRAY_DECL(name, type)						\
	struct name {							\
		type	*v;						\
		size_t	 n;						\
		size_t	 cap;						\
	}

/* Reserve room for one more item and return a pointer to it (zeroed). */
#define ARRAY_ADD(a) (							\
	((a)->n == (a)->cap ?						\
	    ((a)->cap = (a)->cap != 0 ? (a)->cap * 2 : 8,		\
	    (a)->v = xreallocarray((a)->v, (a)->cap, sizeof *(a)->v))	\
	    : (a)->v),							\
	memset(&(a)->v[(a)->n], 0, sizeof *(a)->v),			\
	&(a)->v[(a)->n++])

/* Make room for at least k items in all, for a list whose size is
 * known: no doubling past it. */
#define ARRAY_RESERVE(a, k) do {					\
	if ((a)->cap < (k)) {						\
		(a)->cap = (k);						\
		(a)->v = xreallocarray((a)->v, (a)->cap,		\
		    sizeof *(a)->v);					\
	}								\
} while (0)

#define ARRAY_FREE(a) do {						\
	free((a)->v);							\
	(a)->v = NULL;							\
	(a)->n = (a)->cap = 0;						\
} while (0)

#endif
