#!/bin/sh
# The board opens on the demo production with its totals, navigates
# scenes and shots, opens a shot with its variant tree, shows the word
# diff against the parent, and the help generated from the key table.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/tui/lib.sh"

ok "$T" demo film
DB=$WORK/film/takeboard.db
start "$DB"
wait_for "Saltwater"
wait_for "usage 0.30%"
wait_for "EXT. HARBOUR WALL - DAWN"
wait_for "The harbour at first light"
# Down two scenes: scene 3's shots show.
keys j j
wait_for "The cliff path, wind flattening the grass"
# Into the shots, down one, open it.
keys Tab j Enter
wait_for "Shot 3B (scene 3)"
wait_for "VARIANT"
wait_for "Ines leaning into the wind. WS shot"
# The tree: v2 derives from v1.
screen | grep -q "└v2" || fail "no variant tree"
# D: word diff against the parent.
keys j D
wait_for "WORD DIFF"
keys q
wait_for "Board: 8 scenes"
# Help comes from the key table.
keys ?
wait_for "Keys of the board view:"
wait_for "move the scene or shot down"
keys q
wait_for "Board: 8 scenes"
quit
exit 0
