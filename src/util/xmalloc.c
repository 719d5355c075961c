/* SPDX-License-Identifier: ISC */
/*
 * Allocation wrappers. Every allocation in takeboard goes through these,
 * so out-of-memory has one behaviour: restore the terminal through the
 * registered hook, say so on stderr and exit 1.
 */
#include "config.h"

#include "util/xmalloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*fatal_hook)(void);

/* Register a function run before fatal() prints (the TUI's endwin). */
void
fatal_set_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

/* Print "takeboard: MESSAGE" and exit 1, after running the hook once. */
void
fatal(const char *fmt, ...)
{
	va_list	 ap;
	void	(*hook)(void) = fatal_hook;

	fatal_hook = NULL;
	if (hook != NULL)
		hook();
	fputs("takeboard: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		fatal("xmalloc: zero size");
	p = malloc(size);
	if (p == NULL)
		fatal("out of memory (%zu bytes)", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		fatal("xcalloc: zero size");
	p = calloc(n, size);
	if (p == NULL)
		fatal("out of memory (%zu * %zu bytes)", n, size);
	return p;
}

/* Resize an array of n elements of size bytes; checks for overflow. */
void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		fatal("xreallocarray: zero size");
	if (n > SIZE_MAX / size)
		fatal("xreallocarray: %zu * %zu overflows", n, size);
	p = realloc(old, n * size);
	if (p == NULL)
		fatal("out of memory (%zu * %zu bytes)", n, size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Copy at most len bytes of s into a new NUL-terminated string. */
char *
xstrndup(const char *s, size_t len)
{
	char	*p;
	size_t	 n;

	n = strnlen(s, len);
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 n;
	char	*p;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		fatal("xvasprintf: %s", strerror(errno));
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}
