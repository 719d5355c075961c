# SPDX-License-Identifier: ISC
# Shared by tests/cli/io-*.sh (after lib.sh): mkprod DIR FPS builds the
# fixed production of the interchange tests in DIR: the screenplay of
# tests/data/io/syntax.fountain, shots from a CSV shot list, clips made
# by tests/helpers/mkmp4, and verdicts that leave two shots without a
# kept take and one kept take in an omitted shot.

IO_DATA="$TESTS_DIR/data/io"

mkprod() {
	mkdir -p "$1" "$WORK/clips" && cd "$1" || exit 99
	"$HELPERS/mkmp4" "$WORK/clips/a.mp4" 8 || exit 99
	"$HELPERS/mkmp4" "$WORK/clips/b.mp4" 5 || exit 99
	"$HELPERS/mkmp4" "$WORK/clips/c.mp4" 6.5 || exit 99
	ok "$T" init --title "Brick & Steel" --fps "$2"
	ok "$T" import fountain "$IO_DATA/syntax.fountain"
	cat > "$WORK/shots-in.csv" <<'CSV'
Scene,Shot,Description,Size,Seconds,Status
1,,Patio wide,WS,4,
1,,"Beer close, sweating",CU,3,
1,,Cut moment,,2,omitted
1A,,Trailer interior,MS,5,
4,,Pool phone call,MCU,,
CSV
	ok "$T" import csv "$WORK/shots-in.csv"
	ok "$T" prompt add 1A "a sunny patio, two old men" --size 1280x720
	ok "$T" take add 1A --prompt 1A/v1 "$WORK/clips/a.mp4" \
	    "$WORK/clips/b.mp4"
	ok "$T" take add 1B "$WORK/clips/c.mp4"
	ok "$T" take add 1C "$WORK/clips/b.mp4"
	ok "$T" take add 1A-A "$WORK/clips/a.mp4"
	ok "$T" take add 4A "$WORK/clips/b.mp4"
	ok "$T" take keep 1 --in 1 --out 5.5
	ok "$T" take keep 2
	ok "$T" take maybe 3
	ok "$T" take keep 4
	ok "$T" take keep 5 --in 0.5
	ok "$T" take reject 6 --reason blur
}
