/* SPDX-License-Identifier: ISC */
/*
 * Frame rates and SMPTE timecode for the exported cut: milliseconds to
 * frames and back, and HH:MM:SS:FF labels, including drop-frame
 * timecode for 29.97 and 59.94 fps.
 */
#ifndef TB_IO_IO_TIMECODE_H
#define TB_IO_IO_TIMECODE_H

#include <stdbool.h>
#include <stddef.h>

#define IO_TC_LEN	16	/* "HH:MM:SS:FF" (or :FFF) and its NUL */

/* A frame rate: num / den frames a second. */
struct io_rate {
	long long	 num;
	long long	 den;
	int		 base;	/* timecode frames a second */
	bool		 drop;	/* drop frame (29.97, 59.94) */
	bool		 ntsc;	/* n * 1000/1001 (23.976...) */
	bool		 has_tc;/* integer or NTSC rate: timecode exists */
};

int	 io_timecode_rate(double, struct io_rate *, char **);
char	*io_timecode_rate_name(const struct io_rate *);
long long io_timecode_frames(const struct io_rate *, long long);
long long io_timecode_ms(const struct io_rate *, long long);
long long io_timecode_day(const struct io_rate *);
int	 io_timecode_format(const struct io_rate *, long long, char *,
	     size_t);
int	 io_timecode_parse(const struct io_rate *, const char *, long long *,
	     char **);

#endif
