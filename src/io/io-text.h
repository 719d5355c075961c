/* SPDX-License-Identifier: ISC */
/*
 * Text handling shared by the importers and exporters: checking that a
 * file is UTF-8 text (naming the first bad line), normalising line
 * ends, cleaning strings for JSON and XML, and file URLs.
 */
#ifndef TB_IO_IO_TEXT_H
#define TB_IO_IO_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

int	 io_text_check(const char *, size_t, char **);
char	*io_text_lines(const char *, size_t);
char	*io_text_utf8(const char *);
char	*io_text_ascii(const char *, size_t);
char	*io_text_file_url(const char *);
void	 io_text_xml(struct buf *, const char *);
bool	 io_text_blank(const char *);

#endif
