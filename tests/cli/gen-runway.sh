#!/bin/sh
# SPDX-License-Identifier: ISC
# The runway backend against the loopback mock: X-Runway-Version on every
# call, a task polled from PENDING through RUNNING to SUCCEEDED, and the
# output URL (on another host) downloaded without credentials. Runway has
# no list endpoint, so an interrupted submission needs a decision.
. "$TESTS_DIR/cli/gen-lib.sh"

KEY=key_canary_5a1c77e0
RUNWAYML_API_SECRET=$KEY
export RUNWAYML_API_SECRET
: >"$WORK/mock.log"
mock runway
cat >"$CONF" <<CONF
allow_http = loopback
poll_interval = 0.05
retry_base = 0.05
[backend runway]
base_url = $BASE
CONF

bad 1 'allowed: 2 to 10' "$T" gen 4A/v1 --backend runway --seconds 12 --yes
ok "$T" gen 4A/v1 --backend runway --seconds 5 --yes
has 'Submit 1 take of 4A/v1 to runway gen4_turbo \(5 s, 1280x720\): estimated cost 0.25 USD'
ok "$T" sync --watch
has 'take 1 4/4A: done'
[ "$(wc -c < takes/4/4A/4A-t00001.mp4)" -eq 204812 ] || fail "clip size"
grep -q '^GET /asset/.* auth=no$' "$WORK/mock.log" ||
    fail "credentials went with the output URL"
grep -q '^POST /v1/text_to_video auth=yes$' "$WORK/mock.log" ||
    fail "no text_to_video call"

# An interrupted submission: no list endpoint, so a person decides.
sql "INSERT INTO take (shot_id, prompt_id, status, backend, cost, created, created_by) VALUES (1, 1, 'queued', 'runway', 0, 'x', 'tester')" >/dev/null
sql "INSERT INTO job (take_id, state, request_json, backend, created, updated) VALUES (2, 'submitting', '{\"prompt\":\"p\",\"seconds\":5}', 'runway', 'x', 'x')" >/dev/null
ok "$T" sync
has 'take 2 4/4A: needs_decision: the submission was interrupted before runway answered'
[ "$(grep -c POST "$WORK/mock.log")" -eq 1 ] || fail "resubmitted silently"
ok "$T" retry 2
has 'take 3 queued \(retry of take 2\)'
ok "$T" sync --watch
has 'take 3 4/4A: done'
grep -rq "$KEY" "$WORK/takeboard.db"* && fail "the key is in the database"
unmock

# An output URL that expired before the download: a new poll renews it.
: >"$WORK/mock.log"
mock runwayexpired
sed -i "s|^base_url = .*|base_url = $BASE|" "$CONF"
ok "$T" gen 4A/v1 --backend runway --seconds 5 --yes
ok "$T" sync --watch
has 'take 4 4/4A: done'
[ "$(grep -c '^GET /asset/' "$WORK/mock.log")" -eq 2 ] ||
    fail "the expired URL was not renewed"
unmock
exit 0
