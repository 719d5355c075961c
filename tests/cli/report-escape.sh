#!/bin/sh
# report: text from the database that holds HTML, CSV separators, quotes,
# a newline, a terminal escape, Markdown and a formula (in a title, a
# heading, a description, a prompt, a backend, a model and a user name),
# and invalid UTF-8, survives every format safely: txt and md show it
# sanitised and escaped, CSV quotes it (a spreadsheet sees the text, not
# a formula), JSON keeps it exactly, HTML escapes it and stays well-formed.
. "$TESTS_DIR/cli/lib.sh"

command -v python3 >/dev/null 2>&1 || { echo "no python3" >&2; exit 77; }

E=$(printf '\033')
NL='
'
H="=HYPERLINK(\"x\") <script>alert(1)</script> & \"q\" 'a', b|c;${NL}next ${E}[31mRED${E}[0m *em* [l](u) #h"
mkdir "$WORK/p" && cd "$WORK/p" || exit 99
ok "$T" init --title "$H"
ok "$T" scene add "$H"
ok "$T" shot add 1 "$H" --seconds 4
ok "$T" prompt add 1A "$H"
ok "$T" take add 1A --prompt 1A/v1 --seconds 4 --cost 0.5 \
    --backend "$H" --model "$H"
ok env USER="$H" "$T" take add 1A --prompt 1A/v1 --seconds 4
ok "$T" take keep 1
ok "$T" take reject 2 --reason morphing
printf '%s' "$H" > "$WORK/h.txt"

cat > "$WORK/check.py" <<'EOF'
"""check.py FORMAT FILE H: the report in FILE carries H safely."""
import csv, io, json, sys, xml.etree.ElementTree as ET

fmt, path = sys.argv[1], sys.argv[2]
h = open(sys.argv[3], encoding='utf-8').read()
raw = open(path, 'rb').read()
text = raw.decode('utf-8')                     # valid UTF-8 in any format
bad = []
# What a terminal-safe form of H looks like (sanitize_line / _text).
safe_line = h.replace('\n', '^J').replace('\x1b', '^[')
safe_text = h.replace('\x1b', '^[')

if fmt != 'json' and '\x1b' in text:
    bad.append('a raw escape character')
if fmt in ('txt', 'md') and any(c in text for c in '\x00\x07\x08\x7f'):
    bad.append('a raw control character')

if fmt == 'txt':
    if safe_line[:40] not in text:
        bad.append('the title is not there, sanitised')
elif fmt == 'md':
    for line in text.split('\n'):
        if line.startswith('|'):
            # Every unescaped | is a cell border: rows keep their columns.
            cells = 0
            i = 0
            while i < len(line):
                if line[i] == '\\':
                    i += 2
                    continue
                cells += line[i] == '|'
                i += 1
            if not line.endswith(' |') and not line.endswith('|'):
                bad.append('a row that does not end: ' + line)
        if '<script>' in line:
            bad.append('raw HTML: ' + line)
    if '\\<script\\>' not in text:
        bad.append('the HTML is not escaped')
    if '<br>next' not in text:
        bad.append('the newline is not a <br>')
    # The cells of each table all have the same number of borders.
    rows = [l for l in text.split('\n') if l.startswith('| ')]
    def borders(line):
        n, i = 0, 0
        while i < len(line):
            if line[i] == '\\':
                i += 2
                continue
            n += line[i] == '|'
            i += 1
        return n
    tables, cur = [], []
    for l in text.split('\n'):
        if l.startswith('|'):
            cur.append(l)
        elif cur:
            tables.append(cur)
            cur = []
    for t in tables:
        if len({borders(l) for l in t}) != 1:
            bad.append('a table with ragged rows: %r' % t[:3])
elif fmt == 'csv':
    sections, cur = {}, None
    rows = list(csv.reader(io.StringIO(text, newline='')))
    for r in rows:
        if len(r) == 1 and r[0].startswith('# '):
            cur = r[0][2:]
            sections[cur] = []
        elif r and cur is not None:
            sections[cur].append(r)
    for name, rs in sections.items():
        if len({len(r) for r in rs}) != 1:
            bad.append('table %s has ragged rows' % name)
    sc = dict(zip(sections['scenes'][0], sections['scenes'][1]))
    if sc['heading'] != "'" + safe_text:
        bad.append('heading in CSV: %r' % sc['heading'])
    sh = dict(zip(sections['shots'][0], sections['shots'][1]))
    if sh['description'] != "'" + safe_text:
        bad.append('description in CSV: %r' % sh['description'])
    v = dict(zip(sections['variants'][0], sections['variants'][1]))
    if v['text'] != "'" + safe_text:
        bad.append('text in CSV: %r' % v['text'])
    p = {r[0] for r in sections['people'][1:]}
    if "'" + safe_text not in p:
        bad.append('person in CSV: %r' % p)
    for name, rs in sections.items():
        for r in rs[1:]:
            for c in r:
                if c[:1] in ('=', '+', '-', '@') and not c.startswith('="'):
                    if not c.lstrip('-').replace('.', '').isdigit():
                        bad.append('a formula in %s: %r' % (name, c))
elif fmt == 'json':
    j = json.loads(text)
    if j['title'] != h or j['scenes'][0]['heading'] != h:
        bad.append('JSON changed the text')
    if j['shots'][0]['description'] != h or j['variants'][0]['text'] != h:
        bad.append('JSON changed the text')
    if j['backends'][0]['backend'] != h or j['backends'][0]['model'] != h:
        bad.append('JSON changed the backend')
    if h not in [p['person'] for p in j['people']]:
        bad.append('JSON changed the person')
elif fmt == 'html':
    root = ET.fromstring(raw)
    X = '{http://www.w3.org/1999/xhtml}'
    if any(e.tag.endswith('}script') for e in root.iter()):
        bad.append('a <script> element')
    h1 = ''.join(root.find('.//' + X + 'h1').itertext())
    if h1 != safe_text.replace('\n', ' '):
        bad.append('h1: %r' % h1)
    cells = [''.join(td.itertext()) for td in root.iter(X + 'td')]
    if safe_text.replace('\n', '') not in cells:
        bad.append('the heading is not a cell')
if bad:
    print('%s: %s' % (fmt, '\n'.join(bad)), file=sys.stderr)
    sys.exit(1)
EOF

for f in txt md csv json html; do
	ok "$T" report -o "$WORK/r.$f"
	python3 "$WORK/check.py" $f "$WORK/r.$f" "$WORK/h.txt" ||
	    fail "the $f report does not carry the text safely"
done
# --table output too.
ok "$T" report --table shots --format md
printf '%s\n' "$OUT" | grep -q '\\<script\\>' || fail "md --table unescaped"
printf '%s' "$OUT" | grep -q "$E" && fail "escape in md --table"
ok "$T" report --table shots
printf '%s' "$OUT" | grep -q "$E" && fail "escape in txt --table"

# Invalid UTF-8 put in the database behind takeboard's back.
python3 - <<'EOF' || exit 99
import sqlite3
db = sqlite3.connect('takeboard.db')
db.execute("UPDATE shot SET description = CAST(X'41FF42C3' AS TEXT)")
db.execute("UPDATE scene SET heading = CAST(X'E282' AS TEXT) || 'x'")
db.commit()
EOF
for f in txt md csv json html; do
	ok "$T" report -o "$WORK/u.$f"
	python3 -c "open('$WORK/u.$f', encoding='utf-8').read()" ||
	    fail "the $f report is not valid UTF-8"
done
python3 -c "
import json, xml.etree.ElementTree as ET
j = json.load(open('$WORK/u.json'))
assert j['shots'][0]['description'] == 'A\ufffdB\ufffd', j['shots'][0]
ET.parse('$WORK/u.html')
" || fail "invalid UTF-8 is not replaced"
exit 0
