#!/bin/sh
# SPDX-License-Identifier: ISC
# The gemini backend (Veo on the Gemini API) against the loopback mock
# (tests/stub/mockgen2.py): parameters refused before any request; an
# operation polled until done and its file downloaded with the key; a
# failed operation, a safety-filtered one (a failure with the reasons);
# 429 with Retry-After; 403 with the key echoed (scrubbed); a malformed
# answer; an expired file (polled again); the file redirected, or named,
# on another host (no key goes there); an operation name that is not one
# (never put into a URL); an unanswered submission (no list endpoint:
# a decision); cancel, which the Gemini API does not offer.
. "$TESTS_DIR/cli/gen-lib.sh"
MOCK_SCRIPT=$TESTS_DIR/stub/mockgen2.py

KEY=AIzaSy-canary-0d3f5b7a91
GEMINI_API_KEY=$KEY
export GEMINI_API_KEY

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
backend = gemini
[backend gemini]
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
# Refused parameters never reach the provider.
bad 1 'veo-3.1-generate-preview does not offer 5 s clips \(allowed: 4, 6, 8\)' \
    "$T" gen 4A/v1 --seconds 5 --yes
bad 1 'gemini does not offer the size 1024x1792 \(allowed: 1280x720, 720x1280, 1920x1080, 1080x1920\)' \
    "$T" gen 4A/v1 --size 1024x1792 --yes
bad 1 'veo-2.0-generate-001 does not offer 4 s clips \(allowed: 5 to 8\)' \
    "$T" gen 4A/v1 --model veo-2.0-generate-001 --seconds 4 --yes
bad 1 'allowed: 1280x720, 720x1280\)' \
    "$T" gen 4A/v1 --model veo-2.0-generate-001 --seconds 6 --size 1920x1080 --yes
bad 1 'makes 1920x1080 clips of 8 s only \(allowed: 8\)' \
    "$T" gen 4A/v1 --size 1920x1080 --seconds 4 --yes
bad 1 "bad gemini model name 'veo/../x'" \
    "$T" gen 4A/v1 --model 'veo/../x' --yes
[ ! -s "$WORK/mock.log" ] || fail "a refused request was sent"

# The happy path: an operation, polled until done, its file fetched
# with the key from the API's own host.
ok "$T" gen 4A/v1 --yes
has 'Submit 1 take of 4A/v1 to gemini veo-3.1-generate-preview \(8 s, 1280x720\): estimated cost 3.20 USD'
ok "$T" sync --watch
has 'take 1 4/4A: done'
[ "$(wc -c < takes/4/4A/4A-t00001.mp4)" -eq 204812 ] || fail "clip size"
grep -q '^POST /v1beta/models/veo-3.1-generate-preview:predictLongRunning auth=yes$' \
    "$WORK/mock.log" || fail "no predictLongRunning call"
grep -q '^GET /v1beta/models/veo-3.1-generate-preview/operations/[a-z0-9]* auth=yes$' \
    "$WORK/mock.log" || fail "the operation was not polled by name"
grep -q '^GET /v1beta/files/[a-z0-9]*:download?alt=media auth=yes$' \
    "$WORK/mock.log" || fail "the file was not fetched with the key"
[ "$(sql "SELECT remote_id FROM job WHERE take_id = 1" | cut -d/ -f1,3)" = \
    models/operations ] || fail "the remote id is not the operation name"
ok "$T" take show 1 --json
json 'j["status"] == "ready" and j["seconds"] == 8 and j["cost"] == 3.2'

# A 9:16 1080p Veo 3.1 clip: aspectRatio and resolution.
ok "$T" gen 4A/v1 --size 1080x1920 --yes
ok "$T" sync --watch
has 'take 2 4/4A: done'

# A failed operation, and one the safety filters emptied.
start fail
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 3 4/4A: failed: gemini: generation failed: 13: Video generation failed: internal error'
start filtered
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 4 4/4A: failed: gemini: generation failed: safety_filtered: Your prompt could not be submitted: it may violate our policies.'
ls takes/4/4A | grep -q 't00004' && fail "a filtered take has a file"

# 429 with Retry-After on the submission: retried once.
start retry
ok "$T" gen 4A/v1 --yes
has 'take 5 4/4A: queued'
ok "$T" sync --watch
has 'take 5 4/4A: done'
[ "$(grep -c '^POST ' "$WORK/mock.log")" -eq 2 ] ||
    fail "a 429 submit was not retried exactly once"

# 403 with the key echoed: a clear error, the key scrubbed.
start auth
ok "$T" gen 4A/v1 --yes
has "take 6 4/4A: failed: gemini: HTTP 403 PERMISSION_DENIED: Method doesn't allow unregistered callers. API key: \[key\]"
nokey auth
[ "$(grep -c '^POST ' "$WORK/mock.log")" -eq 1 ] || fail "403 was retried"

# A malformed answer fails the take.
start malformed
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 7 4/4A: failed: gemini: the answer has no valid operation name'

# A file gone before the download: the operation is polled again.
start expired
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 8 4/4A: done'
[ "$(grep -c '^GET /v1beta/files/' "$WORK/mock.log")" -eq 2 ] ||
    fail "the file was not fetched again"

# The file redirected to another host: the key stays behind.
start redirect
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 9 4/4A: done'
grep -q '^GET /v1beta/files/.* auth=yes$' "$WORK/mock.log" ||
    fail "the file was not asked for with the key"
grep -q '^GET /asset/.* auth=no$' "$WORK/mock.log" ||
    fail "the redirect was not followed"
grep -q '^GET /asset/.* auth=yes$' "$WORK/mock.log" &&
    fail "the key followed the redirect to another host"

# A video uri on another host than the API's: fetched without the key.
start otherhost
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 10 4/4A: done'
grep -q '^GET /asset/.* auth=no$' "$WORK/mock.log" ||
    fail "the key went to a host that is not the API's"
[ "$(wc -c < takes/4/4A/4A-t00010.mp4)" -eq 204812 ] || fail "clip size"

# An operation name that is not one never reaches a URL.
sql "INSERT INTO take (shot_id, prompt_id, status, backend, cost, created, created_by) VALUES (1, 1, 'generating', 'gemini', 0, 'x', 'tester')" >/dev/null
sql "INSERT INTO job (take_id, state, request_json, remote_id, backend, created, updated) VALUES (11, 'queued', '{\"prompt\":\"p\",\"seconds\":8}', 'models/veo/operations/../../files/x', 'gemini', 'x', 'x')" >/dev/null
: >"$WORK/mock.log"
ok "$T" sync
has 'take 11 4/4A: failed: gemini: a malformed operation name'
[ ! -s "$WORK/mock.log" ] || fail "a malformed name was put into a URL"

# The submission's answer is lost: no list endpoint, so a decision.
start postdrop
ok "$T" gen 4A/v1 --yes
has 'take 12 4/4A: needs_decision: .*may or may not have been accepted'
ok "$T" sync --watch
[ "$(grep -c '^POST ' "$WORK/mock.log")" -eq 1 ] ||
    fail "an ambiguous submission was sent again"

# Cancel: the Gemini API has none, and says so.
start slow
ok "$T" gen 4A/v1 --yes
ok "$T" cancel 13
has 'take 13 cancelled here only: gemini cannot cancel a job, which may still run and be billed'
grep -q ':cancel' "$WORK/mock.log" && fail "an undocumented cancel was sent"
[ "$(sql "SELECT state FROM job WHERE take_id = 13")" = cancelled ] ||
    fail "not cancelled"
sql "SELECT error FROM job WHERE take_id = 13" | grep -q 'here only' ||
    fail "the job does not record that the provider may go on"

# A model the documentation does not name passes with a warning.
run "$T" gen 4A/v1 --model veo-4.0-generate-preview --yes
[ "$RC" -eq 0 ] || fail "an unknown model was refused"
[ "$ERR" = "takeboard: warning: veo-4.0-generate-preview is not a model gemini documents; passing it through unchecked" ] ||
    fail "no warning for an unknown model: $ERR"
grep -q '^POST /v1beta/models/veo-4.0-generate-preview:predictLongRunning' \
    "$WORK/mock.log" || fail "the unknown model was not used"
ok "$T" cancel 14

# GOOGLE_API_KEY serves when GEMINI_API_KEY is unset.
unset GEMINI_API_KEY
bad 1 'no API key for backend gemini \(set GEMINI_API_KEY' \
    "$T" gen 4A/v1 --yes
GOOGLE_API_KEY=$KEY
export GOOGLE_API_KEY
: >"$WORK/mock.log"
ok "$T" gen 4A/v1 --yes
has 'take 15 4/4A: in_progress'
grep -q '^POST .*:predictLongRunning auth=yes$' "$WORK/mock.log" ||
    fail "GOOGLE_API_KEY was not used"
ok "$T" cancel 15

nokey final
grep -rq "$KEY" "$WORK/takes" && fail "the key is in takes/"
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity"
unmock
exit 0
