#!/bin/sh
# export csv / import csv: golden shot and take lists for the fixed
# production, export then import is the identity (nothing to change,
# nothing changed, the same file again), --dry-run changes nothing,
# edits from a spreadsheet (columns in any order, ';' separator, new
# shots, moves, reordering, verdicts) apply in one transaction, no
# duplicates on a second import, and bad files are refused with the line.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/cli/io-lib.sh"

golden() {
	printf '%s\n' "$OUT" | sed "s|$WORK|@WORK@|g" > "$WORK/got.$1"
	[ -z "${IO_REGEN:-}" ] || cp "$WORK/got.$1" "$IO_DATA/$1"
	diff -u "$IO_DATA/$1" "$WORK/got.$1" >&2 || fail "differs from $1"
}

mkprod "$WORK/prod" 24
ok "$T" shot edit 1B --notes 'two lines,
"quoted"' --angle '=low' --lens 35mm
ok "$T" take rate 2 4
ok "$T" take reject 6 --reason blur --reason morphing

# ------------------------------------------------------------ export
ok "$T" export csv
golden shots.csv
printf '%s\n' "$OUT" | head -n 1 | grep -q "$(printf '\r$')" || fail "lines do not end in CRLF"
ok "$T" export csv --shots
golden shots.csv
ok "$T" export csv --takes
golden takes.csv

# ------------------------------------------------ export, import: identity
ok "$T" export csv -o "$WORK/shots.csv"
ok "$T" export csv --takes -o "$WORK/takes.csv"
before=$(state)
ok "$T" import csv "$WORK/shots.csv"
hasnt '^(create|change) '
has "^imported $WORK/shots.csv: 5 unchanged$"
ok "$T" import csv "$WORK/takes.csv"
has "^imported $WORK/takes.csv: 6 unchanged$"
[ "$(state)" = "$before" ] || fail "export then import changed the production"
ok "$T" export csv
cmp -s "$WORK/shots.csv" "$WORK/.out" || fail "a second export differs"

# ------------------------------------------------------- a spreadsheet
# Columns in another order, ';' separators, a new shot without a code, a
# new coded shot, a shot moved to another scene and one moved first.
cat > "$WORK/edit.csv" <<'EOF'
Description;Scene;Shot;Order;Seconds;Size;Status
Beer close, sweating;1;1B;1;2.5;cu;review
"New; wide";1;;;;WS;
Roof;4;4Z;;6;;
Trailer interior;4;1A-A;;5;MS;
EOF
before=$(state)
ok "$T" import csv "$WORK/edit.csv" --dry-run
[ "$(state)" = "$before" ] || fail "--dry-run changed the production"
has '^change     shot 1B \(order 2 -> 1, seconds 3 -> 2\.5, status planned -> review\)$'
has '^create     shot 1D in scene 1: New; wide$'
has '^create     shot 4Z in scene 4: Roof$'
has '^change     shot 1A-A \(scene 1A -> 4\)$'
has '^dry run: 2 to create, 2 to change; nothing was changed$'
ok "$T" import csv "$WORK/edit.csv"
has "^imported $WORK/edit.csv: 2 created, 2 changed$"
ok "$T" shot list --json
json "[(s['code'], s['scene'], s['position']) for s in j] == [('1B', '1', 1), ('1A', '1', 2), ('1C', '1', 3), ('1D', '1', 4), ('4A', '4', 1), ('4Z', '4', 2), ('1A-A', '4', 3)]"
json "j[0]['seconds'] == 2.5 and j[0]['status'] == 'review' and j[3]['size'] == 'WS'"
ok "$T" take show 5 --json
json "j['shot'] == '1A-A' and j['scene'] == '4'"

# A second import finds every row: no duplicates.
before=$(state)
ok "$T" import csv "$WORK/edit.csv"
has "^imported $WORK/edit.csv: 4 unchanged$"
[ "$(state)" = "$before" ] || fail "a second import changed the production"

# Take list edits: verdicts, trims, ratings, costs.
cat > "$WORK/takes-edit.csv" <<'EOF'
Take,Verdict,In,Out,Rating,Cost,Reasons
1,keep,2,5,5,0.25,
3,reject,,,,,"wrong-face, flicker"
4,maybe,,,,1.5,
EOF
ok "$T" import csv "$WORK/takes-edit.csv" --dry-run
has '^change     take 1 of shot 1A \(in 1 -> 2, out 5\.5 -> 5, rating - -> 5, cost 0 -> 0\.25\)$'
has '^change     take 3 of shot 1B \(verdict maybe -> reject, reasons - -> flicker wrong-face\)$'
has '^change     take 4 of shot 1C \(verdict keep -> maybe, cost 0 -> 1\.5\)$'
ok "$T" import csv "$WORK/takes-edit.csv"
# A take list is logged as one entry, not one per take.
ok "$T" log 1
has 'import  *take list takes-edit\.csv  *3 takes changed: 3 reviewed, 1 rated, 2 costed$'
ok "$T" log 5
hasnt '  take [0-9]'
ok "$T" take show 1 --json
json "j['in'] == 2 and j['out'] == 5 and j['rating'] == 5 and j['cost'] == 0.25"
ok "$T" take show 3 --json
json "j['verdict'] == 'reject' and j['reasons'] == ['flicker', 'wrong-face']"
ok "$T" import csv "$WORK/takes-edit.csv"
has "^imported $WORK/takes-edit.csv: 3 unchanged$"

# ---------------------------------------------------------- refusals
# Each is refused whole: the good rows before the bad one are not
# applied either.
csvbad() {
	printf "$1" > "$WORK/bad.csv"
	bad 1 "$2" "$T" import csv "$WORK/bad.csv"
}
csvbad 'Scene,Shot,Description\n1,1Q,fine\n1,1R,"fine\n' 'bad.csv: line 3: a quoted field is never closed'
csvbad 'Scene,Shot,Colour\n1,1Q,red\n' "bad.csv: line 1: unknown column 'Colour' \\(a shot list has the columns Scene, Shot, Order"
csvbad 'Shot,Description\n1Q,x\n' 'bad.csv: line 1: no Scene column'
csvbad 'Scene,Shot,Seconds\n1,1Q,3\n1,1R,three\n' "bad.csv: line 3: Seconds: bad duration 'three'"
csvbad 'Scene,Shot,Size\n1,1Q,MS\n1,1R,XXL\n' "bad.csv: line 3: Size: bad shot size 'XXL'"
csvbad 'Scene,Shot\n1,1Q\n77,1R\n' "bad.csv: line 3: no scene '77'"
csvbad 'Scene,Shot\n1,1Q\n1,1Q\n' 'bad.csv: line 3: shot 1Q is listed twice \(also on line 2\)'
csvbad 'Scene,Shot\n1,1Q,x\n' 'bad.csv: line 2: more fields, but the header has 2'
csvbad 'Scene,Shot\n1,1Q\n1\n' 'bad.csv: line 3: fewer fields'
csvbad 'Take,Shot\n1,1B\n' "bad.csv: line 2: take 1: Shot is '1A' in the production, not '1B'"
csvbad 'Take,Verdict\n1,keep\n999,keep\n' 'bad.csv: line 3: no take 999'
csvbad 'Take,Rating\n3,2\n1,4\n2,1\n1,5\n3,1\n' 'bad.csv: line 5: take 1 is listed twice \(also on line 3\)'
csvbad 'Scene,Shot\n1,Caf\351\n' 'bad.csv: line 2: not UTF-8 text'
csvbad '\000\001\002\003' 'bad.csv: line 1: binary data'
csvbad '' 'bad.csv: the file is empty'
csvbad '\n\n' 'bad.csv: the file is empty'
bad 1 'cannot open' "$T" import csv "$WORK/missing.csv"
# 100,000 rows at most (past that the file is refused at the next row).
awk 'BEGIN { print "Take,Rating"; for (i = 1; i <= 100001; i++) print i ",3" }' >"$WORK/long.csv"
before=$(state)
bad 1 'long.csv: line 100002: more than 100000 rows \(split the file\)' "$T" import csv "$WORK/long.csv"
[ "$(state)" = "$before" ] || fail "a refused long file changed the production"
TAKEBOARD_MAX_IMPORT=10 bad 1 'is larger than the import limit of 10 bytes' "$T" import csv "$WORK/shots.csv"
bad 2 '--shots and --takes exclude each other' "$T" export csv --shots --takes
bad 2 "unexpected argument 'x'" "$T" export csv x
bad 2 'give the file to import' "$T" import csv

# Formula guard: a description that starts like a formula is written
# with a leading quote and read back as it was.
ok "$T" shot add 1 '=HYPERLINK("http://x")'
ok "$T" export csv
has "^1,1E,5,\"'=HYPERLINK\\(\"\"http://x\"\"\\)\",,,,,,planned,"
printf '%s\n' "$OUT" > "$WORK/f.csv"
ok "$T" import csv "$WORK/f.csv"
hasnt '^(create|change) '
exit 0
