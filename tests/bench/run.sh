#!/bin/sh
# The render benchmark: echo-case against the floor program (floor.c) on
# the same generated cases, interleaved in one run, with the ratios against
# the project's targets.  Missed targets are reported, not failed: the exit
# status is non-zero only when a command fails.  See doc/benchmarks.md.
#
#   run.sh ECHO_CASE FLOOR GEN_CASES MAXRSS TEMPLATE_DIR EXAMPLE_DIR [BUILDTYPE]
#
# Environment: ECHO_BENCH_CASES (1000), ECHO_BENCH_ROUNDS (3),
# ECHO_BENCH_SINGLE (50 runs of each program on one case), ECHO_BENCH_PAGE
# (50 cases rendered into one page).
set -eu

if [ $# -lt 6 ]; then
	echo "usage: run.sh ECHO_CASE FLOOR GEN_CASES MAXRSS TEMPLATE_DIR EXAMPLE_DIR [BUILDTYPE]" >&2
	exit 2
fi
tool=$1 floor=$2 gen=$3 maxrss=$4 templates=$5 examples=$6 buildtype=${7:-unknown}
cases=${ECHO_BENCH_CASES:-1000}
rounds=${ECHO_BENCH_ROUNDS:-3}
singles=${ECHO_BENCH_SINGLE:-50}
pagecases=${ECHO_BENCH_PAGE:-50}
small=$((cases / 10))
[ "$small" -ge 1 ] || small=1

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
work=$(mktemp -d "${TMPDIR:-/tmp}/echo-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

fail() {
	echo "bench: $*" >&2
	exit 1
}

# run NAME MAXRSS_OPTION... -- COMMAND...: one timed run; stops the
# benchmark when the command fails.
run() {
	name=$1
	shift
	if ! "$maxrss" "$@" 2>"$work/stderr"; then
		cat "$work/stderr" >&2
		fail "$name failed"
	fi
}

# A new, empty output folder before each run, and the file system settled:
# the write-back of one run must not be billed to the next.  Old folders
# stay until the end, as deleting thousands of files just before a run
# slows the file creation in it.
outs=0
fresh() {
	outs=$((outs + 1))
	out=$work/out$outs
	mkdir "$out"
	sync
}

count_outputs() {
	n=$(find "$out" -name '*.html' | wc -l)
	[ "$n" -eq "$1" ] || fail "$2 wrote $n pages, not $1"
}

# timed WHO RESULTS [-i STDIN] INPUT...: one run of echo-case (WHO tool) or
# the floor, one page per case into a new folder.
timed() {
	who=$1 results=$2
	shift 2
	stdin=/dev/null
	if [ "$1" = -i ]; then
		stdin=$2
		shift 2
	fi
	fresh
	if [ "$who" = tool ]; then
		run echo-case -r "$results" -i "$stdin" -- "$tool" render --to html -o "$out/" "$@"
	else
		run floor -r "$results" -i "$stdin" -- "$floor" --shell "$templates/page.html" \
			--css "$templates/style.css" -o "$out/" "$@"
	fi
}

# median FILE COLUMN
median() {
	sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

peak() {
	sort -n -k3 "$1" | tail -n 1 | awk '{ print $3 }'
}

# The inputs: N files, the first tenth of them, and one N-case stream.
mkdir "$work/cases" "$work/small"
"$gen" "$cases" "$work/cases" || fail "gen_cases failed"
"$gen" "$cases" - >"$work/stream.yaml" || fail "gen_cases failed"
"$gen" "$pagecases" - >"$work/page.yaml" || fail "gen_cases failed"
set -- "$work"/cases/*.yaml
i=0
for f; do
	i=$((i + 1))
	[ $i -le $small ] || break
	ln -s "$f" "$work/small/"
done
single=$examples/oud-buprenorphine-rural.yaml
[ -f "$single" ] || fail "$single is missing"

# Is PHI screening in the pipeline yet?  A case with a phone number says.
sed 's/^summary: .*/summary: Call her at 505-555-0142 after the visit./' \
	"$examples/aud-ciwa.yaml" >"$work/phi.yaml"
if "$tool" check "$work/phi.yaml" 2>&1 | grep -q 'phi-'; then
	phi="included"
else
	phi="not in echo-case yet (not measured)"
fi

# onepage WHO: the page cases as one stream on stdin, into one page.
onepage() {
	if [ "$1" = tool ]; then
		run echo-case -r "$work/tool.page" -i "$work/page.yaml" -O "$work/page.html" -- \
			"$tool" render --to html -
	else
		run floor -r "$work/floor.page" -i "$work/page.yaml" -O "$work/page.html" -- \
			"$floor" --shell "$templates/page.html" --css "$templates/style.css" -
	fi
}

# Warm-up and check: both programs render every case once.
for who in tool floor; do
	timed $who "$work/warm" "$@"
	count_outputs "$cases" $who
done

# Batches and the stream, interleaved; the order alternates each round.
r=0
while [ $r -lt "$rounds" ]; do
	order="tool floor"
	[ $((r % 2)) -eq 0 ] || order="floor tool"
	for who in $order; do
		timed $who "$work/$who.batch" "$work"/cases/*.yaml
		timed $who "$work/$who.small" "$work"/small/*.yaml
		timed $who "$work/$who.stream" -i "$work/stream.yaml" -
		count_outputs "$cases" "$who (stream)"
		onepage $who
	done
	r=$((r + 1))
done

# One case, one process at a time: start-up counts.
r=0
while [ $r -lt "$singles" ]; do
	run "echo-case single" -r "$work/tool.single" -O "$work/one.html" -- \
		"$tool" render "$single" --to html
	run "floor single" -r "$work/floor.single" -O "$work/one.html" -- \
		"$floor" --shell "$templates/page.html" --css "$templates/style.css" "$single"
	r=$((r + 1))
done

missed=0
# row LABEL RESULTS_NAME DIVISOR TARGET: wall time per case (the targets are
# on wall time), and the CPU time ratio, which the machine's load disturbs
# less.
row() {
	awk -v label="$1" -v n="$3" -v target="$4" \
	    -v t="$(median "$work/tool.$2" 1)" -v f="$(median "$work/floor.$2" 1)" \
	    -v tc="$(median "$work/tool.$2" 2)" -v fc="$(median "$work/floor.$2" 2)" 'BEGIN {
		ratio = t / f
		mark = target == "" ? "" : (ratio <= target ? "PASS" : "MISS <<<")
		printf "%-28s %8.3f ms %8.3f ms %6.2f  %-7s %-9s %6.2f\n", label, 1000 * t / n,
		       1000 * f / n, ratio, target == "" ? "-" : "<= " target, mark,
		       (fc > 0) ? tc / fc : 0
		exit (mark ~ /MISS/) ? 1 : 0
	}' || missed=$((missed + 1))
}

echo
echo "echo-case render benchmark: $cases generated cases ($(wc -c <"$work/stream.yaml") bytes of YAML)"
echo "build: $buildtype; CPUs: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?');" \
     "load average at the start: $load"
echo "median of $rounds interleaved rounds ($singles for single runs);" \
     "validation: included; PHI screening: $phi"
echo
printf "%-28s %11s %11s %6s  %-7s %-9s %6s\n" "wall time" "echo-case" "floor" "ratio" \
	"target" "" "CPU ratio"
row "batch, $cases files, per case" batch "$cases" 2
row "batch, $small files, per case" small "$small" ""
row "stream of $cases, per case" stream "$cases" ""
row "one page of $pagecases, per case" page "$pagecases" ""
row "single run, one case" single 1 1.5

echo
printf "%-28s %11s %11s\n" "peak memory (max RSS)" "echo-case" "floor"
tool_small=$(peak "$work/tool.small") tool_big=$(peak "$work/tool.batch")
floor_small=$(peak "$work/floor.small") floor_big=$(peak "$work/floor.batch")
printf "%-28s %8s kB %8s kB\n" "batch of $small" "$tool_small" "$floor_small"
printf "%-28s %8s kB %8s kB\n" "batch of $cases" "$tool_big" "$floor_big"
printf "%-28s %8s kB %8s kB\n" "stream of $cases" "$(peak "$work/tool.stream")" \
	"$(peak "$work/floor.stream")"
awk -v t1="$tool_small" -v t2="$tool_big" -v f1="$floor_small" -v f2="$floor_big" 'BEGIN {
	g = t2 / t1
	printf "%-28s %10.2fx %10.2fx  target <= 1.25x  %s\n", "growth, 10x the cases", g,
	       f2 / f1, g <= 1.25 ? "PASS" : "MISS <<<"
	exit g <= 1.25 ? 0 : 1
}' || missed=$((missed + 1))

echo
if [ $missed -gt 0 ]; then
	echo "*** $missed target(s) MISSED: see the rows marked MISS above ***"
else
	echo "all targets met"
fi
exit 0
