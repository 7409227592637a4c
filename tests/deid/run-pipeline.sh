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
grep -q '# presenters are not screened' "$tmp/redacted.yaml" || fail "comment lost"

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
echo ok
