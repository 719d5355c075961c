#!/bin/sh
# SPDX-License-Identifier: ISC
# HTTP hardening against the loopback mock (tests/stub/mockbad.py): a
# redirect to file:// is refused; a chain of 11 redirects is refused (5
# pass: the limit in http.c); a stalled body is aborted within
# low_speed_time + 5 s; a clip without Content-Length is cut at max_size
# and a poll answer without one at the 1 MiB cap; a redirect to another
# host carries no credential (Authorization, gemini's x-goog-api-key);
# plain http to a host other than the
# loopback is refused even with allow_http; a self-signed certificate is
# refused; the sources never turn verification off or on VERBOSE.
. "$TESTS_DIR/cli/gen-lib.sh"

MOCK_SCRIPT=$TESTS_DIR/stub/mockbad.py
KEY=sk-http-canary-5d1c0e
OPENAI_API_KEY=$KEY
export OPENAI_API_KEY
passed=0

# start SCENARIO [EXTRA]: a fresh mock and configuration.
start() {
	[ -n "${MOCK_PID:-}" ] && unmock
	: >"$WORK/mock.log"
	mock "$1"
	cat >"$CONF" <<CONF
allow_http = loopback
poll_interval = 0.05
retry_base = 0.05
retry_cap = 1
attempts = 1
low_speed_time = 2
[backend openai]
base_url = $BASE/v1
${2:-}
CONF
	chmod 600 "$CONF"
}

# take_run: submit one take and follow it; $TAKE is its number.
take_run() {
	ok "$T" gen 4A/v1 --yes
	TAKE=$(printf '%s\n' "$OUT" | sed -n 's/^take \([0-9]*\) queued$/\1/p')
	[ -n "$TAKE" ] || fail "no take submitted"
	ok "$T" sync --watch
}

pass() {
	passed=$((passed + 1))
	echo "ok $passed - $1"
}

# 1. A redirect of the clip to file:// is refused; nothing is kept.
start redir-file
take_run
has "take $TAKE 4/4A: failed: download: openai: refusing a URL that is not https"
[ -z "$(ls takes/4/4A/ 2>/dev/null | grep "t0000$TAKE")" ] ||
    fail "a file was left for a refused download"
pass "redirect to file:// refused"

# 2. Eleven redirects are refused after the fifth; five are followed.
start redir-chain:11
take_run
has "take $TAKE 4/4A: failed: download: openai: HTTP 302, then too many redirects"
[ "$(grep -c '^GET /hop/' "$WORK/mock.log")" -eq 5 ] ||
    fail "not exactly 5 redirects followed"
start redir-chain:5
take_run
has "take $TAKE 4/4A: done"
pass "chain of 11 redirects refused (limit 5)"

# 3. A body that stops is aborted within low_speed_time (2) + 5 s; sync
# says the job could not go on (exit 1).
start stall
ok "$T" gen 4A/v1 --yes
TAKE=$(printf '%s\n' "$OUT" | sed -n 's/^take \([0-9]*\) queued$/\1/p')
[ -n "$TAKE" ] || fail "no take submitted"
stalled "$T" sync --watch
has "take $TAKE 4/4A: downloading: left for the next sync"
stall=$(grep ' /v1/videos/.*/content ' "$WORK/mock.log" | head -n 2 |
    sed 's/.* t=//' | awk 'NR == 1 { a = $1 } NR == 2 { printf "%.1f", $1 - a }')
[ -n "$stall" ] || fail "the stalled download was not tried again"
awk -v s="$stall" 'BEGIN { exit !(s >= 2 && s <= 7.5) }' ||
    fail "stalled body aborted after $stall s"
pass "stalled body aborted after $stall s (limit 2 s + 5 s)"

# 4. A clip without Content-Length stops at max_size, not at its end.
start nolength "max_size = 1000000"
take_run
has "take $TAKE 4/4A: failed: openai: the clip is larger than max_size \(1000000 bytes\)"
[ -z "$(find takes -name '*.part')" ] || fail "a .part was left behind"
unmock
grep -q '^client closed' "$WORK/mock.log" ||
    fail "the whole 30 MB body was read"
# ... and a poll answer without one stops at the 1 MiB cap.
start poll-nolength
take_run
has "take $TAKE 4/4A: failed: openai: HTTP 200, then the answer is larger than allowed"
pass "bodies without Content-Length cut at the cap"

# 5. A redirect to another host (127.0.0.1 -> localhost) drops the key.
start cross-host
take_run
has "take $TAKE 4/4A: done"
grep -q '^GET /v1/videos/[^ ]*/content keys=Authorization ' "$WORK/mock.log" ||
    fail "the first host did not get the key"
grep -q '^GET /asset/x.mp4 keys=none ' "$WORK/mock.log" ||
    fail "the key followed the redirect to another host"
# The same for gemini, whose key travels in x-goog-api-key and goes
# with the download to the API's own host.
GEMINI_API_KEY=$KEY
export GEMINI_API_KEY
: >"$WORK/mock.log"
printf '[backend gemini]\nbase_url = %s\n' "$BASE" >>"$CONF"
ok "$T" gen 4A/v1 --backend gemini --yes
TAKE=$(printf '%s\n' "$OUT" | sed -n 's/^take \([0-9]*\) queued$/\1/p')
ok "$T" sync --watch
has "take $TAKE 4/4A: done"
grep -q '^GET /v1beta/files/x:download keys=x-goog-api-key ' "$WORK/mock.log" ||
    fail "the gemini download on the API's host went without its key"
[ "$(grep -c '^GET /asset/x.mp4 keys=none ' "$WORK/mock.log")" -eq 1 ] ||
    fail "x-goog-api-key followed the redirect to another host"
grep -q 'keys=.*[Aa]uthorization.*x-goog\|^GET /asset/.*keys=x-goog' \
    "$WORK/mock.log" && fail "a key went where it should not"
pass "redirect to another host carries no credential (Authorization, x-goog-api-key)"

# 6. Plain http only to the loopback, and only when allowed.
start cross-host
sed -i "s|^base_url = .*|base_url = http://192.0.2.1/v1|" "$CONF"
ok "$T" gen 4A/v1 --yes
has 'failed: openai: refusing a plain http URL'
start cross-host
sed -i 's/^allow_http = loopback$/allow_http = no/' "$CONF"
ok "$T" gen 4A/v1 --yes
has 'failed: openai: refusing a plain http URL'
[ ! -s "$WORK/mock.log" ] || fail "a refused request was sent"
pass "plain http refused unless loopback and allowed"

# 7. https with a self-signed certificate is refused before any request.
if command -v openssl >/dev/null 2>&1 &&
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1; then
	unmock
	: >"$WORK/mock.log"
	rm -f "$WORK/port"
	python3 "$MOCK_SCRIPT" --port-file "$WORK/port" --scenario cross-host \
	    --tls "$WORK/cert.pem,$WORK/key.pem" --log "$WORK/mock.log" \
	    >"$WORK/mock.out" 2>&1 &
	MOCK_PID=$!
	i=0
	while [ ! -s "$WORK/port" ]; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "the TLS mock did not start"
		sleep 0.05
	done
	sed -i "s|^base_url = .*|base_url = https://127.0.0.1:$(cat "$WORK/port")/v1|" \
	    "$CONF"
	stalled "$T" gen 4A/v1 --yes
	has 'left for the next sync .*(certificate|SSL)'
	[ ! -s "$WORK/mock.log" ] || fail "a request passed a bad certificate"
	pass "self-signed certificate refused"
else
	echo "# skip: no openssl to make a self-signed certificate"
fi

# 8. The sources never switch verification off or turn on VERBOSE.
src=$TESTS_DIR/../src
grep -rnE 'SSL_VERIFY(PEER|HOST), *0|CURLOPT_VERBOSE|CURLOPT_FOLLOWLOCATION, *1' \
    "$src" --include='*.c' && fail "TLS verification weakened or VERBOSE on"
grep -q 'CURLOPT_SSL_VERIFYPEER, 1L' "$src/api/http.c" ||
    fail "http.c does not set VERIFYPEER"
pass "verification on, no VERBOSE, no automatic redirects (code check)"

grep -rq "$KEY" "$WORK/takeboard.db"* "$WORK/takes" "$WORK/mock.log" \
    2>/dev/null && fail "the key was stored"
unmock
echo "http hardening: $passed passed, 0 failed"
exit 0
