/* SPDX-License-Identifier: ISC */
/*
 * String table; see strtab.h. FNV-1a hashing, linear probing, and the
 * table doubles when it is half full, so a look-up costs one hash and a
 * probe or two.
 */
#include "config.h"

#include "util/strtab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

struct strtab_slot {
	char		*key;	/* NULL: empty */
	size_t		 len;
	uint64_t	 hash;
	size_t		 id;
};

void
strtab_init(struct strtab *t)
{
	t->slots = NULL;
	t->cap = 0;
	t->n = 0;
}

void
strtab_fini(struct strtab *t)
{
	size_t	 i;

	for (i = 0; i < t->cap; i++)
		free(t->slots[i].key);
	free(t->slots);
	strtab_init(t);
}

static uint64_t
strtab_hash(const char *s, size_t len)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	size_t		 i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void
strtab_grow(struct strtab *t)
{
	struct strtab_slot	*old = t->slots, *s;
	size_t			 oldcap = t->cap, i, j;

	t->cap = oldcap == 0 ? 16 : oldcap * 2;
	t->slots = xcalloc(t->cap, sizeof *t->slots);
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		j = (size_t)old[i].hash & (t->cap - 1);
		while (t->slots[j].key != NULL)
			j = (j + 1) & (t->cap - 1);
		s = &t->slots[j];
		*s = old[i];
	}
	free(old);
}

/*
 * The number of the len bytes at key (which need not be NUL-terminated),
 * adding them when they are new; *added (when not NULL) says which.
 */
size_t
strtab_intern(struct strtab *t, const char *key, size_t len, bool *added)
{
	struct strtab_slot	*s;
	uint64_t		 h;
	size_t			 j;

	if (t->n + 1 > t->cap / 2)
		strtab_grow(t);
	h = strtab_hash(key, len);
	j = (size_t)h & (t->cap - 1);
	for (;;) {
		s = &t->slots[j];
		if (s->key == NULL)
			break;
		if (s->hash == h && s->len == len &&
		    memcmp(s->key, key, len) == 0) {
			if (added != NULL)
				*added = false;
			return s->id;
		}
		j = (j + 1) & (t->cap - 1);
	}
	s->key = xmalloc(len + 1);
	memcpy(s->key, key, len);
	s->key[len] = '\0';
	s->len = len;
	s->hash = h;
	s->id = t->n++;
	if (added != NULL)
		*added = true;
	return s->id;
}
