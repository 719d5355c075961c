#!/bin/sh
# Crash safety of the interface: takeboard is killed with SIGKILL at a
# random moment while keys give verdicts and ratings in the review view,
# TB_TUI_CRASH_CYCLES times (15 by default). After every kill the
# database passes its integrity check, and every take's verdict is the
# one its last logged change says (a verdict and its log entry are one
# transaction: never one without the other).
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/tui/lib.sh"

CYCLES=${TB_TUI_CRASH_CYCLES:-15}
command -v python3 >/dev/null 2>&1 || exit 77
ok "$T" demo film
DB=$WORK/film/takeboard.db
cd film || exit 99
first=$(python3 -c 'import sqlite3,sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT max(id) FROM event").fetchone()[0])' "$DB")

# consistent: each take's verdict is that of its last verdict event
# since the test began, or what the demo gave it.
cat >"$WORK/consistent.py" <<'EOP'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
if c.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
    sys.exit("integrity_check failed")
first = int(sys.argv[2])
base = dict(l.split("|") for l in open(sys.argv[3]).read().split())
last = {}
for obj, action in c.execute(
        "SELECT object, action FROM event WHERE id > ? AND action IN "
        "('keep', 'reject', 'maybe') ORDER BY id", (first,)):
    last[obj.split()[1]] = action
for tid, verdict in c.execute("SELECT id, verdict FROM take"):
    want = last.get(str(tid), base.get(str(tid)))
    if verdict != want:
        sys.exit("take %s is %s, its log says %s" % (tid, verdict, want))
print(len(last))
EOP
python3 -c 'import sqlite3,sys
for i, v in sqlite3.connect(sys.argv[1]).execute("SELECT id, verdict FROM take"):
	print("%d|%s" % (i, v))' "$DB" >"$WORK/base"

# A second session keeps the tmux server up between the cycles: when
# the last session is killed the server exits, and a new session made
# while it is still going away can go down with it.
$TM new-session -d -s keep "sleep 3600" || exit 99

cycle=0
changed=0
while [ $cycle -lt "$CYCLES" ]; do
	cycle=$((cycle + 1))
	start "$DB"
	wait_for "Saltwater"
	keys R
	wait_for "Review the production"
	pp=$($TM list-panes -t main -F '#{pane_pid}')
	pid=$(pgrep -P "$pp" -x takeboard | head -n 1)
	[ -n "$pid" ] || fail "no takeboard process"
	# A burst of verdicts and ratings, typed over about half a second
	# so that the kill lands somewhere in it on any machine.
	(
		for k in m 3 x Space Enter m 5 m x Space Enter 2 m m x Space \
		    Enter m; do
			keys "$k"
			sleep 0.02
		done
	) &
	typist=$!
	sleep "0.$(awk -v s="$cycle" 'BEGIN { srand(s); printf "%02d", int(rand() * 50) }')"
	kill -9 "$pid" 2>/dev/null
	wait "$typist"
	wait_for "takeboard exited: 137"
	$TM kill-session -t main
	changed=$(python3 "$WORK/consistent.py" "$DB" "$first" "$WORK/base") ||
	    fail "after kill $cycle: $changed"
done
[ "$changed" -gt 0 ] || fail "no verdict was ever saved before a kill"
echo "interface crash: $CYCLES SIGKILLs during review, $changed takes changed, 0 inconsistencies" >&2
exit 0
