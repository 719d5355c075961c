#!/bin/sh
# Terminal behaviour: hostile text from the database is shown with
# visible placeholders, never obeyed; NO_COLOR, --no-color and a plain
# vt100 in a C locale work without colour and without garbage; SIGTERM,
# SIGHUP and Ctrl-C leave cleanly with status 0.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/tui/lib.sh"

ok "$T" init --title "$(printf 'Evil\033]0;pwned\007 film')"
DB=$WORK/takeboard.db
ok "$T" scene add "$(printf 'EXT. ROAD\033[2J - DAY\r\bX \342\200\256txet')"
ok "$T" shot add 1 "$(printf 'desc \033[31mred\033[0m')"

# A new tmux server each time (a killed one may still be going away).
n=0
restart() {
	server_down
	n=$((n + 1))
	TM="tmux -L $TMUX_SOCK-$n -f /dev/null"
	start "$@"
}

start "$DB"
wait_for "Evil^[]0;pwned^G film"
wait_for "EXT. ROAD^[[2J - DAY^M^HX"
$TM capture-pane -p -e -t main > "$WORK/raw"
grep -q "$(printf '\342\200\256')" "$WORK/raw" &&
    fail "a bidi control reached the terminal"
keys Tab
wait_for "desc ^[[31mred^[[0m"
quit

has_colour() {
	$TM capture-pane -p -e -t main | grep -q "$(printf '\033')\[3[0-7]m"
}

# NO_COLOR
TB_ENV="NO_COLOR=1" restart "$DB"
wait_for "EXT. ROAD"
has_colour && fail "colour although NO_COLOR is set"
quit
# --no-color
TB_ARGS="--no-color" restart "$DB"
wait_for "EXT. ROAD"
has_colour && fail "colour with --no-color"
quit
# vt100 in the C locale: no colour, non-ASCII drawn as '?'.
TB_TERM=vt100 TB_ENV="LC_ALL=C" restart "$DB"
wait_for "EXT. ROAD"
wait_for "takes 0"
quit

# Signals: SIGTERM and SIGHUP end it with status 0.
for sig in TERM HUP INT; do
	restart "$DB"
	wait_for "EXT. ROAD"
	pkill "-$sig" -f "$T -f $DB" || fail "no takeboard to signal"
	wait_for "takeboard exited: 0"
done
exit 0
