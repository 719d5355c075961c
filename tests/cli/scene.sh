#!/bin/sh
# scene add/list/show/edit/move/rm: automatic codes, ordering, validation,
# refusal to delete a scene with shots, and the log.
. "$TESTS_DIR/cli/lib.sh"

usage_bad() {
	bad 2 "$@"
	printf '%s\n' "$ERR" | grep -q '^usage: takeboard' ||
	    fail "no 'usage: takeboard' line on stderr: $*"
}

# order EXPECTED: scene list --json gives the codes EXPECTED (space
# separated) in that order, with positions 1..n.
order() {
	ok "$T" scene list --json
	json "[s['code'] for s in j] == '$1'.split() and [s['position'] for s in j] == list(range(1, len(j) + 1))"
}

ok "$T" init

# ------------------------------------------------------------------ add
ok "$T" scene add "INT. KITCHEN - DAY"
has '^scene 1 added'
ok "$T" scene add "EXT. STREET - NIGHT" --synopsis "She runs." --notes "rain" --status review
has '^scene 2 added'
ok "$T" scene add "INT. CAR - NIGHT"
has '^scene 3 added'
ok "$T" scene add "EXT. ROOF" --code 4A
has '^scene 4A added'
order "1 2 3 4A"

ok "$T" scene list --json
json "len(j) == 4"
json "sorted(j[0]) == sorted(['id', 'code', 'position', 'heading', 'synopsis', 'notes', 'status', 'shots', 'takes', 'kept', 'created', 'section', 'description'])"
json "j[0]['heading'] == 'INT. KITCHEN - DAY' and j[0]['status'] == 'planned'"
json "j[1]['synopsis'] == 'She runs.' and j[1]['notes'] == 'rain' and j[1]['status'] == 'review'"
json "j[0]['shots'] == 0 and j[0]['takes'] == 0 and j[0]['kept'] == 0"
json "j[0]['created'] == '2026-11-01T12:00:00Z'"

# The next automatic code is one more than the largest all-digit code.
ok "$T" scene add "Later" --code 10
ok "$T" scene add "After ten"
has '^scene 11 added'
order "1 2 3 4A 10 11"

# --first and --after put it there; positions stay dense.
ok "$T" scene add "Cold open" --code 0 --first
order "0 1 2 3 4A 10 11"
ok "$T" scene add "Insert" --code 2B --after 2
order "0 1 2 2B 3 4A 10 11"
ok "$T" scene add "Tail" --code Z --after 11
order "0 1 2 2B 3 4A 10 11 Z"
bad 1 "no scene 'nope'" "$T" scene add "x" --after nope

# Human table.
ok "$T" scene list
has '^CODE +.*HEADING'
has '^2B +.*Insert$'
has '^2 .*review'

# ---------------------------------------------------------- validation
bad 1 "already used|exists" "$T" scene add "dup" --code 2
bad 1 "already used|exists" "$T" scene add "dup" --code 4A
for c in a/b -x .x "a b" 12345678901234567 "" "é1" 'x$'; do
	bad 1 "bad scene code" "$T" scene add "x" --code="$c"
done
ok "$T" scene add "Sixteen" --code 1234567890123456
has '^scene 1234567890123456 added'
ok "$T" scene add "Case" --code 4a
has '^scene 4a added'
bad 1 "planned generating review approved post final omitted" \
    "$T" scene add "x" --status nope
bad 1 "planned.*omitted" "$T" scene add "x" --status PLANNED2
bad 1 "heading" "$T" scene add ""
usage_bad "." "$T" scene add
usage_bad "unknown option" "$T" scene add "x" --frob
usage_bad "." "$T" scene add "x" --first --after 1

# ---------------------------------------------------------------- show
ok "$T" scene show 2
has 'EXT\. STREET - NIGHT'
has 'review'
has 'She runs\.'
ok "$T" scene show 2 --json
json "j['code'] == '2' and j['heading'] == 'EXT. STREET - NIGHT' and j['position'] == 3"
bad 1 "no scene 'X9'" "$T" scene show X9

# ---------------------------------------------------------------- edit
ok "$T" scene edit 2 --code 2A --heading "EXT. ALLEY - NIGHT" --synopsis "He waits." --status approved
ok "$T" scene show 2A --json
json "j['code'] == '2A' and j['heading'] == 'EXT. ALLEY - NIGHT'"
json "j['synopsis'] == 'He waits.' and j['status'] == 'approved' and j['notes'] == 'rain'"
json "j['position'] == 3"
bad 1 "no scene '2'" "$T" scene show 2
ok "$T" scene edit 2A --notes ""
ok "$T" scene show 2A --json
json "j['notes'] == ''"
for s in planned generating review approved post final omitted; do
	ok "$T" scene edit 2A --status $s
	ok "$T" scene show 2A --json
	json "j['status'] == '$s'"
done
bad 1 "planned generating review approved post final omitted" \
    "$T" scene edit 2A --status finished
bad 1 "already used|exists" "$T" scene edit 2A --code 3
bad 1 "bad scene code" "$T" scene edit 2A --code a/b
bad 1 "heading" "$T" scene edit 2A --heading ""
bad 1 "no scene 'nope'" "$T" scene edit nope --heading x

# ---------------------------------------------------------------- move
order "0 1 2A 2B 3 4A 10 11 Z 1234567890123456 4a"
ok "$T" scene move Z --first
order "Z 0 1 2A 2B 3 4A 10 11 1234567890123456 4a"
ok "$T" scene move Z --after 4a
order "0 1 2A 2B 3 4A 10 11 1234567890123456 4a Z"
ok "$T" scene move 0 --after 3
order "1 2A 2B 3 0 4A 10 11 1234567890123456 4a Z"
ok "$T" scene move 3 --after 2A
order "1 2A 3 2B 0 4A 10 11 1234567890123456 4a Z"
bad 1 "no scene 'nope'" "$T" scene move 3 --after nope
bad 1 "no scene 'nope'" "$T" scene move nope --first
usage_bad "." "$T" scene move 3
usage_bad "." "$T" scene move 3 --first --after 1

# ------------------------------------------------------------------ rm
ok "$T" shot add 1 "Wide of the kitchen"
ok "$T" shot add 1 "Kettle"
ok "$T" prompt add 1A "a kitchen at dawn"
ok "$T" take add 1A --seconds 4
ok "$T" take add 1B --seconds 5
ok "$T" take add 1B --seconds 6
bad 1 "2 shots.*1 (prompt )?variants?.*3 takes.*--force" "$T" scene rm 1
ok "$T" scene list --json
json "[s['shots'] for s in j if s['code'] == '1'] == [2]"
json "[s['takes'] for s in j if s['code'] == '1'] == [3]"

ok "$T" scene rm 2B
has '2B'
order "1 2A 3 0 4A 10 11 1234567890123456 4a Z"
bad 1 "no scene '2B'" "$T" scene show 2B

ok "$T" scene rm 1 --force
order "2A 3 0 4A 10 11 1234567890123456 4a Z"
ok "$T" shot list --json
json "j == []"
ok "$T" take list --json
json "j == []"
bad 1 "no scene '1'" "$T" scene rm 1
usage_bad "." "$T" scene rm
usage_bad "unknown option" "$T" scene rm 3 --frob

# ----------------------------------------------------------------- log
ok "$T" log 100 --json
json "all(sorted(e) == sorted(['id', 'at', 'user', 'action', 'object', 'detail']) for e in j)"
json "all(e['user'] == 'tester' and e['at'] == '2026-11-01T12:00:00Z' for e in j)"
json "[e['id'] for e in j] == sorted((e['id'] for e in j), reverse=True)"
json "j[0]['action'] == 'rm' and j[0]['object'] == 'scene 1'"
json "any(e['action'] == 'add' and e['object'] == 'scene 4A' for e in j)"
json "any(e['action'] == 'rm' and e['object'] == 'scene 2B' for e in j)"
json "any(e['action'] == 'move' and e['object'] == 'scene Z' for e in j)"
json "any(e['action'] == 'edit' and 'scene 2' in e['object'] for e in j)"
json "j[-1]['action'] == 'init'"
ok "$T" log 3 --json
json "len(j) == 3 and j[0]['object'] == 'scene 1'"
ok "$T" log
has '^WHEN +WHO +ACTION +WHAT'
has 'tester +rm +scene 1'
exit 0
