#!/bin/sh
# report --format html renders: headless Chromium loads the page of the
# fixed production (report-lib.sh) and writes a screenshot of an A4
# page at 150 dpi. Skips (77) where no Chromium is installed; .ci/run
# installs it through contrib/quickstart.sh check.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/cli/report-lib.sh"

chrome=
for c in chromium chromium-browser google-chrome-stable google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then
		chrome=$c
		break
	fi
done
if [ -z "$chrome" ]; then
	echo "SKIP: Chromium is not installed (apt-get install chromium)"
	exit 77
fi

report_production "$WORK/prod"
ok "$T" report -o "$WORK/report.html"

profile=$(mktemp -d "$WORK/chrome.XXXXXX") || exit 99
set -- --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$profile" \
    --screenshot="$WORK/report.png" --window-size=1240,1754 \
    "file://$WORK/report.html"
if command -v timeout >/dev/null 2>&1; then
	timeout 120 "$chrome" "$@" >"$WORK/chrome.log" 2>&1
else
	"$chrome" "$@" >"$WORK/chrome.log" 2>&1
fi
rc=$?
[ "$rc" -eq 0 ] || { cat "$WORK/chrome.log" >&2; fail "$chrome exited with $rc"; }
[ -f "$WORK/report.png" ] || { cat "$WORK/chrome.log" >&2; fail "no screenshot"; }
size=$(wc -c < "$WORK/report.png")
[ "$size" -gt 30000 ] || fail "the screenshot is too small ($size bytes): blank?"
[ "$(head -c 8 "$WORK/report.png" | od -An -tx1 | tr -d ' \n')" = \
    89504e470d0a1a0a ] || fail "the screenshot is not a PNG"
exit 0
