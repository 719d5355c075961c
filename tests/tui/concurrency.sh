#!/bin/sh
# Several people at once: P processes each make N changes to one
# production at the same time. One is an interface session in tmux
# driven by keys (review verdicts, ratings, notes through ':'); the
# others run command-line changes (take add, note, keep/maybe/reject,
# rate, prompt add, shot edit). Nobody may see "busy" or "locked", and
# afterwards every change is there exactly once: row counts, the values
# written and the event log (N events per person) all agree.
# Sizes: "2:300 4:150" by default, "2:2000 4:2000" with TB_STRESS_FULL=1,
# or TB_CONCURRENCY="P:N ...". The busy timeout is the default one.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/tui/lib.sh"

command -v python3 >/dev/null 2>&1 || { echo "no python3" >&2; exit 77; }
[ -x "$HELPERS/mkmp4" ] || exit 77
unset TAKEBOARD_BUSY_TIMEOUT
if [ -n "${TB_CONCURRENCY:-}" ]; then
	SIZES=$TB_CONCURRENCY
elif [ "${TB_STRESS_FULL:-0}" = 1 ]; then
	SIZES="2:2000 4:2000"
else
	SIZES="2:300 4:150"
fi
"$HELPERS/mkmp4" "$WORK/c.mp4" 4 || exit 99

# The command-line writer: N changes as USER, on its own shot, each
# timed; a failure or anything on stderr is recorded, never retried.
cat > "$WORK/cli.py" <<'EOF'
import json, os, re, subprocess, sys, time
tb, db, user, shot, n, out = sys.argv[1:7]
n = int(n)
env = dict(os.environ, USER=user)
times, errs, last = [], [], None
def run(*args):
    t0 = time.monotonic()
    p = subprocess.run([tb, '-f', db] + list(args), env=env,
        stdin=subprocess.DEVNULL, capture_output=True)
    times.append(time.monotonic() - t0)
    if p.returncode != 0 or p.stderr:
        errs.append('%s: exit %d: %s' % (' '.join(args), p.returncode,
            p.stderr.decode('utf-8', 'replace').strip()))
    return p.stdout.decode()
for k in range(n):
    a = k % 6
    if a == 0 or last is None:
        m = re.match(r'take (\d+) added', run('take', 'add', shot, '--seconds', '4'))
        last = int(m.group(1)) if m else None
    elif a == 1:
        run('take', 'note', str(last), 'note-%s-%d' % (user, k))
    elif a == 2:
        v = ('keep', 'maybe', 'reject')[(k // 6) % 3]
        run('take', v, str(last), *(['--reason', 'morphing'] if v == 'reject' else []))
    elif a == 3:
        run('prompt', 'add', shot, 'prompt %s %d' % (user, k))
    elif a == 4:
        run('shot', 'edit', shot, '--notes', 'edit %s %d' % (user, k))
    else:
        run('take', 'rate', str(last), str(k % 5 + 1))
json.dump({'times': times, 'errs': errs}, open(out, 'w'))
EOF

# The interface driver: N key actions in the review view, a batch at a
# time, waiting for each batch to reach the database; the screen is
# captured with its escapes after every batch.
cat > "$WORK/tui.py" <<'EOF'
import json, sqlite3, subprocess, sys, time
tm, db, n, ids, out, shots = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
    [int(x) for x in sys.argv[4].split(',')], sys.argv[5], sys.argv[6]
tm = tm.split()
con = sqlite3.connect('file:%s?mode=ro' % db, uri=True, timeout=30)
def events():
    return con.execute("select count(*) from event where user = 'tui'").fetchone()[0]
def keys(*k, lit=False):
    subprocess.run(tm + ['send-keys', '-t', 'main'] + (['-l', '--'] if lit else []) + list(k), check=True)
c, waits, done, t0 = 0, [], 0, time.monotonic()
screens = open(shots, 'ab')
for j in range(n):
    a = j % 5
    if a == 0:
        keys('m'); c += 1
    elif a == 1:
        keys('k'); keys('Enter'); c += 1
    elif a == 2:
        keys('3')
    elif a == 3:
        keys('x'); keys('Space', 'Enter'); c += 1
    else:
        keys(':'); keys('take note %d tnote-%d' % (ids[c - 1], j), lit=True); keys('Enter')
    if (j + 1) % 10 == 0 or j + 1 == n:
        w0 = time.monotonic()
        while events() < j + 1:
            if time.monotonic() - w0 > 60:
                sys.exit('the interface did not save action %d (%d saved)' % (j + 1, events()))
            if time.monotonic() - w0 > 1:
                s = subprocess.run(tm + ['capture-pane', '-p', '-t', 'main'], capture_output=True).stdout
                if b'busy' in s or b'locked' in s:
                    screens.write(s)
                    sys.exit('the interface shows an error: %s' % s.decode(errors='replace'))
            time.sleep(0.01)
        waits.append(time.monotonic() - w0)
        screens.write(subprocess.run(tm + ['capture-pane', '-p', '-e', '-t', 'main'], capture_output=True).stdout)
json.dump({'waits': waits, 'secs': time.monotonic() - t0, 'events': events()}, open(out, 'w'))
EOF

total_rows=0
for size in $SIZES; do
	P=${size%:*}
	N=${size#*:}
	R=$WORK/p$P
	mkdir "$R" && cd "$R" || exit 99
	DB=$R/takeboard.db
	USER=setup
	ok "$T" init --title "Concurrency $P"
	ok "$T" scene add "INT. REVIEW ROOM"
	ok "$T" shot add 1 "reviewed in the interface"
	# The takes the interface reviews (one more than it needs), and a
	# rejected one first so the reason picker has a reason to offer.
	need=$(( (N + 4) / 5 * 3 + 1 ))
	ok "$T" take add 1A --seconds 4
	ok "$T" take reject 1 --reason morphing
	set --
	i=0
	while [ $i -lt "$need" ]; do
		set -- "$@" "$WORK/c.mp4"
		i=$((i + 1))
	done
	ok "$T" take add 1A "$@"
	ids=$(python3 -c "print(','.join(str(i) for i in range(2, $need + 2)))")
	w=2
	while [ $w -le "$P" ]; do
		ok "$T" scene add "INT. DESK $w"
		ok "$T" shot add "$w" "written from the command line"
		w=$((w + 1))
	done
	USER=tester

	# A fresh tmux server per round: starting one on the socket of a
	# server still shutting down can fail.
	server_down
	TMUX_SOCK="tb-test-$$-$P"
	TM="tmux -L $TMUX_SOCK -f /dev/null"
	TB_ENV="USER=tui" start "$DB" 150 40
	wait_for "Board:"
	keys R
	wait_for "Review the production"
	wait_for "Take 2 "

	start_t=$(python3 -c 'import time; print(time.time())')
	pids=""
	w=2
	while [ $w -le "$P" ]; do
		python3 "$WORK/cli.py" "$T" "$DB" "cli$w" "${w}A" "$N" "$R/cli$w.json" \
		    2>"$R/cli$w.err" &
		pids="$pids $!"
		w=$((w + 1))
	done
	python3 "$WORK/tui.py" "$TM" "$DB" "$N" "$ids" "$R/tui.json" "$R/screens" \
	    2>"$R/tui.err"
	trc=$?
	for pid in $pids; do
		wait "$pid" || fail "a command-line writer failed: $(cat "$R"/cli*.err)"
	done
	end_t=$(python3 -c 'import time; print(time.time())')
	[ "$trc" -eq 0 ] || fail "the interface driver failed: $(cat "$R/tui.err")"
	screen > "$R/last-screen"
	keys q
	wait_for "Board:"
	quit

	# Busy or locked anywhere: stderr of every command, every screen.
	locked=$(cat "$R"/*.err "$R/screens" "$R/last-screen" |
	    grep -Eic 'busy|locked')
	python3 - "$R" "$P" "$N" "$start_t" "$end_t" "$locked" "$DB" <<'EOF' > "$R/summary" || fail "wrong final state (see above)"
import glob, json, sqlite3, sys
r, P, N, t0, t1, locked, db = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
    float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
bad = []
con = sqlite3.connect('file:%s?mode=ro' % db, uri=True)
q = lambda s, *a: con.execute(s, a).fetchall()
times, errs = [], []
for f in glob.glob(r + '/cli*.json'):
    d = json.load(open(f))
    times += d['times']
    errs += d['errs']
tui = json.load(open(r + '/tui.json'))
if errs:
    bad.append('%d command errors, first: %s' % (len(errs), errs[0]))
# The event log: exactly N changes per person.
for w in range(2, P + 1):
    u = 'cli%d' % w
    ev = q("select count(*) from event where user = ?", u)[0][0]
    if ev != N:
        bad.append('%s: %d events, not %d' % (u, ev, N))
ev = q("select count(*) from event where user = 'tui'")[0][0]
if ev != N:
    bad.append('tui: %d events, not %d' % (ev, N))
# Every command-line change exactly once.
rows = 0
for w in range(2, P + 1):
    u, ks = 'cli%d' % w, range(N)
    adds = [k for k in ks if k % 6 == 0]
    takes = q("select t.id, t.notes, t.verdict, t.rating from take t join shot s on s.id = t.shot_id where s.code = ? order by t.id", '%dA' % w)
    if len(takes) != len(adds):
        bad.append('%s: %d takes, not %d' % (u, len(takes), len(adds)))
        continue
    for i, k in enumerate(adds):
        tid, notes, verdict, rating = takes[i]
        want_note = 'note-%s-%d' % (u, k + 1) if k + 1 < N else None
        want_v = ('keep', 'maybe', 'reject')[((k + 2) // 6) % 3] if k + 2 < N else 'unreviewed'
        want_r = (k + 5) % 5 + 1 if k + 5 < N else None
        if (notes, verdict, rating) != (want_note, want_v, want_r):
            bad.append('%s: take %d is %r, not %r' % (u, tid, (notes, verdict, rating), (want_note, want_v, want_r)))
    texts = [x[0] for x in q("select p.text from prompt p join shot s on s.id = p.shot_id where s.code = ?", '%dA' % w)]
    want = ['prompt %s %d' % (u, k) for k in ks if k % 6 == 3]
    if sorted(texts) != sorted(want):
        bad.append('%s: %d prompts, %d expected (or texts differ)' % (u, len(texts), len(want)))
    edits = [k for k in ks if k % 6 == 4]
    sn = q("select notes from shot where code = ?", '%dA' % w)[0][0]
    if edits and sn != 'edit %s %d' % (u, edits[-1]):
        bad.append('%s: shot notes %r' % (u, sn))
    rows += len(takes) + len(texts)
# Every interface change exactly once, on the right take.
ids = [x[0] for x in q("select t.id from take t join shot s on s.id = t.shot_id where s.code = '1A' and t.id >= 2 order by t.id")]
want = {}
c = 0
for j in range(N):
    a = j % 5
    if a in (0, 1, 3):
        want.setdefault(ids[c], {})['v'] = {0: 'maybe', 1: 'keep', 3: 'reject'}[a]
        c += 1
    elif a == 2:
        want.setdefault(ids[c], {})['r'] = 3
    else:
        want.setdefault(ids[c - 1], {})['n'] = 'tnote-%d' % j
for tid, w in want.items():
    notes, verdict, rating, by = q("select notes, verdict, rating, verdict_by from take where id = ?", tid)[0]
    got = {'v': verdict, 'r': rating, 'n': notes}
    for k, v in w.items():
        if got[k] != v:
            bad.append('tui: take %d %s is %r, not %r' % (tid, k, got[k], v))
    if 'v' in w and by != 'tui':
        bad.append('tui: take %d verdict by %r' % (tid, by))
reviewed = q("select count(*) from take t join shot s on s.id = t.shot_id where s.code = '1A' and t.id >= 2 and t.verdict != 'unreviewed'")[0][0]
if reviewed != c:
    bad.append('tui: %d takes reviewed, not %d' % (reviewed, c))
rows += N * P
ok = q("pragma integrity_check")[0][0]
if ok != 'ok':
    bad.append('integrity: ' + ok)
if locked:
    bad.append('%d busy/locked messages' % locked)
for b in bad[:20]:
    print(b, file=sys.stderr)
times.sort()
secs = t1 - t0
print('concurrency: %d processes x %d changes, %d rows in the event log, %d locked errors, '
      '0 retries, %.1f s, %.0f changes/s, command p99 %.0f ms, max %.0f ms, '
      'interface batch max %.0f ms' % (P, N, P * N, locked, secs,
      P * N / secs, 1000 * times[int(len(times) * 0.99)], 1000 * times[-1],
      1000 * max(tui['waits'])))
sys.exit(1 if bad else 0)
EOF
	cat "$R/summary"
	ok "$T" -f "$DB" check
	cd "$WORK" || exit 99
done
exit 0
