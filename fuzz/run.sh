#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each, one after the other (a single
# process each), seeded from examples/ and tests/ (fuzz/seed.sh) and
# the hand-written seeds in fuzz/seeds/.  Fails on the first crash, leak,
# timeout or out-of-memory; the reproducer is left in BUILD_DIR/fuzz/.
#   usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 BUILD_DIR SECONDS [TARGET...]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(case template phi html attendance calendar completions chart)
fi

work="$build/fuzz"
"$here/seed.sh" "$work/corpus"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
status=0
for t in "${targets[@]}"; do
  exe="$build/fuzz/fuzz_$t"
  if [ ! -x "$exe" ]; then
    echo "fuzz/run.sh: $exe is missing (meson setup with -Dfuzzing=true)" >&2
    exit 2
  fi
  mkdir -p "$work/artifacts/$t"
  dirs=("$work/corpus/$t")
  [ -d "$here/seeds/$t" ] && dirs+=("$here/seeds/$t")
  dict=()
  [ -f "$here/$t.dict" ] && dict=("-dict=$here/$t.dict")
  echo "fuzz/run.sh: fuzz_$t for ${seconds}s"
  # New inputs go to the first folder (the scratch corpus in the build dir).
  if ! "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 \
       -artifact_prefix="$work/artifacts/$t/" "${dict[@]}" "${dirs[@]}" \
       >"$work/$t.log" 2>&1; then
    echo "fuzz/run.sh: fuzz_$t FAILED; log $work/$t.log, reproducer in $work/artifacts/$t/" >&2
    tail -n 60 "$work/$t.log" >&2
    status=1
    break
  fi
  grep -E '^stat::number_of_executed_units|^Done' "$work/$t.log" | tr '\n' ' ' || true
  echo
done
exit $status
