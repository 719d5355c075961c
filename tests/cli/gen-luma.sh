#!/bin/sh
# SPDX-License-Identifier: ISC
# The luma backend (Dream Machine API) against the loopback mock
# (tests/stub/mockgen2.py): parameters refused before any request; a
# generation polled from queued through dreaming to completed and its
# signed URL (on another host) downloaded without credentials; a failed
# generation; 429 with Retry-After; 401 with the key echoed (scrubbed);
# a malformed answer; an expired URL (renewed by a new poll); a lost
# submission found again through the list, never sent twice; a forged
# id; cancel with DELETE.
. "$TESTS_DIR/cli/gen-lib.sh"
MOCK_SCRIPT=$TESTS_DIR/stub/mockgen2.py

KEY=luma-canary-6e2b90c4d8
LUMAAI_API_KEY=$KEY
export LUMAAI_API_KEY

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
backend = luma
[backend luma]
base_url = $BASE/dream-machine/v1
CONF
	chmod 600 "$CONF"
}

nokey() {
	grep -rq "$KEY" "$WORK/takeboard.db"* "$WORK/.out" "$WORK/.err" &&
	    fail "the key leaked ($1)"
	:
}

start happy
bad 1 'luma does not offer 8 s clips \(allowed: 5, 9\)' \
    "$T" gen 4A/v1 --seconds 8 --yes
bad 1 'luma does not offer the size 1000x720 \(allowed: 16:9, 9:16, 1:1, 4:3, 3:4, 21:9 or 9:21 with a shorter side of 540, 720, 1080 or 2160' \
    "$T" gen 4A/v1 --size 1000x720 --yes
bad 1 'luma does not offer the size 1280x700' \
    "$T" gen 4A/v1 --size 1280x700 --yes
[ ! -s "$WORK/mock.log" ] || fail "a refused request was sent"

# The happy path.
ok "$T" gen 4A/v1 --yes
has 'Submit 1 take of 4A/v1 to luma ray-2 \(5 s, 1280x720\): estimated cost 0.70 USD'
ok "$T" sync --watch
has 'take 1 4/4A: done'
[ "$(wc -c < takes/4/4A/4A-t00001.mp4)" -eq 204812 ] || fail "clip size"
grep -q '^POST /dream-machine/v1/generations auth=yes$' "$WORK/mock.log" ||
    fail "no generations call with the key"
grep -q '^GET /dream-machine/v1/generations/[0-9a-f-]* auth=yes$' \
    "$WORK/mock.log" || fail "no poll"
grep -q '^GET /asset/.* auth=no$' "$WORK/mock.log" ||
    fail "credentials went with the signed URL"
ok "$T" take show 1 --json
json 'j["status"] == "ready" and j["seconds"] == 5 and j["cost"] == 0.7'

# 9 s, 9:16 at 1080p, and the fast model.
ok "$T" gen 4A/v1 --seconds 9 --size 1080x1920 --model ray-flash-2 --yes
ok "$T" sync --watch
has 'take 2 4/4A: done'

start fail
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 3 4/4A: failed: luma: generation failed: 400: prompt not allowed because advanced moderation failed'

start retry
ok "$T" gen 4A/v1 --yes
has 'take 4 4/4A: queued'
ok "$T" sync --watch
has 'take 4 4/4A: done'
[ "$(grep -c '^POST ' "$WORK/mock.log")" -eq 2 ] ||
    fail "a 429 submit was not retried exactly once"

start auth
ok "$T" gen 4A/v1 --yes
has 'take 5 4/4A: failed: luma: HTTP 401: Invalid API key: \[key\]'
nokey auth
[ "$(grep -c '^POST ' "$WORK/mock.log")" -eq 1 ] || fail "401 was retried"

start malformed
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 6 4/4A: failed: luma: the answer has no generation id or state'

# A signed URL past its lifetime: a new poll renews it.
start expired
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 7 4/4A: done'
[ "$(grep -c '^GET /asset/' "$WORK/mock.log")" -eq 2 ] ||
    fail "the expired URL was not renewed"

# The answer to a submission is lost: found through the list.
start postdrop
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 8 4/4A: done'
[ "$(grep -c '^POST ' "$WORK/mock.log")" -eq 1 ] ||
    fail "an ambiguous submission was sent again"
grep -q '^GET /dream-machine/v1/generations?limit=100&offset=0 auth=yes$' \
    "$WORK/mock.log" || fail "no reconciliation through the list"

# An unanswered submission is looked up only once no other submission
# is in flight, so the job of a new take with the same prompt, created
# but not yet answered, is never taken for it (two takes, one job).
start slow
sql "INSERT INTO take (shot_id, prompt_id, status, backend, cost, created, created_by) VALUES (1, 1, 'queued', 'luma', 0, 'x', 'tester')" >/dev/null
sql "INSERT INTO job (take_id, state, request_json, backend, created, updated) VALUES (9, 'submitting', '{\"prompt\":\"A calico cat playing a piano on stage\",\"model\":\"ray-2\",\"seconds\":5,\"size\":\"1280x720\"}', 'luma', 'x', 'x')" >/dev/null
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 10 4/4A: done'
[ "$(sql "SELECT state FROM job WHERE take_id = 9")" = needs_decision ] ||
    fail "the unanswered submission took another take's job"
[ "$(sql "SELECT count(DISTINCT remote_id) FROM job WHERE remote_id IS NOT NULL")" -eq \
    "$(sql "SELECT count(*) FROM job WHERE remote_id IS NOT NULL")" ] ||
    fail "a job is held by two takes"

# A forged id never reaches a URL.
sql "INSERT INTO take (shot_id, prompt_id, status, backend, cost, created, created_by) VALUES (1, 1, 'generating', 'luma', 0, 'x', 'tester')" >/dev/null
sql "INSERT INTO job (take_id, state, request_json, remote_id, backend, created, updated) VALUES (11, 'queued', '{\"prompt\":\"p\",\"seconds\":5}', '../../x', 'luma', 'x', 'x')" >/dev/null
: >"$WORK/mock.log"
ok "$T" sync
has 'take 11 4/4A: failed: luma: a malformed generation id'
[ ! -s "$WORK/mock.log" ] || fail "a malformed id was put into a URL"

# Cancel at the provider.
start slow
ok "$T" gen 4A/v1 --yes
ok "$T" cancel 12
has 'take 12 cancelled$'
grep -q '^DELETE /dream-machine/v1/generations/[0-9a-f-]* auth=yes$' \
    "$WORK/mock.log" || fail "no DELETE sent"

run "$T" gen 4A/v1 --model ray-3 --yes
[ "$RC" -eq 0 ] || fail "an unknown model was refused"
[ "$ERR" = "takeboard: warning: ray-3 is not a model luma documents; passing it through unchecked" ] ||
    fail "no warning for an unknown model: $ERR"
ok "$T" cancel 13

nokey final
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity"
unmock
exit 0
