/* SPDX-License-Identifier: ISC */
/*
 * The cut as FCPXML 1.10 (Final Cut Pro, and the editing programs that
 * read its interchange format): a format and an asset per clip as
 * resources, and a project whose sequence spine holds asset-clips and
 * gaps.
 */
#ifndef TB_IO_IO_FCPXML_H
#define TB_IO_IO_FCPXML_H

struct io_cut;

char	*io_fcpxml_write(const struct io_cut *);

#endif
