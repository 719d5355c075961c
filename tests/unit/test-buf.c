/* SPDX-License-Identifier: ISC */
/* Unit tests for util/buf.c and util/array.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "util/buf.h"
#include "tap.h"

ARRAY_DECL(int_list, int);

int
main(void)
{
	struct buf	 b;
	struct int_list	 l;
	char		*s;
	int		 i, sum = 0;

	buf_init(&b);
	is_str(buf_str(&b), "", "buf_str of an empty buffer is \"\"");
	buf_adds(&b, "take");
	buf_addc(&b, ' ');
	buf_addf(&b, "%d of %s", 42, "4A");
	is_str(buf_str(&b), "take 42 of 4A", "buf_adds, buf_addc, buf_addf");
	is_int(b.len, strlen("take 42 of 4A"), "len follows the contents");
	buf_reset(&b);
	is_str(buf_str(&b), "", "buf_reset empties");
	for (i = 0; i < 10000; i++)
		buf_addc(&b, (char)('a' + i % 26));
	is_int(b.len, 10000, "grows past its first allocation");
	ok(b.data[9999] == 'a' + 9999 % 26 && b.data[10000] == '\0',
	    "keeps bytes and the terminator");
	buf_add(&b, "", 0);
	is_int(b.len, 10000, "adding nothing changes nothing");
	s = buf_detach(&b);
	is_int(strlen(s), 10000, "buf_detach hands over the string");
	ok(b.data == NULL && b.len == 0, "and leaves the buffer empty");
	free(s);
	s = buf_detach(&b);
	is_str(s, "", "buf_detach of an empty buffer gives \"\"");
	free(s);
	buf_fini(&b);

	memset(&l, 0, sizeof l);
	for (i = 1; i <= 100; i++)
		*ARRAY_ADD(&l) = i;
	for (i = 0; i < (int)l.n; i++)
		sum += l.v[i];
	is_int(l.n, 100, "ARRAY_ADD appends");
	is_int(sum, 5050, "and keeps every item");
	ARRAY_FREE(&l);
	ok(l.v == NULL && l.n == 0 && l.cap == 0, "ARRAY_FREE resets");
	return done_testing();
}
