#!/bin/sh
# SPDX-License-Identifier: ISC
# A canary key through a full run of every command: set in the key
# variable of every HTTP backend that takes one and in a config-file
# key, used by gen and sync against loopback mocks (a normal run, then
# servers that echo the key back in 401s on submit, poll and cancel),
# with every other command (the list comes from `takeboard --help`, so a
# new command without a line here fails the test). Afterwards the
# canary must occur nowhere: the databases and their -wal/-shm,
# backups, reports and exports, temporary files in the production and
# $TMPDIR, the mocks' request logs, every command's stdout and stderr,
# and the argv and environment of every child (the editor and the
# command backend's program, recorded by a fake program from
# /proc/self).
. "$TESTS_DIR/cli/gen-lib.sh"

CAN=tbcanary$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
OPENAI_API_KEY=sk-$CAN-env
RUNWAYML_API_SECRET=key_$CAN-runway
FAL_KEY=fal_$CAN-fal
GEMINI_API_KEY=gm_$CAN-gemini
LUMAAI_API_KEY=luma_$CAN-luma
REPLICATE_API_TOKEN=r8_$CAN-replicate
TMPDIR=$WORK/tmp
DUMPS=$WORK/dumps
OUTS=$WORK/outputs.txt
mkdir -p "$TMPDIR" "$DUMPS"
export OPENAI_API_KEY RUNWAYML_API_SECRET FAL_KEY GEMINI_API_KEY \
    LUMAAI_API_KEY REPLICATE_API_TOKEN TMPDIR
: >"$OUTS"
: >"$WORK/covered"

# The fake child: records its argv and environment; as an editor it
# writes a prompt, as the command backend's program a clip.
cat >"$WORK/child.sh" <<EOF
#!/bin/sh
n=\$\$
tr '\\0' '\\n' </proc/\$\$/cmdline >"$DUMPS/argv.\$n"
tr '\\0' '\\n' </proc/\$\$/environ >"$DUMPS/env.\$n"
if [ "\${1:-}" = --output ]; then
	printf 'fake clip bytes' >"\$2"
elif [ -n "\${1:-}" ]; then
	echo "a lighthouse seen from the sea" >"\$1"
fi
exit 0
EOF
chmod 755 "$WORK/child.sh"
EDITOR=$WORK/child.sh
export EDITOR

# c NAME ARGS...: run `takeboard ARGS` (it must succeed), keep its
# output for the search and note that command NAME was run.
c() {
	_name=$1
	shift
	run "$T" "$@"
	cat "$WORK/.out" "$WORK/.err" >>"$OUTS"
	[ "$RC" -eq 0 ] || fail "$_name: exit $RC: $*"
	echo "$_name" >>"$WORK/covered"
}

# conf: the configuration for the mock at $BASE, with a file key.
conf() {
	cat >"$CONF" <<CONF
allow_http = loopback
poll_interval = 0.05
retry_base = 0.05
retry_cap = 1
attempts = 1
[backend openai]
base_url = $BASE/v1
[backend runway]
base_url = $BASE
[backend fal]
base_url = $BASE
[backend gemini]
base_url = $BASE
[backend luma]
base_url = $BASE/dream-machine/v1
[backend replicate]
base_url = $BASE
[backend gateway]
type = openai
base_url = $BASE/v1
key = gw-$CAN-file
[backend cmd]
type = command
program = $WORK/child.sh
CONF
	chmod 600 "$CONF"
}

# takeno: the take number of the last gen.
takeno() {
	printf '%s\n' "$OUT" | sed -n 's/^take \([0-9]*\) queued$/\1/p' |
	    head -n 1
}

# Production, scenes, shots, variants, with the canary in the
# environment all along.
mkdir "$WORK/second"
(cd "$WORK/second" && "$T" init --title Second >"$WORK/.out" 2>&1) ||
    fail "init"
cat "$WORK/.out" >>"$OUTS"
echo init >>"$WORK/covered"
c "production" production --title "Film" --fps 24
c "scene add" scene add "EXT. SEA - DAY" --code 5 --synopsis "Waves"
c "scene list" scene list
c "scene show" scene show 5
c "scene edit" scene edit 5 --notes "storm later"
c "scene move" scene move 5 --first
c "shot add" shot add 5 "the lighthouse" --code 5A --seconds 4
c "shot add" shot add 5 "a gull" --code 5B
c "shot list" shot list
c "shot show" shot show 5A
c "shot edit" shot edit 5A --lens 35mm
c "shot move" shot move 5B --first
c "shot status" shot status 5A approved
c "prompt add" prompt add 5A --label v1
c "prompt add" prompt add 5A "the lighthouse at dusk" --label v2
c "prompt list" prompt list 5A
c "prompt show" prompt show 5A/v1
c "prompt diff" prompt diff 5A/v1 5A/v2
printf 'clip' >"$WORK/clip.mp4"
c "take add" take add 5A --prompt 5A/v1 --seconds 4 "$WORK/clip.mp4"
c "take list" take list
c "budget" budget 100

# Generation through the normal mock: env key, runway key, file key and
# the command backend's program.
unset MOCK_SCRIPT
mock happy
conf
c "gen" gen 4A/v1 --yes
c "gen" gen 4A/v1 --backend runway --yes
c "gen" gen 4A/v1 --backend gateway --yes
c "gen" gen 5A/v2 --backend cmd --seconds 4 --yes
c "sync" sync --watch
c "jobs" jobs
c "jobs" jobs --json
[ "$(sql "SELECT count(*) FROM job WHERE state = 'done'")" -eq 4 ] ||
    fail "the normal run did not finish: $(sql "SELECT take_id, state, error FROM job")"

# Servers that echo the key back: on submit (every backend), on poll and
# on cancel.
unmock
MOCK_SCRIPT=$TESTS_DIR/stub/mockbad.py
mock running
conf
c "gen" gen 4A/v1 --yes
polled=$(takeno)
c "gen" gen 4A/v1 --yes
cancelled=$(takeno)
# The -wal and -shm exist while a process has the database open: copy
# them from under a running sync --watch.
base=$(grep -c '^GET /v1/videos/' "$WORK/mock.log")
"$T" sync --watch >>"$OUTS" 2>&1 &
SYNC=$!
i=0
until [ "$(grep -c '^GET /v1/videos/' "$WORK/mock.log")" -ge $((base + 2)) ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || { kill $SYNC; fail "sync --watch did not poll"; }
	sleep 0.05
done
mkdir "$WORK/snapshot"
cp "$WORK/takeboard.db-wal" "$WORK/takeboard.db-shm" "$WORK/snapshot/" ||
    { kill $SYNC; fail "no -wal or -shm while sync runs"; }
kill $SYNC
wait $SYNC 2>/dev/null
unmock
mock echo-key
conf
c "gen" gen 4A/v1 --yes
has 'failed: openai: HTTP 401 invalid_api_key: Incorrect API key provided: \[key\]'
c "gen" gen 4A/v1 --backend runway --yes
has 'failed: runway: HTTP 401.*\[key\]'
for b in fal gemini luma replicate; do
	c "gen" gen 4A/v1 --backend $b --yes
	has "failed: $b: HTTP 401.*\\[key\\]"
done
c "gen" gen 4A/v1 --backend gateway --yes
has 'failed: gateway: HTTP 401 invalid_api_key: Incorrect API key provided: \[key\]'
failed=$(takeno)
c "cancel" cancel "$cancelled"
has "take $cancelled cancelled"
c "sync" sync --watch
has "take $polled 4/4A: failed: openai: HTTP 401"
c "retry" retry "$failed"
c "sync" sync
c "jobs" jobs --json
json 'all("[key]" in (x["error"] or "[key]") for x in j)'
unmock

# Verdicts, reports, exports, imports and maintenance.
c "take show" take show 2
c "take keep" take keep 2 --in 0.5 --out 3
c "take maybe" take maybe 3
c "take reject" take reject 4 --reason artifacts
c "take unreview" take unreview 4
c "take rate" take rate 2 4
c "take note" take note 2 "best so far"
c "stats" stats --by prompt
c "stats" stats --json
for f in txt md csv json html; do
	c "report" report --format $f -o "$WORK/report.$f"
done
c "export csv" export csv --shots -o "$WORK/shots.csv"
c "export csv" export csv --takes -o "$WORK/takes.csv"
c "export edl" export edl -o "$WORK/cut.edl"
c "export otio" export otio -o "$WORK/cut.otio"
c "export fcpxml" export fcpxml -o "$WORK/cut.fcpxml"
c "import fountain" import fountain "$TESTS_DIR/data/io/syntax.fountain" \
    --dry-run
c "import csv" import csv "$WORK/shots.csv" --dry-run
c "import edl" import edl "$WORK/cut.edl" --dry-run
c "backup" backup "$WORK/backup.db"
c "check" check
c "log" log 1000
c "log" log --json
c "help" help gen
c "demo" demo "$WORK/demo"
c "take rm" take rm 5
c "prompt rm" prompt rm 5A/v2
c "shot rm" shot rm 5B
c "scene rm" scene rm 5 --force

# Every command of `takeboard --help` was run.
"$T" --help 2>&1 | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z]*\( [a-z][a-z]*\)\{0,1\}\)  .*/\1/p' \
    >"$WORK/commands"
[ "$(wc -l <"$WORK/commands")" -ge 40 ] || fail "cannot read the command list"
sort -u "$WORK/covered" >"$WORK/covered.s"
sort -u "$WORK/commands" >"$WORK/commands.s"
missing=$(comm -13 "$WORK/covered.s" "$WORK/commands.s")
[ -z "$missing" ] || fail "commands not run by this test: $missing"
ncmd=$(wc -l <"$WORK/commands")

# Children were recorded, and got no key.
nchild=$(ls "$DUMPS" | grep -c '^env\.')
[ "$nchild" -ge 2 ] || fail "the fake child ran $nchild times"
grep -q -- '--output' "$DUMPS"/argv.* || fail "the command backend did not run"

# The search: every file under the work folder but the configuration
# (which holds the file key by design), the child dumps, the outputs.
find "$WORK" -type f ! -path "$CONF" ! -path "$WORK/child.sh" \
    >"$WORK/places"
places=$(wc -l <"$WORK/places")
hits=0
while IFS= read -r f; do
	if grep -aq -- "$CAN" "$f"; then
		hits=$((hits + 1))
		echo "the canary is in $f" >&2
		grep -a -o -- ".\{0,40\}$CAN.\{0,20\}" "$f" | head -n 3 >&2
	fi
done <"$WORK/places"
ls "$WORK"/takeboard.db* "$WORK/backup.db" "$WORK/demo/takeboard.db" \
    "$WORK/snapshot/takeboard.db-wal" "$WORK/snapshot/takeboard.db-shm" \
    "$WORK/report.html" "$WORK/cut.otio" >/dev/null ||
    fail "a file to search is missing"
echo "canary: $places places searched ($ncmd commands, $nchild child" \
    "processes), $hits occurrences"
[ "$hits" -eq 0 ] || fail "the canary leaked"
exit 0
