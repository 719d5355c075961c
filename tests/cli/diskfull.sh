#!/bin/sh
# A full disk and read-only folders. The disk is made full for chosen
# files by an LD_PRELOAD shim (tests/helpers/enospc.so: write, pwrite,
# fsync... fail with ENOSPC after N bytes on paths matching a pattern):
# a change when the WAL cannot grow or the whole production's disk is
# full, a backup, every export -o and report -o, and a clip import onto
# a full disk. Then read-only places: the production folder, the
# database file, the folder of a backup or an export. Each ends with one
# "takeboard: ..." message naming the problem, exit 1, nothing changed,
# no file (partial or temporary) left, and integrity_check ok.
. "$TESTS_DIR/cli/lib.sh"

command -v python3 >/dev/null 2>&1 || exit 77
SHIM=$HELPERS/enospc.so
[ -f "$SHIM" ] || { echo "skip: $SHIM was not built" >&2; exit 77; }
# An ASan build wants its runtime first in the preload list.
ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
export ASAN_OPTIONS
mkdir "$WORK/full" || exit 99
LD_PRELOAD=$SHIM ENOSPC_PATTERN=$WORK/full/ "$T" -V >/dev/null 2>&1 ||
    { echo "skip: takeboard does not run with LD_PRELOAD here" >&2; exit 77; }
if LD_PRELOAD=$SHIM ENOSPC_PATTERN=$WORK/full/ \
    sh -c 'echo x > "$1"' sh "$WORK/full/probe" 2>/dev/null; then
	echo "skip: the ENOSPC shim has no effect here (static libc?)" >&2
	exit 77
fi
rm -f "$WORK/full/probe"

n=0
# full PATTERN BYTES CMD...: run CMD on a disk that is full for paths
# containing PATTERN once BYTES bytes are written.
full() {
	_p=$1
	_a=$2
	shift 2
	env LD_PRELOAD="$SHIM" ENOSPC_PATTERN="$_p" ENOSPC_AFTER="$_a" "$@"
}
# intact [DB]: integrity_check says ok.
intact() {
	r=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("pragma integrity_check").fetchone()[0])' \
	    "${1:-$WORK/takeboard.db}")
	[ "$r" = ok ] || fail "integrity_check after a failed write: $r"
	n=$((n + 1))
}
# empty DIR: nothing at all was left in DIR.
empty() {
	[ -z "$(ls -A "$1")" ] || fail "left in $1: $(ls -A "$1")"
}
files() { find "$WORK/takes" -type f | sort; }

ok "$T" init --title "Full disk"
ok "$T" scene add "INT. SERVER ROOM - NIGHT"
ok "$T" shot add 1 "blinking lights"
"$HELPERS/mkmp4" "$WORK/clip.mp4" 4 || exit 99
ok "$T" take add 1A "$WORK/clip.mp4"
ok "$T" take keep 1
ok "$T" prompt add 1A "racks of servers, one light blinks red"

# ------------------------------------------- a change, the WAL cannot grow
for after in 0 4096; do
	for cmd in "scene add EXT.ROOF" "shot add 1 fans" "take add 1A --seconds 2" \
	    "take note 1 hot" "take reject 1 --reason morphing" \
	    "prompt add 1A again" "shot edit 1A --notes n" \
	    "production --title T"; do
		# shellcheck disable=SC2086
		bad 1 "disk holding $WORK/takeboard.db is full" \
		    full "$WORK/takeboard.db-wal" "$after" "$T" $cmd
		intact
	done
done
# The whole production's disk is full: not even the -shm can be made.
bad 1 "$WORK/takeboard.db.*disk (is )?full" \
    full "$WORK/takeboard.db" 0 "$T" scene add "EXT. ROOF"
intact
# Control: with room, the same change works.
ok full "$WORK/takeboard.db-wal" 1000000 "$T" scene add "EXT. ROOF"

# ---------------------------------------------------- backup, full disk
for after in 0 20000; do
	bad 1 "cannot write the backup full/b\.db: the disk is full" \
	    full "$WORK/full/" "$after" "$T" backup full/b.db
	empty "$WORK/full"
	intact
done

# ---------------------------------------------- export and report -o
for after in 0 100; do
	for cmd in "export csv" "export csv --takes" "export edl" "export otio" \
	    "export fcpxml" "report" "report --format md" \
	    "report --format json" "report --format html" "report --format csv"; do
		# shellcheck disable=SC2086
		bad 1 "full/out.*No space left on device" \
		    full "$WORK/full/" "$after" "$T" $cmd -o full/out
		empty "$WORK/full"
		intact
	done
done
# Control: the same exports work with room.
ok "$T" export otio -o full/out
rm -f "$WORK/full/out"

# ----------------------------------------------- clip import, full disk
# (--move on the same disk is a rename and needs no room: not tested.)
f0=$(files)
for after in 0 100; do
	bad 1 "cannot copy .*clip\.mp4 into $WORK/takes/1/1A: No space left" \
	    full "$WORK/takes/" "$after" "$T" take add 1A "$WORK/clip.mp4"
	[ "$(files)" = "$f0" ] || fail "a failed import left files: $(files)"
	intact
done
ok "$T" take add 1A "$WORK/clip.mp4"
has '^take 2 added'

# ----------------------------------------------------- read-only places
# Root ignores permissions, so as root takeboard runs as nobody here.
if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null 2>&1 || {
		echo "diskfull: $n scenarios; read-only skipped (no setpriv)"
		exit 0
	}
	cat > "$WORK/tb" <<EOF
#!/bin/sh
exec setpriv --reuid=65534 --regid=65534 --clear-groups "$TAKEBOARD" "\$@"
EOF
	chmod 755 "$WORK/tb"
	chmod 755 "$WORK"
	T=$WORK/tb
	writable=777
else
	writable=755
fi
mkdir "$WORK/ro" "$WORK/ro/out" && chmod $writable "$WORK/ro" "$WORK/ro/out" || exit 99
cd "$WORK/ro" || exit 99
ok "$T" init --title "Read-only"
ok "$T" scene add "INT. ARCHIVE"
ok "$T" shot add 1 "shelves"
# The production folder read-only: changes and reads are refused with
# the folder named (WAL needs its -wal and -shm files there).
chmod 555 "$WORK/ro"
for cmd in "scene add X" "take add 1A --seconds 2" "production --title T"; do
	# shellcheck disable=SC2086
	bad 1 "folder $WORK/ro is not writable" "$T" $cmd
done
bad 1 "folder $WORK/ro is not writable" "$T" scene list
chmod $writable "$WORK/ro"
intact "$WORK/ro/takeboard.db"
# The database file read-only.
chmod 444 takeboard.db
bad 1 "readonly.*check the permissions of $WORK/ro/takeboard\.db" \
    "$T" scene add X
chmod 666 takeboard.db
intact "$WORK/ro/takeboard.db"
# A backup, an export and a report into a read-only folder.
chmod 555 "$WORK/ro/out"
bad 1 "cannot write the backup in $WORK/ro/out: Permission denied" \
    "$T" backup "$WORK/ro/out/b.db"
for cmd in "export csv" "export otio" "report"; do
	# shellcheck disable=SC2086
	bad 1 "$WORK/ro/out.*Permission denied" "$T" $cmd -o "$WORK/ro/out/x"
done
empty "$WORK/ro/out"
intact "$WORK/ro/takeboard.db"
chmod $writable "$WORK/ro/out"
ok "$T" backup "$WORK/ro/out/b.db"
intact "$WORK/ro/out/b.db"
echo "diskfull: $n scenarios failed cleanly (exit 1, named problem, nothing changed or left, integrity ok)"
exit 0
