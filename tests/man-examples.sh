#!/bin/sh
# Runs every command in a man page's EXAMPLES section, so the pages stay
# true.  Each ``` block runs with sh -e in a scratch copy of the examples:
# echo-minutes' examples in examples/series/ (as its page says), the others
# at the top, beside a cases/ folder holding the example cases.
#   man-examples.sh PAGE.scd SOURCE_ROOT TOOL_PATH...
set -u
page=$1
root=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/sandbox"
for tool in "$@"; do
	case $tool in /*) ;; *) tool="$PWD/$tool" ;; esac
	ln -s "$tool" "$tmp/bin/$(basename "$tool")"
done
cp -R "$root/examples" "$tmp/sandbox/examples"
mkdir "$tmp/sandbox/cases"
cp "$root"/examples/*.yaml "$tmp/sandbox/cases/"
case $(basename "$page") in
echo-minutes.*) dir="$tmp/sandbox/examples/series" ;;
*) dir="$tmp/sandbox" ;;
esac

# The EXAMPLES section's code blocks, scdoc's "\\" line ends joined.
awk '
	/^# / { in_examples = ($0 == "# EXAMPLES") }
	in_examples && /^```/ { if (block) { print "\036"; block = 0 } else block = 1; next }
	in_examples && block { sub(/\\\\$/, "\\"); print }
' "$page" >"$tmp/blocks"
[ -s "$tmp/blocks" ] || { echo "no examples found in $page"; exit 1; }

n=0
failed=0
while :; do
	: >"$tmp/block.sh"
	got=0
	while IFS= read -r line; do
		[ "$line" = "$(printf '\036')" ] && break
		printf '%s\n' "$line" >>"$tmp/block.sh"
		got=1
	done
	[ $got = 1 ] || break
	n=$((n + 1))
	if ! (cd "$dir" && PATH="$tmp/bin:$PATH" sh -e "$tmp/block.sh") >"$tmp/out" 2>&1; then
		echo "FAIL: example $n of $page:"
		sed 's/^/    /' "$tmp/block.sh"
		sed 's/^/  | /' "$tmp/out"
		failed=1
	fi
done <"$tmp/blocks"
[ $n -gt 0 ] || { echo "no examples ran"; exit 1; }
echo "$n examples of $(basename "$page") ran"
exit $failed
