#!/bin/sh
# shot add/list/show/edit/move/status/rm: automatic codes, sizes,
# durations, filters, moves within and between scenes, refusals.
. "$TESTS_DIR/cli/lib.sh"

usage_bad() {
	bad 2 "$@"
	printf '%s\n' "$ERR" | grep -q '^usage: takeboard' ||
	    fail "no 'usage: takeboard' line on stderr: $*"
}

# order SCENE EXPECTED: shot list SCENE --json gives the codes EXPECTED in
# that order, with positions 1..n, all in SCENE.
order() {
	ok "$T" shot list "$1" --json
	json "[s['code'] for s in j] == '$2'.split() and [s['position'] for s in j] == list(range(1, len(j) + 1)) and all(s['scene'] == '$1' for s in j)"
}

ok "$T" init
ok "$T" scene add "INT. KITCHEN - DAY"
ok "$T" scene add "EXT. ROOF - NIGHT" --code 4A
ok "$T" scene add "INT. CAR" --code 7

# ------------------------------------------------------------ auto codes
ok "$T" shot add 1 "Wide of the kitchen"
has '^shot 1A added'
for want in 1B 1C 1D 1E 1F 1G 1H 1J 1K 1L 1M 1N 1P; do
	ok "$T" shot add 1 "shot $want"
	has "^shot $want added"
done
order 1 "1A 1B 1C 1D 1E 1F 1G 1H 1J 1K 1L 1M 1N 1P"
ok "$T" shot add 4A "Roof wide"
has '^shot 4A-A added'
ok "$T" shot add 4A "Roof close"
has '^shot 4A-B added'
ok "$T" shot add 7 "seven A" --code 7A
ok "$T" shot add 7 "seven B" --code 7B
ok "$T" shot add 7 "seven C" --code 7C

# ----------------------------------------------------- fields and values
ok "$T" shot add 4A "Hero close-up" --code HERO --size cu --seconds 2.5 \
    --angle low --move dolly --lens 35mm --action "She turns." \
    --dialogue "Now." --notes "golden" --status review
ok "$T" shot show HERO --json
json "j['code'] == 'HERO' and j['scene'] == '4A' and j['position'] == 3"
json "j['description'] == 'Hero close-up'"
json "j['size'] == 'CU' and j['seconds'] == 2.5"
json "j['angle'] == 'low' and j['movement'] == 'dolly' and j['lens'] == '35mm'"
json "j['action'] == 'She turns.' and j['dialogue'] == 'Now.' and j['notes'] == 'golden'"
json "j['status'] == 'review' and j['created'] == '2026-11-01T12:00:00Z'"
json "j['variants'] == 0 and j['takes'] == 0 and j['kept'] == 0"
ok "$T" shot add 4A "long" --code LONG --size Ews --seconds 1:02.5
ok "$T" shot show LONG --json
json "j['size'] == 'EWS' and j['seconds'] == 62.5"
for s in ecu Cu mCu MS mls ws EWS; do
	ok "$T" shot edit LONG --size $s
	ok "$T" shot show LONG --json
	json "j['size'] == '$s'.upper()"
done
ok "$T" shot edit LONG --seconds 0:08
ok "$T" shot show LONG --json
json "j['seconds'] == 8"
ok "$T" shot edit LONG --seconds 12.345
ok "$T" shot show LONG --json
json "j['seconds'] == 12.345"

for v in XL huge "C U" "cu2"; do
	bad 1 "bad shot size.*ECU CU MCU MS MLS WS EWS" "$T" shot add 1 "x" --size="$v"
done
for v in 0 abc -3 1e2 1:60 "1:" ":5" 1.2345 "2.5s"; do
	bad 1 "duration|seconds" "$T" shot add 1 "x" --seconds="$v"
done
bad 1 "planned generating review approved post final omitted" \
    "$T" shot add 1 "x" --status zz
bad 1 "no scene 'Q'" "$T" shot add Q "x"
bad 1 "bad shot code" "$T" shot add 1 "x" --code a/b
bad 1 "bad shot code" "$T" shot add 1 "x" --code=-x
bad 1 "bad shot code" "$T" shot add 1 "x" --code 12345678901234567
usage_bad "." "$T" shot add 1
usage_bad "unknown option" "$T" shot add 1 "x" --frob

# Codes are unique across the production, not only within a scene.
bad 1 "already used" "$T" shot add 4A "x" --code 1A
bad 1 "already used" "$T" shot add 7 "x" --code HERO
bad 1 "already used" "$T" shot edit 1A --code 4A-A

# ------------------------------------------------------------------ list
ok "$T" shot list --json
json "len(j) == 21"
json "sorted(j[0]) == sorted(['id', 'code', 'scene', 'position', 'description', 'size', 'angle', 'movement', 'lens', 'seconds', 'action', 'dialogue', 'status', 'notes', 'variants', 'takes', 'kept', 'created'])"
json "[s['scene'] for s in j] == ['1'] * 14 + ['4A'] * 4 + ['7'] * 3"
order 4A "4A-A 4A-B HERO LONG"
ok "$T" shot list --status review --json
json "[s['code'] for s in j] == ['HERO']"
ok "$T" shot list 1 --status review --json
json "j == []"
ok "$T" shot list
has '^(CODE|SHOT) +SCENE +SIZE'
has '^HERO +4A +CU +low +dolly +2\.50 +review .*Hero close-up$'
bad 1 "planned.*omitted" "$T" shot list --status zz
bad 1 "no scene 'Q'" "$T" shot list Q

# ------------------------------------------------------------------ show
ok "$T" shot show HERO
has 'HERO'
has 'Hero close-up'
has 'She turns\.'
has 'review'
bad 1 "no shot 'ZZ'" "$T" shot show ZZ

# ------------------------------------------------------------------ edit
ok "$T" shot edit HERO --code HERO2 --description "Hero, closer" --angle ""
ok "$T" shot show HERO2 --json
json "j['description'] == 'Hero, closer' and j['angle'] is None"
json "j['size'] == 'CU' and j['movement'] == 'dolly'"
ok "$T" shot edit HERO2 --size "" --seconds "" --move "" --lens "" \
    --action "" --dialogue "" --notes ""
ok "$T" shot show HERO2 --json
json "j['size'] is None and j['seconds'] is None and j['movement'] is None and j['lens'] is None"
json "not j['action'] and not j['dialogue'] and not j['notes']"
json "j['description'] == 'Hero, closer' and j['status'] == 'review'"
bad 1 "bad shot size" "$T" shot edit HERO2 --size XL
bad 1 "duration|seconds" "$T" shot edit HERO2 --seconds -1
bad 1 "no shot 'HERO'" "$T" shot edit HERO --size CU

# ------------------------------------------------------------------ move
order 1 "1A 1B 1C 1D 1E 1F 1G 1H 1J 1K 1L 1M 1N 1P"
ok "$T" shot move 1P --first
order 1 "1P 1A 1B 1C 1D 1E 1F 1G 1H 1J 1K 1L 1M 1N"
ok "$T" shot move 1P --after 1N
order 1 "1A 1B 1C 1D 1E 1F 1G 1H 1J 1K 1L 1M 1N 1P"
ok "$T" shot move 1A --after 1C
order 1 "1B 1C 1A 1D 1E 1F 1G 1H 1J 1K 1L 1M 1N 1P"
# Into another scene: at the end by default, first, or after a shot of it.
ok "$T" shot move 1N --scene 4A
order 4A "4A-A 4A-B HERO2 LONG 1N"
order 1 "1B 1C 1A 1D 1E 1F 1G 1H 1J 1K 1L 1M 1P"
ok "$T" shot move 1M --scene 4A --first
order 4A "1M 4A-A 4A-B HERO2 LONG 1N"
ok "$T" shot move 1L --scene 4A --after 4A-A
order 4A "1M 4A-A 1L 4A-B HERO2 LONG 1N"
ok "$T" shot move 1K --after 4A-B
order 4A "1M 4A-A 1L 4A-B 1K HERO2 LONG 1N"
order 1 "1B 1C 1A 1D 1E 1F 1G 1H 1J 1P"
ok "$T" shot show 1K --json
json "j['scene'] == '4A' and j['position'] == 5"
bad 1 "not in scene 1" "$T" shot move 1J --scene 1 --after 4A-A
bad 1 "no shot 'ZZ'" "$T" shot move 1J --after ZZ
bad 1 "no scene 'Q'" "$T" shot move 1J --scene Q
usage_bad "." "$T" shot move 1J
usage_bad "." "$T" shot move 1J --first --after 1A

# ---------------------------------------------------------------- status
ok "$T" shot status 1A approved
ok "$T" shot show 1A --json
json "j['status'] == 'approved'"
bad 1 "planned generating review approved post final omitted" \
    "$T" shot status 1A finished
bad 1 "no shot 'ZZ'" "$T" shot status ZZ final
usage_bad "." "$T" shot status 1A

# ------------------------------------------------------------------- rm
ok "$T" prompt add 1B "a kettle"
ok "$T" take add 1C --seconds 3
ok "$T" prompt add 1D "x"
ok "$T" take add 1D --seconds 3 --prompt 1D/v1
bad 1 "1 (prompt )?variants?.*--force" "$T" shot rm 1B
bad 1 "1 takes?.*--force" "$T" shot rm 1C
bad 1 "--force" "$T" shot rm 1D
ok "$T" shot rm 1E
order 1 "1B 1C 1A 1D 1F 1G 1H 1J 1P"
ok "$T" shot rm 1B --force
ok "$T" shot rm 1C --force
ok "$T" shot rm 1D --force
order 1 "1A 1F 1G 1H 1J 1P"
ok "$T" take list --json
json "j == []"
bad 1 "no shot '1B'" "$T" shot rm 1B
ok "$T" log 20 --json
json "any(e['action'] == 'rm' and e['object'] == 'shot 1D' for e in j)"
json "any(e['action'] == 'move' and e['object'] == 'shot 1K' for e in j)"
# ------------------------------------------------ first free code
# (last, in a scene of its own.) A taken code is skipped and a freed one
# reused: the first free code is used, whatever the number of shots.
ok "$T" scene add "INT. HALL" --code 9
ok "$T" shot add 9 "custom" --code 9B
ok "$T" shot add 9 "auto"
has '^shot 9A added'
ok "$T" shot add 9 "auto 2"
has '^shot 9C added'
ok "$T" shot add 9 "auto 3"
has '^shot 9D added'
ok "$T" shot rm 9A
ok "$T" shot add 9 "auto 4"
has '^shot 9A added'
ok "$T" shot rm 9C
ok "$T" shot add 9 "auto 5"
has '^shot 9C added'
exit 0
