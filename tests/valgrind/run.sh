#!/bin/sh
# SPDX-License-Identifier: ISC
#
# make valgrind: run the CLI test scripts with takeboard under valgrind
# memcheck (through vg-takeboard.sh) and print the totals: processes,
# memory errors and definite leaks. The TUI tests are left out (their
# timed key presses are too slow under valgrind).
#
#   run.sh BUILDDIR SANITIZERS(yes|no) TEST...

set -u
build=$1
sanitizers=$2
shift 2
here=$(cd -- "$(dirname -- "$0")" && pwd)

if ! command -v valgrind >/dev/null 2>&1; then
	echo "make valgrind: valgrind is not installed; on Debian:" \
	    "apt-get install valgrind (contrib/quickstart.sh valgrind" \
	    "does it)" >&2
	exit 1
fi
if [ "$sanitizers" = yes ]; then
	echo "make valgrind: this build uses the sanitizers, which do not" \
	    "run under valgrind; configure without --enable-sanitizers" >&2
	exit 1
fi

tests=
for t in "$@"; do
	case $t in
	tests/tui/*|tests/fuzz/*)
		;;
	*)
		tests="$tests $t"
		;;
	esac
done

VG_LOG_DIR=$build/tests/valgrind/logs
rm -rf "$VG_LOG_DIR"
mkdir -p "$VG_LOG_DIR" || exit 1
TAKEBOARD_WRAPPER=$here/vg-takeboard.sh
export VG_LOG_DIR TAKEBOARD_WRAPPER
${MAKE:-make} -C "$build" check TESTS="$tests"
rc=$?

procs=$(ls "$VG_LOG_DIR" | wc -l)
# "==PID== ERROR SUMMARY: N errors from M contexts" once per process;
# definite leaks count as errors (--errors-for-leak-kinds=definite).
errors=$(cat "$VG_LOG_DIR"/vg.*.log 2>/dev/null |
    sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' |
    awk '{ s += $1 } END { print s + 0 }')
leaks=$(cat "$VG_LOG_DIR"/vg.*.log 2>/dev/null |
    sed -n 's/.*definitely lost: [0-9,]* bytes in \([0-9,]*\) blocks.*/\1/p' |
    tr -d , | awk '{ s += $1 } END { print s + 0 }')
echo "valgrind: $procs takeboard runs, $errors errors, $leaks definitely" \
    "lost blocks (logs in $VG_LOG_DIR)"
if [ "$errors" -ne 0 ]; then
	grep -l 'ERROR SUMMARY: [1-9]' "$VG_LOG_DIR"/vg.*.log | head -n 5
	exit 1
fi
exit $rc
