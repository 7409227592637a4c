#!/bin/sh
# Deep Markdown in a text field (doc/limits.md, limit-markdown-depth): at
# the limit of 32 levels the page has every section the plain case has; one
# level deeper is refused with a located error and nothing is written.
# Before the limit existed, a 255-deep block quote cut off every later
# section of the HTML page and the run still exited 0.
#   nesting.sh ECHO-CASE EXAMPLES
set -u
echo_case=$1
case $echo_case in /*) ;; *) echo_case="$PWD/$echo_case" ;; esac
examples=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# The headings of a page, one a line.
headings() { grep -o '<h[1-3][^>]*>[^<]*</h[1-3]>' "$1"; }

"$echo_case" render --to html -o "$tmp/base.html" "$examples/aud-ciwa.yaml" || exit 1
headings "$tmp/base.html" >"$tmp/base.h"
[ "$(wc -l <"$tmp/base.h")" -ge 10 ] || { echo "base page has too few headings"; exit 1; }

# make_case KIND LEVELS: aud-ciwa.yaml with a summary nested LEVELS deep.
make_case() {
	awk -v kind="$1" -v n="$2" '
	/^summary: / { skip = 1
		print "summary: |-"
		if (kind == "quote") {
			line = "  "; for (i = 0; i < n; i++) line = line "> "; print line "deep"
		} else {
			for (i = 0; i < n; i++) { line = "  "; for (j = 0; j < i; j++) line = line "  "; print line "- level " i + 1 }
		}
		next }
	skip && /^  / { next }
	{ skip = 0; print }' "$examples/aud-ciwa.yaml" >"$tmp/$1-$2.yaml"
}

for kind in quote list; do
	make_case "$kind" 32
	if ! "$echo_case" render --to html -o "$tmp/$kind-32.html" "$tmp/$kind-32.yaml"; then
		echo "$kind nested 32 deep: render failed"; fail=1
	else
		headings "$tmp/$kind-32.html" >"$tmp/$kind-32.h"
		if ! cmp -s "$tmp/base.h" "$tmp/$kind-32.h"; then
			echo "$kind nested 32 deep: sections lost:"; diff "$tmp/base.h" "$tmp/$kind-32.h"; fail=1
		fi
		grep -q '</html>' "$tmp/$kind-32.html" || { echo "$kind 32: page not closed"; fail=1; }
	fi
	# 255 block quotes or 130 list levels were the pages cut short.
	if [ $kind = quote ]; then deep=255; else deep=130; fi
	for levels in 33 $deep; do
		make_case "$kind" $levels
		(cd "$tmp" && "$echo_case" render --to html -o "$kind-$levels.html" "$kind-$levels.yaml") \
			>"$tmp/out" 2>&1
		status=$?
		want="$kind-$levels.yaml:20:10: error: 'summary' nests block quotes, lists or emphasis $levels deep; the limit is 32 [limit-markdown-depth]"
		if [ $status -ne 1 ] || [ "$(head -n 1 "$tmp/out")" != "$want" ]; then
			echo "$kind nested $levels deep: exit $status, want 1 and:"; echo "  $want"; cat "$tmp/out"; fail=1
		fi
		[ ! -e "$tmp/$kind-$levels.html" ] || { echo "$kind $levels: a page was written"; fail=1; }
	done
done
exit $fail
