#!/bin/sh
# Hostile text (terminal escapes, CR, BS, C1 controls, bidi overrides,
# binary) stored in the production never reaches the terminal raw: human
# output and messages are sanitised, while --json keeps the exact text
# (escaped as JSON requires).
. "$TESTS_DIR/cli/lib.sh"

command -v python3 >/dev/null 2>&1 || exit 77

# H: escapes (OSC title with BEL, clear screen), CR, BS, C1 CSI, RLO.
H=$(printf 'A\033]0;pwned\007B\033[2JC\rD\bE\302\233F\342\200\256G')
printf '%s' "$H" > "$WORK/H"
# U: every C0 control but NUL, DEL, every C1 control (as UTF-8), the bidi
# controls, and some ordinary non-ASCII text. Valid UTF-8.
python3 -c '
import sys
s = "".join(map(chr, range(1, 32))) + "\x7f" + "".join(map(chr, range(0x80, 0xa0)))
s += "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
s += " caf\u00e9 \u4e2d\u6587 \U0001f3ac end"
sys.stdout.buffer.write(s.encode("utf-8"))' > "$WORK/U" || exit 99
U=$(cat "$WORK/U"; printf x)
U=${U%x}
# B: bytes 1..255, not valid UTF-8.
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(1, 256)))' > "$WORK/B" || exit 99
B=$(cat "$WORK/B"; printf x)
B=${B%x}
[ "${#H}" -gt 20 ] || exit 99

# clean WHAT FILE...: the FILEs (a command's stdout and stderr) hold no
# terminal control: no ESC, CR, BS, BEL, no C1 CSI, no bidi override.
# They are also kept for check_all, which makes sure with python3 (once,
# to save time) that they are valid UTF-8 with no control character but
# newline and tab, no C1 control and no bidi control.
mkdir "$WORK/outs" || exit 99
nout=0
clean() {
	what=$1
	shift
	for f; do
		n=$(LC_ALL=C tr -cd '\033\r\b\007' < "$f" | wc -c)
		[ "$n" -eq 0 ] || fail "$what: $n ESC/CR/BS/BEL bytes reach the terminal: $(od -c "$f" | head -n 20)"
		for p in '\302\233' '\342\200\256' '\342\201\246'; do
			# shellcheck disable=SC2059
			if LC_ALL=C grep -q "$(printf "$p")" "$f"; then
				fail "$what: the bytes $p reach the terminal"
			fi
		done
		nout=$((nout + 1))
		cp "$f" "$WORK/outs/$nout"
		printf '%s\n' "$what" | tr '\n' ' ' | LC_ALL=C tr -cd ' -~' > "$WORK/outs/$nout.what"
	done
}

# check_all: the python3 check of everything clean saw.
check_all() {
	python3 - "$WORK/outs" "$nout" <<'EOF' || fail "unsafe output (see above)"
import json, os, sys
bidi = set('\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')
d, n = sys.argv[1], int(sys.argv[2])
bad = 0
for k in range(1, n + 1):
    what = open('%s/%d.what' % (d, k)).read()
    data = open('%s/%d' % (d, k), 'rb').read()
    try:
        s = data.decode('utf-8')
    except UnicodeDecodeError as e:
        print('%s: not UTF-8: %s' % (what, e), file=sys.stderr)
        bad = 1
        continue
    if os.path.exists('%s/%d.json' % (d, k)):
        try:
            json.loads(s)
        except ValueError as e:
            print('%s: not JSON: %s' % (what, e), file=sys.stderr)
            bad = 1
        continue
    for i, c in enumerate(s):
        o = ord(c)
        if (o < 32 and c not in '\n\t') or 0x7f <= o < 0xa0 or c in bidi:
            print('%s: control U+%04X at %d: %r' % (what, o, i,
                  s[max(0, i - 20):i + 20]), file=sys.stderr)
            bad = 1
            break
sys.exit(bad)
EOF
}

# show CMD...: run a reading command; stdout and stderr must be clean.
show() {
	run "$@"
	[ "$RC" -eq 0 ] || fail "exit $RC: $*"
	clean "output of $*" "$WORK/.out" "$WORK/.err"
}

# showjson CMD...: a --json command; JSON escapes C0 controls, so no raw
# ESC, CR, BS or BEL may appear in it either.
showjson() {
	run "$@"
	[ "$RC" -eq 0 ] || fail "exit $RC: $*"
	n=$(LC_ALL=C tr -cd '\033\r\b\007' < "$WORK/.out" | wc -c)
	[ "$n" -eq 0 ] || fail "$n raw ESC/CR/BS/BEL bytes in the JSON of $*"
	# JSON text must be UTF-8 (RFC 8259): check_all decodes it strictly
	# (json() may not).
	nout=$((nout + 1))
	cp "$WORK/.out" "$WORK/outs/$nout"
	printf '%s' "$*" | LC_ALL=C tr -cd ' -~' > "$WORK/outs/$nout.what"
	: > "$WORK/outs/$nout.json"
	clean "stderr of $*" "$WORK/.err"
}

# refuse CMD...: a refused command; its message must be clean.
refuse() {
	run "$@"
	[ "$RC" -ne 0 ] || fail "not refused: $*"
	clean "stderr of $*" "$WORK/.err"
	[ -z "$OUT" ] || fail "a refused command printed to stdout: $*"
}

# same EXPR FILE: the JSON value EXPR (over j) equals FILE's text exactly.
same() {
	json "$1 == open('$2', encoding='utf-8', newline='').read()"
}

mkdir "$WORK/prod" && cd "$WORK/prod" || exit 99
ok "$T" init
ok "$T" production --title "$H"
ok "$T" scene add "$H" --synopsis "$U"
ok "$T" shot add 1 "$H" --angle "$H" --move "$U" --lens "$H" --dialogue "$U" --notes "$H"
ok "$T" prompt add 1A "$H" --model "$H"
ok "$T" prompt add 1A "x $H y $U z"
ok "$T" take add 1A --prompt 1 --seconds 4 --backend "$H"
ok "$T" take add 1A --seconds 4
ok "$T" take add 1A --failed "$H"
ok "$T" take note 1 "$H"
ok "$T" take note 2 "$U"
ok "$T" take reject 2 --reason morphing
refuse "$T" take reject 1 --reason "$H"
refuse "$T" take reject 1 --reason "$U"
refuse "$T" scene show "$H"
refuse "$T" shot show "$U"
refuse "$T" prompt show "1A/$H"
refuse "$T" shot add 1 "x" --size "$H"
refuse "$T" shot add 1 "x" --code "$H"
refuse "$T" shot add 1 "x" --status "$U"
refuse "$T" take list --verdict "$H"
refuse "$T" prompt add 1A --file "$WORK/$H"
refuse "$T" take add 1A "$WORK/no-such-$H.mp4"
refuse "$T" "$H"
refuse "$T" scene "$H"

# ------------------------------------------------------- human output
show "$T" production
show "$T" scene list
show "$T" scene show 1
show "$T" shot list
show "$T" shot show 1A
show "$T" prompt list 1A
show "$T" prompt show 1
show "$T" prompt show 2
show "$T" prompt diff 1 2
show "$T" prompt diff 2 1
show "$T" take list
show "$T" take show 1
show "$T" take show 2
show "$T" take show 3
show "$T" log 100
show "$T" stats
show "$T" stats --by prompt
# The visible text is still there, only the controls are neutralised.
show "$T" scene list
has 'pwned'

# ------------------------------------------------------- JSON keeps it
showjson "$T" production --json
same "j['title']" "$WORK/H"
showjson "$T" scene list --json
same "j[0]['heading']" "$WORK/H"
same "j[0]['synopsis']" "$WORK/U"
showjson "$T" scene show 1 --json
same "j['heading']" "$WORK/H"
showjson "$T" shot show 1A --json
same "j['description']" "$WORK/H"
same "j['angle']" "$WORK/H"
same "j['movement']" "$WORK/U"
same "j['dialogue']" "$WORK/U"
same "j['notes']" "$WORK/H"
showjson "$T" shot list --json
same "j[0]['description']" "$WORK/H"
showjson "$T" prompt show 1 --json
same "j['text']" "$WORK/H"
same "j['model']" "$WORK/H"
showjson "$T" prompt list 1A --json
json "j[1]['text'] == 'x ' + open('$WORK/H', encoding='utf-8', newline='').read() + ' y ' + open('$WORK/U', encoding='utf-8', newline='').read() + ' z'"
showjson "$T" take show 1 --json
same "j['notes']" "$WORK/H"
same "j['backend']" "$WORK/H"
showjson "$T" take show 2 --json
same "j['notes']" "$WORK/U"
showjson "$T" take show 3 --json
same "j['error']" "$WORK/H"
showjson "$T" take list --json
same "j[0]['notes']" "$WORK/H"
showjson "$T" log 100 --json
json "any(open('$WORK/H', encoding='utf-8', newline='').read() in (e['detail'] or '') for e in j)"

check_all

# ------------------------------------------- binary (invalid UTF-8) text
# Either refused, or stored; then human output is clean and --json is
# valid UTF-8 JSON that keeps at least the ASCII part exactly.
ascii="''.join(map(chr, range(1, 128)))"
mkdir "$WORK/bin" && cd "$WORK/bin" || exit 99
ok "$T" init
run "$T" scene add "$B"
if [ "$RC" -eq 0 ]; then
	show "$T" scene list
	show "$T" scene show 1
	show "$T" log
	showjson "$T" scene list --json
	json "j[0]['heading'].startswith($ascii)"
else
	[ "$RC" -eq 1 ] || fail "scene add BINARY: exit $RC"
	clean "stderr of scene add BINARY" "$WORK/.err"
	ok "$T" scene add "plain"
fi
run "$T" shot add 1 "$B"
if [ "$RC" -eq 0 ]; then
	show "$T" shot list
	show "$T" shot show 1A
	showjson "$T" shot show 1A --json
	json "j['description'].startswith($ascii)"
	run "$T" prompt add 1A "$B"
	if [ "$RC" -eq 0 ]; then
		show "$T" prompt list 1A
		show "$T" prompt show 1
		showjson "$T" prompt show 1 --json
		json "j['text'].startswith($ascii)"
	fi
	run "$T" take add 1A --seconds 2
	[ "$RC" -eq 0 ] || fail "take add failed"
	run "$T" take note 1 "$B"
	if [ "$RC" -eq 0 ]; then
		show "$T" take show 1
		show "$T" take list
		showjson "$T" take show 1 --json
		json "j['notes'].startswith($ascii)"
	fi
else
	[ "$RC" -eq 1 ] || fail "shot add BINARY: exit $RC"
	clean "stderr of shot add BINARY" "$WORK/.err"
fi
check_all
exit 0
