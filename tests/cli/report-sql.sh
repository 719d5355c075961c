#!/bin/sh
# report: the figures of the JSON report checked against SQL of its own
# (python3's sqlite3 module reading takeboard.db, then plain Python sums),
# with and without filters, on the fixed production of report-lib.sh and
# on the demo; and the report agrees with `takeboard stats` to the last
# digit, in JSON and in the CSV and text tables. Skips without python3.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/cli/report-lib.sh"

command -v python3 >/dev/null 2>&1 || { echo "no python3" >&2; exit 77; }

cat > "$WORK/check.py" <<'EOF'
"""check.py DB REPORT.json [scene=CODE] [since=D] [until=D] [backend=B]
[person=P] [today=D]: recompute the report from the database and compare."""
import datetime, json, sqlite3, sys

db = sqlite3.connect(sys.argv[1])
rep = json.load(open(sys.argv[2]))
arg = dict(a.split('=', 1) for a in sys.argv[3:])
bad = []

def near(got, want, where):
    if want is None or isinstance(want, (str, list, dict, tuple)):
        ok = got == want
    else:
        ok = (isinstance(got, (int, float)) and not isinstance(got, bool)
              and abs(got - want) <= 1e-9 * max(1, abs(want)))
    if not ok:
        bad.append('%s: %r, want %r' % (where, got, want))

def day(s):
    return datetime.date.fromisoformat(s)

scene_id = None
if 'scene' in arg:
    scene_id = db.execute('SELECT id FROM scene WHERE code = ?',
                          (arg['scene'],)).fetchone()[0]

def wanted(t, since, until):
    d = t['created'][:10]
    return ((scene_id is None or t['scene_id'] == scene_id)
            and (since is None or d >= since) and (until is None or d <= until)
            and ('backend' not in arg or t['backend'] == arg['backend'])
            and ('person' not in arg or t['created_by'] == arg['person']))

cols = ('id', 'shot_id', 'scene_id', 'prompt_id', 'status', 'verdict',
        'duration_ms', 'in_ms', 'out_ms', 'cost', 'created', 'created_by',
        'backend', 'model')
every = [dict(zip(cols, r)) for r in db.execute(
    'SELECT t.id, t.shot_id, h.scene_id, t.prompt_id, t.status, t.verdict, '
    't.duration_ms, t.in_ms, t.out_ms, t.cost, t.created, t.created_by, '
    't.backend, t.model FROM take t, shot h WHERE h.id = t.shot_id')]
takes = [t for t in every if wanted(t, arg.get('since'), arg.get('until'))]

def used(t):
    if t['status'] != 'ready' or t['verdict'] != 'keep':
        return 0
    end = t['out_ms'] if t['out_ms'] is not None else (t['duration_ms'] or 0)
    return max(0, end - (t['in_ms'] or 0))

def stats(ts):
    ready = [t for t in ts if t['status'] == 'ready']
    n = len(ready)
    kept = sum(1 for t in ready if t['verdict'] == 'keep')
    gen = sum(t['duration_ms'] or 0 for t in ready)
    u = sum(used(t) for t in ts)
    cost = sum(t['cost'] for t in ts)
    one_in = None
    if u > 0 and gen > 0:
        one_in = max(1, int(gen / u + 0.5))
    return {
        'takes': n,
        'failed': sum(1 for t in ts if t['status'] == 'failed'),
        'kept': kept,
        'maybe': sum(1 for t in ready if t['verdict'] == 'maybe'),
        'rejected': sum(1 for t in ready if t['verdict'] == 'reject'),
        'unreviewed': sum(1 for t in ready if t['verdict'] == 'unreviewed'),
        'keep_rate': kept / n if n else None,
        'seconds_generated': gen / 1000, 'seconds_used': u / 1000,
        'usage': u / gen if gen else None, 'one_in': one_in,
        'cost': cost / 1e6,
        'cost_per_used_second': (cost / 1e6) / (u / 1000) if u else None,
    }

def same(got, ts, where):
    for k, v in stats(ts).items():
        near(got.get(k, 'missing'), v, '%s.%s' % (where, k))

# Storyboard.
scenes = db.execute('SELECT id, code, heading, status FROM scene WHERE '
                    '? IS NULL OR id = ? ORDER BY position, id',
                    (scene_id, scene_id)).fetchall()
shots = db.execute('SELECT h.id, h.code, h.scene_id, h.status, s.code FROM '
                   'shot h, scene s WHERE s.id = h.scene_id AND (? IS NULL '
                   'OR h.scene_id = ?) ORDER BY s.position, s.id, '
                   'h.position, h.id', (scene_id, scene_id)).fetchall()
if [s['scene'] for s in rep['scenes']] != [c for _, c, _, _ in scenes]:
    bad.append('scenes: %r' % [s['scene'] for s in rep['scenes']])
if [s['shot'] for s in rep['shots']] != [c for _, c, _, _, _ in shots]:
    bad.append('shots: %r' % [s['shot'] for s in rep['shots']])
for (sid, code, heading, status), row in zip(scenes, rep['scenes']):
    same(row, [t for t in takes if t['scene_id'] == sid], 'scene ' + code)
    near(row['heading'], heading, 'scene %s heading' % code)
    near(row['status'], status, 'scene %s status' % code)
    mine = [h for h in shots if h[2] == sid]
    near(row['shots'], len(mine), 'scene %s shots' % code)
    near(row['shots_with_kept'], sum(1 for h in mine if stats(
        [t for t in takes if t['shot_id'] == h[0]])['kept'] > 0),
        'scene %s shots_with_kept' % code)
for (hid, code, sid, status, scode), row in zip(shots, rep['shots']):
    same(row, [t for t in takes if t['shot_id'] == hid], 'shot ' + code)
    near(row['scene'], scode, 'shot %s scene' % code)
    near(row['status'], status, 'shot %s status' % code)

# Summary.
s = rep['summary']
same(s, takes, 'summary')
near(s['scenes'], len(scenes), 'summary.scenes')
near(s['shots'], len(shots), 'summary.shots')
near(s['shots_with_kept'], sum(1 for h in shots if stats(
    [t for t in takes if t['shot_id'] == h[0]])['kept'] > 0),
    'summary.shots_with_kept')
for st in ('planned', 'generating', 'review', 'approved', 'post', 'final',
           'omitted'):
    near(s['scenes_by_status'][st], sum(1 for x in scenes if x[3] == st),
         'scenes_by_status.' + st)
    near(s['shots_by_status'][st], sum(1 for x in shots if x[3] == st),
         'shots_by_status.' + st)

# Variants: every variant of the covered shots, then takes without one.
variants = db.execute(
    'SELECT p.id, p.label, p.text, h.code FROM prompt p, shot h, scene s '
    'WHERE h.id = p.shot_id AND s.id = h.scene_id AND (? IS NULL OR '
    'h.scene_id = ?)', (scene_id, scene_id)).fetchall()
byid = {v['prompt']: v for v in rep['variants'] if v['prompt'] is not None}
near(len(byid), len(variants), 'number of variants')
for pid, label, text, shot in variants:
    v = byid.get(pid)
    if v is None:
        bad.append('variant %d missing' % pid)
        continue
    same(v, [t for t in takes if t['prompt_id'] == pid], 'variant %d' % pid)
    near(v['label'], label, 'variant %d label' % pid)
    near(v['text'], text, 'variant %d text' % pid)
    near(v['shot'], shot, 'variant %d shot' % pid)
for v in rep['variants']:
    if v['prompt'] is None:
        hid = [h[0] for h in shots if h[1] == v['shot']][0]
        same(v, [t for t in takes if t['shot_id'] == hid and
                 t['prompt_id'] is None], 'no variant of ' + v['shot'])
nov = {h[1] for h in shots
       if any(t['shot_id'] == h[0] and t['prompt_id'] is None for t in takes)}
near(sorted(v['shot'] for v in rep['variants'] if v['prompt'] is None),
     sorted(nov), 'shots with takes without a variant')

# Best variant of each shot: the highest usage among those with use.
def usage(v):
    return v['usage'] if v['usage'] is not None else -1
for sh in rep['shots']:
    cands = [v for v in rep['variants'] if v['shot'] == sh['shot'] and
             v['prompt'] is not None and v['seconds_used'] > 0]
    if not cands:
        near(sh['best_prompt'], None, 'best of ' + sh['shot'])
        continue
    top = max(usage(v) for v in cands)
    best = [v for v in cands if usage(v) == top]
    if sh['best_prompt'] not in [v['prompt'] for v in best]:
        bad.append('best of %s: %r' % (sh['shot'], sh['best_prompt']))
near(len(rep['best_variants']),
     sum(1 for sh in rep['shots'] if sh['best_prompt'] is not None),
     'best_variants')

# People, backends and models.
def groups(key):
    out = {}
    for t in takes:
        out.setdefault(key(t), []).append(t)
    return out
g = groups(lambda t: t['created_by'])
near(sorted(p['person'] for p in rep['people']), sorted(g), 'people')
for p in rep['people']:
    same(p, g.get(p['person'], []), 'person ' + p['person'])
g = groups(lambda t: (t['backend'], t['model']))
near(sorted(((b['backend'] or ''), (b['model'] or ''))
            for b in rep['backends']),
     sorted(((k[0] or ''), (k[1] or '')) for k in g), 'backends')
for b in rep['backends']:
    same(b, g.get((b['backend'], b['model']), []),
         'backend %s/%s' % (b['backend'], b['model']))
costs = [p['cost'] for p in rep['people']]
if costs != sorted(costs, reverse=True):
    bad.append('people not by cost')

# Reject reasons: rejected takes carrying each reason.
rej = [t for t in takes if t['status'] == 'ready' and t['verdict'] == 'reject']
reasons = {}
for tid, reason in db.execute('SELECT take_id, reason FROM take_reason'):
    reasons.setdefault(tid, []).append(reason)
count = {}
for t in rej:
    for r in reasons.get(t['id'], [None]):
        count[r] = count.get(r, 0) + 1
near({r['reason']: r['takes'] for r in rep['reasons']}, count, 'reasons')
for r in rep['reasons']:
    near(r['share'], r['takes'] / len(rej), 'share of ' + str(r['reason']))
for sr in rep['scene_reasons']:
    sid = [x[0] for x in scenes if x[1] == sr['scene']][0]
    mine = [t for t in rej if t['scene_id'] == sid]
    near(sr['rejected'], len(mine), 'rejected in scene ' + sr['scene'])
    c = {}
    for t in mine:
        for r in reasons.get(t['id'], [None]):
            c[r] = c.get(r, 0) + 1
    near({r['reason']: r['takes'] for r in sr['reasons']}, c,
         'reasons of scene ' + sr['scene'])

# Days: every day of the period, the takes made that day, the burn-down.
days = rep['days']
near(rep['period']['days'], len(days), 'period.days')
if days:
    first, last = day(days[0]['day']), day(days[-1]['day'])
    near(len(days), (last - first).days + 1, 'days are consecutive')
    if 'since' in arg:
        near(days[0]['day'], arg['since'], 'first day')
    if 'until' in arg:
        near(days[-1]['day'], arg['until'], 'last day')
    for d in days:
        same(d, [t for t in takes if t['created'][:10] == d['day']],
             'day ' + d['day'])
    near(sum(d['takes'] for d in days), len([t for t in takes
         if t['status'] == 'ready']), 'the days hold every take')
    history = {}
    for oid, status, at in db.execute(
            "SELECT object_id, status, at FROM status_change WHERE kind = "
            "'shot' ORDER BY at, id"):
        history.setdefault(oid, []).append((at[:10], status))
    for d in days:
        n = 0
        for h in shots:
            state = None
            for when, status in history.get(h[0], []):
                if when <= d['day']:
                    state = status
            if state in ('planned', 'generating', 'review'):
                n += 1
        near(d['open_shots'], n, 'open shots on ' + d['day'])
    weeks = rep['weeks']
    near(sum(w['days'] for w in weeks), len(days), 'weeks cover the days')
    for w in weeks:
        mine = [d for d in days if '%d-W%02d' % day(d['day']).isocalendar()[:2]
                == w['week']]
        near(w['days'], len(mine), 'days of ' + w['week'])
        near(w['takes'], sum(d['takes'] for d in mine), 'takes of ' + w['week'])
        near(w['open_shots'], mine[-1]['open_shots'], 'open in ' + w['week'])
    near(rep['period']['by'], 'week' if len(days) > 31 else 'day', 'by')
    sp = s['spend']
    if sp['per'] == 'day':
        near(sp['average'], s['cost'] / len(days), 'spend per day')
    else:
        near(sp['average'], s['cost'] * 7 / len(days), 'spend per week')

# The previous period: as many days just before --since.
if 'since' in arg:
    first = day(arg['since'])
    last = day(arg['until']) if 'until' in arg else day(days[-1]['day'])
    n = (last - first).days + 1
    pf, pl = str(first - datetime.timedelta(n)), str(
        first - datetime.timedelta(1))
    near(rep['previous']['first_day'], pf, 'previous.first_day')
    near(rep['previous']['last_day'], pl, 'previous.last_day')
    prev = [t for t in every if wanted(t, pf, pl)]
    same(rep['previous'], prev, 'previous')
    near(rep['change']['takes'], s['takes'] - rep['previous']['takes'],
         'change.takes')
    near(rep['change']['cost'], s['cost'] - rep['previous']['cost'],
         'change.cost')
else:
    near(rep['previous'], None, 'previous')

# Where the budget goes: unused shots with cost first, by cost, then by
# cost per second used.
b = rep['budget']
near(len(b), sum(1 for x in rep['shots'] if x['takes'] or x['failed'] or
                 x['cost']), 'budget rows')
def key(x):
    if x['cost'] > 0 and x['seconds_used'] == 0:
        return (0, -x['cost'])
    if x['cost'] > 0:
        return (1, -x['cost_per_used_second'])
    return (2 if x['seconds_used'] == 0 else 3, -x['seconds_generated'])
if [key(x) for x in b] != sorted(key(x) for x in b):
    bad.append('budget order: %r' % [x['shot'] for x in b])
for x in b:
    near(x['cost_share'], x['cost'] / s['cost'] if s['cost'] else None,
         'cost share of ' + x['shot'])

if bad:
    print('\n'.join(bad[:40]), file=sys.stderr)
    sys.exit(1)
EOF

cat > "$WORK/agree.py" <<'EOF'
"""agree.py REPORT.json STATS-DIR: the report's statistics are those of
`takeboard stats --json` (exactly), and its CSV and text tables print the
same digits as the stats table."""
import csv, io, json, sys

rep = json.load(open(sys.argv[1]))
d = sys.argv[2]
bad = []
FIELDS = ('takes', 'failed', 'kept', 'maybe', 'rejected', 'unreviewed',
          'keep_rate', 'seconds_generated', 'seconds_used', 'usage',
          'one_in', 'cost', 'cost_per_used_second')

def same(a, b, where):
    for k in FIELDS:
        if a[k] != b[k]:
            bad.append('%s.%s: report %r, stats %r' % (where, k, a[k], b[k]))

st = json.load(open(d + '/production.json'))
same(rep['summary'], st['total'], 'total')
st = json.load(open(d + '/scene.json'))
if len(st['rows']) != len(rep['scenes']):
    bad.append('number of scenes')
for a, b in zip(rep['scenes'], st['rows']):
    same(a, b, 'scene ' + b['scene'])
st = json.load(open(d + '/shot.json'))
for a, b in zip(rep['shots'], st['rows']):
    same(a, b, 'shot ' + b['shot'])
st = json.load(open(d + '/prompt.json'))
if len(st['rows']) != len(rep['variants']):
    bad.append('number of variants')
for a, b in zip(rep['variants'], st['rows']):
    same(a, b, 'variant %s/%s' % (b['shot'], b['label']))

# The text forms: the stats table (SCENE TAKES FAIL KEPT MAYBE REJ UNREV
# KEEP% GEN-S USED-S USAGE 1-IN COST COST/S) against the report's CSV.
def table(path):
    rows = {}
    for line in open(path, encoding='utf-8').read().splitlines()[1:]:
        f = line.replace('1 in ', '1in').split()
        rows[f[0]] = f[1:]
    return rows

def digits(x):
    return '' if x in ('\u2013', '') else x.rstrip('%').replace('1in', '')

for kind, key in (('scene', 'scene'), ('shot', 'shot')):
    text = table('%s/%s.txt' % (d, kind))
    rows = list(csv.DictReader(io.open('%s/%ss.csv' % (d, kind),
                                       newline='', encoding='utf-8')))
    for r in rows:
        code = r[key]
        if code.startswith('="'):
            code = code[2:-1]
        t = text.get(code)
        if t is None:
            bad.append('no stats row for %s %s' % (kind, code))
            continue
        want = [r['takes'], r['failed'], r['kept'], r['maybe'],
                r['rejected'], r['unreviewed'], r['keep_rate_pct'],
                r['seconds_generated'], r['seconds_used'], r['usage_pct'],
                r['one_in'], r['cost'], r['cost_per_used_second']]
        got = [digits(x) for x in t]
        if got != want:
            bad.append('%s %s: stats %r, report csv %r' % (kind, code, got,
                                                         want))
    total = text['TOTAL']
    if digits(total[10]) != ('%d' % rep['summary']['one_in']
                             if rep['summary']['one_in'] else ''):
        bad.append('total 1 in N')

if bad:
    print('\n'.join(bad[:40]), file=sys.stderr)
    sys.exit(1)
EOF

# check ARGS...: the JSON report with these filters against the database.
check() {
	ok "$T" report --format json "$@"
	printf '%s\n' "$OUT" > "$WORK/r.json"
	set -- $(printf '%s\n' "$@" | paste - - | sed 's/^--\([a-z]*\)\t/\1=/')
	python3 "$WORK/check.py" takeboard.db "$WORK/r.json" "$@" ||
	    fail "the report disagrees with SQL (filters: $*)"
}

# agree [--scene CODE]: the report and `takeboard stats`.
agree() {
	mkdir -p "$WORK/st"
	for by in production scene shot prompt; do
		"$T" stats --by $by --json "$@" > "$WORK/st/$by.json" ||
		    fail "stats --by $by"
	done
	"$T" stats --by scene "$@" > "$WORK/st/scene.txt" || fail "stats"
	"$T" stats --by shot "$@" > "$WORK/st/shot.txt" || fail "stats"
	"$T" report --format csv --table scenes "$@" > "$WORK/st/scenes.csv" ||
	    fail "report --table scenes"
	"$T" report --format csv --table shots "$@" > "$WORK/st/shots.csv" ||
	    fail "report --table shots"
	ok "$T" report --format json "$@"
	printf '%s\n' "$OUT" > "$WORK/r.json"
	python3 "$WORK/agree.py" "$WORK/r.json" "$WORK/st" ||
	    fail "the report disagrees with takeboard stats ($*)"
}

report_production "$WORK/prod"
check
check --since 2026-10-07
check --since 2026-10-06 --until 2026-10-08
check --until 2026-10-06
check --scene 2
check --scene 007 --since 2026-10-09
check --backend gemini
check --person joe --backend runway
check --since 2026-11-01
agree
agree --scene 1
agree --scene 007

# The demo: larger, random, with a status history.
ok "$T" demo "$WORK/demo"
cd "$WORK/demo" || exit 99
check
check --since 2026-10-10 --until 2026-10-14
check --scene 2 --person maya
check --backend comfyui
agree
agree --scene 3
# Over 31 days the spend goes by week.
check --since 2026-09-01 --until 2026-10-31
json "j['period']['by'] == 'week' and j['summary']['spend']['per'] == 'week'"
exit 0
