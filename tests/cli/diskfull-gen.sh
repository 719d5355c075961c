#!/bin/sh
# A download onto a full disk or into a read-only takes/ folder (against
# the loopback mock provider): sync says which file it cannot write and
# why, leaves no file at the final name, keeps the take waiting with its
# job and the bytes already fetched, does not retry in vain, and the next
# sync with room finishes the clip whole.
. "$TESTS_DIR/cli/gen-lib.sh"

SHIM=$HELPERS/enospc.so
[ -f "$SHIM" ] || { echo "skip: $SHIM was not built" >&2; exit 77; }
ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
export ASAN_OPTIONS
OPENAI_API_KEY=sk-test-diskfull
export OPENAI_API_KEY
mock happy
cat >"$CONF" <<CONF
allow_http = loopback
poll_interval = 0.05
retry_base = 0.05
retry_cap = 3
[backend openai]
base_url = $BASE/v1
CONF
chmod 600 "$CONF"
intact() {
	[ "$(sql 'pragma integrity_check')" = ok ] || fail "integrity_check"
}

# ------------------------------------------------------ full disk
ok "$T" gen 4A/v1 --seconds 8 --yes
stalled env LD_PRELOAD="$SHIM" ENOSPC_PATTERN="$WORK/takes/" ENOSPC_AFTER=50000 \
    "$T" sync --watch
printf '%s\n' "$OUT" | grep -q "take 1 4/4A: .*cannot write $WORK/takes/4/4A/4A-t00001\.part: No space left on device" ||
    fail "sync does not name the full disk: $OUT $ERR"
[ ! -e takes/4/4A/4A-t00001.mp4 ] || fail "a partial clip under the final name"
[ "$(sql 'SELECT status FROM take WHERE id = 1')" = generating ] ||
    fail "the take is not waiting any more"
[ "$(grep -c 'GET /v1/videos/.*/content' "$WORK/mock.log")" -eq 1 ] ||
    fail "the download was retried on a full disk: $(grep -c 'content' "$WORK/mock.log")"
intact
ok "$T" sync --watch
has 'take 1 4/4A: done'
[ "$(wc -c < takes/4/4A/4A-t00001.mp4)" -eq 204812 ] || fail "clip size"
[ -z "$(find takes -name '*.part')" ] || fail "a .part was left"
intact

# ------------------------------------------- read-only takes/ folder
if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null 2>&1 ||
	    { echo "diskfull-gen: read-only part skipped: no setpriv"; exit 0; }
	chmod -R a+rwX "$WORK"
	# The configuration must belong to whoever reads it.
	chown 65534 "$CONF"
	chmod 600 "$CONF"
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	AS=""
fi
ok $AS "$T" gen 4A/v1 --seconds 8 --yes
chmod 555 takes/4/4A
stalled $AS "$T" sync --watch
printf '%s\n' "$OUT" | grep -q "take 2 4/4A: .*$WORK/takes/4/4A.*Permission denied" ||
    fail "sync does not name the read-only folder: $OUT $ERR"
[ "$(sql 'SELECT status FROM take WHERE id = 2')" = generating ] ||
    fail "the take is not waiting any more"
intact
chmod 777 takes/4/4A
ok $AS "$T" sync --watch
has 'take 2 4/4A: done'
[ "$(wc -c < takes/4/4A/4A-t00002.mp4)" -eq 204812 ] || fail "clip size"
intact
echo "diskfull-gen: a download onto a full disk and into a read-only folder"
exit 0
