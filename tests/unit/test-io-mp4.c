/* SPDX-License-Identifier: ISC */
/*
 * Tests for io/io-mp4: movie files built box by box in memory (versions
 * 0 and 1, moov before and after mdat, 64-bit and to-the-end sizes, the
 * mehd and mdhd fallbacks), every truncation of a valid file, garbage
 * and mutated input, and the file-path entry point on temporary files,
 * one of them a sparse file larger than 4 GiB.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/xmalloc.h"
#include "io/io-mp4.h"

#include "tap.h"

static void
put8(struct buf *b, unsigned int v)
{
	buf_addc(b, (char)(v & 0xff));
}

static void
put32(struct buf *b, uint32_t v)
{
	put8(b, v >> 24);
	put8(b, v >> 16);
	put8(b, v >> 8);
	put8(b, v);
}

static void
put64(struct buf *b, uint64_t v)
{
	put32(b, (uint32_t)(v >> 32));
	put32(b, (uint32_t)v);
}

static void
zeros(struct buf *b, size_t n)
{
	while (n-- > 0)
		put8(b, 0);
}

static void
patch32(struct buf *b, size_t at, uint32_t v)
{
	unsigned char	*p = (unsigned char *)b->data + at;

	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Start a box; box_end patches its size. */
static size_t
box_begin(struct buf *b, const char *type)
{
	size_t	 at = b->len;

	put32(b, 0);
	buf_add(b, type, 4);
	return at;
}

static void
box_end(struct buf *b, size_t at)
{
	patch32(b, at, (uint32_t)(b->len - at));
}

static void
ftyp(struct buf *b, const char *brand)
{
	size_t	 at = box_begin(b, "ftyp");

	buf_add(b, brand, 4);
	put32(b, 0x200);
	buf_add(b, brand, 4);
	buf_add(b, "mp41", 4);
	box_end(b, at);
}

static void
mdat(struct buf *b, size_t n)
{
	size_t	 at = box_begin(b, "mdat");
	size_t	 i;

	for (i = 0; i < n; i++)
		put8(b, (unsigned int)(i * 7 + 1));
	box_end(b, at);
}

/* mvhd or mdhd: the same layout for the fields we read. */
static void
hdbox(struct buf *b, const char *type, int version, uint32_t ts,
    uint64_t dur)
{
	size_t	 at = box_begin(b, type);

	put8(b, (unsigned int)version);
	zeros(b, 3);
	if (version == 1) {
		put64(b, 3600);
		put64(b, 3600);
		put32(b, ts);
		put64(b, dur);
	} else {
		put32(b, 3600);
		put32(b, 3600);
		put32(b, ts);
		put32(b, (uint32_t)dur);
	}
	if (strcmp(type, "mvhd") == 0)
		zeros(b, 80);	/* rate ... next_track_ID */
	else
		zeros(b, 4);	/* language, quality */
	box_end(b, at);
}

static void
trak(struct buf *b, uint32_t ts, uint64_t dur)
{
	size_t	 t, m, h;

	t = box_begin(b, "trak");
	h = box_begin(b, "tkhd");
	zeros(b, 84);
	box_end(b, h);
	m = box_begin(b, "mdia");
	hdbox(b, "mdhd", 0, ts, dur);
	h = box_begin(b, "hdlr");
	zeros(b, 24);
	box_end(b, h);
	box_end(b, m);
	box_end(b, t);
}

static void
moov(struct buf *b, int version, uint32_t ts, uint64_t dur)
{
	size_t	 at = box_begin(b, "moov");

	hdbox(b, "mvhd", version, ts, dur);
	trak(b, ts, dur);
	box_end(b, at);
}

/* A movie of ms milliseconds at timescale 600, moov first or last. */
static void
movie(struct buf *b, int moov_last)
{
	buf_init(b);
	ftyp(b, "isom");
	if (moov_last) {
		mdat(b, 300);
		moov(b, 0, 600, 2700);
	} else {
		moov(b, 0, 600, 2700);
		mdat(b, 300);
	}
}

/* Expect success and want milliseconds. */
static void
expect_ms(const struct buf *b, long long want, const char *name)
{
	long long	 ms = -12345;
	char		*cause = NULL;
	int		 r;

	r = io_mp4_duration_mem((const unsigned char *)b->data, b->len, &ms,
	    &cause);
	ok(r == 0 && ms == want && cause == NULL, "%s: %lld ms (want %lld)%s%s",
	    name, ms, want, cause ? ": " : "", cause ? cause : "");
	free(cause);
}

/* Expect failure with a cause containing want. */
static void
expect_err(const struct buf *b, const char *want, const char *name)
{
	long long	 ms = -12345;
	char		*cause = NULL;
	int		 r;

	r = io_mp4_duration_mem((const unsigned char *)b->data, b->len, &ms,
	    &cause);
	ok(r == -1 && cause != NULL && strstr(cause, want) != NULL &&
	    ms == -12345, "%s: error \"%s\"", name, cause ? cause : "(none)");
	free(cause);
}

static void
test_good(void)
{
	struct buf	 b;
	size_t		 at, m;

	movie(&b, 0);
	expect_ms(&b, 4500, "v0 moov first");
	buf_fini(&b);

	movie(&b, 1);
	expect_ms(&b, 4500, "v0 moov after mdat");
	buf_fini(&b);

	buf_init(&b);
	ftyp(&b, "isom");
	mdat(&b, 10);
	moov(&b, 1, 90000, 90000ULL * 3600 * 30);
	expect_ms(&b, 108000000LL, "v1, 30 hours at 90 kHz");
	buf_fini(&b);

	buf_init(&b);
	ftyp(&b, "isom");
	moov(&b, 1, 1000, 1ULL << 40);
	expect_ms(&b, 1LL << 40, "v1 with a duration over 32 bits");
	buf_fini(&b);

	/* mdat with a 64-bit largesize, then moov. */
	buf_init(&b);
	ftyp(&b, "isom");
	put32(&b, 1);
	buf_add(&b, "mdat", 4);
	put64(&b, 16 + 100);
	zeros(&b, 100);
	moov(&b, 0, 600, 600);
	expect_ms(&b, 1000, "64-bit largesize mdat");
	buf_fini(&b);

	/* moov itself with a largesize. */
	buf_init(&b);
	ftyp(&b, "isom");
	put32(&b, 1);
	buf_add(&b, "moov", 4);
	at = b.len;
	put64(&b, 0);
	hdbox(&b, "mvhd", 0, 1000, 1234);
	patch32(&b, at + 4, (uint32_t)(b.len - at + 8));
	expect_ms(&b, 1234, "64-bit largesize moov");
	buf_fini(&b);

	/* Size 0: the last box runs to the end of the file. */
	buf_init(&b);
	ftyp(&b, "isom");
	mdat(&b, 50);
	m = b.len;
	moov(&b, 0, 600, 1200);
	patch32(&b, m, 0);
	expect_ms(&b, 2000, "size-0 moov at the end");
	buf_fini(&b);

	buf_init(&b);
	ftyp(&b, "isom");
	moov(&b, 0, 600, 1200);
	put32(&b, 0);
	buf_add(&b, "mdat", 4);
	zeros(&b, 40);
	expect_ms(&b, 2000, "size-0 mdat after moov");
	buf_fini(&b);

	/* Old QuickTime: no ftyp. */
	buf_init(&b);
	at = box_begin(&b, "wide");
	box_end(&b, at);
	mdat(&b, 20);
	moov(&b, 0, 600, 300);
	expect_ms(&b, 500, "QuickTime wide/mdat/moov");
	buf_fini(&b);

	buf_init(&b);
	ftyp(&b, "qt  ");
	at = box_begin(&b, "free");
	zeros(&b, 12);
	box_end(&b, at);
	moov(&b, 0, 600, 300);
	zeros(&b, 4);		/* trailing padding is ignored */
	expect_ms(&b, 500, "qt brand, free box, trailing padding");
	buf_fini(&b);

	/* Rounding to the nearest millisecond. */
	buf_init(&b);
	ftyp(&b, "isom");
	moov(&b, 0, 3, 1);
	expect_ms(&b, 333, "1/3 s rounds down");
	buf_fini(&b);
	buf_init(&b);
	ftyp(&b, "isom");
	moov(&b, 0, 3, 2);
	expect_ms(&b, 667, "2/3 s rounds up");
	buf_fini(&b);
	buf_init(&b);
	ftyp(&b, "isom");
	moov(&b, 0, 2000, 1);
	expect_ms(&b, 1, "half a millisecond rounds up");
	buf_fini(&b);
	buf_init(&b);
	ftyp(&b, "isom");
	moov(&b, 1, UINT32_MAX, UINT64_MAX - 1);
	expect_ms(&b, 4294967297000LL, "huge v1 duration, huge timescale");
	buf_fini(&b);
}

static void
test_fallback(void)
{
	struct buf	 b;
	size_t		 mv, mx, at;

	/* mvhd duration 0, mvex/mehd v0. */
	buf_init(&b);
	ftyp(&b, "iso6");
	mv = box_begin(&b, "moov");
	hdbox(&b, "mvhd", 0, 1000, 0);
	mx = box_begin(&b, "mvex");
	at = box_begin(&b, "mehd");
	put32(&b, 0);
	put32(&b, 8250);
	box_end(&b, at);
	box_end(&b, mx);
	box_end(&b, mv);
	expect_ms(&b, 8250, "mehd v0 fallback");
	buf_fini(&b);

	/* mvhd duration all ones, mehd v1. */
	buf_init(&b);
	ftyp(&b, "iso6");
	mv = box_begin(&b, "moov");
	hdbox(&b, "mvhd", 0, 90000, UINT32_MAX);
	mx = box_begin(&b, "mvex");
	at = box_begin(&b, "trex");
	zeros(&b, 24);
	box_end(&b, at);
	at = box_begin(&b, "mehd");
	put32(&b, 1U << 24);
	put64(&b, 90000ULL * 12);
	box_end(&b, at);
	box_end(&b, mx);
	box_end(&b, mv);
	expect_ms(&b, 12000, "mehd v1 fallback (unknown mvhd duration)");
	buf_fini(&b);

	/* No mehd: the longest track, each over its own timescale. */
	buf_init(&b);
	ftyp(&b, "isom");
	mdat(&b, 16);
	mv = box_begin(&b, "moov");
	hdbox(&b, "mvhd", 1, 1000, UINT64_MAX);
	trak(&b, 48000, 48000 * 5);
	trak(&b, 90000, 90000 * 7 + 45);
	trak(&b, 0, 100);
	box_end(&b, mv);
	expect_ms(&b, 7001, "mdhd fallback takes the longest track");
	buf_fini(&b);

	/* Nothing at all. */
	buf_init(&b);
	ftyp(&b, "isom");
	mv = box_begin(&b, "moov");
	hdbox(&b, "mvhd", 0, 1000, 0);
	mx = box_begin(&b, "mvex");
	box_end(&b, mx);
	trak(&b, 1000, 0);
	box_end(&b, mv);
	expect_err(&b, "has no duration", "no duration anywhere");
	buf_fini(&b);
}

static void
test_bad(void)
{
	static const unsigned char png[] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
		0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1
	};
	struct buf	 b;
	size_t		 mv, at;
	long long	 ms;
	char		*cause;
	int		 r;

	cause = NULL;
	r = io_mp4_duration_mem((const unsigned char *)"", 0, &ms, &cause);
	ok(r == -1 && cause != NULL &&
	    strcmp(cause, "not an MP4 or MOV file") == 0, "empty: %s",
	    cause ? cause : "(none)");
	free(cause);
	r = io_mp4_duration_mem(NULL, 100, &ms, NULL);
	ok(r == -1, "NULL data, NULL cause");
	r = io_mp4_duration_mem(png, sizeof png, &ms, &cause);
	ok(r == -1 && strstr(cause, "not an MP4 or MOV file") != NULL,
	    "PNG: %s", cause);
	free(cause);

	buf_init(&b);
	buf_adds(&b, "INT. KITCHEN - DAY\nA cat sits on the table.\n");
	expect_err(&b, "not an MP4 or MOV file", "text");
	buf_fini(&b);

	buf_init(&b);
	ftyp(&b, "isom");
	mdat(&b, 100);
	expect_err(&b, "not an MP4 or MOV file (no movie header)", "no moov");
	buf_fini(&b);

	buf_init(&b);
	ftyp(&b, "isom");
	moov(&b, 0, 0, 600);
	expect_err(&b, "timescale 0", "timescale 0");
	buf_fini(&b);

	buf_init(&b);
	ftyp(&b, "isom");
	mv = box_begin(&b, "moov");
	trak(&b, 600, 600);
	box_end(&b, mv);
	expect_err(&b, "no movie header (mvhd)", "moov without mvhd");
	buf_fini(&b);

	buf_init(&b);
	ftyp(&b, "isom");
	moov(&b, 2, 600, 600);
	expect_err(&b, "unsupported mvhd version 2", "mvhd version 2");
	buf_fini(&b);

	buf_init(&b);
	ftyp(&b, "isom");
	mv = box_begin(&b, "moov");
	at = box_begin(&b, "mvhd");
	zeros(&b, 12);
	box_end(&b, at);
	box_end(&b, mv);
	expect_err(&b, "mvhd box too short", "short mvhd");
	buf_fini(&b);

	buf_init(&b);
	ftyp(&b, "isom");
	moov(&b, 1, 1, UINT64_MAX - 1);
	expect_err(&b, "duration too large", "overflowing duration");
	buf_fini(&b);

	buf_init(&b);
	ftyp(&b, "isom");
	put32(&b, 4);
	buf_add(&b, "free", 4);
	moov(&b, 0, 600, 600);
	expect_err(&b, "bad size 4 for box 'free'", "box smaller than header");
	buf_fini(&b);

	buf_init(&b);
	ftyp(&b, "isom");
	put32(&b, 1);
	buf_add(&b, "mdat", 4);
	put64(&b, 8);
	moov(&b, 0, 600, 600);
	expect_err(&b, "bad size 8", "largesize smaller than header");
	buf_fini(&b);

	buf_init(&b);
	ftyp(&b, "isom");
	put32(&b, 1);
	buf_add(&b, "mdat", 4);
	put64(&b, UINT64_MAX);
	moov(&b, 0, 600, 600);
	expect_err(&b, "truncated or corrupt: box 'mdat'",
	    "largesize past the end");
	buf_fini(&b);

	/* A child box running past its parent. */
	buf_init(&b);
	ftyp(&b, "isom");
	mv = box_begin(&b, "moov");
	hdbox(&b, "mvhd", 0, 600, 600);
	patch32(&b, mv + 8, 1000);
	box_end(&b, mv);
	expect_err(&b, "box 'mvhd'", "child larger than parent");
	buf_fini(&b);

	/* Unprintable box types are shown safely. */
	buf_init(&b);
	ftyp(&b, "isom");
	put32(&b, 3);
	buf_add(&b, "\x1b[2J", 4);
	expect_err(&b, "box '?[2J'", "escape in box type");
	buf_fini(&b);

	/* More boxes than the limit. */
	buf_init(&b);
	ftyp(&b, "isom");
	for (at = 0; at < 10001; at++) {
		put32(&b, 8);
		buf_add(&b, "free", 4);
	}
	moov(&b, 0, 600, 600);
	expect_err(&b, "too many boxes", "10001 free boxes");
	buf_fini(&b);
}

/* Every proper prefix of a valid file is an error, never a crash. */
static void
test_truncated(void)
{
	struct buf	 b;
	unsigned char	*p;
	size_t		 len, moov_end, bad, i;
	char		*cause;
	long long	 ms;
	int		 r;

	movie(&b, 1);
	bad = 0;
	for (len = 0; len < b.len; len++) {
		p = xmalloc(len + 1);	/* exact size, so ASan sees overreads */
		memcpy(p, b.data, len);
		cause = NULL;
		r = io_mp4_duration_mem(p, len, &ms, &cause);
		if (r != -1 || cause == NULL)
			bad++;
		free(cause);
		free(p);
	}
	ok(bad == 0, "moov last: all %zu truncations fail cleanly "
	    "(%zu did not)", b.len, bad);
	buf_fini(&b);

	movie(&b, 0);
	moov_end = b.len - (8 + 300);
	bad = 0;
	for (len = 0; len < b.len; len++) {
		p = xmalloc(len + 1);
		memcpy(p, b.data, len);
		r = io_mp4_duration_mem(p, len, &ms, NULL);
		if ((len < moov_end && r != -1) ||
		    (len >= moov_end && (r != -1 && ms != 4500)))
			bad++;
		free(p);
	}
	ok(bad == 0, "moov first: truncations before moov's end fail");
	buf_fini(&b);

	/* Flip every byte of a valid file in turn. */
	movie(&b, 1);
	bad = 0;
	for (i = 0; i < b.len; i++) {
		b.data[i] ^= 0xff;
		cause = NULL;
		r = io_mp4_duration_mem((unsigned char *)b.data, b.len, &ms,
		    &cause);
		if ((r == 0) != (cause == NULL))
			bad++;
		free(cause);
		b.data[i] ^= 0xff;
	}
	ok(bad == 0, "every single-byte mutation handled (%zu bytes)", b.len);
	buf_fini(&b);
}

static void
test_garbage(void)
{
	unsigned char	 p[512];
	uint32_t	 seed = 12345;
	size_t		 n, len, i, bad = 0, okays = 0;
	char		*cause;
	long long	 ms;
	int		 r;

	for (n = 0; n < 5000; n++) {
		seed = seed * 1103515245U + 12345U;
		len = (seed >> 8) % sizeof p;
		for (i = 0; i < len; i++) {
			seed = seed * 1103515245U + 12345U;
			p[i] = (unsigned char)(seed >> 16);
		}
		/* Half the time, give it a plausible start. */
		if (n % 2 == 0 && len >= 8) {
			p[0] = p[1] = 0;
			memcpy(p + 4, n % 4 == 0 ? "ftyp" : "moov", 4);
		}
		cause = NULL;
		r = io_mp4_duration_mem(p, len, &ms, &cause);
		if ((r == 0) != (cause == NULL))
			bad++;
		if (r == 0)
			okays++;
		free(cause);
	}
	ok(bad == 0, "5000 random buffers handled (%zu parsed)", okays);
}

static char *
tmpfile_path(void)
{
	const char	*dir;

	dir = getenv("TMPDIR");
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	return xasprintf("%s/test-io-mp4.XXXXXX", dir);
}

static void
test_file(void)
{
	struct buf	 b;
	char		*path, *cause, *want;
	long long	 ms;
	int		 fd, r;
	off_t		 big;

	path = tmpfile_path();
	fd = mkstemp(path);
	if (fd == -1) {
		ok(0, "mkstemp: %s", strerror(errno));
		free(path);
		return;
	}
	movie(&b, 1);
	ok(write(fd, b.data, b.len) == (ssize_t)b.len, "write temp file");
	buf_fini(&b);
	ms = 0;
	r = io_mp4_duration(path, &ms, &cause);
	ok(r == 0 && ms == 4500 && cause == NULL, "file: %lld ms", ms);

	/* Rewrite it as text. */
	if (ftruncate(fd, 0) != 0 || pwrite(fd, "hello\n", 6, 0) != 6)
		ok(0, "rewrite temp file");
	r = io_mp4_duration(path, &ms, &cause);
	want = xasprintf("%s: not an MP4 or MOV file", path);
	is_str(cause, want, "text file: cause names the file");
	free(want);
	free(cause);

	/* A sparse 5 GiB file with moov after a 64-bit mdat. */
	big = (off_t)5 << 30;
	buf_init(&b);
	ftyp(&b, "isom");
	put32(&b, 1);
	buf_add(&b, "mdat", 4);
	put64(&b, (uint64_t)big - b.len + 8);
	r = ftruncate(fd, 0) == 0 &&
	    pwrite(fd, b.data, b.len, 0) == (ssize_t)b.len;
	buf_fini(&b);
	buf_init(&b);
	moov(&b, 1, 90000, 90000ULL * 600);
	if (r && pwrite(fd, b.data, b.len, big) == (ssize_t)b.len) {
		r = io_mp4_duration(path, &ms, &cause);
		ok(r == 0 && ms == 600000, "sparse 5 GiB file: %lld ms%s%s", ms,
		    cause ? ": " : "", cause ? cause : "");
		free(cause);
	} else {
		ok(1, "sparse 5 GiB file # SKIP cannot write: %s",
		    strerror(errno));
	}
	buf_fini(&b);
	close(fd);
	unlink(path);

	r = io_mp4_duration(path, &ms, &cause);
	ok(r == -1 && cause != NULL && strstr(cause, path) == cause &&
	    strstr(cause, "No such file") != NULL, "missing file: %s",
	    cause ? cause : "(none)");
	free(cause);
	r = io_mp4_duration("/", &ms, NULL);
	ok(r == -1, "directory, NULL cause");
	r = io_mp4_duration("/", &ms, &cause);
	is_str(cause, "/: not a regular file", "directory");
	free(cause);
	free(path);
}

int
main(void)
{
	test_good();
	test_fallback();
	test_bad();
	test_truncated();
	test_garbage();
	test_file();
	return done_testing();
}
