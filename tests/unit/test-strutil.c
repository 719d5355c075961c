/* SPDX-License-Identifier: ISC */
/* Unit tests for util/strutil.c and util/fsutil.c. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/strutil.h"
#include "util/xmalloc.h"
#include "tap.h"

static void
test_numbers(void)
{
	long long	 v = 0;

	ok(str_to_ll("42", 0, 100, &v) == 0 && v == 42, "str_to_ll 42");
	ok(str_to_ll("-5", -10, 10, &v) == 0 && v == -5, "negative in range");
	ok(str_to_ll("101", 0, 100, &v) == -1 && errno == ERANGE,
	    "over max is ERANGE");
	ok(str_to_ll("", 0, 100, &v) == -1, "empty is refused");
	ok(str_to_ll(" 4", 0, 100, &v) == -1, "leading space is refused");
	ok(str_to_ll("4 ", 0, 100, &v) == -1, "trailing space is refused");
	ok(str_to_ll("8s", 0, 100, &v) == -1, "trailing letters are refused");
	ok(str_to_ll("1e3", 0, 10000, &v) == -1, "exponents are refused");
	ok(str_to_ll("99999999999999999999", 0, LLONG_MAX, &v) == -1,
	    "overflow is refused");
	ok(str_to_ll(NULL, 0, 1, &v) == -1, "NULL is refused");

	ok(str_to_decimal("2.5", 3, 1000000, &v) == 0 && v == 2500,
	    "2.5 with 3 places is 2500");
	ok(str_to_decimal("8", 3, 1000000, &v) == 0 && v == 8000, "8 is 8000");
	ok(str_to_decimal(".5", 3, 1000000, &v) == 0 && v == 500, ".5 is 500");
	ok(str_to_decimal("5.", 3, 1000000, &v) == 0 && v == 5000, "5. is 5000");
	ok(str_to_decimal("0.001", 3, 1000000, &v) == 0 && v == 1,
	    "the smallest step");
	ok(str_to_decimal("0.0001", 3, 1000000, &v) == -1,
	    "too many decimals are refused, not rounded");
	ok(str_to_decimal("-1", 3, 1000000, &v) == -1, "no sign");
	ok(str_to_decimal("+1", 3, 1000000, &v) == -1, "no plus sign");
	ok(str_to_decimal("1.2.3", 3, 1000000, &v) == -1, "one point only");
	ok(str_to_decimal(".", 3, 1000000, &v) == -1, "a lone point");
	ok(str_to_decimal("", 3, 1000000, &v) == -1, "empty");
	ok(str_to_decimal("nan", 3, 1000000, &v) == -1, "nan");
	ok(str_to_decimal("inf", 3, 1000000, &v) == -1, "inf");
	ok(str_to_decimal("1e2", 3, 1000000, &v) == -1, "exponent");
	ok(str_to_decimal("1001", 3, 1000000, &v) == -1 && errno == ERANGE,
	    "over max");
	ok(str_to_decimal("99999999999999999999", 0, LLONG_MAX, &v) == -1,
	    "overflow");
	ok(str_to_decimal("0.35", 6, LLONG_MAX, &v) == 0 && v == 350000,
	    "money: 0.35 is 350000 micro-units");
}

static void
test_strings(void)
{
	char	*s;

	s = xstrdup("  EXT. ROAD - DAY \t\n");
	is_str(str_trim(s), "EXT. ROAD - DAY", "str_trim both ends");
	free(s);
	s = xstrdup("   ");
	is_str(str_trim(s), "", "str_trim of blanks");
	free(s);
	s = str_first_line("\n\n  first line  \nsecond");
	is_str(s, "first line", "str_first_line skips blank lines");
	free(s);
	s = str_first_line(NULL);
	is_str(s, "", "str_first_line of NULL");
	free(s);
	ok(str_empty(NULL) && str_empty("") && !str_empty("x"), "str_empty");
	ok(str_prefix("takeboard", "take") && !str_prefix("ta", "take"),
	    "str_prefix");
	s = xstrdup("MiXeD");
	str_lower(s);
	is_str(s, "mixed", "str_lower");
	str_upper(s);
	is_str(s, "MIXED", "str_upper");
	free(s);
}

static void
test_fs(void)
{
	char		 dir[] = "/tmp/tb-fs-XXXXXX";
	char		*a, *b, *p, *cause = NULL;
	long long	 size = 0;
	FILE		*f;

	a = fs_join("a", "b");
	is_str(a, "a/b", "fs_join");
	free(a);
	a = fs_join("a/", "b");
	is_str(a, "a/b", "fs_join with a trailing slash");
	free(a);
	a = fs_dirname("/x/y/z.mp4");
	is_str(a, "/x/y", "fs_dirname");
	free(a);
	a = fs_dirname("z.mp4");
	is_str(a, ".", "fs_dirname of a bare name");
	free(a);
	a = fs_dirname("/z");
	is_str(a, "/", "fs_dirname of a root entry");
	free(a);
	is_str(fs_basename("/x/y/z.mp4"), "z.mp4", "fs_basename");
	is_str(fs_extension("/x/y.d/z.MP4"), "MP4", "fs_extension");
	is_str(fs_extension("/x/y.d/z"), "", "no extension");
	is_str(fs_extension(".hidden"), "", "a dot file has no extension");

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	p = xasprintf("%s/a/b/c", dir);
	ok(fs_mkdirs(p, 0777, &cause) == 0 && fs_is_dir(p), "fs_mkdirs");
	ok(fs_mkdirs(p, 0777, &cause) == 0, "fs_mkdirs again is fine");
	a = xasprintf("%s/src.bin", dir);
	f = fopen(a, "w");
	fputs("clip bytes", f);
	fclose(f);
	b = xasprintf("%s/dst.bin", p);
	ok(fs_place(a, b, false, &cause) == 0, "fs_place copies");
	ok(fs_size(b, &size, &cause) == 0 && size == 10, "with every byte");
	ok(fs_exists(a), "and leaves the source");
	ok(fs_place(a, b, false, &cause) == -1 && cause != NULL &&
	    strstr(cause, "already exists") != NULL,
	    "fs_place never overwrites");
	free(cause);
	cause = NULL;
	unlink(b);
	ok(fs_place(a, b, true, &cause) == 0 && fs_exists(b),
	    "fs_place links when allowed");
	unlink(b);
	free(b);
	b = xasprintf("%s/missing", dir);
	ok(fs_place(b, a, false, &cause) == -1, "a missing source fails");
	free(cause);
	cause = NULL;
	ok(fs_size(b, &size, &cause) == -1 && cause != NULL,
	    "fs_size of a missing file fails with a cause");
	free(cause);
	cause = NULL;
	ok(fs_place(p, b, false, &cause) == -1, "a folder is not a clip");
	free(cause);
	free(b);
	b = xasprintf("rm -rf '%s'", dir);
	ok(system(b) == 0, "clean up");
	free(b);
	free(a);
	free(p);
}

int
main(void)
{
	test_numbers();
	test_strings();
	test_fs();
	return done_testing();
}
