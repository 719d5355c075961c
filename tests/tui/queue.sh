#!/bin/sh
# The interface drives the generation engine: t in the shot view asks
# how many takes, shows the estimated cost and submits; the queue view
# (w) shows the jobs move on while keys keep working; c cancels a job,
# r retries it as a new take; no second engine runs meanwhile and no job
# is sent twice. Against the loopback mock (tests/stub/mockvideo.py).
. "$TESTS_DIR/cli/gen-lib.sh"
. "$TESTS_DIR/tui/lib.sh"

OPENAI_API_KEY=sk-tui-queue-1e7a
export OPENAI_API_KEY
mock hold
trap 'kill $MOCK_PID 2>/dev/null; server_down; rm -rf "$WORK"' EXIT INT TERM
conf_openai
DB=$WORK/takeboard.db

# job_state TAKE: the job state of a take.
job_state() {
	sql "SELECT state FROM job WHERE take_id = $1"
}

# until_state TAKE STATE: poll the database (20 s at most).
until_state() {
	i=0
	while [ "$(job_state "$1")" != "$2" ]; do
		i=$((i + 1))
		[ $i -lt 200 ] || fail "take $1 never became $2 ($(job_state "$1"))"
		sleep 0.1
	done
}

start "$DB"
wait_for "INT. STAGE"
keys Tab Enter
wait_for "A calico cat playing a piano"

# t: how many, then the cost; n submits nothing.
keys t
wait_for "Takes to generate"
keys C-u
text 2
keys Enter
wait_for "Submit 2 takes of 4A/v1 to openai sora-2"
keys n
wait_for "nothing submitted"
[ "$(sql "SELECT count(*) FROM job")" = 0 ] || fail "a refused submission was recorded"

keys t
wait_for "Takes to generate"
keys C-u
text 2
keys Enter
wait_for "estimated cost"
keys y
wait_for "takes 1 to 2 of 4A/v1 queued"

# The queue: both jobs, followed here; keys still work meanwhile.
keys w
wait_for "sending and following 2 jobs here"
wait_for "in_progress"
keys '?'
wait_for "cancel the job"
keys q
wait_for "sending and following"

# Another engine is refused while the interface follows the jobs.
run "$T" sync
[ "$RC" -eq 1 ] || fail "sync ran beside the interface's engine"

# Cancel take 2 (second row).
keys j c
wait_for "Cancel the job of take 2?"
keys y
until_state 2 cancelled
until_state 1 done
wait_for "nothing in flight"
wait_for "cancelled by"
ls "$WORK/takes/4/4A/" | grep -q '^4A-t00001\.mp4$' || fail "no clip for take 1"

# Retry the cancelled take: a new take 3 with the same request.
keys r
wait_for "Retry take 2 as a new take"
keys y
wait_for "take 3 queued (retry of take 2)"
until_state 3 done
[ "$(sql "SELECT retry_of FROM job WHERE take_id = 3")" = 2 ] ||
    fail "take 3 is not a retry of take 2"

# Every submission went out once: takes 1, 2 and 3.
[ "$(grep -c '^POST /v1/videos auth' "$WORK/mock.log")" -eq 3 ] ||
    fail "not exactly 3 submissions: $(grep '^POST' "$WORK/mock.log")"
grep -q '^DELETE /v1/videos/' "$WORK/mock.log" || fail "no cancel was sent"
keys Q
wait_for "takeboard exited: 0"
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity"
grep -rq "$OPENAI_API_KEY" "$WORK/takeboard.db" && fail "the key is in the database"
exit 0
