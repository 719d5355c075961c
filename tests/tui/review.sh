#!/bin/sh
# Review three takes with keep (trimmed), reject (with a reason picked
# from the list) and maybe, rate one, undo the last verdict, and check
# the database: every verdict is saved at once, attributed to the user.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/tui/lib.sh"

ok "$T" demo film
DB=$WORK/film/takeboard.db
cd film || exit 99
# The first three unreviewed takes of the production, in review order.
ok "$T" take list --verdict unreviewed --status ready --json
set -- $(printf '%s' "$OUT" | python3 -c 'import json,sys; print(" ".join(str(t["id"]) for t in json.load(sys.stdin)[:3]))')
[ $# -eq 3 ] || fail "expected three unreviewed takes"
t1=$1 t2=$2 t3=$3
ok "$T" stats --by production --json
before_unrev=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["unreviewed"])')

start "$DB"
wait_for "Saltwater"
keys R
wait_for "Review the production"
wait_for "Take $t1 "
# keep, trimmed to 1.5-3
keys k
wait_for "Keep: in-out"
text "1.5-3"
keys Enter
wait_for "Take $t2 "
until_db "take show $t1 --json" '"verdict":[[:space:]]*"keep"'
ok "$T" take show "$t1" --json
json 'j["in"] == 1.5 and j["out"] == 3 and j["verdict_by"] == "tester"'
# reject: mark the first reason offered, accept
keys x
wait_for "Reject reasons"
keys Space Enter
wait_for "Take $t3 "
until_db "take show $t2 --json" '"verdict":[[:space:]]*"reject"'
ok "$T" take show "$t2" --json
json 'len(j["reasons"]) == 1'
# maybe, then undo it
keys m
until_db "take show $t3 --json" '"verdict":[[:space:]]*"maybe"'
keys u
wait_for "is unreviewed again"
until_db "take show $t3 --json" '"verdict":[[:space:]]*"unreviewed"'
wait_for "Take $t3 "
# rate it 4
keys 4
until_db "take show $t3 --json" '"rating":[[:space:]]*4'
# progress: two more reviewed than before
ok "$T" stats --by production --json
json "j['total']['unreviewed'] == $before_unrev - 2"
reviewed=$(printf '%s' "$OUT" | python3 -c 'import json,sys; t=json.load(sys.stdin)["total"]; print(t["takes"] - t["unreviewed"])')
wait_for "$reviewed of 288 reviewed"
# Filter: the takes rejected for the reason just used (most recent
# first in the list), which include take t2.
reason=$("$T" take show "$t2" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["reasons"][0])')
keys f
wait_for "Review which takes"
keys G Enter
wait_for "Rejected for"
keys g Enter
wait_for "(reject: $reason)"
keys q
wait_for "Board: 8 scenes"
quit
exit 0
