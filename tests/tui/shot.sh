#!/bin/sh
# The shot view pages through a variant with more takes than fit on the
# screen (it holds only the rows shown): G shows the last take, paging
# back and forth and g show the right takes, the counts are right, and a
# take marked far down the list gets its verdict.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/tui/lib.sh"

ok "$T" demo film
DB=$WORK/film/takeboard.db
cd film || exit 99
mkdir clips || exit 99
i=0
while [ $i -lt 120 ]; do
	i=$((i + 1))
	: > "clips/c$i.mp4"
done
ok "$T" take add 1A --prompt 1A/v1 --seconds 4 clips/*.mp4
ok "$T" take list 1A --prompt 1A/v1 --json
set -- $(printf '%s' "$OUT" | python3 -c 'import json,sys; l=[t["id"] for t in json.load(sys.stdin)]; print(len(l), l[0], l[1], l[-1], l[-2], l[-30])')
[ $# -eq 6 ] || fail "cannot read the takes of 1A/v1"
n=$1 first=$2 second=$3 last=$4 before_last=$5 far=$6
[ "$n" -eq 125 ] || fail "expected 125 takes of 1A/v1, got $n"

start "$DB" 120 32
wait_for "Saltwater"
keys Tab Enter
wait_for "Shot 1A (scene 1)"
# The variant's count comes from the totals.
screen | grep -q "v1 *125 " || fail "v1 does not show 125 takes"
wait_for " $first ready"
keys Tab G
wait_for " $last ready"
wait_for " $before_last ready"
screen | grep -q " $first ready" && fail "the first take shows at the end"
# Back up a page at a time to the top, then down again.
keys PageUp PageUp PageUp PageUp PageUp PageUp PageUp PageUp PageUp PageUp
wait_for " $first ready"
wait_for " $second ready"
keys End
wait_for " $last ready"
keys Home
wait_for " $first ready"
keys G k k k k k k k k k k k k k k k k k k k k k k k k k k k k k
wait_for " $far ready"
# Mark the take 30th from the end and give it a verdict.
keys Space
wait_for "$(printf '*%6d ready' "$far")"
keys v
wait_for "unreviewed"
keys Down Enter
until_db "take show $far --json" '"verdict":[[:space:]]*"maybe"'
wait_for "$(printf '%6d %-10s %-10s' "$far" ready maybe)"
# The view still pages after the reload that the verdict caused.
keys g
wait_for " $first ready"
keys G
wait_for " $last ready"
keys q
wait_for "Board: 8 scenes"
quit
exit 0
