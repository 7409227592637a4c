#!/bin/sh
# Installs the build into a temporary DESTDIR and checks the result: the
# tools run from there, and a program builds against the installed headers
# and pkg-config file and links libecho.  $1: the build folder; $2: examples/.
set -eu
build=$1
examples=$2
fail() { echo "FAIL: $*"; exit 1; }
command -v jq >/dev/null || { echo "jq not found"; exit 77; }
command -v pkg-config >/dev/null || { echo "pkg-config not found"; exit 77; }

dest=$(mktemp -d "${TMPDIR:-/tmp}/echo-install.XXXXXX")
trap 'rm -rf "$dest"' EXIT INT TERM
meson install --destdir "$dest" --no-rebuild --quiet -C "$build" >"$dest.log" 2>&1 ||
	{ cat "$dest.log"; rm -f "$dest.log"; fail "meson install"; }
rm -f "$dest.log"

opts=$(meson introspect --buildoptions "$build")
opt() { printf '%s' "$opts" | jq -r --arg n "$1" '.[] | select(.name == $n) | .value'; }
prefix=$dest$(opt prefix)
bindir=$prefix/$(opt bindir)
libdir=$prefix/$(opt libdir)
datadir=$prefix/$(opt datadir)
mandir=$prefix/$(opt mandir)
includedir=$prefix/$(opt includedir)

for f in "$bindir/echo-case" "$bindir/echo-agenda" "$bindir/echo-minutes"; do
	[ -x "$f" ] || fail "$f not installed"
done
ls "$libdir"/libecho.so* >/dev/null 2>&1 || fail "libecho.so not in $libdir"
# Exactly the headers of lib/include/echo/: the installed folder holds no
# header that is not installed, and nothing else is installed beside them.
src_headers=$(cd "$examples/../lib/include/echo" && ls -- *.h)
[ -n "$src_headers" ] || fail "no headers in lib/include/echo"
for h in $src_headers; do
	[ -f "$includedir/echo/$h" ] || fail "$includedir/echo/$h not installed"
done
[ "$(cd "$includedir/echo" && ls -- *.h)" = "$src_headers" ] ||
	fail "installed headers differ from lib/include/echo: $(cd "$includedir/echo" && ls -- *.h | tr '\n' ' ')"
pc=$libdir/pkgconfig/echo-toolkit.pc
[ -f "$pc" ] || fail "$pc not installed"
for s in case notes session series; do
	[ -f "$datadir/echo-toolkit/schema/echo-$s-1.schema.json" ] || fail "schema echo-$s-1 not installed"
done
for t in case.md.mustache agenda.md.mustache minutes.md.mustache page.html style.css; do
	[ -f "$datadir/echo-toolkit/templates/$t" ] || fail "template $t not installed"
done
for tool in echo-case echo-agenda echo-minutes; do
	[ -f "$datadir/bash-completion/completions/$tool" ] || fail "bash completion for $tool not installed"
done
# The man pages are built when scdoc is (the man-pages feature).
if [ -f "$build/doc/man/echo-case.1" ]; then
	for m in man1/echo-case.1 man1/echo-agenda.1 man1/echo-minutes.1 man5/echo-formats.5; do
		[ -f "$mandir/$m" ] || fail "man page $m not installed"
	done
else
	echo "man pages not built (no scdoc): not checked"
fi

# The installed tools run against the installed library.
LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH
for tool in echo-case echo-agenda echo-minutes; do
	out=$("$bindir/$tool" --version) || fail "$tool --version"
	case $out in
	*"$(meson introspect --projectinfo "$build" | jq -r .version)"*) ;;
	*) fail "$tool --version printed '$out'" ;;
	esac
done
if command -v ldd >/dev/null; then
	ldd "$bindir/echo-case" | grep -q "$libdir/libecho.so" ||
		fail "installed echo-case does not load the installed libecho: $(ldd "$bindir/echo-case")"
fi
"$bindir/echo-case" check "$examples/aud-ciwa.yaml" || fail "installed echo-case check"
"$bindir/echo-case" render --to html "$examples/aud-ciwa.yaml" >"$dest/aud-ciwa.html" ||
	fail "installed echo-case render"
grep -q '</html>' "$dest/aud-ciwa.html" || fail "render --to html wrote no page"
"$bindir/echo-agenda" check "$examples/series/cars-weekly.yaml" || fail "installed echo-agenda check"
"$bindir/echo-minutes" schema notes >/dev/null || fail "installed echo-minutes schema"

# A program built against the installed headers and pkg-config file.
# The build's C compiler (libecho may be built with sanitizers for it).
set -- $(meson introspect --targets "$build" |
	jq -r '[.[] | select(.name == "echo") | .target_sources[]? | select(.language == "c") | .compiler][0][]')
[ $# -gt 0 ] || fail "cannot tell the build's C compiler"
cc_args=""
sanitize=$(opt b_sanitize)
case $sanitize in none | "" | "[]") ;; *) cc_args="-fsanitize=$(printf '%s' "$sanitize" | jq -r 'if type == "array" then join(",") else . end' 2>/dev/null || echo "$sanitize")" ;; esac
PKG_CONFIG_PATH=$libdir/pkgconfig
export PKG_CONFIG_PATH
unset PKG_CONFIG_LIBDIR || true
flags=$(pkg-config --define-variable=prefix="$prefix" --cflags --libs echo-toolkit) ||
	fail "pkg-config echo-toolkit"
pkg-config --print-requires-private echo-toolkit | grep -q yaml-0.1 ||
	fail "echo-toolkit.pc does not require yaml-0.1 privately"
cat >"$dest/hello.c" <<'C'
#include <echo/echo.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	static const char text[] = "schema: echo-case/1\nid: X-1\n";
	echo_diags diags = ECHO_DIAGS_INIT;
	echo_stream *s = echo_stream_load("hello.yaml", text, strlen(text), NULL, &diags);
	if (!s)
		return 1;
	printf("%zu document(s), %zu diagnostic(s)\n", s->doc_count, diags.count);
	echo_stream_free(s);
	echo_diags_free(&diags);
	return 0;
}
C
"$@" $cc_args -std=c11 -Wall -Werror -o "$dest/hello" "$dest/hello.c" $flags ||
	fail "cannot build a program against the installed libecho ($* $flags)"
out=$("$dest/hello") || fail "the program linked with libecho failed"
[ "$out" = "1 document(s), 0 diagnostic(s)" ] || fail "the program printed '$out'"
echo "installed into $dest: ok"
