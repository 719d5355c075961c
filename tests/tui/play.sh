#!/bin/sh
# Review's "o" plays the clip with $TAKEBOARD_PLAYER: the player gets the
# clip's path (and the words of the variable as its arguments), detached
# from the interface, and an environment without the API keys takeboard
# was started with; with neither a player nor a display, the message
# names the clip and the variable instead.
. "$TESTS_DIR/cli/lib.sh"
. "$TESTS_DIR/tui/lib.sh"

mkdir "$WORK/prod" && cd "$WORK/prod" || exit 99
ok "$T" init --title Play
ok "$T" scene add "INT. ROOM - DAY"
ok "$T" shot add 1 "a shot"
printf 'clip bytes' >"$WORK/clip.mp4"
ok "$T" take add 1A --seconds 2 "$WORK/clip.mp4"
DB=$WORK/prod/takeboard.db
CLIP=$WORK/prod/takes/1/1A/1A-t00001.mp4
[ -f "$CLIP" ] || fail "the clip was not copied to $CLIP"

# The player records its arguments and environment, then stays a while
# as a real player would (the interface must not wait for it).
cat >"$WORK/player.sh" <<EOF
#!/bin/sh
tr '\\0' '\\n' </proc/\$\$/environ >"$WORK/player.env.part"
printf '%s\\n' "\$@" >"$WORK/player.argv"
echo \$\$ >"$WORK/player.pid"
mv "$WORK/player.env.part" "$WORK/player.env"
sleep 30
EOF
chmod 755 "$WORK/player.sh"

CANARY=sk-canary-$$-play
TB_ENV="TAKEBOARD_PLAYER='$WORK/player.sh --fullscreen' OPENAI_API_KEY=$CANARY RUNWAYML_API_SECRET=$CANARY GEMINI_API_KEY=$CANARY MY_TOKEN=$CANARY KEEP_ME=visible"
start "$DB"
wait_for "Play"
keys R
wait_for "Review the production"
keys o
wait_for "playing $CLIP"
i=0
while [ ! -f "$WORK/player.env" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -f "$WORK/player.env" ] || fail "the player did not start"
[ "$(cat "$WORK/player.argv")" = "--fullscreen
$CLIP" ] || fail "the player's arguments: $(cat "$WORK/player.argv")"
grep -q "$CANARY" "$WORK/player.env" && fail "an API key reached the player's environment"
grep -q '^KEEP_ME=visible$' "$WORK/player.env" || fail "the player lost the rest of the environment"
# The interface went on while the player runs.
keys k
wait_for "Keep: in-out"
keys Enter
until_db "take show 1 --json" '"verdict":[[:space:]]*"keep"'
kill "$(cat "$WORK/player.pid")" 2>/dev/null
keys q
wait_for "Board: 1 scenes"
quit

# No player and no display: the path and the variable are named.
# (A new tmux server: one still going away could take a new session
# with it.)
server_down
TMUX_SOCK=$TMUX_SOCK-2
TM="tmux -L $TMUX_SOCK -f /dev/null"
TB_ENV="TAKEBOARD_PLAYER= DISPLAY= WAYLAND_DISPLAY="
start "$DB" 200 32
wait_for "Play"
keys R
wait_for "Review the production"
# the take is kept now: review every take
keys f
wait_for "Review which takes"
keys Down Down Down Down Enter
wait_for "Take 1 "
keys o
wait_for "no local display: the clip is $CLIP (set TAKEBOARD_PLAYER"
keys q
wait_for "Board: 1 scenes"
quit
exit 0
