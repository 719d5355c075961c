#!/bin/sh
# stats: a small production with hand-computed numbers, checked for every
# grouping (production, scene, shot, prompt), the filters, the table.
. "$TESTS_DIR/cli/lib.sh"

# tbcheck.py (in the current folder, so `json` can import it):
#   rows(j, *keys): the rows of a stats answer as a dict keyed by those fields
#   near(got, want): every key of want is in got with the same value (numbers
#     to 1e-9; None must be None); prints what differs to stderr
#   sums(j): the total's counts, seconds and cost are the sums of the rows'
cat > "$WORK/tbcheck.py" <<'EOF'
import sys

def rows(j, *keys):
    return {tuple(r.get(k) for k in keys): r for r in j['rows']}

def near(got, want, where=''):
    good = True
    if not isinstance(got, dict):
        print('%s: not an object: %r' % (where, got), file=sys.stderr)
        return False
    for k, w in want.items():
        if k not in got:
            print('%s: no key %r' % (where, k), file=sys.stderr)
            good = False
            continue
        g = got[k]
        if w is None or isinstance(w, str):
            same = g == w
        else:
            same = (isinstance(g, (int, float)) and not isinstance(g, bool)
                    and abs(g - w) < 1e-9)
        if not same:
            print('%s: %s is %r, want %r' % (where, k, g, w), file=sys.stderr)
            good = False
    return good

def sums(j):
    good = True
    for k in ('takes', 'failed', 'kept', 'maybe', 'rejected', 'unreviewed',
              'seconds_generated', 'seconds_used', 'cost'):
        s = sum(r[k] for r in j['rows'])
        if abs(s - j['total'][k]) > 1e-9:
            print('total %s is %r, rows sum to %r' % (k, j['total'][k], s),
                  file=sys.stderr)
            good = False
    return good

def stat(takes, failed, kept, maybe, rejected, unreviewed, gen, used, cost,
         one_in):
    return {
        'takes': takes, 'failed': failed, 'kept': kept, 'maybe': maybe,
        'rejected': rejected, 'unreviewed': unreviewed,
        'keep_rate': kept / takes if takes else None,
        'seconds_generated': gen, 'seconds_used': used,
        'usage': used / gen if gen else None,
        'one_in': one_in,
        'cost': cost,
        'cost_per_used_second': cost / used if used else None,
    }

# The production below, computed by hand.
P = {
    '1A/v1': stat(2, 0, 1, 0, 1, 0, 16, 2, 2.0, 8),
    '1A/v2': stat(2, 1, 1, 1, 0, 0, 8, 4, 1.25, 2),
    '1B/v1': stat(2, 0, 0, 0, 1, 1, 20, 0, 4.0, None),
    '1B/-': stat(1, 0, 1, 0, 0, 0, 5, 4.5, 0.0, 1),
    '2A/v1': stat(1, 2, 1, 0, 0, 0, 6, 1.5, 2.0, 4),
    '2A/v2': stat(0, 0, 0, 0, 0, 0, 0, 0, 0.0, None),
}
SH = {
    '1A': stat(4, 1, 2, 1, 1, 0, 24, 6, 3.25, 4),
    '1B': stat(3, 0, 1, 0, 1, 1, 25, 4.5, 4.0, 6),
    '2A': stat(1, 2, 1, 0, 0, 0, 6, 1.5, 2.0, 4),
    '2B': stat(0, 0, 0, 0, 0, 0, 0, 0, 0.0, None),
}
SC = {
    '1': stat(7, 1, 3, 1, 2, 1, 49, 10.5, 7.25, 5),
    '2': stat(1, 2, 1, 0, 0, 0, 6, 1.5, 2.0, 4),
    '3': stat(0, 0, 0, 0, 0, 0, 0, 0, 0.0, None),
}
TOTAL = stat(8, 3, 4, 1, 2, 1, 55, 12, 9.25, 5)
EOF

cd "$WORK" || exit 99
C="__import__('tbcheck')"

ok "$T" init
ok "$T" scene add "INT. KITCHEN - DAY"
ok "$T" scene add "EXT. STREET - NIGHT"
ok "$T" scene add "EXT. EMPTY LOT"
ok "$T" shot add 1 "kettle"
ok "$T" shot add 1 "hands"
ok "$T" shot add 2 "runner"
ok "$T" shot add 2 "never shot"
ok "$T" prompt add 1A "kettle, first try"
ok "$T" prompt add 1A "kettle, second try"
ok "$T" prompt add 1B "hands"
ok "$T" prompt add 2A "runner"
ok "$T" prompt add 2A "runner, unused variant"

# Takes 1..11. A clip made with mkmp4 gives take 1 its 8 s.
"$HELPERS/mkmp4" "$WORK/k.mp4" 8 || exit 99
ok "$T" take add 1A --prompt 1A/v1 --cost 1 "$WORK/k.mp4"
ok "$T" take add 1A --prompt 1A/v1 --seconds 8 --cost 1
ok "$T" take add 1A --prompt 1A/v2 --seconds 4 --cost 0.5
ok "$T" take add 1A --prompt 1A/v2 --seconds 4 --cost 0.5
ok "$T" take add 1A --prompt 1A/v2 --failed "timeout" --cost 0.25
ok "$T" take add 1B --prompt 1B/v1 --seconds 10 --cost 2
ok "$T" take add 1B --prompt 1B/v1 --seconds 10 --cost 2
ok "$T" take add 1B --seconds 5
ok "$T" take add 2A --prompt 2A/v1 --seconds 6 --cost 1.5
ok "$T" take add 2A --prompt 2A/v1 --failed "policy" --cost 0.5
ok "$T" take add 2A --prompt 2A/v1 --failed "policy"
has '^take 11 added'
ok "$T" take keep 1 --in 1 --out 3	# 2 s used
ok "$T" take reject 2 --reason morphing
ok "$T" take keep 3			# whole 4 s
ok "$T" take maybe 4
ok "$T" take reject 7 --reason hands
ok "$T" take keep 8 --in 0.5		# 4.5 s
ok "$T" take keep 9 --out 1.5		# 1.5 s
ok "$T" take rate 9 5

# ----------------------------------------------------------- production
ok "$T" stats --by production --json
json "j['by'] == 'production' and len(j['rows']) == 1"
json "$C.near(j['rows'][0], $C.TOTAL, 'row') and $C.near(j['total'], $C.TOTAL, 'total')"
json "not any(k in j['rows'][0] for k in ('scene', 'shot', 'prompt', 'label', 'heading'))"
json "not any(k in j['total'] for k in ('scene', 'shot', 'prompt', 'label', 'heading'))"

# ---------------------------------------------------------------- scene
ok "$T" stats --json
json "j['by'] == 'scene'"
ok "$T" stats --by scene --json
json "j['by'] == 'scene'"
json "[r['scene'] for r in j['rows']] == ['1', '2', '3']"
json "j['rows'][0]['heading'] == 'INT. KITCHEN - DAY'"
json "all($C.near(r, $C.SC[r['scene']], 'scene ' + r['scene']) for r in j['rows'])"
json "$C.near(j['total'], $C.TOTAL, 'total') and $C.sums(j)"
json "not any(k in r for r in j['rows'] for k in ('shot', 'prompt', 'label'))"
json "not any(k in j['total'] for k in ('scene', 'shot', 'prompt', 'label'))"
# The empty scene: zero counts and null ratios.
json "[(r['keep_rate'], r['usage'], r['one_in'], r['cost_per_used_second']) for r in j['rows'] if r['scene'] == '3'] == [(None, None, None, None)]"
json "[(r['takes'], r['seconds_generated'], r['cost']) for r in j['rows'] if r['scene'] == '3'] == [(0, 0, 0)]"

# ----------------------------------------------------------------- shot
ok "$T" stats --by shot --json
json "j['by'] == 'shot'"
json "[(r['scene'], r['shot']) for r in j['rows']] == [('1', '1A'), ('1', '1B'), ('2', '2A'), ('2', '2B')]"
json "all($C.near(r, $C.SH[r['shot']], 'shot ' + r['shot']) for r in j['rows'])"
json "$C.near(j['total'], $C.TOTAL, 'total') and $C.sums(j)"
json "not any(k in r for r in j['rows'] for k in ('prompt', 'label'))"

# --------------------------------------------------------------- prompt
ok "$T" stats --by prompt --json
json "j['by'] == 'prompt'"
json "len(j['rows']) == 6 and set($C.rows(j, 'shot', 'label')) == {('1A', 'v1'), ('1A', 'v2'), ('1B', 'v1'), ('1B', None), ('2A', 'v1'), ('2A', 'v2')}"
json "all($C.near(r, $C.P[r['shot'] + '/' + (r['label'] or '-')], 'variant %s/%s' % (r['shot'], r['label'])) for r in j['rows'])"
json "all('scene' in r and 'shot' in r and 'prompt' in r and 'label' in r for r in j['rows'])"
json "[r['prompt'] for r in j['rows'] if r['label'] == 'v2' and r['shot'] == '1A'] == [2]"
json "$C.near(j['total'], $C.TOTAL, 'total') and $C.sums(j)"

# -------------------------------------------------------------- filters
ok "$T" stats --scene 1 --by shot --json
json "[r['shot'] for r in j['rows']] == ['1A', '1B']"
json "all($C.near(r, $C.SH[r['shot']], 'shot ' + r['shot']) for r in j['rows'])"
json "$C.near(j['total'], $C.SC['1'], 'total') and $C.sums(j)"
ok "$T" stats --scene 2 --json
json "[r['scene'] for r in j['rows']] == ['2'] and $C.near(j['total'], $C.SC['2'], 'total')"
ok "$T" stats --shot 1A --by prompt --json
json "[r['label'] for r in j['rows']] == ['v1', 'v2']"
json "$C.near(j['total'], $C.SH['1A'], 'total') and $C.sums(j)"
ok "$T" stats --shot 1B --by shot --json
json "[r['shot'] for r in j['rows']] == ['1B'] and $C.near(j['rows'][0], $C.SH['1B'], '1B')"
ok "$T" stats --scene 3 --by shot --json
json "j['rows'] == [] and $C.near(j['total'], $C.SC['3'], 'total')"

bad 1 "production scene shot prompt" "$T" stats --by take
bad 1 "production scene shot prompt" "$T" stats --by ""
bad 1 "no scene 'Q'" "$T" stats --scene Q
bad 1 "no shot 'ZZ'" "$T" stats --shot ZZ
bad 2 "unknown option" "$T" stats --frob
printf '%s\n' "$ERR" | grep -q '^usage: ' || fail "no usage line"

# ---------------------------------------------------------------- table
dash=$(printf '\342\200\223')
ok "$T" stats
has '^SCENE +TAKES +FAIL +KEPT +MAYBE +REJ +UNREV +KEEP% +GEN-S +USED-S +USAGE +1-IN +COST +COST/S$'
has '^1 +7 +1 +3 +1 +2 +1 +42\.9% +49\.00 +10\.50 +21\.43% +1 in 5 +7\.25 +0\.69$'
has "^3 +0 +0 +0 +0 +0 +0 +$dash +0\.00 +0\.00 +$dash +$dash +0\.00 +$dash\$"
has '^TOTAL +8 +3 +4 +1 +2 +1 +50\.0% +55\.00 +12\.00 +21\.82% +1 in 5 +9\.25 +0\.77$'
[ "$(printf '%s\n' "$OUT" | tail -n 1 | cut -c1-5)" = TOTAL ] || fail "TOTAL is not the last row"
ok "$T" stats --by prompt
has '^VARIANT '
has '^1A/v2 +2 +1 +1 +1 +0 +0 +50\.0% +8\.00 +4\.00 +50\.00% +1 in 2 '
has "^1B/v1 +2 +0 +0 +0 +1 +1 +0\.0% +20\.00 +0\.00 +0\.00% +$dash "
has '^TOTAL +8 '
ok "$T" stats --by shot
has '^SHOT '
has '^1B +3 +0 +1 +0 +1 +1 +33\.3% +25\.00 +4\.50 +18\.00% +1 in 6 +4\.00 +0\.89$'
ok "$T" stats --by production
has '^TOTAL +8 +3 +4 '

exit 0
