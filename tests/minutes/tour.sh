#!/bin/sh
# Runs the console commands of a document, as written, on a copy of the
# examples, with the tools just built first on PATH, so the document cannot
# drift from what the tools do.  SECTION is a "## " heading whose blocks
# are run ('' for every block of the file); commands start in START, a
# folder of the copy ('.' for its parent).  Each must exit 0.
#   tour.sh DOC SECTION START EXAMPLES_DIR TOOL...
set -u
doc=$1
section=$2
start=$3
examples=$4
shift 4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
for tool in "$@"; do
	case $tool in /*) ;; *) tool="$PWD/$tool" ;; esac
	ln -s "$tool" "$tmp/bin/$(basename "$tool")"
done
PATH="$tmp/bin:$PATH"
export PATH
cp -R "$examples" "$tmp/examples"

# The console blocks: "$ " lines, with "\" continuations.
awk -v section="$section" '
     /^## / { on = section == "" || index($0, "## " section) == 1; next }
     section == "" && NR == 1 { on = 1 }
     on && /^```console/ { block = 1; next }
     /^```/ { block = 0; next }
     block && cont { line = $0; sub(/^ +/, "", line); cmd = cmd " " line }
     block && !cont && /^\$ / { cmd = substr($0, 3) }
     block && cmd != "" { if (cmd ~ /\\$/) { sub(/ *\\$/, "", cmd); cont = 1 }
                          else { print cmd; cmd = ""; cont = 0 } }' "$doc" >"$tmp/commands"
[ "$(wc -l <"$tmp/commands")" -ge 3 ] || { echo "FAIL: no commands found in $doc"; exit 1; }
cd "$tmp/$start" || exit 1
while IFS= read -r cmd; do
	case $cmd in
	"cd "*) cd "${cmd#cd }" || { echo "FAIL: $cmd"; exit 1; }; continue ;;
	esac
	if ! bash -o pipefail -c "$cmd" >"$tmp/out" 2>"$tmp/err"; then
		echo "FAIL: $cmd"
		cat "$tmp/err"
		exit 1
	fi
	echo "ok: $cmd"
done <"$tmp/commands"
