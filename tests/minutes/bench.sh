#!/bin/sh
# Benchmark: a year of weekly sessions (52 sessions, 150 participants each,
# 3 rows per participant: a rejoin, and a second device or a phone without
# an email) imported through the CLI into the series credit report, as
# Markdown and as CSV; and a quarter (13 sessions) to show the time is
# linear in rows.  Prints the median of 5 runs of each in milliseconds,
# and fails if the year takes a second.
#   bench.sh ECHO-MINUTES
set -eu
tool=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/exports"

cat >"$dir/series.yaml" <<'YAML'
schema: echo-series/1
program: Benchmark ECHO
first_date: 2026-01-01
count: 52
recurrence:
  frequency: weekly
  weekday: thursday
start: "12:00"
duration: 60
time_zone: America/Chicago
credit:
  kind: CME
  hours: 1.0
  attendance_percent: 75
certification:
  require: 80%
YAML

# One export per Thursday of 2026, in Zoom's participants layout.
awk -v dir="$dir/exports" 'BEGIN {
	split("31 28 31 30 31 30 31 31 30 31 30 31", mdays, " ")
	m = 1; d = 1
	for (s = 1; s <= 52; s++) {
		date = sprintf("%02d/%02d/2026", m, d)
		file = sprintf("%s/2026-%02d-%02d.csv", dir, m, d)
		print "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants" > file
		printf "845 2213 0967,Benchmark ECHO,%s 11:50:00 AM,%s 01:05:00 PM,host@example.org,75,450\r\n\r\n", date, date > file
		print "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent,In Waiting Room" > file
		for (p = 1; p <= 150; p++) {
			name = sprintf("Participant %03d", p)
			email = sprintf("participant%03d@example.org", p)
			join = 45 + (p + s) % 15
			printf "%s,%s,%s 11:%02d:00 AM,%s 12:2%d:00 PM,30,No,Y,No\r\n", name, email, date, join, date, p % 10 > file
			printf "%s,%s,%s 12:3%d:00 PM,%s 01:0%d:00 PM,30,No,Y,No\r\n", name, email, date, p % 10, date, (p + s) % 5 > file
			if (p % 3 == 0)
				printf "%s - iPhone,,%s 12:15:00 PM,%s 12:45:00 PM,30,Yes,Y,No\r\n", name, date, date > file
			else
				printf "%s,%s,%s 12:10:00 PM,%s 12:40:00 PM,30,No,Y,No\r\n", name, toupper(substr(email, 1, 1)) substr(email, 2), date, date > file
		}
		close(file)
		d += 7
		if (d > mdays[m]) { d -= mdays[m]; m++ }
	}
}'

now_ms() {
	t=$(date +%s%N)
	echo $((t / 1000000))
}

# median_ms TO THROUGH COUNT: the series report over the first COUNT
# exports, sessions up to THROUGH.
median_ms() {
	files=$(ls "$dir"/exports/*.csv | head -n "$3")
	runs=""
	n=0
	while [ "$n" -lt 5 ]; do
		start=$(now_ms)
		# shellcheck disable=SC2086
		"$tool" credit --series "$dir/series.yaml" --through "$2" --to "$1" -o "$dir/report.$1" \
			$files 2>/dev/null
		end=$(now_ms)
		runs="$runs $((end - start))"
		n=$((n + 1))
	done
	echo $runs | tr ' ' '\n' | sort -n | sed -n 3p
}

rows=$(cat "$dir"/exports/*.csv | grep -c '^Participant ')
year_md=$(median_ms md 2026-12-31 52)
year_csv=$(median_ms csv 2026-12-31 52)
people=$(($(wc -l <"$dir/report.csv") - 1))
quarter=$(median_ms csv 2026-03-26 13)
echo "a year of weekly sessions: 52 exports, $rows rows, $(cat "$dir"/exports/*.csv | wc -c) bytes:"
echo "  credit --to md:   ${year_md} ms"
echo "  credit --to csv:  ${year_csv} ms ($people people)"
echo "  13 sessions, csv: ${quarter} ms (a quarter of the rows)"
echo "  (median of 5 runs each, whole process)"
if [ "$people" -ne 150 ]; then
	echo "expected 150 people in the report, not $people"
	exit 1
fi
if [ "$year_md" -ge 1000 ] || [ "$year_csv" -ge 1000 ]; then
	echo "too slow: the target is well under a second"
	exit 1
fi
