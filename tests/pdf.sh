#!/bin/sh
# --to pdf through a real print engine: every page the tools render as
# HTML comes out as a PDF (pdfinfo reads it, pdftotext finds its text);
# every page of a handout carries its running header (series and date) and
# says it is de-identified, with both engines; a session's 60 or 90-minute
# agenda is one page (with three zones' times too), a 120-minute one keeps
# its table whole on its first page; a certificate is one landscape page;
# the program report has its chart and no table row broken; a folder gets
# one PDF per page, all or none; a missing engine is exit 2 naming the
# Debian package.
#   pdf.sh ENGINE ECHO_CASE ECHO_AGENDA ECHO_MINUTES EXAMPLES_DIR
# ENGINE is weasyprint or chromium.  Skips (77) when the engine or
# poppler-utils is absent, unless CI=true, where that is a failure.
set -u
engine=$1
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
echo_case=$(abs "$2") echo_agenda=$(abs "$3") echo_minutes=$(abs "$4") examples=$(abs "$5")
fail() { echo "FAIL ($engine): $*"; exit 1; }
for tool in "$engine" pdfinfo pdftotext; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		[ "${CI:-}" = true ] && fail "$tool is not installed (CI installs it: .ci/run)"
		echo "SKIP: $tool is not installed"
		exit 77
	fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pdf="--to pdf --pdf-engine $engine"

# is_pdf FILE WHAT: a PDF poppler can read, with at least one page.
is_pdf() {
	[ -s "$1" ] || fail "$2: no PDF written"
	head -c 5 "$1" | grep -q '^%PDF-' || fail "$2: not a PDF"
	pages=$(pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p')
	[ "${pages:-0}" -ge 1 ] || fail "$2: pdfinfo cannot read it"
}
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
text() { pdftotext -layout "$1" - 2>/dev/null | tr -s ' \n' '  '; }

# echo-case: one handout per case into a folder, and the notice on every page.
mkdir "$tmp/cases"
# shellcheck disable=SC2086 # $pdf is two options
"$echo_case" render $pdf -o "$tmp/cases/" "$examples"/*.yaml || fail "echo-case render to a folder"
n=$(find "$tmp/cases" -name '*.pdf' | wc -l)
[ "$n" = "$(ls "$examples"/*.yaml | wc -l)" ] || fail "one PDF per case: found $n"
[ -z "$(find "$tmp/cases" ! -name '*.pdf' -type f)" ] || fail "only PDFs in the folder"
for f in "$tmp/cases"/*.pdf; do
	is_pdf "$f" "case $f"
	text "$f" | grep -q "De-identified case for teleECHO discussion — do not forward" ||
		fail "$f: no de-identification notice"
done
handout="$tmp/cases/OUD-2026-014.pdf"
text "$handout" | grep -q "Case OUD-2026-014" || fail "the handout's title"

# every_page PDF TEXT...: each page's own text (pdftotext -f N -l N) has
# every TEXT: what the @page margin boxes repeat, which both engines print.
every_page() {
	f=$1
	shift
	total=$(pages "$f")
	p=1
	while [ "$p" -le "$total" ]; do
		t=$(pdftotext -f "$p" -l "$p" "$f" - | tr -s ' \n' '  ')
		for want in "Page $p of $total" "$@"; do
			case $t in *"$want"*) ;; *) fail "$f: page $p of $total has no '$want'" ;; esac
		done
		p=$((p + 1))
	done
}
# The handout: the running header (title, series and session date) and the
# notice on every page.
[ "$(pages "$handout")" -ge 2 ] || fail "the rural handout should run to more than one page"
every_page "$handout" "Case OUD-2026-014" \
	"Series: Rural Opioid Use Disorder ECHO · Session: 2026-03-12" \
	"De-identified case for teleECHO discussion — do not forward"

# echo-agenda: a 60 or 90-minute session's agenda on one page, the
# 90-minute one with every row of its table whole, everything of the
# session in it and the running header (series and date); a 120-minute one
# on at most two pages with its table whole on the first (not split, no
# row clipped); series calendar, outline.
s="$examples/series"
# shellcheck disable=SC2086
"$echo_agenda" render $pdf -o "$tmp/agenda.pdf" "$s/sessions/rural-oud-2026-04-09.yaml" ||
	fail "agenda"
is_pdf "$tmp/agenda.pdf" agenda
[ "$(pages "$tmp/agenda.pdf")" = 1 ] || fail "the 60-minute agenda is $(pages "$tmp/agenda.pdf") pages"
text "$tmp/agenda.pdf" | grep -q "Contents" && fail "a one-page agenda has no table of contents"
every_page "$tmp/agenda.pdf" "Rural Opioid Use Disorder ECHO, session 11 · Date: Thursday, April 9, 2026"
# shellcheck disable=SC2086
"$echo_agenda" render $pdf -o "$tmp/agenda90.pdf" "$s/sessions/rural-oud-2026-03-12.yaml" ||
	fail "90-minute agenda"
n=$(pages "$tmp/agenda90.pdf")
[ "$n" = 1 ] || fail "the 90-minute agenda is $n pages"
text "$tmp/agenda90.pdf" | grep -q "Contents" && fail "the 90-minute agenda has no table of contents"
first=$(pdftotext -f 1 -l 1 -layout "$tmp/agenda90.pdf" -)
for row in "12:00 CDT Welcome and introductions Alex Moreno, MSW 5" "12:08 CDT Didactic:" \
	"12:33 CDT Case 1 (OUD-2026-014): presentation" "13:03 CDT Case 2 (OUD-2026-015): presentation" \
	"13:28 CDT Evaluation Alex Moreno, MSW 2" "13:30 CDT End"; do
	echo "$first" | tr -s ' ' ' ' | grep -qF "$row" || fail "the agenda table's row '$row' is not whole on page 1"
done
# Times in three zones: one column each, a time on one line, still one page.
# shellcheck disable=SC2086
"$echo_agenda" render $pdf --tz America/New_York --tz America/Los_Angeles -o "$tmp/agenda90z.pdf" \
	"$s/sessions/rural-oud-2026-03-12.yaml" || fail "90-minute agenda in three zones"
n=$(pages "$tmp/agenda90z.pdf")
[ "$n" = 1 ] || fail "the 90-minute agenda in three zones is $n pages"
pdftotext -layout "$tmp/agenda90z.pdf" - | tr -s ' ' ' ' | grep -qF "12:00 CDT 13:00 EDT 10:00 PDT Welcome" ||
	fail "the three zones' times are not one line each"
all=$(text "$tmp/agenda90.pdf")
for part in "Treat precipitated withdrawal when it happens." "How do I manage precipitated withdrawal" \
	"Luis Archuleta, CPSW" "commensurate with the extent of their participation."; do
	case $all in *"$part"*) ;; *) fail "the 90-minute agenda lost '$part'" ;; esac
done
every_page "$tmp/agenda90.pdf" "Buprenorphine starts in the fentanyl era" \
	"Rural Opioid Use Disorder ECHO, session 7 · Date: Thursday, March 12, 2026"
# A 120-minute session of three cases: two pages at most, its table whole
# on the first.
sed -e 's/^duration: 90/duration: 120/' \
	-e "s|file: \.\./\.\./oud-buprenorphine-rural.yaml|file: $examples/oud-buprenorphine-rural.yaml|" \
	-e "s|file: \.\./cases/OUD-2026-015.yaml|file: $s/cases/OUD-2026-015.yaml|" \
	-e "s|^  - wrap_up:|  - case:\\
      file: $s/cases/PRS-2026-004.yaml\\
      minutes: {presentation: 10, questions: 8, recommendations: 12}\\
  - wrap_up:|" "$s/sessions/rural-oud-2026-03-12.yaml" >"$tmp/agenda120.yaml"
# shellcheck disable=SC2086
"$echo_agenda" render $pdf -o "$tmp/agenda120.pdf" "$tmp/agenda120.yaml" 2>/dev/null ||
	fail "120-minute agenda"
n=$(pages "$tmp/agenda120.pdf")
[ "$n" -le 2 ] || fail "the 120-minute agenda is $n pages"
first=$(pdftotext -f 1 -l 1 -layout "$tmp/agenda120.pdf" - | tr -s ' ' ' ')
for row in "12:00 CDT Welcome and introductions Alex Moreno, MSW 5" "13:26 CDT Case 3 (PRS-2026-004): presentation" \
	"13:58 CDT Evaluation Alex Moreno, MSW 2" "14:00 CDT End"; do
	echo "$first" | grep -qF "$row" || fail "the 120-minute agenda's row '$row' is not whole on page 1"
done
# shellcheck disable=SC2086
"$echo_agenda" render $pdf -o "$tmp/series.pdf" "$s/cars-weekly.yaml" || fail "series"
is_pdf "$tmp/series.pdf" series
# shellcheck disable=SC2086
"$echo_agenda" outline $pdf -o "$tmp/outline.pdf" "$s/cars-weekly.yaml" || fail "outline"
is_pdf "$tmp/outline.pdf" outline

# echo-minutes: minutes, letters (a folder of them), attendance, credit,
# summary, certificates, the program report.
cd "$s" || fail "cd $s"
rural=sessions/rural-oud-2026-03-12.yaml
# shellcheck disable=SC2086
"$echo_minutes" minutes $pdf -o "$tmp/minutes.pdf" -a attendance/rural-oud-2026-03-12-participants.csv \
	-n notes/rural-oud-2026-03-12.yaml "$rural" 2>/dev/null || fail "minutes"
is_pdf "$tmp/minutes.pdf" minutes
mkdir "$tmp/letters"
# shellcheck disable=SC2086
"$echo_minutes" recommendations $pdf -o "$tmp/letters/" --session "$rural" || fail "letters"
n=$(find "$tmp/letters" -name '*-recommendations.pdf' | wc -l)
[ "$n" = 2 ] || fail "one letter per case of the session: found $n"
for f in "$tmp/letters"/*.pdf; do
	is_pdf "$f" "letter $f"
	text "$f" | grep -q "Contents" && fail "$f: a letter has no table of contents"
done
# shellcheck disable=SC2086
"$echo_minutes" attendance $pdf -o "$tmp/attendance.pdf" --session "$rural" \
	attendance/rural-oud-2026-03-12-participants.csv 2>/dev/null || fail "attendance"
is_pdf "$tmp/attendance.pdf" attendance
# shellcheck disable=SC2086
"$echo_minutes" credit $pdf -o "$tmp/credit.pdf" --series cars-weekly.yaml attendance/cars-weekly/*.csv \
	2>/dev/null || fail "credit"
is_pdf "$tmp/credit.pdf" credit
# shellcheck disable=SC2086
"$echo_minutes" summary $pdf -o "$tmp/summary.pdf" sessions/rural-oud-2026-03-12.yaml \
	sessions/rural-oud-2026-04-09.yaml || fail "summary"
is_pdf "$tmp/summary.pdf" summary

# Certificates: one landscape page each, named by its number, the
# learner, the hours and the number on it, no running header of reports.
cars_args="--series cars-2027.yaml --presence-counts --completions attendance/cars-2027-completions.csv"
mkdir "$tmp/certs"
# shellcheck disable=SC2086
"$echo_minutes" certificates $pdf -o "$tmp/certs/" $cars_args attendance/cars-2027/* ||
	fail "certificates"
[ "$(find "$tmp/certs" -name 'CARS-2027-*.pdf' | wc -l)" = 5 ] || fail "one PDF per learner certified: $(ls "$tmp/certs")"
for f in "$tmp/certs"/*.pdf; do
	is_pdf "$f" "certificate $f"
	[ "$(pages "$f")" = 1 ] || fail "$f: a certificate is $(pages "$f") pages"
	pdfinfo "$f" | grep -q '^Page size: *792 x 612 pts' || fail "$f: a certificate is a landscape page"
	t=$(text "$f")
	number=$(basename "$f" .pdf)
	for want in "CARS certificate of completion" "This certifies that" "Certificate number $number" \
		"contact hours" "Dana Whitfield, MD, Medical director" "Page 1 of 1"; do
		case $t in *"$want"*) ;; *) fail "$f: no '$want'" ;; esac
	done
	case $t in *Contents*) fail "$f: a certificate has no table of contents" ;; esac
done
text "$tmp/certs/CARS-2027-566F-Y70B-61DP.pdf" | grep -q "Carmen Yazzie .*18.75 contact hours" ||
	fail "Carmen Yazzie's certificate: $(text "$tmp/certs/CARS-2027-566F-Y70B-61DP.pdf")"

# The program report: its chart drawn (the legend and the numbers on the
# bars are text in the PDF), and every table row whole on one line (a
# measure's label or a date broken over lines would be a squeezed column).
# shellcheck disable=SC2086
"$echo_minutes" report $pdf -o "$tmp/report.pdf" $cars_args --cases cases/CARS-2027-002.yaml \
	attendance/cars-2027/* || fail "report"
is_pdf "$tmp/report.pdf" report
every_page "$tmp/report.pdf" "Program report: Community Addiction Recovery Specialist"
layout=$(pdftotext -layout "$tmp/report.pdf" - | tr -s ' ' ' ')
for row in "Learners Faculty" "01-07 01-08 01-14 01-28 02-25 03-11 04-08 04-22 04-29" \
	" Learner attendance (person-sessions) 66" " Hours issued (contact hours) 128.25" \
	" 2027-01-07 training day held 7 2 7 49.00" " 2027-02-11 3 cancelled: ice storm 0 0 0 0.00" \
	" 2027-04-29 8 held 8 4 8 6.75" " 2027-04 3 0 8 23 12 18.00 0 0" \
	" Lakeshore Recovery Community Center 1" " Certified peer recovery specialist 1"; do
	echo "$layout" | grep -qF -- "$row" || fail "the report's '$row' is not whole on one line"
done
echo "$layout" | grep -qE '^ *8 +8 +8 +8 *$' || fail "the chart's bars carry their numbers"

# All or none: an engine that fails on the second page leaves the folder empty.
mkdir "$tmp/bin" "$tmp/none"
cat >"$tmp/bin/$engine" <<EOF
#!/bin/sh
if [ -e "$tmp/bin/ran" ]; then echo "engine broke" >&2; exit 3; fi
: >"$tmp/bin/ran"
exec "$(command -v "$engine")" "\$@"
EOF
chmod +x "$tmp/bin/$engine"
"$echo_case" render --to pdf --pdf-engine "$tmp/bin/$engine" -o "$tmp/none/" "$examples"/*.yaml \
	2>"$tmp/err" && fail "a failing engine is an error"
[ -z "$(ls -A "$tmp/none")" ] || fail "a failed run left files: $(ls -A "$tmp/none")"
grep -q "the PDF engine failed (exit status 3): engine broke" "$tmp/err" ||
	fail "the engine's message: $(cat "$tmp/err")"

# No engine: exit 2, the package named, nothing written.
PATH=/nonexistent "$echo_case" render --to pdf --pdf-engine "$engine" -o "$tmp/x.pdf" \
	"$examples/aud-ciwa.yaml" 2>"$tmp/err"
[ $? = 2 ] || fail "a missing engine is exit 2"
grep -q "install the Debian package" "$tmp/err" || fail "names the package: $(cat "$tmp/err")"
[ ! -e "$tmp/x.pdf" ] || fail "nothing written without an engine"
"$echo_case" render --to pdf --pdf-engine wkhtmltopdf "$examples/aud-ciwa.yaml" 2>"$tmp/err" >/dev/null
[ $? = 2 ] || fail "an unknown engine is exit 2"
grep -q "unknown PDF engine 'wkhtmltopdf'" "$tmp/err" || fail "unknown engine message"
echo "pdf ($engine): ok"
