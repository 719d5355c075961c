/* SPDX-License-Identifier: ISC */
/*
 * Small string helpers: strict number parsing (no atoi), trimming,
 * first-line extraction and joining.
 */
#ifndef TB_UTIL_STRUTIL_H
#define TB_UTIL_STRUTIL_H

#include <stdbool.h>
#include <stddef.h>

int	 str_to_ll(const char *, long long, long long, long long *);
int	 str_to_decimal(const char *, int, long long, long long *);
char	*str_trim(char *);
char	*str_first_line(const char *);
bool	 str_empty(const char *);
bool	 str_prefix(const char *, const char *);
void	 str_lower(char *);
void	 str_upper(char *);
bool	 str_utf8_valid(const char *);
char	*str_utf8_repair(const char *);

#endif
