#!/bin/sh
# report: every format of the report of a fixed production (report-lib.sh)
# compared byte for byte with tests/data/report/; the report is made at a
# fixed time (TAKEBOARD_NOW), so even its "generated" line is exact.
# Then -o (format from the extension, atomic replacement), the colour
# rules, --table, an empty production, and the errors.
#
# After an intended change of the output, regenerate the golden files
# with: TB_UPDATE_GOLDEN=1 make check TESTS=tests/cli/report.sh
# (and review the diff).
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/cli/report-lib.sh"

GOLD=$TESTS_DIR/data/report

# golden NAME: stdout of the last command is tests/data/report/NAME.
golden() {
	if [ -n "${TB_UPDATE_GOLDEN:-}" ]; then
		cp "$WORK/.out" "$GOLD/$1" || exit 99
		return 0
	fi
	[ -f "$GOLD/$1" ] || fail "no golden file $GOLD/$1"
	cmp -s "$WORK/.out" "$GOLD/$1" || {
		diff -u "$GOLD/$1" "$WORK/.out" | head -n 60 >&2
		fail "the report differs from $1"
	}
}

report_production "$WORK/prod"

# ------------------------------------------------------------ the formats
ok "$T" report
golden report.txt
ok "$T" report --format txt
golden report.txt
ok "$T" report --format md
golden report.md
ok "$T" report --format csv
golden report.csv
ok "$T" report --format json
golden report.json
ok "$T" report --format html
golden report.html
ok "$T" report --since 2026-10-07 --until 2026-10-09
golden report-period.txt
ok "$T" report --scene 2 --person joe --format md
golden report-filter.md
ok "$T" report --format csv --table scenes
golden report-scenes.csv

# The txt report fits 80 columns.
ok "$T" report
wide=$(printf '%s\n' "$OUT" | awk 'length($0) > 80' | head -n 1)
[ -z "$wide" ] || {
	# awk counts bytes; count characters with python3 where there is one.
	if command -v python3 >/dev/null 2>&1; then
		printf '%s\n' "$OUT" | python3 -c '
import sys
for line in sys.stdin.read().split("\n"):
    if len(line) > 80:
        sys.exit("wider than 80 columns: " + line)' || fail "txt is too wide"
	fi
}
# Not a terminal: no colour, no escape sequence at all.
printf '%s' "$OUT" | grep -q "$(printf '\033')" && fail "escape sequence in txt"

# ------------------------------------------------------------ -o FILE
for f in md csv json html txt; do
	ok "$T" report -o "$WORK/out.$f"
	[ -z "$OUT" ] || fail "-o printed to stdout"
	case $f in
	txt) g=report.txt ;;
	*) g=report.$f ;;
	esac
	[ -n "${TB_UPDATE_GOLDEN:-}" ] ||
	    cmp -s "$WORK/out.$f" "$GOLD/$g" || fail "-o out.$f is not $g"
done
ok "$T" report -o "$WORK/out.HTML"
cmp -s "$WORK/out.HTML" "$WORK/out.html" || fail "-o out.HTML is not html"
ok "$T" report -o "$WORK/plain"
cmp -s "$WORK/plain" "$WORK/out.txt" || fail "-o without extension is not txt"
ok "$T" report --format json -o "$WORK/forced.txt"
cmp -s "$WORK/forced.txt" "$WORK/out.json" || fail "--format does not win over -o"
ok "$T" report -o - --format md
[ -n "${TB_UPDATE_GOLDEN:-}" ] || golden report.md
# An existing file is replaced whole, and nothing is left beside it.
echo old > "$WORK/keep.csv"
ok "$T" report --output "$WORK/keep.csv"
cmp -s "$WORK/keep.csv" "$WORK/out.csv" || fail "-o did not replace the file"
left=$(find "$WORK" -name '.*.tmp')
[ -z "$left" ] || fail "temporary files left: $left"

bad 1 "format.*report\.pdf|report\.pdf.*format" "$T" report -o "$WORK/report.pdf"
[ ! -e "$WORK/report.pdf" ] || fail "a refused report left a file"
bad 1 "no-such-dir" "$T" report -o "$WORK/no-such-dir/r.html"
mkdir "$WORK/adir"
bad 1 "adir.*folder" "$T" report -o "$WORK/adir"
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$WORK/ro" && chmod 555 "$WORK/ro"
	bad 1 "ro/r\.txt.*([Pp]ermission|read-only)" "$T" report -o "$WORK/ro/r.txt"
	[ -z "$(ls -A "$WORK/ro")" ] || fail "a failed -o left files"
	chmod 755 "$WORK/ro"
fi
left=$(find "$WORK" -name '.*.tmp')
[ -z "$left" ] || fail "temporary files left: $left"

# ------------------------------------------------------------ colour
if command -v script >/dev/null 2>&1 &&
    script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "$T report" /dev/null > "$WORK/tty.out" 2>&1 </dev/null
	grep -q "$(printf '\033')\[1m" "$WORK/tty.out" ||
	    fail "no colour on a terminal"
	NO_COLOR=1 script -qec "$T report" /dev/null > "$WORK/tty.out" 2>&1 \
	    </dev/null
	grep -q "$(printf '\033')\[" "$WORK/tty.out" && fail "colour with NO_COLOR"
	script -qec "$T report --format md" /dev/null > "$WORK/tty.out" 2>&1 \
	    </dev/null
	grep -q "$(printf '\033')\[" "$WORK/tty.out" && fail "colour in md"
	script -qec "$T report -o $WORK/tty.txt" /dev/null >/dev/null 2>&1 \
	    </dev/null
	grep -q "$(printf '\033')" "$WORK/tty.txt" && fail "colour in a file"
fi

# ------------------------------------------------------------ --table
ok "$T" report --table scenes --format md
has '^\| SCENE \| HEADING \|'
hasnt '^#'
ok "$T" report --table days
has '^DAY  '
bad 1 "no table 'nope'.*tables: .*scenes" "$T" report --table nope --format csv
bad 1 "table.*json" "$T" report --table scenes --format json
bad 1 "table.*html" "$T" report --table scenes -o "$WORK/t.html"
[ ! -e "$WORK/t.html" ] || fail "a refused report left a file"

# ------------------------------------------------------------ errors
bad 1 "bad format 'pdf'" "$T" report --format pdf
bad 1 "bad date '2026-02-30'" "$T" report --since 2026-02-30
bad 1 "bad date '10/05/2026'" "$T" report --until 10/05/2026
bad 1 "after" "$T" report --since 2026-10-09 --until 2026-10-01
bad 1 "no scene '9'" "$T" report --scene 9
bad 1 "backend 'nope'.*comfyui, gemini, runway" "$T" report --backend nope
bad 1 "by 'nobody'.*ana, joe" "$T" report --person nobody
bad 2 "unexpected argument" "$T" report extra
bad 2 "unknown option --bogus" "$T" report --bogus
bad 2 "needs a value" "$T" report --format

# The report only reads: it works while someone else holds the write lock,
# without waiting for it.
if [ -x "$HELPERS/dbhold" ]; then
	"$HELPERS/dbhold" "$WORK/prod/takeboard.db" 10 >"$WORK/hold.out" 2>&1 &
	holder=$!
	i=0
	until grep -q '^locked$' "$WORK/hold.out" 2>/dev/null; do
		kill -0 "$holder" 2>/dev/null || fail "dbhold: $(cat "$WORK/hold.out")"
		i=$((i + 1))
		[ "$i" -lt 500 ] || fail "dbhold did not lock within 5 s"
		sleep 0.01 2>/dev/null || sleep 1
	done
	run env TAKEBOARD_BUSY_TIMEOUT=100 "$T" report --format json
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
	[ "$RC" -eq 0 ] || fail "no report while a writer holds the lock: $ERR"
	golden report.json
fi

# ------------------------------------------------------------ empty
mkdir "$WORK/empty" && cd "$WORK/empty" || exit 99
ok "$T" init --title Empty
ok "$T" report
golden report-empty.txt
ok "$T" report --format json
golden report-empty.json
for f in md csv html; do
	ok "$T" report --format $f
done
ok "$T" report --since 2026-10-01
has 'This period: 2026-10-01 to 2026-10-12'
exit 0
