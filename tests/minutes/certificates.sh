#!/bin/sh
# echo-minutes certificates on the CARS 2027 example: one page per
# learner certified (never the hub team), named by a certificate number
# that is the same in every run; a certificate's page is the golden; one
# --person writes one; a learner not certified writes nothing, and a
# folder with earlier certificates keeps them.
#   certificates.sh ECHO_MINUTES EXAMPLES_SERIES GOLDEN
set -u
minutes=$1
case $minutes in /*) ;; *) minutes=$PWD/$minutes ;; esac
series=$2
golden=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$series" || fail "no folder $series"
run() {
	"$minutes" certificates --series cars-2027.yaml --presence-counts \
		--completions attendance/cars-2027-completions.csv "$@" attendance/cars-2027/*
}
mkdir "$tmp/a" "$tmp/b" "$tmp/one" "$tmp/none"
run -o "$tmp/a/" || fail "certificates exited $?"
run -o "$tmp/b/" || fail "second run exited $?"
[ "$(ls "$tmp/a" | wc -l)" -eq 5 ] || fail "5 certificates expected: $(ls "$tmp/a")"
[ "$(ls "$tmp/a")" = "$(ls "$tmp/b")" ] || fail "numbers differ between runs"
for f in "$tmp"/a/*; do
	cmp -s "$f" "$tmp/b/${f##*/}" || fail "${f##*/} differs between runs"
	case ${f##*/} in CARS-2027-????-????-????.html) ;; *) fail "name ${f##*/}" ;; esac
done
grep -l 'Dana Whitfield, MD</strong>\|Renee Tsosie, LCSW</strong>' "$tmp"/a/* &&
	fail "a certificate for the hub team"
grep -l 'Rosa Delgado\|Sofia Marquez\|Tyler Brooks' "$tmp"/a/* && fail "a learner not certified"
carmen=$(grep -l '<strong>Carmen Yazzie</strong>' "$tmp"/a/*) || fail "no certificate for Carmen"
if [ "${GOLDEN_UPDATE:-}" = 1 ]; then
	cp "$carmen" "$golden"
elif ! cmp -s "$golden" "$carmen"; then
	diff -u "$golden" "$carmen"
	fail "Carmen Yazzie's certificate differs from $golden"
fi
run --person CARMEN.YAZZIE@example.org -o "$tmp/one/" || fail "--person exited $?"
[ "$(ls "$tmp/one")" = "${carmen##*/}" ] || fail "--person wrote $(ls "$tmp/one")"
touch "$tmp/none/earlier.html"
run --person rosa.delgado@example.org -o "$tmp/none/" 2>"$tmp/err"
[ $? -eq 1 ] || fail "a learner not certified: exit 1 expected"
grep -q 'still lacking Practicum work' "$tmp/err" || fail "what is lacking: $(cat "$tmp/err")"
[ "$(ls "$tmp/none")" = earlier.html ] || fail "written for a learner not certified"
run --person dana.whitfield@example.org -o "$tmp/none/" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q 'hub team' "$tmp/err" || fail "faculty: $(cat "$tmp/err")"
run --to md -o "$tmp/none/" 2>/dev/null
[ $? -eq 2 ] || fail "--to md: usage error expected"
echo ok
