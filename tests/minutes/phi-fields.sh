#!/bin/sh
# Minutes and letters go to every participant: identifiers in any field
# that reaches them (a case's teaching points and themes, the notes'
# announcements, attendance notes and next session, the session's own
# text) stop the run with located findings, exit 1, and nothing written.
#   phi-fields.sh ECHO_MINUTES ECHO_AGENDA EXAMPLES_DIR
set -u
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
minutes=$(abs "$1")
agenda=$(abs "$2")
examples=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$tmp/ex"
cp -R "$examples/series" "$tmp/ex/series"
cp "$examples"/*.yaml "$tmp/ex/"
cd "$tmp/ex/series" || fail "no copy of the examples"
run() { "$minutes" minutes -n notes/rural-oud-2026-03-12.yaml -o "$tmp/minutes.md" \
	sessions/rural-oud-2026-03-12.yaml >"$tmp/out" 2>&1; echo $?; }
[ "$(run)" = 0 ] || fail "the examples' minutes do not build: $(cat "$tmp/out")"
rm -f "$tmp/minutes.md"

# expect FILE LINE RULE: the finding is reported at FILE:LINE under RULE.
expect() { grep -q "^$1:$2:[0-9]*: error: .*\[$3\]" "$tmp/out" || fail "no $3 at $1:$2: $(cat "$tmp/out")"; }
refused() {
	[ "$(run)" = 1 ] || fail "$1: minutes did not exit 1"
	[ ! -e "$tmp/minutes.md" ] || fail "$1: minutes were written"
}

# A social security number in a case's teaching points.
cp ../oud-buprenorphine-rural.yaml "$tmp/case.bak"
sed 's/^  - Return to use is an expected part/  - SSN 123-45-6789, and return to use is an expected part/' \
	"$tmp/case.bak" >../oud-buprenorphine-rural.yaml
refused "SSN in teaching_points"
expect sessions/../../oud-buprenorphine-rural.yaml 125 phi-ssn
"$minutes" recommendations --session sessions/rural-oud-2026-03-12.yaml -o "$tmp/letters.md" >/dev/null 2>&1
[ $? -eq 1 ] || fail "recommendations with an SSN in teaching_points did not exit 1"
[ ! -e "$tmp/letters.md" ] || fail "recommendations were written"
"$minutes" recommendations -o "$tmp/letters.md" ../oud-buprenorphine-rural.yaml >"$tmp/out" 2>&1
[ $? -eq 1 ] || fail "recommendations of the case file did not exit 1"
expect ../oud-buprenorphine-rural.yaml 125 phi-ssn
# A phone number written as a theme.
sed 's/^  - harm reduction$/  - call 505-555-0148/' "$tmp/case.bak" >../oud-buprenorphine-rural.yaml
refused "phone in themes"
expect sessions/../../oud-buprenorphine-rural.yaml 128 phi-phone
cp "$tmp/case.bak" ../oud-buprenorphine-rural.yaml

# A date of birth in the announcements, a street address in the next
# session and the attendance notes, an SSN hidden by an escape.
notes=notes/rural-oud-2026-03-12.yaml
cp "$notes" "$tmp/notes.bak"
sed 's/^  - The slides and the low-dose start schedule are on the program website./  - Happy birthday to our patient, born 04\/17\/1961!/' "$tmp/notes.bak" >"$notes"
refused "date of birth in announcements"
expect "$notes" 8 phi-date
sed 's/^  Next week: stimulant use disorder and contingency management./  Next week at 1423 Elm Street: stimulant use disorder./' "$tmp/notes.bak" >"$notes"
refused "street address in next_session"
expect "$notes" 31 phi-place
sed 's/^  connection; only the room appears in the export./  connection; one of them lives at 1423 Elm Street./' "$tmp/notes.bak" >"$notes"
refused "street address in attendance_notes"
expect "$notes" 29 phi-place
sed 's/^  connection; only the room appears in the export./  connection; "SSN 123\\x2D45\\x2D6789"./' "$tmp/notes.bak" >"$notes"
printf 'announcements: "SSN 123\\x2D45\\x2D6789 is on file."\n' >>"$notes"
sed -i '/^announcements:$/,/^highlights:/{/^announcements:$/d;/^  - The slides/d}' "$notes"
refused "escaped SSN in announcements"
expect "$notes" "[0-9]*" phi-ssn
cp "$tmp/notes.bak" "$notes"

# The session's own text: its title reaches the agenda and the minutes.
session=sessions/rural-oud-2026-03-12.yaml
cp "$session" "$tmp/session.bak"
sed 's/^title: .*/title: Buprenorphine dosing (questions to 505-555-0149)/' "$tmp/session.bak" >"$session"
refused "phone in the session title"
expect "$session" 6 phi-phone
"$agenda" check "$session" >/dev/null 2>&1
[ $? -eq 1 ] || fail "echo-agenda check passed a phone number in the title"
cp "$tmp/session.bak" "$session"
[ "$(run)" = 0 ] || fail "the restored examples do not build: $(cat "$tmp/out")"
echo ok
