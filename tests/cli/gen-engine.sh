#!/bin/sh
# SPDX-License-Identifier: ISC
# One engine per production: while 'sync --watch' follows the jobs,
# another 'sync' is refused, 'gen' leaves its takes to the running
# engine (which picks them up), and 'cancel' from another session ends
# a job that engine is following, without a second submission. Against
# the loopback mock (tests/stub/mockvideo.py, scenario "hold").
. "$TESTS_DIR/cli/gen-lib.sh"

OPENAI_API_KEY=sk-engine-5d1c0a
export OPENAI_API_KEY

mock hold
conf_openai

ok "$T" gen 4A/v1 -n 2 --seconds 4 --yes
has 'take 1 4/4A: queued'
has 'take 2 4/4A: queued'

"$T" sync --watch >"$WORK/watch.out" 2>"$WORK/watch.err" </dev/null &
WATCH=$!
i=0
until grep -q 'take 1 4/4A: in_progress' "$WORK/watch.out"; do
	i=$((i + 1))
	[ $i -lt 200 ] || fail "sync --watch did not start"
	sleep 0.05
done

# A second engine is refused (not with 'bad': the running engine
# changes the production meanwhile).
run "$T" sync
[ "$RC" -eq 1 ] || fail "a second sync was not refused ($RC)"
[ "$ERR" = "takeboard: another takeboard (the interface or 'sync --watch') is already following this production's jobs; see them with 'takeboard jobs'" ] ||
    fail "unexpected message: $ERR"
[ -z "$OUT" ] || fail "the refused sync printed: $OUT"

# gen records the take and leaves the sending to the running engine.
run "$T" gen 4A/v1 --seconds 4 --yes
[ "$RC" -eq 0 ] || fail "gen failed while another engine runs: $ERR"
has '^take 3 queued$'
has 'another takeboard .* is following this production.s jobs; it sends these'

# cancel from here ends a job the other engine follows.
ok "$T" cancel 2
has '^take 2 cancelled$'

wait $WATCH || fail "sync --watch failed: $(cat "$WORK/watch.err")"
[ "$(sql "SELECT take_id, state FROM job ORDER BY take_id")" = "1|done
2|cancelled
3|done" ] || fail "job states: $(sql "SELECT take_id, state FROM job")"
grep -q 'take 3 4/4A: done' "$WORK/watch.out" ||
    fail "the running engine did not send take 3"
[ "$(grep -c '^POST /v1/videos auth' "$WORK/mock.log")" -eq 3 ] ||
    fail "not exactly 3 submissions: $(grep '^POST' "$WORK/mock.log")"
grep -q '^DELETE /v1/videos/' "$WORK/mock.log" || fail "no cancel sent"

# With the engine gone, sync works again.
ok "$T" sync
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity"
unmock

# A cancel from another session while the submission is on its way:
# that session sees no remote id and can only end the job here; when the
# provider's answer arrives, the sending engine cancels the provider's
# new job too, instead of leaving it to run and be billed.
rm -f "$WORK/mock.log"
mock slowpost
conf_openai
"$T" gen 4A/v1 --seconds 4 --yes >"$WORK/gen.out" 2>"$WORK/gen.err" \
    </dev/null &
GEN=$!
i=0
until grep -q '^POST /v1/videos' "$WORK/mock.log" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 200 ] || fail "gen did not submit"
	sleep 0.05
done
ok "$T" cancel 4
has '^take 4 cancelled$'
wait $GEN || fail "gen failed: $(cat "$WORK/gen.err")"
[ "$(sql "SELECT state FROM job WHERE take_id = 4")" = cancelled ] ||
    fail "job 4: $(sql "SELECT state, error FROM job WHERE take_id = 4")"
rid=$(sql "SELECT remote_id FROM job WHERE take_id = 4")
[ -n "$rid" ] || fail "the provider's id was not recorded"
grep -q "^DELETE /v1/videos/$rid " "$WORK/mock.log" ||
    fail "the provider's job was not cancelled: $(cat "$WORK/mock.log")"
sql "SELECT error FROM job WHERE take_id = 4" |
    grep -q 'cancelled in another session while it was being sent; its job at the provider was cancelled too' ||
    fail "error: $(sql "SELECT error FROM job WHERE take_id = 4")"
[ "$(grep -c '^POST /v1/videos' "$WORK/mock.log")" -eq 1 ] ||
    fail "sent more than once"
unmock
exit 0
