#!/bin/sh
# The README's Quick start: exactly two commands, the first one copy-paste
# line that installs what .ci/run installs for the build (its test tools
# aside), and both run as root where sudo is not installed as well as for
# a user with sudo.  The commands run against stand-ins for apt-get, sudo,
# meson and bash that record how they were called.
#   readme.sh README.md .ci/run
set -u
readme=$1 ci=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The Quick start section's code blocks, one command a line.
awk '/^## Quick start/ { on = 1; next } /^## / { on = 0 }
     on && /^```/ { block = !block; if (block) n++; next }
     on && block { print > (dir "/block" n) }' dir="$tmp" "$readme"
[ -f "$tmp/block1" ] && [ -f "$tmp/block2" ] && [ ! -f "$tmp/block3" ] ||
	fail "the Quick start has $(ls "$tmp" | grep -c block) code blocks, not two"
for b in 1 2; do
	[ "$(wc -l <"$tmp/block$b")" = 1 ] || fail "Quick start command $b is not one line"
	sed 's/\$(command -v sudo)//g' "$tmp/block$b" | grep -qw sudo &&
		fail "Quick start command $b uses sudo, which a fresh Debian root lacks: $(cat "$tmp/block$b")"
done

# Its packages are .ci/run's first apt-get install, less the test tools
# (doc/design.md: clang, valgrind, jq).
packages() { tr ' ' '\n' | grep -v '^-' | grep -v '^$' | sort -u; }
sed 's/.*apt-get install//; s/&&.*//' "$tmp/block1" | packages >"$tmp/readme-packages"
awk '/apt-get install/ && !done { on = 1 } on { print; if (!/\\$/) { on = 0; done = 1 } }' "$ci" |
	sed 's/.*apt-get install//; s/\\$//; s/>.*//' | packages |
	grep -vx -e clang -e valgrind -e jq >"$tmp/ci-packages"
[ -s "$tmp/ci-packages" ] || fail "no apt-get install in $ci"
diff "$tmp/ci-packages" "$tmp/readme-packages" >"$tmp/diff" ||
	fail "the README installs other packages than $ci (< ci, > README): $(cat "$tmp/diff")"

# Run both commands: as root without sudo, then with sudo on the PATH.
mkdir "$tmp/bin"
for tool in apt-get meson bash; do
	printf '#!/bin/sh\necho "%s $*" >>"%s/log"\n' "$tool" "$tmp" >"$tmp/bin/$tool"
	chmod +x "$tmp/bin/$tool"
done
for who in root user; do
	: >"$tmp/log"
	if [ $who = user ]; then
		printf '#!/bin/sh\nprintf "sudo " >>"%s/log"\nexec "$@"\n' "$tmp" >"$tmp/bin/sudo"
		chmod +x "$tmp/bin/sudo"
	fi
	for b in 1 2; do
		PATH="$tmp/bin" /bin/sh -e "$tmp/block$b" || fail "as $who, command $b failed: $(cat "$tmp/log")"
	done
	want="apt-get update
apt-get install -y $(sed 's/.*apt-get install -y //; s/ &&.*//' "$tmp/block1")
meson setup build
meson compile -C build
meson compile -C build render-examples
bash .ci/run"
	[ $who = user ] && want=$(echo "$want" | sed '/^apt-get\|^bash/s/^/sudo /')
	[ "$(cat "$tmp/log")" = "$want" ] || fail "as $who, the commands ran as:
$(cat "$tmp/log")
not:
$want"
done
echo ok
