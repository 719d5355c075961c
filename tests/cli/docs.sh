#!/bin/sh
# The documentation keeps up with the program: every command that
# `takeboard help` lists, and every option in its usage line, is in the
# man page; the man page is clean under mandoc -Tlint; the README shows
# the two Quick start commands.
. "$TESTS_DIR/cli/lib.sh"

: "${MAN_PAGE:?}" "${README_FILE:?}"
[ -f "$MAN_PAGE" ] || fail "no man page at $MAN_PAGE"

ok "$T" help
cmds=$(printf '%s\n' "$OUT" | sed -n '/^Commands:/,/^$/p' |
    sed -n 's/^  \([a-z][a-z]*\( [a-z][a-z]*\)\{0,1\}\)  .*/\1/p')
[ "$(printf '%s\n' "$cmds" | wc -l)" -ge 30 ] || fail "too few commands parsed"

missing=""
printf '%s\n' "$cmds" > "$WORK/cmds"
while IFS= read -r cmd; do
	grep -Eq "Cm $cmd([^a-z]|\$)" "$MAN_PAGE" ||
	    missing="$missing
command '$cmd'"
	# shellcheck disable=SC2086
	run "$T" help $cmd
	[ "$RC" -eq 0 ] || fail "help $cmd failed"
	for opt in $(printf '%s\n' "$OUT" | head -n 1 | tr ' []|()' '\n' |
	    sed -n 's/^--\([a-z][a-z-]*\)$/\1/p' | sort -u); do
		grep -Eq "Fl -$opt([^a-z-]|\$)" "$MAN_PAGE" ||
		    missing="$missing
option --$opt of '$cmd'"
	done
done < "$WORK/cmds"
[ -z "$missing" ] || fail "not in the man page:$missing"

# The interface's key table and the man page's KEY BINDINGS agree: every
# operation of every view is there with its keys.
ok "$T" --keys
[ "$(printf '%s\n' "$OUT" | wc -l)" -ge 50 ] || fail "too few keys listed"
sed -n '/^\.Sh KEY BINDINGS/,/^\.Sh /p' "$MAN_PAGE" > "$WORK/keysec"
printf '%s\n' "$OUT" | while IFS= read -r line; do
	name=$(printf '%s' "$line" | cut -c24-40 | sed 's/ *$//')
	grep -q "^$name: " "$WORK/keysec" || {
		echo "key operation '$name' is not in KEY BINDINGS" >&2
		exit 1
	}
done || fail "the man page's key bindings lag behind the key table"
for opt in no-color keys; do
	grep -q "Fl -$opt" "$MAN_PAGE" || fail "--$opt is not documented"
done

if command -v mandoc >/dev/null 2>&1; then
	lint=$(mandoc -Tlint -W warning "$MAN_PAGE" 2>&1)
	[ -z "$lint" ] || fail "mandoc -Tlint: $lint"
fi

grep -q '^ *contrib/quickstart.sh$' "$README_FILE" ||
    grep -q 'contrib/quickstart.sh`' "$README_FILE" ||
    fail "README does not show contrib/quickstart.sh"
grep -q 'contrib/quickstart.sh check' "$README_FILE" ||
    fail "README does not show contrib/quickstart.sh check"
exit 0
