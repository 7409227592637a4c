#!/usr/bin/env python3
"""Drives echo-case new --interview through a pseudo-terminal, as a person
at a keyboard would, from a script: '> TEXT' types TEXT and Enter (a ^A in it
types Ctrl-A, which the line editor reads as "to the start of the line"), '> ^D'
types Ctrl-D, '? TEXT' fails unless the screen so far shows TEXT, '=' plus
a path fails unless the written file is that file byte for byte, and
'$ ARGS' starts the tool again with ARGS (the first line must be one).
  interview-pty.py ECHO_CASE SCRIPT WORKDIR"""
import os, pty, select, shutil, signal, sys, time

tool, script, work = (os.path.abspath(p) for p in sys.argv[1:4])
here = os.path.dirname(os.path.abspath(script))
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
os.chdir(work)
failures = 0
pid = fd = None
screen = ''
waiting = False   # the tool is at its prompt, all it wrote so far read


def read_until_prompt(timeout=10):
    """Reads what the tool writes until it waits at its '> ' prompt or ends."""
    global screen
    end = time.time() + timeout
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if not r:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        screen += data.decode('utf-8', 'replace')
        if screen.endswith('> '):
            # libedit puts the terminal in its own mode after the prompt,
            # and discards what was typed before: a person is never that
            # fast, so wait until the tool is quiet.
            while select.select([fd], [], [], 0.1)[0]:
                try:
                    more = os.read(fd, 65536)
                except OSError:
                    return False
                if not more:
                    return False
                screen += more.decode('utf-8', 'replace')
            return screen.endswith('> ')
    return False


def finish():
    global pid
    if pid is None:
        return None
    if read_until_prompt(5):
        # Waiting for an answer the script does not give: that is a failure.
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    pid = None
    return os.waitstatus_to_exitcode(status)


for raw in open(script, encoding='utf-8'):
    line = raw.rstrip('\n')
    if not line or line.startswith('#'):
        continue
    op, arg = line[0], line[2:]
    if op == '$':
        finish()
        screen = ''
        pid, fd = pty.fork()
        waiting = False
        if pid == 0:
            os.environ['TERM'] = 'dumb'
            os.environ.pop('EDITRC', None)
            os.environ['HOME'] = os.getcwd()
            os.execv(tool, [tool] + arg.split())
    elif op == '>':
        if not waiting and not read_until_prompt():
            print(f'the tool did not ask for "{arg}"; screen ends:\n{screen[-2000:]}')
            sys.exit(1)
        os.write(fd, b'\x04' if arg == '^D' else arg.replace('^A', '\x01').encode() + b'\r')
        waiting = False
    elif op == '?':
        if not waiting and pid is not None:
            waiting = read_until_prompt()
        if arg not in screen:
            print(f'expected on the screen: {arg}')
            failures += 1
    elif op == '!':
        code = finish()
        waiting = False
        if code != int(arg):
            print(f'exit status {code}, expected {arg}; screen ends:\n{screen[-2000:]}')
            failures += 1
    elif op == '=':
        name, golden = arg.split(' ', 1)
        got = open(name, encoding='utf-8').read() if os.path.exists(name) else None
        want = open(os.path.join(here, golden), encoding='utf-8').read()
        if got != want:
            print(f'{name} differs from {golden}:\n{got}')
            failures += 1
finish()
if failures:
    print(f'--- screen ---\n{screen}')
sys.exit(1 if failures else 0)
