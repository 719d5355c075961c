#!/bin/sh
# SPDX-License-Identifier: ISC
# Crash safety: takeboard is killed with SIGKILL at random points while
# submitting (gen) and while following jobs (sync --watch), then run
# again. In the end every job is accounted for exactly once, nothing was
# submitted twice, no half-written clip sits under a final name, and the
# database passes PRAGMA integrity_check.
. "$TESTS_DIR/cli/gen-lib.sh"

OPENAI_API_KEY=sk-canary-kill
export OPENAI_API_KEY
: >"$WORK/mock.log"
mock slow
cat >"$CONF" <<CONF
allow_http = loopback
poll_interval = 0.05
retry_base = 0.05
retry_cap = 2
[backend openai]
base_url = $BASE/v1
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

# Submissions interrupted at random points.
killed "$T" gen 4A/v1 -n 3 --seconds 4 --yes
killed "$T" gen 4A/v1 -n 3 --seconds 4 --yes
ok "$T" gen 4A/v1 -n 2 --seconds 4 --yes

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
[ "$jobs" -ge 2 ] || fail "too few jobs"
left=$(sql "SELECT count(*) FROM job WHERE state NOT IN ('done', 'needs_decision')")
[ "$left" -eq 0 ] || fail "$left jobs not accounted for: $(sql "SELECT take_id, state, error FROM job")"
# No duplicate submissions: every POST the mock saw is one job's.
posts=$(grep -c '^POST /v1/videos' "$WORK/mock.log")
ids=$(sql "SELECT count(DISTINCT remote_id) FROM job WHERE remote_id IS NOT NULL")
[ "$posts" -ge "$ids" ] || fail "more ids than submissions"
undecided=$(sql "SELECT count(*) FROM job WHERE state = 'needs_decision'")
[ "$posts" -le $((ids + undecided)) ] ||
    fail "$posts submissions for $ids jobs ($undecided undecided): duplicates"
dup=$(sql "SELECT count(*) FROM (SELECT remote_id FROM job WHERE remote_id IS NOT NULL GROUP BY remote_id HAVING count(*) > 1)")
[ "$dup" -eq 0 ] || fail "a remote job is held by two takes"
# Every clip under a final name is whole.
for f in takes/4/4A/*.mp4; do
	[ -f "$f" ] || continue
	[ "$(wc -c < "$f")" -eq 204812 ] || fail "$f is not whole"
done
done_n=$(sql "SELECT count(*) FROM job WHERE state = 'done'")
clips=$(ls takes/4/4A/*.mp4 2>/dev/null | wc -l)
[ "$clips" -eq "$done_n" ] || fail "$clips clips for $done_n finished jobs"
ls takes/4/4A | grep -q 't[0-9]*\.part$' && fail "a .part file was left behind"
[ "$(sql "SELECT count(*) FROM take WHERE status = 'ready'")" -eq "$done_n" ] ||
    fail "take status and job state disagree"
unmock
exit 0
