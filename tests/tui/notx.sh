#!/bin/sh
# The interface never holds a transaction while it waits for the user:
# with a line prompt, a picker, a confirmation, the ':' command line or
# $EDITOR open, another process can write at once, with a busy timeout
# of 0 (any lock the interface held would make it fail).
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/tui/lib.sh"

ok "$T" init --title "No transaction"
DB=$WORK/takeboard.db
ok "$T" scene add "INT. WAITING ROOM"
ok "$T" shot add 1 "the clock"
ok "$T" prompt add 1A "a clock on the wall"
ok "$T" take add 1A --seconds 4
ok "$T" take add 1A --seconds 4
ok "$T" take reject 1 --reason morphing
cat > "$WORK/ed.sh" <<EOF
#!/bin/sh
touch "$WORK/editor-open"
while [ ! -f "$WORK/editor-go" ]; do sleep 0.05; done
echo "a clock, later" > "\$1"
EOF
chmod 755 "$WORK/ed.sh"

n=0
# write WHAT: a change from the command line must go through now.
write() {
	run env TAKEBOARD_BUSY_TIMEOUT=0 "$T" -f "$DB" scene add "while $1"
	[ "$RC" -eq 0 ] || fail "a write while the interface waits in $1: $ERR"
	n=$((n + 1))
}

TB_ENV="EDITOR=$WORK/ed.sh" start "$DB"
wait_for "Board:"
# The line prompt of a new scene.
keys a
wait_for "New scene heading"
write "the scene heading prompt"
keys Escape
# The ':' command line.
keys :
sleep 0.3
write "the command line"
keys Escape
# Review: the keep in/out prompt, the reject reasons picker.
keys R
wait_for "Review the production"
keys k
wait_for "Keep: in-out"
write "the keep prompt"
keys Escape
keys x
wait_for "Reject reasons"
write "the reasons picker"
keys Escape
keys q
wait_for "Board:"
# A confirmation: delete a scene.
keys d
wait_for "Delete scene"
write "a delete confirmation"
keys n
# $EDITOR: a new prompt variant from the shot view.
keys Tab Enter
wait_for "Shot 1A"
keys a
i=0
until [ -f "$WORK/editor-open" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the editor did not start"
	sleep 0.1
done
write "the editor"
touch "$WORK/editor-go"
until_db "prompt list 1A --json" "a clock, later"
keys q
wait_for "Board:"
quit
ok "$T" -f "$DB" scene list --json
json "len([s for s in j if s['heading'].startswith('while ')]) == $n"
echo "no transaction across input: $n writes went through while the interface waited"
exit 0
