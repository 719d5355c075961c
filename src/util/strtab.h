/* SPDX-License-Identifier: ISC */
/*
 * A string table: gives each distinct string a small number (0, 1, 2, ...
 * in the order they were first seen), through an open-addressing hash,
 * so that rows can be grouped by a text key in one pass without sorting.
 * The table keeps its own copies of the keys.
 */
#ifndef TB_UTIL_STRTAB_H
#define TB_UTIL_STRTAB_H

#include <stdbool.h>
#include <stddef.h>

struct strtab_slot;

struct strtab {
	struct strtab_slot	*slots;
	size_t			 cap;	/* a power of two, or 0 */
	size_t			 n;	/* distinct keys */
};

void		 strtab_init(struct strtab *);
void		 strtab_fini(struct strtab *);
size_t		 strtab_intern(struct strtab *, const char *, size_t, bool *);

#endif
