#!/bin/sh
# take add (no clip, MP4/MOV files, --move, several files, refusals),
# keep/maybe/reject/unreview/rate/note, show, list filters, rm.
. "$TESTS_DIR/cli/lib.sh"

usage_bad() {
	bad 2 "$@"
	printf '%s\n' "$ERR" | grep -q '^usage: takeboard' ||
	    fail "no 'usage: takeboard' line on stderr: $*"
}

# noparts: no temporary files left in takes/.
noparts() {
	left=$(find "$WORK/prod/takes" -name '*.part' -o -name '.*' -type f)
	[ -z "$left" ] || fail "temporary files left in takes/: $left"
}

# clips: the files under takes/, sorted, one line each.
clips() {
	(cd "$WORK/prod" && find takes -type f | sort)
}

mkdir "$WORK/prod" "$WORK/in" && cd "$WORK/prod" || exit 99
ok "$T" init
ok "$T" scene add "INT. KITCHEN - DAY"
ok "$T" scene add "EXT. ROOF" --code 4A
ok "$T" shot add 1 "Kettle"
ok "$T" shot add 1 "Hands"
ok "$T" shot add 4A "Roof wide"
ok "$T" prompt add 1A "a kettle boils" --model veo-3
ok "$T" prompt add 1A "a kettle boils over"
ok "$T" prompt add 1B "hands"

"$HELPERS/mkmp4" "$WORK/in/a.mp4" 8 || exit 99
"$HELPERS/mkmp4" "$WORK/in/b.mov" 2.5 --mov || exit 99
"$HELPERS/mkmp4" "$WORK/in/c.mp4" 5.125 --v1 --moov-last || exit 99
"$HELPERS/mkmp4" "$WORK/in/d.mp4" 6 || exit 99
"$HELPERS/mkmp4" "$WORK/in/zero.mp4" 0 || exit 99
printf 'this is not a movie\n' > "$WORK/in/notes.txt"

# ------------------------------------------------------------ no clip
ok "$T" take add 1A
has '^take 1 added \(1A, no clip yet\)$'
ok "$T" take show 1 --json
json "j['file'] is None and j['file_size'] is None and j['seconds'] is None and j['status'] == 'ready'"
json "j['prompt'] is None and j['label'] is None and j['shot'] == '1A' and j['scene'] == '1'"

# ------------------------------------------------------------- clips
ok "$T" take add 1A --prompt 1A/v1 --cost 0.5 "$WORK/in/a.mp4"
has '^take 2 added \(1A, 8\.00 s, takes/1/1A/1A-t00002\.mp4\)$'
[ -f "$WORK/in/a.mp4" ] || fail "the original was removed without --move"
cmp -s "$WORK/in/a.mp4" takes/1/1A/1A-t00002.mp4 || fail "the copy differs from the original"
ok "$T" take show 2 --json
json "j['seconds'] == 8 and j['file'] == 'takes/1/1A/1A-t00002.mp4' and j['file_size'] == $(wc -c < "$WORK/in/a.mp4")"
json "j['prompt'] == 1 and j['label'] == 'v1' and j['cost'] == 0.5 and j['status'] == 'ready'"
json "j['created'] == '2026-11-01T12:00:00Z' and j['created_by'] == 'tester'"
json "j['verdict'] == 'unreviewed' and j['reasons'] == [] and j['rating'] is None and j['in'] is None and j['out'] is None"
json "j['verdict_by'] is None and j['verdict_at'] is None and j['error'] is None"
json "all(k in j for k in 'id shot scene prompt label file file_size seconds status error cost verdict reasons rating in out notes created created_by verdict_by verdict_at'.split())"

# Several files at once, moved: consecutive ids, originals gone.
cp "$WORK/in/b.mov" "$WORK/in/b2.mov"
cp "$WORK/in/c.mp4" "$WORK/in/c2.mp4"
ok "$T" take add 1A --move --prompt 1A/v2 "$WORK/in/b2.mov" "$WORK/in/c2.mp4"
has '^take 3 added \(1A, 2\.50 s, takes/1/1A/1A-t00003\.mov\)$'
has '^take 4 added \(1A, 5\.1[23] s, takes/1/1A/1A-t00004\.mp4\)$'
if [ -e "$WORK/in/b2.mov" ] || [ -e "$WORK/in/c2.mp4" ]; then fail "--move left the originals"; fi
cmp -s "$WORK/in/b.mov" takes/1/1A/1A-t00003.mov || fail "moved clip 3 differs"
cmp -s "$WORK/in/c.mp4" takes/1/1A/1A-t00004.mp4 || fail "moved clip 4 differs"
ok "$T" take show 4 --json
json "j['seconds'] == 5.125 and j['label'] == 'v2'"
ok "$T" take show 3 --json
json "j['seconds'] == 2.5"

# A take of a shot in scene 4A goes under takes/4A/4A-A/.
ok "$T" take add 4A-A "$WORK/in/d.mp4"
has '^take 5 added \(4A-A, 6\.00 s, takes/4A/4A-A/4A-A-t00005\.mp4\)$'
[ -f takes/4A/4A-A/4A-A-t00005.mp4 ] || fail "no clip at takes/4A/4A-A/4A-A-t00005.mp4"

# --seconds overrides the header; a non-MP4 file needs it.
ok "$T" take add 1B --seconds 3 "$WORK/in/a.mp4"
has '^take 6 added \(1B, 3\.00 s, takes/1/1B/1B-t00006\.mp4\)$'
ok "$T" take add 1B --seconds 1:02.5 --cost 1.234567 "$WORK/in/notes.txt"
has '^take 7 added \(1B, 62\.50 s, takes/1/1B/1B-t00007\.txt\)$'
ok "$T" take show 7 --json
json "j['seconds'] == 62.5 and j['cost'] == 1.234567"

# ------------------------------------------------------------ refusals
clips_before=$(clips)
bad 1 "notes\.txt.*--seconds" "$T" take add 1A "$WORK/in/notes.txt"
bad 1 "zero\.mp4.*--seconds" "$T" take add 1A "$WORK/in/zero.mp4"
bad 1 "missing\.mp4" "$T" take add 1A "$WORK/in/missing.mp4"
# All or nothing: a good file and a bad one add nothing, copy nothing,
# and with --move leave the good file where it was.
bad 1 "notes\.txt.*--seconds" "$T" take add 1A "$WORK/in/a.mp4" "$WORK/in/notes.txt"
bad 1 "missing\.mp4" "$T" take add 1A --move "$WORK/in/d.mp4" "$WORK/in/missing.mp4"
[ -f "$WORK/in/d.mp4" ] || fail "a failed --move removed a file"
bad 1 "." "$T" take add 1A "$WORK/in"
[ "$(clips)" = "$clips_before" ] || fail "a failed take add left files in takes/"
noparts
bad 1 "belongs to shot 1B" "$T" take add 1A --prompt 1B/v1
bad 1 "no prompt variant '1A/v9'" "$T" take add 1A --prompt 1A/v9
bad 1 "no shot 'ZZ'" "$T" take add ZZ
bad 1 "seconds" "$T" take add 1A --seconds 0
bad 1 "amount|cost" "$T" take add 1A --cost -1
bad 1 "amount|cost" "$T" take add 1A --cost 1.1234567
usage_bad "unknown option" "$T" take add 1A --frob
usage_bad "." "$T" take add

# ------------------------------------------------------ failed attempts
ok "$T" take add 1A --failed "content policy" --cost 0.2 --prompt 1A/v1
has '^take 8 added'
ok "$T" take show 8 --json
json "j['status'] == 'failed' and j['error'] == 'content policy' and j['cost'] == 0.2"
json "j['file'] is None and j['seconds'] is None and j['label'] == 'v1'"
bad 1 "failed" "$T" take keep 8
bad 1 "failed" "$T" take add 1A --failed ""
usage_bad "." "$T" take add 1A --failed "x" "$WORK/in/a.mp4"

# ----------------------------------------------------------------- keep
ok "$T" take keep 2 --in 1 --out 5.5
ok "$T" take show 2 --json
json "j['verdict'] == 'keep' and j['in'] == 1 and j['out'] == 5.5"
json "j['verdict_by'] == 'tester' and j['verdict_at'] == '2026-11-01T12:00:00Z'"
ok "$T" take keep 3 --in 0:01.25
ok "$T" take show 3 --json
json "j['verdict'] == 'keep' and j['in'] == 1.25"
ok "$T" take keep 4
ok "$T" take show 4 --json
json "j['verdict'] == 'keep' and j['in'] is None and j['out'] is None"
bad 1 "in point|before|in and out" "$T" take keep 2 --in 5 --out 5
bad 1 "in point|before|in and out" "$T" take keep 2 --in 6 --out 5
bad 1 "within|duration|8\.00" "$T" take keep 2 --out 8.5
bad 1 "within|duration|8\.00|before" "$T" take keep 2 --in 9
bad 1 "duration" "$T" take keep 2 --in -1
bad 1 "duration" "$T" take keep 2 --out abc
bad 1 "no take 99" "$T" take keep 99
ok "$T" take show 2 --json
json "j['in'] == 1 and j['out'] == 5.5"

# ------------------------------------------------------- maybe, reject
ok "$T" take maybe 5
ok "$T" take show 5 --json
json "j['verdict'] == 'maybe' and j['verdict_by'] == 'tester'"
ok "$T" take reject 6 --reason Morphing --reason "hands,Bad-Physics" --reason morphing
ok "$T" take show 6 --json
json "j['verdict'] == 'reject' and j['reasons'] == ['bad-physics', 'hands', 'morphing']"
ok "$T" take reject 6
ok "$T" take show 6 --json
json "j['verdict'] == 'reject' and j['reasons'] == ['bad-physics', 'hands', 'morphing']"
ok "$T" take reject 6 --reason WRONG_face
ok "$T" take show 6 --json
json "j['reasons'] == ['wrong_face']"
for r in "bad!" "a/b" "" "a,,b" "$(printf '%033d' 0)" "éclair"; do
	bad 1 "bad reason" "$T" take reject 6 --reason "$r"
done
ok "$T" take reject 6 --reason "$(printf '%032d' 0)"
ok "$T" take show 6 --json
json "j['reasons'] == ['0' * 32]"

# A reject after a keep clears in/out; unreview clears everything.
ok "$T" take reject 2 --reason framing
ok "$T" take show 2 --json
json "j['verdict'] == 'reject' and j['in'] is None and j['out'] is None and j['reasons'] == ['framing']"
ok "$T" take keep 2 --in 1 --out 2
ok "$T" take show 2 --json
json "j['verdict'] == 'keep' and j['reasons'] == []"
ok "$T" take unreview 2
ok "$T" take show 2 --json
json "j['verdict'] == 'unreviewed' and j['in'] is None and j['out'] is None and j['reasons'] == []"
json "j['verdict_by'] is None and j['verdict_at'] is None"
ok "$T" take reject 7 --reason morphing
ok "$T" take unreview 7
ok "$T" take show 7 --json
json "j['verdict'] == 'unreviewed' and j['reasons'] == []"

# ---------------------------------------------------------- rate, note
ok "$T" take rate 3 5
ok "$T" take show 3 --json
json "j['rating'] == 5"
ok "$T" take rate 3 1
ok "$T" take show 3 --json
json "j['rating'] == 1"
ok "$T" take rate 3 0
ok "$T" take show 3 --json
json "j['rating'] is None"
for n in 6 x 1.5 "" 10; do
	bad 1 "rating" "$T" take rate 3 "$n"
done
usage_bad "." "$T" take rate 3
ok "$T" take note 4 "good light,
second line"
ok "$T" take show 4 --json
json "j['notes'] == 'good light,\nsecond line'"
ok "$T" take note 4 ""
ok "$T" take show 4 --json
json "not j['notes']"
ok "$T" take note 4 "steam looks real"

# ----------------------------------------------------------------- show
ok "$T" take show 2
has '^take +2 \(shot 1A, scene 1\)'
has 'takes/1/1A/1A-t00002\.mp4'
has '8\.00'
ok "$T" take show 6
has 'reject'
has 'wrong_face|0{32}'
bad 1 "no take 99" "$T" take show 99

# ----------------------------------------------------------------- list
# Storyboard order: scene 1 (1A, 1B) before scene 4A.
ok "$T" take list --json
json "[t['id'] for t in j] == [1, 2, 3, 4, 8, 6, 7, 5]"
ok "$T" take list 1A --json
json "[t['id'] for t in j] == [1, 2, 3, 4, 8]"
ok "$T" take list --scene 4A --json
json "[t['id'] for t in j] == [5]"
ok "$T" take list --verdict keep --json
json "[t['id'] for t in j] == [3, 4]"
ok "$T" take list --verdict reject --json
json "[t['id'] for t in j] == [6]"
ok "$T" take list --verdict unreviewed 1B --json
json "[t['id'] for t in j] == [7]"
ok "$T" take list --prompt 1A/v1 --json
json "[t['id'] for t in j] == [2, 8]"
ok "$T" take list --prompt 2 --json
json "[t['id'] for t in j] == [3, 4]"
ok "$T" take list --status failed --json
json "[t['id'] for t in j] == [8]"
ok "$T" take list
has '^ *ID +SHOT +VAR +STATUS +VERDICT'
has '^ *6 +1B .*reject'
has 'content policy'
bad 1 "unreviewed keep maybe reject" "$T" take list --verdict good
bad 1 "no scene 'Q'" "$T" take list --scene Q
bad 1 "no shot 'ZZ'" "$T" take list ZZ
bad 1 "no prompt variant" "$T" take list --prompt 1A/v9

# ------------------------------------------------------------------- rm
bad 1 "verdict.*--force" "$T" take rm 4
bad 1 "reject.*--force" "$T" take rm 6
ok "$T" take rate 7 4
bad 1 "rat.*--force" "$T" take rm 7
ok "$T" take rm 1
bad 1 "no take 1" "$T" take show 1
ok "$T" take rm 4 --force
[ -f takes/1/1A/1A-t00004.mp4 ] || fail "take rm removed the clip file"
bad 1 "no take 4" "$T" take show 4
ok "$T" take list --json
json "[t['id'] for t in j] == [2, 3, 8, 6, 7, 5]"
# Ids are not reused.
ok "$T" take add 1A
has '^take 9 added'
ok "$T" log 3 --json
json "j[1]['action'] == 'rm' and j[1]['object'] == 'take 4'"
usage_bad "." "$T" take rm
exit 0
