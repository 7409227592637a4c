#!/bin/sh
# The rendered pages in a real browser: renders every example page of the
# three tools (as the render-examples target does) into OUT/pages, then
# check.mjs validates them all with the Nu HTML Checker, runs axe-core
# (WCAG 2.1 A and AA) on each in headless Chromium, checks that nothing is
# wider than an A4 page when printed, and saves a screenshot and a PDF of
# each into OUT (build/browser/) to look at.
# Skips (77) without node, java, chromium or the npm modules, unless CI=true.
#   run.sh ECHO_CASE ECHO_AGENDA ECHO_MINUTES EXAMPLES_DIR OUT
set -eu
echo_case=$1 echo_agenda=$2 echo_minutes=$3 examples=$4 out=$5
here=$(cd "$(dirname "$0")" && pwd)
node_dir=$here/../node
skip() {
	if [ "${CI:-}" = true ]; then echo "FAIL (CI): $*"; exit 1; fi
	echo "SKIP: $*"; exit 77
}
command -v node >/dev/null || skip "node not found"
command -v java >/dev/null || skip "java not found (apt-get install default-jre-headless)"
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || skip "$chromium not found (apt-get install chromium)"
for m in playwright-core axe-core vnu-jar; do
	[ -d "$node_dir/node_modules/$m" ] || skip "npm module $m missing: run npm ci --prefix tests/node"
done

case $echo_case in /*) ;; *) echo_case=$PWD/$echo_case ;; esac
case $echo_agenda in /*) ;; *) echo_agenda=$PWD/$echo_agenda ;; esac
case $echo_minutes in /*) ;; *) echo_minutes=$PWD/$echo_minutes ;; esac
case $out in /*) ;; *) out=$PWD/$out ;; esac
pages=$out/pages
rm -rf "$out"
mkdir -p "$pages/series" "$pages/minutes/recommendations"

# echo-case: every example case.
"$echo_case" render --to html -o "$pages/" "$examples"/*.yaml
# echo-agenda: each series and session, and its outline.
for f in "$examples"/series/*.yaml "$examples"/series/sessions/*.yaml; do
	n=$(basename "$f" .yaml)
	"$echo_agenda" render --to html -o "$pages/series/$n.html" "$f"
	"$echo_agenda" outline --to html -o "$pages/series/$n-outline.html" "$f"
done
"$echo_agenda" render --to html --tz America/New_York --tz America/Denver \
	-o "$pages/series/rural-oud-2026-03-12-tz.html" "$examples/series/sessions/rural-oud-2026-03-12.yaml"
# echo-minutes: minutes, recommendation summaries, attendance, credit, summary, report.
m=$pages/minutes
(
	cd "$examples/series"
	"$echo_minutes" minutes --to html -o "$m/rural-oud-2026-03-12-minutes.html" \
		-a attendance/rural-oud-2026-03-12-participants.csv -n notes/rural-oud-2026-03-12.yaml \
		sessions/rural-oud-2026-03-12.yaml 2>/dev/null
	"$echo_minutes" minutes --to html -o "$m/peer-support-2026-02-26-minutes.html" \
		-a attendance/peer-support-2026-02-26-webinar.csv -n notes/peer-support-2026-02-26.yaml \
		sessions/peer-support-2026-02-26.yaml 2>/dev/null
	for s in sessions/*.yaml; do
		"$echo_minutes" recommendations --to html -o "$m/recommendations/" --session "$s"
	done
	"$echo_minutes" attendance --to html -o "$m/rural-oud-2026-03-12-attendance.html" \
		--session sessions/rural-oud-2026-03-12.yaml attendance/rural-oud-2026-03-12-participants.csv 2>/dev/null
	"$echo_minutes" credit --to html -o "$m/cars-weekly-credit.html" --series cars-weekly.yaml \
		attendance/cars-weekly/*.csv 2>/dev/null
	"$echo_minutes" summary --to html -o "$m/rural-oud-summary.html" sessions/rural-oud-*.yaml
	cars27="--series cars-2027.yaml --presence-counts --completions attendance/cars-2027-completions.csv"
	# shellcheck disable=SC2086
	"$echo_minutes" credit --to html -o "$m/cars-2027-credit.html" $cars27 attendance/cars-2027/*
	mkdir -p "$m/certificates"
	# shellcheck disable=SC2086
	"$echo_minutes" certificates -o "$m/certificates/" $cars27 attendance/cars-2027/*
	"$echo_minutes" report --to html -o "$m/cars-weekly-report.html" --series cars-weekly.yaml \
		--cases cases/CARS-2026-006.yaml --cases cases/CARS-2026-011.yaml \
		attendance/cars-weekly/*.csv 2>/dev/null
)

# One argument list of every page (no spaces in these paths).
# shellcheck disable=SC2046
exec node "$here/check.mjs" --node-modules "$node_dir/node_modules" --chromium "$chromium" \
	--out "$out" $(find "$pages" -name '*.html' | sort)
