/* SPDX-License-Identifier: ISC */
/*
 * The report as one JSON document, streamed: everything the
 * other formats show, with the field names documented in takeboard(1)
 * (the statistics fields are those of `takeboard stats --json`).
 */
#ifndef TB_REPORT_REPORT_JSON_H
#define TB_REPORT_REPORT_JSON_H

struct buf;
struct report;

void	 report_json(const struct report *, struct buf *);

#endif
