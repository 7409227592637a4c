#!/bin/sh
# Benchmark: a three-year weekly series of 150 sessions, each with a
# curriculum topic, rendered to HTML and to .ics, and its didactic
# outlines (450 headings) to HTML.  Prints the median of 9 runs of each in
# milliseconds, and fails if any reaches 100 ms.
#   bench.sh ECHO-AGENDA
set -eu
tool=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

{
	cat <<'YAML'
schema: echo-series/1
program: Addiction Medicine ECHO
title: Benchmark series
first_date: 2026-01-08
count: 150
recurrence:
  frequency: weekly
  weekday: thursday
skip_dates:
  - {date: 2026-11-26, reason: Thanksgiving}
  - {date: 2026-12-24, reason: winter holidays}
  - {date: 2027-11-25, reason: Thanksgiving}
  - {date: 2027-12-23, reason: winter holidays}
  - {date: 2028-11-23, reason: Thanksgiving}
start: "12:00"
duration: 60
time_zone: America/Chicago
location: Zoom
facilitator: Alex Moreno, MSW
hub_team:
  - {name: "Dana Whitfield, MD", role: Addiction medicine physician}
  - {name: "Renee Tsosie, LCSW", role: Clinical social worker}
credit: {kind: CME, hours: 1.0, attendance_percent: 75}
curriculum:
YAML
	i=1
	while [ "$i" -le 150 ]; do
		cat <<YAML
  - title: "Topic $i: medication treatment, harm reduction and recovery support"
    presenter: Presenter $i, MD
    objectives:
      - Describe the evidence for topic $i in rural primary care.
      - Apply topic $i to a patient on buprenorphine with co-occurring depression.
      - Name two community resources that support topic $i.
    outline:
      - Background and terms
      - - epidemiology
        - mechanisms
      - Assessment and treatment
      - Cases from the network
YAML
		i=$((i + 1))
	done
} >"$dir/series.yaml"

"$tool" check "$dir/series.yaml" >/dev/null

now_ms() {
	t=$(date +%s%N)
	echo $((t / 1000000))
}

median_ms() {
	command=$1
	to=$2
	runs=""
	n=0
	while [ "$n" -lt 9 ]; do
		start=$(now_ms)
		"$tool" "$command" --to "$to" -o "$dir/$command.$to" "$dir/series.yaml" >/dev/null
		end=$(now_ms)
		runs="$runs $((end - start))"
		n=$((n + 1))
	done
	echo $runs | tr ' ' '\n' | sort -n | sed -n 5p
}

html=$(median_ms render html)
ics=$(median_ms render ics)
outline=$(median_ms outline html)
startup=$(median_ms --version "")
sessions=$(grep -c '^BEGIN:VEVENT' "$dir/render.ics")
echo "150-session weekly series ($(wc -c <"$dir/series.yaml") bytes of YAML):"
echo "  render --to html:  ${html} ms ($(wc -c <"$dir/render.html") bytes)"
echo "  render --to ics:   ${ics} ms ($(wc -c <"$dir/render.ics") bytes, $sessions VEVENTs)"
echo "  outline --to html: ${outline} ms ($(wc -c <"$dir/outline.html") bytes)"
echo "  (median of 9 runs each, whole process; starting the program alone: ${startup} ms)"
if [ "$html" -ge 100 ] || [ "$ics" -ge 100 ] || [ "$outline" -ge 100 ]; then
	echo "too slow: the target is well under 100 ms"
	exit 1
fi
