/* SPDX-License-Identifier: ISC */
/*
 * String helpers shared by every layer. The number parsers are strict:
 * the whole string must be a number in range, so "8s" or "1e9" are
 * errors rather than silently read as 8 or 1.
 */
#include "config.h"

#include "util/strutil.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

/* Parse a whole decimal integer in [min, max]. Returns 0, or -1 when s is
 * not such a number (errno ERANGE when only the range is wrong). */
int
str_to_ll(const char *s, long long min, long long max, long long *out)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s)) {
		errno = EINVAL;
		return -1;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0') {
		errno = EINVAL;
		return -1;
	}
	if (errno == ERANGE || v < min || v > max) {
		errno = ERANGE;
		return -1;
	}
	*out = v;
	return 0;
}

/*
 * Parse a non-negative decimal number with at most `places` digits after
 * the point into an integer scaled by 10^places ("2.5" with 3 places is
 * 2500). Only digits and one point are accepted: no sign, exponent,
 * spaces, "inf" or "nan". Returns 0, or -1 (errno EINVAL or ERANGE when
 * the value passes max).
 */
int
str_to_decimal(const char *s, int places, long long max, long long *out)
{
	long long	 v = 0, frac = 0;
	int		 nfrac = 0, ndig = 0;
	const char	*p;

	if (s == NULL || places < 0 || places > 9) {
		errno = EINVAL;
		return -1;
	}
	for (p = s; isdigit((unsigned char)*p); p++) {
		if (v > (LLONG_MAX - 9) / 10) {
			errno = ERANGE;
			return -1;
		}
		v = v * 10 + (*p - '0');
		ndig++;
	}
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++) {
			if (nfrac == places) {
				errno = EINVAL;
				return -1;
			}
			frac = frac * 10 + (*p - '0');
			nfrac++;
			ndig++;
		}
	}
	if (*p != '\0' || ndig == 0) {
		errno = EINVAL;
		return -1;
	}
	for (; nfrac < places; nfrac++)
		frac *= 10;
	for (nfrac = 0; nfrac < places; nfrac++) {
		if (v > LLONG_MAX / 10) {
			errno = ERANGE;
			return -1;
		}
		v *= 10;
	}
	if (v > LLONG_MAX - frac || v + frac > max) {
		errno = ERANGE;
		return -1;
	}
	*out = v + frac;
	return 0;
}

/* Remove leading and trailing white space in place; returns s. */
char *
str_trim(char *s)
{
	size_t	 n, i = 0;

	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (isspace((unsigned char)s[i]))
		i++;
	if (i > 0)
		memmove(s, s + i, n - i + 1);
	return s;
}

/* The first non-empty line of s, trimmed; caller frees. NULL gives "". */
char *
str_first_line(const char *s)
{
	const char	*e;
	char		*line;

	if (s == NULL)
		return xstrdup("");
	while (*s == '\n' || *s == '\r' || *s == ' ' || *s == '\t')
		s++;
	e = strchr(s, '\n');
	line = e != NULL ? xstrndup(s, (size_t)(e - s)) : xstrdup(s);
	return str_trim(line);
}

bool
str_empty(const char *s)
{
	return s == NULL || *s == '\0';
}

bool
str_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

void
str_lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

void
str_upper(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)toupper((unsigned char)*s);
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is not one
 * (overlong forms, surrogates and values past U+10FFFF are invalid). */
static size_t
str_utf8_len(const unsigned char *s)
{
	unsigned int	 cp;
	size_t		 n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	cp = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/* Whether s is entirely valid UTF-8. */
bool
str_utf8_valid(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;

	while (*p != '\0') {
		n = str_utf8_len(p);
		if (n == 0)
			return false;
		p += n;
	}
	return true;
}

/* A copy of s in which every invalid byte is replaced by U+FFFD; caller
 * frees. For writing JSON, which must be valid UTF-8. */
char *
str_utf8_repair(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*out, *o;
	size_t			 n;

	out = xmalloc(strlen(s) * 3 + 1);
	o = out;
	while (*p != '\0') {
		n = str_utf8_len(p);
		if (n == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			p++;
			continue;
		}
		memcpy(o, p, n);
		o += n;
		p += n;
	}
	*o = '\0';
	return out;
}
