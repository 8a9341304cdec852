"""Web throughput: gunicorn on a free loopback port, loaded by client threads for a bounded time."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
BASE_DIR = Path(__file__).resolve().parent.parent
MAX_REQUESTS_PER_CLIENT = 1_000_000  # a second bound, besides the time
REQUEST_TIMEOUT = 10.0
STARTUP_TIMEOUT = 30.0
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@dataclass(frozen=True)
class Target:
    name: str
    method: str
    path: str
    body: str | None = None


BARE = Target("bare view", "GET", "/bench/bare/")
TARGETS = [
    BARE,
    Target("home /fr/", "GET", "/fr/"),
    Target("search jeu compulsif", "POST", "/fr/directory/", "q=jeu+compulsif"),
]


@dataclass
class Throughput:
    requests: int
    errors: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def start_gunicorn(
    workers: int | None, log_file: Path, config: str = "python:bench.gunicorn_settings"
) -> tuple[subprocess.Popen, int]:
    """Starts gunicorn with the current environment (bench settings, throwaway database) and
    waits until it answers. No access log: request lines can carry what a person searched.
    `workers` None leaves their number to the configuration."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "entraide.wsgi:application"]
    command += ["--bind", f"{HOST}:{port}", "--chdir", str(BASE_DIR)]
    command += ["--workers", str(workers)] if workers else []
    command += ["--no-control-socket", "--log-level", "warning", "--error-logfile", str(log_file)]
    # Not gunicorn.conf.py, whose access log goes to standard output: an empty configuration
    # (bench.gunicorn_settings), or its settings without the log (bench.gunicorn_production).
    command += ["--config", config]
    # Its own process group, so that stopping it also reaches workers left behind; the
    # application's own log lines go to the same file.
    with log_file.open("ab") as output:
        process = subprocess.Popen(
            command,
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_ready(process, port, log_file)
    except BaseException:
        stop_gunicorn(process)
        raise
    return process, port


def stop_gunicorn(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()  # graceful: the master stops its workers
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the group of the master we started
        process.wait(timeout=5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until_ready(process: subprocess.Popen, port: int, log_file: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited early:\n{tail(log_file)}")
        connection = http.client.HTTPConnection(HOST, port, timeout=1)
        try:
            if fetch(connection, BARE)[0] == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {STARTUP_TIMEOUT:.0f} s:\n{tail(log_file)}")


def check(port: int, target: Target) -> None:
    """A few requests that must succeed before the target is measured; they also warm it up."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        for _ in range(10):
            status, body = fetch(connection, target)
            if status != 200:
                message = f"{target.method} {target.path} answered {status}:\n{body[:500]!r}"
                raise RuntimeError(message)
    finally:
        connection.close()


def measure(port: int, target: Target, seconds: float, clients: int) -> Throughput:
    started = time.monotonic()
    deadline = started + seconds
    with ThreadPoolExecutor(max_workers=clients) as pool:
        counts = list(pool.map(lambda _: hammer(port, target, deadline), range(clients)))
    elapsed = time.monotonic() - started
    return Throughput(sum(ok for ok, _ in counts), sum(bad for _, bad in counts), elapsed)


def hammer(port: int, target: Target, deadline: float) -> tuple[int, int]:
    """Sends requests on one keep-alive connection until the deadline: (successes, errors)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    ok = errors = 0
    try:
        while time.monotonic() < deadline and ok + errors < MAX_REQUESTS_PER_CLIENT:
            try:
                status, _ = fetch(connection, target)
            except (OSError, http.client.HTTPException):
                connection.close()  # reopened by the next request
                status = 0
            if status == 200:
                ok += 1
            else:
                errors += 1
    finally:
        connection.close()
    return ok, errors


def fetch(connection: http.client.HTTPConnection, target: Target) -> tuple[int, bytes]:
    headers = FORM if target.body else {}
    connection.request(target.method, target.path, body=target.body, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def tail(log_file: Path, lines: int = 20) -> str:
    if not log_file.exists():
        return "(no log)"
    return "\n".join(log_file.read_text(errors="replace").splitlines()[-lines:])
