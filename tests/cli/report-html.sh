#!/bin/sh
# report --format html: one self-contained page (inline CSS and SVG, no
# script, nothing fetched) that is well-formed XML, parsed with python3's
# xml.etree (and xmllint where installed), for the fixed production of
# report-lib.sh, the demo and an empty production. Skips without python3.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/cli/report-lib.sh"

command -v python3 >/dev/null 2>&1 || { echo "no python3" >&2; exit 77; }

cat > "$WORK/page.py" <<'EOF'
"""page.py FILE [charts]: FILE is well-formed and self-contained."""
import re, sys, xml.etree.ElementTree as ET

path = sys.argv[1]
charts = int(sys.argv[2]) if len(sys.argv) > 2 else 0
raw = open(path, 'rb').read()
text = raw.decode('utf-8')            # strict: valid UTF-8
root = ET.fromstring(raw)             # well-formed XML
bad = []
X = '{http://www.w3.org/1999/xhtml}'
S = '{http://www.w3.org/2000/svg}'
if root.tag != X + 'html':
    bad.append('root is %s' % root.tag)
if not text.startswith('<!DOCTYPE html>\n'):
    bad.append('no doctype')
for el in root.iter():
    tag = el.tag.split('}')[-1]
    if tag in ('script', 'link', 'iframe', 'object', 'embed', 'img',
               'image', 'use', 'foreignObject', 'a', 'base', 'form'):
        bad.append('element <%s>' % tag)
    for k, v in el.attrib.items():
        k = k.split('}')[-1]
        if k.startswith('on') or k in ('src', 'href', 'srcset', 'action'):
            bad.append('attribute %s on <%s>' % (k, tag))
        if 'javascript:' in v or 'url(' in v:
            bad.append('attribute %s="%s"' % (k, v))
style = ''.join(e.text or '' for e in root.iter(X + 'style'))
if '@import' in style or 'url(' in style:
    bad.append('the style sheet fetches something')
if '@page' not in style or 'A4' not in style:
    bad.append('no A4 page')
if re.search(r'(?<!xmlns=")(https?:)?//[a-z]', text.replace(
        'http://www.w3.org/', '')):
    bad.append('a link to somewhere: %s' % re.search(
        r'(https?:)?//[a-z][^"\s<]*', text.replace('http://www.w3.org/', '')
    ).group(0))
if re.search('[\x00-\x08\x0b-\x1f\x7f]', text):
    bad.append('a control character')
svgs = root.findall('.//' + S + 'svg')
if len(svgs) < charts:
    bad.append('%d charts, want %d' % (len(svgs), charts))
for svg in svgs:
    if svg.find(S + 'title') is None:
        bad.append('a chart without a title')
if bad:
    print('\n'.join(bad), file=sys.stderr)
    sys.exit(1)
EOF

page() {
	python3 "$WORK/page.py" "$@" || fail "$1 is not a good page"
	if command -v xmllint >/dev/null 2>&1; then
		xmllint --noout --nonet "$1" || fail "xmllint: $1"
	fi
}

report_production "$WORK/prod"
ok "$T" report -o "$WORK/prod.html"
page "$WORK/prod.html" 5
# The figures, charts and tables are there, and the text reads as text.
python3 - "$WORK/prod.html" <<'EOF' || fail "the page's content"
import sys, xml.etree.ElementTree as ET
X = '{http://www.w3.org/1999/xhtml}'
root = ET.parse(sys.argv[1]).getroot()
def text(e):
    return ''.join(e.itertext())
h1 = root.find('.//' + X + 'h1')
assert text(h1) == 'Harbour "Lights" <Pilot>', text(h1)
figs = [e for e in root.iter(X + 'div') if e.get('class') == 'figure']
assert len(figs) == 11, len(figs)
ids = {e.get('id') for e in root.iter() if e.get('id')}
for want in ('summary', 'budget', 'scenes', 'shots', 'variants', 'reasons',
             'people', 'backends', 'time', 't-scenes', 't-shots', 't-budget',
             't-variants', 't-best-variants', 't-reasons', 't-days',
             'c-usage-per-scene', 'c-cost-per-scene', 'c-takes-per-day',
             'c-burn-down'):
    assert want in ids, want
cells = [text(td) for td in root.iter(X + 'td')]
assert 'INT. BAR "ZUM <b>" & GRILL | 2, 3' in cells
assert 'Glasses clinkthen a ^[[31mred^[[0m light' in cells, [
    c for c in cells if 'Glasses' in c]
assert not any(e.tag == X + 'b' for e in root.iter())
EOF

ok "$T" demo "$WORK/demo"
cd "$WORK/demo" || exit 99
ok "$T" report --format html
printf '%s\n' "$OUT" > "$WORK/demo.html"
page "$WORK/demo.html" 5
ok "$T" report --format html --since 2026-09-01 --until 2026-12-31
printf '%s\n' "$OUT" > "$WORK/long.html"
page "$WORK/long.html" 5

mkdir "$WORK/empty" && cd "$WORK/empty" || exit 99
ok "$T" init
ok "$T" report -o "$WORK/empty.html"
page "$WORK/empty.html" 0
exit 0
