# SPDX-License-Identifier: ISC
# Hostile text on every command-line path, for tests/cli/hostile.sh (and
# the decoder and leak check for tests/tui/hostile.sh). Every string of
# tests/data/hostile/strings.txt goes into every text field; then every
# table, show, stats, report and error message is read as raw bytes and
# must hold no terminal control from the data, while the machine formats
# (JSON, CSV, OTIO, FCPXML, EDL) keep the text exactly or stay valid,
# and show it with its controls made visible when written to a terminal.
import csv, io, json, os, pty, re, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
import xml.etree.ElementTree as ET

# Invisible or direction-changing characters that must never be shown.
FORMAT = set(range(0x200b, 0x2010)) | set(range(0x202a, 0x202f)) | \
    set(range(0x2060, 0x2065)) | set(range(0x2066, 0x2070)) | \
    {0xad, 0x61c, 0x180e, 0xfeff, 0x2028, 0x2029} | \
    set(range(0xfff9, 0xfffc)) | set(range(0xe0000, 0xe0080))


def decode(path):
    """The strings of the data file, as bytes."""
    out = []
    for line in open(path, 'rb').read().split(b'\n'):
        if line.startswith(b'#') or line == b'':
            continue
        rep = 1
        m = re.match(rb'^\*(\d+) (.*)$', line)
        if m:
            rep, line = int(m.group(1)), m.group(2)
        b, i = bytearray(), 0
        while i < len(line):
            c = line[i:i + 1]
            if c != b'\\':
                b += c
                i += 1
                continue
            e = line[i + 1:i + 2]
            simple = {b'e': b'\x1b', b'a': b'\x07', b'b': b'\x08',
                      b'r': b'\r', b'n': b'\n', b't': b'\t', b'\\': b'\\'}
            if e in simple:
                b += simple[e]
                i += 2
            elif e == b'x':
                b.append(int(line[i + 2:i + 4], 16))
                i += 4
            elif e == b'u':
                j = line.index(b'}', i)
                cp = int(line[i + 3:j], 16)
                b += chr(cp).encode('utf-8', 'surrogatepass')
                i = j + 1
            else:
                raise ValueError('bad escape in %r' % line)
        out.append(bytes(b) * rep)
    return out


def leaks(data, allow_tab=False):
    """Why data (bytes shown on a terminal) is unsafe, or None."""
    try:
        s = data.decode('utf-8')
    except UnicodeDecodeError as e:
        return 'not UTF-8 at byte %d: %r' % (e.start, data[max(0, e.start - 20):e.start + 20])
    for i, ch in enumerate(s):
        o = ord(ch)
        if (o < 0x20 and ch != '\n' and not (allow_tab and ch == '\t')) or \
                0x7f <= o < 0xa0 or o in FORMAT or 0xd800 <= o < 0xe000:
            return 'U+%04X at %d: %r' % (o, i, s[max(0, i - 20):i + 20])
    return None


def on_tty(argv):
    """Run argv with its stdout on a pseudo-terminal; return what the
    terminal received and the exit status."""
    m, sl = pty.openpty()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=sl,
                         stderr=subprocess.DEVNULL)
    os.close(sl)
    out = []
    while True:
        try:
            d = os.read(m, 65536)
        except OSError:         # EIO: the other side is closed
            break
        if not d:
            break
        out.append(d)
    os.close(m)
    return b''.join(out), p.wait()


class Run:
    def __init__(self, tb, db):
        self.tb, self.db = tb, db
        self.paths, self.bad, self.checked = set(), [], 0

    def run(self, path, args, allow_tab=False):
        """Run takeboard; check stdout and stderr; return the result."""
        args = [a.split(b'\0')[0] if isinstance(a, bytes) else a for a in args]
        p = subprocess.run([self.tb, '-f', self.db] + args,
                           stdin=subprocess.DEVNULL, capture_output=True)
        if p.returncode not in (0, 1, 2):
            self.bad.append('%s: exit %d: %r' % (path, p.returncode, p.stderr[:300]))
        for what, data in (('stdout', p.stdout), ('stderr', p.stderr)):
            why = leaks(data, allow_tab)
            if why is not None:
                self.bad.append('%s (%s of %r): %s' % (path, what, args, why))
        if p.returncode != 0 and not p.stderr.startswith(b'takeboard: ') and \
                not p.stderr.startswith(b'usage: '):
            self.bad.append('%s: a failure without a takeboard: message: %r' % (path, p.stderr[:200]))
        self.paths.add(path)
        self.checked += 1
        return p

    def many(self, runs):
        """Run (path, args) pairs that only read, a few at a time."""
        with ThreadPoolExecutor(4) as ex:
            list(ex.map(lambda x: self.run(*x), runs))

    def json(self, path, args):
        p = self.run(path, args + ['--json'], allow_tab=True)
        try:
            return json.loads(p.stdout.decode('utf-8'))
        except (UnicodeDecodeError, ValueError) as e:
            self.bad.append('%s: not UTF-8 JSON: %s' % (path, e))
            return None

    def same(self, path, got, want):
        """Exact round trip of a valid UTF-8 string; else U+FFFD kept."""
        self.paths.add(path)
        try:
            w = want.split(b'\0')[0].decode('utf-8')
        except UnicodeDecodeError:
            w = None
        if w is not None and got != w:
            self.bad.append('%s: %r came back as %r' % (path, w[:60], (got or '')[:60]))
        elif w is None and (got is None or '\ufffd' not in got):
            self.bad.append('%s: invalid UTF-8 came back as %r' % (path, got))


def main():
    tb, work, data = sys.argv[1:4]
    strings = decode(data)
    db = os.path.join(work, 'takeboard.db')
    r = Run(tb, db)
    r.run('init', ['init', '--title', 'Hostile'])
    stored, later = {}, []
    takes, failed = [None] * len(strings), [None] * len(strings)

    def setup(i):
        s = strings[i]
        sc = str(i + 1)
        p = r.run('scene add', ['scene', 'add', s, '--code', sc,
                                '--synopsis', s, '--notes', s])
        if p.returncode != 0:
            # Refused (a heading that is empty once trimmed...): plain.
            r.run('scene add', ['scene', 'add', 'plain %d' % i, '--code', sc])
        else:
            stored.setdefault('scene', []).append(i)
        p = r.run('shot add', ['shot', 'add', sc, s, '--code', sc + 'A',
                               '--angle', s, '--move', s, '--lens', s,
                               '--action', s, '--dialogue', s, '--notes', s])
        if p.returncode != 0:
            r.run('shot add', ['shot', 'add', sc, 'plain', '--code', sc + 'A'])
        else:
            stored.setdefault('shot', []).append(i)
        p = r.run('prompt add', ['prompt', 'add', sc + 'A', s, '--model', s])
        if p.returncode == 0:
            stored.setdefault('prompt', []).append(i)
        p = r.run('take add', ['take', 'add', sc + 'A', '--seconds', '4',
                               '--backend', s, '--model', s])
        if p.returncode != 0:
            p = r.run('take add', ['take', 'add', sc + 'A', '--seconds', '4'])
        tid = p.stdout.split()[1].decode()
        takes[i] = tid
        p = r.run('take note', ['take', 'note', tid, s])
        if p.returncode == 0:
            stored.setdefault('note', []).append(i)
        r.run('take keep', ['take', 'keep', tid])
        p = r.run('take add --failed', ['take', 'add', sc + 'A', '--failed', s])
        failed[i] = p.stdout.split()[1].decode() if p.returncode == 0 else None
        # A reference that names nothing, made of the string: the error
        # message names it, sanitised.
        later.append(('take reject --reason', ['take', 'reject', tid, '--reason', s]))
        later.append(('scene show (bad ref)', ['scene', 'show', s]))
        later.append(('shot show (bad ref)', ['shot', 'show', s]))
        later.append(('take show (bad ref)', ['take', 'show', s]))
        later.append(('prompt show (bad ref)', ['prompt', 'show', b'1A/' + s]))
        later.append(('take list --verdict (bad)', ['take', 'list', '--verdict', s]))
        later.append(('shot add --size (bad)', ['shot', 'add', '1', 'x', '--size', s]))
        later.append(('shot add --status (bad)', ['shot', 'add', '1', 'x', '--status', s]))
        later.append(('unknown command', [s]))
        later.append(('unknown subcommand', ['scene', s]))
        later.append(('unknown option', ['scene', 'list', b'--' + s]))
        later.append(('missing file', ['prompt', 'add', '1A', '--file',
                               os.path.join(work, 'no-such-').encode() + s.replace(b'/', b'_')]))
        later.append(('import missing file', ['import', 'fountain',
                                      os.path.join(work, 'no-').encode() + s.replace(b'/', b'_')]))

    # Four at a time: the changes queue for the lock, as people do.
    with ThreadPoolExecutor(4) as ex:
        list(ex.map(setup, range(len(strings))))
    for s in strings:
        # The production title, shown by production and report.
        r.run('production --title', ['production', '--title', s])
        r.many([('production', ['production']), ('report (title)', ['report']),
                ('report md (title)', ['report', '--format', 'md']),
                ('stats (title)', ['stats'])])
    r.many(later)
    # A prompt from a file keeps what argv cannot: the NUL and after.
    for i, s in enumerate(strings):
        f = os.path.join(work, 'prompt-%d.txt' % i)
        open(f, 'wb').write(s)
        r.run('prompt add --file', ['prompt', 'add', '%dA' % (i + 1), '--file', f])
    # Every human output, over all the strings at once and one by one.
    r.many([(path, args) for path, args in (('scene list', ['scene', 'list']),
                       ('shot list', ['shot', 'list']),
                       ('take list', ['take', 'list']),
                       ('log', ['log', '100000']),
                       ('stats', ['stats']),
                       ('stats by scene', ['stats', '--by', 'scene']),
                       ('stats by shot', ['stats', '--by', 'shot']),
                       ('stats by prompt', ['stats', '--by', 'prompt']),
                       ('report', ['report']),
                       ('report md', ['report', '--format', 'md']),
                       ('jobs', ['jobs']),
                       ('check', ['check']))])
    reads = []
    for i, s in enumerate(strings):
        sc = str(i + 1)
        reads.append(('scene show', ['scene', 'show', sc]))
        reads.append(('shot show', ['shot', 'show', sc + 'A']))
        reads.append(('shot list SCENE', ['shot', 'list', sc]))
        reads.append(('prompt list', ['prompt', 'list', sc + 'A']))
        reads.append(('take show', ['take', 'show', takes[i]]))
        if failed[i]:
            reads.append(('take show (failed)', ['take', 'show', failed[i]]))
        reads.append(('stats --scene', ['stats', '--scene', sc, '--by', 'shot']))
        reads.append(('report --scene', ['report', '--scene', sc]))
    r.many(reads)
    ids = [p['id'] for sc in range(len(strings)) for p in
           (r.json('prompt list --json', ['prompt', 'list', '%dA' % (sc + 1)]) or [])]
    r.many([('prompt show', ['prompt', 'show', str(a)]) for a in ids] +
           [('prompt diff', ['prompt', 'diff', str(a), str(b)])
            for a, b in zip(ids, ids[1:])])

    # JSON keeps every valid string exactly.
    scenes = {x['code']: x for x in r.json('scene list --json', ['scene', 'list']) or []}
    for i in stored.get('scene', []):
        x = scenes.get(str(i + 1), {})
        r.same('scene list --json heading', x.get('heading'), strings[i].strip())
        r.same('scene list --json synopsis', x.get('synopsis'), strings[i])
    for i in stored.get('shot', []):
        x = r.json('shot show --json', ['shot', 'show', '%dA' % (i + 1)]) or {}
        for k in ('angle', 'movement', 'lens'):
            r.same('shot show --json ' + k, x.get(k), strings[i].strip())
        for k in ('dialogue', 'notes', 'action'):
            r.same('shot show --json ' + k, x.get(k), strings[i])
    for i in stored.get('note', []):
        x = r.json('take show --json', ['take', 'show', takes[i]]) or {}
        r.same('take show --json notes', x.get('notes'), strings[i])
        if failed[i]:
            x = r.json('take show --json', ['take', 'show', failed[i]]) or {}
            r.same('take show --json error', x.get('error'), strings[i])
    r.json('log --json', ['log', '100000'])
    r.json('stats --json', ['stats', '--by', 'prompt'])
    p = r.run('report json', ['report', '--format', 'json'], allow_tab=True)
    try:
        json.loads(p.stdout.decode('utf-8'))
    except (UnicodeDecodeError, ValueError) as e:
        r.bad.append('report json: %s' % e)

    # CSV keeps them too (quoted as RFC 4180 says).
    p = subprocess.run([tb, '-f', db, 'export', 'csv', '--takes'], capture_output=True)
    r.paths.add('export csv --takes')
    try:
        rows = list(csv.DictReader(io.StringIO(p.stdout.decode('utf-8'), newline='')))
    except (UnicodeDecodeError, csv.Error) as e:
        r.bad.append('export csv --takes: %s' % e)
        rows = []
    backend = {row.get('Take'): row.get('Backend') for row in rows}
    for i in stored.get('note', []):
        # A cell that a spreadsheet would run as a formula gets a quote.
        want = strings[i].split(b'\0')[0]
        if re.match(rb"^'*[=+@\t\r-]", want):
            want = b"'" + want
        r.same('export csv --takes backend', backend.get(takes[i]), want)
    for path, args in (('export csv --shots', ['export', 'csv', '--shots']),
                       ('report csv', ['report', '--format', 'csv'])):
        p = subprocess.run([tb, '-f', db] + args, capture_output=True)
        r.paths.add(path)
        try:
            list(csv.reader(io.StringIO(p.stdout.decode('utf-8'), newline='')))
        except (UnicodeDecodeError, csv.Error) as e:
            r.bad.append('%s: %s' % (path, e))
    # The cut formats: valid in their own syntax, no raw controls.
    for fmt in ('otio', 'fcpxml', 'edl'):
        p = subprocess.run([tb, '-f', db, 'export', fmt], capture_output=True)
        path = 'export ' + fmt
        r.paths.add(path)
        if p.returncode != 0:
            r.bad.append('%s: exit %d %r' % (path, p.returncode, p.stderr))
            continue
        try:
            if fmt == 'otio':
                json.loads(p.stdout.decode('utf-8'))
            elif fmt == 'fcpxml':
                ET.fromstring(p.stdout)
            else:
                why = leaks(p.stdout.replace(b'\r\n', b'\n'))
                if why:
                    r.bad.append('%s: %s' % (path, why))
        except (UnicodeDecodeError, ValueError, ET.ParseError) as e:
            r.bad.append('%s: %s' % (path, e))
    # Written to a terminal instead, each export is shown to a person:
    # no control character from the data reaches it raw.
    for fmt in (['csv', '--takes'], ['csv', '--shots'], ['otio'], ['fcpxml'],
                ['edl']):
        path = 'export %s on a terminal' % ' '.join(fmt)
        r.paths.add(path)
        out, rc = on_tty([tb, '-f', db, 'export'] + fmt)
        why = leaks(out.replace(b'\r\n', b'\n'))
        if rc != 0 or why or not out:
            r.bad.append('%s: exit %d, %s' % (path, rc, why or 'no output'))
    p = subprocess.run([tb, '-f', db, 'report', '--format', 'html'], capture_output=True)
    r.paths.add('report html')
    if b'<script>alert' in p.stdout or b'\x1b' in p.stdout:
        r.bad.append('report html: markup or ESC from the data is raw')

    for b in r.bad[:int(os.environ.get("HOSTILE_SHOW", "30"))]:
        print(b, file=sys.stderr)
    print('hostile strings: %d strings x %d paths, %d leaks (%d outputs read)' %
          (len(strings), len(r.paths), len(r.bad), r.checked))
    return 1 if r.bad else 0


if __name__ == '__main__':
    sys.exit(main())
