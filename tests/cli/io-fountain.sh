#!/bin/sh
# import fountain: --dry-run changes nothing; the import creates scenes
# with numbers, sections, synopses, action text and characters and sets
# the title; a second import changes nothing; an edited script updates,
# creates and keeps (never deletes) scenes; CRLF and a BOM are fine;
# refusals name the file and line and change nothing.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/cli/io-lib.sh"

usage_bad() {
	bad 2 "$@"
	printf '%s\n' "$ERR" | grep -q '^usage: takeboard' ||
	    fail "no usage line: $*"
}

mkdir "$WORK/prod" && cd "$WORK/prod" || exit 99
ok "$T" init --title Untitled
ok "$T" scene add "INT. STUDIO - DAY" --code 90
ok "$T" shot add 90 "Hands on a keyboard"
S="$IO_DATA/syntax.fountain"

# ------------------------------------------------------------ dry run
before=$(state)
ok "$T" import fountain "$S" --dry-run
[ "$(state)" = "$before" ] || fail "--dry-run changed the production"
has "^create     scene 1: EXT\\. BRICK'S PATIO - DAY$"
has '^create     scene 1A: INT\. TRAILER HOME - DAY$'
has "^create     scene 91: ext\\. brick's pool - day$"
has '^create     scene 92: SNIPER SCOPE POV$'
has '^create     scene 3: INT\./EXT\. BRICK.S CAR - MOVING$'
has '^create     scene 4-B\.: INT/EXT\. GARAGE - DAWN$'
has '^kept       scene 90: INT\. STUDIO - DAY \(not in the script; 1 shot, 0 takes\)$'
has "^change     production title 'Untitled' -> 'BRICK & STEEL FULL RETIRED'$"
has '^dry run: 8 to create, 1 to change, 1 not in the script; nothing was changed$'
dry=$OUT

# ------------------------------------------------------------- import
ok "$T" import fountain "$S"
[ "$(printf '%s\n' "$OUT" | sed '$d')" = "$(printf '%s\n' "$dry" | sed '$d')" ] ||
    fail "the import did not print the plan of the dry run"
has "^imported $S: 8 created, 1 changed, 1 not in the script$"
ok "$T" production --json
json "j['title'] == 'BRICK & STEEL FULL RETIRED'"
ok "$T" scene list --json
json "[s['code'] for s in j] == ['90', '1', '1A', '91', '92', '3', '93', '94', '4-B.']"
json "j[1]['synopsis'] == 'Two old partners, two cold beers.'"
command -v sqlite3 >/dev/null 2>&1 && {
	[ "$(sqlite3 takeboard.db "SELECT section FROM scene WHERE code = '94'")" = "ACT I / The hideout" ] ||
	    fail "section"
	[ "$(sqlite3 takeboard.db "SELECT group_concat(name, ',') FROM scene_character c JOIN scene s ON s.id = c.scene_id WHERE s.code = '93'")" = "BRICK,McCLANE,STEEL" ] ||
	    fail "characters"
	sqlite3 takeboard.db "SELECT description FROM scene WHERE code = '1A'" | grep -q '^Jack begins to argue' ||
	    fail "description"
}
# scene show has them too.
ok "$T" scene show 93 --json
json "j['characters'] == ['BRICK', 'McCLANE', 'STEEL']"
ok "$T" scene show 94 --json
json "j['section'] == 'ACT I / The hideout'"
ok "$T" scene show 1A --json
json "'\\n\\nJack begins to argue' in j['description']"
ok "$T" scene show 93
has '^characters BRICK, McCLANE, STEEL$'
ok "$T" scene show 94
has '^section   ACT I / The hideout$'

# --------------------------------------------------------- idempotent
before=$(state)
ok "$T" import fountain "$S"
has "^imported $S: 8 unchanged, 1 not in the script$"
hasnt '^(create|change) '
[ "$(state)" = "$before" ] || fail "a second import changed the production"

# The same script with CRLF line ends and a byte-order mark.
printf '\357\273\277' > "$WORK/crlf.fountain"
sed 's/$/\r/' "$S" >> "$WORK/crlf.fountain"
ok "$T" import fountain "$WORK/crlf.fountain" --dry-run
has '^dry run: 8 unchanged, 1 not in the script; nothing was changed$'

# ------------------------------------------------------ an edited script
ok "$T" shot add 1 "Patio wide"
cat > "$WORK/edit.fountain" <<'EOF'
Title: Brick & Steel, second draft

# ACT ONE

EXT. BRICK'S PATIO - DAY #1#

A grey day now.

STEEL
Beer?

INT. NEW PLACE - NIGHT

Something new.

Int. Trailer Home - Day #1A#

Same words? No, new words.
EOF
ok "$T" import fountain "$WORK/edit.fountain" --dry-run
has "^change     scene 1: EXT\\. BRICK'S PATIO - DAY \\(section, description, characters\\)\$"
has '^create     scene 95: INT\. NEW PLACE - NIGHT$'
has '^change     scene 1A: Int\. Trailer Home - Day \(heading, section, description, characters\)$'
has "^kept       scene 91: ext\\. brick's pool - day \\(not in the script; 0 shots, 0 takes\\)$"
has '^dry run: 1 to create, 3 to change, 7 not in the script; nothing was changed$'
ok "$T" import fountain "$WORK/edit.fountain"
ok "$T" scene list --json
json "[s['code'] for s in j][:4] == ['90', '1', '95', '1A']"
json "len(j) == 10 and j[1]['shots'] == 1"
json "j[3]['heading'] == 'Int. Trailer Home - Day'"
ok "$T" log 3 --json
json "j[0]['action'] == 'edit' and j[0]['object'] == 'production'"

# A number matched by heading renames the scene's code.
printf 'INT. NEW PLACE - NIGHT #12#\n\nSomething new.\n' > "$WORK/num.fountain"
ok "$T" import fountain "$WORK/num.fountain"
has '^change     scene 12: INT\. NEW PLACE - NIGHT \(code 95 -> 12, section\)$'
ok "$T" scene show 12

# ---------------------------------------------------------- warnings
printf 'INT. A\n\nINT. B\nruns on.\n' > "$WORK/warn.fountain"
run "$T" import fountain "$WORK/warn.fountain" --dry-run
[ "$RC" -eq 0 ] || fail "warnings are not errors"
printf '%s\n' "$ERR" | grep -q "^takeboard: warning: $WORK/warn.fountain: line 3: 'INT. B' looks like a scene heading" ||
    fail "no warning for a heading that runs into text"

# ---------------------------------------------------------- refusals
usage_bad 'give the file to import' "$T" import fountain
usage_bad "unexpected argument 'b'" "$T" import fountain a b
usage_bad 'unknown option --dryrun' "$T" import fountain "$S" --dryrun
bad 1 "cannot open $WORK/none.fountain: No such file" "$T" import fountain "$WORK/none.fountain"
bad 1 "cannot read $WORK: it is a folder" "$T" import fountain "$WORK"
: > "$WORK/empty.fountain"
bad 1 "empty.fountain: the script is empty" "$T" import fountain "$WORK/empty.fountain"
printf 'INT. A\n\nok\n\377\376garbage\000\001\n' > "$WORK/bin.fountain"
bad 1 "bin.fountain: line 4: not UTF-8 text" "$T" import fountain "$WORK/bin.fountain"
printf 'INT. A\n\nok\n\001\002\n' > "$WORK/ctl.fountain"
bad 1 "ctl.fountain: line 4: binary data" "$T" import fountain "$WORK/ctl.fountain"
head -c 3000 "$TAKEBOARD" > "$WORK/prog.fountain"
bad 1 'prog.fountain: line [0-9]+: (binary data|not UTF-8)' "$T" import fountain "$WORK/prog.fountain"
printf 'Just words.\n' > "$WORK/none2.fountain"
bad 1 'none2.fountain: no scene headings found' "$T" import fountain "$WORK/none2.fountain"
printf 'INT. A\n\nx\n\n/* forever\n\nINT. B\n' > "$WORK/bone.fountain"
bad 1 "bone.fountain: line 5: '/\\*' starts a boneyard that is never closed" "$T" import fountain "$WORK/bone.fountain"
printf 'INT. A #7#\n\nINT. B #7#\n' > "$WORK/twice.fountain"
bad 1 'twice.fountain: line 3: scene number #7# is used twice \(also on line 1\)' "$T" import fountain "$WORK/twice.fountain"
TAKEBOARD_MAX_IMPORT=100 bad 1 "syntax.fountain is larger than the import limit of 100 bytes \\(set TAKEBOARD_MAX_IMPORT" "$T" import fountain "$S"
TAKEBOARD_MAX_IMPORT=lots bad 1 "bad TAKEBOARD_MAX_IMPORT 'lots'" "$T" import fountain "$S"
n=$(wc -c < "$S")
TAKEBOARD_MAX_IMPORT=$n ok "$T" import fountain "$S" --dry-run

# A scene number that is the code of a scene updates that scene, whatever
# its heading was.
printf 'INT. SOMEWHERE ELSE #90#\n' > "$WORK/n90.fountain"
ok "$T" import fountain "$WORK/n90.fountain" --dry-run
has '^change     scene 90: INT\. SOMEWHERE ELSE \(heading\)$'

# Read-only production: the write lock fails, nothing printed.
chmod a-w "$WORK/prod" "$WORK/prod/takeboard.db"
if [ ! -w "$WORK/prod/takeboard.db" ]; then
	before=$(state)
	run "$T" import fountain "$WORK/edit.fountain"
	[ "$RC" -eq 1 ] || fail "import into a read-only production: $RC"
	[ -z "$OUT" ] || fail "a failed import printed its plan"
	[ "$(state)" = "$before" ] || fail "a failed import changed something"
	ok "$T" import fountain "$WORK/edit.fountain" --dry-run
fi
chmod u+w "$WORK/prod" "$WORK/prod/takeboard.db"
exit 0
