#!/bin/sh
# SPDX-License-Identifier: ISC
# The replicate backend against the loopback mock (tests/stub/mockgen2.py):
# models and durations refused before any request; a prediction polled
# from starting through processing (progress read from the logs) to
# succeeded, its output (a list of URLs, or one URL) fetched without
# credentials, its expiry one hour after creation; "owner/name:version"
# through POST /v1/predictions; a failed prediction; 429 with
# Retry-After; 401 with the token echoed (scrubbed); a malformed answer;
# an expired output (renewed by a new poll); a lost submission found
# again through the list; a forged id; cancel.
. "$TESTS_DIR/cli/gen-lib.sh"
MOCK_SCRIPT=$TESTS_DIR/stub/mockgen2.py

KEY=r8_canary_3c5e7a9b1d
REPLICATE_API_TOKEN=$KEY
export REPLICATE_API_TOKEN

# start SCENARIO: a fresh mock and a configuration pointing at it.
start() {
	[ -n "${MOCK_PID:-}" ] && unmock
	: >"$WORK/mock.log"
	mock "$1"
	cat >"$CONF" <<CONF
allow_http = loopback
poll_interval = 0.05
retry_base = 0.05
retry_cap = 3
backend = replicate
[backend replicate]
base_url = $BASE
CONF
	chmod 600 "$CONF"
}

nokey() {
	grep -rq "$KEY" "$WORK/takeboard.db"* "$WORK/.out" "$WORK/.err" &&
	    fail "the key leaked ($1)"
	:
}

start happy
bad 1 'minimax/video-01 does not offer 8 s clips \(allowed: 6\)' \
    "$T" gen 4A/v1 --seconds 8 --yes
bad 1 'kwaivgi/kling-v2.1-master does not offer 6 s clips \(allowed: 5, 10\)' \
    "$T" gen 4A/v1 --model kwaivgi/kling-v2.1-master --seconds 6 --yes
bad 1 "replicate needs a model such as minimax/video-01 or owner/name:version \(got 'veo'\)" \
    "$T" gen 4A/v1 --model veo --yes
bad 1 "got 'a/b/../c'" "$T" gen 4A/v1 --model a/b/../c --yes
bad 1 "got 'a/b:xyz'" "$T" gen 4A/v1 --model a/b:xyz --yes
[ ! -s "$WORK/mock.log" ] || fail "a refused request was sent"

# The happy path: a list of output URLs.
ok "$T" gen 4A/v1 --yes
has 'Submit 1 take of 4A/v1 to replicate minimax/video-01 \(6 s\): estimated cost 0.50 USD'
ok "$T" sync --watch
has 'take 1 4/4A: done'
[ "$(wc -c < takes/4/4A/4A-t00001.mp4)" -eq 204812 ] || fail "clip size"
grep -q '^POST /v1/models/minimax/video-01/predictions auth=yes$' \
    "$WORK/mock.log" || fail "no predictions call with the key"
grep -q '^GET /v1/predictions/[a-z0-9]* auth=yes$' "$WORK/mock.log" ||
    fail "no poll"
grep -q '^GET /asset/.* auth=no$' "$WORK/mock.log" ||
    fail "credentials went with the output URL"
ok "$T" take show 1 --json
json 'j["status"] == "ready" and j["seconds"] == 6 and abs(j["cost"] - 0.5) < 0.0001'
# Replicate deletes outputs an hour after creation.
exp=$(sql "SELECT expires_at FROM job WHERE take_id = 1")
now=$(date +%s)
[ "$exp" -gt $((now + 3000)) ] && [ "$exp" -le $((now + 3600)) ] ||
    fail "expires_at $exp is not an hour after creation (now $now)"

# One output URL (a string), a duration sent, progress from the logs.
ok "$T" gen 4A/v1 --model kwaivgi/kling-v2.1-master --seconds 10 --yes
ok "$T" sync --watch
has 'take 2 4/4A: done'
ok "$T" gen 4A/v1 --model google/veo-3-fast --seconds 8 --yes
ok "$T" sync
ok "$T" sync
ok "$T" jobs --json
json 'j[0]["take"] == 3 and j[0]["progress"] == 66'
ok "$T" sync --watch
has 'take 3 4/4A: done'

# A model version goes through POST /v1/predictions.
V=5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa
run "$T" gen 4A/v1 --model "someone/video:$V" --yes
[ "$RC" -eq 0 ] || fail "a model version was refused"
[ "$ERR" = "takeboard: warning: someone/video:$V is not a model replicate documents; passing it through unchecked" ] ||
    fail "no warning for an unknown model: $ERR"
ok "$T" sync --watch
has 'take 4 4/4A: done'
grep -q '^POST /v1/predictions auth=yes$' "$WORK/mock.log" ||
    fail "a version did not go to /v1/predictions"

start fail
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 5 4/4A: failed: replicate: generation failed: The input or output was flagged as sensitive'

start retry
ok "$T" gen 4A/v1 --yes
has 'take 6 4/4A: queued'
ok "$T" sync --watch
has 'take 6 4/4A: done'
[ "$(grep -c '^POST ' "$WORK/mock.log")" -eq 2 ] ||
    fail "a 429 submit was not retried exactly once"

start auth
ok "$T" gen 4A/v1 --yes
has 'take 7 4/4A: failed: replicate: HTTP 401 Unauthenticated: You did not pass a valid authentication token \(got \[key\]\)'
nokey auth
[ "$(grep -c '^POST ' "$WORK/mock.log")" -eq 1 ] || fail "401 was retried"

start malformed
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 8 4/4A: failed: replicate: the answer has no prediction id or status'

start expired
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 9 4/4A: done'
[ "$(grep -c '^GET /asset/' "$WORK/mock.log")" -eq 2 ] ||
    fail "the expired output was not renewed"

start postdrop
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 10 4/4A: done'
[ "$(grep -c '^POST ' "$WORK/mock.log")" -eq 1 ] ||
    fail "an ambiguous submission was sent again"
grep -q '^GET /v1/predictions auth=yes$' "$WORK/mock.log" ||
    fail "no reconciliation through the list"

sql "INSERT INTO take (shot_id, prompt_id, status, backend, cost, created, created_by) VALUES (1, 1, 'generating', 'replicate', 0, 'x', 'tester')" >/dev/null
sql "INSERT INTO job (take_id, state, request_json, remote_id, backend, created, updated) VALUES (11, 'queued', '{\"prompt\":\"p\",\"seconds\":6}', 'abc/../../x', 'replicate', 'x', 'x')" >/dev/null
: >"$WORK/mock.log"
ok "$T" sync
has 'take 11 4/4A: failed: replicate: a malformed prediction id'
[ ! -s "$WORK/mock.log" ] || fail "a malformed id was put into a URL"

start slow
ok "$T" gen 4A/v1 --yes
ok "$T" cancel 12
has 'take 12 cancelled$'
grep -q '^POST /v1/predictions/[a-z0-9]*/cancel auth=yes$' "$WORK/mock.log" ||
    fail "no cancel sent"

nokey final
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity"
unmock
exit 0
