#!/bin/sh
# SPDX-License-Identifier: ISC
#
# check-layers.sh DIR: check the layering rules of STYLE.md section 2 on
# the #include lines of every .c and .h file under DIR (the src/ tree).
# A project header is "layer/file.h"; each layer may include only the
# layers below it, and each third-party header only its one layer:
# <sqlite3.h> db/, <curl/...> api/, curses tui/, cJSON api/ cli/ io/
# report/. Files directly in DIR (takeboard.c) may include any project
# layer but no third-party header; other directories get only the
# third-party rules.
# Prints one "file:line: reason" per violation and exits 1, or prints
# nothing and exits 0. Exits 2 on bad usage.

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
	echo "usage: check-layers.sh DIR" >&2
	exit 2
fi
dir=${1%/}

out=$(find "$dir" -type f \( -name '*.c' -o -name '*.h' \) -exec awk \
    -v root="$dir" '
BEGIN {
	# Project layers each layer may include (itself included).
	allow["util"] = " util "
	allow["model"] = " util model "
	allow["db"] = " util model db "
	allow["api"] = " util model api "
	allow["io"] = " util model db io "
	allow["report"] = " util model db report "
	allow["gen"] = " util model db api gen "
	allow["cli"] = " util model db io report gen cli "
	allow["tui"] = " util model db gen tui "
	# The only layers each third-party family may be included from.
	third["sqlite3"] = " db "
	third["curl"] = " api "
	third["curses"] = " tui "
	third["cjson"] = " api cli io report "
	name["sqlite3"] = "<sqlite3.h>"
	name["curl"] = "curl"
	name["curses"] = "curses"
	name["cjson"] = "cJSON"
}
FNR == 1 {
	rel = substr(FILENAME, length(root) + 2)
	layer = ""
	if (index(rel, "/") > 0)
		layer = substr(rel, 1, index(rel, "/") - 1)
	where = layer == "" ? "top-level files" : layer "/"
}
/^[ \t]*#[ \t]*include[ \t]*["<]/ {
	hdr = $0
	sub(/^[ \t]*#[ \t]*include[ \t]*/, "", hdr)
	quoted = substr(hdr, 1, 1) == "\""
	hdr = substr(hdr, 2)
	sub(/[">].*$/, "", hdr)

	fam = ""
	if (hdr == "sqlite3.h")
		fam = "sqlite3"
	else if (hdr ~ /^curl\//)
		fam = "curl"
	else if (hdr ~ /^(curses|ncurses|term|panel|menu|form)\.h$/ ||
	    hdr ~ /^ncursesw?\//)
		fam = "curses"
	else if (hdr ~ /(^|\/)cJSON(_Utils)?\.h$/)
		fam = "cjson"
	if (fam != "") {
		if (index(third[fam], " " layer " ") == 0)
			printf "%s:%d: %s must not include %s (%s)\n", FILENAME,
			    FNR, where, name[fam], hdr
		next
	}

	if (!quoted || index(hdr, "/") == 0 || !(layer in allow))
		next
	dep = substr(hdr, 1, index(hdr, "/") - 1)
	if ((dep in allow) && index(allow[layer], " " dep " ") == 0)
		printf "%s:%d: %s/ must not include %s/ headers (%s)\n",
		    FILENAME, FNR, layer, dep, hdr
}
' {} + | LC_ALL=C sort -t: -k1,1 -k2,2n)

if [ -n "$out" ]; then
	printf '%s\n' "$out"
	exit 1
fi
exit 0
