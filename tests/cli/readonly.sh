#!/bin/sh
# Permission problems: init in a read-only folder, take add into a
# read-only takes/ folder. Both fail with exit 1 and a message naming the
# place and the permission problem, and change nothing. Root ignores
# permissions, so as root every takeboard command runs as user nobody.
. "$TESTS_DIR/cli/lib.sh"

if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null 2>&1 || exit 77
	# Every takeboard command (also those in ok/bad/state) runs as nobody,
	# so no file in the production is ever made by root.
	cat > "$WORK/tb" <<EOF
#!/bin/sh
exec setpriv --reuid=65534 --regid=65534 --clear-groups "$TAKEBOARD" "\$@"
EOF
	chmod 755 "$WORK/tb"
	T=$WORK/tb
	chmod 755 "$WORK"
	"$T" -V >/dev/null 2>&1 || exit 77	# binary not reachable by nobody
	writable=777
else
	writable=755
fi

# ------------------------------------------------------------------ init
# Control: the same init works in a writable folder, so a failure below is
# about the permission and not about the user or the binary.
mkdir "$WORK/open-folder" && chmod $writable "$WORK/open-folder" || exit 99
cd "$WORK/open-folder" || exit 99
ok "$T" init
[ -f takeboard.db ] || fail "control init made no database"

mkdir "$WORK/locked-folder" && chmod 555 "$WORK/locked-folder" || exit 99
cd "$WORK/locked-folder" || exit 99
run "$T" init
[ "$RC" -eq 1 ] || fail "init in a read-only folder: expected exit 1, got $RC"
printf '%s\n' "$ERR" | head -n 1 | grep -q '^takeboard: ' || fail "no 'takeboard: ' message: $ERR"
init_err=$ERR	# checked last: does it name the folder?
printf '%s\n' "$ERR" | grep -Eiq 'permission|read-only|not writable' ||
    fail "the message does not say it is a permission problem: $ERR"
[ -z "$OUT" ] || fail "a failed init printed to stdout"
[ -z "$(ls -A)" ] || fail "a failed init left files: $(ls -A)"
# Also through -f into the read-only folder.
cd "$WORK" || exit 99
run "$T" -f "$WORK/locked-folder/x.db" init
[ "$RC" -eq 1 ] || fail "init -f in a read-only folder: expected exit 1, got $RC"
initf_err=$ERR
printf '%s\n' "$ERR" | grep -Eiq 'permission|read-only|not writable' || fail "init -f: $ERR"
[ -z "$(ls -A "$WORK/locked-folder")" ] || fail "a failed init -f left files"

# --------------------------------------------------------------- take add
mkdir "$WORK/prod" "$WORK/in" && chmod $writable "$WORK/prod" && chmod 755 "$WORK/in" || exit 99
cd "$WORK/prod" || exit 99
ok "$T" init
ok "$T" scene add "INT. KITCHEN - DAY"
ok "$T" shot add 1 "kettle"
ok "$T" shot add 1 "hands"
"$HELPERS/mkmp4" "$WORK/in/a.mp4" 4 && "$HELPERS/mkmp4" "$WORK/in/b.mp4" 6 || exit 99
chmod 644 "$WORK/in/a.mp4" "$WORK/in/b.mp4"
files() { (cd "$WORK/prod" && find takes | sort); }

chmod 555 takes || exit 99
f0=$(files)
bad 1 "takes.*([Pp]ermission|read-only)|([Pp]ermission|read-only).*takes" \
    "$T" take add 1A "$WORK/in/a.mp4"
bad 1 "[Pp]ermission|read-only" "$T" take add 1A "$WORK/in/a.mp4" "$WORK/in/b.mp4"
bad 1 "[Pp]ermission|read-only" "$T" take add 1A --move "$WORK/in/a.mp4"
[ -f "$WORK/in/a.mp4" ] || fail "a failed --move removed the original"
[ "$(files)" = "$f0" ] || fail "a failed take add changed takes/"
# A take without a clip does not need takes/.
ok "$T" take add 1A
has '^take 1 added'

# A read-only shot folder deeper down.
chmod 755 takes || exit 99
ok "$T" take add 1B "$WORK/in/a.mp4"
has '^take 2 added \(1B, 4\.00 s, takes/1/1B/1B-t00002\.mp4\)'
chmod 555 takes/1/1B || exit 99
f0=$(files)
bad 1 "1B.*([Pp]ermission|read-only)" "$T" take add 1B "$WORK/in/b.mp4"
[ "$(files)" = "$f0" ] || fail "a failed take add changed takes/1/1B"
left=$(find takes -name '*.part')
[ -z "$left" ] || fail "temporary files left: $left"

# Once writable again the same command works.
chmod 755 takes/1/1B || exit 99
ok "$T" take add 1B "$WORK/in/b.mp4"
has '^take 3 added \(1B, 6\.00 s, takes/1/1B/1B-t00003\.mp4\)'
# The init messages name the folder that could not be written.
printf '%s\n' "$initf_err" | grep -q 'locked-folder' ||
    fail "init -f: the message does not name the folder: $initf_err"
printf '%s\n' "$init_err" | grep -q 'locked-folder' ||
    fail "init: the message does not name the folder: $init_err"
exit 0
