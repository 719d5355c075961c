/* SPDX-License-Identifier: ISC */
/*
 * The cut as OpenTimelineIO JSON: a Timeline.1 holding one Stack.1 with
 * one video Track.1 of Clip.1 (ExternalReference.1 media) and Gap.1.
 */
#ifndef TB_IO_IO_OTIO_H
#define TB_IO_IO_OTIO_H

struct io_cut;

char	*io_otio_write(const struct io_cut *);

#endif
