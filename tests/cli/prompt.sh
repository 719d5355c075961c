#!/bin/sh
# prompt add (argument, --file, stdin, editor), labels, --from, references,
# list/show/diff, rm.
. "$TESTS_DIR/cli/lib.sh"

usage_bad() {
	bad 2 "$@"
	printf '%s\n' "$ERR" | grep -q '^usage: takeboard' ||
	    fail "no 'usage: takeboard' line on stderr: $*"
}

ok "$T" init
ok "$T" scene add "EXT. HARBOUR - DAWN"
ok "$T" shot add 1 "Boat leaves"
ok "$T" shot add 1 "Gull"

# ----------------------------------------------------------- text sources
ok "$T" prompt add 1A "a red fishing boat leaves the harbour at dawn" \
    --model veo-3 --seconds 8 --size 1280x720
has '^variant 1 \(1A/v1\) added$'
printf 'from a file\nsecond line\n' > "$WORK/p.txt"
ok "$T" prompt add 1A --file "$WORK/p.txt"
has '^variant 2 \(1A/v2\) added$'
printf 'from stdin\n' | "$T" prompt add 1A - >"$WORK/.out" 2>"$WORK/.err" ||
    fail "prompt add from stdin failed: $(cat "$WORK/.err")"
grep -q '^variant 3 (1A/v3) added$' "$WORK/.out" || fail "stdin: $(cat "$WORK/.out")"
[ -s "$WORK/.err" ] && fail "stdin: stderr: $(cat "$WORK/.err")"
ok "$T" prompt add 1A "hero version" --label hero
has '^variant 4 \(1A/hero\) added$'
ok "$T" prompt add 1A "next"
has '^variant 5 \(1A/v4\) added$'

ok "$T" prompt show 2 --json
json "j['text'] == 'from a file\nsecond line'"
ok "$T" prompt show 1A/v3 --json
json "j['text'] == 'from stdin' and j['id'] == 3"

bad 1 "." "$T" prompt add 1A --file "$WORK/missing.txt"
bad 1 "empty" "$T" prompt add 1A ""
bad 1 "empty" "$T" prompt add 1A "   "
: > "$WORK/empty.txt"
bad 1 "empty" "$T" prompt add 1A --file "$WORK/empty.txt"
# An empty stdin (run gives /dev/null) is an empty prompt.
bad 1 "empty" "$T" prompt add 1A -
bad 1 "already has a variant labelled 'hero'|already" "$T" prompt add 1A "x" --label hero
bad 1 "bad variant label" "$T" prompt add 1A "x" --label "two words"
bad 1 "bad variant label" "$T" prompt add 1A "x" --label a/b
bad 1 "frame size" "$T" prompt add 1A "x" --size 1280
bad 1 "frame size" "$T" prompt add 1A "x" --size 1280x
bad 1 "seconds|duration" "$T" prompt add 1A "x" --seconds 0
bad 1 "seconds|duration" "$T" prompt add 1A "x" --seconds abc
bad 1 "no shot 'ZZ'" "$T" prompt add ZZ "x"
usage_bad "." "$T" prompt add 1A "text" --file "$WORK/p.txt"
usage_bad "." "$T" prompt add
usage_bad "unknown option" "$T" prompt add 1A "x" --frob

# ---------------------------------------------------------------- editor
cat > "$WORK/ed-write" <<'EOF'
#!/bin/sh
# Record the template, then write a prompt (keeping one comment line).
cp "$1" "$WORK/template"
printf 'written in the editor\n# a comment line\nsecond line\n' > "$1"
EOF
cat > "$WORK/ed-comments" <<'EOF'
#!/bin/sh
printf '# only a comment\n\n#another\n' > "$1"
EOF
cat > "$WORK/ed-fail" <<'EOF'
#!/bin/sh
printf 'text that must not be saved\n' > "$1"
exit 3
EOF
chmod +x "$WORK/ed-write" "$WORK/ed-comments" "$WORK/ed-fail"
export WORK

VISUAL="$WORK/ed-write"
export VISUAL
ok "$T" prompt add 1B
has '^variant 6 \(1B/v1\) added$'
ok "$T" prompt show 1B/v1 --json
json "j['text'] == 'written in the editor\nsecond line'"
grep -q '^#' "$WORK/template" || fail "the editor template has no comment lines"

# --from: the template holds the parent's text.
rm -f "$WORK/template"
ok "$T" prompt add 1A --from 1A/v1
has '^variant 7 \(1A/v5\) added$'
grep -q 'a red fishing boat leaves the harbour at dawn' "$WORK/template" ||
    fail "the --from template lacks the parent's text"

VISUAL="$WORK/ed-comments"
bad 1 "empty" "$T" prompt add 1B
VISUAL="$WORK/ed-fail"
bad 1 "editor" "$T" prompt add 1B
# $EDITOR is used when $VISUAL is unset.
unset VISUAL
EDITOR="$WORK/ed-write"
export EDITOR
ok "$T" prompt add 1B
has '^variant 8 \(1B/v2\) added$'
unset EDITOR

# ------------------------------------------------------------------ --from
ok "$T" prompt add 1A "a blue fishing boat leaves the harbour at night" --from 1A/v1
has '^variant 9 \(1A/v6\) added$'
ok "$T" prompt show 1A/v6 --json
json "j['parent'] == 1 and j['model'] == 'veo-3' and j['seconds'] == 8 and j['size'] == '1280x720'"
ok "$T" prompt add 1A "override" --from 1 --model sora --seconds 4 --size 720x1280
ok "$T" prompt show 1A/v7 --json
json "j['parent'] == 1 and j['model'] == 'sora' and j['seconds'] == 4 and j['size'] == '720x1280'"
ok "$T" prompt add 1A "from hero" --from 1A/hero
ok "$T" prompt show 1A/v8 --json
json "j['parent'] == 4 and j['model'] is None and j['seconds'] is None and j['size'] is None"
bad 1 "belongs to shot 1A" "$T" prompt add 1B "x" --from 1A/v1
bad 1 "belongs to shot 1A" "$T" prompt add 1B "x" --from 1
bad 1 "no prompt variant '99'" "$T" prompt add 1A "x" --from 99
bad 1 "no prompt variant '1A/v99'" "$T" prompt add 1A "x" --from 1A/v99

# --------------------------------------------------------- list and show
ok "$T" prompt list 1A --json
json "[v['label'] for v in j] == ['v1', 'v2', 'v3', 'hero', 'v4', 'v5', 'v6', 'v7', 'v8']"
json "sorted(j[0]) == sorted(['id', 'shot', 'label', 'parent', 'text', 'model', 'seconds', 'size', 'author', 'created', 'takes', 'kept'])"
json "all(v['shot'] == '1A' and v['author'] == 'tester' and v['created'] == '2026-11-01T12:00:00Z' for v in j)"
json "[v['parent'] for v in j] == [None, None, None, None, None, 1, 1, 1, 4]"
ok "$T" prompt list 1A
has '^ *ID +LABEL'
has '^ *1 +v1 .*veo-3 .*a red fishing boat'
has '^ *2 +v2 .*from a file$'
hasnt 'second line'
ok "$T" prompt list 1B --json
json "[v['label'] for v in j] == ['v1', 'v2']"

ok "$T" prompt show 1A/v1
has 'a red fishing boat leaves the harbour at dawn'
has 'veo-3'
ok "$T" prompt show 1 --json
json "j['id'] == 1 and j['label'] == 'v1' and j['shot'] == '1A' and j['text'] == 'a red fishing boat leaves the harbour at dawn'"
ok "$T" prompt show 1A/hero --json
json "j['id'] == 4"
bad 1 "no prompt variant '1B/hero'" "$T" prompt show 1B/hero
bad 1 "no prompt variant 'ZZ/v1'" "$T" prompt show ZZ/v1
bad 1 "no prompt variant '999'" "$T" prompt show 999
bad 1 "no shot 'ZZ'" "$T" prompt list ZZ

# ------------------------------------------------------------------ diff
ok "$T" prompt diff 1A/v1 1A/v6
has '^a \[-red-\]\{\+blue\+\} fishing boat leaves the harbour at \[-dawn-\]\{\+night\+\}$'
printf '%s' "$OUT" | grep -q "$(printf '\033')" && fail "colour in diff output to a pipe"
ok "$T" prompt diff 9 1
has '\[-blue-\]\{\+red\+\}'
ok "$T" prompt diff 1 1
hasnt '\[-|\{\+'
ok "$T" prompt diff 1A/v1 1B/v1
has '\[-a red fishing boat leaves the harbour at dawn-\]|\{\+written'
bad 1 "no prompt variant '99'" "$T" prompt diff 1 99
usage_bad "." "$T" prompt diff 1

# -------------------------------------------------------------------- rm
ok "$T" take add 1A --prompt 1A/v6 --seconds 8
ok "$T" take add 1A --prompt 1A/v6 --seconds 8
ok "$T" take keep 1
bad 1 "2 takes.*--force" "$T" prompt rm 1A/v6
ok "$T" prompt rm 1A/v3
bad 1 "no prompt variant '1A/v3'" "$T" prompt show 1A/v3
ok "$T" prompt rm 1A/v6 --force
bad 1 "no prompt variant '1A/v6'" "$T" prompt show 1A/v6
ok "$T" take list --json
json "j == []"
ok "$T" log 5 --json
json "j[0]['action'] == 'rm'"
exit 0
