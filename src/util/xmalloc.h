/* SPDX-License-Identifier: ISC */
/*
 * Allocation wrappers that never return NULL: running out of memory is
 * fatal, as in tmux. Asking for zero bytes is a bug and is fatal too.
 */
#ifndef TB_UTIL_XMALLOC_H
#define TB_UTIL_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define TB_PRINTF(a, b)	__attribute__((format(printf, a, b)))
#define TB_NORETURN	__attribute__((noreturn))
#define TB_MALLOC	__attribute__((malloc, returns_nonnull))
#else
#define TB_PRINTF(a, b)
#define TB_NORETURN
#define TB_MALLOC
#endif

void	*xmalloc(size_t) TB_MALLOC;
void	*xcalloc(size_t, size_t) TB_MALLOC;
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *) TB_MALLOC;
char	*xstrndup(const char *, size_t) TB_MALLOC;
char	*xasprintf(const char *, ...) TB_PRINTF(1, 2) TB_MALLOC;
char	*xvasprintf(const char *, va_list) TB_PRINTF(1, 0) TB_MALLOC;

void	 fatal(const char *, ...) TB_PRINTF(1, 2) TB_NORETURN;
void	 fatal_set_hook(void (*)(void));

#endif
