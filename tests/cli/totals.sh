#!/bin/sh
# totals: the per-shot totals that statistics and reports read (table
# take_total, kept by triggers) always equal a fresh recount. A seeded
# random walk of changes (takes added ready or failed, kept with in and
# out points, rejected with reasons, reviewed again, deleted, moved
# between shots and variants, their status, cost, day and author
# changed, reasons added, removed and renamed, a variant and a shot
# deleted with their takes) is checked every few steps against sums of
# its own in Python, by shot, variant, backend and model, and by
# `takeboard check`, which recounts the totals and the reasons' totals;
# then check must report a damaged total, and an old production is
# filled in by the migration. Skips without python3.
. "$TESTS_DIR/cli/lib.sh"

command -v python3 >/dev/null 2>&1 || { echo "no python3" >&2; exit 77; }

ok "$T" init --title Totals

cat > "$WORK/walk.py" <<'PY'
import json, random, sqlite3, subprocess, sys

T = sys.argv[1]
rnd = random.Random(int(sys.argv[2]))
db = sqlite3.connect('takeboard.db', isolation_level=None)
db.execute('PRAGMA busy_timeout = 5000')
db.execute('PRAGMA foreign_keys = ON')

def fail(msg):
    sys.stderr.write('FAIL: %s\n' % msg)
    sys.exit(1)

def tb(*args):
    r = subprocess.run((T,) + args, capture_output=True, text=True)
    if r.returncode != 0:
        fail('takeboard %s: %d %s' % (' '.join(args), r.returncode, r.stderr))
    return r.stdout

for s in ('1', '2', '3'):
    if db.execute('SELECT 1 FROM scene WHERE code = ?', (s,)).fetchone():
        continue
    tb('scene', 'add', 'INT. ROOM %s - DAY' % s, '--code', s)
    for h in 'ABC':
        tb('shot', 'add', s, 'shot %s%s' % (s, h), '--code', s + h)
        for v in ('a', 'b')[:rnd.randint(0, 2)]:
            tb('prompt', 'add', s + h, 'text %s' % v, '--label', v)

def col(sql, *a):
    return [r[0] for r in db.execute(sql, a)]

def ready():
    return col("SELECT id FROM take WHERE status = 'ready'")

REASONS = ['hands', 'face', 'physics', 'flicker']
BACKENDS = [(None, None), ('runway', 'gen4_turbo'), ('runway', 'gen4'),
            ('openai', 'sora-2')]

def step():
    shots = col('SELECT code FROM shot')
    takes = col('SELECT id FROM take')
    k = rnd.random()
    if k < 0.30 or not takes:
        h = rnd.choice(shots)
        a = ['take', 'add', h, '--seconds', str(rnd.randint(1, 12)),
             '--cost', '%d.%02d' % (rnd.randint(0, 3), rnd.randint(0, 99))]
        p = col('SELECT p.id FROM prompt p JOIN shot h ON h.id = p.shot_id '
                'WHERE h.code = ?', h)
        if p and rnd.random() < 0.7:
            a += ['--prompt', str(rnd.choice(p))]
        b, m = rnd.choice(BACKENDS)
        if b:
            a += ['--backend', b, '--model', m]
        if rnd.random() < 0.15:
            a += ['--failed', 'moderation']
        tb(*a)
    elif k < 0.38 and ready():
        t = rnd.choice(ready())
        a = ['take', 'keep', str(t)]
        d = col('SELECT duration_ms FROM take WHERE id = ?', t)[0]
        if d and d >= 1000 and rnd.random() < 0.6:
            i = rnd.randint(0, d // 1000 - 1)
            a += ['--in', str(i), '--out', str(rnd.randint(i + 1, d // 1000))]
        tb(*a)
    elif k < 0.56 and ready():
        t = rnd.choice(ready())
        v = rnd.choice(['maybe', 'reject', 'reject', 'reject', 'unreview'])
        a = ['take', v, str(t)]
        if v == 'reject':
            for r in rnd.sample(REASONS, rnd.randint(0, 2)):
                a += ['--reason', r]
        tb(*a)
    elif k < 0.62:
        # Reasons added, removed and renamed behind takeboard's back.
        t = rnd.choice(col('SELECT take_id FROM take_reason') or takes)
        r = rnd.choice(REASONS)
        q = rnd.choice([
            'INSERT OR IGNORE INTO take_reason VALUES (?, ?)',
            'DELETE FROM take_reason WHERE take_id = ? AND reason <> ?',
            'UPDATE OR IGNORE take_reason SET reason = ?2 WHERE take_id = ?1',
            'UPDATE OR IGNORE take_reason SET take_id = ?1 WHERE reason = ?2'])
        db.execute(q, (t, r))
    elif k < 0.68:
        tb('take', 'rm', str(rnd.choice(takes)), '--force')
    elif k < 0.76:
        # Move a take to another shot (and one of its variants or none).
        t = rnd.choice(takes)
        h = rnd.choice(col('SELECT id FROM shot'))
        p = col('SELECT id FROM prompt WHERE shot_id = ?', h) + [None]
        db.execute('UPDATE take SET shot_id = ?, prompt_id = ? WHERE id = ?',
                   (h, rnd.choice(p), t))
    elif k < 0.79:
        # A take inserted already judged (as an import might).
        db.execute("INSERT INTO take (shot_id, prompt_id, duration_ms, "
                   "status, verdict, backend, model, cost, created, "
                   "created_by) SELECT shot_id, prompt_id, duration_ms, "
                   "'ready', ?, backend, model, cost, created, created_by "
                   "FROM take WHERE id = ?",
                   (rnd.choice(['reject', 'keep', 'maybe']),
                    rnd.choice(takes)))
    elif k < 0.84:
        t = rnd.choice(takes)
        db.execute('UPDATE take SET status = ?, cost = ? WHERE id = ?',
                   (rnd.choice(['ready', 'failed', 'queued', 'generating']),
                    rnd.randint(0, 5000000), t))
    elif k < 0.92:
        t = rnd.choice(takes)
        db.execute('UPDATE take SET created = ?, created_by = ? WHERE id = ?',
                   ('2026-11-%02dT10:00:00Z' % rnd.randint(1, 9),
                    rnd.choice(['ana', 'bo', 'tester']), t))
    else:
        # Durations change (and vanish) under kept takes' in and out:
        # seconds used never count past the duration.
        t = rnd.choice(takes)
        d = rnd.choice([None, 0, 2000, 7000, 30000])
        if rnd.random() < 0.5:
            db.execute('UPDATE take SET duration_ms = ? WHERE id = ?', (d, t))
        else:
            db.execute('UPDATE take SET duration_ms = ?, in_ms = NULL, '
                       'out_ms = NULL WHERE id = ?', (d, t))

def recount():
    """Sums of our own, grouped by shot, variant, backend and model."""
    groups = {}
    for (hc, pid, b, m, st, v, d, i, o, c) in db.execute(
            'SELECT h.code, t.prompt_id, t.backend, t.model, t.status, '
            't.verdict, t.duration_ms, t.in_ms, t.out_ms, t.cost '
            'FROM take t JOIN shot h ON h.id = t.shot_id'):
        r = st == 'ready'
        used = 0
        if r and v == 'keep':
            end = min(o if o is not None else (d or 0), d or 0)
            used = max(0, end - (i or 0))
        f = [int(r), int(st == 'failed'), int(r and v == 'keep'),
             int(r and v == 'maybe'), int(r and v == 'reject'),
             int(r and v == 'unreviewed'), (d or 0) if r else 0, used, c]
        for key in (('shot', hc), ('prompt', hc, pid), ('backend', b),
                    ('model', b, m), ('production',)):
            g = groups.setdefault(key, [0] * 9)
            for j in range(9):
                g[j] += f[j]
    return groups

NAMES = ('takes', 'failed', 'kept', 'maybe', 'rejected', 'unreviewed',
         'seconds_generated', 'seconds_used', 'cost')

def figures(row):
    v = [row[n] for n in NAMES]
    return v[:6] + [round(v[6] * 1000), round(v[7] * 1000),
                    round(v[8] * 1000000)]

def verify(when):
    r = subprocess.run((T, 'check'), capture_output=True, text=True)
    if r.returncode != 0:
        fail('%s: check: %s%s' % (when, r.stdout, r.stderr))
    want = recount()
    for by in ('production', 'shot', 'prompt', 'backend', 'model'):
        got = json.loads(tb('stats', '--by', by, '--json'))
        for row in got['rows'] if by != 'production' else []:
            key = {'shot': lambda x: ('shot', x['shot']),
                   'prompt': lambda x: ('prompt', x['shot'], x['prompt']),
                   'backend': lambda x: ('backend', x['backend']),
                   'model': lambda x: ('model', x['backend'], x['model']),
                   }[by](row)
            w = want.get(key, [0] * 9)
            if figures(row) != w:
                fail('%s: stats --by %s %r: %r, a recount gives %r' %
                     (when, by, key, figures(row), w))
            want.pop(key, None)
        if figures(got['total']) != want.get(('production',), [0] * 9):
            fail('%s: stats --by %s total %r, a recount gives %r' %
                 (when, by, figures(got['total']), want[('production',)]))
        left = [k for k in want if k[0] == by and k[0] != 'production']
        if left:
            fail('%s: stats --by %s has no row for %r' % (when, by, left))

for n in range(1, 161):
    step()
    if n % 20 == 0:
        verify('step %d' % n)
# Deleting a variant or a shot deletes their takes (cascades).
p = col('SELECT id FROM prompt')
if p:
    tb('prompt', 'rm', str(p[0]), '--force')
    verify('after prompt rm')
tb('shot', 'rm', rnd.choice(col('SELECT code FROM shot')), '--force')
verify('after shot rm')
print(db.execute('SELECT count(*) FROM take').fetchone()[0],
      db.execute('SELECT count(*) FROM take_total').fetchone()[0])
PY

run python3 "$WORK/walk.py" "$T" 8
[ "$RC" -eq 0 ] || fail "random walk 8"
run python3 "$WORK/walk.py" "$T" 9
[ "$RC" -eq 0 ] || fail "random walk 9 (on top of 8)"
set -- $OUT
[ "$1" -gt 30 ] || fail "the walk left too few takes to prove much ($1)"

# The text tables by backend and by model (their figures are checked
# in JSON by the walk): takes added by hand are "(none)".
ok "$T" stats --by backend
has '^BACKEND +TAKES +FAIL'
has '^\(none\) +[0-9]+'
has '^runway +[0-9]+'
has '^TOTAL +[0-9]+'
ok "$T" stats --by model
has '^BACKEND/MODEL +TAKES'
has '^runway/gen4_turbo +[0-9]+'
has '^openai/sora-2 +[0-9]+'
has '^\(none\)/\(none\) +[0-9]+'
bad 1 "bad grouping 'maker'.*backend model" "$T" stats --by maker

# A damaged total is a problem check names, and check fails.
ok "$T" check
python3 -c "
import sqlite3
db = sqlite3.connect('takeboard.db')
k = db.execute('SELECT shot_id, prompt_id, backend, model, person, day FROM take_total LIMIT 1').fetchone()
db.execute('UPDATE take_total SET kept = kept + 1 WHERE (shot_id, prompt_id, backend, model, person, day) = (?, ?, ?, ?, ?, ?)', k)
db.commit()" || fail "cannot damage a total"
run "$T" check
[ "$RC" -eq 1 ] || fail "check passed a damaged total"
has '^totals: take_total, shot=[0-9]+, variant=[0-9]+, .*: the totals hold n=[0-9]+ takes=[0-9]+ failed=[0-9]+ kept='
has '^totals: take_total, shot=[0-9]+, .*: a recount of the takes gives n='
printf '%s\n' "$ERR" | grep -q 'problems found' || fail "no summary"

python3 -c "
import sqlite3
db = sqlite3.connect('takeboard.db')
k = db.execute('SELECT shot_id, reason FROM reason_total LIMIT 1').fetchone()
db.execute('DELETE FROM reason_total WHERE shot_id = ? AND reason = ?', k)
db.commit()" || fail "cannot damage the reasons' totals"
run "$T" check
[ "$RC" -eq 1 ] || fail "check passed a missing reason total"
has '^totals: reason_total, shot=[0-9]+, reason=[a-z]*: a recount of the takes gives n=[0-9]+$'

python3 -c "
import sqlite3
db = sqlite3.connect('takeboard.db')
db.execute('UPDATE shot_total SET ms_used = ms_used + 7 WHERE shot_id = (SELECT min(shot_id) FROM shot_total)')
db.commit()" || fail "cannot damage the shots' totals"
run "$T" check
[ "$RC" -eq 1 ] || fail "check passed a damaged shot total"
has '^totals: shot_total, shot=[0-9]+: the totals hold n=[0-9]+ takes=[0-9]+ .* ms_used=[0-9]+ cost='

# A production made before the totals existed gets them by migration.
python3 -c "
import sqlite3
db = sqlite3.connect('takeboard.db')
for (n,) in db.execute(\"SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('take', 'take_reason')\").fetchall():
    db.execute('DROP TRIGGER ' + n)
db.executescript('''DROP TABLE take_total; DROP TABLE reason_total; DROP TABLE shot_total;
PRAGMA user_version = 3;''')" ||
    fail "cannot make a schema 3 production"
ok "$T" check
has '^ok: '
run python3 -c "
import sqlite3
db = sqlite3.connect('takeboard.db')
print(db.execute('PRAGMA user_version').fetchone()[0],
      db.execute('SELECT count(*) FROM take_total').fetchone()[0],
      db.execute('SELECT count(*) FROM reason_total').fetchone()[0],
      db.execute('SELECT count(*) FROM shot_total').fetchone()[0])"
set -- $OUT
[ "$1" -eq 4 ] && [ "$2" -gt 0 ] && [ "$3" -gt 0 ] && [ "$4" -gt 0 ] ||
    fail "not migrated and filled: $OUT"
exit 0
