#!/bin/sh
# Two people on one production: a change made in one interface (and one
# made with the command line) appears in the other within moments,
# without a key being pressed.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/tui/lib.sh"

ok "$T" demo film
DB=$WORK/film/takeboard.db
start "$DB"
$TM new-window -t main -n second \
    "env TERM=screen LC_ALL=C.UTF-8 USER=other $T -f '$DB'; sleep 600"
wait_for "Saltwater" main:0
wait_for "Saltwater" main:1
# The second window adds a scene with ':'.
$TM send-keys -t main:1 :
$TM send-keys -t main:1 -l -- 'scene add "EXT. SECOND SESSION - DAY"'
$TM send-keys -t main:1 Enter
wait_for "EXT. SECOND SESSION - DAY" main:1
# The first one sees it by itself.
wait_for "EXT. SECOND SESSION - DAY" main:0
# A command-line change too.
ok "$T" -f "$DB" scene edit 2 --heading "INT. NET LOFT - CHANGED"
wait_for "INT. NET LOFT - CHANGED" main:0
wait_for "INT. NET LOFT - CHANGED" main:1
ok "$T" -f "$DB" log 3 --json
json 'j[1]["user"] == "other" or j[0]["user"] == "other" or any(e["user"] == "other" for e in j)'
exit 0
