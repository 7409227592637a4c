#!/bin/sh
# Error golden for a file that cannot be read: copies DIR, takes all
# permissions off FILE in the copy, and runs run-golden.sh there.  As root
# (who reads anything) the command runs as nobody through setpriv; skipped,
# exit 77, when that is not possible.
#   unreadable.sh RUN_GOLDEN EXPECTED DIR FILE COMMAND [ARG]...
set -u
run_golden=$1 expected=$2 dir=$3 file=$4
shift 4
# The command is named relative to where meson runs the test.
cmd=$1
shift
case $cmd in /*) ;; *) cmd="$PWD/$cmd" ;; esac
set -- "$cmd" "$@"
tmp=$(mktemp -d)
trap 'chmod -R u+rwX "$tmp"; rm -rf "$tmp"' EXIT
cp -R "$dir"/. "$tmp" || exit 1
chmod 000 "$tmp/$file" || exit 1
as=
if cat "$tmp/$file" >/dev/null 2>&1; then
	# shellcheck disable=SC2015 # any step failing means skip
	as=$(command -v setpriv) && chmod 755 "$tmp" &&
		"$as" --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null &&
		! "$as" --reuid=65534 --regid=65534 --clear-groups cat "$tmp/$file" >/dev/null 2>&1 || {
		echo "skipped: $file stays readable without permissions, and setpriv cannot help"
		exit 77
	}
fi
if [ -n "$as" ]; then
	"$run_golden" "$expected" "$tmp" "$as" --reuid=65534 --regid=65534 --clear-groups "$@"
else
	"$run_golden" "$expected" "$tmp" "$@"
fi
