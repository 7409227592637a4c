#!/bin/sh
# No data lost, in all three tools: a failed, interrupted or unwritable run
# leaves the previous output byte for byte and no temporary file behind;
# -o never names an input; output that cannot be written is exit 2 with a
# message, never a silent success.
#   dataloss.sh ECHO_CASE ECHO_AGENDA ECHO_MINUTES EXAMPLES_DIR
set -u
echo_case=$1
echo_agenda=$2
echo_minutes=$3
examples=$4
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
echo_case=$(abs "$echo_case") echo_agenda=$(abs "$echo_agenda") echo_minutes=$(abs "$echo_minutes")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# run EXPECTED_STATUS WHAT COMMAND...: the status must match and, when it
# is not 0, stderr must say something.
run() {
	want=$1 what=$2
	shift 2
	"$@" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
	got=$?
	[ "$got" = "$want" ] || fail "$what: exit $got, expected $want: $(cat "$tmp/stderr")"
	[ "$want" = 0 ] || [ -s "$tmp/stderr" ] || fail "$what: exit $want without a message"
}
previous='previous output, to be kept'
fresh() { rm -rf "$tmp/o"; mkdir "$tmp/o"; printf '%s\n' "$previous" >"$tmp/o/out"; }
intact() {
	[ "$(cat "$tmp/o/out")" = "$previous" ] || fail "$1: the previous output was changed"
	# shellcheck disable=SC2010 # our own folder, plain names
	leftover=$(ls -A "$tmp/o" | grep -v '^out$')
	[ -z "$leftover" ] || fail "$1: left behind: $leftover"
}

# A copy of the examples, so that -o onto an input harms nothing.
cp -R "$examples" "$tmp/ex"
ex="$tmp/ex"
s="$ex/series"
session="$s/sessions/rural-oud-2026-03-12.yaml"
session_case="$ex/oud-buprenorphine-rural.yaml"   # referenced by $session
export_csv="$s/attendance/rural-oud-2026-03-12-participants.csv"
room="$s/attendance/rural-oud-2026-03-12-room.txt"
notes="$s/notes/rural-oud-2026-03-12.yaml"
cars_export="$s/attendance/cars-weekly/2026-02-05-participants.csv"
enrolled="$s/attendance/cars-weekly-enrolled.txt"
printf 'schema: echo-case/1\n' >"$tmp/bad-case.yaml"
printf 'schema: echo-session/1\n' >"$tmp/bad-session.yaml"
printf 'not,an,export\n1,2,3\n' >"$tmp/bad.csv"
sum() { cksum "$@" | awk '{print $1 $2}'; }
inputs_sum=$(find "$ex" -type f -exec cksum {} + | sort | cksum)
alt() { echo "$(dirname "$1")/./$(basename "$1")"; }

# -o onto a case file that the session names is refused, too.
for cmd in "minutes" "recommendations --session"; do
	before=$(sum "$session_case")
	# shellcheck disable=SC2086
	run 2 "minutes $cmd, -o a case of the session" \
		"$echo_minutes" $cmd "$session" -o "$(alt "$session_case")"
	[ "$(sum "$session_case")" = "$before" ] || fail "minutes $cmd: the case was changed"
done

# Each writing command: a good run, with -o out appended.
for t in \
	"case-render|$echo_case render --to html $session_case" \
	"case-redact|$echo_case redact $session_case" \
	"agenda-render|$echo_agenda render --to html $session" \
	"agenda-outline|$echo_agenda outline --to html $session" \
	"agenda-ics|$echo_agenda render --to ics $s/cars-weekly.yaml" \
	"minutes-minutes|$echo_minutes minutes --to html -a $export_csv -n $notes $session" \
	"minutes-recommendations|$echo_minutes recommendations --to html $session_case" \
	"minutes-attendance|$echo_minutes attendance --to html --session $session $export_csv" \
	"minutes-credit|$echo_minutes credit --to html --through 2026-02-05 --series $s/cars-weekly.yaml $cars_export" \
	"minutes-summary|$echo_minutes summary --to html $session"
do
	name=${t%%|*} cmd=${t#*|}
	fresh
	# shellcheck disable=SC2086
	run 0 "$name" $cmd -o "$tmp/o/good"
	[ "$(wc -c <"$tmp/o/good")" -gt 2048 ] || fail "$name: output too small to test a full disk"
	rm "$tmp/o/good"
	# A file system that takes no more than 512 bytes: exit 2, the error
	# named, the old file kept, no temporary left.
	# (stderr goes through a pipe, which the limit does not touch.)
	# shellcheck disable=SC2086
	{ (ulimit -f 1; trap '' XFSZ; exec $cmd -o "$tmp/o/out" >/dev/null </dev/null)
	  echo $? >"$tmp/status"; } 2>&1 | cat >"$tmp/stderr"
	[ "$(cat "$tmp/status")" = 2 ] || fail "$name, file size limit: exit $(cat "$tmp/status")"
	grep -q "$tmp/o/out" "$tmp/stderr" || fail "$name, file size limit: output not named: $(cat "$tmp/stderr")"
	intact "$name, file size limit"
	# Missing folder: exit 2, and the message names the path.
	# shellcheck disable=SC2086
	run 2 "$name, missing folder" $cmd -o "$tmp/o/nowhere/out"
	grep -q "nowhere" "$tmp/stderr" || fail "$name, missing folder: path not named"
	# A full disk and a closed standard output.
	if [ -w /dev/full ]; then
		# shellcheck disable=SC2086
		$cmd >/dev/full 2>"$tmp/stderr"
		[ $? = 2 ] || fail "$name: a full disk is not exit 2"
		grep -q 'cannot write' "$tmp/stderr" || fail "$name: a full disk not reported"
	fi
	# shellcheck disable=SC2086
	$cmd >&- 2>"$tmp/stderr"
	[ $? = 2 ] || fail "$name: a closed standard output is not exit 2"
	grep -q 'cannot write' "$tmp/stderr" || fail "$name: a closed standard output not reported"
done

# What goes to standard output only: help, version, schemas, scaffolds,
# JSON findings.
for cmd in "$echo_case --help" "$echo_case --version" "$echo_case render --help" \
	"$echo_case check --format json $tmp/bad-case.yaml" "$echo_case schema" "$echo_case new" \
	"$echo_agenda --help" "$echo_agenda --version" \
	"$echo_agenda check --format json $tmp/bad-session.yaml" \
	"$echo_agenda new session" "$echo_agenda schema series" \
	"$echo_minutes --help" "$echo_minutes --version" "$echo_minutes minutes --help" \
	"$echo_minutes new notes" "$echo_minutes schema notes"
do
	for to in '>&-' '>/dev/full'; do
		[ "$to" = '>&-' ] || [ -w /dev/full ] || continue
		# shellcheck disable=SC2086
		eval '$cmd' "$to" '2>"$tmp/stderr"'
		[ $? = 2 ] || fail "$cmd $to: not exit 2"
		grep -q 'cannot write' "$tmp/stderr" || fail "$cmd $to: not reported"
	done
done

# Diagnostics go to standard error in every command, nothing else to
# standard output.
for cmd in "$echo_case check $tmp/bad-case.yaml" "$echo_case render $tmp/bad-case.yaml" \
	"$echo_case redact $tmp/bad-case.yaml" "$echo_agenda check $tmp/bad-session.yaml" \
	"$echo_agenda render $tmp/bad-session.yaml" "$echo_agenda outline $tmp/bad-session.yaml" \
	"$echo_minutes minutes $tmp/bad-session.yaml" "$echo_minutes recommendations $tmp/bad-case.yaml" \
	"$echo_minutes attendance --session $session $tmp/bad.csv" \
	"$echo_minutes summary $tmp/bad-session.yaml"
do
	# shellcheck disable=SC2086
	run 1 "$cmd, findings" $cmd
	[ -s "$tmp/stdout" ] && fail "$cmd: findings on standard output: $(cat "$tmp/stdout")"
	grep -q 'error:' "$tmp/stderr" || fail "$cmd: no findings on standard error"
done

# A failed run (bad input) keeps the previous output.
for t in \
	"case-render|1|$echo_case render $tmp/bad-case.yaml" \
	"case-render-two|1|$echo_case render $session_case $tmp/bad-case.yaml" \
	"case-redact|1|$echo_case redact $tmp/bad-case.yaml" \
	"case-render-missing|2|$echo_case render $tmp/no-such.yaml" \
	"agenda-render|1|$echo_agenda render $tmp/bad-session.yaml" \
	"agenda-outline|1|$echo_agenda outline $tmp/bad-session.yaml" \
	"agenda-render-missing|2|$echo_agenda render $tmp/no-such.yaml" \
	"minutes-minutes|1|$echo_minutes minutes $tmp/bad-session.yaml" \
	"minutes-minutes-csv|1|$echo_minutes minutes -a $tmp/bad.csv $session" \
	"minutes-recommendations|1|$echo_minutes recommendations $tmp/bad-case.yaml" \
	"minutes-attendance|1|$echo_minutes attendance --session $session $tmp/bad.csv" \
	"minutes-credit|1|$echo_minutes credit --series $s/cars-weekly.yaml $tmp/bad.csv" \
	"minutes-summary|1|$echo_minutes summary $tmp/bad-session.yaml" \
	"minutes-summary-missing|2|$echo_minutes summary $tmp/no-such.yaml"
do
	name=${t%%|*} rest=${t#*|}
	want=${rest%%|*} cmd=${rest#*|}
	fresh
	# shellcheck disable=SC2086
	run "$want" "$name, bad input" $cmd -o "$tmp/o/out"
	intact "$name, bad input"
done

# An interrupted run: the input comes slowly from a pipe (a writer holds it
# open), and the run is stopped while it waits, by SIGINT, SIGTERM or
# SIGKILL.
rm -f "$tmp/fifo"
mkfifo "$tmp/fifo"
exec 3<>"$tmp/fifo"
for sig in INT TERM KILL; do
	for t in \
		"case-render|$echo_case render --to html -" \
		"agenda-render|$echo_agenda render --to html -" \
		"minutes-minutes|$echo_minutes minutes --to html -" \
		"minutes-recommendations|$echo_minutes recommendations --to html -" \
		"minutes-summary|$echo_minutes summary --to html -"
	do
		name=${t%%|*} cmd=${t#*|}
		fresh
		head -c 100 "$session" >&3
		# shellcheck disable=SC2086
		st=$(exec 2>/dev/null; cd "$s/sessions" &&
			timeout --preserve-status -s "$sig" 0.3 $cmd -o "$tmp/o/out" <"$tmp/fifo"; echo $?)
		[ "$st" -gt 128 ] || fail "$name, SIG$sig: not stopped by the signal (exit $st)"
		intact "$name, SIG$sig"
	done
done
exec 3>&-

# -o naming one of the inputs, spelt another way, is refused.
printf '# {{id}}\n' >"$tmp/case.md.mustache"
for t in \
	"case-render|$(alt "$session_case")|$echo_case render $session_case" \
	"case-render-two|$(alt "$session_case")|$echo_case render $ex/aud-ciwa.yaml $session_case" \
	"case-render-template|$tmp/case.md.mustache|$echo_case render --template $tmp/case.md.mustache $session_case" \
	"case-redact|$(alt "$session_case")|$echo_case redact $session_case" \
	"agenda-render|$(alt "$session")|$echo_agenda render $session" \
	"agenda-render-case|$(alt "$session_case")|$echo_agenda render $session" \
	"agenda-outline|$(alt "$session")|$echo_agenda outline $session" \
	"agenda-outline-case|$(alt "$session_case")|$echo_agenda outline $session" \
	"agenda-render-template|$tmp/case.md.mustache|$echo_agenda render --template $tmp/case.md.mustache $session" \
	"agenda-series|$(alt "$s/cars-weekly.yaml")|$echo_agenda render $s/cars-weekly.yaml" \
	"minutes-minutes|$(alt "$session")|$echo_minutes minutes -a $export_csv -n $notes $session" \
	"minutes-minutes-notes|$(alt "$notes")|$echo_minutes minutes -a $export_csv -n $notes $session" \
	"minutes-minutes-export|$(alt "$export_csv")|$echo_minutes minutes -a $export_csv -n $notes $session" \
	"minutes-minutes-room|$(alt "$room")|$echo_minutes minutes -a $export_csv -a $room $session" \
	"minutes-recommendations|$(alt "$session_case")|$echo_minutes recommendations $session_case" \
	"minutes-recommendations-session|$(alt "$session")|$echo_minutes recommendations --session $session" \
	"minutes-attendance-session|$(alt "$session")|$echo_minutes attendance --session $session $export_csv" \
	"minutes-attendance-export|$(alt "$export_csv")|$echo_minutes attendance --session $session $export_csv" \
	"minutes-credit-series|$(alt "$s/cars-weekly.yaml")|$echo_minutes credit --through 2026-02-05 --series $s/cars-weekly.yaml $cars_export" \
	"minutes-credit-enrolled|$(alt "$enrolled")|$echo_minutes credit --through 2026-02-05 --enrolled $enrolled --series $s/cars-weekly.yaml $cars_export" \
	"minutes-summary|$(alt "$session")|$echo_minutes summary $session" \
	"minutes-template|$tmp/case.md.mustache|$echo_minutes minutes --template $tmp/case.md.mustache $session"
do
	name=${t%%|*} rest=${t#*|}
	target=${rest%%|*} cmd=${rest#*|}
	before=$(sum "$target")
	# shellcheck disable=SC2086
	run 2 "$name, -o an input" $cmd -o "$target"
	grep -q 'input' "$tmp/stderr" || fail "$name, -o an input: no clear message: $(cat "$tmp/stderr")"
	[ "$(sum "$target")" = "$before" ] || fail "$name, -o an input: the input was changed"
done
[ "$(find "$ex" -type f -exec cksum {} + | sort | cksum)" = "$inputs_sum" ] ||
	fail "an input file was changed"
[ -z "$(find "$tmp" -name '*.tmp.*')" ] || fail "temporary files left: $(find "$tmp" -name '*.tmp.*')"

# Interrupted mid-batch, after one case is already staged in the folder:
# the staged file is removed, nothing is put in place.
for sig in INT TERM HUP; do
	rm -rf "$tmp/batch" "$tmp/blocking"
	mkdir "$tmp/batch"
	mkfifo "$tmp/blocking"
	timeout -s "$sig" 0.5 "$echo_case" render --to html -o "$tmp/batch/" \
		"$session_case" "$tmp/blocking" 2>/dev/null
	[ -z "$(ls -A "$tmp/batch")" ] || fail "SIG$sig mid-batch left: $(ls -A "$tmp/batch")"
done
# Every other way to reach an input: a symbolic link, a hard link, standard
# input redirected from it, the case a session names (summary), a file a
# folder render would write, an --enrolled roster the run does not get to
# read, a --templates folder's files.
ln -s "$session_case" "$tmp/link-to-case"
ln "$session_case" "$tmp/hard-link-to-case"
mkdir -p "$tmp/tpl" "$tmp/json" "$tmp/recs"
cp "$ex/aud-ciwa.yaml" "$tmp/json/AUD-2026-007.json"       # a case file named as its output
cp "$ex/aud-ciwa.yaml" "$tmp/json/AUD-2026-007.md"
cp "$session_case" "$tmp/recs/OUD-2026-014-recommendations.md"
for f in page.html style.css case.md.mustache agenda.md.mustache minutes.md.mustache; do
	printf 'a template, to be kept\n' >"$tmp/tpl/$f"
done
printf 'Ada Example <ada@example.org>\n' >"$tmp/roster.txt"
for t in \
	"case-symlink|$tmp/link-to-case|$echo_case render $session_case" \
	"case-hard-link|$tmp/hard-link-to-case|$echo_case render $session_case" \
	"agenda-symlink|$tmp/link-to-case|$echo_agenda render $session" \
	"agenda-hard-link|$tmp/hard-link-to-case|$echo_agenda render $session" \
	"minutes-summary-case|$(alt "$session_case")|$echo_minutes summary $session" \
	"minutes-summary-symlink|$tmp/link-to-case|$echo_minutes summary $session" \
	"minutes-recommendations-hard-link|$tmp/hard-link-to-case|$echo_minutes recommendations --session $session" \
	"minutes-enrolled|$tmp/roster.txt|$echo_minutes minutes --enrolled $tmp/roster.txt $session" \
	"minutes-attendance-enrolled|$tmp/roster.txt|$echo_minutes attendance --enrolled $tmp/roster.txt --session $session $export_csv" \
	"minutes-credit-dated|$(alt "$cars_export")|$echo_minutes credit --through 2026-02-05 --series $s/cars-weekly.yaml 2026-02-05=$cars_export" \
	"case-templates-page|$tmp/tpl/page.html|$echo_case render --templates $tmp/tpl $session_case" \
	"case-templates-css|$tmp/tpl/style.css|$echo_case render --to html --templates $tmp/tpl $session_case" \
	"case-templates-mustache|$tmp/tpl/case.md.mustache|$echo_case render --templates $tmp/tpl $session_case" \
	"agenda-templates-page|$tmp/tpl/page.html|$echo_agenda render --to json --templates $tmp/tpl $session" \
	"minutes-templates-page|$tmp/tpl/page.html|$echo_minutes summary --templates $tmp/tpl $session"
do
	name=${t%%|*} rest=${t#*|}
	target=${rest%%|*} cmd=${rest#*|}
	before=$(sum "$target")
	# shellcheck disable=SC2086
	run 2 "$name, -o an input" $cmd -o "$target"
	grep -q 'refusing to write over the input file' "$tmp/stderr" ||
		fail "$name, -o an input: no clear message: $(cat "$tmp/stderr")"
	[ "$(sum "$target")" = "$before" ] || fail "$name, -o an input: the input was changed"
done
[ -L "$tmp/link-to-case" ] || fail "the link to an input was replaced"
# Standard input redirected from the output file.
for t in \
	"case-render|$echo_case render" \
	"case-redact|$echo_case redact" \
	"agenda-render|$echo_agenda render" \
	"minutes-recommendations|$echo_minutes recommendations"
do
	name=${t%%|*} cmd=${t#*|}
	cp "$session_case" "$tmp/stdin-case.yaml"
	before=$(sum "$tmp/stdin-case.yaml")
	# shellcheck disable=SC2086
	$cmd -o "$tmp/stdin-case.yaml" - <"$tmp/stdin-case.yaml" >/dev/null 2>"$tmp/stderr"
	[ $? = 2 ] || fail "$name -o FILE - < FILE: not exit 2"
	grep -q 'standard input' "$tmp/stderr" || fail "$name -o FILE - < FILE: $(cat "$tmp/stderr")"
	[ "$(sum "$tmp/stdin-case.yaml")" = "$before" ] || fail "$name -o FILE - < FILE: changed"
done
# Folder output whose file for a case is one of the inputs: nothing written.
for t in \
	"case-json|json|--to json|$echo_case render" \
	"case-md|json|--to md|$echo_case render" \
	"minutes-recommendations|recs|--to md|$echo_minutes recommendations"
do
	name=${t%%|*} rest=${t#*|}
	dir=${rest%%|*} rest=${rest#*|}
	to=${rest%%|*} cmd=${rest#*|}
	before=$(find "$tmp/$dir" -type f -exec cksum {} + | sort)
	# shellcheck disable=SC2086
	run 2 "$name, folder onto an input" $cmd $to -o "$tmp/$dir/" "$tmp/$dir"/*
	grep -q 'refusing to write over the input file' "$tmp/stderr" ||
		fail "$name, folder onto an input: $(cat "$tmp/stderr")"
	[ "$(find "$tmp/$dir" -type f -exec cksum {} + | sort)" = "$before" ] ||
		fail "$name, folder onto an input: the folder changed"
done
[ "$(find "$ex" -type f -exec cksum {} + | sort | cksum)" = "$inputs_sum" ] ||
	fail "an input file was changed"

# Output is written through what is there.  A symbolic link: its target
# gets the output (staged beside the target, in another folder) and the
# link stays.
mkdir -p "$tmp/w/links" "$tmp/w/targets"
printf '%s\n' "$previous" >"$tmp/w/targets/page.html"
ln -s ../targets/page.html "$tmp/w/links/page.html"
ln -s ../targets/new.html "$tmp/w/links/new.html"
"$echo_case" render --to html "$session_case" >"$tmp/expected.html" || fail "render to stdout"
for l in page new; do
	run 0 "-o a symbolic link ($l)" "$echo_case" render --to html -o "$tmp/w/links/$l.html" "$session_case"
	[ -L "$tmp/w/links/$l.html" ] || fail "-o a symbolic link: the link was replaced"
	cmp -s "$tmp/w/targets/$l.html" "$tmp/expected.html" || fail "-o a symbolic link: target not written"
done
[ -z "$(find "$tmp/w" -name '*.tmp.*')" ] || fail "-o a symbolic link: temporary left"
# A FIFO: written into, still a FIFO.
rm -f "$tmp/w/fifo"
mkfifo "$tmp/w/fifo"
cat "$tmp/w/fifo" >"$tmp/w/from-fifo" &
reader=$!
run 0 "-o a FIFO" "$echo_agenda" render --to html -o "$tmp/w/fifo" "$session"
wait "$reader"
"$echo_agenda" render --to html "$session" >"$tmp/expected-agenda.html"
cmp -s "$tmp/w/from-fifo" "$tmp/expected-agenda.html" || fail "-o a FIFO: not what was read"
[ -p "$tmp/w/fifo" ] || fail "-o a FIFO: no longer a FIFO"
# /dev/null: fine, still a character device.
for cmd in "$echo_case render $session_case" "$echo_agenda render --to ics $s/cars-weekly.yaml" \
	"$echo_minutes summary $session" "$echo_case schema"
do
	# shellcheck disable=SC2086
	run 0 "$cmd -o /dev/null" $cmd -o /dev/null
	[ -c /dev/null ] || fail "$cmd -o /dev/null: /dev/null is no longer a character device"
	[ -s "$tmp/stdout" ] && fail "$cmd -o /dev/null: wrote to standard output"
done
# /dev/stdout: straight into standard output, whatever it is, also when
# it appends to a file; the link stays.
stdout_link=; [ -L /dev/stdout ] && stdout_link=yes
run 0 "-o /dev/stdout" "$echo_case" render --to html -o /dev/stdout "$session_case"
cmp -s "$tmp/stdout" "$tmp/expected.html" || fail "-o /dev/stdout: not on standard output"
printf 'kept\n' >"$tmp/appended"
"$echo_case" render --to html -o /dev/stdout "$session_case" >>"$tmp/appended" || fail "-o /dev/stdout >>"
{ printf 'kept\n'; cat "$tmp/expected.html"; } | cmp -s - "$tmp/appended" ||
	fail "-o /dev/stdout >> FILE: not appended"
"$echo_case" render -o /dev/stdout "$session_case" | wc -c | grep -qv '^0$' || fail "-o /dev/stdout into a pipe"
if [ -n "$stdout_link" ]; then [ -L /dev/stdout ] || fail "-o /dev/stdout: /dev/stdout was replaced"; fi
run 0 "-o /dev/fd/1" "$echo_case" render --to html -o /dev/fd/1 "$session_case"
cmp -s "$tmp/stdout" "$tmp/expected.html" || fail "-o /dev/fd/1: not on standard output"
# /dev/full: exit 2, the error said, still a character device.
if [ -w /dev/full ]; then
	for cmd in "$echo_case render $session_case" "$echo_minutes summary $session" "$echo_agenda new session"; do
		# shellcheck disable=SC2086
		run 2 "$cmd -o /dev/full" $cmd -o /dev/full
		grep -q '/dev/full.*No space left on device' "$tmp/stderr" ||
			fail "$cmd -o /dev/full: not reported: $(cat "$tmp/stderr")"
		[ -c /dev/full ] || fail "$cmd -o /dev/full: /dev/full is no longer a character device"
	done
fi
# A folder and anything that is not a file, FIFO or device: refused.
run 2 "-o a folder" "$echo_agenda" render -o "$tmp/w" "$session"
grep -q 'is a directory' "$tmp/stderr" || fail "-o a folder: $(cat "$tmp/stderr")"
[ -d "$tmp/w" ] || fail "-o a folder: the folder was replaced"

# new never replaces a file, nor anything through a link to one.
printf '%s\n' "$previous" >"$tmp/w/existing.yaml"
ln -sf existing.yaml "$tmp/w/link.yaml"
for f in existing link; do
	for cmd in "$echo_case new" "$echo_agenda new series" "$echo_minutes new notes"; do
		# shellcheck disable=SC2086
		run 2 "$cmd -o $f" $cmd -o "$tmp/w/$f.yaml"
		grep -q 'already exists' "$tmp/stderr" || fail "$cmd -o $f: $(cat "$tmp/stderr")"
		[ "$(cat "$tmp/w/existing.yaml")" = "$previous" ] || fail "$cmd -o $f: replaced"
	done
done
run 0 "new -o /dev/null" "$echo_case" new -o /dev/null

# All or none: a folder render in which one page cannot be put in place
# (a folder in the way of the last page, or of one in the middle) leaves
# the folder exactly as it was.
printf '# {{id}} old\n' >"$tmp/old.md.mustache"
for way in OUD-2026-014 PRS-2026-003; do
	rm -rf "$tmp/all"
	mkdir "$tmp/all"
	"$echo_case" render --template "$tmp/old.md.mustache" -o "$tmp/all/" "$ex/aud-ciwa.yaml" \
		2>/dev/null || fail "all or none: first render"
	mkdir "$tmp/all/$way.md"
	before=$(cd "$tmp/all" && find . -exec ls -ld {} + | awk '{print $1, $NF}'; find . -type f -exec cksum {} + | sort)
	run 2 "all or none, $way in the way" "$echo_case" render -o "$tmp/all/" "$ex/aud-ciwa.yaml" \
		"$ex/practice-peer-boundaries.yaml" "$session_case"
	after=$(cd "$tmp/all" && find . -exec ls -ld {} + | awk '{print $1, $NF}'; find . -type f -exec cksum {} + | sort)
	[ "$before" = "$after" ] || fail "all or none, $way in the way: the folder changed:
$before
--
$after"
done

echo ok
