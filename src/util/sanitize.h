/* SPDX-License-Identifier: ISC */
/*
 * Make untrusted text (prompts, titles and notes from the database, file
 * names, server answers) safe to write to a terminal, and measure and
 * clip it by display columns. Every string that did not come from
 * takeboard itself goes through sanitize_line or sanitize_text before it
 * is printed or drawn.
 */
#ifndef TB_UTIL_SANITIZE_H
#define TB_UTIL_SANITIZE_H

#include <stddef.h>

struct buf;

char	*sanitize_line(const char *);
void	 sanitize_line_add(struct buf *, const char *);
char	*sanitize_text(const char *);
size_t	 sanitize_width(const char *);
char	*sanitize_clip(const char *, size_t);
char	*sanitize_pad(const char *, size_t, int);
char	*sanitize_json(const char *);
void	 sanitize_json_string(struct buf *, const char *);

#endif
