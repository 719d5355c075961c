#!/bin/sh
# Changing the production from the interface: edit a shot's field in
# the line editor (with UTF-8 text), reorder shots with J, add a scene,
# run a ':' command, search with / and n, filter by status.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/tui/lib.sh"

ok "$T" demo film
DB=$WORK/film/takeboard.db
cd film || exit 99
start "$DB"
wait_for "Saltwater"

# Edit 1A's description: e, pick "description", replace the text.
keys Tab e
wait_for "Edit shot 1A"
keys Enter
wait_for "Description:"
keys C-u
text "Le port à l'aube, 港 and 🌅"
keys Enter
until_db "shot show 1A --json" "港 and 🌅"
wait_for "港 and 🌅"

# Reorder: J moves 1A below 1B.
keys J
until_db "shot list 1 --json" '"code":[[:space:]]*"1B"'
ok "$T" shot list 1 --json
json '[s["code"] for s in j] == ["1B", "1A", "1C", "1D"]'

# Status of the selected shot.
keys s
wait_for "Status"
keys g j j j Enter
until_db "shot show 1A --json" '"status":[[:space:]]*"approved"'

# A ':' command runs takeboard itself on this production.
keys :
wait_for ":"
text 'scene add "INT. BOATHOUSE - NIGHT" --synopsis "A new scene"'
keys Enter
wait_for "scene 9 added"
until_db "scene list --json" "BOATHOUSE"
wait_for "INT. BOATHOUSE - NIGHT"
# ... and a failing one shows its error.
keys :
text 'shot status 1A nonsense'
keys Enter
wait_for "bad status 'nonsense'"

# Search the shots: /compass finds 1C; Enter opens it.
keys /
text compass
keys Enter
keys Enter
wait_for "Shot 1C (scene 1)"
keys q
wait_for "Board: 9 scenes"

# Filter: only planned shots; scene 1 has none.
keys f
wait_for "Show shots with status"
keys g j Enter
wait_for "[status planned]"
wait_for "No shots match the filter"
keys f g Enter
wait_gone "[status planned]"
quit
exit 0
