/* SPDX-License-Identifier: ISC */
/*
 * The report as plain text for a terminal or a mail: aligned tables,
 * block-character bars and sparklines, all within 80 columns, every
 * piece of database text sanitised, colour only when asked for.
 */
#ifndef TB_REPORT_REPORT_TEXT_H
#define TB_REPORT_REPORT_TEXT_H

#include <stddef.h>

struct buf;
struct rdoc;
struct report_out;

#define REPORT_TEXT_WIDTH	80

void	 report_text(const struct rdoc *, const struct report_out *,
	     struct buf *);
void	 report_text_bar(struct buf *, double, size_t);
void	 report_text_spark(struct buf *, const double *, size_t, size_t,
	     int);
void	 report_text_wrap(struct buf *, const char *, size_t, size_t);

#endif
