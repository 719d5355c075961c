#!/bin/sh
# SPDX-License-Identifier: ISC
# The comfyui backend against the loopback mock (tests/stub/mockgen3.py):
# the workflow checked before anything is recorded (missing, malformed,
# UI format, no {{prompt}}, an unknown placeholder), its placeholders
# filled (numbers as numbers, a seed stored with the request and reused
# by a retry), /history polled until the prompt has run, the video in a
# subfolder fetched through /view with an escaped query, node_errors and
# execution errors as the take's error, a lost submission found again
# through /queue by its client id, cancel through /queue, a 429 on a
# poll, a malformed history, a missing and a vanished output.
. "$TESTS_DIR/cli/gen-lib.sh"

MOCK_SCRIPT=$TESTS_DIR/stub/mockgen3.py
WF=$TESTS_DIR/data/comfyui

# start SCENARIO [WORKFLOW]: a fresh mock and log, and a configuration.
start() {
	: >"$WORK/mock.log"
	mock "$1"
	cat >"$CONF" <<CONF
allow_http = loopback
poll_interval = 0.05
retry_base = 0.05
backend = comfyui
[backend comfyui]
base_url = $BASE
workflow = ${2:-$WF/wan-t2v.json}
negative_prompt = blurry, watermark
fps = 16
CONF
}

start happy /nonexistent/wf.json
# Refused before anything is recorded or sent.
bad 1 'cannot read the workflow /nonexistent/wf.json' "$T" gen 4A/v1 --yes
sed -i "s|^workflow = .*|workflow = $WF/truncated.json|" "$CONF"
bad 1 "workflow $WF/truncated.json: " "$T" gen 4A/v1 --yes
sed -i "s|^workflow = .*|workflow = $WF/ui-format.json|" "$CONF"
bad 1 'UI format: export it in the API format' "$T" gen 4A/v1 --yes
sed -i "s|^workflow = .*|workflow = $WF/no-prompt.json|" "$CONF"
bad 1 'no \{\{prompt\}\} placeholder' "$T" gen 4A/v1 --yes
sed -i "s|^workflow = .*|workflow = $WF/unknown.json|" "$CONF"
bad 1 'node 3 has an unknown placeholder \{\{steps\}\}' "$T" gen 4A/v1 --yes
sed -i "/^workflow = /d" "$CONF"
bad 1 'backend comfyui has no workflow \(set workflow = PATH' \
    "$T" gen 4A/v1 --yes
bad 1 "bad seconds '0'" "$T" gen 4A/v1 --seconds 0 --yes
[ -s "$WORK/mock.log" ] && fail "a refused plan reached the server"
# A relative workflow path is relative to the configuration's folder.
cp "$WF/wan-t2v.json" "$XDG_CONFIG_HOME/takeboard/wf.json"
echo "workflow = wf.json" >>"$CONF"

ok "$T" gen 4A/v1 --size 832x480 --yes
has 'Submit 1 take of 4A/v1 to comfyui \(5 s, 832x480\): estimated cost 0.00 USD'
ok "$T" sync --watch
has 'take 1 4/4A: done'
[ "$(wc -c < takes/4/4A/4A-t00001.mp4)" -eq 204812 ] || fail "clip size"
seed=$(sql "SELECT json_extract(request_json, '$.seed') FROM job WHERE take_id = 1")
[ "$seed" -gt 0 ] 2>/dev/null || fail "no seed stored: $seed"
body=$(grep '^body ' "$WORK/mock.log" | head -n 1)
for want in '"text":"A calico cat playing a piano on stage, cinematic, 35mm film"' \
    '"text":"blurry, watermark"' '"width":832' '"height":480' \
    '"length":80' '"frame_rate":16' "\"seed\":$seed" \
    "\"filename_prefix\":\"takeboard/5s-$seed\"" \
    "\"client_id\":\"takeboard-$seed\""; do
	printf '%s\n' "$body" | grep -qF "$want" || fail "not in the body: $want"
done
grep -q '^POST /prompt auth=no ' "$WORK/mock.log" || fail "no POST /prompt"
grep -Eq '^GET /history/[0-9a-f-]{36} auth=no' "$WORK/mock.log" ||
    fail "no history poll"
grep -q '^GET /view?filename=take%204A%20%231%20%26%20co_00001.mp4&subfolder=takeboard%2F4A%20v1%2Bb%3F&type=output auth=no' \
    "$WORK/mock.log" || fail "the /view query is not escaped as expected"

# Two new takes draw two seeds.
ok "$T" gen 4A/v1 -n 2 --yes
s2=$(sql "SELECT json_extract(request_json, '$.seed') FROM job WHERE take_id = 2")
s3=$(sql "SELECT json_extract(request_json, '$.seed') FROM job WHERE take_id = 3")
[ "$s2" != "$s3" ] && [ "$s2" != "$seed" ] || fail "two takes share a seed"
# Cancel: a waiting prompt is deleted from the queue.
ok "$T" cancel 2
pid=$(sql "SELECT remote_id FROM job WHERE take_id = 2")
grep -A1 '^POST /queue ' "$WORK/mock.log" |
    grep -qx "body {\"delete\":\[\"$pid\"\]}" || fail "no delete through /queue"
grep -A1 '^POST /interrupt ' "$WORK/mock.log" |
    grep -qx "body {\"prompt_id\":\"$pid\"}" || fail "no targeted interrupt"
ok "$T" sync --watch
has 'take 3 4/4A: done'
unmock

# node_errors: the server refuses the workflow.
start nodeerr
ok "$T" gen 4A/v1 --yes
has "take 4 4/4A: failed: comfyui: HTTP 400 prompt_outputs_failed_validation: Prompt outputs failed validation: node 4 \(CheckpointLoaderSimple\): Value not in list: ckpt_name: 'wan2.2_t2v_14B.safetensors' not in \[\]"
unmock

# An execution error.
start error
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 5 4/4A: failed: comfyui: generation failed: KSampler: Allocation on device 0 would exceed allowed memory'
# A retry asks for the same clip: the same seed.
seed=$(sql "SELECT json_extract(request_json, '$.seed') FROM job WHERE take_id = 5")
ok "$T" retry 5
has 'take 6 queued \(retry of take 5\)'
ok "$T" sync --watch
[ "$(sql "SELECT json_extract(request_json, '$.seed') FROM job WHERE take_id = 6")" = "$seed" ] ||
    fail "the retry has another seed"
[ "$(grep '^body ' "$WORK/mock.log" | sed -n 2p | grep -c "\"seed\":$seed,")" -eq 1 ] ||
    fail "the retry was not sent with the same seed"
unmock

# Only images: no video to fetch.
start images
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 7 4/4A: failed: comfyui: the workflow finished without a video output'
unmock

# The answer to the submission is lost: found again through /queue.
start postdrop
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 8 4/4A: done'
[ "$(grep -c '^POST /prompt' "$WORK/mock.log")" -eq 1 ] ||
    fail "resubmitted"
grep -q '^GET /queue ' "$WORK/mock.log" || fail "no lookup through /queue"
unmock

# A 429 (from a proxy) on a poll, then on.
start retry
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 9 4/4A: done'
unmock

# A malformed history answer.
start malformed
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 10 4/4A: failed: comfyui: '
unmock

# The output vanished once (404): polled again, fetched again.
start expired
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 11 4/4A: done'
[ "$(grep -c '^GET /view' "$WORK/mock.log")" -eq 2 ] || fail "not fetched again"
unmock

# A key configured for a proxy goes as a bearer token; plain http is
# refused without allow_http = loopback.
start happy
chmod 600 "$CONF"
echo "key = proxy_canary_77" >>"$CONF"
ok "$T" gen 4A/v1 --yes
ok "$T" sync --watch
has 'take 12 4/4A: done'
grep -q '^POST /prompt auth=yes' "$WORK/mock.log" || fail "no key sent"
grep -rq proxy_canary_77 "$WORK/takeboard.db"* && fail "the key is stored"
sed -i '/^allow_http/d' "$CONF"
ok "$T" gen 4A/v1 --yes
has 'take 13 4/4A: failed: comfyui: refusing a plain http URL'
unmock
exit 0
