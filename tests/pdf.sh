#!/bin/sh
# --to pdf through a real print engine: every page the tools render as
# HTML comes out as a PDF (pdfinfo reads it, pdftotext finds its text);
# a case handout says on every page that it is de-identified; a session's
# 60-minute agenda is one page; a folder gets one PDF per page, all or
# none; a missing engine is exit 2 naming the Debian package.
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
if [ "$engine" = weasyprint ]; then
	# Every page carries the notice and its number (the margin boxes).
	total=$(pages "$handout")
	[ "$total" -ge 2 ] || fail "the rural handout should run to more than one page"
	p=1
	while [ "$p" -le "$total" ]; do
		t=$(pdftotext -f "$p" -l "$p" "$handout" - | tr -s ' \n' '  ')
		case $t in *"De-identified case for teleECHO discussion — do not forward"*) ;;
		*) fail "page $p of the handout has no notice" ;; esac
		case $t in *"Page $p of $total"*) ;; *) fail "page $p has no page number" ;; esac
		case $t in *"Case OUD-2026-014"*) ;; *) fail "page $p has no running header" ;; esac
		p=$((p + 1))
	done
fi

# echo-agenda: a 60-minute session's agenda on one page; series calendar, outline.
s="$examples/series"
# shellcheck disable=SC2086
"$echo_agenda" render $pdf -o "$tmp/agenda.pdf" "$s/sessions/rural-oud-2026-04-09.yaml" ||
	fail "agenda"
is_pdf "$tmp/agenda.pdf" agenda
[ "$(pages "$tmp/agenda.pdf")" = 1 ] || fail "the 60-minute agenda is $(pages "$tmp/agenda.pdf") pages"
text "$tmp/agenda.pdf" | grep -q "Contents" && fail "a one-page agenda has no table of contents"
# shellcheck disable=SC2086
"$echo_agenda" render $pdf -o "$tmp/series.pdf" "$s/cars-weekly.yaml" || fail "series"
is_pdf "$tmp/series.pdf" series
# shellcheck disable=SC2086
"$echo_agenda" outline $pdf -o "$tmp/outline.pdf" "$s/cars-weekly.yaml" || fail "outline"
is_pdf "$tmp/outline.pdf" outline

# echo-minutes: minutes, letters (a folder of them), attendance, credit, summary.
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
