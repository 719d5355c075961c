/* SPDX-License-Identifier: ISC */
/*
 * Text for interchange files. Imports must be UTF-8 text: a NUL byte, a
 * control character or an ill-formed sequence means the file is binary
 * or in another encoding (a spreadsheet saved as Windows-1252), and is
 * refused with the line it was found on rather than stored as mojibake.
 * Exports go the other way: whatever bytes the database holds, JSON and
 * XML get well-formed UTF-8 and EDL gets plain ASCII.
 */
#include "config.h"

#include "io/io-text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"

#define TEXT_BAD	0xfffdU
#define TEXT_BOM	"\xef\xbb\xbf"

/*
 * Decode one code point from p (n bytes left, n > 0). Returns the bytes
 * used, or 0 when the sequence is ill-formed (overlong forms, surrogates
 * and values above U+10FFFF included), in which case one byte should be
 * skipped.
 */
static size_t
text_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned int	 lo = 0x80, hi = 0xbf;
	size_t		 len, i;
	uint32_t	 c;

	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	for (i = 1; i < len; i++) {
		if (p[i] < lo || p[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
		c = (c << 6) | (p[i] & 0x3f);
	}
	*cp = c;
	return len;
}

/*
 * Check that buf is UTF-8 text: no NUL, no control characters other
 * than tab, line feed, carriage return and form feed, no ill-formed
 * sequences. Returns 0, or -1 with *cause naming the line ("line 3:
 * ...").
 */
int
io_text_check(const char *buf, size_t len, char **cause)
{
	const unsigned char	*p = (const unsigned char *)buf;
	size_t			 i = 0, used;
	long long		 line = 1;
	uint32_t		 cp;

	if (cause != NULL)
		*cause = NULL;
	while (i < len) {
		/* Printable ASCII, most of any text, needs no decoding. */
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			i++;
			continue;
		}
		used = text_decode(p + i, len - i, &cp);
		if (used == 0) {
			if (cause != NULL)
				*cause = xasprintf("line %lld: not UTF-8 text "
				    "(byte 0x%02x; save the file as UTF-8)",
				    line, p[i]);
			return -1;
		}
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' &&
		    cp != '\f') || cp == 0x7f) {
			if (cause != NULL)
				*cause = xasprintf("line %lld: binary data "
				    "(control byte 0x%02x), not a text file",
				    line, (unsigned)cp);
			return -1;
		}
		if (cp == '\n' || (cp == '\r' && (i + 1 >= len ||
		    p[i + 1] != '\n')))
			line++;
		i += used;
	}
	return 0;
}

/* A NUL-terminated copy of buf without a leading byte-order mark and
 * with CRLF and lone CR line ends turned into LF. Caller frees. */
char *
io_text_lines(const char *buf, size_t len)
{
	const char	*cr;
	char		*out;
	size_t		 i, j = 0, run;

	if (len >= 3 && memcmp(buf, TEXT_BOM, 3) == 0) {
		buf += 3;
		len -= 3;
	}
	out = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		/* Copy up to the next CR at once. */
		cr = memchr(buf + i, '\r', len - i);
		run = cr != NULL ? (size_t)(cr - (buf + i)) : len - i;
		memcpy(out + j, buf + i, run);
		j += run;
		i += run;
		if (i == len)
			break;
		out[j++] = '\n';
		if (i + 1 < len && buf[i + 1] == '\n')
			i++;
	}
	out[j] = '\0';
	return out;
}

static void
text_put(struct buf *b, uint32_t cp)
{
	char	 u[4];

	if (cp < 0x80)
		buf_addc(b, (char)cp);
	else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 4);
	}
}

/*
 * A copy of s that is well-formed UTF-8 and allowed in XML 1.0: ill-
 * formed bytes, control characters other than tab and line feed (a
 * carriage return becomes a line feed), and U+FFFE/U+FFFF become U+FFFD.
 * NULL gives "". Caller frees.
 */
char *
io_text_utf8(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b;
	size_t			 n, used;
	uint32_t		 cp;

	buf_init(&b);
	buf_adds(&b, "");
	if (s == NULL)
		return buf_detach(&b);
	n = strlen(s);
	while (n > 0) {
		used = text_decode(p, n, &cp);
		if (used == 0) {
			cp = TEXT_BAD;
			used = 1;
		}
		if (cp == '\r')
			cp = '\n';
		else if ((cp < 0x20 && cp != '\t' && cp != '\n') ||
		    cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		    cp == 0xfffe || cp == 0xffff)
			cp = TEXT_BAD;
		text_put(&b, cp);
		p += used;
		n -= used;
	}
	return buf_detach(&b);
}

/*
 * A copy of s in printable ASCII, at most max bytes (0: no limit), for
 * EDL: every character outside ' ' to '~' (including each UTF-8
 * sequence as a whole) becomes one '_'. NULL gives "". Caller frees.
 */
char *
io_text_ascii(const char *s, size_t max)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b;
	size_t			 n, used;
	uint32_t		 cp;

	buf_init(&b);
	buf_adds(&b, "");
	if (s == NULL)
		return buf_detach(&b);
	n = strlen(s);
	while (n > 0 && (max == 0 || b.len < max)) {
		used = text_decode(p, n, &cp);
		if (used == 0)
			used = 1;
		buf_addc(&b, used == 1 && *p >= 0x20 && *p < 0x7f ?
		    (char)*p : '_');
		p += used;
		n -= used;
	}
	return buf_detach(&b);
}

/*
 * The file URL of an absolute path: "file://" and the path with every
 * byte outside the unreserved characters of RFC 3986 and '/'
 * percent-encoded (spaces, '#', '%', non-ASCII...). Caller frees.
 */
char *
io_text_file_url(const char *path)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	struct buf		 b;

	buf_init(&b);
	buf_adds(&b, "file://");
	if (*path != '/')
		buf_addc(&b, '/');
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~' || *p == '/')
			buf_addc(&b, (char)*p);
		else {
			buf_addc(&b, '%');
			buf_addc(&b, hex[*p >> 4]);
			buf_addc(&b, hex[*p & 0xf]);
		}
	}
	return buf_detach(&b);
}

/*
 * Append s to b escaped for an XML attribute value or element text:
 * & < > " ' as entities, tab and line feed as character references (so
 * attribute normalisation keeps them), the rest cleaned as by
 * io_text_utf8. NULL appends nothing.
 */
void
io_text_xml(struct buf *b, const char *s)
{
	char		*clean, *p;

	if (s == NULL)
		return;
	clean = io_text_utf8(s);
	for (p = clean; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&apos;");
			break;
		case '\t':
			buf_adds(b, "&#9;");
			break;
		case '\n':
			buf_adds(b, "&#10;");
			break;
		default:
			buf_addc(b, *p);
			break;
		}
	}
	free(clean);
}

/* Whether s is NULL, empty or only white space. */
bool
io_text_blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s != '\0'; s++) {
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' &&
		    *s != '\f')
			return false;
	}
	return true;
}
