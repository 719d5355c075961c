#!/bin/sh
# Resizing redraws: below 80x24 a clear message, then a normal board
# again; a long prompt rewraps; the interface survives many resizes.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/tui/lib.sh"

ok "$T" demo film
DB=$WORK/film/takeboard.db
start "$DB" 100 30
wait_for "Saltwater"
$TM resize-window -t main -x 60 -y 20
wait_for "enlarge it to at least 80x24"
$TM resize-window -t main -x 80 -y 24
wait_for "Saltwater"
wait_gone "enlarge it"
keys Tab Enter
wait_for "Shot 1A"
for size in "81 25" "200 60" "80 24" "30 5" "120 40" "95 28"; do
	set -- $size
	$TM resize-window -t main -x "$1" -y "$2"
done
wait_for "Shot 1A"
wait_for "PROMPT"
keys q
wait_for "Board: 8 scenes"
quit
exit 0
