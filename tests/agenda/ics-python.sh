#!/bin/sh
# The calendars of examples/series/cars-2027.yaml and its session read by
# Python's icalendar and recurring-ical-events (Debian packages
# python3-icalendar and python3-recurring-ical-events), then imported into
# khal: the series twice (a re-import updates rather than adds), then the
# session file (every other session stays).  Skipped
# (77) without them, unless CI=true.
#   ics-python.sh ECHO_AGENDA SERIES_DIR CHECK_PY
set -u
agenda=$1 dir=$2 check=$3
case $agenda in /*) ;; *) agenda="$PWD/$agenda" ;; esac
py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import icalendar, recurring_ical_events' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
	echo "python3-icalendar and python3-recurring-ical-events are not installed"
	[ "${CI:-}" = true ] && exit 1
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1767225600
( cd "$dir" && "$agenda" render --to ics cars-2027.yaml ) >"$tmp/series.ics" || exit 1
( cd "$dir" && "$agenda" render --to ics sessions/cars-2027-03-11.yaml ) >"$tmp/session.ics" || exit 1
"$py" "$check" "$tmp/series.ics" "$tmp/session.ics" || exit 1

if ! command -v khal >/dev/null; then
	echo "khal is not installed: re-import not checked"
	exit 0
fi
mkdir -p "$tmp/cal" "$tmp/cfg/khal"
cat >"$tmp/cfg/khal/config" <<CFG
[calendars]
[[echo]]
path = $tmp/cal
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = America/Chicago
local_timezone = America/Chicago
CFG
export XDG_CONFIG_HOME="$tmp/cfg" XDG_DATA_HOME="$tmp/data"
# khal stores an event per UID and an import replaces it whole: the series
# imported twice is one event a day; the session file imported after it
# (it carries the series, its own occurrence in it) keeps every other
# session and shows its own day once, with its own length.
for f in series.ics series.ics; do
	khal import --batch -a echo "$tmp/$f" >/dev/null 2>&1 || { echo "khal import $f failed"; exit 1; }
done
day=$(khal list -a echo 2027-03-11 1d 2>/dev/null | grep -c '^12:00-')
if [ "$day" != 1 ]; then
	echo "khal shows $day events at 12:00 on 2027-03-11 after importing the series twice:"
	khal list -a echo 2027-03-11 1d
	exit 1
fi
feb=$(khal list -a echo 2027-02-11 1d 2>/dev/null)
echo "$feb" | grep -qi cancel || { echo "khal does not show 2027-02-11 as cancelled: $feb"; exit 1; }
khal import --batch -a echo "$tmp/session.ics" >/dev/null 2>&1 || { echo "khal import session.ics failed"; exit 1; }
march=$(khal list -a echo 2027-03-11 1d 2>/dev/null | grep '^12:00-')
[ "$(echo "$march" | grep -c .)" = 1 ] && echo "$march" | grep -q '^12:00-13:15 .*Case day' || {
	echo "after the session file, khal shows on 2027-03-11: $march"
	exit 1
}
for d in 2027-01-14 2027-01-28 2027-02-25 2027-04-08 2027-04-22 2027-04-29; do
	n=$(khal list -a echo "$d" 1d 2>/dev/null | grep -c '^12:00-13:00 ')
	[ "$n" = 1 ] || { echo "after the session file, khal shows $n sessions on $d"; khal list -a echo "$d" 1d; exit 1; }
done
khal list -a echo 2027-02-11 1d 2>/dev/null | grep -qi cancel ||
	{ echo "after the session file, 2027-02-11 is no longer cancelled"; exit 1; }
echo "python icalendar, recurring-ical-events and khal agree"
