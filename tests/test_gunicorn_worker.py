"""gunicorn.conf.py's worker tells the application when gunicorn accepted each request, so that
the time a request waited in gunicorn's own queue counts towards its deadline
(support/capacity.py)."""

import http.client
import runpy
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK_SECONDS = 0.5


def waited(environ: dict, start_response: object) -> Iterable[bytes]:
    """A WSGI application that answers how long ago its request arrived, then works a while.
    Without the stamp, it arrived now (support.capacity.arrival reads it the same way)."""
    seconds = time.monotonic() - environ.get("entraide.arrived", time.monotonic())
    time.sleep(WORK_SECONDS)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [f"{seconds:.3f}".encode()]


def test_the_production_configuration_uses_the_arrival_stamping_threaded_worker() -> None:
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["worker_class"] == "lib.gunicorn_worker.ArrivalStampingWorker"
    assert config["threads"] > 1


def test_a_request_queued_behind_another_arrives_with_the_time_it_waited(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "gunicorn", "tests.test_gunicorn_worker:waited"]
    command += ["--config", "/dev/null", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    command += ["--worker-class", "lib.gunicorn_worker.ArrivalStampingWorker", "--threads", "1"]
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_it_answers(port, server)
        with ThreadPoolExecutor(max_workers=2) as pool:
            first, second = sorted(pool.map(lambda _: ask(port), range(2)))
        assert first < 0.2  # taken on at once
        assert second > WORK_SECONDS * 0.8  # queued behind the first, and it says so
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def ask(port: int) -> float:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        # A client cannot pass for early: the stamp is no header.
        connection.request("GET", "/", headers={"Entraide-Arrived": "0", "X-Request-Start": "0"})
        return float(connection.getresponse().read())
    finally:
        connection.close()


def wait_until_it_answers(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn stopped"
        try:
            ask(port)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not answer")
