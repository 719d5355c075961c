/* SPDX-License-Identifier: ISC */
/*
 * The words of an import plan, as printed in the first column of its
 * lines ("create", "change", "unchanged", "kept", "skip"), so every
 * importer speaks the same way.
 */
#include "config.h"

#include "io/io-plan.h"

static const char *const io_verb_names[IO_VERB_COUNT] = {
	"create", "change", "unchanged", "kept", "skip"
};

/* The word for a verb, as printed in plans. */
const char *
io_verb_name(enum io_verb v)
{
	return (unsigned)v < IO_VERB_COUNT ? io_verb_names[v] : "?";
}
