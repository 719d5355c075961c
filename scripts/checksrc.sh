#!/bin/sh
# SPDX-License-Identifier: ISC
#
# checksrc.sh DIR: a small curl-style source check over every .c and .h
# file under DIR. It rejects the banned functions of STYLE.md section
# 13.4 (strcpy, strcat, sprintf, vsprintf, strtok, atoi, atol, atoll,
# atof, gets) and an assignment inside an if condition. Comments, string
# and character literals are blanked first, so they never match.
# Prints one "file:line: reason" per finding and exits 1, or prints
# nothing and exits 0. Exits 2 on bad usage.

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
	echo "usage: checksrc.sh DIR" >&2
	exit 2
fi

out=$(find "$1" -type f \( -name '*.c' -o -name '*.h' \) -exec awk '
BEGIN {
	banned = "(^|[^A-Za-z0-9_])(strcpy|strcat|sprintf|vsprintf|strtok|" \
	    "atoi|atol|atoll|atof|gets)[ \t]*\\("
}

FNR == 1 {
	incomment = 0
}

# Return s with comments and literals replaced by spaces; keeps the
# state of a /* */ comment across lines in incomment.
function strip(s,    r, i, n, c, d, q) {
	r = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		d = substr(s, i + 1, 1)
		if (incomment) {
			if (c == "*" && d == "/") {
				incomment = 0
				i++
			}
			r = r " "
			continue
		}
		if (c == "/" && d == "*") {
			incomment = 1
			i++
			r = r " "
			continue
		}
		if (c == "/" && d == "/")
			break
		if (c == "\"" || c == "\047") {
			q = c
			r = r q
			for (i++; i <= n; i++) {
				c = substr(s, i, 1)
				if (c == "\\") {
					i++
					continue
				}
				if (c == q)
					break
			}
			r = r q
			continue
		}
		r = r c
	}
	return r
}

# The text inside the parentheses that follow position p of s (p is at
# the opening parenthesis), up to the end of the line if unbalanced.
function cond(s, p,    depth, i, n, c) {
	depth = 0
	n = length(s)
	for (i = p; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "(")
			depth++
		else if (c == ")" && --depth == 0)
			break
	}
	return substr(s, p + 1, i - p - 1)
}

{
	line = strip($0)
	rest = line
	while (match(rest, banned)) {
		fn = substr(rest, RSTART, RLENGTH)
		sub(/^[^A-Za-z]/, "", fn)
		sub(/[ \t]*\($/, "", fn)
		printf "%s:%d: use of %s\n", FILENAME, FNR, fn
		rest = substr(rest, RSTART + RLENGTH)
	}

	rest = line
	while (match(rest, /(^|[^A-Za-z0-9_])if[ \t]*\(/)) {
		c = cond(rest, RSTART + RLENGTH - 1)
		# An "=" that is not part of ==, !=, <=, >= (or <<=, >>=).
		if (c ~ /(^|[^=!<>])=([^=]|$)/)
			printf "%s:%d: assignment in if condition\n", \
			    FILENAME, FNR
		rest = substr(rest, RSTART + RLENGTH)
	}
}
' {} + | LC_ALL=C sort -t: -k1,1 -k2,2n)

if [ -n "$out" ]; then
	printf '%s\n' "$out"
	exit 1
fi
exit 0
