#!/bin/sh
# SPDX-License-Identifier: ISC
# The configuration file that holds keys: used at 0600; keys refused
# when group or others can read it; the whole file refused when group
# or others can change it or another user owns it (also through a
# symlink), as ssh does. And a process holding a key makes no core dump:
# RLIMIT_CORE 0 and not dumpable, read from /proc of a running
# `sync --watch`, then a SIGSEGV that leaves no core file.
. "$TESTS_DIR/cli/gen-lib.sh"

MOCK_SCRIPT=$TESTS_DIR/stub/mockbad.py
KEY=sk-secrets-canary-90ab
unset OPENAI_API_KEY
ok_n=0
all=0

# conf MODE: the configuration with a key, at MODE.
conf() {
	rm -f "$CONF"
	cat >"$CONF" <<CONF
allow_http = loopback
[backend openai]
base_url = $BASE/v1
key = $KEY
CONF
	chmod "$1" "$CONF"
}

# expect WHAT PATTERN: gen must fail with a message matching PATTERN
# (or succeed when PATTERN is "ok").
expect() {
	all=$((all + 1))
	run "$T" gen 4A/v1 --yes
	if [ "$2" = ok ]; then
		[ "$RC" -eq 0 ] || fail "$1: refused: $ERR"
	else
		[ "$RC" -eq 1 ] && printf '%s\n' "$ERR" | grep -Eq -- "$2" ||
		    fail "$1: not refused as expected (exit $RC): $ERR"
	fi
	ok_n=$((ok_n + 1))
}

mock running
conf 600
expect "0600" ok
ok "$T" cancel "$(printf '%s\n' "$OUT" | sed -n 's/^take \([0-9]*\) queued$/\1/p')"
for m in 640 644 604; do
	conf $m
	expect "0$m" "refusing to read keys from .*readable by group or others"
done
for m in 660 666 620 602 622; do
	conf $m
	expect "0$m" "refusing to read .*group or others may change it"
done
others="skipped (not root: cannot give a file to another user)"
if [ "$(id -u)" -eq 0 ]; then
	conf 600
	chown 65534 "$CONF"
	expect "owned by 65534" "refusing to read .*belongs to user 65534, not to you"
	mv "$CONF" "$WORK/foreign"
	ln -s "$WORK/foreign" "$CONF"
	expect "symlink to another user's file" "belongs to user 65534"
	rm -f "$CONF" "$WORK/foreign"
	others="tested"
fi
echo "key file: $ok_n/$all behave as specified (other owner: $others)"

# A running sync with a key: RLIMIT_CORE 0, not dumpable, no core.
conf 600
run "$T" gen 4A/v1 --yes
[ "$RC" -eq 0 ] || fail "gen: $ERR"
ulimit -c unlimited 2>/dev/null || :
"$T" sync --watch >"$WORK/sync.out" 2>&1 &
SYNC=$!
i=0
until grep -q '^GET /v1/videos/' "$WORK/mock.log"; do
	i=$((i + 1))
	[ $i -lt 100 ] || { kill $SYNC; fail "sync --watch did not poll"; }
	sleep 0.05
done
core=$(awk '/^Max core file size/ { print $5 " " $6 }' /proc/$SYNC/limits)
[ "$core" = "0 0" ] || { kill $SYNC; fail "core limit of sync: $core"; }
if [ "$(id -u)" -ne 0 ]; then
	# Not dumpable: /proc/PID/environ belongs to root (or, in a user
	# namespace, to whoever root maps to), not to us.
	[ "$(stat -c %u /proc/$SYNC/environ)" -ne "$(id -u)" ] ||
	    { kill $SYNC; fail "sync --watch is dumpable"; }
	dumpable="not dumpable (/proc/PID/environ not owned by us)"
else
	dumpable="dumpability not checked (root, no setpriv)"
fi
kill -SEGV $SYNC
{ wait $SYNC; } 2>/dev/null
[ -z "$(ls "$WORK" | grep '^core')" ] || fail "a core file was written"
# The same signal to a process without a key does leave a core here?
(sleep 5 & p=$!; kill -SEGV $p; wait $p) 2>/dev/null

# As root, dumpability shows only in a process of another user: run a
# second production's sync as nobody (65534), and a keyless control.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	NB=$WORK/nb
	chmod 711 "$WORK"
	mkdir -p "$NB/cfg/takeboard"
	conf 600
	cp "$CONF" "$NB/cfg/takeboard/config"
	chown -R 65534:65534 "$NB"
	nobody() {
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		    env HOME="$NB" XDG_CONFIG_HOME="$NB/cfg" "$@"
	}
	nobody sh -c "cd '$NB' && '$T' init --title N && '$T' scene add X \
	    --code 1 && '$T' shot add 1 d && '$T' prompt add 1A p \
	    --label v1 && '$T' gen 1A/v1 --yes" >"$WORK/nb.out" 2>&1 ||
	    fail "cannot prepare a production as nobody: $(cat "$WORK/nb.out")"
	: >"$WORK/mock.log"
	setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$NB" \
	    XDG_CONFIG_HOME="$NB/cfg" "$T" -f "$NB/takeboard.db" \
	    sync --watch >/dev/null 2>&1 &
	SYNC=$!
	setpriv --reuid=65534 --regid=65534 --clear-groups sleep 30 &
	CTRL=$!
	i=0
	until grep -q '^GET /v1/videos/' "$WORK/mock.log"; do
		i=$((i + 1))
		[ $i -lt 100 ] || { kill $SYNC $CTRL; fail "no poll as nobody"; }
		sleep 0.05
	done
	grep -q '^Uid:.*65534' /proc/$SYNC/status ||
	    { kill $SYNC $CTRL; fail "sync does not run as nobody"; }
	env_owner=$(stat -c %u /proc/$SYNC/environ)
	ctrl_owner=$(stat -c %u /proc/$CTRL/environ)
	kill $SYNC $CTRL
	{ wait $SYNC $CTRL; } 2>/dev/null
	[ "$ctrl_owner" -eq 65534 ] ||
	    fail "control: /proc/PID/environ of nobody's sleep owned by $ctrl_owner"
	[ "$env_owner" -ne 65534 ] ||
	    fail "sync --watch with a key is dumpable (environ owned by $env_owner)"
	dumpable="not dumpable (as nobody: /proc/PID/environ owned by root, a keyless control's by nobody)"
fi
if ls "$WORK" | grep -q '^core'; then
	control="a keyless process did dump core here"
	rm -f "$WORK"/core*
else
	control="no core from a keyless process either (core_pattern)"
fi
echo "core dumps: RLIMIT_CORE $core, $dumpable, no core after SIGSEGV ($control)"
unmock
exit 0
