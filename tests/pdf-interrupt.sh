#!/bin/sh
# A run printing to PDF stopped by SIGINT, SIGTERM or SIGHUP while its
# engine runs: the tool dies of the signal, the engine and what it started
# are stopped, and the engine's temporary folder is gone; nothing is
# written.  And a PDF is never written to a terminal (exit 2).  The engine
# is a stand-in that starts a helper and waits, so no real engine is
# needed.
#   pdf-interrupt.sh ECHO_CASE EXAMPLES_DIR
set -u
tool=$1 examples=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir "$tmp/bin" "$tmp/t"
cat >"$tmp/bin/weasyprint" <<EOF2
#!/bin/sh
sleep 300 &
echo \$! >"$tmp/helper.pid"
echo \$\$ >"$tmp/engine.pid.new"
mv "$tmp/engine.pid.new" "$tmp/engine.pid"
wait
EOF2
chmod +x "$tmp/bin/weasyprint"

# gone PID: the process has ended (allowing a moment for its reaping).
gone() {
	i=0
	while kill -0 "$1" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -le 100 ] || return 1
		sleep 0.05
	done
}

for pair in INT:2 TERM:15 HUP:1; do
	sig=${pair%:*} num=${pair#*:}
	rm -f "$tmp/engine.pid" "$tmp/helper.pid"
	# A background job of a shell without job control ignores SIGINT,
	# which the tool keeps ignored: start it with the default disposition.
	TMPDIR="$tmp/t" env --default-signal=INT "$tool" render --to pdf \
		--pdf-engine "$tmp/bin/weasyprint" -o "$tmp/out.pdf" "$examples/aud-ciwa.yaml" &
	pid=$!
	i=0
	while [ ! -s "$tmp/engine.pid" ]; do
		i=$((i + 1))
		[ "$i" -le 400 ] || { kill -KILL "$pid"; fail "SIG$sig: the engine never started"; }
		sleep 0.05
	done
	ls "$tmp/t" | grep -q '^echo-pdf-' || fail "SIG$sig: no staging folder while the engine runs"
	kill -"$sig" "$pid"
	wait "$pid"
	status=$?
	want=$((128 + num))
	[ "$status" = "$want" ] || fail "SIG$sig: exit status $status, not $want (died of the signal)"
	[ -z "$(ls -A "$tmp/t")" ] || fail "SIG$sig: left in TMPDIR: $(ls -A "$tmp/t")"
	gone "$(cat "$tmp/engine.pid")" || fail "SIG$sig: the engine still runs"
	gone "$(cat "$tmp/helper.pid")" || fail "SIG$sig: the engine's helper still runs"
	[ ! -e "$tmp/out.pdf" ] || fail "SIG$sig: a PDF was written"
done

# Standard output a terminal: refused before any engine runs.
py=
for p in /usr/bin/python3 python3; do
	if command -v "$p" >/dev/null 2>&1; then py=$p; break; fi
done
if [ -z "$py" ]; then
	echo "python3 is not installed: the terminal check is skipped"
	exit 0
fi
rm -f "$tmp/engine.pid"
"$py" - "$tool" "$tmp/bin/weasyprint" "$examples/aud-ciwa.yaml" "$tmp/engine.pid" <<'PY' || exit 1
import os, pty, subprocess, sys
tool, engine, case, ran = sys.argv[1:]
master, slave = pty.openpty()
p = subprocess.run([tool, "render", "--to", "pdf", "--pdf-engine", engine, case],
                   stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
os.close(slave)
err = p.stderr.decode()
want = ("<stdout>: error: standard output is a terminal, and a PDF is not written to one: "
        "give -o FILE.pdf or redirect standard output [pdf-terminal]\n")
if p.returncode != 2 or err != want:
    sys.exit("FAIL: a PDF to a terminal: exit %d, %r" % (p.returncode, err))
if os.path.exists(ran):
    sys.exit("FAIL: the engine ran for a terminal")
PY
echo "pdf interrupt and terminal: ok"
