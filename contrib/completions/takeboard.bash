# bash completion for takeboard(1)                        -*- shell-script -*-
# SPDX-License-Identifier: ISC
#
# Community-maintained; see contrib/README. Install by copying to
# /usr/share/bash-completion/completions/takeboard (or
# ~/.local/share/bash-completion/completions/takeboard), or source it
# from ~/.bashrc. Scene, shot, variant and take codes are not completed.

_takeboard_commands='init demo production backup check scene shot prompt take
    report import export gen sync jobs cancel retry budget stats log help'
_takeboard_globals='-f --file --no-color --keys -h --help -V --version'
_takeboard_statuses='planned generating review approved post final omitted'
_takeboard_verdicts='unreviewed keep maybe reject'
_takeboard_take_states='queued generating ready failed'
_takeboard_sizes='ECU CU MCU MS MLS WS EWS'
_takeboard_formats='txt md csv json html'
_takeboard_tables='summary status change budget scenes shots best-variants
    variants reasons scene-reasons people backends days weeks'
_takeboard_backends='openai runway gemini luma replicate fal comfyui command'

# _takeboard_subcommands CMD: the subcommands of CMD, if it has any ("help"
# takes a command, and then that command's subcommand).
_takeboard_subcommands()
{
	case $1 in
	scene)	echo "add list show edit move rm" ;;
	shot)	echo "add list show edit move status rm" ;;
	prompt)	echo "add list show diff rm" ;;
	take)	echo "add list show keep maybe reject unreview rate note rm" ;;
	import)	echo "fountain csv edl" ;;
	export)	echo "csv edl otio fcpxml" ;;
	help)	echo "$_takeboard_commands" ;;
	esac
}

# _takeboard_backend_names: the built-in backends and the [backend NAME]
# sections of the configuration file (takeboard.conf(5)).
_takeboard_backend_names()
{
	local conf=${XDG_CONFIG_HOME:-$HOME/.config}/takeboard/config
	local sp='[[:space:]]' re

	echo "$_takeboard_backends"
	[ -r "$conf" ] || return 0
	re="^$sp*\\[backend$sp\\{1,\\}\\([^][:space:]]\\{1,\\}\\)$sp*\\]"
	sed -n "s/$re.*/\\1/p" "$conf" 2>/dev/null
}

# _takeboard_flags CMD SUB: the options of CMD SUB that take no value.
_takeboard_flags()
{
	case "$1 $2" in
	"production "|"check "|"scene list"|"scene show"|"shot list"|\
	"shot show"|"prompt list"|"prompt show"|"take list"|"take show"|\
	"jobs "|"stats "|"log ")
		echo "--json" ;;
	"init ")
		echo "--shared" ;;
	"scene add"|"scene move"|"shot add"|"shot move")
		echo "--first" ;;
	"scene rm"|"shot rm"|"prompt rm"|"take rm")
		echo "--force" ;;
	"take add")
		echo "--move" ;;
	"import "*)
		echo "--dry-run" ;;
	"export csv")
		echo "--shots --takes" ;;
	"gen ")
		echo "--yes" ;;
	"sync ")
		echo "--watch" ;;
	esac
}

# _takeboard_valopts CMD SUB: the options of CMD SUB that take a value.
_takeboard_valopts()
{
	case "$1 $2" in
	"init "|"production ")
		echo "--title --fps --currency" ;;
	"scene add")
		echo "--code --after --synopsis --notes --status" ;;
	"scene edit")
		echo "--code --heading --synopsis --notes --status" ;;
	"scene move")
		echo "--after" ;;
	"shot add")
		echo "--code --after --size --angle --move --movement --lens" \
		    "--seconds --action --dialogue --notes --status" ;;
	"shot edit")
		echo "--code --description --size --angle --move --movement" \
		    "--lens --seconds --action --dialogue --notes --status" ;;
	"shot list")
		echo "--status" ;;
	"shot move")
		echo "--after --scene" ;;
	"prompt add")
		echo "--file --label --model --seconds --size --from" ;;
	"take add")
		echo "--prompt --variant --seconds --cost --backend --model" \
		    "--failed" ;;
	"take list")
		echo "--scene --prompt --variant --verdict --status" ;;
	"take keep")
		echo "--in --out" ;;
	"take reject")
		echo "--reason" ;;
	"report ")
		echo "--format -o --output --scene --since --until --backend" \
		    "--person --table" ;;
	"export csv")
		echo "-o --output" ;;
	"export "*)
		echo "-o --output --start" ;;
	"gen ")
		echo "-n --count --backend --model --seconds --size --remix" ;;
	"stats ")
		echo "--by --scene --shot" ;;
	esac
}

# _takeboard_takes_value CMD SUB WORD: true when option WORD takes a value.
_takeboard_takes_value()
{
	local o

	for o in $(_takeboard_valopts "$1" "$2"); do
		[ "$o" = "$3" ] && return 0
	done
	return 1
}

# _takeboard_reply COMPGEN-ARGS...: set COMPREPLY from compgen, one per line.
_takeboard_reply()
{
	mapfile -t COMPREPLY < <(compgen "$@")
}

_takeboard()
{
	local cur prev words cword
	local i w cmd="" sub="" npos=0

	if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
		# Keep "1:02.5" and "a=b" as one word each.
		_get_comp_words_by_ref -n =: cur prev words cword
	else
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
	fi
	COMPREPLY=()

	# Find the command, its subcommand and how many arguments follow.
	i=1
	while [ "$i" -lt "$cword" ]; do
		w=${words[i]}
		if [ -z "$cmd" ]; then
			case $w in
			-f|--file)
				i=$((i + 1)) ;;
			-*)	;;
			*)	cmd=$w ;;
			esac
		elif [ -z "$sub" ] && [ -n "$(_takeboard_subcommands "$cmd")" ]
		then
			case $w in
			-*)	;;
			*)	sub=$w ;;
			esac
		else
			case $w in
			--)	;;
			-)	npos=$((npos + 1)) ;;
			-*)	_takeboard_takes_value "$cmd" "$sub" "$w" &&
				    i=$((i + 1)) ;;
			*)	npos=$((npos + 1)) ;;
			esac
		fi
		i=$((i + 1))
	done

	# The value of an option.
	if [ -z "$cmd" ] && { [ "$prev" = -f ] || [ "$prev" = --file ]; }
	then
		compopt -o filenames 2>/dev/null
		_takeboard_reply -f -- "$cur"
		return 0
	fi
	if [ -n "$cmd" ] && _takeboard_takes_value "$cmd" "$sub" "$prev"; then
		case $prev in
		--status)
			if [ "$cmd" = take ]; then
				_takeboard_reply -W "$_takeboard_take_states" \
				    -- "$cur"
			else
				_takeboard_reply -W "$_takeboard_statuses" \
				    -- "$cur"
			fi ;;
		--verdict)
			_takeboard_reply -W "$_takeboard_verdicts" -- "$cur" ;;
		--size)
			[ "$cmd" = shot ] &&
			    _takeboard_reply -W "$_takeboard_sizes" -- "$cur" ;;
		--by)
			_takeboard_reply -W "production scene shot prompt backend model" \
			    -- "$cur" ;;
		--format)
			_takeboard_reply -W "$_takeboard_formats" -- "$cur" ;;
		--table)
			_takeboard_reply -W "$_takeboard_tables" -- "$cur" ;;
		--backend)
			[ "$cmd" = gen ] && _takeboard_reply \
			    -W "$(_takeboard_backend_names)" -- "$cur" ;;
		--file|-o|--output)
			compopt -o filenames 2>/dev/null
			_takeboard_reply -f -- "$cur" ;;
		esac
		return 0
	fi

	# Options.
	case $cur in
	-*)
		if [ -z "$cmd" ]; then
			_takeboard_reply -W "$_takeboard_globals" -- "$cur"
		else
			_takeboard_reply -W "$(_takeboard_flags "$cmd" "$sub") \
			    $(_takeboard_valopts "$cmd" "$sub") --help" -- "$cur"
		fi
		return 0
		;;
	esac

	# The command, the subcommand, then arguments.
	if [ -z "$cmd" ]; then
		_takeboard_reply -W "$_takeboard_commands" -- "$cur"
		return 0
	fi
	if [ -z "$sub" ] && [ -n "$(_takeboard_subcommands "$cmd")" ]; then
		_takeboard_reply -W "$(_takeboard_subcommands "$cmd")" -- "$cur"
		return 0
	fi
	case "$cmd $sub" in
	"help "*)
		[ "$npos" -eq 0 ] && _takeboard_reply \
		    -W "$(_takeboard_subcommands "$sub")" -- "$cur" ;;
	"demo ")
		if [ "$npos" -eq 0 ]; then
			compopt -o filenames 2>/dev/null
			_takeboard_reply -d -- "$cur"
		fi ;;
	"shot status")
		[ "$npos" -eq 1 ] &&
		    _takeboard_reply -W "$_takeboard_statuses" -- "$cur" ;;
	"take rate")
		[ "$npos" -eq 1 ] &&
		    _takeboard_reply -W "0 1 2 3 4 5" -- "$cur" ;;
	"backup "|"import "*)
		if [ "$npos" -eq 0 ]; then
			compopt -o filenames 2>/dev/null
			_takeboard_reply -f -- "$cur"
		fi ;;
	"budget ")
		[ "$npos" -eq 0 ] && _takeboard_reply -W "none" -- "$cur" ;;
	"take add")
		if [ "$npos" -ge 1 ]; then
			compopt -o filenames 2>/dev/null
			_takeboard_reply -f -- "$cur"
		fi ;;
	esac
	return 0
}

complete -F _takeboard takeboard
