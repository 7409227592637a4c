#!/bin/sh
# echo-case as a shell user meets it: help, usage errors, streams, folders,
# scaffolds, and output that cannot be written.
#   cli-echo-case.sh ECHO_CASE EXAMPLES_DIR
set -u
tool=$1
examples=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
status() { "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; echo $?; }

[ "$(status "$tool" --help)" = 0 ] || fail "--help"
grep -q '^Usage: echo-case' "$tmp/out" || fail "--help goes to stdout"
[ "$(status "$tool" --version)" = 0 ] || fail "--version"
grep -q '^echo-case [0-9]' "$tmp/out" || fail "--version prints the version"
[ "$(status "$tool")" = 2 ] || fail "no command is a usage error"
[ "$(status "$tool" frobnicate)" = 2 ] || fail "unknown command"
grep -q "^echo-case: unknown command 'frobnicate'" "$tmp/err" || fail "usage error names the tool"
[ "$(status "$tool" render --to docx x.yaml)" = 2 ] || fail "unknown --to"
[ "$(status "$tool" render --bogus x.yaml)" = 2 ] || fail "unknown option"
[ "$(status "$tool" check)" = 2 ] || fail "check without files"

# A stream of cases on stdin renders one after another.
cat "$examples"/*.yaml | "$tool" render --to md - >"$tmp/all.md" || fail "render from stdin"
[ "$(grep -c '^# Case ' "$tmp/all.md")" = 3 ] || fail "three cases from one stream"
cat "$examples"/*.yaml | "$tool" render --to json - | grep -c '"schema": "echo-case/1"' >"$tmp/n"
[ "$(cat "$tmp/n")" = 3 ] || fail "JSON array of three cases"

# -o DIR writes one file per case, named by its id.
mkdir "$tmp/handouts"
"$tool" render --to html -o "$tmp/handouts/" "$examples"/*.yaml || fail "render to a folder"
for id in OUD-2026-014 AUD-2026-007 PRS-2026-003; do
	[ -s "$tmp/handouts/$id.html" ] || fail "missing $id.html"
done
[ "$(status "$tool" render -o "$tmp/nowhere/" "$examples/aud-ciwa.yaml")" = 2 ] || fail "missing output folder"

# The scaffold is a valid start, and new never overwrites.
"$tool" new -o "$tmp/new.yaml" || fail "new"
"$tool" check "$tmp/new.yaml" || fail "the scaffold does not pass check"
[ "$(status "$tool" new -o "$tmp/new.yaml")" = 2 ] || fail "new overwrote a file"

# Output that cannot be written is an error, never a silent truncation.
if [ -w /dev/full ]; then
	"$tool" render "$examples/aud-ciwa.yaml" >/dev/full 2>"$tmp/err"
	[ $? = 2 ] || fail "writing to a full disk did not exit 2"
	grep -q 'cannot write' "$tmp/err" || fail "full disk not reported"
fi

# One bad file among good ones: findings for it, exit 1, nothing written.
printf 'schema: echo-case/1\n' >"$tmp/bad.yaml"
[ "$(status "$tool" render -o "$tmp/both.md" "$examples/aud-ciwa.yaml" "$tmp/bad.yaml")" = 1 ] || fail "bad input exit 1"
[ ! -e "$tmp/both.md" ] || fail "output written despite a bad input"
[ "$(status "$tool" check "$tmp/bad.yaml" "$tmp/missing.yaml")" = 2 ] || fail "I/O error wins over findings"

# Into a folder likewise: all files or none, and no temporary left over.
mkdir "$tmp/partial"
[ "$(status "$tool" render -o "$tmp/partial/" "$examples/aud-ciwa.yaml" "$tmp/bad.yaml")" = 1 ] || fail "bad input into a folder"
[ -z "$(ls -A "$tmp/partial")" ] || fail "files left in the folder: $(ls -A "$tmp/partial")"

# Two cases with one id would write one file: refused.
mkdir "$tmp/twice"
[ "$(status "$tool" render -o "$tmp/twice/" "$examples/aud-ciwa.yaml" "$examples/aud-ciwa.yaml")" = 1 ] || fail "duplicate ids"
grep -q 'duplicate-id' "$tmp/err" || fail "duplicate id not reported"
[ -z "$(ls -A "$tmp/twice")" ] || fail "files written despite duplicate ids"
echo ok
