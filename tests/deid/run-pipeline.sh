#!/bin/sh
# Redaction round trip and refusal to render, through the real tool:
#   run-pipeline.sh ECHO_CASE DIR
set -u
tool=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A redacted copy loads and passes check, read back through a pipe.
"$tool" redact "$dir/phi-in-case.yaml" >"$tmp/redacted.yaml" 2>"$tmp/err" || fail "redact: $(cat "$tmp/err")"
"$tool" check - <"$tmp/redacted.yaml" || fail "redacted copy does not pass check"
grep -q '\[PHONE\]' "$tmp/redacted.yaml" || fail "no [PHONE] tag"
grep -q '# a clinician.s name: names are expected here' "$tmp/redacted.yaml" || fail "comment lost"

# -o pointing at the input is refused, and the input is untouched.
cp "$dir/phi-in-case.yaml" "$tmp/case.yaml"
"$tool" redact -o "$tmp/case.yaml" "$tmp/case.yaml" 2>/dev/null
[ $? -eq 2 ] || fail "redact over its input was not refused with exit 2"
cmp -s "$dir/phi-in-case.yaml" "$tmp/case.yaml" || fail "input was changed"

# Render refuses a case with open PHI findings and writes nothing, not
# even over an existing output.
echo previous >"$tmp/out.html"
"$tool" render --to html -o "$tmp/out.html" "$dir/phi-in-case.yaml" 2>/dev/null
[ $? -eq 1 ] || fail "render of a case with PHI did not exit 1"
[ "$(cat "$tmp/out.html")" = previous ] || fail "render touched the output"
"$tool" render --to html -o "$tmp/new.html" "$dir/phi-in-case.yaml" 2>/dev/null
[ ! -e "$tmp/new.html" ] || fail "render created an output file"
ls "$tmp" | grep -q tmp && fail "a temporary file was left behind"

# A reviewed false positive lets the case render.
"$tool" render --to md "$dir/reviewed.yaml" >"$tmp/reviewed.md" 2>/dev/null || fail "reviewed case did not render"
grep -q 'St. Vincent de Paul' "$tmp/reviewed.md" || fail "reviewed text missing from the handout"

# Identifiers hidden by escapes and line joins are redacted in place: the
# copy loads, passes check and keeps no word of them.
"$tool" redact "$dir/escapes.yaml" >"$tmp/escapes.yaml" 2>"$tmp/err" || fail "redact escapes: $(cat "$tmp/err")"
"$tool" check "$tmp/escapes.yaml" || fail "redacted escapes do not pass check"
for word in Gonzalez 0142 Delgado Herrera 0146 Whitcomb Castillo Elm 4451234; do
	grep -q "$word" "$tmp/escapes.yaml" && fail "redact left $word readable"
done

# review lists every open finding in the deid block; the case passes once
# a reviewer and reasons are given, and -i rewrites the file atomically,
# keeping its comments.
cp "$dir/escapes.yaml" "$tmp/review.yaml"
"$tool" review -i "$tmp/review.yaml" 2>"$tmp/err" || fail "review -i: $(cat "$tmp/err")"
"$tool" check "$tmp/review.yaml" >"$tmp/out" 2>&1
[ $? -eq 1 ] || fail "placeholders left by review must not pass check"
grep -q '\[deid-todo\]' "$tmp/out" || fail "placeholders are not reported as deid-todo"
grep -q '\[phi-' "$tmp/out" && fail "review left an open finding"
grep -q '^# Identifiers hidden by how YAML writes text' "$tmp/review.yaml" || fail "review lost a comment"
grep -q "^  reviewed_on: $(date +%F)\$" "$tmp/review.yaml" || fail "review did not date the review today"
cp "$dir/escapes.yaml" "$tmp/review.yaml"
"$tool" review -i --reviewer "Privacy officer" --reason "synthetic test data" "$tmp/review.yaml" 2>/dev/null || fail "review -i --reviewer --reason"
"$tool" check "$tmp/review.yaml" || fail "a completed review does not pass check"
"$tool" render --to md "$tmp/review.yaml" >/dev/null 2>&1 || fail "a reviewed case does not render"
ls "$tmp" | grep -q tmp && fail "review left a temporary file behind"
"$tool" review -i "$tmp/review.yaml" 2>"$tmp/err" || fail "review of a reviewed case"
grep -q 'nothing to add' "$tmp/err" || fail "review of a reviewed case says nothing to add"
cp "$dir/escapes.yaml" "$tmp/case.yaml"
"$tool" review -o "$tmp/case.yaml" "$tmp/case.yaml" 2>/dev/null
[ $? -eq 2 ] || fail "review -o onto its input was not refused"
cmp -s "$dir/escapes.yaml" "$tmp/case.yaml" || fail "review changed its input"
"$tool" review -i - <"$dir/escapes.yaml" >/dev/null 2>&1
[ $? -eq 2 ] || fail "review -i of standard input was not refused"
printf 'schema: echo-case/1\nid: [oops\n' >"$tmp/broken.yaml"
"$tool" review -i "$tmp/broken.yaml" 2>/dev/null
[ $? -eq 1 ] || fail "review of a file that does not load did not exit 1"
echo ok
