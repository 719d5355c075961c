#!/bin/sh
# SPDX-License-Identifier: ISC
#
# Replay every fuzz corpus (seeds and every crash found so far) through
# its target: each input must run without a crash, a sanitizer report or
# a leak. In a normal build the targets are linked with replay.c; in a
# --enable-fuzzing build they are libFuzzer programs, which run the
# files given to them once each and do not fuzz.

set -u
: "${FUZZ_DIR:?run through make check}"
: "${TESTS_DIR:?run through make check}"
: "${FUZZ_NAMES:?run through make check}"

out=$(mktemp "${TMPDIR:-/tmp}/tb-fuzz.XXXXXX") || exit 99
trap 'rm -f "$out"' EXIT INT TERM
status=0
for name in $FUZZ_NAMES; do
	prog=$FUZZ_DIR/fuzz-$name
	corpus=$TESTS_DIR/fuzz/corpus/$name
	n=$(find "$corpus" -type f | wc -l)
	if [ "$n" -eq 0 ]; then
		echo "FAIL: fuzz-$name: no inputs in $corpus" >&2
		status=1
		continue
	fi
	if [ "${FUZZ_ENGINE:-replay}" = libfuzzer ]; then
		find "$corpus" -type f -exec "$prog" {} + >"$out" 2>&1
		rc=$?
	else
		"$prog" "$corpus" >"$out" 2>&1
		rc=$?
	fi
	if [ "$rc" -ne 0 ]; then
		echo "FAIL: fuzz-$name exits $rc on its corpus:" >&2
		tail -n 40 "$out" >&2
		status=1
	else
		echo "fuzz-$name: $n inputs ok"
	fi
done
exit $status
