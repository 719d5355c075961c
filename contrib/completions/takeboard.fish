# fish completion for takeboard(1)
# SPDX-License-Identifier: ISC
#
# Community-maintained; see contrib/README. Install by copying to
# ~/.config/fish/completions/takeboard.fish (or the vendor completions
# folder, /usr/share/fish/vendor_completions.d). Scene, shot, variant and
# take codes are not completed.

# The words after "takeboard" that are not options: command, subcommand,
# then arguments. The value of -f (--file) is skipped.
function __takeboard_words
    set -l toks (commandline -opc)
    set -e toks[1]
    set -l skip 0
    for t in $toks
        if test $skip = 1
            set skip 0
            continue
        end
        switch $t
            case -f --file
                set skip 1
            case '-?*'
            case '*'
                echo $t
        end
    end
end

# __takeboard_needs_command: no command given yet.
function __takeboard_needs_command
    set -l w (__takeboard_words)
    test (count $w) -eq 0
end

# __takeboard_needs_sub CMD: CMD given, but no subcommand yet.
function __takeboard_needs_sub
    set -l w (__takeboard_words)
    test (count $w) -eq 1; and test "$w[1]" = $argv[1]
end

# __takeboard_using CMD [SUB]: the command line is for CMD (and SUB).
function __takeboard_using
    set -l w (__takeboard_words)
    test "$w[1]" = $argv[1]; or return 1
    if test (count $argv) -ge 2
        test (count $w) -ge 2; and test "$w[2]" = $argv[2]
    else
        test (count $w) -ge 1
    end
end

# __takeboard_arg CMD SUB N: the cursor is on the Nth argument of CMD SUB
# (N = 1 is the word after the subcommand).
function __takeboard_arg
    set -l w (__takeboard_words)
    __takeboard_using $argv[1] $argv[2]; or return 1
    test (math (count $w) - 1) -eq $argv[3]
end

set -l statuses planned generating review approved post final omitted
set -l verdicts unreviewed keep maybe reject
set -l sizes ECU CU MCU MS MLS WS EWS
set -l take_states queued generating ready failed
set -l formats txt md csv json html
set -l tables summary status change budget scenes shots best-variants variants reasons scene-reasons people backends days weeks

# __takeboard_backends: the built-in backends and the [backend NAME]
# sections of the configuration file (takeboard.conf(5)).
function __takeboard_backends
    printf '%s\n' openai runway gemini luma replicate fal comfyui command
    set -l dir $XDG_CONFIG_HOME
    test -n "$dir"; or set dir $HOME/.config
    test -r $dir/takeboard/config; or return 0
    string replace -rf '^\s*\[backend\s+([^\]\s]+)\s*\].*' '$1' <$dir/takeboard/config
end

complete -c takeboard -f

# Global options and commands.
complete -c takeboard -n __takeboard_needs_command -s f -l file -r -F -d 'Production database'
complete -c takeboard -n __takeboard_needs_command -l no-color -d 'No colours in the interface'
complete -c takeboard -n __takeboard_needs_command -l keys -d 'List the key bindings of the interface'
complete -c takeboard -n __takeboard_needs_command -s h -l help -d 'Show usage'
complete -c takeboard -n __takeboard_needs_command -s V -l version -d 'Show the version'
complete -c takeboard -n __takeboard_needs_command -a init -d 'Create a production here'
complete -c takeboard -n __takeboard_needs_command -a demo -d 'Create a sample production'
complete -c takeboard -n __takeboard_needs_command -a production -d 'Show or change the production'
complete -c takeboard -n __takeboard_needs_command -a backup -d 'Write a consistent copy of the database'
complete -c takeboard -n __takeboard_needs_command -a check -d 'Check the database and the clips'
complete -c takeboard -n __takeboard_needs_command -a scene -d 'Add, list, edit, move, remove scenes'
complete -c takeboard -n __takeboard_needs_command -a shot -d 'Add, list, edit, move, remove shots'
complete -c takeboard -n __takeboard_needs_command -a prompt -d 'Add, list, compare, remove prompt variants'
complete -c takeboard -n __takeboard_needs_command -a take -d 'Register and review takes'
complete -c takeboard -n __takeboard_needs_command -a report -d "The producer's report: keep ratios, cost, progress"
complete -c takeboard -n __takeboard_needs_command -a import -d 'Import a screenplay, a shot list or an edit'
complete -c takeboard -n __takeboard_needs_command -a export -d 'Export the shot list, the takes or the cut'
complete -c takeboard -n __takeboard_needs_command -a gen -d 'Generate takes of a prompt variant'
complete -c takeboard -n __takeboard_needs_command -a sync -d 'Follow unfinished jobs and download clips'
complete -c takeboard -n __takeboard_needs_command -a jobs -d 'What is in flight, queued, failed or undecided'
complete -c takeboard -n __takeboard_needs_command -a cancel -d "Cancel a take's generation"
complete -c takeboard -n __takeboard_needs_command -a retry -d "Submit a failed take's request again"
complete -c takeboard -n __takeboard_needs_command -a budget -d "Show or set the production's budget cap"
complete -c takeboard -n __takeboard_needs_command -a stats -d 'Usage and cost statistics'
complete -c takeboard -n __takeboard_needs_command -a log -d 'Who changed what'
complete -c takeboard -n __takeboard_needs_command -a help -d 'Show the usage of a command'

# Every command and subcommand takes --help.
complete -c takeboard -n 'not __takeboard_needs_command' -l help -d 'Show usage of this command'

# help, init, demo, production, backup, check, stats, log.
complete -c takeboard -n '__takeboard_needs_sub help' -a 'init demo production backup check scene shot prompt take report import export gen sync jobs cancel retry budget stats log help'
complete -c takeboard -n '__takeboard_arg help scene 1' -a 'add list show edit move rm'
complete -c takeboard -n '__takeboard_arg help shot 1' -a 'add list show edit move status rm'
complete -c takeboard -n '__takeboard_arg help prompt 1' -a 'add list show diff rm'
complete -c takeboard -n '__takeboard_arg help take 1' -a 'add list show keep maybe reject unreview rate note rm'
complete -c takeboard -n '__takeboard_arg help import 1' -a 'fountain csv edl'
complete -c takeboard -n '__takeboard_arg help export 1' -a 'csv edl otio fcpxml'
for c in init production
    complete -c takeboard -n "__takeboard_using $c" -l title -x -d Title
    complete -c takeboard -n "__takeboard_using $c" -l fps -x -d 'Frames per second'
    complete -c takeboard -n "__takeboard_using $c" -l currency -x -d 'Currency code'
end
complete -c takeboard -n '__takeboard_using init' -l shared -d 'Let a group share the production'
complete -c takeboard -n '__takeboard_needs_sub demo' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c takeboard -n '__takeboard_needs_sub backup' -F
complete -c takeboard -n '__takeboard_using check' -l json -d 'Print JSON'
complete -c takeboard -n '__takeboard_using production' -l json -d 'Print JSON'
complete -c takeboard -n '__takeboard_using stats' -l by -x -a 'production scene shot prompt backend model' -d 'Group by'
complete -c takeboard -n '__takeboard_using stats' -l scene -x -d 'Only this scene'
complete -c takeboard -n '__takeboard_using stats' -l shot -x -d 'Only this shot'
complete -c takeboard -n '__takeboard_using stats' -l json -d 'Print JSON'
complete -c takeboard -n '__takeboard_using log' -l json -d 'Print JSON'

# report
complete -c takeboard -n '__takeboard_using report' -l format -x -a "$formats" -d 'Output format'
complete -c takeboard -n '__takeboard_using report' -s o -l output -r -F -d 'Write to a file'
complete -c takeboard -n '__takeboard_using report' -l scene -x -d 'Only this scene'
complete -c takeboard -n '__takeboard_using report' -l since -x -d 'From this day, YYYY-MM-DD'
complete -c takeboard -n '__takeboard_using report' -l until -x -d 'Up to this day, YYYY-MM-DD'
complete -c takeboard -n '__takeboard_using report' -l backend -x -d 'Only takes of this backend'
complete -c takeboard -n '__takeboard_using report' -l person -x -d 'Only takes of this user'
complete -c takeboard -n '__takeboard_using report' -l table -x -a "$tables" -d 'Print one table'

# import, export
complete -c takeboard -n '__takeboard_needs_sub import' -a fountain -d 'Import scenes from a Fountain screenplay'
complete -c takeboard -n '__takeboard_needs_sub import' -a csv -d 'Import a CSV shot list'
complete -c takeboard -n '__takeboard_needs_sub import' -a edl -d 'Match an edited CMX 3600 EDL back to takes'
for s in fountain csv edl
    complete -c takeboard -n "__takeboard_using import $s" -l dry-run -d 'Show what would change, change nothing'
    complete -c takeboard -n "__takeboard_arg import $s 1" -F
end
complete -c takeboard -n '__takeboard_needs_sub export' -a csv -d 'Export the shot list or the takes as CSV'
complete -c takeboard -n '__takeboard_needs_sub export' -a edl -d 'Export the cut as a CMX 3600 EDL'
complete -c takeboard -n '__takeboard_needs_sub export' -a otio -d 'Export the cut as OpenTimelineIO'
complete -c takeboard -n '__takeboard_needs_sub export' -a fcpxml -d 'Export the cut as FCPXML 1.10'
for s in csv edl otio fcpxml
    complete -c takeboard -n "__takeboard_using export $s" -s o -l output -r -F -d 'Write to a file'
end
complete -c takeboard -n '__takeboard_using export csv' -l shots -d 'Export the shot list'
complete -c takeboard -n '__takeboard_using export csv' -l takes -d 'Export the takes'
for s in edl otio fcpxml
    complete -c takeboard -n "__takeboard_using export $s" -l start -x -d 'Timecode of the first frame'
end

# gen, sync, jobs, cancel, retry, budget
complete -c takeboard -n '__takeboard_using gen' -s n -l count -x -d 'Number of takes'
complete -c takeboard -n '__takeboard_using gen' -l backend -x -a '(__takeboard_backends)' -d Backend
complete -c takeboard -n '__takeboard_using gen' -l model -x -d Model
complete -c takeboard -n '__takeboard_using gen' -l seconds -x -d Duration
complete -c takeboard -n '__takeboard_using gen' -l size -x -d 'Frame size, WIDTHxHEIGHT'
complete -c takeboard -n '__takeboard_using gen' -l remix -x -d 'Remix this take'
complete -c takeboard -n '__takeboard_using gen' -l yes -d 'Do not ask before spending'
complete -c takeboard -n '__takeboard_using sync' -l watch -d 'Keep following until all are done'
complete -c takeboard -n '__takeboard_using jobs' -l json -d 'Print JSON'
complete -c takeboard -n '__takeboard_needs_sub budget' -x -a none -d 'No budget cap'

# scene
complete -c takeboard -n '__takeboard_needs_sub scene' -a add -d 'Add a scene'
complete -c takeboard -n '__takeboard_needs_sub scene' -a list -d 'List the scenes'
complete -c takeboard -n '__takeboard_needs_sub scene' -a show -d 'Show a scene'
complete -c takeboard -n '__takeboard_needs_sub scene' -a edit -d 'Change a scene'
complete -c takeboard -n '__takeboard_needs_sub scene' -a move -d 'Move a scene'
complete -c takeboard -n '__takeboard_needs_sub scene' -a rm -d 'Remove a scene'
for s in add edit
    complete -c takeboard -n "__takeboard_using scene $s" -l code -x -d 'Scene code'
    complete -c takeboard -n "__takeboard_using scene $s" -l synopsis -x -d Synopsis
    complete -c takeboard -n "__takeboard_using scene $s" -l notes -x -d Notes
    complete -c takeboard -n "__takeboard_using scene $s" -l status -x -a "$statuses" -d Status
end
for s in add move
    complete -c takeboard -n "__takeboard_using scene $s" -l after -x -d 'Put it after this scene'
    complete -c takeboard -n "__takeboard_using scene $s" -l first -d 'Put it first'
end
complete -c takeboard -n '__takeboard_using scene edit' -l heading -x -d Heading
complete -c takeboard -n '__takeboard_using scene list' -l json -d 'Print JSON'
complete -c takeboard -n '__takeboard_using scene show' -l json -d 'Print JSON'
complete -c takeboard -n '__takeboard_using scene rm' -l force -d 'Also remove its shots, variants and takes'

# shot
complete -c takeboard -n '__takeboard_needs_sub shot' -a add -d 'Add a shot'
complete -c takeboard -n '__takeboard_needs_sub shot' -a list -d 'List the shots'
complete -c takeboard -n '__takeboard_needs_sub shot' -a show -d 'Show a shot'
complete -c takeboard -n '__takeboard_needs_sub shot' -a edit -d 'Change a shot'
complete -c takeboard -n '__takeboard_needs_sub shot' -a move -d 'Move a shot'
complete -c takeboard -n '__takeboard_needs_sub shot' -a status -d 'Set the status of a shot'
complete -c takeboard -n '__takeboard_needs_sub shot' -a rm -d 'Remove a shot'
for s in add edit
    complete -c takeboard -n "__takeboard_using shot $s" -l code -x -d 'Shot code'
    complete -c takeboard -n "__takeboard_using shot $s" -l size -x -a "$sizes" -d 'Shot size'
    complete -c takeboard -n "__takeboard_using shot $s" -l angle -x -d 'Camera angle'
    complete -c takeboard -n "__takeboard_using shot $s" -l move -x -d 'Camera movement'
    complete -c takeboard -n "__takeboard_using shot $s" -l movement -x -d 'Camera movement'
    complete -c takeboard -n "__takeboard_using shot $s" -l lens -x -d Lens
    complete -c takeboard -n "__takeboard_using shot $s" -l seconds -x -d 'Target duration'
    complete -c takeboard -n "__takeboard_using shot $s" -l action -x -d Action
    complete -c takeboard -n "__takeboard_using shot $s" -l dialogue -x -d Dialogue
    complete -c takeboard -n "__takeboard_using shot $s" -l notes -x -d Notes
    complete -c takeboard -n "__takeboard_using shot $s" -l status -x -a "$statuses" -d Status
end
for s in add move
    complete -c takeboard -n "__takeboard_using shot $s" -l after -x -d 'Put it after this shot'
    complete -c takeboard -n "__takeboard_using shot $s" -l first -d 'Put it first'
end
complete -c takeboard -n '__takeboard_using shot edit' -l description -x -d Description
complete -c takeboard -n '__takeboard_using shot list' -l status -x -a "$statuses" -d 'Only shots with this status'
complete -c takeboard -n '__takeboard_using shot list' -l json -d 'Print JSON'
complete -c takeboard -n '__takeboard_using shot show' -l json -d 'Print JSON'
complete -c takeboard -n '__takeboard_using shot move' -l scene -x -d 'Move it into this scene'
complete -c takeboard -n '__takeboard_arg shot status 2' -x -a "$statuses"
complete -c takeboard -n '__takeboard_using shot rm' -l force -d 'Also remove its variants and takes'

# prompt
complete -c takeboard -n '__takeboard_needs_sub prompt' -a add -d 'Add a prompt variant'
complete -c takeboard -n '__takeboard_needs_sub prompt' -a list -d 'List the variants of a shot'
complete -c takeboard -n '__takeboard_needs_sub prompt' -a show -d 'Show a variant'
complete -c takeboard -n '__takeboard_needs_sub prompt' -a diff -d 'Word diff of two variants'
complete -c takeboard -n '__takeboard_needs_sub prompt' -a rm -d 'Remove a variant'
complete -c takeboard -n '__takeboard_using prompt add' -l file -r -F -d 'Read the text from a file'
complete -c takeboard -n '__takeboard_using prompt add' -l label -x -d Label
complete -c takeboard -n '__takeboard_using prompt add' -l model -x -d Model
complete -c takeboard -n '__takeboard_using prompt add' -l seconds -x -d Duration
complete -c takeboard -n '__takeboard_using prompt add' -l size -x -d 'Frame size, WIDTHxHEIGHT'
complete -c takeboard -n '__takeboard_using prompt add' -l from -x -d 'Parent variant'
complete -c takeboard -n '__takeboard_using prompt list' -l json -d 'Print JSON'
complete -c takeboard -n '__takeboard_using prompt show' -l json -d 'Print JSON'
complete -c takeboard -n '__takeboard_using prompt rm' -l force -d 'Also remove the takes made from it'

# take
complete -c takeboard -n '__takeboard_needs_sub take' -a add -d 'Register takes generated elsewhere'
complete -c takeboard -n '__takeboard_needs_sub take' -a list -d 'List takes'
complete -c takeboard -n '__takeboard_needs_sub take' -a show -d 'Show a take'
complete -c takeboard -n '__takeboard_needs_sub take' -a keep -d 'Set the verdict to keep'
complete -c takeboard -n '__takeboard_needs_sub take' -a maybe -d 'Set the verdict to maybe'
complete -c takeboard -n '__takeboard_needs_sub take' -a reject -d 'Set the verdict to reject'
complete -c takeboard -n '__takeboard_needs_sub take' -a unreview -d 'Clear the verdict'
complete -c takeboard -n '__takeboard_needs_sub take' -a rate -d 'Rate a take from 1 to 5 (0 clears)'
complete -c takeboard -n '__takeboard_needs_sub take' -a note -d 'Set the notes of a take'
complete -c takeboard -n '__takeboard_needs_sub take' -a rm -d 'Remove a take'
complete -c takeboard -n '__takeboard_using take add' -l prompt -x -d 'Prompt variant'
complete -c takeboard -n '__takeboard_using take add' -l seconds -x -d Duration
complete -c takeboard -n '__takeboard_using take add' -l cost -x -d 'Cost per take'
complete -c takeboard -n '__takeboard_using take add' -l backend -x -d Backend
complete -c takeboard -n '__takeboard_using take add' -l model -x -d Model
complete -c takeboard -n '__takeboard_using take add' -l variant -x -d 'Prompt variant'
complete -c takeboard -n '__takeboard_using take add' -l move -d 'Move the files instead of copying them'
complete -c takeboard -n '__takeboard_using take add' -l failed -x -d 'Register a failed attempt'
complete -c takeboard -n '__takeboard_using take add; and not __takeboard_arg take add 1' -F
complete -c takeboard -n '__takeboard_using take list' -l verdict -x -a "$verdicts" -d 'Only takes with this verdict'
complete -c takeboard -n '__takeboard_using take list' -l prompt -x -d 'Only takes of this variant'
complete -c takeboard -n '__takeboard_using take list' -l variant -x -d 'Only takes of this variant'
complete -c takeboard -n '__takeboard_using take list' -l scene -x -d 'Only takes of this scene'
complete -c takeboard -n '__takeboard_using take list' -l status -x -a "$take_states" -d 'Only takes in this state'
complete -c takeboard -n '__takeboard_using take list' -l json -d 'Print JSON'
complete -c takeboard -n '__takeboard_using take show' -l json -d 'Print JSON'
complete -c takeboard -n '__takeboard_using take keep' -l in -x -d 'In point'
complete -c takeboard -n '__takeboard_using take keep' -l out -x -d 'Out point'
complete -c takeboard -n '__takeboard_using take reject' -l reason -x -d 'Reason tag'
complete -c takeboard -n '__takeboard_arg take rate 2' -x -a '0 1 2 3 4 5'
complete -c takeboard -n '__takeboard_using take rm' -l force -d 'Remove it even when reviewed or rated'
