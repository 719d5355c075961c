#!/bin/sh
# SPDX-License-Identifier: ISC
#
# fuzz.sh: run each libFuzzer target for a set time, one after the other
# (nice -n 10), and print per target the executions, the coverage (cov
# and ft from libFuzzer's final status line) and the crashes found.
#
#   contrib/fuzz.sh [-t SECONDS] [-b BUILDDIR] [NAME ...]
#
# NAME is a target of tests/fuzz (api req mp4 fountain csv edl config;
# all by default). SECONDS is the time per target (60). When BUILDDIR
# (default: the current folder) was configured with --enable-fuzzing its
# targets are used; otherwise a copy of the sources (make distdir) is
# built with clang in BUILDDIR/fuzz-build/. New corpus entries are kept
# in fuzz-build/corpus/NAME, crash inputs in fuzz-build/artifacts/NAME:
# add a crash input to tests/fuzz/corpus/NAME/ as crash-* with the fix.
# tests/fuzz/NAME.dict, when there is one, is libFuzzer's dictionary.
# Exits 1 when a target crashed, leaked or timed out.

set -u

me=fuzz.sh
secs=60
build=$(pwd)
while getopts t:b: opt; do
	case $opt in
	t)	secs=$OPTARG ;;
	b)	build=$OPTARG ;;
	*)	echo "usage: contrib/fuzz.sh [-t SECONDS] [-b BUILDDIR]" \
		    "[NAME ...]" >&2
		exit 2 ;;
	esac
done
shift $((OPTIND - 1))
case $secs in
''|*[!0-9]*)
	echo "$me: -t wants whole seconds, not '$secs'" >&2
	exit 2 ;;
esac
names=${*:-api req mp4 fountain csv edl config}
src=$(cd -- "$(dirname -- "$0")/.." && pwd)
build=$(cd -- "$build" && pwd) || exit 1
fb=$build/fuzz-build

die() {
	echo "$me: $*" >&2
	exit 1
}

if grep -q '^FUZZ_ENGINE = libfuzzer' "$build/Makefile" 2>/dev/null; then
	obj=$build
else
	# A fuzzing build beside this one, from a copy of the sources: a
	# configured source folder cannot hold a second build.
	command -v clang >/dev/null 2>&1 ||
	    die "clang is needed (apt-get install clang)"
	[ -f "$build/Makefile" ] ||
	    die "$build is not configured; run ./configure first"
	mkdir -p "$fb" || exit 1
	echo "$me: copying the sources to $fb/src"
	make -s -C "$build" distdir distdir="$fb/src" >/dev/null ||
	    die "make distdir failed"
	obj=$fb/obj
	mkdir -p "$obj" || exit 1
	if [ ! -f "$obj/config.status" ] ||
	    [ "$obj/config.status" -ot "$fb/src/configure" ]; then
		echo "$me: configuring with clang --enable-fuzzing"
		(cd "$obj" && "$fb/src/configure" -q CC=clang \
		    CFLAGS="-O1 -g" --enable-fuzzing) ||
		    die "configure failed"
	fi
fi
targets=
for n in $names; do
	targets="$targets tests/fuzz/fuzz-$n"
done
echo "$me: building$targets"
# shellcheck disable=SC2086
make -s -C "$obj" -j2 $targets >/dev/null || die "the build failed"

mkdir -p "$fb" || exit 1
summary=$fb/summary.txt
{
	echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -srm), $(nproc) CPUs," \
	    "$secs s per target"
	printf '%-9s %6s %11s %8s %6s %7s %6s %s\n' target seconds \
	    executions exec/s cov ft corpus crashes
} >"$summary"
status=0
for n in $names; do
	corpus=$fb/corpus/$n
	art=$fb/artifacts/$n
	log=$fb/fuzz-$n.log
	mkdir -p "$corpus" "$art" || exit 1
	rm -f "$art"/crash-* "$art"/leak-* "$art"/timeout-* "$art"/oom-*
	dict=
	if [ -f "$src/tests/fuzz/$n.dict" ]; then
		dict=-dict=$src/tests/fuzz/$n.dict
	fi
	echo "$me: fuzzing $n for $secs s"
	start=$(date +%s)
	# shellcheck disable=SC2086
	nice -n 10 "$obj/tests/fuzz/fuzz-$n" -max_total_time="$secs" $dict \
	    -print_final_stats=1 -timeout=25 -rss_limit_mb=2048 \
	    -artifact_prefix="$art/" "$corpus" "$src/tests/fuzz/corpus/$n" \
	    >"$log" 2>&1
	rc=$?
	took=$(( $(date +%s) - start ))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	last=$(grep -E '^#[0-9]+.* cov: ' "$log" | tail -n 1)
	cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	found=$(ls "$art" | wc -l)
	ncorp=$(ls "$corpus" | wc -l)
	printf '%-9s %6s %11s %8s %6s %7s %6s %s\n' "$n" "$took" \
	    "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$ncorp" \
	    "$found" >>"$summary"
	if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
		status=1
		echo "$me: $n: exit $rc; see $log" >&2
		grep -E '^(SUMMARY|==[0-9]+==ERROR)' "$log" | head -n 3 >&2
		ls "$art" >&2
	fi
done
cat "$summary"
echo "$me: logs, corpora and crash inputs are in $fb"
exit $status
