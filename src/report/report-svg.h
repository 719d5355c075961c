/* SPDX-License-Identifier: ISC */
/*
 * Inline SVG charts for the HTML report (horizontal bars, lines over
 * days), and the XML escaping the HTML writer shares with them.
 */
#ifndef TB_REPORT_REPORT_SVG_H
#define TB_REPORT_REPORT_SVG_H

#include <stdbool.h>

struct buf;
struct rdoc_chart;

void	 report_xml_escape(struct buf *, const char *, bool);
void	 report_svg_chart(struct buf *, const struct rdoc_chart *);

#endif
