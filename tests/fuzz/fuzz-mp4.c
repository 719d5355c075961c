/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: the MP4/QuickTime box reader that finds a clip's
 * duration (io_mp4_duration_mem), given files from anywhere.
 */
#include "config.h"

#include <stdlib.h>

#include "io/io-mp4.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long long	 ms = -1;
	char		*cause = NULL;

	if (io_mp4_duration_mem(data, size, &ms, &cause) != 0)
		free(cause);
	else if (ms < 0)
		fatal("a negative duration was accepted");
	return 0;
}
