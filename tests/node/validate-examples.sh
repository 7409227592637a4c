#!/bin/sh
# Validates every example YAML file against the JSON Schema its tool prints,
# with an independent validator (ajv-cli, draft 2020-12, ajv-formats for
# "format": "date").  Each example names its schema on its first line, the
# yaml-language-server modeline, which must point at the checked-in copy of
# that schema.  Skips (77) without node or the npm modules, unless CI=true.
# $1 echo-case, $2 echo-agenda, $3 echo-minutes, $4 examples/, $5 doc/schema/.
set -eu
echo_case=$1 echo_agenda=$2 echo_minutes=$3 examples=$4 schema_dir=$5
node_dir=$(cd "$(dirname "$0")" && pwd)
skip() {
	if [ "${CI:-}" = true ]; then echo "FAIL (CI): $*"; exit 1; fi
	echo "SKIP: $*"; exit 77
}
command -v node >/dev/null || skip "node not found"
[ -x "$node_dir/node_modules/.bin/ajv" ] && [ -d "$node_dir/node_modules/ajv-formats" ] &&
	[ -d "$node_dir/node_modules/yaml" ] || skip "npm modules missing: run npm ci in $node_dir"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/echo-validate.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
"$echo_case" schema >"$tmp/echo-case-1.schema.json"
"$echo_agenda" schema session >"$tmp/echo-session-1.schema.json"
"$echo_agenda" schema series >"$tmp/echo-series-1.schema.json"
"$echo_minutes" schema notes >"$tmp/echo-notes-1.schema.json"

fails=0
count=0
for f in $(cd "$examples" && find . -name '*.yaml' -o -name '*.yml' | sort); do
	f=${f#./}
	# An import mapping (echo-import-map/1) is a tool's settings, not one of
	# the four document formats: it has no JSON Schema.
	if grep -q '^schema: echo-import-map/1$' "$examples/$f"; then
		continue
	fi
	line=$(head -n 1 "$examples/$f")
	case $line in
	"# yaml-language-server: \$schema="*) ref=${line#*\$schema=} ;;
	*) echo "FAIL: $f: the first line is not a yaml-language-server \$schema modeline"
	   fails=$((fails + 1)); continue ;;
	esac
	name=$(basename "$ref")
	if [ ! -f "$tmp/$name" ]; then
		echo "FAIL: $f: names an unknown schema $ref"; fails=$((fails + 1)); continue
	fi
	target=$(cd "$(dirname "$examples/$f")" && cd "$(dirname "$ref")" 2>/dev/null && pwd || true)/$name
	if [ ! -f "$target" ] || [ "$target" != "$(cd "$schema_dir" && pwd)/$name" ]; then
		echo "FAIL: $f: the modeline's $ref is not doc/schema/$name"; fails=$((fails + 1)); continue
	fi
	cmp -s "$target" "$tmp/$name" || { echo "FAIL: doc/schema/$name differs from the tool's"; fails=$((fails + 1)); }
	json=$tmp/data/$(printf '%s' "$f" | tr / _).json
	mkdir -p "$tmp/data"
	node "$node_dir/yaml2json.mjs" "$examples/$f" "$json" || { fails=$((fails + 1)); continue; }
	echo "$json $f" >>"$tmp/list-$name"
	count=$((count + 1))
done

for list in "$tmp"/list-*; do
	[ -f "$list" ] || continue
	name=${list#"$tmp"/list-}
	set --
	while read -r json f; do set -- "$@" -d "$json"; done <"$list"
	if ! out=$("$node_dir/node_modules/.bin/ajv" validate --spec=draft2020 -c ajv-formats \
		--strict=true --allow-union-types --all-errors --errors=text -s "$tmp/$name" "$@" 2>&1); then
		echo "$out" | sed "s|$tmp/data/||"
		echo "FAIL: examples invalid against $name"
		fails=$((fails + 1))
	else
		echo "$out" | sed "s|$tmp/data/||"
	fi
done
[ "$count" -gt 0 ] || { echo "FAIL: no examples found in $examples"; exit 1; }
[ "$fails" -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "$count examples valid"
