#!/bin/sh
# Every importer on files that are not what it reads: empty, binary,
# random bytes, one enormous line, a folder, a missing file, a file over
# TAKEBOARD_MAX_IMPORT. Each is refused with "takeboard: FILE: ..." (and
# the line where it applies), exit 1, nothing on stdout, nothing changed,
# with and without --dry-run.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/cli/io-lib.sh"

mkdir "$WORK/prod" && cd "$WORK/prod" || exit 99
ok "$T" init
ok "$T" import fountain "$IO_DATA/syntax.fountain"
G="$WORK/g"
mkdir "$G"

: > "$G/empty"
printf '\n\n\n' > "$G/blank"
printf '\000' > "$G/nul"
# The program itself, also when make valgrind wraps it in a script.
head -c 4096 "${TAKEBOARD_REAL:-$TAKEBOARD}" > "$G/elf"
# Deterministic noise: a linear congruential generator in awk.
awk 'BEGIN { x = 12345; for (i = 0; i < 3000; i++) {
	x = (x * 1103515245 + 12345) % 2147483648
	printf "%c", int(x / 65536) % 256 } }' > "$G/noise"
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "x"; printf "\n" }' > "$G/long"
printf 'Scene,Shot\n1,1Q\n' > "$G/small.csv"

for kind in fountain csv edl; do
	for f in empty blank nul elf noise long; do
		for dry in "" --dry-run; do
			before=$(state)
			run "$T" import $kind "$G/$f" $dry
			[ "$RC" -eq 1 ] || fail "import $kind $f $dry: exit $RC"
			[ -z "$OUT" ] || fail "import $kind $f $dry: printed to stdout"
			printf '%s\n' "$ERR" | head -n 1 | grep -q "^takeboard: $G/$f: " ||
			    fail "import $kind $f $dry: message does not name the file: $ERR"
			[ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] ||
			    fail "import $kind $f $dry: more than one line on stderr"
			[ "$(printf '%s\n' "$ERR" | wc -c)" -lt 600 ] ||
			    fail "import $kind $f $dry: a huge message"
			[ "$(state)" = "$before" ] || fail "import $kind $f $dry changed the production"
		done
	done
	for f in nul elf noise; do
		run "$T" import $kind "$G/$f"
		printf '%s\n' "$ERR" | grep -Eq ": line [0-9]+: (binary data|not UTF-8 text)" ||
		    fail "import $kind $f: no line number: $ERR"
	done
	bad 1 "cannot read $G: it is a folder" "$T" import $kind "$G"
	bad 1 "cannot open $G/missing: No such file or directory" "$T" import $kind "$G/missing"
	TAKEBOARD_MAX_IMPORT=1000 bad 1 "$G/elf is larger than the import limit of 1000 bytes" "$T" import $kind "$G/elf" --dry-run
	TAKEBOARD_MAX_IMPORT=0 bad 1 "bad TAKEBOARD_MAX_IMPORT '0'" "$T" import $kind "$G/elf"
done

# A file that grows past the limit while read through a pipe.
if [ -e /dev/stdin ]; then
	run sh -c "head -c 5000 '$TAKEBOARD' | TAKEBOARD_MAX_IMPORT=100 '$T' import csv /dev/stdin"
	[ "$RC" -eq 1 ] || fail "a pipe over the limit: $RC"
	printf '%s\n' "$ERR" | grep -q 'is larger than the import limit of 100 bytes' ||
	    fail "a pipe over the limit: $ERR"
fi
# A small file is fine under a small limit.
TAKEBOARD_MAX_IMPORT=100 ok "$T" import csv "$G/small.csv" --dry-run
exit 0
