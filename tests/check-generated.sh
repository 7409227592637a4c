#!/bin/sh
# Checks that a checked-in file (or the part of it between the markers
# "<!-- NAME:begin -->" and "<!-- NAME:end -->") is exactly what a command
# prints, so documentation cannot drift from the code.
#   check-generated.sh FILE NAME|'' COMMAND [ARG]...
set -u
file=$1
name=$2
shift 2
expected=$(mktemp)
actual=$(mktemp)
trap 'rm -f "$expected" "$actual"' EXIT
if [ -n "$name" ]; then
	awk -v b="<!-- $name:begin -->" -v e="<!-- $name:end -->" \
		'$0 == e { on = 0 } on { print } $0 == b { on = 1 }' "$file" >"$expected"
else
	cp "$file" "$expected"
fi
"$@" >"$actual" || { echo "command failed: $*"; exit 1; }
if ! cmp -s "$expected" "$actual"; then
	echo "$file${name:+ ($name section)} is not what '$*' prints; regenerate it:"
	diff -u "$expected" "$actual"
	exit 1
fi
