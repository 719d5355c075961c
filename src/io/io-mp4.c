/* SPDX-License-Identifier: ISC */
/*
 * Read a clip's duration from the movie header of an MP4 or QuickTime
 * file. The file is a list of boxes (size, type, payload); we walk the
 * top level with positioned reads, stepping over mdat however large it
 * is, find moov and read mvhd, falling back to mvex/mehd and then to the
 * longest trak/mdia/mdhd when the movie header gives no duration. Every
 * size is checked against its parent, so a truncated or hostile file is
 * an error and never a crash or a huge read.
 */
#include "config.h"

#include "io/io-mp4.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xmalloc.h"

#define MP4_MAX_BOXES	10000	/* boxes visited in one file */
#define MP4_NOT_MP4	"not an MP4 or MOV file"

/* Where the bytes come from: a buffer or a file descriptor. */
struct mp4_src {
	const unsigned char	*mem;	/* NULL when reading fd */
	int			 fd;
	uint64_t		 size;
	unsigned int		 nboxes;
	char			*err;	/* first error, without the path */
};

struct mp4_box {
	uint64_t	 off;		/* of the box header in the file */
	uint64_t	 size;		/* whole box, header included */
	uint64_t	 hdr;		/* header length, 8 or 16 */
	char		 type[5];	/* printable, NUL-terminated */
	unsigned char	 raw[4];	/* type as read */
};

static int
mp4_fail(struct mp4_src *s, const char *fmt, ...) TB_PRINTF(2, 3);

/* Record an error (the first one wins) and return -1. */
static int
mp4_fail(struct mp4_src *s, const char *fmt, ...)
{
	va_list	 ap;

	if (s->err == NULL) {
		va_start(ap, fmt);
		s->err = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return -1;
}

static uint32_t
mp4_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static uint64_t
mp4_be64(const unsigned char *p)
{
	return (uint64_t)mp4_be32(p) << 32 | mp4_be32(p + 4);
}

/*
 * Read n bytes at off. The check against s->size (which came from
 * st_size for a file, so fits an off_t) is a backstop: callers have
 * already checked box bounds.
 */
static int
mp4_read(struct mp4_src *s, uint64_t off, void *buf, size_t n)
{
	unsigned char	*p = buf;
	ssize_t		 r;

	if (off > s->size || n > s->size - off)
		return mp4_fail(s, "unexpected end of data");
	if (s->mem != NULL) {
		memcpy(buf, s->mem + off, n);
		return 0;
	}
	while (n > 0) {
		r = pread(s->fd, p, n, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return mp4_fail(s, "read error: %s", strerror(errno));
		if (r == 0)
			return mp4_fail(s, "unexpected end of file");
		p += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
	return 0;
}

static int
mp4_is(const struct mp4_box *b, const char *type)
{
	return memcmp(b->raw, type, 4) == 0;
}

/*
 * Read the box header at *pos, which must end by end, and move *pos past
 * the box. Returns 1 with *b filled, 0 at the end of the list (fewer
 * than 8 bytes left: padding some muxers leave is ignored), -1 on error.
 */
static int
mp4_next(struct mp4_src *s, uint64_t *pos, uint64_t end, struct mp4_box *b)
{
	unsigned char	 h[16];
	uint64_t	 left = end - *pos;
	uint32_t	 size32;
	int		 i;

	if (left < 8)
		return 0;
	if (++s->nboxes > MP4_MAX_BOXES)
		return mp4_fail(s, "too many boxes (more than %d)",
		    MP4_MAX_BOXES);
	if (mp4_read(s, *pos, h, 8) != 0)
		return -1;
	size32 = mp4_be32(h);
	memcpy(b->raw, h + 4, 4);
	for (i = 0; i < 4; i++) {
		if (h[4 + i] >= 0x20 && h[4 + i] < 0x7f)
			b->type[i] = (char)h[4 + i];
		else
			b->type[i] = '?';
	}
	b->type[4] = '\0';
	b->off = *pos;
	b->hdr = 8;
	if (size32 == 1) {
		if (left < 16)
			return mp4_fail(s, "truncated box '%s' at offset %llu",
			    b->type, (unsigned long long)b->off);
		if (mp4_read(s, *pos + 8, h + 8, 8) != 0)
			return -1;
		b->hdr = 16;
		b->size = mp4_be64(h + 8);
	} else if (size32 == 0) {
		b->size = left;
	} else {
		b->size = size32;
	}

	if (b->size < b->hdr)
		return mp4_fail(s, "bad size %llu for box '%s' at offset %llu",
		    (unsigned long long)b->size, b->type,
		    (unsigned long long)b->off);
	if (b->size > left)
		return mp4_fail(s, "truncated or corrupt: box '%s' at offset "
		    "%llu is %llu bytes, only %llu left", b->type,
		    (unsigned long long)b->off, (unsigned long long)b->size,
		    (unsigned long long)left);
	*pos += b->size;
	return 1;
}

/* Find the first child of parent with the given type: 1, 0 or -1. */
static int
mp4_child(struct mp4_src *s, const struct mp4_box *parent, const char *type,
    struct mp4_box *out)
{
	uint64_t	 pos = parent->off + parent->hdr;
	uint64_t	 end = parent->off + parent->size;
	int		 r;

	for (;;) {
		r = mp4_next(s, &pos, end, out);
		if (r <= 0)
			return r;
		if (mp4_is(out, type))
			return 1;
	}
}

/*
 * Read timescale and duration from an mvhd or mdhd box; both lay out
 * version 0 and 1 the same way. An unknown duration (all ones) reads as
 * 0.
 */
static int
mp4_times(struct mp4_src *s, const struct mp4_box *b, uint32_t *ts,
    uint64_t *dur)
{
	unsigned char	 p[32];
	uint64_t	 len = b->size - b->hdr;

	if (len < 1 || mp4_read(s, b->off + b->hdr, p, 1) != 0)
		return mp4_fail(s, "%s box too short", b->type);
	if (p[0] == 0) {
		if (len < 20 || mp4_read(s, b->off + b->hdr, p, 20) != 0)
			return mp4_fail(s, "%s box too short", b->type);
		*ts = mp4_be32(p + 12);
		*dur = mp4_be32(p + 16);
		if (*dur == UINT32_MAX)
			*dur = 0;
	} else if (p[0] == 1) {
		if (len < 32 || mp4_read(s, b->off + b->hdr, p, 32) != 0)
			return mp4_fail(s, "%s box too short", b->type);
		*ts = mp4_be32(p + 20);
		*dur = mp4_be64(p + 24);
		if (*dur == UINT64_MAX)
			*dur = 0;
	} else {
		return mp4_fail(s, "unsupported %s version %u", b->type, p[0]);
	}
	return 0;
}

/* Convert dur ticks of ts per second to milliseconds, rounded. */
static int
mp4_ms(struct mp4_src *s, uint64_t dur, uint32_t ts, long long *ms)
{
	uint64_t	 q, r;

	q = dur / ts;
	r = dur % ts;
	if (q > (uint64_t)(LLONG_MAX - 1000) / 1000)
		return mp4_fail(s, "duration too large");
	*ms = (long long)(q * 1000 + (r * 1000 + ts / 2) / ts);
	return 0;
}

/* The fragment duration from moov/mvex/mehd, 0 if none. */
static int
mp4_mehd(struct mp4_src *s, const struct mp4_box *moov, uint64_t *dur)
{
	struct mp4_box	 mvex, mehd;
	unsigned char	 p[12];
	uint64_t	 len;
	int		 r;

	*dur = 0;
	r = mp4_child(s, moov, "mvex", &mvex);
	if (r <= 0)
		return r;
	r = mp4_child(s, &mvex, "mehd", &mehd);
	if (r <= 0)
		return r;
	len = mehd.size - mehd.hdr;
	if (len < 8 || mp4_read(s, mehd.off + mehd.hdr, p, 8) != 0)
		return mp4_fail(s, "mehd box too short");
	if (p[0] == 0) {
		*dur = mp4_be32(p + 4);
		if (*dur == UINT32_MAX)
			*dur = 0;
	} else if (p[0] == 1) {
		if (len < 12 || mp4_read(s, mehd.off + mehd.hdr, p, 12) != 0)
			return mp4_fail(s, "mehd box too short");
		*dur = mp4_be64(p + 4);
		if (*dur == UINT64_MAX)
			*dur = 0;
	} else {
		return mp4_fail(s, "unsupported mehd version %u", p[0]);
	}
	return 0;
}

/* The longest track, each over its own timescale; -1 in *ms if none. */
static int
mp4_tracks(struct mp4_src *s, const struct mp4_box *moov, long long *ms)
{
	struct mp4_box	 trak, mdia, mdhd;
	uint64_t	 pos = moov->off + moov->hdr;
	uint64_t	 end = moov->off + moov->size, dur;
	uint32_t	 ts;
	long long	 t = 0;
	int		 r;

	*ms = -1;
	for (;;) {
		r = mp4_next(s, &pos, end, &trak);
		if (r <= 0)
			return r;
		if (!mp4_is(&trak, "trak"))
			continue;
		r = mp4_child(s, &trak, "mdia", &mdia);
		if (r < 0)
			return -1;
		if (r == 0)
			continue;
		r = mp4_child(s, &mdia, "mdhd", &mdhd);
		if (r < 0)
			return -1;
		if (r == 0)
			continue;
		if (mp4_times(s, &mdhd, &ts, &dur) != 0)
			return -1;
		if (ts == 0 || dur == 0)
			continue;
		if (mp4_ms(s, dur, ts, &t) != 0)
			return -1;
		if (t > *ms)
			*ms = t;
	}
}

/* Read the duration out of the moov box. */
static int
mp4_moov(struct mp4_src *s, const struct mp4_box *moov, long long *ms)
{
	struct mp4_box	 mvhd;
	uint64_t	 dur, frag;
	uint32_t	 ts;
	int		 r;

	r = mp4_child(s, moov, "mvhd", &mvhd);
	if (r < 0)
		return -1;
	if (r == 0)
		return mp4_fail(s, "movie box has no movie header (mvhd)");
	if (mp4_times(s, &mvhd, &ts, &dur) != 0)
		return -1;
	if (ts == 0)
		return mp4_fail(s, "bad movie header (timescale 0)");
	if (dur != 0)
		return mp4_ms(s, dur, ts, ms);

	/* Fragmented or still being written: look further. */
	if (mp4_mehd(s, moov, &frag) != 0)
		return -1;
	if (frag != 0)
		return mp4_ms(s, frag, ts, ms);
	if (mp4_tracks(s, moov, ms) != 0)
		return -1;
	if (*ms < 0)
		return mp4_fail(s, "movie has no duration");
	return 0;
}

/* Walk the top-level boxes to moov. */
static int
mp4_parse(struct mp4_src *s, long long *ms)
{
	static const char	*first[] = {
		"ftyp", "moov", "mdat", "wide", "free", "skip", "pnot"
	};
	struct mp4_box		 b;
	uint64_t		 pos = 0;
	unsigned char		 h[8];
	size_t			 i;
	int			 r;

	if (s->size < 8 || mp4_read(s, 0, h, 8) != 0)
		return mp4_fail(s, MP4_NOT_MP4);
	for (i = 0; i < sizeof first / sizeof first[0]; i++) {
		if (memcmp(h + 4, first[i], 4) == 0)
			break;
	}
	if (i == sizeof first / sizeof first[0])
		return mp4_fail(s, MP4_NOT_MP4);

	for (;;) {
		r = mp4_next(s, &pos, s->size, &b);
		if (r < 0)
			return -1;
		if (r == 0)
			return mp4_fail(s, MP4_NOT_MP4 " (no movie header)");
		if (mp4_is(&b, "moov"))
			return mp4_moov(s, &b, ms);
	}
}

/* Hand the error to the caller, prefixed with name when there is one. */
static int
mp4_done(struct mp4_src *s, int rv, const char *name, char **cause)
{
	if (rv == 0 || cause == NULL) {
		free(s->err);
		return rv;
	}
	if (s->err == NULL)
		s->err = xstrdup("unknown error");
	if (name != NULL) {
		*cause = xasprintf("%s: %s", name, s->err);
		free(s->err);
	} else {
		*cause = s->err;
	}
	return rv;
}

/*
 * Read the duration of the MP4 or QuickTime data in p[0..len) into *ms,
 * in milliseconds rounded to nearest. Returns 0, or -1 with *cause set
 * to an allocated message (caller frees) when cause is not NULL.
 */
int
io_mp4_duration_mem(const unsigned char *p, size_t len, long long *ms,
    char **cause)
{
	struct mp4_src	 s;
	long long	 t = 0;
	int		 rv;

	if (cause != NULL)
		*cause = NULL;
	memset(&s, 0, sizeof s);
	s.mem = p != NULL ? p : (const unsigned char *)"";
	s.fd = -1;
	s.size = p != NULL ? len : 0;
	rv = mp4_parse(&s, &t);
	if (rv == 0 && ms != NULL)
		*ms = t;
	return mp4_done(&s, rv, NULL, cause);
}

/*
 * Read the duration of the MP4 or QuickTime file at path into *ms, in
 * milliseconds rounded to nearest. Only box headers and the few boxes
 * needed are read, with pread, so file size does not matter. Returns 0,
 * or -1 with *cause set to an allocated "PATH: reason" message (caller
 * frees) when cause is not NULL.
 */
int
io_mp4_duration(const char *path, long long *ms, char **cause)
{
	struct mp4_src	 s;
	struct stat	 st;
	long long	 t = 0;
	int		 rv = -1;

	if (cause != NULL)
		*cause = NULL;
	memset(&s, 0, sizeof s);
	s.fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (s.fd == -1) {
		mp4_fail(&s, "%s", strerror(errno));
		goto out;
	}
	if (fstat(s.fd, &st) != 0) {
		mp4_fail(&s, "%s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		mp4_fail(&s, "not a regular file");
		goto out;
	}
	s.size = (uint64_t)st.st_size;
	rv = mp4_parse(&s, &t);
	if (rv == 0 && ms != NULL)
		*ms = t;

out:
	if (s.fd != -1)
		close(s.fd);
	return mp4_done(&s, rv, path, cause);
}
