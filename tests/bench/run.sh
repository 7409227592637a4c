#!/bin/sh
# The benchmark of issue 13: echo-case against floor programs that do only
# what the libraries must do, on the same generated inputs, interleaved in
# one run, each ratio printed with the issue's target and "met" or
# "missed".  Missed targets are reported, not failed: the exit status is
# non-zero only when a command fails.  See doc/benchmarks.md.
#
#   run.sh ECHO_CASE FLOOR SCAN_FLOOR GEN_CASES MAXRSS TEMPLATE_DIR EXAMPLE_DIR [BUILDTYPE]
#
# Environment (defaults in brackets):
#   ECHO_BENCH_CASES [10000]   the big batch; the middle one (check, stream,
#                              growth) is a tenth of it, the small one a
#                              hundredth
#   ECHO_BENCH_ROUNDS [3]      interleaved rounds; medians are reported
#   ECHO_BENCH_BIG_ROUNDS [2]  rounds that also run the big batch and the
#                              narratives
#   ECHO_BENCH_SINGLE [30]     single runs of each program on one case
#   ECHO_BENCH_CHECKS [12]     more interleaved pairs of the check and its
#                              floor, after the rounds: a run of 0.1 s is
#                              moved by a few ms of noise, so its median
#                              needs more runs than the batches'
#   ECHO_BENCH_PAGE [50]       cases rendered into one page
#   ECHO_BENCH_NARRATIVE [1048576]  bytes of the long narratives
set -eu

if [ $# -lt 7 ]; then
	echo "usage: run.sh ECHO_CASE FLOOR SCAN_FLOOR GEN_CASES MAXRSS TEMPLATE_DIR EXAMPLE_DIR" \
	     "[BUILDTYPE]" >&2
	exit 2
fi
tool=$1 floor=$2 scan=$3 gen=$4 maxrss=$5 templates=$6 examples=$7 buildtype=${8:-unknown}
big=${ECHO_BENCH_CASES:-10000}
rounds=${ECHO_BENCH_ROUNDS:-3}
big_rounds=${ECHO_BENCH_BIG_ROUNDS:-2}
singles=${ECHO_BENCH_SINGLE:-30}
checks=${ECHO_BENCH_CHECKS:-12}
pagecases=${ECHO_BENCH_PAGE:-50}
narrative=${ECHO_BENCH_NARRATIVE:-1048576}
mid=$((big / 10))
small=$((big / 100))
[ "$small" -ge 1 ] || { echo "run.sh: ECHO_BENCH_CASES must be at least 100" >&2; exit 2; }
[ "$big_rounds" -le "$rounds" ] || big_rounds=$rounds

started=$(date +%s)
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
work=$(mktemp -d "${TMPDIR:-/tmp}/echo-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

fail() {
	echo "bench: $*" >&2
	exit 1
}

# run NAME STATUS MAXRSS_OPTION... -- COMMAND...: one timed run; stops the
# benchmark when the command does not exit with STATUS.
run() {
	name=$1 want=$2
	shift 2
	got=0
	"$maxrss" "$@" 2>"$work/stderr" || got=$?
	if [ "$got" -ne "$want" ]; then
		tail -n 20 "$work/stderr" >&2
		fail "$name exited with $got, not $want"
	fi
}

# A new, empty output folder, and the file system settled: the write-back
# of one run must not be billed to the next.  Old folders stay until the
# end, as deleting thousands of files just before a run slows the file
# creation in it.
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

# render WHO RESULTS [-i STDIN] INPUT...: one run of echo-case (WHO tool)
# or the floor, one page per case into the folder $out.
render() {
	who=$1 results=$2
	shift 2
	stdin=/dev/null
	if [ "$1" = -i ]; then
		stdin=$2
		shift 2
	fi
	if [ "$who" = tool ]; then
		run echo-case 0 -r "$results" -i "$stdin" -- "$tool" render --to html -o "$out/" "$@"
	else
		run floor 0 -r "$results" -i "$stdin" -- "$floor" --shell "$templates/page.html" \
			--css "$templates/style.css" -o "$out/" "$@"
	fi
}

# batch (WHO in $who, N in $n): N cases into a new folder, then again into
# the same folder, which now holds every page.
batch() {
	set -- "$work/in$n"/*.yaml
	fresh
	render "$who" "$work/$who.fresh$n" "$@"
	count_outputs "$n" "$who"
	sync
	render "$who" "$work/$who.again$n" "$@"
	count_outputs "$n" "$who (re-render)"
}

# check (WHO in $who): echo-case check of the middle batch, or the
# parse-only floor.
check() {
	set -- "$work/in$mid"/*.yaml
	if [ "$who" = tool ]; then
		run "echo-case check" 0 -r "$work/tool.check" -O /dev/null -- "$tool" check "$@"
	else
		run "floor --parse-only" 0 -r "$work/floor.check" -- "$floor" --parse-only "$@"
	fi
}

# narratives (WHO in $who): the clean and the dense narrative, checked (exit 0 and 1)
# or only scanned.
narratives() {
	for kind in clean dense; do
		if [ "$who" = tool ]; then
			status=0
			[ $kind = clean ] || status=1
			run "echo-case check ($kind narrative)" $status -r "$work/tool.$kind" \
				-O /dev/null -- "$tool" check "$work/$kind.yaml"
		else
			run "scan_floor ($kind narrative)" 0 -r "$work/floor.$kind" -O "$work/found.$kind" \
				-- "$scan" "$work/$kind.yaml"
		fi
	done
}

# onepage (WHO in $who): the page cases as one stream on stdin, into one page.
onepage() {
	if [ "$who" = tool ]; then
		run echo-case 0 -r "$work/tool.page" -i "$work/page.yaml" -O "$work/page.html" -- \
			"$tool" render --to html -
	else
		run floor 0 -r "$work/floor.page" -i "$work/page.yaml" -O "$work/page.html" -- \
			"$floor" --shell "$templates/page.html" --css "$templates/style.css" -
	fi
}

# median FILE COLUMN
median() {
	sort -g -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The inputs: the big batch as files, the first tenth and hundredth of them
# by links, streams of the middle batch, of one case and of the page, and
# the two narratives.
mkdir "$work/in$big" "$work/in$mid" "$work/in$small"
"$gen" "$big" "$work/in$big" || fail "gen_cases failed"
i=0
for f in "$work/in$big"/*.yaml; do
	i=$((i + 1))
	[ $i -le $mid ] || break
	ln -s "$f" "$work/in$mid/"
	[ $i -gt $small ] || ln -s "$f" "$work/in$small/"
done
"$gen" "$mid" - >"$work/stream.yaml" || fail "gen_cases failed"
"$gen" 1 - >"$work/one.yaml" || fail "gen_cases failed"
"$gen" "$pagecases" - >"$work/page.yaml" || fail "gen_cases failed"
for kind in clean dense; do
	"$gen" --narrative $kind "$narrative" >"$work/$kind.yaml" || fail "gen_cases failed"
done
single=$examples/oud-buprenorphine-rural.yaml
[ -f "$single" ] || fail "$single is missing"

# Warm-up: every program once on the middle batch.
for who in tool floor; do
	fresh
	render $who "$work/warm" "$work/in$mid"/*.yaml
	count_outputs "$mid" "$who"
	check
done
rm -f "$work"/tool.* "$work"/floor.*

# The rounds, interleaved; the order alternates each round.
r=0
while [ $r -lt "$rounds" ]; do
	order="tool floor"
	[ $((r % 2)) -eq 0 ] || order="floor tool"
	for who in $order; do
		for n in $small $mid $big; do
			[ "$n" -ne "$big" ] || [ $r -lt "$big_rounds" ] || continue
			batch
		done
		fresh
		render $who "$work/$who.stream" -i "$work/stream.yaml" -
		count_outputs "$mid" "$who (stream)"
		check
		[ $r -ge "$big_rounds" ] || narratives
		onepage
	done
	r=$((r + 1))
done

# More pairs of the check and its floor, the order alternating.
r=0
while [ $r -lt "$checks" ]; do
	order="tool floor"
	[ $((r % 2)) -eq 0 ] || order="floor tool"
	for who in $order; do
		check
	done
	r=$((r + 1))
done

# One case, one process at a time: start-up counts.  And one case on stdin,
# the baseline of the stream's memory.
r=0
fresh
while [ $r -lt "$singles" ]; do
	run "echo-case single" 0 -r "$work/tool.single" -O "$work/one.html" -- \
		"$tool" render "$single" --to html
	run "floor single" 0 -r "$work/floor.single" -O "$work/one.html" -- \
		"$floor" --shell "$templates/page.html" --css "$templates/style.css" "$single"
	[ $r -ge 5 ] || run "echo-case one case on stdin" 0 -r "$work/tool.one" -i "$work/one.yaml" \
		-- "$tool" render --to html -o "$out/" -
	r=$((r + 1))
done

missed=0
# verdict RATIO TARGET: "met" or "missed", and counts the misses.
verdict() {
	if [ -z "$2" ]; then
		echo "-"
	elif awk -v r="$1" -v t="$2" 'BEGIN { exit !(r <= t) }'; then
		echo "met"
	else
		echo "MISSED"
	fi
}

# row LABEL KEY DIVISOR TARGET [FLOOR_KEY]: median wall time per case of
# echo-case and of the floor, their ratio against TARGET, and the ratio of
# the CPU times, which the machine's load disturbs less.
row() {
	fkey=${5:-$2}
	t=$(median "$work/tool.$2" 1) f=$(median "$work/floor.$fkey" 1)
	tc=$(median "$work/tool.$2" 2) fc=$(median "$work/floor.$fkey" 2)
	ratio=$(awk -v t="$t" -v f="$f" 'BEGIN { printf "%.2f", t / f }')
	v=$(verdict "$ratio" "$4")
	[ "$v" != MISSED ] || missed=$((missed + 1))
	awk -v label="$1" -v n="$3" -v t="$t" -v f="$f" -v tc="$tc" -v fc="$fc" -v r="$ratio" \
	    -v target="${4:+<= $4}" -v v="$v" 'BEGIN {
		printf "%-34s %9.3f ms %9.3f ms %6.2f  %-7s %-6s %6.2f\n", label, 1000 * t / n,
		       1000 * f / n, r, target == "" ? "-" : target, v, (fc > 0) ? tc / fc : 0
	}'
}

# ratio LABEL A B TARGET [NOTE]: a ratio of two figures of echo-case.
ratio() {
	r=$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.2f", a / b }')
	v=$(verdict "$r" "$4")
	[ "$v" != MISSED ] || missed=$((missed + 1))
	printf "%-34s %12s %12s %6s  %-7s %-6s %s\n" "$1" "$2" "$3" "$r" "${4:+<= $4}" "$v" "${5:-}"
}

per_case() {
	awk -v t="$(median "$work/$1" 1)" -v n="$2" 'BEGIN { printf "%.4f", 1000 * t / n }'
}

elapsed=$(($(date +%s) - started))
echo
echo "echo-case benchmark (issue 13): batches of $small, $mid and $big generated cases;" \
     "narratives of $(wc -c <"$work/clean.yaml") and $(wc -c <"$work/dense.yaml") bytes" \
     "($(cat "$work/found.dense") findings in the dense one)"
echo "build: $buildtype; CPUs: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?');" \
     "load average at the start: $load; the run took ${elapsed} s"
echo "medians of $rounds interleaved rounds ($big_rounds for the batch of $big and the" \
     "narratives, $((rounds + checks)) for the check, $singles for single runs)"
echo
printf "%-34s %12s %12s %6s  %-7s %-6s %6s\n" "wall time per case" "echo-case" "floor" "ratio" \
	"target" "" "CPU ratio"
row "batch of $small, new folder" fresh$small "$small" ""
row "batch of $small, re-render" again$small "$small" ""
row "batch of $mid, new folder" fresh$mid "$mid" 1.3
row "batch of $mid, re-render" again$mid "$mid" 1.3
row "batch of $big, new folder" fresh$big "$big" 1.3
row "batch of $big, re-render" again$big "$big" 1.3
row "stream of $mid on stdin" stream "$mid" ""
row "one page of $pagecases" page "$pagecases" ""
row "single run, whole process" single 1 1.2
row "check of $mid vs parse-only floor" check "$mid" 2
row "narrative, clean, vs scan floor" clean 1 ""
row "narrative, dense, vs scan floor" dense 1 ""

echo
printf "%-34s %12s %12s %6s\n" "echo-case against itself" "A" "B" "A/B"
ratio "dense / clean narrative, ms" "$(per_case tool.dense 1)" "$(per_case tool.clean 1)" 3
ratio "per-case time, $big / $mid, ms" "$(per_case tool.fresh$big "$big")" \
	"$(per_case tool.fresh$mid "$mid")" 1.15 \
	"(floor: $(per_case floor.fresh$big "$big") / $(per_case floor.fresh$mid "$mid") ms)"
ratio "peak memory, $big / $mid, kB" "$(median "$work/tool.fresh$big" 3)" \
	"$(median "$work/tool.fresh$mid" 3)" 1.15 \
	"(floor: $(median "$work/floor.fresh$big" 3) / $(median "$work/floor.fresh$mid" 3) kB)"
ratio "memory, stream of $mid / one, kB" "$(median "$work/tool.stream" 3)" \
	"$(median "$work/tool.one" 3)" 2 \
	"(floor: $(median "$work/floor.stream" 3) kB for the stream)"
ratio "re-render / new folder, $mid, ms" "$(per_case tool.again$mid "$mid")" \
	"$(per_case tool.fresh$mid "$mid")" "" \
	"(floor: $(per_case floor.again$mid "$mid") / $(per_case floor.fresh$mid "$mid") ms)"

echo
if [ $missed -gt 0 ]; then
	echo "$missed target(s) missed: see the rows marked MISSED"
else
	echo "all targets met"
fi
exit 0
