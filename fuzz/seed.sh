#!/usr/bin/env bash
# Builds the per-target seed corpora in OUT (fuzz/run.sh calls it) from the
# inputs already in the tree: examples/ and tests/.  Nothing here is
# committed; the copies are refreshed on every run.
#   usage: fuzz/seed.sh OUT
set -euo pipefail
out=$1
root=$(cd "$(dirname "$0")/.." && pwd)
for t in case template phi html attendance calendar completions chart; do
  mkdir -p "$out/$t"
done

# copy TARGET [PREFIX_BYTE] FILE...: one seed per file, named by its path.
copy() {
  local t=$1 prefix=$2
  shift 2
  for f in "$@"; do
    [ -f "$f" ] || continue
    [ "$(stat -c %s "$f")" -le 262144 ] || continue
    local name
    name=$(printf '%s' "${f#"$root"/}" | tr '/' '_')
    if [ -n "$prefix" ]; then
      { printf "$prefix"; cat "$f"; } >"$out/$t/$name"
    else
      cp "$f" "$out/$t/$name"
    fi
  done
}

shopt -s globstar nullglob
yaml=("$root"/examples/**/*.yaml "$root"/tests/**/*.yaml)
copy case "" "${yaml[@]}"
copy calendar "" "$root"/examples/series/**/*.yaml "$root"/tests/agenda/**/*.yaml
copy phi "" "$root"/tests/phi/*.txt "${yaml[@]}"
copy html '\x03' "$root"/tests/golden/*.md "$root"/tests/**/*.md "$root"/doc/*.md
copy attendance '\x00' "$root"/examples/attendance/* "$root"/examples/series/attendance/**/*.csv \
  "$root"/tests/attendance/**/*.csv "$root"/tests/minutes/**/*.csv

# Templates: each built-in template with each example case as its data.
for m in "$root"/templates/*.mustache "$root"/tests/**/*.mustache; do
  for y in "$root"/examples/*.yaml; do
    name=$(basename "$m" .mustache)-$(basename "$y" .yaml)
    { cat "$m"; printf '\0'; cat "$y"; } >"$out/template/$name"
  done
done

# Completions: every completions file of the tests, each with a flags byte
# naming all three requirements.
copy completions '\x0b' "$root"/tests/**/completions*.csv "$root"/examples/**/completions*.csv
