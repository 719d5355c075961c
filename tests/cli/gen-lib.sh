# SPDX-License-Identifier: ISC
# Shared by the generation tests: a production with one variant, a
# private configuration folder, and helpers to start the mock provider
# (tests/stub/mockvideo.py) on 127.0.0.1 and check the database.
. "$TESTS_DIR/cli/lib.sh"

XDG_CONFIG_HOME=$WORK/cfg
export XDG_CONFIG_HOME
mkdir -p "$XDG_CONFIG_HOME/takeboard"
unset OPENAI_API_KEY OPENAI_BASE_URL RUNWAYML_API_SECRET RUNWAYML_BASE_URL \
    GEMINI_API_KEY GOOGLE_API_KEY LUMAAI_API_KEY REPLICATE_API_TOKEN \
    FAL_KEY COMFYUI_BASE_URL GEMINI_BASE_URL LUMAAI_BASE_URL \
    REPLICATE_BASE_URL FAL_BASE_URL TAKEBOARD_ALLOW_HTTP_LOOPBACK \
    2>/dev/null || :
CONF=$XDG_CONFIG_HOME/takeboard/config

ok "$T" init --title Film
ok "$T" scene add "INT. STAGE - NIGHT" --code 4
ok "$T" shot add 4 "the cat at the piano"
ok "$T" prompt add 4A "A calico cat playing a piano on stage" --label v1

# sql QUERY: print the result of a query on the production's database.
sql() {
	python3 -c 'import sqlite3,sys
c = sqlite3.connect(sys.argv[1])
for r in c.execute(sys.argv[2]):
	print("|".join("" if v is None else str(v) for v in r))
c.commit()' \
	    "$WORK/takeboard.db" "$1"
}

# mock SCENARIO: start the mock provider ($MOCK_SCRIPT, by default
# tests/stub/mockvideo.py; each mock takes the same options); sets $BASE
# and $MOCK_PID.
mock() {
	command -v python3 >/dev/null 2>&1 || exit 77
	rm -f "$WORK/port"
	python3 "${MOCK_SCRIPT:-$TESTS_DIR/stub/mockvideo.py}" \
	    --port-file "$WORK/port" \
	    --data "$TESTS_DIR/data/http" --scenario "$1" \
	    --log "$WORK/mock.log" >"$WORK/mock.out" 2>&1 &
	MOCK_PID=$!
	_i=0
	while [ ! -s "$WORK/port" ]; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || fail "the mock server did not start"
		sleep 0.05
	done
	BASE="http://127.0.0.1:$(cat "$WORK/port")"
	trap 'kill $MOCK_PID 2>/dev/null; chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
}

# conf_openai: a private configuration pointing the openai backend at
# the mock, with short waits.
conf_openai() {
	cat >"$CONF" <<CONF
allow_http = loopback
poll_interval = 0.05
retry_base = 0.05
retry_cap = 3
[backend openai]
base_url = $BASE/v1
CONF
	chmod 600 "$CONF"
}

unmock() {
	kill "$MOCK_PID" 2>/dev/null
	wait "$MOCK_PID" 2>/dev/null
	:
}

# stalled CMD...: the command ends with exit 1 and a takeboard: line
# saying jobs could not go on (they wait for the next sync); what it
# printed about them is in $OUT as usual.
stalled() {
	run "$@"
	[ "$RC" -eq 1 ] || fail "expected exit 1 (got $RC): $*"
	printf '%s\n' "$ERR" | grep -Eq '^takeboard: [0-9]+ jobs? could not go on' ||
	    fail "no 'could not go on' on stderr: $* ($ERR)"
}
