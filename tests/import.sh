#!/bin/sh
# Import golden: runs echo-case import on a copy of a folder, then compares
# what it printed (both streams, and its exit status) and every case file
# it wrote with the goldens, byte for byte.
#   import.sh ECHO_CASE SOURCE_DIR GOLDEN_DIR NAME EXPORT MAP [DICTIONARY]
# GOLDEN_DIR/NAME.out holds the output; GOLDEN_DIR/NAME/ the files.
# The golden folder's *.yaml and *.csv are copied in with SOURCE_DIR's.
set -u
tool=$1 src=$2 golden=$3 name=$4 export=$5 map=$6
dict=${7:-}
case $tool in /*) ;; *) tool="$PWD/$tool" ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$src"/* "$tmp/"
# The golden folder's own inputs (bad mappings, exports) beside them.
find "$golden" -maxdepth 1 -type f \( -name '*.yaml' -o -name '*.csv' \) -exec cp {} "$tmp/" \;
mkdir "$tmp/cases"
( cd "$tmp" && "$tool" import --map "$map" ${dict:+--dictionary "$dict"} -o cases/ "$export" ) \
	>"$tmp/out" 2>&1
echo "[exit $?]" >>"$tmp/out"
if [ "${GOLDEN_UPDATE:-}" = 1 ]; then
	cp "$tmp/out" "$golden/$name.out"
	rm -rf "${golden:?}/$name" && cp -R "$tmp/cases" "$golden/$name"
	exit 0
fi
status=0
diff -u "$golden/$name.out" "$tmp/out" || status=1
# No golden folder: nothing may be written (git keeps no empty folder).
want="$golden/$name"
[ -d "$want" ] || { want="$tmp/none"; mkdir "$want"; }
diff -ru "$want" "$tmp/cases" || status=1
exit $status
