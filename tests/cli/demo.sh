#!/bin/sh
# demo: a sample production of the promised size and usage, the same on
# every run (whatever the clock and user), refused in a non-empty folder.
. "$TESTS_DIR/cli/lib.sh"

ok "$T" demo "$WORK/d1"
has "$WORK/d1|d1"
[ -f "$WORK/d1/takeboard.db" ] || fail "demo made no takeboard.db"
[ -d "$WORK/d1/takes" ] || fail "demo made no takes/"

# A second run with another clock and user, into an existing empty folder.
mkdir "$WORK/d2" || exit 99
ok env TAKEBOARD_NOW=2031-05-05T05:05:05Z USER=someone "$T" demo "$WORK/d2"

cd "$WORK/d1" || exit 99
ok "$T" stats --by prompt --json
p1=$OUT
ok "$T" take list --json
t1=$OUT
ok "$T" shot list --json
s1=$OUT
cd "$WORK/d2" || exit 99
ok "$T" stats --by prompt --json
[ "$OUT" = "$p1" ] || fail "stats --by prompt --json differs between two demos"
ok "$T" take list --json
[ "$OUT" = "$t1" ] || fail "take list --json differs between two demos"
ok "$T" shot list --json
[ "$OUT" = "$s1" ] || fail "shot list --json differs between two demos"

# Size: about 8 scenes, 30 shots, 2-4 variants a shot, a few hundred takes.
ok "$T" scene list --json
json "6 <= len(j) <= 10"
ok "$T" shot list --json
json "25 <= len(j) <= 35"
json "all(2 <= s['variants'] <= 4 for s in j)"
ok "$T" take list --json
json "200 <= len(j) <= 400"
json "all(t['status'] in ('ready', 'failed') for t in j)"
json "{t['verdict'] for t in j} == {'unreviewed', 'keep', 'maybe', 'reject'}"
json "any(t['reasons'] for t in j) and any(t['rating'] for t in j) and any(t['cost'] for t in j)"
json "any(t['status'] == 'failed' for t in j)"
ok "$T" stats --by prompt --json
json "any(r['prompt'] is not None for r in j['rows'])"
ok "$T" stats --by production --json
json "0.002 <= j['total']['usage'] <= 0.004"
json "200 <= j['total']['takes'] <= 400 and j['total']['kept'] >= 1"
# Variants have parents.
ok "$T" shot list --json
first=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["code"])') ||
    exit 77
ok "$T" prompt list "$first" --json
json "any(v['parent'] is not None for v in j)"

# The default folder is takeboard-demo.
mkdir "$WORK/dflt" && cd "$WORK/dflt" || exit 99
ok "$T" demo
[ -f "$WORK/dflt/takeboard-demo/takeboard.db" ] || fail "demo without DIR made no takeboard-demo/"

# Refused in a non-empty folder, which is left alone.
mkdir "$WORK/full" && echo keep > "$WORK/full/file.txt" || exit 99
cd "$WORK" || exit 99
run "$T" demo "$WORK/full"
[ "$RC" -eq 1 ] || fail "demo into a non-empty folder: expected exit 1, got $RC"
printf '%s\n' "$ERR" | grep -q '^takeboard: .*empty' || fail "demo: unclear message: $ERR"
[ -z "$OUT" ] || fail "a failed demo printed to stdout"
[ "$(ls -A "$WORK/full")" = file.txt ] || fail "a failed demo wrote into the folder"
run "$T" demo "$WORK/d1"
[ "$RC" -eq 1 ] || fail "demo over an existing demo: expected exit 1, got $RC"
cd "$WORK/d1" && ok "$T" take list --json
[ "$OUT" = "$t1" ] || fail "a refused demo changed the existing one"
exit 0
