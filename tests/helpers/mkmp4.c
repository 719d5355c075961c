/* SPDX-License-Identifier: ISC */
/*
 * Test helper: write a tiny MP4 or MOV file whose movie header says it
 * lasts SECONDS, for the CLI tests of clip import.
 *
 *	mkmp4 OUT SECONDS [--v1] [--moov-last] [--mov]
 *
 * The file is ftyp ('isom', or 'qt  ' with --mov), a small mdat and a
 * moov holding mvhd; --moov-last puts moov after mdat. The timescale is
 * 600 (version 0) or 90000 (--v1, version 1 with 64-bit fields); when
 * SECONDS is not a whole number of 1/600 s, version 0 uses 1000 so the
 * duration still reads back exactly to the millisecond. SECONDS 0 writes
 * a zero (unknown) duration, which io_mp4_duration reports as "has no
 * duration". Standalone: libc only, no config.h. Exits 0, 1 on a write
 * error, 2 on bad usage.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char	 out[1024];
static size_t		 outlen;

static void
usage(void)
{
	fprintf(stderr,
	    "usage: mkmp4 OUT SECONDS [--v1] [--moov-last] [--mov]\n");
	exit(2);
}

static void
put8(unsigned int v)
{
	out[outlen++] = (unsigned char)(v & 0xff);
}

static void
put32(uint32_t v)
{
	put8(v >> 24);
	put8(v >> 16);
	put8(v >> 8);
	put8(v);
}

static void
put64(uint64_t v)
{
	put32((uint32_t)(v >> 32));
	put32((uint32_t)v);
}

static void
puttype(const char *t)
{
	memcpy(out + outlen, t, 4);
	outlen += 4;
}

static size_t
box_begin(const char *type)
{
	size_t	 at = outlen;

	put32(0);
	puttype(type);
	return at;
}

static void
box_end(size_t at)
{
	uint32_t	 n = (uint32_t)(outlen - at);

	out[at] = (unsigned char)(n >> 24);
	out[at + 1] = (unsigned char)(n >> 16);
	out[at + 2] = (unsigned char)(n >> 8);
	out[at + 3] = (unsigned char)n;
}

static void
put_mdat(void)
{
	size_t	 at, i;

	at = box_begin("mdat");
	for (i = 0; i < 64; i++)
		put8((unsigned int)(i * 37 + 11));
	box_end(at);
}

static void
put_moov(int v1, uint32_t ts, uint64_t dur)
{
	size_t	 moov, mvhd, i;

	moov = box_begin("moov");
	mvhd = box_begin("mvhd");
	put8(v1 ? 1 : 0);
	put8(0);
	put8(0);
	put8(0);
	if (v1) {
		put64(0);		/* creation_time */
		put64(0);		/* modification_time */
		put32(ts);
		put64(dur);
	} else {
		put32(0);
		put32(0);
		put32(ts);
		put32((uint32_t)dur);
	}
	put32(0x00010000);		/* rate 1.0 */
	put8(1);			/* volume 1.0 */
	put8(0);
	for (i = 0; i < 10; i++)	/* reserved */
		put8(0);
	put32(0x00010000);		/* unity matrix */
	put32(0);
	put32(0);
	put32(0);
	put32(0x00010000);
	put32(0);
	put32(0);
	put32(0);
	put32(0x40000000);
	for (i = 0; i < 6; i++)		/* pre_defined */
		put32(0);
	put32(2);			/* next_track_ID */
	box_end(mvhd);
	box_end(moov);
}

/* Ticks for secs at ts per second, if a whole number (to 1e-6 tick). */
static int
ticks(double secs, uint32_t ts, uint64_t *out_ticks)
{
	double		 t = secs * ts, d;
	uint64_t	 n;

	if (t >= 18446744073709549568.0)
		return -1;
	n = (uint64_t)(t + 0.5);
	d = t - (double)n;
	if (d < -1e-6 || d > 1e-6)
		return -1;
	*out_ticks = n;
	return 0;
}

int
main(int argc, char **argv)
{
	const char	*path = NULL, *secs_arg = NULL;
	char		*end;
	double		 secs;
	uint64_t	 dur;
	uint32_t	 ts;
	int		 i, v1 = 0, moov_last = 0, mov = 0;
	size_t		 at, n;
	FILE		*f;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--v1") == 0)
			v1 = 1;
		else if (strcmp(argv[i], "--moov-last") == 0)
			moov_last = 1;
		else if (strcmp(argv[i], "--mov") == 0)
			mov = 1;
		else if (argv[i][0] == '-' && argv[i][1] == '-')
			usage();
		else if (path == NULL)
			path = argv[i];
		else if (secs_arg == NULL)
			secs_arg = argv[i];
		else
			usage();
	}
	if (path == NULL || secs_arg == NULL)
		usage();
	errno = 0;
	secs = strtod(secs_arg, &end);
	if (end == secs_arg || *end != '\0' || errno != 0 || !(secs >= 0) ||
	    secs > 1e9)
		usage();

	if (v1) {
		ts = 90000;
		dur = (uint64_t)(secs * ts + 0.5);
	} else {
		ts = 600;
		if (ticks(secs, ts, &dur) != 0) {
			ts = 1000;
			dur = (uint64_t)(secs * ts + 0.5);
		}
		if (dur >= UINT32_MAX) {
			fprintf(stderr, "mkmp4: %s seconds is too long for "
			    "version 0; use --v1\n", secs_arg);
			exit(2);
		}
	}

	at = box_begin("ftyp");
	puttype(mov ? "qt  " : "isom");
	put32(mov ? 0x20050300 : 0x200);
	puttype(mov ? "qt  " : "isom");
	puttype(mov ? "qt  " : "mp41");
	box_end(at);
	if (moov_last) {
		put_mdat();
		put_moov(v1, ts, dur);
	} else {
		put_moov(v1, ts, dur);
		put_mdat();
	}

	f = fopen(path, "wb");
	if (f == NULL) {
		fprintf(stderr, "mkmp4: %s: %s\n", path, strerror(errno));
		return 1;
	}
	n = fwrite(out, 1, outlen, f);
	if (fclose(f) != 0 || n != outlen) {
		fprintf(stderr, "mkmp4: %s: write error\n", path);
		return 1;
	}
	return 0;
}
