/* SPDX-License-Identifier: ISC */
/*
 * Clip durations from MP4 and QuickTime (ISO BMFF) files, read from the
 * movie header by a small box parser of our own.
 */
#ifndef TB_IO_IO_MP4_H
#define TB_IO_IO_MP4_H

#include <stddef.h>

int	io_mp4_duration(const char *, long long *, char **);
int	io_mp4_duration_mem(const unsigned char *, size_t, long long *,
	    char **);

#endif
