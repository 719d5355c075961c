/* SPDX-License-Identifier: ISC */
/* Unit tests for util/strtab.c. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/strtab.h"
#include "tap.h"

int
main(void)
{
	struct strtab	 t;
	char		 key[32];
	size_t		 i, id, wrong = 0;
	bool		 added;

	strtab_init(&t);
	is_int(strtab_intern(&t, "dara", 4, &added), 0, "first key is 0");
	ok(added, "and was added");
	is_int(strtab_intern(&t, "eli", 3, &added), 1, "second key is 1");
	is_int(strtab_intern(&t, "dara", 4, &added), 0, "same key, same id");
	ok(!added, "and was not added again");
	is_int(strtab_intern(&t, "darab", 4, NULL), 0,
	    "only len bytes count");
	is_int(strtab_intern(&t, "", 0, &added), 2, "the empty key");
	is_int(strtab_intern(&t, "a\0b", 3, NULL), 3, "NUL inside a key");
	is_int(strtab_intern(&t, "a\0c", 3, NULL), 4, "differs after a NUL");
	/* past many doublings, every id stays the one first given */
	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof key, "2026-%05zu", i);
		if (strtab_intern(&t, key, strlen(key), NULL) != i + 5)
			wrong++;
	}
	for (i = 0; i < 20000; i += 7) {
		snprintf(key, sizeof key, "2026-%05zu", i);
		id = strtab_intern(&t, key, strlen(key), &added);
		if (id != i + 5 || added)
			wrong++;
	}
	is_int(wrong, 0, "20,000 keys keep their ids through growth");
	is_int(t.n, 20005, "n counts distinct keys");
	strtab_fini(&t);
	is_int(t.n, 0, "strtab_fini empties");
	return done_testing();
}
