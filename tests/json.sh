#!/bin/sh
# The tools' JSON (doc/json.md) read with jq: every shape carries its
# format tag and the values a script would use.  $1 echo-case,
# $2 echo-agenda, $3 echo-minutes, $4 examples/.
set -eu
echo_case=$1 echo_agenda=$2 echo_minutes=$3 examples=$4
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
echo_case=$(abs "$echo_case") echo_agenda=$(abs "$echo_agenda") echo_minutes=$(abs "$echo_minutes")
command -v jq >/dev/null || { echo "jq not found"; exit 77; }
fails=0
# check DESCRIPTION JQ-EXPRESSION COMMAND...: jq -e on the command's output.
check()
{
	what=$1 expr=$2
	shift 2
	if ! out=$("$@" 2>/dev/null); then
		case $what in *"(exit 1)"*) ;; *) echo "FAIL: $what: $* failed"; fails=$((fails + 1)); return ;; esac
	fi
	if ! printf '%s\n' "$out" | jq -e "$expr" >/dev/null; then
		echo "FAIL: $what: jq -e '$expr' on: $*"
		fails=$((fails + 1))
	fi
}
cd "$examples"

# echo-findings/1: check --format json of every tool.
check "case findings, clean: only the reviewer's cleared items, as notes" \
	'.format == "echo-findings/1" and .errors == 0 and .warnings == 0 and (.findings | length == 1) and (.findings | all(.severity == "note" and .rule == "phi-reviewed"))' \
	"$echo_case" check --format json aud-ciwa.yaml
printf 'schema: echo-case/1\nid: X-1\nsumary: typo\n' >"${TMPDIR:-/tmp}/echo-json-$$.yaml"
check "case findings, an unknown key (exit 1)" \
	'.errors >= 1 and (.findings | map(select(.rule == "unknown-key" and .line == 3 and .column == 1 and .severity == "error")) | length == 1)' \
	"$echo_case" check --format json "${TMPDIR:-/tmp}/echo-json-$$.yaml"
rm -f "${TMPDIR:-/tmp}/echo-json-$$.yaml"
check "agenda findings: only the cases' cleared items, as notes" \
	'.format == "echo-findings/1" and .errors == 0 and .warnings == 0 and (.findings | all(.severity == "note" and .rule == "phi-reviewed"))' \
	"$echo_agenda" check --format json series/sessions/rural-oud-2026-03-12.yaml

# echo-case render --to json: an array of echo-case/1 documents.
check "case render" \
	'type == "array" and length == 1 and .[0].schema == "echo-case/1" and .[0].id == "AUD-2026-007"' \
	"$echo_case" render --to json aud-ciwa.yaml
check "case render, a stream" '[.[].schema] == ["echo-case/1", "echo-case/1"] and .[0].id == "AUD-2026-007"' \
	sh -c 'cat "$1" "$2" | "$3" render --to json -' sh aud-ciwa.yaml oud-buprenorphine-rural.yaml "$echo_case"

# echo-agenda/1: a session's segments with their start times, a series'
# sessions across daylight saving.
check "agenda session" \
	'.format == "echo-agenda/1" and .kind == "session" and .time_zone == "America/Chicago"
	 and .start == "2026-03-12T12:00:00-05:00" and .end == "2026-03-12T13:30:00-05:00"
	 and ([.segments[] | .start[11:16]] == ["12:00", "12:05", "12:08", "12:33", "13:03", "13:26", "13:28"])
	 and ([.segments[].minutes] | add) == .planned_minutes' \
	"$echo_agenda" render --to json series/sessions/rural-oud-2026-03-12.yaml
check "agenda series" \
	'.format == "echo-agenda/1" and .kind == "series" and (.sessions | length == 12)
	 and .sessions[0].start == "2026-02-05T12:00:00-07:00"
	 and (.sessions[] | select(.date == "2026-03-12") | .start) == "2026-03-12T12:00:00-06:00"
	 and ([.sessions[].date] | index("2026-03-26") == null)' \
	"$echo_agenda" render --to json series/cars-weekly.yaml

# echo-minutes/1: minutes, recommendation summaries, the case summary.
cd series
check "minutes" \
	'.format == "echo-minutes/1" and .kind == "minutes" and ([.cases[].id] == ["OUD-2026-014", "OUD-2026-015"])
	 and .attendance.present == 20 and .attendance.credited == 11 and .attendance.faculty == 5' \
	"$echo_minutes" minutes --to json -a attendance/rural-oud-2026-03-12-participants.csv \
	-n notes/rural-oud-2026-03-12.yaml sessions/rural-oud-2026-03-12.yaml
check "recommendations" \
	'.format == "echo-minutes/1" and (.summaries | length == 1) and .summaries[0].id == "OUD-2026-015"' \
	"$echo_minutes" recommendations --to json cases/OUD-2026-015.yaml
check "summary" \
	'.format == "echo-minutes/1" and .session_count == 2 and .case_count == 3
	 and .presentation_count == 4
	 and (.substances[] | select(.name == "fentanyl") | .cases) == 3
	 and ([.sessions[].cases[] | select(.follow_up_of == "OUD-2026-015")] | length) == 1' \
	"$echo_minutes" summary --to json sessions/rural-oud-2026-03-12.yaml sessions/rural-oud-2026-04-09.yaml

# echo-attendance/1: one session's credit, a series' certification.
check "attendance" \
	'.format == "echo-attendance/1" and .kind == "session" and .rule.min_percent == 75
	 and (.people | length == 21) and ([.people[] | select(.credit == "yes")] | length == 11)
	 and .head_count == {"present": 20, "learners": 15, "faculty": 5, "rooms": 1, "absent": 0,
	                     "credited": 11}
	 and ([.people[] | select(.kind == "faculty")] | length == 5)
	 and .start == "2026-03-12T12:00:00-05:00" and .end == "2026-03-12T13:30:00-05:00"
	 and (.people[] | select(.name == "Aisha Bello") | .minutes) == 75' \
	"$echo_minutes" attendance --to json --session sessions/rural-oud-2026-03-12.yaml \
	attendance/rural-oud-2026-03-12-participants.csv
check "credit" \
	'.format == "echo-attendance/1" and .held == 12 and .sessions_needed == 10
	 and ([.people[] | select(.certified)] | length == 7)
	 and ([.people[] | select(.kind == "faculty" and .certified)] | length == 0)
	 and (.people[] | select(.name == "Amara Okonkwo") | [.present, .credited]) == [12, 10]' \
	sh -c '"$1" render --to json cars-weekly.yaml | "$2" credit --series - --to json attendance/cars-weekly/*.csv' \
	sh "$echo_agenda" "$echo_minutes"

# echo-report/1: a period's program report; a case and its follow-up once.
check "report" \
	'.format == "echo-report/1" and .from == "2026-04-01" and .until == "2026-04-30"
	 and .total.sessions_held == 5 and .total.hours_issued == 41 and .total.certified == 7
	 and .total.cases == 1 and .total.follow_ups == 1 and .total.new_cases == 0
	 and ([.sessions[] | .hours_issued] | add) == .total.hours_issued
	 and .months == [.months[0]] and .months[0].month == "2026-04"' \
	"$echo_minutes" report --to json --series cars-weekly.yaml --from 2026-04-01 \
	--until 2026-04-30 --cases cases/CARS-2026-006.yaml --cases cases/CARS-2026-011.yaml \
	attendance/cars-weekly/*.csv

[ "$fails" -eq 0 ] || { echo "$fails JSON checks failed"; exit 1; }
echo "JSON checks passed"
