# SPDX-License-Identifier: ISC
# Shared by the report tests (sourced after lib.sh): report_production
# DIR builds a small production with a known history in DIR, through the
# command line, so the golden reports of tests/data/report/ match it
# byte for byte. Its text has HTML, CSV separators, quotes, a newline and
# a terminal escape in it, and a scene code with a leading zero.
#
#   three scenes with shots (one shot omitted), one scene without shots
#   takes over five days (2026-10-05 to 2026-10-09) by ana and joe, on
#   gemini, runway and comfyui, failed attempts, verdicts with reasons,
#   trims, a take with no variant, and shots moving through statuses.
# The report itself is made at REPORT_NOW.

REPORT_NOW=2026-10-12T12:00:00Z

# at TIME USER: the clock and the user of the next commands.
at() {
	TAKEBOARD_NOW=$1
	USER=$2
	export TAKEBOARD_NOW USER
}

# take SHOT ARGS...: add one take; $TAKE is its id.
take() {
	ok "$T" take add "$@"
	TAKE=$(printf '%s\n' "$OUT" | sed -n 's/^take \([0-9]*\) added.*/\1/p')
	[ -n "$TAKE" ] || fail "no take id in: $OUT"
}

report_production() {
	mkdir -p "$1" && cd "$1" || exit 99
	esc=$(printf '\033')
	nl='
'
	at 2026-10-05T08:00:00Z ana
	ok "$T" init --title 'Harbour "Lights" <Pilot>' --currency EUR
	ok "$T" scene add "EXT. HARBOUR - DAWN"
	ok "$T" scene add 'INT. BAR "ZUM <b>" & GRILL | 2, 3'
	ok "$T" scene add "EXT. ROAD - NIGHT"
	ok "$T" scene add "INT. VAULT - DAY" --code 007
	ok "$T" shot add 1 "Boats at first light" --seconds 6 --size EWS
	ok "$T" shot add 1 "Ines on the wall" --seconds 4
	ok "$T" shot add 1 "Gulls over the mast" --seconds 3
	ok "$T" shot add 2 "Glasses clink${nl}then a ${esc}[31mred${esc}[0m light" \
	    --seconds 4
	ok "$T" shot add 2 "The barman, | arms folded" --seconds 5
	ok "$T" shot add 007 "The lock turns" --seconds 3
	ok "$T" prompt add 1A "Harbour at dawn, fishing boats, mist, EWS." \
	    --model veo-3
	ok "$T" prompt add 1A "Harbour at dawn, fishing boats, low mist, \
soft light, EWS, slow push-in." --from 1A/v1
	ok "$T" prompt add 1B "Ines on the harbour wall, hood up, MS." \
	    --model gen4
	ok "$T" prompt add 2A "<script>alert(\"x\")</script> glasses, \"cheers\"; a|b, c" \
	    --model gen4
	ok "$T" prompt add 2A "=SUM(A1) glasses${nl}second line *bold* _it_ \`code\`" \
	    --from 2A/v1
	ok "$T" prompt add 2B "Barman, arms folded, 50mm." --model wan
	ok "$T" prompt add 007A "Macro of a lock turning." --model wan

	# Day 1: ana generates 1A on gemini; one attempt fails.
	at 2026-10-05T10:00:00Z ana
	ok "$T" shot status 1A generating
	for i in 1 2 3; do
		take 1A --prompt 1A/v1 --seconds 8 --cost 0.40 --backend gemini \
		    --model veo-3
	done
	take 1A --prompt 1A/v1 --backend gemini --model veo-3 --cost 0.10 \
	    --failed "content policy"
	# Day 2: joe tries v2 of 1A and starts 2A on runway; ana reviews.
	at 2026-10-06T11:00:00Z joe
	for i in 1 2; do
		take 1A --prompt 1A/v2 --seconds 8 --cost 0.40 --backend gemini \
		    --model veo-3
	done
	ok "$T" shot status 2A generating
	for i in 1 2 3; do
		take 2A --prompt 2A/v1 --seconds 10 --cost 0.50 --backend runway \
		    --model gen4_turbo
	done
	at 2026-10-06T17:00:00Z ana
	ok "$T" take reject 1 --reason morphing --reason hands
	ok "$T" take reject 2 --reason morphing
	ok "$T" take maybe 3
	ok "$T" take reject 5 --reason framing
	ok "$T" take reject 7 --reason wrong-face --reason morphing
	ok "$T" take reject 8
	# Day 3: keeps, a take with no variant, more of 2A with v2.
	at 2026-10-07T09:30:00Z ana
	ok "$T" take keep 6 --in 1.5 --out 4
	ok "$T" shot status 1A review
	take 1B --seconds 5 --cost 0.25 --backend runway --model gen4_turbo
	take 1B --prompt 1B/v1 --seconds 5 --cost 0.25 --backend runway \
	    --model gen4_turbo
	at 2026-10-07T15:00:00Z joe
	take 2A --prompt 2A/v2 --seconds 10 --cost 0.50 --backend runway \
	    --model gen4_turbo
	take 2A --prompt 2A/v2 --seconds 10 --cost 0.50 --backend runway \
	    --model gen4_turbo --failed "timed out after 900 s"
	ok "$T" take keep 12 --out 2.5
	ok "$T" take reject 9 --reason continuity
	# Day 4: nothing generated; 1A approved, 1C omitted, 2A to review.
	at 2026-10-08T18:00:00Z ana
	ok "$T" shot status 1A approved
	ok "$T" shot status 1C omitted
	ok "$T" shot status 2A review
	ok "$T" take reject 10 --reason hands
	# Day 5: the vault on a local model (no cost); 2B; 2A approved.
	at 2026-10-09T10:00:00Z joe
	ok "$T" shot status 007A generating
	for i in 1 2 3 4; do
		take 007A --prompt 007A/v1 --seconds 5 --backend comfyui \
		    --model wan2.2
	done
	take 2B --prompt 2B/v1 --seconds 6 --cost 1.20 --backend gemini \
	    --model veo-3
	at 2026-10-09T16:00:00Z ana
	ok "$T" take keep 17
	ok "$T" take reject 15 --reason artefacts
	ok "$T" take reject 16 --reason artefacts --reason physics
	ok "$T" take maybe 18
	ok "$T" take rate 6 5
	ok "$T" shot status 2A approved
	at "$REPORT_NOW" tester
}
