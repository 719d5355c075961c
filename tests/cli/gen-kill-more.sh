#!/bin/sh
# SPDX-License-Identifier: ISC
# Crash safety of the gemini, luma and replicate backends, as
# gen-kill.sh checks it for openai: takeboard is killed with SIGKILL at
# random points while submitting (gen) and while following jobs (sync
# --watch) against each backend's mock (tests/stub/mockgen2.py, slow:
# twelve polls and a trickled download), then run again. In the end
# every job is accounted for exactly once, nothing was submitted twice,
# no half-written clip sits under a final name, and the database passes
# PRAGMA integrity_check.
. "$TESTS_DIR/cli/gen-lib.sh"
MOCK_SCRIPT=$TESTS_DIR/stub/mockgen2.py

GEMINI_API_KEY=AIzaSy-canary-kill
LUMAAI_API_KEY=luma-canary-kill
REPLICATE_API_TOKEN=r8_canary_kill
export GEMINI_API_KEY LUMAAI_API_KEY REPLICATE_API_TOKEN

# rand N: a pseudo-random number 0..N-1.
rand() {
	awk -v n="$1" -v s="$(od -An -N4 -tu4 /dev/urandom)" \
	    'BEGIN { srand(s); print int(rand() * n) }'
}

# killed CMD...: run a command and SIGKILL it after 0 to 0.4 s.
killed() {
	"$@" >/dev/null 2>&1 </dev/null &
	_p=$!
	sleep "0.$(rand 40 | awk '{ printf "%02d", $1 }')"
	kill -9 "$_p" 2>/dev/null
	wait "$_p" 2>/dev/null
	:
}

# round BACKEND BASE_PATH SUBMIT_RE SECONDS: kill and restart against
# one backend, then check what it left.
round() {
	: >"$WORK/mock.log"
	mock slow
	cat >"$CONF" <<CONF
allow_http = loopback
poll_interval = 0.05
retry_base = 0.05
retry_cap = 2
backend = $1
[backend $1]
base_url = $BASE$2
CONF
	killed "$T" gen 4A/v1 -n 2 --seconds "$4" --yes
	killed "$T" gen 4A/v1 -n 2 --seconds "$4" --yes
	ok "$T" gen 4A/v1 -n 2 --seconds "$4" --yes
	i=0
	while [ $i -lt 8 ]; do
		killed "$T" sync --watch
		i=$((i + 1))
	done
	# Finish; an interrupted submission may end needing a decision.
	ok "$T" sync --watch
	ok "$T" sync --watch
	unmock

	[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "$1: integrity_check"
	jobs=$(sql "SELECT count(*) FROM job WHERE backend = '$1'")
	takes=$(sql "SELECT count(*) FROM take WHERE backend = '$1'")
	[ "$jobs" -eq "$takes" ] || fail "$1: $takes takes but $jobs jobs"
	[ "$jobs" -ge 2 ] || fail "$1: too few jobs"
	left=$(sql "SELECT count(*) FROM job WHERE backend = '$1' AND state NOT IN ('done', 'needs_decision')")
	[ "$left" -eq 0 ] ||
	    fail "$1: $left jobs not accounted for: $(sql "SELECT take_id, state, error FROM job WHERE backend = '$1'")"
	# No duplicate submissions: every submission the mock saw is one
	# job's, or one a person has to decide about.
	posts=$(grep -c "$3" "$WORK/mock.log")
	ids=$(sql "SELECT count(DISTINCT remote_id) FROM job WHERE backend = '$1' AND remote_id IS NOT NULL")
	undecided=$(sql "SELECT count(*) FROM job WHERE backend = '$1' AND state = 'needs_decision'")
	[ "$posts" -ge "$ids" ] || fail "$1: more ids than submissions"
	[ "$posts" -le $((ids + undecided)) ] ||
	    fail "$1: $posts submissions for $ids jobs ($undecided undecided): duplicates"
	dup=$(sql "SELECT count(*) FROM (SELECT remote_id FROM job WHERE remote_id IS NOT NULL GROUP BY remote_id HAVING count(*) > 1)")
	[ "$dup" -eq 0 ] || fail "$1: a remote job is held by two takes"
	# Every clip under a final name is whole.
	for f in takes/4/4A/*.mp4; do
		[ -f "$f" ] || continue
		[ "$(wc -c < "$f")" -eq 204812 ] || fail "$1: $f is not whole"
	done
	done_n=$(sql "SELECT count(*) FROM job WHERE state = 'done'")
	clips=$(ls takes/4/4A/*.mp4 2>/dev/null | wc -l)
	[ "$clips" -eq "$done_n" ] ||
	    fail "$1: $clips clips for $done_n finished jobs"
	ls takes/4/4A 2>/dev/null | grep -q 't[0-9]*\.part$' &&
	    fail "$1: a .part file was left behind"
	[ "$(sql "SELECT count(*) FROM take WHERE backend = '$1' AND status = 'ready'")" -eq \
	    "$(sql "SELECT count(*) FROM job WHERE backend = '$1' AND state = 'done'")" ] ||
	    fail "$1: take status and job state disagree"
	echo "$1: $jobs jobs, $posts submissions, $undecided undecided," \
	    "$(grep -c '^range ' "$WORK/mock.log") resumed downloads"
}

round gemini '' '^POST /v1beta/models/.*:predictLongRunning ' 8
round luma /dream-machine/v1 '^POST /dream-machine/v1/generations ' 5
round replicate '' '^POST /v1/models/.*/predictions ' 6
exit 0
