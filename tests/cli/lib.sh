# SPDX-License-Identifier: ISC
# Shared by the command-line tests: a private work folder, a fixed clock
# and user, and helpers that run takeboard and check its exit status,
# its stderr message and that a failed command changed nothing.
# Sourced by tests/cli/*.sh; $TAKEBOARD and $HELPERS come from
# AM_TESTS_ENVIRONMENT (Makefile.am).

set -u
: "${TAKEBOARD:?run through make check}"
: "${HELPERS:?run through make check}"
T=$TAKEBOARD
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tb-test.XXXXXX") || exit 99
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
cd "$WORK" || exit 99
TAKEBOARD_NOW=2026-11-01T12:00:00Z
USER=tester
TAKEBOARD_BUSY_TIMEOUT=300
export TAKEBOARD_NOW USER TAKEBOARD_BUSY_TIMEOUT
unset TAKEBOARD_DB NO_COLOR VISUAL EDITOR 2>/dev/null || :

fail() {
	echo "FAIL: $*" >&2
	[ -f "$WORK/.out" ] && { echo "--- stdout:" >&2; cat "$WORK/.out" >&2; }
	[ -f "$WORK/.err" ] && { echo "--- stderr:" >&2; cat "$WORK/.err" >&2; }
	exit 1
}

# run CMD...: run a command; $RC, $OUT and $ERR hold what it did.
run() {
	"$@" >"$WORK/.out" 2>"$WORK/.err" </dev/null
	RC=$?
	OUT=$(cat "$WORK/.out")
	ERR=$(cat "$WORK/.err")
}

# ok CMD...: the command must succeed with nothing on stderr.
ok() {
	run "$@"
	[ "$RC" -eq 0 ] || fail "expected success (got $RC): $*"
	[ -z "$ERR" ] || fail "unexpected stderr: $*"
}

# state: a digest of everything in the production, for "nothing changed".
state() {
	{
		"$T" production --json
		"$T" scene list --json
		"$T" shot list --json
		"$T" take list --json
		"$T" log 1000000 --json
		"$T" stats --by prompt --json
	} 2>&1 | cksum
}

# bad STATUS PATTERN CMD...: the command must fail with STATUS, print one
# "takeboard: " message matching PATTERN (grep -E) and change nothing.
bad() {
	_tb_want=$1
	_tb_pat=$2
	shift 2
	_tb_before=$(state)
	run "$@"
	[ "$RC" -eq "$_tb_want" ] || fail "expected exit $_tb_want (got $RC): $*"
	printf '%s\n' "$ERR" | head -n 1 | grep -q '^takeboard: ' ||
	    fail "stderr does not start with 'takeboard: ': $*"
	printf '%s\n' "$ERR" | grep -Eq -- "$_tb_pat" ||
	    fail "stderr does not match /$_tb_pat/: $*"
	[ -z "$OUT" ] || fail "a failed command printed to stdout: $*"
	_tb_after=$(state)
	[ "$_tb_before" = "$_tb_after" ] || fail "a failed command changed the production: $*"
}

# has PATTERN: the last command's stdout matches PATTERN (grep -E).
has() {
	printf '%s\n' "$OUT" | grep -Eq -- "$1" || fail "stdout does not match /$1/"
}

# hasnt PATTERN: the last command's stdout does not match PATTERN.
hasnt() {
	printf '%s\n' "$OUT" | grep -Eq -- "$1" && fail "stdout matches /$1/"
	return 0
}

# json EXPR: evaluate a python3 expression over the last stdout parsed as
# JSON (bound to j); fails unless it is true. Skips (77) without python3.
json() {
	command -v python3 >/dev/null 2>&1 || exit 77
	printf '%s' "$OUT" | python3 -c "import json,sys; j=json.load(sys.stdin); sys.exit(0 if ($1) else 1)" ||
	    fail "JSON check failed: $1"
}
