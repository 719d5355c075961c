/* SPDX-License-Identifier: ISC */
/*
 * What an import will do, shared by the importers: each line of a plan
 * creates something, changes it, leaves it unchanged, keeps something
 * the file does not mention, or skips a part of the file it cannot use.
 */
#ifndef TB_IO_IO_PLAN_H
#define TB_IO_IO_PLAN_H

enum io_verb {
	IO_CREATE,
	IO_CHANGE,
	IO_SAME,
	IO_KEEP,
	IO_SKIP,
	IO_VERB_COUNT
};

/* How many lines of a plan have each verb. */
struct io_tally {
	long long	 n[IO_VERB_COUNT];
};

const char *io_verb_name(enum io_verb);

#endif
