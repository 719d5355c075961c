#!/bin/sh
# Hostile text on every command-line path: each string of
# tests/data/hostile/strings.txt (escape sequences, C0/C1 controls, bidi
# and zero-width characters, invalid and overlong UTF-8, wide and
# combining characters, very long text, NUL) goes into every text field,
# and every table, show, stats, report and error message must be free of
# terminal controls from the data, while JSON and CSV give the text back
# exactly and OTIO, FCPXML and EDL stay valid (tests/cli/hostile.py).
. "$TESTS_DIR/cli/lib.sh"

command -v python3 >/dev/null 2>&1 || { echo "no python3" >&2; exit 77; }
# Four writers at a time: let them wait for each other.
TAKEBOARD_BUSY_TIMEOUT=5000
export TAKEBOARD_BUSY_TIMEOUT
python3 "$TESTS_DIR/cli/hostile.py" "$T" "$WORK" \
    "$TESTS_DIR/data/hostile/strings.txt" || fail "hostile text leaked (see above)"
exit 0
