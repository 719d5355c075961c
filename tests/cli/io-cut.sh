#!/bin/sh
# export edl/otio/fcpxml: golden files for a fixed production at 24 fps
# (and the EDL at 29.97 drop frame), every timecode and range checked by
# an independent computation (io-check.py), the OTIO schema, FCPXML
# well-formedness (and its DTD when FCPXML_DTD names one), holes listed
# on stderr, --start, -o written atomically, and the EDL read back by
# 'import edl' (unchanged, then an editor's trims applied).
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/cli/io-lib.sh"
command -v python3 >/dev/null 2>&1 || exit 77

# golden NAME: the last stdout, with the work folder masked, must be
# tests/data/io/NAME (IO_REGEN=1 rewrites the golden file instead).
golden() {
	printf '%s\n' "$OUT" | sed "s|$WORK|@WORK@|g" > "$WORK/got.$1"
	[ -z "${IO_REGEN:-}" ] || cp "$WORK/got.$1" "$IO_DATA/$1"
	diff -u "$IO_DATA/$1" "$WORK/got.$1" >&2 || fail "differs from $1"
}

# dump: the production as JSON for io-check.py.
dump() {
	mkdir -p "$WORK/json"
	"$T" production --json > "$WORK/json/production.json" &&
	"$T" scene list --json > "$WORK/json/scenes.json" &&
	"$T" shot list --json > "$WORK/json/shots.json" &&
	"$T" take list --json > "$WORK/json/takes.json" || fail "dump"
}

# check KIND START: io-check.py on the last stdout.
check() {
	printf '%s\n' "$OUT" > "$WORK/cut.$1"
	python3 "$TESTS_DIR/cli/io-check.py" "$1" "$WORK/cut.$1" \
	    "$WORK/json" "$2" || fail "io-check.py $1 $2"
}

mkprod "$WORK/prod" 24
dump

# ------------------------------------------------------------- EDL
run "$T" export edl
[ "$RC" -eq 0 ] || fail "export edl failed"
golden cut.edl
check edl 01:00:00:00
printf '%s\n' "$ERR" | grep -q '^takeboard: warning: shot 1B (scene 1) has no kept take: 3.00 s hole in the record timecode at 01:00:09:12$' ||
    fail "the hole of 1B is not listed"
printf '%s\n' "$ERR" | grep -q '^takeboard: warning: shot 4A (scene 4) has no kept take: 2.00 s hole' ||
    fail "the hole of 4A is not listed"
LC_ALL=C grep -q '[^ -~]' "$WORK/cut.edl" && fail "the EDL is not ASCII"

run "$T" export edl --start 10:00:00:00
[ "$RC" -eq 0 ] || fail "--start"
check edl 10:00:00:00
run "$T" export edl --start 00:59:59:23
[ "$RC" -eq 0 ] || fail "--start 00:59:59:23"
check edl 00:59:59:23
bad 1 "bad timecode '10:00:00:24'" "$T" export edl --start 10:00:00:24
bad 1 "does not fit in 24 hours" "$T" export edl --start 23:59:59:00

# --------------------------------------------------------- OTIO, FCPXML
run "$T" export otio
[ "$RC" -eq 0 ] || fail "export otio failed"
golden cut.otio
check otio 01:00:00:00
run "$T" export otio --start 00:00:00:00
check otio 00:00:00:00

run "$T" export fcpxml
[ "$RC" -eq 0 ] || fail "export fcpxml failed"
golden cut.fcpxml
check fcpxml 01:00:00:00
printf '%s\n' "$ERR" | grep -q 'shot 1B (scene 1) has no kept take: 3.00 s gap at 01:00:09:12' ||
    fail "the gap of 1B is not listed"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$WORK/cut.fcpxml" || fail "xmllint: not well formed"
	# Apple's DTD is not shipped with takeboard (nor by Debian): set
	# FCPXML_DTD to its path to validate against it as well.
	if [ -n "${FCPXML_DTD:-}" ]; then
		xmllint --noout --dtdvalid "$FCPXML_DTD" "$WORK/cut.fcpxml" ||
		    fail "not valid against $FCPXML_DTD"
	fi
fi

# ------------------------------------------------ -o: atomic, no leftovers
mkdir "$WORK/out"
run "$T" export edl
printf '%s\n' "$OUT" > "$WORK/plain.edl"
run "$T" export edl -o "$WORK/out/cut.edl"
[ "$RC" -eq 0 ] && [ -z "$OUT" ] || fail "export -o"
cmp -s "$WORK/out/cut.edl" "$WORK/plain.edl" || fail "-o wrote something else"
printf 'old\n' > "$WORK/out/cut.fcpxml"
run "$T" export fcpxml -o "$WORK/out/cut.fcpxml"
cmp -s "$WORK/out/cut.fcpxml" "$WORK/cut.fcpxml" || fail "-o did not replace"
[ "$(ls -A "$WORK/out" | wc -l)" -eq 2 ] || fail "temporary files left: $(ls -A "$WORK/out")"
bad 1 "cannot write $WORK/out: it is a folder" "$T" export edl -o "$WORK/out"
bad 1 "cannot create a file in $WORK/nowhere" "$T" export otio -o "$WORK/nowhere/x.otio"
[ ! -e "$WORK/nowhere" ] || fail "created a folder"

# ------------------------------------------------ import edl: round trip
run "$T" export edl -o "$WORK/rt.edl"
[ "$RC" -eq 0 ] || fail "export edl -o"
before=$(state)
run "$T" import edl "$WORK/rt.edl" --dry-run
[ "$RC" -eq 0 ] || fail "import edl --dry-run"
has '^unchanged  take 1 \(shot 1A\), event 001: in 1\.000, out 5\.500$'
has '^unchanged  take 2 \(shot 1A\), event 002: in 0\.000, out 5\.000$'
has '^unchanged  take 5 \(shot 1A-A\), event 003: in 0\.500, out 8\.000$'
has '^dry run: 3 unchanged; nothing was changed$'
[ "$(state)" = "$before" ] || fail "a dry run changed the production"

# An editor trims take 1, drops take 2, uses the maybe take 3 (1B) from
# its reel, and adds a title.
sed -e 's/00:00:01:00 00:00:05:12 01:00:00:00 01:00:04:12/00:00:01:12 00:00:04:00 01:00:00:00 01:00:02:12/' \
    -e '/^002 /,/TAKEBOARD SHOT/d' "$WORK/rt.edl" > "$WORK/ed.edl"
cat >> "$WORK/ed.edl" <<'EDL'

004  T0000003 V     C        00:00:00:12 00:00:03:00 01:00:20:00 01:00:22:12
005  AX       V     C        00:00:00:00 00:00:02:00 01:00:22:12 01:00:24:12
* FROM CLIP NAME: Title card.mov
EDL
before=$(state)
run "$T" import edl "$WORK/ed.edl" --dry-run
[ "$RC" -eq 0 ] || fail "dry run of the edited EDL"
[ "$(state)" = "$before" ] || fail "a dry run changed the production"
has '^change     take 1 \(shot 1A\), event 001: in 1\.500, out 4\.000 \(was in 1\.000, out 5\.500\)$'
has '^change     take 3 \(shot 1B\), event 004: in 0\.500, out 3\.000 \(was in -, out -; maybe\)$'
has "^skip       event 005 \(line [0-9]+, reel AX, clip 'Title card.mov'\): no take matches it$"
has "^kept       take 2 \\(shot 1A\\) is in takeboard's cut but not in the EDL\$"
has '^dry run: 2 to change, 1 unchanged, 1 not in the EDL, 1 skipped; nothing was changed$'
run "$T" import edl "$WORK/ed.edl"
[ "$RC" -eq 0 ] || fail "import edl"
has "^imported $WORK/ed.edl: 2 changed, 1 unchanged, 1 not in the EDL, 1 skipped$"
ok "$T" take show 1 --json
json "j['in'] == 1.5 and j['out'] == 4 and j['verdict'] == 'keep' and j['verdict_by'] == 'tester'"
ok "$T" take show 3 --json
json "j['verdict'] == 'keep' and j['in'] == 0.5 and j['out'] == 3"
ok "$T" log 2 --json
json "j[1]['action'] == 'trim' and j[1]['object'] == 'take 1'"
run "$T" import edl "$WORK/ed.edl" --dry-run
has '^dry run: 3 unchanged, 1 not in the EDL, 1 skipped; nothing was changed$'
dump
run "$T" export edl
check edl 01:00:00:00

# ----------------------------------------------------- other frame rates
mkprod "$WORK/p2997" 29.97
dump
run "$T" export edl
[ "$RC" -eq 0 ] || fail "export at 29.97"
golden cut-2997.edl
check edl 01:00:00:00
run "$T" export edl --start 00:00:59:28
check edl 00:00:59:28
bad 1 "does not exist in drop-frame timecode" "$T" export edl --start 00:01:00:01
run "$T" export otio
check otio 01:00:00:00
run "$T" export fcpxml
check fcpxml 01:00:00:00
run "$T" export edl -o "$WORK/df.edl"
run "$T" import edl "$WORK/df.edl" --dry-run
has '^dry run: 3 unchanged; nothing was changed$'

mkprod "$WORK/p23976" 23.976
dump
for k in edl otio fcpxml; do
	run "$T" export $k
	[ "$RC" -eq 0 ] || fail "export $k at 23.976"
	check $k 01:00:00:00
done

mkprod "$WORK/p125" 12.5
dump
bad 1 "an EDL needs SMPTE timecode, which 12.5 fps does not have" "$T" export edl
run "$T" export otio
[ "$RC" -eq 0 ] || fail "OTIO at 12.5"
run "$T" export fcpxml
[ "$RC" -eq 0 ] || fail "FCPXML at 12.5"

# ------------------------------------------------------- an empty cut
mkdir "$WORK/empty" && cd "$WORK/empty" || exit 99
ok "$T" init
run "$T" export edl
[ "$RC" -eq 0 ] || fail "an empty EDL"
printf '%s\n' "$ERR" | grep -q 'the cut is empty' || fail "no word about the empty cut"
has '^FCM: NON-DROP FRAME$'
exit 0
