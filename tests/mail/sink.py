"""A local SMTP sink for the mail test: listens on a loopback port,
writes each message it is given to DIR/N.eml (and its envelope to
DIR/N.rcpt), writes the port to DIR/port, and stops by itself after
the seconds given (or when DIR/stop appears).
    sink.py DIR SECONDS"""
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, str(self.count))
        with open(base + ".rcpt", "w", encoding="utf-8") as f:
            f.write(envelope.mail_from + "\n" + "\n".join(envelope.rcpt_tos) + "\n")
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        return "250 OK"


def main():
    folder, seconds = sys.argv[1], float(sys.argv[2])
    # A free loopback port (aiosmtpd's start checks the port it is given).
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    with open(os.path.join(folder, "port.tmp"), "w", encoding="utf-8") as f:
        f.write(str(port))
    os.rename(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
    end = time.monotonic() + seconds
    while time.monotonic() < end and not os.path.exists(os.path.join(folder, "stop")):
        time.sleep(0.05)
    controller.stop()


main()
