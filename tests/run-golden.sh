#!/bin/sh
# Golden test: runs a command in a folder and compares what it prints (both
# streams) and its exit status with an expected file, byte for byte.
#   run-golden.sh EXPECTED DIR COMMAND [ARG]...
# EXPECTED holds the output followed by a last line "[exit N]".
# Set GOLDEN_UPDATE=1 to write EXPECTED instead (then review it by reading).
set -u
expected=$1
dir=$2
shift 2
# The command is named relative to where meson runs the test.
cmd=$1
shift
case $cmd in /*) ;; *) cmd="$PWD/$cmd" ;; esac
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
( cd "$dir" && "$cmd" "$@" ) >"$actual" 2>&1 </dev/null
status=$?
printf '[exit %d]\n' "$status" >>"$actual"
if [ "${GOLDEN_UPDATE:-}" = 1 ]; then
	cp "$actual" "$expected"
	exit 0
fi
if ! cmp -s "$expected" "$actual"; then
	echo "output differs from $expected:"
	diff -u "$expected" "$actual"
	exit 1
fi
