# SPDX-License-Identifier: ISC
# Shared by the interface tests: each test runs takeboard inside its own
# tmux server (private socket, no user config, fixed size), types keys
# with send-keys and reads the screen with capture-pane, polling rather
# than sleeping. Sourced after tests/cli/lib.sh.

command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed" >&2; exit 77; }
TMUX_SOCK="tb-test-$$"
TM="tmux -L $TMUX_SOCK -f /dev/null"
trap 'server_down; chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
unset TMUX

# tb_pids: the takeboard processes running in this server's panes.
tb_pids() {
	for pp in $($TM list-panes -a -F '#{pane_pid}' 2>/dev/null); do
		pgrep -P "$pp" -x takeboard
	done
}

# server_down: end each takeboard still running (SIGTERM, as a user's
# kill would), wait until it has gone, then stop the tmux server.
# Killing the server first hangs up the terminal under a takeboard that
# may be exiting: the hangup's SIGCONT can undo the stop that a
# sanitizer build's leak check at exit waits for, and that process then
# spins for ever, slowing every test after it. One still there after
# 10 s is killed.
server_down() {
	for pid in $(tb_pids); do
		kill -TERM "$pid" 2>/dev/null
	done
	i=0
	while [ $i -lt 100 ] && [ -n "$(tb_pids)" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	for pid in $(tb_pids); do
		kill -KILL "$pid" 2>/dev/null
	done
	$TM kill-server 2>/dev/null
}

# start DB [COLS ROWS]: open takeboard on DB in a new tmux session.
# When takeboard ends, its status is printed at the start of a fresh
# line: after a SIGKILL the terminal is left raw with the cursor
# anywhere, and a status printed there could wrap across two lines.
start() {
	$TM new-session -d -s main -x "${2:-120}" -y "${3:-32}" \
	    "env TERM=${TB_TERM:-screen} LC_ALL=C.UTF-8 TAKEBOARD_NOW=$TAKEBOARD_NOW USER=$USER ${TB_ENV:-} $T -f '$1' ${TB_ARGS:-}; rc=\$?; stty sane -echo 2>/dev/null; printf '\\r\\ntakeboard exited: %s\\r\\n' \$rc; sleep 600" ||
	    exit 99
}

# quit: press q and check that takeboard left with status 0.
quit() {
	keys q
	wait_for "takeboard exited: 0"
}

screen() {
	$TM capture-pane -p -t "${1:-main}"
}

# wait_for TEXT [PANE]: until TEXT is on the screen (10 s at most).
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		screen "${2:-main}" | grep -F -q -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "--- screen:" >&2
	screen "${2:-main}" >&2
	fail "'$1' did not appear"
}

# wait_gone TEXT: until TEXT is no longer on the screen.
wait_gone() {
	i=0
	while [ $i -lt 100 ]; do
		screen | grep -F -q -- "$1" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	screen >&2
	fail "'$1' did not go away"
}

# keys KEY...: type keys (tmux key names: Enter, Escape, Tab, Up, ...).
keys() {
	$TM send-keys -t main "$@"
}

# text STRING: type a literal string.
text() {
	$TM send-keys -t main -l -- "$1"
}

# until_db CMD PATTERN: poll a takeboard command until its output
# matches PATTERN (the interface writes within a moment).
until_db() {
	i=0
	while [ $i -lt 50 ]; do
		"$T" -f "$DB" $1 2>&1 | grep -E -q -- "$2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	"$T" -f "$DB" $1 >&2
	fail "'takeboard $1' never matched /$2/"
}
