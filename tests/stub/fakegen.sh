#!/bin/sh
# SPDX-License-Identifier: ISC
# A stand-in for a local video model, for the command backend's tests:
# takes --output PATH --prompt TEXT --seconds N [--model M] [--size WxH],
# reads the request JSON on stdin (copied to $FAKEGEN_LOG when set), and
# writes a small fake clip. FAKEGEN_MODE=fail makes it fail with a
# message; FAKEGEN_MODE=empty exits 0 without a clip; FAKEGEN_SLEEP
# delays it.
out=
while [ $# -gt 0 ]; do
	case $1 in
	--output) out=$2; shift 2 ;;
	--prompt|--seconds|--model|--size) shift 2 ;;
	*) echo "fakegen: unknown argument $1" >&2; exit 2 ;;
	esac
done
req=$(cat)
[ -n "${FAKEGEN_LOG:-}" ] && printf '%s\n' "$req" >>"$FAKEGEN_LOG"
[ -n "${FAKEGEN_ARGS:-}" ] && env >>"$FAKEGEN_ARGS"
[ -n "${FAKEGEN_SLEEP:-}" ] && sleep "$FAKEGEN_SLEEP"
case ${FAKEGEN_MODE:-ok} in
fail) echo "model crashed: out of GPU memory" >&2; exit 3 ;;
empty) exit 0 ;;
esac
printf 'fake clip for %s\n' "$req" >"$out"
