#!/bin/sh
# The scaffolds of `echo-agenda new` check clean once the case file they
# name exists, and `new` never overwrites a file.
#   scaffold.sh ECHO-AGENDA EXAMPLE-CASE
set -u
tool=$1
case_file=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/cases"
cp "$case_file" "$dir/cases/OUD-2026-014.yaml"
fail=0
"$tool" new series -o "$dir/series.yaml" || fail=1
"$tool" new session -o "$dir/session.yaml" || fail=1
"$tool" check "$dir/series.yaml" "$dir/session.yaml" || fail=1
"$tool" render --to ics -o "$dir/series.ics" "$dir/series.yaml" || fail=1
if "$tool" new series -o "$dir/series.yaml" 2>/dev/null; then
	echo "new overwrote an existing file"
	fail=1
fi
exit $fail
