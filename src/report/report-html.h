/* SPDX-License-Identifier: ISC */
/*
 * The report as one self-contained HTML file: inline CSS and SVG, no
 * script, nothing fetched; it is also well-formed XML and prints on A4.
 */
#ifndef TB_REPORT_REPORT_HTML_H
#define TB_REPORT_REPORT_HTML_H

struct buf;
struct rdoc;

void	 report_html(const struct rdoc *, struct buf *);

#endif
