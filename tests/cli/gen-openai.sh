#!/bin/sh
# SPDX-License-Identifier: ISC
# The openai backend against the loopback mock (tests/stub/mockvideo.py):
# queued -> in progress -> completed with download and thumbnail; failed
# generations; 429 with Retry-After and 500 then success; 401 (with the
# key scrubbed from what is stored); exhausted quota; malformed and
# truncated JSON; an unknown status; a download cut mid-way (resumed);
# a POST that creates the job and drops the connection (found again
# through the list, never resubmitted); an asset redirected to another
# host (the key does not follow); a wait longer than the cap; and a key
# that never reaches the database, the output or the log.
. "$TESTS_DIR/cli/gen-lib.sh"

KEY=sk-canary-7f3e9b2d41
OPENAI_API_KEY=$KEY
export OPENAI_API_KEY

# start SCENARIO: a fresh mock and a configuration pointing at it.
start() {
	[ -n "${MOCK_PID:-}" ] && unmock
	: >"$WORK/mock.log"
	mock "$1"
	conf_openai
}

# state_of TAKE: the job state of a take.
state_of() {
	sql "SELECT state FROM job WHERE take_id = $1"
}

nokey() {
	grep -rq "$KEY" "$WORK/takeboard.db"* "$WORK/.out" "$WORK/.err" &&
	    fail "the key leaked ($1)"
	:
}

# Plain http is refused without the explicit setting.
start happy
sed -i 's/^allow_http = loopback$//' "$CONF"
ok "$T" gen 4A/v1 --seconds 8 --yes
has 'failed: openai: refusing a plain http URL'
start happy

# Refused parameters never reach the provider.
: >"$WORK/mock.log"
bad 1 "allowed: 4, 8, 12, 16, 20" "$T" gen 4A/v1 --seconds 10 --yes
bad 1 "allowed: 1280x720, 720x1280" "$T" gen 4A/v1 --size 1792x1024 --yes
[ ! -s "$WORK/mock.log" ] || fail "a refused request was sent"


# The happy path: 2 takes, polled to completion, downloaded.
ok "$T" gen 4A/v1 -n 2 --seconds 8 --yes
has 'Submit 2 takes of 4A/v1 to openai sora-2 \(8 s, 1280x720\): estimated cost 1.60 USD'
[ "$(state_of 2)" = queued ] && [ "$(state_of 3)" = queued ] ||
    fail "submitted jobs are not queued"
ok "$T" jobs --json
json 'len(j) == 3 and j[1]["state"] == "queued" and j[1]["remote_id"].startswith("video_")'
ok "$T" sync --watch
has 'take 2 4/4A: done'
has 'take 3 4/4A: done'
[ "$(sql "SELECT count(*) FROM job WHERE state = 'done'")" = 2 ] ||
    fail "not done"
cmp -s takes/4/4A/4A-t00002.mp4 takes/4/4A/4A-t00003.mp4 ||
    fail "clips differ"
[ "$(wc -c < takes/4/4A/4A-t00002.mp4)" -eq 204812 ] || fail "clip size"
[ -f takes/4/4A/4A-t00002.webp ] || fail "no thumbnail"
ok "$T" take show 2 --json
json 'j["status"] == "ready" and j["seconds"] == 8 and j["cost"] == 0.8'
[ "$(grep -c 'POST /v1/videos' "$WORK/mock.log")" -eq 2 ] ||
    fail "not exactly 2 submissions"
nokey happy
sql "SELECT last_response FROM job WHERE take_id = 2" | grep -q '"completed"' ||
    fail "the last raw answer is not kept"

# A failed generation is an error on the take, not a crash.
start fail
ok "$T" gen 4A/v1 --seconds 4 --yes
ok "$T" sync --watch
has 'take 4 4/4A: failed: openai: generation failed: moderation_blocked: Your request was blocked'

# 429 with Retry-After on submit, then 500 on the first poll: both retried.
start retry
ok "$T" gen 4A/v1 --seconds 4 --yes
has 'take 5 4/4A: queued'
ok "$T" sync --watch
has 'take 5 4/4A: done'
[ "$(grep -c 'POST /v1/videos' "$WORK/mock.log")" -eq 2 ] ||
    fail "a 429 submit was not retried exactly once"

# 401: a clear error, and the key the server echoed is scrubbed.
start auth
ok "$T" gen 4A/v1 --seconds 4 --yes
has 'take 6 4/4A: failed: openai: HTTP 401 invalid_api_key: Incorrect API key provided: \[key\]'
nokey auth
[ "$(grep -c POST "$WORK/mock.log")" -eq 1 ] || fail "401 was retried"

# Exhausted quota is permanent.
start quota
ok "$T" gen 4A/v1 --seconds 4 --yes
has 'take 7 4/4A: failed: openai: HTTP 429 insufficient_quota'
[ "$(grep -c POST "$WORK/mock.log")" -eq 1 ] || fail "quota was retried"

# Malformed and truncated JSON, an unknown status.
start malformed
ok "$T" gen 4A/v1 --seconds 4 --yes
ok "$T" sync --watch
has 'take 8 4/4A: failed: openai: the answer has no video id or status'
start truncated
ok "$T" gen 4A/v1 --seconds 4 --yes
ok "$T" sync --watch
has 'take 9 4/4A: failed: openai: malformed JSON'
start unknown
ok "$T" gen 4A/v1 --seconds 4 --yes
ok "$T" sync --watch
has 'take 10 4/4A: done'

# A download cut mid-way resumes with a Range request.
start dropdl
ok "$T" gen 4A/v1 --seconds 4 --yes
ok "$T" sync --watch
has 'take 11 4/4A: done'
grep -q '^range ' "$WORK/mock.log" || fail "no Range request"
[ "$(wc -c < takes/4/4A/4A-t00011.mp4)" -eq 204812 ] ||
    fail "resumed clip has the wrong size"
cmp -s takes/4/4A/4A-t00002.mp4 takes/4/4A/4A-t00011.mp4 ||
    fail "resumed clip differs"

# A POST that creates the job, then drops: found through the list.
start postdrop
ok "$T" gen 4A/v1 --seconds 4 --yes
ok "$T" sync --watch
has 'take 12 4/4A: done'
[ "$(grep -c 'POST /v1/videos' "$WORK/mock.log")" -eq 1 ] ||
    fail "an ambiguous submission was sent again"
grep -q 'GET /v1/videos?order=desc' "$WORK/mock.log" ||
    fail "no reconciliation through the list"

# An asset redirected to another host: followed without the key.
start redirect
ok "$T" gen 4A/v1 --seconds 4 --yes
ok "$T" sync --watch
has 'take 13 4/4A: done'
grep -q '^GET /asset/.* auth=no$' "$WORK/mock.log" ||
    fail "the key followed the redirect"

# A Content-Type that is not a video is refused.
start badtype
ok "$T" gen 4A/v1 --seconds 4 --yes
ok "$T" sync --watch
has 'take 14 4/4A: failed: openai: the clip is not a video \(Content-Type text/html\)'
ls takes/4/4A | grep -q 't00014' && fail "a non-video was kept"

# A wait longer than the cap leaves the job for the next sync.
start longwait
ok "$T" gen 4A/v1 --seconds 4 --yes
stalled "$T" sync --watch
[ "$(state_of 15)" = queued ] || fail "the job did not wait for the next sync"
ok "$T" sync --watch
has 'take 15 4/4A: done'

# Cancel at the provider.
start slow
ok "$T" gen 4A/v1 --seconds 4 --yes
ok "$T" cancel 16
has 'take 16 cancelled'
grep -q '^DELETE /v1/videos/' "$WORK/mock.log" || fail "no DELETE sent"

# A model the documentation does not name passes with a warning.
run "$T" gen 4A/v1 --seconds 4 --model sora-3-preview --yes
[ "$RC" -eq 0 ] || fail "an unknown model was refused"
[ "$ERR" = "takeboard: warning: sora-3-preview is not a model openai documents; passing it through unchecked" ] ||
    fail "no warning for an unknown model: $ERR"
has 'take 17 4/4A: queued'
ok "$T" cancel 17

# Remix: a finished take's video with another variant's text, through
# POST /videos/{id}/remix; duration and size carry over.
start happy
ok "$T" gen 4A/v1 --seconds 8 --size 720x1280 --yes
src=$(printf '%s\n' "$OUT" | sed -n 's/^take \([0-9]*\) queued$/\1/p')
ok "$T" sync --watch
has "take $src 4/4A: done"
ok "$T" prompt add 4A "A calico cat playing a harpsichord on stage" --label v2
bad 1 "take $src was made by openai; a remix goes to the same backend" \
    "$T" gen 4A/v2 --remix "$src" --backend runway --yes
bad 1 'take 17 is cancelled; only a finished generation can be remixed' \
    "$T" gen 4A/v2 --remix 17 --yes
ok "$T" gen 4A/v2 --remix "$src" --yes
has "Submit 1 take of 4A/v2 to openai sora-2 \(8 s, 720x1280\), remixing take $src: estimated cost 0.80 USD"
new=$(printf '%s\n' "$OUT" | sed -n 's/^take \([0-9]*\) queued$/\1/p')
remote=$(sql "SELECT remote_id FROM job WHERE take_id = $src")
grep -q "^POST /v1/videos/$remote/remix auth=yes" "$WORK/mock.log" ||
    fail "no remix request: $(grep POST "$WORK/mock.log")"
ok "$T" sync --watch
has "take $new 4/4A: done"
sql "SELECT request_json FROM job WHERE take_id = $new" |
    grep -q "\"remix_of\":\"$remote\"" || fail "the request does not name the source"
sql "SELECT last_response FROM job WHERE take_id = $new" |
    grep -q "\"remixed_from_video_id\": \"$remote\"" || fail "not a remix"

# A key in a file others can read is refused.
unset OPENAI_API_KEY
printf 'key = %s\n' "$KEY" >>"$CONF"
chmod 644 "$CONF"
bad 1 'refusing to read keys from .*readable by group or others' \
    "$T" gen 4A/v1 --seconds 4 --yes
chmod 600 "$CONF"
nokey final
grep -rq "$KEY" "$WORK/takes" && fail "the key is in takes/"
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity"
unmock
exit 0
