#!/bin/sh
# Crash safety: takeboard is killed with SIGKILL at random moments while
# making changes (scenes, shots, imports of three clips at once,
# verdicts), TB_CRASH_CYCLES times (300 by default). After every kill the
# database passes its integrity check; at the end every change that was
# acknowledged is there, no import is half there, no clip is partial,
# and the next import leaves no partial file behind. A production being
# migrated is killed too: it ends either migrated or untouched.
. "$TESTS_DIR/cli/lib.sh"

CYCLES=${TB_CRASH_CYCLES:-300}
command -v setsid >/dev/null 2>&1 || { echo "no setsid" >&2; exit 77; }
ok "$T" init --title "Crash"
ok "$T" scene add "EXT. TEST - DAY"
ok "$T" shot add 1 "Shot under fire"
for n in 1 2 3; do
	"$HELPERS/mkmp4" "$WORK/c$n.mp4" "$n.5" || exit 99
done
ACKS=$WORK/acks
: > "$ACKS"

# One writer: changes in a loop, each acknowledged once takeboard has
# returned success.
cat > "$WORK/writer.sh" <<'EOW'
c=$1
k=0
while :; do
	case $((k % 4)) in
	0) "$T" scene add "S-$c-$k" >/dev/null 2>&1 &&
	    echo "scene S-$c-$k" >> "$ACKS" ;;
	1) "$T" take add 1A "$WORK/c1.mp4" "$WORK/c2.mp4" "$WORK/c3.mp4" \
	    >/dev/null 2>&1 && echo "import $c-$k" >> "$ACKS" ;;
	2) "$T" shot add 1 "D-$c-$k" >/dev/null 2>&1 &&
	    echo "shot D-$c-$k" >> "$ACKS" ;;
	3) id=$("$T" take list 1A --json 2>/dev/null |
	    sed -n 's/^[[:space:]]*"id":[[:space:]]*\([0-9]*\),$/\1/p' |
	    tail -n 1)
	   [ -n "$id" ] && "$T" take reject "$id" --reason "r$k" \
	    >/dev/null 2>&1 && echo "reject $id r$k" >> "$ACKS" ;;
	esac
	k=$((k + 1))
done
EOW
export T ACKS WORK

i=0
killed=0
while [ $i -lt "$CYCLES" ]; do
	setsid sh "$WORK/writer.sh" "$i" &
	pid=$!
	# 10 to 99 ms of work, then SIGKILL to everything it started.
	ms=$(( (i * 37 + 11) % 90 + 10 ))
	sleep "0.0$(printf '%02d' "$ms")"
	# The group, or the process itself if it had no time to make one.
	if kill -KILL "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
	then
		killed=$((killed + 1))
	fi
	wait "$pid" 2>/dev/null
	run "$T" check --json
	printf '%s' "$OUT" | grep -q '"what":[[:space:]]*"\(integrity\|foreign key\|clip\)"' &&
	    fail "after kill $i: $OUT"
	i=$((i + 1))
done

# Every acknowledged change is there, whole.
ok "$T" scene list --json
scenes=$OUT
ok "$T" shot list --json
shots=$OUT
ok "$T" take list 1A --json
takes=$OUT
while read -r kind what extra; do
	case $kind in
	scene) printf '%s' "$scenes" | grep -q "\"$what\"" ||
	    fail "acknowledged scene $what is missing" ;;
	shot) printf '%s' "$shots" | grep -q "\"$what\"" ||
	    fail "acknowledged shot $what is missing" ;;
	esac
done < "$ACKS"
imports=$(grep -c '^import ' "$ACKS")
printf '%s' "$takes" | python3 -c "
import json, sys
t = json.load(sys.stdin)
n = len(t)
assert n % 3 == 0, 'an import is half there: %d takes' % n
assert n >= 3 * $imports, 'acknowledged imports lost: %d takes for $imports' % n
acks = [l.split() for l in open('$ACKS') if l.startswith('reject ')]
by = {x['id']: x for x in t}
for _, i, r in acks:
    x = by.get(int(i))
    # A later reject may have replaced the reasons; a reject stays one.
    assert x is not None and x['verdict'] == 'reject', 'verdict lost on take ' + i
print('%d kills, %d acknowledged changes, %d takes, all whole' % ($killed, sum(1 for _ in open('$ACKS')), n))
" || fail "acknowledged changes lost or partial"
# The next import cleans up what killed ones left: no partial file.
ok "$T" take add 1A "$WORK/c1.mp4"
ok "$T" check
[ -z "$(find takes -name '*.part')" ] || fail "partial files left: $(find takes -name '*.part')"

# Kill during a migration: exactly old or new, never in between.
m=0
while [ $m -lt 20 ]; do
	rm -f "$WORK"/v1.db*
	python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.close()" \
	    "$WORK/v1.db" "$TESTS_DIR/data/db-v1.sql" || exit 99
	setsid "$T" -f "$WORK/v1.db" scene list >/dev/null 2>&1 &
	pid=$!
	sleep "0.00$m"
	kill -KILL "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	v=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('pragma user_version').fetchone()[0], c.execute('pragma integrity_check').fetchone()[0])" "$WORK/v1.db")
	set -- $v
	[ "$2" = ok ] || fail "integrity after a kill in migration: $v"
	[ "$1" -ge 1 ] || fail "schema lost: $v"
	ok "$T" -f "$WORK/v1.db" scene list --json
	json 'len(j) == 2'
	m=$((m + 1))
done
echo "crash: $killed kills during changes, $m during migrations"
exit 0
