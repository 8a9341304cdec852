"""Mail servers for tests, on 127.0.0.1 only: one that accepts connections and never says a word
(a hung mail server), and a tiny SMTP sink that records what it receives. Also the real task
worker, run once in the test's process."""

import io
import signal
import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class SilentServer:
    """Accepts every connection and never reads or writes: a mail server that hangs."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.05)
        self.port = self.socket.getsockname()[1]
        self.held: list[socket.socket] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.held.append(connection)

    @property
    def connections(self) -> int:
        return len(self.held)

    def close(self) -> None:
        self.stopping.set()
        self.thread.join(5)
        for connection in self.held:
            connection.close()
        self.socket.close()


class SMTPSink(socketserver.ThreadingTCPServer):
    """Speaks just enough SMTP for Django's backend; `received` holds (recipients, message)
    pairs. `pause` seconds before accepting each message stretch a run of many."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, pause: float = 0.0) -> None:
        super().__init__(("127.0.0.1", 0), SMTPHandler)
        self.port = self.server_address[1]
        self.pause = pause
        self.received: list[tuple[tuple[str, ...], str]] = []
        self.lock = threading.Lock()
        threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def close(self) -> None:
        self.shutdown()
        self.server_close()

    def recipients(self) -> list[str]:
        with self.lock:
            return sorted(address for to, _ in self.received for address in to)


class SMTPHandler(socketserver.StreamRequestHandler):
    server: SMTPSink

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 sink.test ESMTP")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode().strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 sink.test")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].split()[0].strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End with <CRLF>.<CRLF>")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(data)
                message = b"".join(lines).decode()
                time.sleep(self.server.pause)
                with self.server.lock:
                    self.server.received.append((tuple(recipients), message))
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # RSET, NOOP
                self.reply("250 OK")


@contextmanager
def running(server: SilentServer | SMTPSink) -> Iterator[SilentServer | SMTPSink]:
    try:
        yield server
    finally:
        server.close()


def run_task_worker() -> str:
    """The real `manage.py db_worker`, in this process, until no task is due. Returns its log.
    It sets signal handlers of its own: they are put back after."""
    stop_signals = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    saved = {number: signal.getsignal(number) for number in stop_signals}
    out = io.StringIO()
    try:
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval=0", stdout=out
        )
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
    return out.getvalue()
