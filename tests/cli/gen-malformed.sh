#!/bin/sh
# SPDX-License-Identifier: ISC
# Thousands of malformed provider answers (tests/stub/mockbad.py,
# scenario "cases": the k-th submission of a backend meets its case k)
# replayed through every HTTP backend (openai, runway, fal, comfyui,
# gemini, luma, replicate): create answers, first poll answers (running,
# and finished with a video URL serving HTML), fal's result answers and
# error answers, truncated, mistyped, huge, deep, binary, oversized,
# stalled, empty, HTML. Every take must end in a defined error (job
# failed, needs_decision, or cancelled when the answer says the run was
# interrupted, with an error text on the take), takeboard must never
# crash (exit status, sanitizer reports) or hang (a time limit on each
# run), and every case must have been served.
. "$TESTS_DIR/cli/gen-lib.sh"

MOCK_SCRIPT=$TESTS_DIR/stub/mockbad.py
OPENAI_API_KEY=sk-malformed-0123456789
RUNWAYML_API_SECRET=key_malformed_0123456789
FAL_KEY=fal-malformed-0123456789
GEMINI_API_KEY=gm-malformed-0123456789
LUMAAI_API_KEY=luma-malformed-0123456789
REPLICATE_API_TOKEN=r8_malformed0123456789
export OPENAI_API_KEY RUNWAYML_API_SECRET FAL_KEY GEMINI_API_KEY \
    LUMAAI_API_KEY REPLICATE_API_TOKEN
command -v timeout >/dev/null 2>&1 || { echo "no timeout(1)"; exit 77; }

python3 "$MOCK_SCRIPT" --list >"$WORK/cases" || fail "cannot list cases"
mock cases
cat >"$CONF" <<CONF
allow_http = loopback
poll_interval = 0.05
poll_max = 0.2
retry_base = 0.05
retry_cap = 1
low_speed_time = 1
[backend openai]
base_url = $BASE/v1
concurrency = 1
[backend runway]
base_url = $BASE
concurrency = 1
[backend fal]
base_url = $BASE
concurrency = 1
[backend comfyui]
base_url = $BASE
workflow = $TESTS_DIR/data/comfyui/wan-t2v.json
concurrency = 1
[backend gemini]
base_url = $BASE
concurrency = 1
[backend luma]
base_url = $BASE/dream-machine/v1
concurrency = 1
[backend replicate]
base_url = $BASE
concurrency = 1
CONF
chmod 600 "$CONF"

crashes=0
hangs=0
# check WHAT: count a crash or a hang of the last run.
check() {
	if [ "$RC" -eq 124 ]; then
		hangs=$((hangs + 1))
		echo "hang: $1" >&2
	elif [ "$RC" -ne 0 ] || printf '%s\n' "$ERR" |
	    grep -q 'Sanitizer\|runtime error'; then
		crashes=$((crashes + 1))
		echo "crash or error (exit $RC): $1" >&2
		printf '%s\n' "$ERR" | head -n 20 >&2
	fi
	printf '%s' "$OUT" | grep -q "$(printf '\033')" &&
	    fail "an escape character reached the output ($1)"
	:
}

# submit BACKEND: one take per case of BACKEND, 100 per gen.
submit() {
	_left=$(grep -c "^[0-9]* $1 " "$WORK/cases")
	while [ "$_left" -gt 0 ]; do
		_n=$_left
		[ "$_n" -le 100 ] || _n=100
		run timeout 120 "$T" gen 4A/v1 --backend "$1" -n "$_n" --yes
		check "gen --backend $1 -n $_n"
		_left=$((_left - _n))
	done
}

submit openai
submit runway
submit fal
submit comfyui
submit gemini
submit luma
submit replicate
run timeout 60 "$T" sync --watch
check "sync --watch"

total=$(wc -l <"$WORK/cases")
takes=$(sql "SELECT count(*) FROM job")
[ "$takes" -eq "$total" ] || fail "$takes jobs for $total cases"
served=$(grep '^case ' "$WORK/mock.log" | awk '{print $2}' | sort -un |
    wc -l)
[ "$served" -eq "$total" ] || fail "only $served of $total cases were served"
retried=$(grep -c '^retry of case ' "$WORK/mock.log")

# A defined end: failed or needs_decision, the same on the take, with an
# error text.
defined=$(sql "SELECT count(*) FROM job j JOIN take t ON t.id = j.take_id
    WHERE ((j.state IN ('failed', 'cancelled') AND t.status = 'failed') OR
    (j.state = 'needs_decision' AND t.status = 'queued'))
    AND t.error IS NOT NULL AND t.error <> '' AND t.error = j.error")
if [ "$defined" -ne "$total" ]; then
	sql "SELECT take_id, state, error FROM job WHERE NOT (state IN
	    ('failed', 'cancelled', 'needs_decision') AND
	    error IS NOT NULL)" >&2
fi
# An answer the engine accepted but did not keep (the stored answer is
# what a download is built from) is a bug, not a defined error.
lost=$(sql "SELECT count(*) FROM job WHERE error LIKE '%no stored answer%'")
[ "$lost" -eq 0 ] || fail "$lost jobs lost their answer"
nfailed=$(sql "SELECT count(*) FROM job WHERE state = 'failed'")
ndecide=$(sql "SELECT count(*) FROM job WHERE state = 'needs_decision'")
ncancel=$(sql "SELECT count(*) FROM job WHERE state = 'cancelled'")
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity"
[ -z "$(find "$WORK/takes" -name '*.part' 2>/dev/null)" ] ||
    fail "partial files were left behind"
unmock

echo "malformed responses: $total replayed, $defined defined errors" \
    "($nfailed failed, $ndecide needs_decision, $ncancel cancelled," \
    "$retried retried" \
    "first), $crashes crashes, $hangs hangs"
[ "$defined" -eq "$total" ] && [ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ] ||
    fail "undefined outcomes, crashes or hangs"
exit 0
