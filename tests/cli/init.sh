#!/bin/sh
# init, production, finding the database (-f, TAKEBOARD_DB, walking up),
# and the global command line: no command, -V, unknown options/commands,
# help.
. "$TESTS_DIR/cli/lib.sh"

# usage_bad PATTERN CMD...: a usage error: exit 2, a message, a usage line.
usage_bad() {
	bad 2 "$@"
	printf '%s\n' "$ERR" | grep -q '^usage: takeboard' ||
	    fail "no 'usage: takeboard' line on stderr: $*"
}

# --------------------------------------------------------------- defaults
mkdir "$WORK/My Film" && cd "$WORK/My Film" || exit 99
ok "$T" init
has "My Film"
[ -f takeboard.db ] || fail "init made no takeboard.db"
[ -d takes ] || fail "init made no takes/ folder"
ok "$T" production --json
json "j['title'] == 'My Film'"
json "j['fps'] == 24"
json "j['currency'] == 'USD'"
json "j['created'] == '2026-11-01T12:00:00Z'"
json "j['path'] == '$WORK/My Film/takeboard.db'"
json "sorted(j) == sorted(['title', 'fps', 'currency', 'created', 'path'])"
ok "$T" production
has '^title +My Film$'
has '^fps +24$'
has '^currency +USD$'

# Re-init is refused and leaves the database byte-identical.
cp takeboard.db "$WORK/db.before"
bad 1 'already' "$T" init
bad 1 'already' "$T" init --title Other --fps 30
cmp -s takeboard.db "$WORK/db.before" || fail "a refused init changed takeboard.db"

# ---------------------------------------------------------------- options
mkdir "$WORK/p2" && cd "$WORK/p2" || exit 99
ok "$T" init --title "Night Swim" --fps 23.976 --currency eur
ok "$T" production --json
json "j['title'] == 'Night Swim'"
json "j['fps'] == 23.976"
json "j['currency'] == 'EUR'"

# A failed init leaves nothing behind.
for args in "--fps 0" "--fps -1" "--fps abc" "--fps 1001" "--currency EURO" \
    "--currency us" "--currency e1r" "--title="; do
	mkdir "$WORK/failinit" && cd "$WORK/failinit" || exit 99
	# shellcheck disable=SC2086
	run "$T" init $args
	[ "$RC" -eq 1 ] || fail "init $args: expected exit 1, got $RC"
	printf '%s\n' "$ERR" | grep -q '^takeboard: ' || fail "init $args: no message"
	[ -z "$(ls -A)" ] || fail "init $args left files: $(ls -A)"
	cd "$WORK" && rmdir failinit || exit 99
done
mkdir "$WORK/extra" && cd "$WORK/extra" || exit 99
run "$T" init extra-arg
[ "$RC" -eq 2 ] || fail "init extra-arg: expected exit 2, got $RC"
printf '%s\n' "$ERR" | grep -q '^usage: takeboard' || fail "init extra-arg: no usage line"
[ -z "$(ls -A)" ] || fail "init extra-arg left files"

# ------------------------------------------------------- finding the database
# -f from elsewhere; init -f creates takes/ beside the named file.
mkdir "$WORK/p3" "$WORK/elsewhere" && cd "$WORK/elsewhere" || exit 99
ok "$T" -f "$WORK/p3/prod.db" init --title Three
[ -f "$WORK/p3/prod.db" ] || fail "init -f made no database"
[ -d "$WORK/p3/takes" ] || fail "init -f made no takes/ beside the database"
if [ -e takeboard.db ] || [ -e takes ]; then fail "init -f wrote into the current folder"; fi
ok "$T" -f "$WORK/p3/prod.db" production --json
json "j['title'] == 'Three' and j['path'] == '$WORK/p3/prod.db'"
ok "$T" -f ../p3/prod.db production --json
json "j['title'] == 'Three'"

# TAKEBOARD_DB
ok env TAKEBOARD_DB="$WORK/p2/takeboard.db" "$T" production --json
json "j['title'] == 'Night Swim'"

# Walking up from a subfolder.
mkdir -p "$WORK/p2/a/b/c" && cd "$WORK/p2/a/b/c" || exit 99
ok "$T" production --json
json "j['title'] == 'Night Swim' and j['path'] == '$WORK/p2/takeboard.db'"
ok "$T" scene add "From below"
cd "$WORK/p2" || exit 99
ok "$T" scene list --json
json "[s['heading'] for s in j] == ['From below']"
cd "$WORK/p2/a/b/c" || exit 99

# -f wins over TAKEBOARD_DB, which wins over walking up.
ok env TAKEBOARD_DB="$WORK/p3/prod.db" "$T" production --json
json "j['title'] == 'Three'"
ok env TAKEBOARD_DB="$WORK/p3/prod.db" "$T" -f "$WORK/My Film/takeboard.db" production --json
json "j['title'] == 'My Film'"

# No production anywhere.
mkdir "$WORK/none" && cd "$WORK/none" || exit 99
[ ! -e "$WORK/takeboard.db" ] || exit 99
bad 1 "no production found.*takeboard init" "$T" scene list
bad 1 "takeboard init" "$T" production
bad 1 "takeboard init" "$T" stats

# ------------------------------------------------------------- production
cd "$WORK/p2" || exit 99
ok "$T" production --title "Deep Water" --fps 25 --currency gbp
ok "$T" production --json
json "j['title'] == 'Deep Water' and j['fps'] == 25 and j['currency'] == 'GBP'"
json "j['created'] == '2026-11-01T12:00:00Z'"
ok "$T" production --fps 29.97
ok "$T" production --json
json "j['title'] == 'Deep Water' and j['fps'] == 29.97 and j['currency'] == 'GBP'"
ok "$T" production --fps 1000
ok "$T" production --fps 24
ok "$T" log --json
json "any(e['action'] != 'init' and e['object'] == 'production' for e in j)"

for v in 0 -1 abc 1001 1e2 "" 24x; do
	bad 1 'frame rate|fps' "$T" production --fps="$v"
done
for v in EURO us e1r "" 'US$' "€UR"; do
	bad 1 'currency' "$T" production --currency="$v"
done
bad 1 'title' "$T" production --title ""
usage_bad 'unknown option' "$T" production --frob
usage_bad '.' "$T" production extra

# --------------------------------------------------------- global command line
cd "$WORK/none" || exit 99
ok "$T"
has '^usage: takeboard'
has 'scene add'
ok "$T" -V
has '^takeboard [0-9]+\.[0-9]+\.[0-9]+$'
v=$OUT
ok "$T" --version
[ "$OUT" = "$v" ] || fail "-V and --version differ"
ok "$T" -h
has '^usage: takeboard'
ok "$T" --help
has '^usage: takeboard'
usage_bad 'unknown option' "$T" -x
usage_bad 'unknown option' "$T" --frobnicate
usage_bad "frob" "$T" frob
usage_bad "scene" "$T" scene
usage_bad "frob" "$T" scene frob
ok "$T" help scene add
has '^usage: takeboard .*scene add HEADING'
hasnt 'shot add'
ok "$T" scene add --help
has '^usage: takeboard .*scene add HEADING'
ok "$T" help
has '^usage: takeboard'
ok "$T" help take
has 'take add'
has 'take reject'
usage_bad "frob" "$T" help frob
exit 0
