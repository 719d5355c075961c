#!/bin/sh
# SPDX-License-Identifier: ISC
# The fal backend against the loopback mock (tests/stub/mockgen3.py): a
# request through IN_QUEUE (with its position), IN_PROGRESS and
# COMPLETED, then the separate result fetch, the media URL (on another
# host) downloaded without the key, status URLs whose host is fal's own
# never followed, per-model checks before any request, a 429 with
# Retry-After, a 401 whose body echoes the key, a failed request, a
# failed or empty result, a malformed status and an expired media URL.
. "$TESTS_DIR/cli/gen-lib.sh"

MOCK_SCRIPT=$TESTS_DIR/stub/mockgen3.py
unset FAL_BASE_URL 2>/dev/null || :
KEY=fal_canary_2f9d41:0b7e
FAL_KEY=$KEY
export FAL_KEY
KLING=fal-ai/kling-video/v2.1/master/text-to-video

# start SCENARIO: a fresh mock and log, the configuration pointing at it.
start() {
	: >"$WORK/mock.log"
	mock "$1"
	cat >"$CONF" <<CONF
allow_http = loopback
poll_interval = 0.05
retry_base = 0.05
[backend fal]
base_url = $BASE
CONF
}

start happy
# Checked before any request: the model's documented durations, sizes.
bad 1 'does not offer 7 s clips \(allowed: 5, 10\)' \
    "$T" gen 4A/v1 --backend fal --seconds 7 --yes
bad 1 'fal-ai/veo3 does not offer the size 1024x1024 \(aspect ratios: 16:9, 9:16\)' \
    "$T" gen 4A/v1 --backend fal --model fal-ai/veo3 --seconds 8 \
    --size 1024x1024 --yes
bad 1 'does not offer 5 s clips \(allowed: 6, 10\)' \
    "$T" gen 4A/v1 --backend fal \
    --model fal-ai/minimax/hailuo-02/standard/text-to-video --seconds 5 --yes
bad 1 "'fal-ai/../x' is not a fal model id" \
    "$T" gen 4A/v1 --backend fal --model fal-ai/../x --yes
[ -s "$WORK/mock.log" ] && fail "a refused plan reached the provider"

ok "$T" gen 4A/v1 --backend fal --yes
has "Submit 1 take of 4A/v1 to fal $KLING \(5 s, 1280x720\): estimated cost 1.40 USD"
ok "$T" sync
has 'take 1 4/4A: queued'
[ "$(sql "SELECT remote_id FROM job WHERE take_id = 1")" = \
    "$(sql "SELECT remote_id FROM job WHERE take_id = 1" |
    grep -E '^fal-ai/kling-video/requests/[0-9a-f-]{36}$')" ] ||
    fail "remote id: $(sql "SELECT remote_id FROM job")"
sql "SELECT last_response FROM job WHERE take_id = 1" |
    grep -q '"queue_position": *2' || fail "the queue position was not kept"
ok "$T" sync --watch
has 'take 1 4/4A: done'
[ "$(wc -c < takes/4/4A/4A-t00001.mp4)" -eq 204812 ] || fail "clip size"
grep -q "^POST /$KLING auth=yes host=127.0.0.1$" "$WORK/mock.log" ||
    fail "no submission to the model's path"
grep -q '^body .*"duration":"5"' "$WORK/mock.log" || fail "duration"
grep -q '^body .*"aspect_ratio":"16:9"' "$WORK/mock.log" || fail "ratio"
grep -Eq '^GET /fal-ai/kling-video/requests/[0-9a-f-]+/status auth=yes' \
    "$WORK/mock.log" || fail "no status call"
grep -Eq '^GET /fal-ai/kling-video/requests/[0-9a-f-]+ auth=yes' \
    "$WORK/mock.log" || fail "no result call"
grep -q '^GET /files/.* auth=no host=localhost$' "$WORK/mock.log" ||
    fail "credentials went with the media URL"
grep 'auth=yes' "$WORK/mock.log" | grep -vq 'host=127.0.0.1$' &&
    fail "the key went to another host"
[ "$(sql "SELECT cost FROM take WHERE id = 1")" -eq 1400000 ] || fail cost
grep -rq "$KEY" "$WORK/takeboard.db"* && fail "the key is in the database"

# An unknown model passes with a warning; no price is known.
run "$T" gen 4A/v1 --backend fal --model fal-ai/some/new-model --yes
[ "$RC" -eq 0 ] || fail "unknown model refused"
printf '%s\n' "$ERR" | grep -q 'warning: fal-ai/some/new-model is not a model fal documents' ||
    fail "no warning for an unknown model"
grep -q '^POST /fal-ai/some/new-model auth=yes' "$WORK/mock.log" ||
    fail "the unknown model was not submitted to its path"
grep -q '^body {"prompt":"[^"]*","duration":"5","aspect_ratio":"16:9"}$' \
    "$WORK/mock.log" || fail "an unknown model's input"
ok "$T" cancel 2

# Cancel at the provider: PUT .../cancel.
ok "$T" gen 4A/v1 --backend fal --yes
ok "$T" sync
ok "$T" cancel 3
grep -Eq '^PUT /fal-ai/kling-video/requests/[0-9a-f-]+/cancel auth=yes' \
    "$WORK/mock.log" || fail "no cancel call"
[ "$(sql "SELECT state FROM job WHERE take_id = 3")" = cancelled ] ||
    fail "not cancelled"
unmock

# A 429 with Retry-After on the submission and on a poll: waits, then on.
start retry
ok "$T" gen 4A/v1 --backend fal --yes
ok "$T" sync --watch
has 'take 4 4/4A: done'
[ "$(grep -c '^POST /fal-ai' "$WORK/mock.log")" -eq 2 ] ||
    fail "the rate-limited submission was not sent again exactly once"
unmock

# A failed request: COMPLETED with an error.
start fail
ok "$T" gen 4A/v1 --backend fal --yes
ok "$T" sync --watch
has 'take 5 4/4A: failed: fal: generation failed: content_policy_violation: The prompt was flagged'
[ "$(sql "SELECT cost FROM take WHERE id = 5")" -eq 0 ] || fail "cost kept"
unmock

# The result itself is an error (422 with a detail list).
start failresult
ok "$T" gen 4A/v1 --backend fal --yes
ok "$T" sync --watch
has "take 6 4/4A: failed: fal: HTTP 422 literal_error: Input should be '5' or '10'"
unmock

# A result without a video.
start missing
ok "$T" gen 4A/v1 --backend fal --yes
ok "$T" sync --watch
has 'take 7 4/4A: failed: fal: the result has no video URL'
unmock

# A malformed status answer fails the take, naming the problem.
start malformed
ok "$T" gen 4A/v1 --backend fal --yes
ok "$T" sync --watch
has 'take 8 4/4A: failed: fal: '
unmock

# An expired media URL: polled again, downloaded again.
start expired
ok "$T" gen 4A/v1 --backend fal --yes
ok "$T" sync --watch
has 'take 9 4/4A: done'
[ "$(grep -c '^GET /files/' "$WORK/mock.log")" -eq 2 ] ||
    fail "the expired URL was not renewed"
unmock

# An unanswered submission: fal has no list, so a person decides.
start postdrop
ok "$T" gen 4A/v1 --backend fal --yes
has 'take 10 4/4A: needs_decision: fal: .*may or may not have been accepted'
ok "$T" sync
[ "$(grep -c '^POST /fal-ai' "$WORK/mock.log")" -eq 1 ] ||
    fail "resubmitted silently"
unmock

# A 401 whose body echoes the key: not authorised, the key scrubbed.
start auth
ok "$T" gen 4A/v1 --backend fal --yes
has 'take 11 4/4A: failed: fal: HTTP 401: Invalid Key .*\[key\].*\(not authorised\)'
grep -rq "$KEY" "$WORK/takeboard.db"* && fail "the key is in the database"
unmock
exit 0
