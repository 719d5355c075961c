# SPDX-License-Identifier: ISC
# Hostile text through the interface, for tests/tui/hostile.sh: a
# production whose every text field holds a string of
# tests/data/hostile/strings.txt is browsed in tmux (board, shots, a shot
# with its variants and takes, review, stats, help, ':' output). Each
# screen is captured with its escapes (capture-pane -e): only tmux's own
# colour sequences may appear, no control, C1, bidi or format character,
# and the layout holds (the pane border in one column on every row,
# header and footer in place, no line wider than the pane, measured
# with wcwidth). The raw byte stream takeboard wrote (pipe-pane) must
# hold no OSC, DCS, APC, PM or SOS sequence and no C1 or bidi character.
import ctypes, ctypes.util, os, re, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.environ['TESTS_DIR'], 'cli'))
import hostile  # noqa: E402

COLS, ROWS = 120, 40
libc = ctypes.CDLL(ctypes.util.find_library('c'))
libc.wcwidth.argtypes = [ctypes.c_wchar]


def width(s):
    w = 0
    for ch in s:
        n = libc.wcwidth(ch)
        w += 1 if n < 0 else n
    return w


def main():
    tb, work, data, tm = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split()
    import locale
    locale.setlocale(locale.LC_CTYPE, 'C.UTF-8')
    strings = hostile.decode(data)
    db = os.path.join(work, 'takeboard.db')
    tbr = lambda *a: subprocess.run([tb, '-f', db] + [x.split(b'\0')[0] if isinstance(x, bytes) else x for x in a],
                                    capture_output=True)
    p = tbr('init', '--title', 'Hostile')
    if p.returncode:
        sys.exit('init: %r' % p.stderr)
    for t in (strings[0] + strings[8] + strings[56], strings[8], strings[0]):
        if tbr('production', '--title', t).returncode == 0:
            break

    def setup(i):
        s, sc = strings[i], str(i + 1)
        if tbr('scene', 'add', s, '--code', sc, '--synopsis', s).returncode:
            tbr('scene', 'add', 'plain', '--code', sc)
        if tbr('shot', 'add', sc, s, '--code', sc + 'A', '--notes', s,
               '--angle', s, '--dialogue', s).returncode:
            tbr('shot', 'add', sc, 'plain', '--code', sc + 'A')
        tbr('prompt', 'add', sc + 'A', s, '--model', s)
        tbr('prompt', 'add', sc + 'A', b'v2 ' + s, '--from', sc + 'A/v1')
        p = tbr('take', 'add', sc + 'A', '--seconds', '4', '--backend', s)
        if p.returncode:
            p = tbr('take', 'add', sc + 'A', '--seconds', '4')
        tid = p.stdout.split()[1].decode() if p.returncode == 0 else None
        if tid:
            tbr('take', 'note', tid, s)
        tbr('take', 'add', sc + 'A', '--failed', s)
    with ThreadPoolExecutor(4) as ex:
        list(ex.map(setup, range(len(strings))))

    raw = os.path.join(work, 'raw')
    cmd = ('sleep 0.5; env TERM=screen LC_ALL=C.UTF-8 %s -f %s; '
           'echo "takeboard exited: $?"; sleep 600' % (tb, db))
    subprocess.run(tm + ['new-session', '-d', '-s', 'main', '-x', str(COLS),
                         '-y', str(ROWS), cmd], check=True)
    subprocess.run(tm + ['pipe-pane', '-o', '-t', 'main', 'cat >> %s' % raw], check=True)
    bad, screens = [], 0

    def keys(*k, lit=False):
        subprocess.run(tm + ['send-keys', '-t', 'main'] + (['-l', '--'] if lit else []) + list(k), check=True)

    def cap(esc):
        return subprocess.run(tm + ['capture-pane', '-p', '-t', 'main'] + (['-e'] if esc else []),
                              capture_output=True).stdout

    def wait(text, t=10):
        end = time.time() + t
        while time.time() < end:
            if text.encode() in cap(False):
                return True
            time.sleep(0.1)
        bad.append('%r never appeared; screen:\n%s' % (text, cap(False).decode(errors='replace')))
        return False

    def check(what, border=False):
        nonlocal screens
        time.sleep(0.15)
        e = cap(True)
        plain = cap(False)
        screens += 1
        # Only tmux's own SGR sequences; then nothing that acts or hides.
        rest = re.sub(rb'\x1b\[[0-9;:]*m', b'', e)
        why = hostile.leaks(rest)
        if why:
            bad.append('%s: %s' % (what, why))
        try:
            lines = plain.decode('utf-8').split('\n')
        except UnicodeDecodeError as x:
            bad.append('%s: screen not UTF-8: %s' % (what, x))
            return
        if lines and lines[-1] == '':
            lines.pop()
        if len(lines) > ROWS:
            bad.append('%s: %d lines' % (what, len(lines)))
        for n, l in enumerate(lines):
            if width(l) > COLS:
                bad.append('%s: line %d is %d columns wide' % (what, n, width(l)))
        if not lines[-1].lstrip().startswith('q '):
            bad.append('%s: the footer is gone: %r' % (what, lines[-1]))
        if border:
            cols = set()
            for l in lines[2:-2]:
                if '\u2502' in l:
                    cols.add(width(l[:l.index('\u2502')]))
            if len(cols) != 1:
                bad.append('%s: the pane border is in columns %s' % (what, sorted(cols)))

    if wait('Board:'):
        check('board', True)
        for n in range(len(strings)):
            keys('j')
            if n % 4 == 3:
                check('board, scene %d' % (n + 2), True)
        keys('g')
        keys('Tab')
        check('board, shots pane', True)
        for pos in (0, 8, 29, 40, 56, 69, 74, 79):
            # From the shots pane back to the scenes, down to the scene
            # at pos (changes made at once put them in any order), into
            # its shots, open the first.
            keys('Tab')
            keys('g')
            for _ in range(pos):
                keys('j')
            keys('Tab', 'Enter')
            wait(' (scene ')
            m = re.search(rb'Shot (\d+A) \(scene', cap(False))
            sc = m.group(1).decode() if m else '?'
            check('shot %s' % sc)
            keys('j', 'j')
            check('shot %s, second line' % sc)
            keys('r')
            time.sleep(0.3)
            check('review of shot %s' % sc)
            keys('n')
            check('review of shot %s, next' % sc)
            keys('q')
            time.sleep(0.2)
            keys('q')
            wait('Board:')
        keys('R')
        if wait('Review the production'):
            for n in range(40):
                keys('n')
                if n % 5 == 0:
                    check('review %d' % n)
            keys('q')
        wait('Board:')
        keys('S')
        time.sleep(0.5)
        check('stats')
        keys('q')
        wait('Board:')
        keys('?')
        check('help')
        keys('q')
        wait('Board:')
        for c in ('scene list', 'shot show 74A', 'take list 41A', 'scene show nope\x1b[2J'):
            keys(':')
            keys(c, lit=True)
            keys('Enter')
            time.sleep(0.8)
            check(':' + c)
            if b'q or Enter closes' in cap(False):
                keys('Enter')
                time.sleep(0.2)
        # Leave: a message or prompt left open takes the first q.
        for _ in range(3):
            keys('q')
            time.sleep(1)
            if b'takeboard exited:' in cap(False):
                break
        wait('takeboard exited: 0')
    subprocess.run(tm + ['pipe-pane', '-t', 'main'])
    time.sleep(0.2)
    stream = open(raw, 'rb').read() if os.path.exists(raw) else b''
    if len(stream) < 1000:
        bad.append('only %d bytes recorded from the pane' % len(stream))
    for intro, name in ((b'\x1b]', 'OSC'), (b'\x1bP', 'DCS'), (b'\x1b_', 'APC'),
                        (b'\x1b^', 'PM'), (b'\x1bX', 'SOS'), (b'\x1bc', 'RIS')):
        k = stream.find(intro)
        if k >= 0:
            bad.append('raw output: %s at %d: %r' % (name, k, stream[max(0, k - 40):k + 40]))
    s = stream.decode('utf-8', 'replace')
    for i, ch in enumerate(s):
        o = ord(ch)
        if 0x80 <= o < 0xa0 or o in hostile.FORMAT:
            bad.append('raw output: U+%04X at %d: %r' % (o, i, s[max(0, i - 30):i + 30]))
            break
    for b in bad[:30]:
        print(b, file=sys.stderr)
    print('hostile strings in the interface: %d strings, %d screens, %d bytes of output, %d leaks'
          % (len(strings), screens, len(stream), len(bad)))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
