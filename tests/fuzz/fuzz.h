/* SPDX-License-Identifier: ISC */
/*
 * What the fuzz targets share: libFuzzer's entry point, which each
 * tests/fuzz/fuzz-NAME.c defines, and a NUL-ended copy of an input.
 * A target is linked either with libFuzzer (./configure --enable-fuzzing)
 * or with replay.c, which feeds it the files of its corpus in make check.
 */
#ifndef TB_TESTS_FUZZ_FUZZ_H
#define TB_TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The input as a NUL-ended string (it may hold other NULs), as the
 * program has text after reading a file or an answer. */
static inline char *
fuzz_text(const uint8_t *data, size_t size)
{
	char	*s;

	s = xmalloc(size + 1);
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
