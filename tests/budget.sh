#!/bin/sh
# The input budget (doc/limits.md, limit-budget): every byte a run reads —
# cases and sessions, exports, rosters, templates, standard input — counts
# against one budget, ECHO_INPUT_BUDGET.  A run whose inputs come to exactly
# the budget succeeds; one byte less and it stops at the file that passed
# it, exit 2, with nothing written.  Before the budget, ten 60 MB exports
# each under their own limit took echo-minutes credit to 3.5 GB.
#   budget.sh ECHO-CASE ECHO-MINUTES EXAMPLES
set -u
echo_case=$1
echo_minutes=$2
examples=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
size() { cat "$@" | wc -c | tr -d ' '; }

# run BUDGET CMD...: status in $rc, stderr in $tmp/err.
run() {
	budget=$1
	shift
	ECHO_INPUT_BUDGET=$budget "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
# refused FILE: the last run stopped at FILE for the budget, exit 2.
refused() {
	[ "$rc" = 2 ] || bad "$1: exit $rc, not 2"
	grep -q "^$1: error: this file takes the inputs of this run past their budget of [0-9]* bytes ([0-9]* read before it); set ECHO_INPUT_BUDGET to allow more \[limit-budget\]$" "$tmp/err" ||
		{ bad "$1: no budget error naming it"; cat "$tmp/err"; }
}

# A case, from a file and from standard input.
case_file="$examples/aud-ciwa.yaml"
n=$(size "$case_file")
run "$n" "$echo_case" check "$case_file"
[ "$rc" = 0 ] || bad "check at the budget: exit $rc"
run $((n - 1)) "$echo_case" check "$case_file"
refused "$case_file"
ECHO_INPUT_BUDGET=$((n - 1)) "$echo_case" check - <"$case_file" 2>"$tmp/err"
rc=$?
refused "<stdin>"

# Several cases: the budget is the run's, not each file's.
run $((2 * n)) "$echo_case" check "$case_file" "$case_file"
[ "$rc" = 0 ] || bad "two cases at the budget: exit $rc"
run $((2 * n - 1)) "$echo_case" check "$case_file" "$case_file"
refused "$case_file"

# A template, and nothing written; what was there stays.
printf '# {{title}}\n' >"$tmp/t.mustache"
n=$(size "$case_file" "$tmp/t.mustache")
run "$n" "$echo_case" render --template "$tmp/t.mustache" -o "$tmp/page.md" "$case_file"
[ "$rc" = 0 ] && [ -s "$tmp/page.md" ] || bad "render with a template at the budget: exit $rc"
echo previous >"$tmp/page.md"
# Templates are read first, the case after them.
run $((n - 1)) "$echo_case" render --template "$tmp/t.mustache" -o "$tmp/page.md" "$case_file"
refused "$case_file"
run 11 "$echo_case" render --template "$tmp/t.mustache" -o "$tmp/page.md" "$case_file"
refused "$tmp/t.mustache"
[ "$(cat "$tmp/page.md")" = previous ] || bad "render past the budget changed its output"

# Credit across a series: the series, every export, and the roster.
series="$examples/series/cars-weekly.yaml"
roster="$examples/series/attendance/cars-weekly-enrolled.txt"
set -- "$examples"/series/attendance/cars-weekly/*.csv
last=$(for f in "$@"; do echo "$f"; done | tail -n 1)
n=$(size "$series" "$roster" "$@")
run "$n" "$echo_minutes" credit --series "$series" --enrolled "$roster" -o "$tmp/credit.md" "$@"
[ "$rc" = 0 ] && [ -s "$tmp/credit.md" ] || bad "credit at the budget: exit $rc"
rm -f "$tmp/credit.md"
run $((n - 1)) "$echo_minutes" credit --series "$series" --enrolled "$roster" -o "$tmp/credit.md" "$@"
if grep -q "^$roster: error: .*\[limit-budget\]" "$tmp/err"; then
	refused "$roster"
else
	refused "$last"
fi
[ -e "$tmp/credit.md" ] && bad "credit past the budget wrote its output"

# A budget that is not a size is a usage error; suffixes are binary.
run 1x "$echo_case" check "$case_file"
[ "$rc" = 2 ] && grep -q "ECHO_INPUT_BUDGET is '1x'" "$tmp/err" || bad "ECHO_INPUT_BUDGET=1x: exit $rc"
run 1K "$echo_case" check "$case_file"
[ "$rc" = 2 ] && grep -q "budget of 1024 bytes" "$tmp/err" || bad "ECHO_INPUT_BUDGET=1K: exit $rc"
run 1M "$echo_case" check "$case_file"
[ "$rc" = 0 ] || bad "ECHO_INPUT_BUDGET=1M: exit $rc"
exit $fail
