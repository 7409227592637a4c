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

# What goes to standard output only: help, version, findings.
for cmd in "$echo_case --help" "$echo_case --version" "$echo_case render --help" \
	"$echo_case check $tmp/bad-case.yaml" "$echo_case schema" "$echo_case new" \
	"$echo_agenda --help" "$echo_agenda --version" "$echo_agenda check $tmp/bad-session.yaml" \
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

# -o naming one of the inputs, spelt another way, is refused.  (A symbolic
# link would be replaced by the rename, not written through.)
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
echo ok
