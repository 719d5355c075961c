/* SPDX-License-Identifier: ISC */
/*
 * The report as GitHub-flavoured Markdown, to paste into a message or
 * an issue: headings, pipe tables, block-character bars in code spans.
 * Database text is escaped so it reads as text, never as markup.
 */
#ifndef TB_REPORT_REPORT_MD_H
#define TB_REPORT_REPORT_MD_H

struct buf;
struct rdoc;
struct report_out;

void	 report_md(const struct rdoc *, const struct report_out *,
	     struct buf *);
void	 report_md_escape(struct buf *, const char *);

#endif
