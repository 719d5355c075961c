#!/bin/sh
# SPDX-License-Identifier: ISC
# The shell completions in contrib/completions keep up with the program.
# Every command and subcommand `takeboard help` lists, and every option of
# each usage line (`takeboard help COMMAND`), is in the bash, zsh and fish
# completions. Where bash and fish are installed, their completions are
# run for every command and must offer its options, and the values of
# statuses, verdicts, sizes, --by, --format, --table and --backend, which
# are read from the program and its sources, not listed here.
. "$TESTS_DIR/cli/lib.sh"

COMPL=$TESTS_DIR/../contrib/completions
SRC=$TESTS_DIR/../src
BASH_C=$COMPL/takeboard.bash
ZSH_C=$COMPL/_takeboard
FISH_C=$COMPL/takeboard.fish
for f in "$BASH_C" "$ZSH_C" "$FISH_C"; do
	[ -f "$f" ] || fail "no completion file $f"
done

# No user configuration, but one backend named in a configuration file.
HOME=$WORK
XDG_CONFIG_HOME=$WORK/cfg
export HOME XDG_CONFIG_HOME
mkdir -p "$WORK/cfg/takeboard" "$WORK/dir" || exit 99
printf 'backend = openai\n\n[backend gateway]\ntype = openai\n' \
    >"$WORK/cfg/takeboard/config"
: >"$WORK/shots.csv"

# quoted NAME FILE: the quoted names in the initialiser of the C array
# NAME in FILE (for the statuses, verdicts, sizes and take states).
quoted() {
	sed -n "/ $1\\[[A-Z_]*\\] = {/,/};/p" "$2" |
	    grep -o '"[A-Za-z-]*"' | tr -d '"' | tr '\n' ' '
}

# The commands, as docs.sh reads them, and the groups among them.
ok "$T" help
cmds=$(printf '%s\n' "$OUT" | sed -n '/^Commands:/,/^$/p' |
    sed -n 's/^  \([a-z][a-z]*\( [a-z][a-z]*\)\{0,1\}\)  .*/\1/p')
[ "$(printf '%s\n' "$cmds" | wc -l)" -ge 30 ] || fail "too few commands parsed"
printf '%s\n' "$cmds" >"$WORK/cmds"
tops=$(cut -d ' ' -f 1 "$WORK/cmds" | uniq | tr '\n' ' ')
groups=$(sed -n 's/ .*//p' "$WORK/cmds" | sed '/^$/d' | uniq)
[ "$(printf '%s\n' "$groups" | wc -l)" -ge 6 ] || fail "too few groups parsed"

# Global options, from the usage line of `takeboard --help`.
ok "$T" --help
globals=$(printf '%s\n' "$OUT" | head -n 1 | tr ' []|()' '\n' |
    sed -n '/^-[a-zA-Z]$/p; /^--[a-z][a-z-]*$/p' | tr '\n' ' ')
[ -n "$globals" ] || fail "no global options parsed"

# $WORK/opts: "CMD:OPTIONS" (long and short, after the command name) and
# $WORK/vals: "CMD:OPTION:VALUES" for an option listed as [--opt a|b|c].
: >"$WORK/opts"
: >"$WORK/vals"
while IFS= read -r cmd; do
	# shellcheck disable=SC2086
	run "$T" help $cmd
	[ "$RC" -eq 0 ] || fail "help $cmd failed"
	line=$(printf '%s\n' "$OUT" | head -n 1)
	rest=${line#*"] $cmd"}
	[ "$rest" != "$line" ] || fail "cannot read the usage of '$cmd': $line"
	opts=$(printf '%s\n' "$rest" | tr ' []|()' '\n' |
	    sed -n '/^-[a-zA-Z]$/p; /^--[a-z][a-z-]*$/p' | sort -u |
	    tr '\n' ' ')
	printf '%s:%s\n' "$cmd" "$opts" >>"$WORK/opts"
	printf '%s\n' "$rest" | tr ' []()' '\n' | awk -v cmd="$cmd" '
	    prev ~ /^--[a-z-]+$/ && $0 ~ /^[a-z-]+(\|[a-z-]+)+$/ {
		gsub(/\|/, " ")
		print cmd ":" prev ":" $0
	    }
	    { prev = $0 }' >>"$WORK/vals"
done <"$WORK/cmds"
grep -q '^stats:--by:production scene shot prompt' "$WORK/vals" ||
    fail "the values of stats --by were not read from its usage"
grep -q '^report:--format:' "$WORK/vals" ||
    fail "the values of report --format were not read from its usage"

# Values the usage lines do not list, from the sources.
statuses=$(quoted status_names "$SRC/model/board.c")
verdicts=$(quoted verdict_names "$SRC/model/board.c")
states=$(quoted take_state_names "$SRC/model/board.c")
sizes=$(sed -n '/ shot_sizes\[\] = {/,/};/p' "$SRC/model/board.c" |
    grep -o '"[A-Z]*"' | tr -d '"' | tr '\n' ' ')
backends=$(sed -n 's/^[[:space:]]*\.name = "\([a-z0-9]*\)",$/\1/p' \
    "$SRC"/api/api-*.c | tr '\n' ' ')
tables=$(grep -ho 'rdoc_table(d, "[a-z-]*"' "$SRC"/report/*.c |
    sed 's/.*"\(.*\)"/\1/' | sort -u | tr '\n' ' ')
# enough WHAT WORDS: at least 3 words were read.
enough() {
	[ "$(printf '%s\n' "$2" | wc -w)" -ge 3 ] ||
	    fail "could not read the $1 from the sources"
}
enough statuses "$statuses"
enough verdicts "$verdicts"
enough "take states" "$states"
enough "shot sizes" "$sizes"
enough backends "$backends"
enough "report tables" "$tables"

# 1. Everything is in each file, in that shell's syntax.
missing=""
miss() {
	missing="$missing
$1"
}
while IFS= read -r cmd; do
	# shellcheck disable=SC2086
	set -- $cmd
	if [ $# -eq 1 ]; then
		sed -n "/^_takeboard_commands='/,/'\$/p" "$BASH_C" |
		    grep -Eq "[ '\"]$1([ '\"]|\$)" ||
		    miss "bash: command '$1'"
		grep -Eq "^[[:space:]]*['\"]$1:" "$ZSH_C" ||
		    miss "zsh: command '$1'"
		grep -Eq "__takeboard_needs_command -a $1 " "$FISH_C" ||
		    miss "fish: command '$1'"
	else
		grep -Eq "^[[:space:]]*$1\)[[:space:]]*echo \"([a-z ]* )?$2[ \"]" \
		    "$BASH_C" || miss "bash: subcommand '$1 $2'"
		sed -n "/^_takeboard_$1() {/,/^}/p" "$ZSH_C" |
		    grep -Eq "^[[:space:]]*['\"]$2:" ||
		    miss "zsh: subcommand '$1 $2'"
		grep -Eq "__takeboard_needs_sub $1' -a $2 " "$FISH_C" ||
		    miss "fish: subcommand '$1 $2'"
	fi
done <"$WORK/cmds"
while IFS=: read -r cmd opts; do
	for o in $opts; do
		case $o in
		--*)	l=${o#--}
			fre="-l $l( |\$)"
			zre="(^|[[:space:]{,'\"(*)])$o(\\[|=|[},])" ;;
		*)	l=${o#-}
			fre="-s $l( |\$)"
			zre="[{,]${o}[},]" ;;
		esac
		grep -Eq -- "[ \"]$o([ \"]|\$)" "$BASH_C" ||
		    miss "bash: option $o of '$cmd'"
		grep -Eq -- "$zre" "$ZSH_C" || miss "zsh: option $o of '$cmd'"
		grep -Eq -- "$fre" "$FISH_C" || miss "fish: option $o of '$cmd'"
	done
done <"$WORK/opts"
[ -z "$missing" ] || fail "the completions lag behind the program:$missing"

# 2. The completions run: a query is a command line (a trailing space
# completes an empty word); the expectations are "has" (the replies
# include these words) or "eq" (the replies are exactly these words).
: >"$WORK/q"
: >"$WORK/want"
expect() {
	printf '%s\n' "$2" >>"$WORK/q"
	printf '%s\n' "$3" | tr ' ' '\n' | sed '/^$/d' | sort -u |
	    tr '\n' ' ' >>"$WORK/want"
	printf '\t%s\n' "$1" >>"$WORK/want"
}
expect has "takeboard " "$tops"
expect has "takeboard help " "$tops"
expect has "takeboard -" "$globals"
expect eq "takeboard ge" "gen"
for g in $groups; do
	subs=$(sed -n "s/^$g //p" "$WORK/cmds" | tr '\n' ' ')
	expect eq "takeboard $g " "$subs"
	expect eq "takeboard help $g " "$subs"
done
while IFS=: read -r cmd opts; do
	expect has "takeboard $cmd -" "$opts --help"
done <"$WORK/opts"
while IFS=: read -r cmd opt vals; do
	expect eq "takeboard $cmd $opt " "$vals"
done <"$WORK/vals"
expect eq "takeboard gen 4A/v1 --backend " "$backends gateway"
expect eq "takeboard -f db.sqlite gen 4A/v1 -n 2 --backend " \
    "$backends gateway"
expect eq "takeboard report --table " "$tables"
expect eq "takeboard shot list --status " "$statuses"
expect eq "takeboard scene add INT. --status " "$statuses"
expect eq "takeboard shot edit 1A --size " "$sizes"
expect eq "takeboard shot status 1A " "$statuses"
expect eq "takeboard take list --status " "$states"
expect eq "takeboard take list 1A --verdict " "$verdicts"
expect has "takeboard -f " "shots.csv"
expect has "takeboard backup " "shots.csv"
expect has "takeboard import csv " "shots.csv"
expect has "takeboard export edl -o " "shots.csv"
expect has "takeboard report -o " "shots.csv"
expect has "takeboard take add 1A --variant 1A/v1 " "shots.csv"

# check SHELL ANSWERS: compare the answers (a line of words per query)
# with the expectations.
check() {
	[ "$(wc -l <"$2")" -eq "$(wc -l <"$WORK/q")" ] ||
	    fail "$1: $(wc -l <"$2") answers to $(wc -l <"$WORK/q") queries"
	bad=$(paste "$WORK/q" "$WORK/want" "$2" | awk -F '\t' -v sh="$1" '
	    {
		q = $1; mode = $3
		nw = split($2, want, " ")
		ng = split($4, g, " ")
		delete got
		n = 0
		for (i = 1; i <= ng; i++)
			if (!(g[i] in got)) {
				got[g[i]] = 1
				n++
			}
		for (i = 1; i <= nw; i++)
			if (!(want[i] in got))
				print sh ": \047" q "\047 does not offer " \
				    want[i]
		if (mode == "eq" && n != nw)
			print sh ": \047" q "\047 offers \047" $4 \
			    "\047, not only \047" $2 "\047"
	    }')
	[ -z "$bad" ] || fail "completions give wrong answers:
$bad"
}

ran=""
if command -v bash >/dev/null 2>&1; then
	# shellcheck disable=SC2016
	bash --norc --noprofile -c '
	    . "$1" || exit 1
	    complete -p takeboard | grep -q " -F _takeboard " || exit 1
	    while IFS= read -r line; do
		read -ra COMP_WORDS <<<"$line"
		[[ $line == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line
		COMP_POINT=${#line}
		COMPREPLY=()
		_takeboard
		printf "%s\n" "${COMPREPLY[*]}"
	    done' sh "$BASH_C" <"$WORK/q" >"$WORK/a.bash" 2>"$WORK/e.bash" ||
	    fail "bash could not load or run the completion: $(cat "$WORK/e.bash")"
	check bash "$WORK/a.bash"
	ran="$ran bash"
else
	echo "bash is not installed: the bash completion was not run" >&2
fi

if command -v fish >/dev/null 2>&1; then
	# shellcheck disable=SC2016
	fish --no-config -c '
	    source $argv[1]; or exit 1
	    while read -l --line line
		set -l r (complete -C "$line" | string replace -r "\t.*" "")
		echo "$r"
	    end' "$FISH_C" <"$WORK/q" >"$WORK/a.fish" 2>"$WORK/e.fish" ||
	    fail "fish could not load or run the completion: $(cat "$WORK/e.fish")"
	check fish "$WORK/a.fish"
	ran="$ran fish"
	fish --no-config -n "$FISH_C" || fail "fish -n $FISH_C"
else
	echo "fish is not installed: the fish completion was not run" >&2
fi

# zsh completes only in its line editor: drive an interactive zsh through
# a pseudo-terminal (zsh/zpty), with compadd wrapped to print the matches.
cat >"$WORK/drive.zsh" <<'EOF'
zmodload zsh/zpty || exit 1
zpty z zsh -f -i || exit 1
zpty -w z "PS1= PROMPT= RPROMPT=; fpath=(${(q)1} \$fpath)"
zpty -w z 'autoload -Uz compinit && compinit -u -D'
zpty -w z 'compadd() { local -a m; builtin compadd -O m "$@";
    (( $#m )) && print -r -- "<M>${(j: :)m}"; builtin compadd "$@"; }'
zpty -w z 'zstyle ":completion:*" menu no; unsetopt beep'
zpty -w z '__end() { print -r -- "<E>"; }; zle -N __end; bindkey "^G" __end'
zpty -w z 'bindkey "^I" complete-word; print -r -- "<R""EADY>"'
while zpty -r z l; do [[ $l == *'<READY>'* ]] && break; done
for q in "${(@f)$(<$2)}"; do
	zpty -w -n z "$q"$'\t\C-g'
	r=()
	while zpty -r z l; do
		l=${l//$'\r'/}
		[[ $l == *'<E>'* ]] && break
		[[ $l == *'<M>'* ]] && r+=(${=${l#*<M>}})
	done
	print -r -- "${(j: :)r}"
	zpty -w -n z $'\C-e\C-u'
done
zpty -d z
EOF
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$ZSH_C" || fail "zsh -n $ZSH_C"
	if ! command -v timeout >/dev/null 2>&1; then
		echo "no timeout(1): the zsh completion was not run" >&2
		ran="$ran zsh(syntax)"
	elif zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
		timeout 120 zsh -f "$WORK/drive.zsh" "$COMPL" "$WORK/q" \
		    >"$WORK/a.zsh" 2>"$WORK/e.zsh" ||
		    fail "zsh could not run the completion: $(cat "$WORK/e.zsh")"
		check zsh "$WORK/a.zsh"
		ran="$ran zsh"
	else
		echo "zsh has no zsh/zpty: the zsh completion was not run" >&2
		ran="$ran zsh(syntax)"
	fi
else
	echo "zsh is not installed: the zsh completion was not checked" >&2
fi
echo "checked the files; ran:${ran:- none}" >&2
exit 0
