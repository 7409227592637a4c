#!/bin/sh
# Drives the bash completion functions as bash would (COMP_WORDS and
# COMP_CWORD set, the function called, COMPREPLY read) and checks a few
# answers.  $1: completions/echo-toolkit.bash; $2: examples/.
set -eu
script=$1
examples=$2
command -v bash >/dev/null || { echo "bash not found"; exit 77; }
exec bash -c '
set -u
. "$1" || exit 1
cd "$2" || exit 1
fails=0

# expect FUNC "WORDS..." -- WANTED... : every wanted word is offered.
# refuse FUNC "WORDS..." -- UNWANTED... : none of them is.
reply()
{
	local fn=$1
	read -r -a COMP_WORDS <<<"$2"
	# A trailing space means the cursor is on a new, empty word.
	[[ $2 == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$2
	COMP_POINT=${#2}
	COMPREPLY=()
	"$fn"
}
expect()
{
	local fn=$1 line=$2 w got; shift 3
	reply "$fn" "$line"
	got=" ${COMPREPLY[*]} "
	for w in "$@"; do
		if [[ $got != *" $w "* ]]; then
			echo "FAIL: $fn [$line]: expected \"$w\" in:$got"
			fails=$((fails + 1))
		fi
	done
}
refuse()
{
	local fn=$1 line=$2 w got; shift 3
	reply "$fn" "$line"
	got=" ${COMPREPLY[*]} "
	for w in "$@"; do
		if [[ $got == *" $w "* ]]; then
			echo "FAIL: $fn [$line]: did not expect \"$w\" in:$got"
			fails=$((fails + 1))
		fi
	done
}

complete -p echo-case echo-agenda echo-minutes >/dev/null || { echo "FAIL: complete -F not registered"; fails=$((fails + 1)); }

expect _echo_case "echo-case " -- new check render redact schema
expect _echo_agenda "echo-agenda " -- render check outline new schema
expect _echo_minutes "echo-minutes " -- minutes recommendations attendance credit summary new schema
expect _echo_minutes "echo-minutes cr" -- credit
refuse _echo_minutes "echo-minutes cr" -- minutes

expect _echo_agenda "echo-agenda render --to " -- md html ics json
expect _echo_agenda "echo-agenda render --to=" -- md html ics json
expect _echo_agenda "echo-agenda render -t i" -- ics
refuse _echo_case "echo-case render --to " -- ics csv
expect _echo_case "echo-case render --to " -- md html json
refuse _echo_agenda "echo-agenda outline --to " -- ics json
expect _echo_minutes "echo-minutes credit --to " -- csv json
refuse _echo_minutes "echo-minutes minutes --to " -- csv ics
expect _echo_case "echo-case check --format " -- gcc json
expect _echo_case "echo-case schema --format " -- json markdown

if [[ -f ${TZDIR:-/usr/share/zoneinfo}/America/Chicago ]]; then
	expect _echo_agenda "echo-agenda render --tz America/Chi" -- America/Chicago
	expect _echo_agenda "echo-agenda render x.yaml --tz=America/Den" -- America/Denver
	refuse _echo_agenda "echo-agenda render --tz " -- right/America/Chicago posix/America/Chicago zone.tab posixrules
	refuse _echo_agenda "echo-agenda render --tz r" -- right/UTC
fi
expect _echo_agenda "echo-agenda new " -- session series
expect _echo_minutes "echo-minutes schema " -- notes
expect _echo_agenda "echo-agenda render -" -- --tz --clock --remind --to --output

# Files by extension: cases and sessions are YAML, exports CSV or text.
expect _echo_case "echo-case check " -- aud-ciwa.yaml series attendance
refuse _echo_case "echo-case check " -- attendance/enrolled.txt
expect _echo_agenda "echo-agenda render series/" -- series/cars-weekly.yaml series/sessions
refuse _echo_agenda "echo-agenda render series/" -- series/attendance/cars-weekly-enrolled.txt
expect _echo_minutes "echo-minutes minutes -a series/attendance/r" -- series/attendance/rural-oud-2026-03-12-participants.csv series/attendance/rural-oud-2026-03-12-room.txt
expect _echo_minutes "echo-minutes attendance --session series/sessions/rural-oud-2026-03-12.yaml attendance/" -- attendance/enrolled.txt attendance/2026-03-12-participants.csv
expect _echo_minutes "echo-minutes minutes -n series/notes/" -- series/notes/rural-oud-2026-03-12.yaml
expect _echo_case "echo-case render --templates " -- series attendance
refuse _echo_case "echo-case render --templates " -- aud-ciwa.yaml

if ((fails)); then
	echo "$fails completion checks failed"
	exit 1
fi
echo "completion checks passed"
' sh "$script" "$examples"
