#!/bin/sh
# echo-minutes as a shell user meets it: help, usage errors, streams on
# stdin, folders, outputs that cannot be written, and pipelines: JSON into
# jq, CSV read back, echo-agenda's JSON into echo-minutes.
#   cli.sh ECHO_MINUTES ECHO_AGENDA ECHO_CASE EXAMPLES_DIR
set -u
tool=$1
agenda=$2
case_tool=$3
examples=$4
series="$examples/series"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
status() { "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; echo $?; }
command -v jq >/dev/null || fail "jq is needed (apt-get install jq)"

session="$series/sessions/rural-oud-2026-03-12.yaml"
export_csv="$series/attendance/rural-oud-2026-03-12-participants.csv"
notes="$series/notes/rural-oud-2026-03-12.yaml"

# Help, version and misuse.
[ "$(status "$tool" --help)" = 0 ] || fail "--help"
grep -q '^Usage: echo-minutes' "$tmp/out" || fail "--help goes to stdout"
[ "$(status "$tool" minutes --help)" = 0 ] || fail "minutes --help"
[ "$(status "$tool" --version)" = 0 ] || fail "--version"
grep -q '^echo-minutes [0-9]' "$tmp/out" || fail "--version prints the version"
[ "$(status "$tool")" = 2 ] || fail "no command is a usage error"
[ "$(status "$tool" frobnicate)" = 2 ] || fail "unknown command"
grep -q "^echo-minutes: unknown command 'frobnicate'" "$tmp/err" || fail "usage error names the tool"
[ "$(status "$tool" minutes --bogus "$session")" = 2 ] || fail "unknown option"
[ "$(status "$tool" minutes --to docx "$session")" = 2 ] || fail "unknown --to"
[ "$(status "$tool" minutes)" = 2 ] || fail "minutes without a session"
[ "$(status "$tool" minutes "$session" "$session")" = 2 ] || fail "two sessions"
[ "$(status "$tool" minutes -a - -)" = 2 ] || fail "two inputs from stdin"
[ "$(status "$tool" recommendations)" = 2 ] || fail "recommendations without cases"
[ "$(status "$tool" credit --series "$series/cars-weekly.yaml")" = 2 ] || fail "credit without exports"
[ "$(status "$tool" summary)" = 2 ] || fail "summary without sessions"
[ "$(status "$tool" schema case)" = 2 ] || fail "schema of another format"

# A stream of cases on stdin: one summary each.
cat "$examples/oud-buprenorphine-rural.yaml" "$series/cases/OUD-2026-015.yaml" \
	"$series/cases/PRS-2026-004.yaml" | "$tool" recommendations - >"$tmp/all.md" ||
	fail "recommendations from stdin"
[ "$(grep -c '^# Recommendations for case ' "$tmp/all.md")" = 3 ] || fail "three summaries from one stream"
[ "$(grep -c '^---$' "$tmp/all.md")" = 2 ] || fail "a rule between summaries"

# -o DIR: one file per case, named by its id.
mkdir "$tmp/letters"
"$tool" recommendations --to html -o "$tmp/letters/" "$examples/oud-buprenorphine-rural.yaml" \
	"$series/cases/OUD-2026-015.yaml" || fail "recommendations to a folder"
for id in OUD-2026-014 OUD-2026-015; do
	[ -s "$tmp/letters/$id-recommendations.html" ] || fail "missing $id-recommendations.html"
done
# Each page is titled with its own case; a Markdown file in the folder is
# that case's summary alone, as one case to one file writes it.
for id in OUD-2026-014 OUD-2026-015; do
	grep -q "<title>Recommendations for case $id</title>" "$tmp/letters/$id-recommendations.html" ||
		fail "$id's page has another title"
done
"$tool" recommendations -o "$tmp/letters/" "$series/cases/OUD-2026-015.yaml" || fail "Markdown to a folder"
"$tool" recommendations "$series/cases/OUD-2026-015.yaml" |
	cmp -s - "$tmp/letters/OUD-2026-015-recommendations.md" || fail "a folder's Markdown file differs"
[ "$(status "$tool" recommendations -o "$tmp/nowhere/" "$examples/oud-buprenorphine-rural.yaml")" = 2 ] ||
	fail "missing output folder"
"$tool" recommendations --to json -o "$tmp/letters/" --session "$session" || fail "JSON to a folder"
jq -e '.format == "echo-minutes/1" and (.summaries | length) == 1' \
	"$tmp/letters/OUD-2026-015-recommendations.json" >/dev/null || fail "one JSON summary per file"

# Inputs are never overwritten; the scaffold never overwrites.
cp "$session" "$tmp/session.yaml"
[ "$(status "$tool" minutes -o "$tmp/session.yaml" "$tmp/session.yaml")" = 2 ] || fail "-o over the session"
cmp -s "$session" "$tmp/session.yaml" || fail "the session was changed"
cp "$export_csv" "$tmp/export.csv"
[ "$(status "$tool" attendance --session "$session" -o "$tmp/export.csv" "$tmp/export.csv")" = 2 ] ||
	fail "-o over an export"
cmp -s "$export_csv" "$tmp/export.csv" || fail "the export was changed"
"$tool" new notes -o "$tmp/notes.yaml" || fail "new notes"
[ "$(status "$tool" new notes -o "$tmp/notes.yaml")" = 2 ] || fail "new overwrote a file"

# The notes scaffold is a valid start (for a session on its example date).
sed 's/^session: .*/session: 2026-03-12/' "$tmp/notes.yaml" >"$tmp/notes2.yaml"
"$tool" minutes -n "$tmp/notes2.yaml" "$session" >/dev/null || fail "the notes scaffold does not pass"

# Output that cannot be written is an error, never a silent truncation.
if [ -w /dev/full ]; then
	"$tool" minutes "$session" >/dev/full 2>"$tmp/err"
	[ $? = 2 ] || fail "writing minutes to a full disk did not exit 2"
	grep -q 'cannot write' "$tmp/err" || fail "full disk not reported"
	"$tool" attendance --to csv --session "$session" "$export_csv" >/dev/full 2>/dev/null
	[ $? = 2 ] || fail "writing CSV to a full disk did not exit 2"
	"$tool" --help >/dev/full 2>/dev/null
	[ $? = 2 ] || fail "--help to a full disk did not exit 2"
fi

# Nothing is written when an input has problems.
printf 'schema: echo-notes/1\nsession: 2026-03-19\n' >"$tmp/late.yaml"
[ "$(status "$tool" minutes -n "$tmp/late.yaml" -o "$tmp/minutes.md" "$session")" = 1 ] ||
	fail "notes of another session"
[ ! -e "$tmp/minutes.md" ] || fail "minutes written despite a problem"

# JSON that jq reads: minutes, attendance, credit, summary.
"$tool" minutes --to json -a "$export_csv" -n "$notes" "$session" >"$tmp/minutes.json" ||
	fail "minutes --to json"
[ "$(jq -r '.format + " " + .kind' "$tmp/minutes.json")" = "echo-minutes/1 minutes" ] ||
	fail "minutes JSON format"
[ "$(jq -r '[.cases[].id] | join(",")' "$tmp/minutes.json")" = "OUD-2026-014,OUD-2026-015" ] ||
	fail "minutes JSON cases"
[ "$(jq '.attendance.present' "$tmp/minutes.json")" = 20 ] || fail "minutes JSON attendance"
"$tool" attendance --to json --session "$session" "$export_csv" 2>/dev/null >"$tmp/att.json" ||
	fail "attendance --to json"
[ "$(jq -r '.format + " " + .kind' "$tmp/att.json")" = "echo-attendance/1 session" ] ||
	fail "attendance JSON format"
credited=$(jq '[.people[] | select(.credit == "yes")] | length' "$tmp/att.json")
[ "$credited" = 11 ] || fail "attendance JSON: $credited credited, not 11 (hub faculty are not credited)"

# CSV read back: one row per person, the same as the JSON.
"$tool" attendance --to csv --session "$session" "$export_csv" 2>/dev/null >"$tmp/att.csv" ||
	fail "attendance --to csv"
rows=$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], newline=""))); print(len(r), sum(1 for x in r if x["credit"]=="yes"))' "$tmp/att.csv") ||
	fail "the CSV does not read back"
[ "$rows" = "$(jq '.people | length' "$tmp/att.json") $credited" ] || fail "CSV and JSON differ: $rows"

# echo-agenda's JSON feeds echo-minutes: the same report as from YAML.
"$tool" credit --series "$series/cars-weekly.yaml" "$series"/attendance/cars-weekly/*.csv \
	2>/dev/null >"$tmp/credit-yaml.md" || fail "credit from the series file"
"$agenda" render --to json "$series/cars-weekly.yaml" |
	"$tool" credit --series - "$series"/attendance/cars-weekly/*.csv 2>/dev/null >"$tmp/credit-json.md" ||
	fail "credit from echo-agenda's JSON"
cmp -s "$tmp/credit-yaml.md" "$tmp/credit-json.md" || fail "credit differs from YAML and from JSON"
"$agenda" render --to json "$session" |
	"$tool" attendance --to csv --session - "$export_csv" 2>/dev/null >"$tmp/att-json.csv" ||
	fail "attendance from echo-agenda's JSON"
cmp -s "$tmp/att.csv" "$tmp/att-json.csv" || fail "attendance differs from YAML and from JSON"
"$tool" credit --to json --series "$series/cars-weekly.yaml" "$series"/attendance/cars-weekly/*.csv \
	2>/dev/null | jq -e '([.people[] | select(.certified)] | length == 7) and
	                     ([.people[] | select(.kind == "faculty" and .certified)] == [])' >/dev/null ||
	fail "credit JSON: seven certified, no hub faculty among them"

# echo-case's check and echo-minutes agree on a stream of cases.
cat "$series"/cases/*.yaml | "$case_tool" check - >/dev/null || fail "echo-case check of the stream"
"$tool" summary --to json "$series"/sessions/rural-oud-*.yaml | jq -e '.case_count == 3 and .presentation_count == 4' >/dev/null ||
	fail "summary JSON"
"$tool" schema notes | jq -e '.title' >/dev/null || fail "the notes JSON Schema is JSON"
# --templates restyles the attendance and credit tables too: their rows
# are the partials attendance-table.md and credit-table.md, from the data.
mkdir "$tmp/tpl"
printf '{{#learners}}\n* {{{name}}}: {{credit}}\n{{/learners}}\n' >"$tmp/tpl/attendance-table.md.mustache"
printf '{{#learners}}\n* {{{name}}} certified: {{certified}}\n{{/learners}}\n' >"$tmp/tpl/credit-table.md.mustache"
[ "$(status "$tool" attendance --templates "$tmp/tpl" --session "$session" "$export_csv")" = 0 ] ||
	fail "attendance --templates"
grep -q '^\* Aisha Bello: yes$' "$tmp/out" || fail "attendance rows from the user's template"
! grep -q '^| Name' "$tmp/out" || fail "the built-in attendance table is replaced"
[ "$(status "$tool" credit --templates "$tmp/tpl" --series "$series/cars-weekly.yaml" \
	"$series"/attendance/cars-weekly/*.csv)" = 0 ] || fail "credit --templates"
grep -q '^\* Carmen Yazzie certified: yes$' "$tmp/out" || fail "credit rows from the user's template"
! grep -q '^| Name' "$tmp/out" || fail "the built-in credit table is replaced"

echo ok
