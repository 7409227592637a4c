#!/bin/sh
# The screen remembers what it found in short texts it read before: a file
# checked after hundreds of others, whose short values fill and grow that
# memory and push each other out, has the same findings as when it is
# checked alone, each time it comes back.
#   run-repeat.sh ECHO_CASE DEID_DIR
set -u
tool=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp "$dir/phi-in-case.yaml" "$tmp/phi.yaml"
"$tool" check "$tmp/phi.yaml" >/dev/null 2>"$tmp/alone"
[ "$(grep -c 'error: possible' "$tmp/alone")" -ge 5 ] || fail "phi-in-case.yaml has its findings"
i=0
while [ $i -lt 300 ]; do
	i=$((i + 1))
	# Short values seen once (the id, the site) and some that come back
	# (the age, the frequency); every tenth file holds a finding.
	cat >"$tmp/case-$i.yaml" <<CASE
schema: echo-case/1
id: RPT-2026-$i
presenter:
  name: Jordan Reyes, FNP
  site: Clinic number $i of the valley
summary: A short summary, number $((i % 7)) of seven.
questions:
  - What should I do next, question $((i % 11))?
patient:
  age: $((20 + i % 50))
substance_use:
  - substance: alcohol
    frequency: $([ $((i % 10)) = 0 ] && echo "call (505) 555-0142 daily" || echo "daily, $((i % 13)) drinks")
CASE
done
set -- "$tmp/phi.yaml"
i=0
while [ $i -lt 300 ]; do
	i=$((i + 1))
	set -- "$@" "$tmp/case-$i.yaml"
	[ $((i % 100)) != 0 ] || set -- "$@" "$tmp/phi.yaml"
done
"$tool" check "$@" >/dev/null 2>"$tmp/all"
grep "^$tmp/phi.yaml:" "$tmp/all" >"$tmp/again"
cat "$tmp/alone" "$tmp/alone" "$tmp/alone" "$tmp/alone" | grep "^$tmp/phi.yaml:" >"$tmp/want"
cmp -s "$tmp/want" "$tmp/again" || { diff "$tmp/want" "$tmp/again"; fail "findings differ when the file comes back"; }
n=$(grep -c 'possible phone number "(505) 555-0142"' "$tmp/all")
[ "$n" = 34 ] || fail "a repeated short value with a finding: $n findings, not 34"
echo "ok"
