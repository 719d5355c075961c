/* SPDX-License-Identifier: ISC */
/*
 * The report as CSV (RFC 4180) for spreadsheets: every table as a
 * section of one file, or one table alone with --table.
 */
#ifndef TB_REPORT_REPORT_CSV_H
#define TB_REPORT_REPORT_CSV_H

struct buf;
struct rdoc;
struct report_out;

void	 report_csv(const struct rdoc *, const struct report_out *,
	     struct buf *);
void	 report_csv_field(struct buf *, const char *, int);

#endif
