#!/bin/sh
# SPDX-License-Identifier: ISC
# Crash safety of the fal and comfyui backends (as gen-kill.sh for
# openai): takeboard is killed with SIGKILL at random points while
# submitting to both and while following them (sync --watch), then run
# again. In the end every job is accounted for exactly once, nothing was
# submitted twice (POSTs counted in the mock's log, ComfyUI's client ids
# unique), no half-written clip sits under a final name, and the
# database passes PRAGMA integrity_check.
. "$TESTS_DIR/cli/gen-lib.sh"

MOCK_SCRIPT=$TESTS_DIR/stub/mockgen3.py
unset FAL_BASE_URL 2>/dev/null || :
FAL_KEY=fal_canary_kill
export FAL_KEY
: >"$WORK/mock.log"
mock slow
cat >"$CONF" <<CONF
allow_http = loopback
poll_interval = 0.05
retry_base = 0.05
retry_cap = 2
[backend fal]
base_url = $BASE
[backend comfyui]
base_url = $BASE
workflow = $TESTS_DIR/data/comfyui/wan-t2v.json
CONF

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

killed "$T" gen 4A/v1 --backend fal -n 3 --yes
killed "$T" gen 4A/v1 --backend comfyui -n 3 --yes
ok "$T" gen 4A/v1 --backend fal -n 2 --yes
ok "$T" gen 4A/v1 --backend comfyui -n 2 --yes

i=0
while [ $i -lt 12 ]; do
	killed "$T" sync --watch
	i=$((i + 1))
done
# Finish; an interrupted submission may end needing a decision.
ok "$T" sync --watch
ok "$T" sync --watch

[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check"
jobs=$(sql "SELECT count(*) FROM job")
takes=$(sql "SELECT count(*) FROM take")
[ "$jobs" -eq "$takes" ] || fail "$takes takes but $jobs jobs"
left=$(sql "SELECT count(*) FROM job WHERE state NOT IN ('done', 'needs_decision')")
[ "$left" -eq 0 ] ||
    fail "$left jobs not accounted for: $(sql "SELECT take_id, backend, state, error FROM job")"

# submitted BACKEND POSTS: no more submissions than jobs could explain.
submitted() {
	_ids=$(sql "SELECT count(DISTINCT remote_id) FROM job WHERE backend = '$1' AND remote_id IS NOT NULL")
	_und=$(sql "SELECT count(*) FROM job WHERE backend = '$1' AND state = 'needs_decision'")
	[ "$(sql "SELECT count(*) FROM job WHERE backend = '$1'")" -ge 2 ] ||
	    fail "too few $1 jobs"
	[ "$2" -ge "$_ids" ] || fail "$1: more ids than submissions"
	[ "$2" -le $((_ids + _und)) ] ||
	    fail "$1: $2 submissions for $_ids jobs ($_und undecided): duplicates"
	echo "$1: $2 submissions, $_ids remote jobs, $_und undecided"
}
submitted fal "$(grep -c '^POST /fal-ai/' "$WORK/mock.log")"
submitted comfyui "$(grep -c '^POST /prompt ' "$WORK/mock.log")"
grep '^body {"prompt":{.*"client_id"' "$WORK/mock.log" |
    sed 's/.*"client_id":"\([^"]*\)".*/\1/' | sort | uniq -d | grep -q . &&
    fail "one ComfyUI request was sent twice"
dup=$(sql "SELECT count(*) FROM (SELECT remote_id FROM job WHERE remote_id IS NOT NULL GROUP BY remote_id HAVING count(*) > 1)")
[ "$dup" -eq 0 ] || fail "a remote job is held by two takes"

# Every clip under a final name is whole; nothing half-written is left.
for f in takes/4/4A/*.mp4; do
	[ -f "$f" ] || continue
	[ "$(wc -c < "$f")" -eq 204812 ] || fail "$f is not whole"
done
done_n=$(sql "SELECT count(*) FROM job WHERE state = 'done'")
[ "$done_n" -ge 1 ] || fail "nothing finished"
clips=$(ls takes/4/4A/*.mp4 2>/dev/null | wc -l)
[ "$clips" -eq "$done_n" ] || fail "$clips clips for $done_n finished jobs"
ls takes/4/4A | grep -q 't[0-9]*\.part$' && fail "a .part file was left behind"
[ "$(sql "SELECT count(*) FROM take WHERE status = 'ready'")" -eq "$done_n" ] ||
    fail "take status and job state disagree"
grep 'auth=yes' "$WORK/mock.log" | grep -vq 'host=127.0.0.1$' &&
    fail "the key went to another host"
unmock
exit 0
