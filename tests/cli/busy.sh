#!/bin/sh
# A busy database: while another process holds the write lock, a write
# gives up after TAKEBOARD_BUSY_TIMEOUT with a clear message and changes
# nothing; with a longer timeout it waits and succeeds; reads still work.
. "$TESTS_DIR/cli/lib.sh"

[ -x "$HELPERS/dbhold" ] || exit 77

ok "$T" init
ok "$T" scene add "INT. KITCHEN - DAY"
ok "$T" shot add 1 "kettle"

HOLDER=""
# hold SECONDS: start dbhold in the background and wait until it has the lock.
hold() {
	rm -f "$WORK/hold.out"
	"$HELPERS/dbhold" "$WORK/takeboard.db" "$1" >"$WORK/hold.out" 2>"$WORK/hold.err" &
	HOLDER=$!
	i=0
	until grep -q '^locked$' "$WORK/hold.out" 2>/dev/null; do
		kill -0 "$HOLDER" 2>/dev/null ||
		    fail "dbhold ended before locking: $(cat "$WORK/hold.err")"
		i=$((i + 1))
		[ "$i" -lt 500 ] || fail "dbhold did not lock within 5 s"
		sleep 0.01 2>/dev/null || sleep 1
	done
}
# stop: end the holder now (its transaction is simply dropped).
stop() {
	kill "$HOLDER" 2>/dev/null
	wait "$HOLDER" 2>/dev/null
	HOLDER=""
}
# release: wait for the holder to end.
release() {
	wait "$HOLDER" || fail "dbhold failed: $(cat "$WORK/hold.err")"
	HOLDER=""
}
trap '[ -n "$HOLDER" ] && kill "$HOLDER" 2>/dev/null; chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM

before=$(state)

# ----------------------------------------------------- give up, change nothing
# A long hold, ended by the test itself, so a slow machine cannot let
# the lock go before the checks are done.
hold 120
TAKEBOARD_BUSY_TIMEOUT=200
export TAKEBOARD_BUSY_TIMEOUT
start=$(date +%s)
run "$T" scene add "EXT. STREET"
end=$(date +%s)
[ "$RC" -eq 1 ] || fail "a write on a locked database: expected exit 1, got $RC"
printf '%s\n' "$ERR" | head -n 1 | grep -q '^takeboard: .*busy' ||
    fail "the message does not say the database is busy: $ERR"
[ -z "$OUT" ] || fail "a failed write printed to stdout"
[ $((end - start)) -le 4 ] || fail "gave up after $((end - start)) s, not 0.2 s"
for cmd in "shot add 1 x" "production --title X" "take add 1A" "scene rm 1 --force"; do
	# shellcheck disable=SC2086
	run "$T" $cmd
	[ "$RC" -eq 1 ] || fail "$cmd on a locked database: expected exit 1, got $RC"
	printf '%s\n' "$ERR" | grep -q 'busy' || fail "$cmd: no 'busy' message: $ERR"
done

# A clip import that cannot start its change leaves no file behind and,
# with --move, keeps the original.
"$HELPERS/mkmp4" "$WORK/clip.mp4" 4 || exit 99
run "$T" take add 1A --move "$WORK/clip.mp4"
[ "$RC" -eq 1 ] || fail "take add on a locked database: expected exit 1, got $RC"
printf '%s\n' "$ERR" | grep -q 'busy' || fail "take add: no 'busy' message: $ERR"
[ -f "$WORK/clip.mp4" ] || fail "a failed take add --move removed the original"
[ -z "$(find "$WORK/takes" -type f)" ] || fail "a failed take add left files: $(find "$WORK/takes" -type f)"

# Reading works while the lock is held.
ok "$T" scene list --json
json "[s['code'] for s in j] == ['1']"
ok "$T" scene list
has 'INT\. KITCHEN - DAY'
ok "$T" stats --json
ok "$T" log --json
kill -0 "$HOLDER" 2>/dev/null || fail "dbhold let go before the checks ended"
stop

[ "$(state)" = "$before" ] || fail "a refused write changed the production"
ok "$T" scene add "EXT. STREET"
has '^scene 2 added'

# ----------------------------------------------------- wait and succeed
hold 1
TAKEBOARD_BUSY_TIMEOUT=5000
kill -0 "$HOLDER" 2>/dev/null || fail "dbhold let go too early"
ok "$T" scene add "INT. CAR"
has '^scene 3 added'
# The holder must have let go first: it is done (or about to be).
release
ok "$T" scene list --json
json "[s['code'] for s in j] == ['1', '2', '3']"

exit 0
