#!/bin/sh
# Interrupted folder renders of 3000 cases, stopped by SIGINT, SIGTERM or
# SIGHUP at random moments: no temporary file is ever left, and the folder
# holds either the whole previous set or the whole new one.  The runs
# alternate between two templates so that the two sets differ.  Bounded:
# at most 10 runs and about 12 seconds of them.  The random delays come from a
# seed printed first, to replay a failure: INTERRUPT_SEED=N.
#   interrupt.sh ECHO_CASE GEN_CASES
set -u
tool=$1 gen=$2
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
tmp=$(mktemp -d "$base/echo-interrupt.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
seed=${INTERRUPT_SEED:-$(date +%s)}
echo "seed $seed"
cases=3000 runs=10 budget=12

"$gen" "$cases" - >"$tmp/cases.yaml" || fail "gen_cases"
printf '{{id}} set A\n' >"$tmp/A.mustache"
printf '{{id}} set B\n' >"$tmp/B.mustache"
mkdir "$tmp/o"
"$tool" render --template "$tmp/A.mustache" -o "$tmp/o/" "$tmp/cases.yaml" || fail "first render"
set_now=A

# Delays spread over a whole run (the first one measures it), at most
# 2.5 s each, so a slow build (sanitizers) is interrupted too.
t0=$(date +%s.%N)
"$tool" render --template "$tmp/B.mustache" -o "$tmp/o/" "$tmp/cases.yaml" || fail "second render"
set_now=B
span=$(echo "$t0 $(date +%s.%N)" | awk '{ print $2 - $1 }')
awk -v seed="$seed" -v n="$runs" -v span="$span" \
	'BEGIN { srand(seed); if (span > 2.2) span = 2.2
	         for (i = 0; i < n; i++) printf "%.3f\n", 0.02 + rand() * span * 1.1 }' \
	>"$tmp/delays"
start=$(date +%s)
i=0 interrupted=0
while read -r delay; do
	[ $(( $(date +%s) - start )) -lt "$budget" ] || break
	i=$((i + 1))
	sig=$(echo "INT TERM HUP" | cut -d' ' -f$(( i % 3 + 1 )))
	next=A; [ "$set_now" = A ] && next=B
	timeout -s "$sig" "$delay" "$tool" render --template "$tmp/$next.mustache" -o "$tmp/o/" \
		"$tmp/cases.yaml" 2>/dev/null
	st=$?
	[ "$st" = 0 ] || [ "$st" = 124 ] || fail "run $i (SIG$sig after ${delay}s): exit $st"
	[ "$st" = 124 ] && interrupted=$((interrupted + 1))
	left=$(find "$tmp/o" -name '*.tmp.*' | head -n 3)
	[ -z "$left" ] || fail "run $i (SIG$sig after ${delay}s) left: $left"
	[ "$(find "$tmp/o" -type f | wc -l)" = "$cases" ] || fail "run $i: not $cases pages"
	a=$(grep -l 'set A' "$tmp/o"/* | wc -l)
	b=$(grep -l 'set B' "$tmp/o"/* | wc -l)
	case "$a $b" in
	"$cases 0") set_now=A ;;
	"0 $cases") set_now=B ;;
	*) fail "run $i (SIG$sig after ${delay}s): $a pages of set A and $b of set B" ;;
	esac
done <"$tmp/delays"
[ "$interrupted" -gt 0 ] || fail "no run was interrupted"
echo "ok: $i runs, $interrupted interrupted"
