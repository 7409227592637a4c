#!/bin/sh
# Letters as email over a real SMTP hop: echo-minutes recommendations
# --to eml --sendmail hands each letter to msmtp (configured here for
# localhost), which sends it to a local SMTP sink (aiosmtpd) on a loopback
# port; Python's email package then reads what arrived.  Also: --to eml
# into a folder, --dry-run, and the findings that stop a letter; and a
# series' certificates the same way.
#   mail.sh ECHO_MINUTES EXAMPLES_DIR
# Skips (77) without msmtp, python3-aiosmtpd or a PDF engine, unless
# CI=true, where that is a failure.
set -u
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
minutes=$(abs "$1") examples=$(abs "$2")
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*"; exit 1; }
skip() {
	[ "${CI:-}" = true ] && fail "$* (CI installs it: .ci/run)"
	echo "SKIP: $*"
	exit 77
}
command -v msmtp >/dev/null || skip "msmtp is not installed"
# Debian's python3 has Debian's aiosmtpd; another python3 first on PATH may not.
py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import aiosmtpd, email' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || skip "python3-aiosmtpd is not installed"
command -v weasyprint >/dev/null || skip "weasyprint is not installed"
tmp=$(mktemp -d)
sink_pid=
cleanup() {
	[ -n "$sink_pid" ] && { : >"$tmp/sink/stop"; wait "$sink_pid" 2>/dev/null; }
	rm -rf "$tmp"
}
trap cleanup EXIT
cd "$examples/series" || fail "cd"
session=sessions/rural-oud-2026-03-12.yaml
from=rural-oud-echo@example.org
program="Rural Opioid Use Disorder ECHO"

# The sink, on a port the system picks, for at most two minutes.
mkdir "$tmp/sink"
"$py" "$here/mail/sink.py" "$tmp/sink" 120 &
sink_pid=$!
i=0
while [ ! -s "$tmp/sink/port" ]; do
	i=$((i + 1))
	[ "$i" -lt 200 ] || fail "the SMTP sink did not start"
	sleep 0.05
done
port=$(cat "$tmp/sink/port")
cat >"$tmp/msmtprc" <<RC
account default
host 127.0.0.1
port $port
auth off
tls off
from $from
RC
chmod 600 "$tmp/msmtprc"
cat >"$tmp/sendmail" <<SH
#!/bin/sh
exec msmtp -C "$tmp/msmtprc" "\$@"
SH
chmod +x "$tmp/sendmail"

# --dry-run: what would be sent, nothing sent.
"$minutes" recommendations --to eml --sendmail="$tmp/sendmail" --dry-run --session "$session" \
	>"$tmp/dry" 2>"$tmp/err" || fail "--dry-run: $(cat "$tmp/err")"
grep -q "^To: \"Jordan Reyes, FNP\" <jordan.reyes@example.org>" "$tmp/dry" || fail "dry run: $(cat "$tmp/dry")"
grep -q "^Subject: $program: recommendations for case OUD-2026-015" "$tmp/dry" ||
	fail "dry run subject: $(cat "$tmp/dry")"
[ "$(grep -c '^would send' "$tmp/dry")" = 2 ] || fail "dry run: two letters"
[ -z "$(ls "$tmp/sink" | grep eml)" ] || fail "--dry-run sent mail"

# The letters through msmtp to the sink, the PDF attached.
"$minutes" recommendations --to eml --attach-pdf --sendmail="$tmp/sendmail" --session "$session" \
	2>"$tmp/err" || fail "--sendmail: $(cat "$tmp/err")"
[ -f "$tmp/sink/2.eml" ] && [ ! -f "$tmp/sink/3.eml" ] || fail "two messages should arrive: $(ls "$tmp/sink")"
for n in 1 2; do
	rcpt=$(sed -n 2p "$tmp/sink/$n.rcpt")
	case $rcpt in
	jordan.reyes@example.org) id=OUD-2026-014 ;;
	priya.natarajan@example.org) id=OUD-2026-015 ;;
	*) fail "message $n went to '$rcpt'" ;;
	esac
	[ "$(sed -n 1p "$tmp/sink/$n.rcpt")" = "$from" ] || fail "envelope sender of message $n"
	"$py" "$here/mail/check.py" "$tmp/sink/$n.eml" "$rcpt" "$from" "$id" 2026-03-12 "$program" 1 ||
		exit 1
done

# Into a folder: one message per presenter, without an attachment.
mkdir "$tmp/out"
"$minutes" recommendations --to eml -o "$tmp/out/" --session "$session" || fail "--to eml -o DIR/"
"$py" "$here/mail/check.py" "$tmp/out/OUD-2026-014-recommendations.eml" jordan.reyes@example.org \
	"$from" OUD-2026-014 2026-03-12 "$program" 0 || exit 1
[ "$(ls "$tmp/out" | wc -l)" = 2 ] || fail "two messages in the folder"

# A session that names its series (series:) and has no contact nor
# facilitator of its own: the letters come from the series' contact and
# are signed with its facilitator; a session's own contact comes first.
cp -R "$examples" "$tmp/ex2"
cars="$tmp/ex2/series/sessions/cars-2027-03-11.yaml"
cars_program="Community Addiction Recovery Specialist (CARS) ECHO"
sed -i '/^facilitator/d' "$cars"
sed -i 's/^  site: Lakeshore Recovery Community Center$/&\n  email: devon.okafor@example.org/' \
	"$tmp/ex2/series/cases/CARS-2027-002.yaml"
grep -q '^contact' "$cars" && fail "the CARS session should have no contact of its own"
mkdir "$tmp/cars" "$tmp/cars-own"
"$minutes" recommendations --to eml -o "$tmp/cars/" --session "$cars" 2>"$tmp/err" ||
	fail "letters from the series' contact: $(cat "$tmp/err")"
"$py" "$here/mail/check.py" "$tmp/cars/CARS-2027-002-recommendations.eml" devon.okafor@example.org \
	cars-echo@example.org CARS-2027-002 2027-03-11 "$cars_program" 0 || exit 1
"$minutes" recommendations --session "$cars" >"$tmp/cars.md" 2>"$tmp/err" || fail "letter: $(cat "$tmp/err")"
grep -qF "The $cars_program hub team, facilitated by Renee Tsosie, LCSW" "$tmp/cars.md" ||
	fail "the sign-off names the series' facilitator: $(tail -5 "$tmp/cars.md")"
grep -qF "*Questions about these recommendations: write to cars-echo@example.org.*" "$tmp/cars.md" ||
	fail "the contact line gives the series' contact: $(tail -5 "$tmp/cars.md")"
sed -i '/^program: /a contact: case-day@example.org' "$cars"
"$minutes" recommendations --to eml -o "$tmp/cars-own/" --session "$cars" 2>"$tmp/err" ||
	fail "letters from the session's contact: $(cat "$tmp/err")"
"$py" "$here/mail/check.py" "$tmp/cars-own/CARS-2027-002-recommendations.eml" \
	devon.okafor@example.org case-day@example.org CARS-2027-002 2027-03-11 "$cars_program" 0 || exit 1
# Neither has one: a finding that says so.
sed -i '/^contact: /d' "$cars" "$tmp/ex2/series/cars-2027.yaml"
mkdir "$tmp/cars-none"
"$minutes" recommendations --to eml -o "$tmp/cars-none/" --session "$cars" 2>"$tmp/err"
[ $? = 1 ] || fail "no contact in the session or its series is a finding"
grep -q "error: neither the session nor its series has a contact: the letters need an address to come from \[mail-from\]" \
	"$tmp/err" || fail "no contact anywhere: $(cat "$tmp/err")"

# Certificates the same way: one message per learner certified, from the
# series' contact, to the learner, the certificate attached as a PDF.
cp -R "$examples" "$tmp/ex3"
cd "$tmp/ex3/series" || fail "cd"
certify() {
	"$minutes" certificates --series cars-2027.yaml --presence-counts \
		--completions attendance/cars-2027-completions.csv "$@" attendance/cars-2027/*
}
carmen=CARS-2027-566F-Y70B-61DP   # stable across runs
certify --to eml --sendmail="$tmp/sendmail" --dry-run >"$tmp/dry" 2>"$tmp/err" ||
	fail "certificates --dry-run: $(cat "$tmp/err")"
[ "$(grep -c '^would send' "$tmp/dry")" = 5 ] || fail "five certificates: $(cat "$tmp/dry")"
grep -q '^To: Carmen Yazzie <carmen.yazzie@example.org>$' "$tmp/dry" || fail "dry run: $(cat "$tmp/dry")"
grep -qF "Subject: $cars_program: certificate for Carmen Yazzie, 2027 cohort" "$tmp/dry" ||
	fail "certificate subject: $(cat "$tmp/dry")"
grep -q 'rosa.delgado' "$tmp/dry" && fail "a learner not certified gets no certificate"
[ ! -f "$tmp/sink/3.eml" ] || fail "--dry-run sent a certificate"
certify --to eml --attach-pdf --sendmail="$tmp/sendmail" 2>"$tmp/err" ||
	fail "certificates --sendmail: $(cat "$tmp/err")"
[ -f "$tmp/sink/7.eml" ] && [ ! -f "$tmp/sink/8.eml" ] || fail "five certificates should arrive: $(ls "$tmp/sink")"
got=$(for n in 3 4 5 6 7; do sed -n 2p "$tmp/sink/$n.rcpt"; done | sort | tr '\n' ' ')
[ "$got" = "amara.okonkwo@example.org ben.harjo@example.org carmen.yazzie@example.org hope.begaye@example.org jamal.whitaker@example.org " ] ||
	fail "certificates went to: $got"
for n in 3 4 5 6 7; do
	if [ "$(sed -n 2p "$tmp/sink/$n.rcpt")" = carmen.yazzie@example.org ]; then
		"$py" "$here/mail/check.py" --certificate "$tmp/sink/$n.eml" carmen.yazzie@example.org \
			cars-echo@example.org "Carmen Yazzie" "$carmen" "$cars_program" 1 || exit 1
	fi
done
mkdir "$tmp/certs" "$tmp/one"
certify --to eml -o "$tmp/certs/" 2>"$tmp/err" || fail "certificates --to eml -o DIR/: $(cat "$tmp/err")"
[ "$(ls "$tmp/certs" | wc -l)" = 5 ] || fail "five messages in the folder: $(ls "$tmp/certs")"
"$py" "$here/mail/check.py" --certificate "$tmp/certs/$carmen.eml" carmen.yazzie@example.org \
	cars-echo@example.org "Carmen Yazzie" "$carmen" "$cars_program" 0 || exit 1
certify --to eml -o "$tmp/one/" --person Carmen.Yazzie@example.org || fail "--person --to eml"
[ "$(ls "$tmp/one")" = "$carmen.eml" ] || fail "--person: $(ls "$tmp/one")"
# No contact: a finding, nothing written or sent; the mail options go with --to eml.
sed -i '/^contact: /d' cars-2027.yaml
mkdir "$tmp/certs-none"
certify --to eml -o "$tmp/certs-none/" 2>"$tmp/err"
[ $? = 1 ] || fail "certificates from a series without a contact are a finding"
grep -q "cars-2027.yaml:[0-9]*:[0-9]*: error: the series has no contact: the certificates need an address to come from \[mail-from\]" \
	"$tmp/err" || fail "no contact: $(cat "$tmp/err")"
[ "$(grep -c 'mail-from' "$tmp/err")" = 1 ] || fail "the missing contact is said once: $(cat "$tmp/err")"
[ -z "$(ls -A "$tmp/certs-none")" ] || fail "nothing is written without a contact"
certify --attach-pdf -o "$tmp/certs-none/" >/dev/null 2>&1
[ $? = 2 ] || fail "certificates --attach-pdf without --to eml is a usage error"
certify --to eml >/dev/null 2>&1
[ $? = 2 ] || fail "certificates --to eml to standard output is a usage error"
cd "$examples/series" || fail "cd"

# --to eml needs a folder or --sendmail, and goes with recommendations and certificates only.
"$minutes" recommendations --to eml --session "$session" >/dev/null 2>&1
[ $? = 2 ] || fail "--to eml to standard output is a usage error"
"$minutes" minutes --to eml "$session" >/dev/null 2>&1
[ $? = 2 ] || fail "minutes --to eml is a usage error"

# A presenter without an email, a session without a contact: findings, nothing written.
cp -R "$examples" "$tmp/ex"
sed -i '/^  email: jordan.reyes@example.org$/d' "$tmp/ex/oud-buprenorphine-rural.yaml"
sed -i '/^contact: /d' "$tmp/ex/series/$session"
mkdir "$tmp/none"
"$minutes" recommendations --to eml -o "$tmp/none/" --session "$tmp/ex/series/$session" 2>"$tmp/err"
[ $? = 1 ] || fail "letters without addresses are findings (exit 1)"
grep -q "oud-buprenorphine-rural.yaml:10:3: error: case OUD-2026-014: presenter.email is needed to mail the letter \[mail-to\]" "$tmp/err" ||
	fail "the missing email is located: $(cat "$tmp/err")"
grep -q "error: the session has no contact.*\[mail-from\]" "$tmp/err" || fail "no contact: $(cat "$tmp/err")"
[ -z "$(ls -A "$tmp/none")" ] || fail "nothing is written when a letter has no address"

# A sendmail that refuses: exit 2, said so.
printf '#!/bin/sh\ncat >/dev/null; echo "relay refused" >&2; exit 75\n' >"$tmp/refuse"
chmod +x "$tmp/refuse"
"$minutes" recommendations --to eml --sendmail="$tmp/refuse" --session "$session" 2>"$tmp/err"
[ $? = 2 ] || fail "a refusing sendmail is exit 2"
grep -q "did not take the message (exit status 75)" "$tmp/err" || fail "refusal: $(cat "$tmp/err")"
echo "mail: ok"
