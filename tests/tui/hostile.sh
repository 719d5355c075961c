#!/bin/sh
# Hostile text in the interface: every text field of a production holds
# a string of tests/data/hostile/strings.txt; the board, the shots, a
# shot's variants and takes, review, stats, help and ':' output are
# captured with their escapes and must show no terminal control from
# the data, keep their layout, and takeboard's raw output must carry no
# OSC, DCS, APC, PM, SOS, C1 or bidi character (tests/tui/hostile.py).
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/tui/lib.sh"

command -v python3 >/dev/null 2>&1 || { echo "no python3" >&2; exit 77; }
TAKEBOARD_BUSY_TIMEOUT=5000
export TAKEBOARD_BUSY_TIMEOUT
python3 "$TESTS_DIR/tui/hostile.py" "$T" "$WORK" \
    "$TESTS_DIR/data/hostile/strings.txt" "$TM" ||
    fail "hostile text reached the screen (see above)"
exit 0
