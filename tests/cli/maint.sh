#!/bin/sh
# backup writes a consistent, checked copy even while someone else
# writes, and never replaces a file; check finds missing clips, clips of
# the wrong size and partial files, and says the production is sound
# when it is.
. "$TESTS_DIR/cli/lib.sh"

ok "$T" init --title "Maintenance"
ok "$T" scene add "EXT. YARD - DAY"
ok "$T" shot add 1 "A shot"
"$HELPERS/mkmp4" "$WORK/a.mp4" 4 || exit 99
"$HELPERS/mkmp4" "$WORK/b.mp4" 6 || exit 99
ok "$T" take add 1A "$WORK/a.mp4" "$WORK/b.mp4"
ok "$T" check
has "^ok: database intact, 2 clips present"
ok "$T" check --json
json 'j["ok"] is True and j["clips_checked"] == 2 and j["problems"] == []'

# A backup while another process keeps writing.
(
	i=0
	while [ $i -lt 40 ]; do
		"$T" scene add "INT. ROOM $i - NIGHT" >/dev/null 2>&1
		i=$((i + 1))
	done
) &
writer=$!
ok "$T" backup "$WORK/copy.db"
wait $writer
[ -f "$WORK/copy.db" ] || fail "no backup written"
ls "$WORK"/.copy.db.* 2>/dev/null && fail "a temporary file was left"
ok "$T" -f "$WORK/copy.db" check
ok "$T" -f "$WORK/copy.db" scene list --json
json 'len(j) >= 1 and j[0]["heading"] == "EXT. YARD - DAY"'
# Never over an existing file, never into a missing folder.
bad 1 "already exists" "$T" backup "$WORK/copy.db"
bad 1 "backup" "$T" backup "$WORK/no/such/folder/copy.db"

# Problems: a missing clip, a clip of the wrong size, a partial file.
a=$(ls takes/1/1A/1A-t00001.*)
b=$(ls takes/1/1A/1A-t00002.*)
rm "$a"
printf 'junk' >> "$b"
: > takes/1/1A/.1A-t00003.mp4.part
run "$T" check
[ "$RC" -eq 1 ] || fail "check should fail (got $RC)"
printf '%s\n' "$ERR" | grep -q "^takeboard: 3 problems found" ||
    fail "check's message"
has "take 1: takes/1/1A/1A-t00001.mp4 is missing"
has "take 2: .* has [0-9]+ bytes, [0-9]+ were recorded"
has "partial file: takes/1/1A/.1A-t00003.mp4.part"
run "$T" check --json
json 'j["ok"] is False and len(j["problems"]) == 3'
exit 0
