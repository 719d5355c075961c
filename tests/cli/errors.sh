#!/bin/sh
# Bad input across the commands: unknown codes, bad numbers and values,
# usage errors, missing or foreign database files. Each must fail with the
# right exit status and message and change nothing.
. "$TESTS_DIR/cli/lib.sh"

usage_bad() {
	bad 2 "$@"
	printf '%s\n' "$ERR" | grep -q '^usage: takeboard' ||
	    fail "no 'usage: takeboard' line on stderr: $*"
}

mkdir "$WORK/prod" && cd "$WORK/prod" || exit 99
ok "$T" init
ok "$T" scene add "INT. KITCHEN - DAY"
ok "$T" shot add 1 "kettle"
ok "$T" prompt add 1A "a kettle"
ok "$T" take add 1A --seconds 8 --prompt 1A/v1

# ------------------------------------------------------------ unknown codes
bad 1 "no scene 'ZZ'" "$T" scene show ZZ
bad 1 "no scene 'ZZ'" "$T" scene edit ZZ --heading x
bad 1 "no scene 'ZZ'" "$T" scene move ZZ --first
bad 1 "no scene 'ZZ'" "$T" scene rm ZZ
bad 1 "no scene 'ZZ'" "$T" shot add ZZ "x"
bad 1 "no scene 'ZZ'" "$T" shot list ZZ
bad 1 "no scene 'ZZ'" "$T" take list --scene ZZ
bad 1 "no scene 'ZZ'" "$T" stats --scene ZZ
bad 1 "no scene '1a'" "$T" scene show 1a
bad 1 "no shot 'ZZ'" "$T" shot show ZZ
bad 1 "no shot 'ZZ'" "$T" shot edit ZZ --size CU
bad 1 "no shot 'ZZ'" "$T" shot status ZZ final
bad 1 "no shot 'ZZ'" "$T" shot rm ZZ
bad 1 "no shot 'ZZ'" "$T" prompt add ZZ "x"
bad 1 "no shot 'ZZ'" "$T" prompt list ZZ
bad 1 "no shot 'ZZ'" "$T" take add ZZ
bad 1 "no shot 'ZZ'" "$T" take list ZZ
bad 1 "no shot 'ZZ'" "$T" stats --shot ZZ
bad 1 "no shot '1a'" "$T" shot show 1a
bad 1 "no prompt variant '1A/v9'" "$T" prompt show 1A/v9
bad 1 "no prompt variant 'ZZ/v1'" "$T" prompt show ZZ/v1
bad 1 "no prompt variant '99'" "$T" prompt show 99
bad 1 "no prompt variant '99'" "$T" prompt diff 1 99
bad 1 "no prompt variant '99'" "$T" prompt rm 99
bad 1 "no prompt variant '1A/v9'" "$T" take add 1A --prompt 1A/v9
bad 1 "no prompt variant '1A/v9'" "$T" take list --prompt 1A/v9
bad 1 "no prompt variant" "$T" prompt show "1A/"
bad 1 "no prompt variant" "$T" prompt show "/v1"
for c in show keep maybe unreview rm; do
	bad 1 "no take 99" "$T" take $c 99
done
bad 1 "no take 99" "$T" take reject 99 --reason x
bad 1 "no take 99" "$T" take rate 99 3
bad 1 "no take 99" "$T" take note 99 "x"

# ---------------------------------------------------------------- numbers
for id in abc 1e3 0 1.0 "" 0x10 " 1" "1 " 99999999999999999999 "１"; do
	bad 1 "bad take id" "$T" take show "$id"
done
bad 1 "bad take id" "$T" take keep 1e3
bad 1 "bad take id" "$T" take rate abc 3
# "-1" looks like an option: a usage error; after "--" it is a bad id.
usage_bad "unknown option|-1" "$T" take show -1
bad 1 "bad take id '-1'" "$T" take show -- -1
for s in abc -3 1e2 "" 1:60 1.2345 " 2" 0x10 inf nan; do
	bad 1 "bad duration|seconds" "$T" take add 1A --seconds="$s"
	# (an empty value clears a shot's target duration)
	[ -n "$s" ] && bad 1 "bad duration|seconds" "$T" shot edit 1A --seconds="$s"
done
bad 1 "seconds" "$T" take add 1A --seconds 0
bad 1 "seconds" "$T" prompt add 1A "x" --seconds 0
for s in abc -1 1e2 ""; do
	bad 1 "bad duration|in|out" "$T" take keep 1 --in="$s"
	bad 1 "bad duration|in|out" "$T" take keep 1 --out="$s"
done
for x in -1 1.1234567 abc 1e3 "" 0x10 "1,5" inf; do
	bad 1 "bad amount|cost" "$T" take add 1A --cost="$x"
done
for n in 0 6 -1 abc 1.5 ""; do
	case $n in
	-1) usage_bad "unknown option|-1" "$T" take rate 1 -1 ;;
	0) ;;	# 0 clears the rating
	*) bad 1 "bad rating" "$T" take rate 1 "$n" ;;
	esac
done
bad 1 "bad count" "$T" log abc
bad 1 "bad count" "$T" log 0
bad 1 "frame rate" "$T" production --fps abc
bad 1 "frame size" "$T" prompt add 1A "x" --size 0x0
bad 1 "frame size" "$T" prompt add 1A "x" --size axb

# ------------------------------------------------------------------ enums
bad 1 "planned generating review approved post final omitted" "$T" scene add x --status finished
bad 1 "planned generating review approved post final omitted" "$T" shot status 1A finished
bad 1 "planned generating review approved post final omitted" "$T" shot list --status finished
bad 1 "ECU CU MCU MS MLS WS EWS" "$T" shot add 1 x --size XXL
bad 1 "unreviewed keep maybe reject" "$T" take list --verdict good
bad 1 "queued generating ready failed" "$T" take list --status finished
bad 1 "production scene shot prompt" "$T" stats --by take
bad 1 "bad reason" "$T" take reject 1 --reason "no!"
bad 1 "currency" "$T" production --currency euro

# ---------------------------------------- missing arguments, unknown options
usage_bad "." "$T" scene add
usage_bad "." "$T" scene show
usage_bad "." "$T" scene edit
usage_bad "." "$T" scene move 1
usage_bad "." "$T" scene rm
usage_bad "." "$T" shot add 1
usage_bad "." "$T" shot show
usage_bad "." "$T" shot status 1A
usage_bad "." "$T" shot move 1A
usage_bad "." "$T" prompt add
usage_bad "." "$T" prompt list
usage_bad "." "$T" prompt show
usage_bad "." "$T" prompt diff 1
usage_bad "." "$T" take add
usage_bad "." "$T" take show
usage_bad "." "$T" take keep
usage_bad "." "$T" take rate 1
usage_bad "." "$T" take note 1
usage_bad "." "$T" take show 1 2
usage_bad "." "$T" scene show 1 2
usage_bad "." "$T" log 1 2
usage_bad "unknown option" "$T" scene list --frob
usage_bad "unknown option" "$T" shot list --frob
usage_bad "unknown option" "$T" take list --frob
usage_bad "unknown option" "$T" take keep 1 --frob
usage_bad "unknown option" "$T" stats --frob
usage_bad "unknown option" "$T" log --frob
usage_bad "." "$T" scene add x --code
usage_bad "." "$T" take add 1A --seconds
usage_bad "." "$T" take frob
usage_bad "." "$T" frob
usage_bad "unknown option" "$T" --frob scene list

# ------------------------------------------------------- database files
mkdir "$WORK/other" && cd "$WORK/other" || exit 99
run "$T" -f "$WORK/other/missing.db" scene list
[ "$RC" -eq 1 ] || fail "-f missing file: expected exit 1, got $RC"
printf '%s\n' "$ERR" | grep -q "^takeboard: .*missing\.db" || fail "-f missing: $ERR"
[ ! -e missing.db ] || fail "-f on a missing file created it"
run "$T" -f "$WORK/other/missing.db" scene add x
[ "$RC" -eq 1 ] && [ ! -e missing.db ] || fail "-f missing file: scene add created it"
run env TAKEBOARD_DB="$WORK/other/missing.db" "$T" scene list
[ "$RC" -eq 1 ] && [ ! -e missing.db ] || fail "TAKEBOARD_DB missing file: not refused"

# foreign FILE: takeboard refuses every command on it (exit 1, a message
# naming the file) and leaves it byte-identical with no side files.
foreign() {
	cp "$1" "$WORK/orig" || exit 99
	for cmd in "scene list" "scene add x" "production" "take list --json" \
	    "stats" "log" "init"; do
		# shellcheck disable=SC2086
		run "$T" -f "$1" $cmd
		[ "$RC" -eq 1 ] || fail "$cmd on $1: expected exit 1, got $RC"
		printf '%s\n' "$ERR" | grep -q "^takeboard: .*$(basename "$1")" ||
		    fail "$cmd on $1: message does not name the file: $ERR"
		[ -z "$OUT" ] || fail "$cmd on $1 printed to stdout"
		cmp -s "$1" "$WORK/orig" || fail "$cmd changed $1"
		for x in -wal -shm -journal; do
			[ ! -e "$1$x" ] || fail "$cmd left $1$x"
		done
	done
	[ ! -e takes ] || fail "a command on $1 made takes/"
}

printf 'title,fps\nnot a database,24\n' > text.db
foreign "$WORK/other/text.db"
run "$T" -f "$WORK/other/text.db" scene list
printf '%s\n' "$ERR" | grep -q "not a takeboard database" || fail "text file: $ERR"
: > empty.db
foreign "$WORK/other/empty.db"
# A valid, empty SQLite database made by hand (4096-byte page 1, no tables).
{
	printf 'SQLite format 3\000\020\000\001\001\000\100\040\040'
	printf '\000\000\000\001\000\000\000\001\000\000\000\000\000\000\000\000'
	printf '\000\000\000\000\000\000\000\004\000\000\000\000\000\000\000\000'
	printf '\000\000\000\001\000\000\000\000\000\000\000\000\000\000\000\000'
	printf '\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000'
	printf '\000\000\000\001\000\056\166\210'
	printf '\015\000\000\000\000\020\000\000'
	dd if=/dev/zero bs=3988 count=1 2>/dev/null
} > sqlite.db
[ "$(wc -c < sqlite.db)" -eq 4096 ] || exit 99
foreign "$WORK/other/sqlite.db"
# The same files found as takeboard.db by walking up.
cp text.db takeboard.db
mkdir sub && cd sub || exit 99
run "$T" scene list
[ "$RC" -eq 1 ] || fail "a text takeboard.db found by walking up: expected exit 1, got $RC"
cd .. && cmp -s takeboard.db text.db || fail "a text takeboard.db was changed"
# A folder given as the database.
mkdir dir.db
run "$T" -f "$WORK/other/dir.db" scene list
[ "$RC" -eq 1 ] || fail "-f FOLDER: expected exit 1, got $RC"
printf '%s\n' "$ERR" | grep -q '^takeboard: ' || fail "-f FOLDER: no message"
exit 0
