#!/bin/sh
# echo-agenda's calendars read by an independent parser (ical.js): every
# series' and session's --to ics occurrences match its --to json sessions,
# across daylight saving.  Skips (77) without node or the npm modules,
# unless CI=true.  $1: echo-agenda; $2: examples/series/.
set -eu
echo_agenda=$1 series=$2
case $echo_agenda in /*) ;; *) echo_agenda=$PWD/$echo_agenda ;; esac
node_dir=$(cd "$(dirname "$0")" && pwd)
skip() {
	if [ "${CI:-}" = true ]; then echo "FAIL (CI): $*"; exit 1; fi
	echo "SKIP: $*"; exit 77
}
command -v node >/dev/null || skip "node not found"
[ -d "$node_dir/node_modules/ical.js" ] || skip "npm modules missing: run npm ci in $node_dir"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/echo-ics.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$series"
fails=0
for f in *.yaml sessions/*.yaml; do
	n=$(printf '%s' "${f%.yaml}" | tr / _)
	"$echo_agenda" render --to ics --remind 15m -o "$tmp/$n.ics" "$f"
	"$echo_agenda" render --to json -o "$tmp/$n.json" "$f"
	# Both example series run through March, when daylight saving starts.
	case $f in sessions/*) dst="" ;; *) dst=--expect-dst ;; esac
	node "$node_dir/ics-check.mjs" "$tmp/$n.ics" "$tmp/$n.json" $dst || fails=$((fails + 1))
done
[ "$fails" -eq 0 ] || { echo "$fails calendars disagree with their agendas"; exit 1; }
