"""People asking for help at the same time: gunicorn with the production settings
(gunicorn.conf.py) on the benchmark's throwaway database, one network with helpers, and
`--seekers` client threads for `--seeker-seconds`, arriving over `--ramp-seconds`. Each thread
is one person after another: the request form (GET), a while to write (`--typing-seconds`),
the request (POST) with a message, the six words read from the receipt, then the conversation
opened with them. A busy page's form is sent again, as it asks, after `--busy-pause` (sooner
than the minute it asks for, as people would). See bench/README.md.

Alone, on PostgreSQL (the goal is measured there):
`python -m bench.seekers --database-url postgres://postgres@127.0.0.1:5432/postgres`.
"""

import argparse
import html
import http.client
import os
import random
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench.load import HOST, start_gunicorn, stop_gunicorn, tail

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
TOKEN = re.compile(r'name="submission" value="([^"]+)"')
WORDS = re.compile(r"<strong data-passphrase>([a-z ]+)</strong>")
OPENED = 'name="access"'  # the open conversation page carries its access token
CRISIS_NUMBER = "9-8-8"  # on the busy page, with the other lines
GOAL_POST_P95 = 2.0
# What people write, as they write it; two of them read as a crisis.
MESSAGES = [
    ("fr", "Depuis l'annonce des mises à pied je dors plus. J'aurais besoin d'en parler."),
    ("fr", "Mon chum est parti pis je suis pu capable de me concentrer au travail."),
    ("fr", "J'ai un conflit avec mon superviseur, ça dure depuis des mois et ça me mine."),
    ("fr", "Je bois plus qu'avant pour décrocher le soir. Je sais pas à qui le dire."),
    ("fr", "Ma mère est malade, je m'en occupe seule et je tiens plus le coup."),
    ("fr", "Je pense à en finir, j'ai pu la force de continuer."),
    ("fr", "Bonjour, j'aimerais parler à quelqu'un de l'usine, c'est pas urgent."),
    ("en", "Since the layoffs were announced I can't sleep. I'd like to talk to someone."),
    ("en", "My coworker keeps making comments about me and I dread coming in every day."),
    ("en", "I've been thinking about ending my life and I don't know who else to tell."),
    ("en", "Money is really tight since my hours were cut, and it's affecting my family."),
    ("en", ""),
]


@dataclass
class Tally:
    """What one seeker thread met; merged at the end."""

    people: int = 0
    words: set[str] = field(default_factory=set)
    opened: int = 0
    not_opened: int = 0
    busy: int = 0
    busy_without_crisis_lines: int = 0
    timeouts: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    post_seconds: list[float] = field(default_factory=list)
    receipt_seconds: list[float] = field(default_factory=list)
    busy_seconds: list[float] = field(default_factory=list)
    form_seconds: list[float] = field(default_factory=list)
    open_seconds: list[float] = field(default_factory=list)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1

    def merge(self, other: "Tally") -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, set):
                mine |= value
            elif isinstance(value, list):
                mine += value
            elif isinstance(value, dict):
                for key, count in value.items():
                    mine[key] = mine.get(key, 0) + count
            else:
                setattr(self, name, mine + value)


@dataclass(frozen=True)
class Plan:
    port: int
    code: str
    started: float
    deadline: float  # no one starts (or sends again) after this
    timeout: float
    busy_pause: float
    typing: float  # seconds, on average, between the form shown and sent
    ramp: float  # seekers arrive evenly over these first seconds
    seekers: int
    seed: int


class Browser:
    """One person's phone: a kept-alive connection, reopened after a failure. As browsers do,
    a request that finds its kept-alive connection closed by the server (idle too long) is
    sent once more on a new one: the server never read it."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.connection = self.connect()
        self.used = False

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(HOST, self.plan.port, timeout=self.plan.timeout)

    def send(self, method: str, path: str, data: dict | None = None) -> tuple[int, dict, str]:
        body = urllib.parse.urlencode(data, doseq=True) if data is not None else None
        reused = self.used
        try:
            return self.exchange(method, path, body)
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            if not reused:
                raise
            return self.exchange(method, path, body)

    def exchange(self, method: str, path: str, body: str | None) -> tuple[int, dict, str]:
        try:
            self.connection.request(method, path, body=body, headers=FORM if body else {})
            response = self.connection.getresponse()
            page = response.read().decode()
        except BaseException:
            self.connection.close()
            self.connection = self.connect()
            self.used = False
            raise
        self.used = True
        return response.status, dict(response.getheaders()), page


def seeker(number: int, plan: Plan) -> Tally:
    tally = Tally()
    chance = random.Random(plan.seed * 1000 + number)
    time.sleep(max(0.0, plan.started + plan.ramp * number / plan.seekers - time.monotonic()))
    browser = Browser(plan)
    try:
        while time.monotonic() < plan.deadline:
            language, message = chance.choice(MESSAGES)
            words = ask_for_help(browser, plan, tally, chance, language, message)
            if words:
                open_conversation(browser, tally, language, words)
    finally:
        browser.connection.close()
    return tally


def ask_for_help(
    browser: Browser,
    plan: Plan,
    tally: Tally,
    chance: random.Random,
    language: str,
    message: str,
) -> str:
    """One person: the form, then the request, sent again after each busy page (or a timeout,
    as a person taps again) until the run ends; the words received, or ""."""
    path = f"/{language}/help/{plan.code}/"
    started = time.monotonic()
    try:
        status, _, page = browser.send("GET", path)
    except TimeoutError:
        tally.timeouts += 1
        return ""
    except (OSError, http.client.HTTPException) as error:
        tally.error(f"form: {type(error).__name__}")
        return ""
    tally.form_seconds.append(time.monotonic() - started)
    token = TOKEN.search(page)
    if status != 200 or not token:
        tally.error(f"form: {status}")
        return ""
    tally.people += 1
    data = {
        "submission": html.unescape(token.group(1)),
        "message": message,
        "contact": "conversation",
        "language": language,
    }
    typing = plan.typing * chance.uniform(0.5, 1.5)
    if time.monotonic() + typing >= plan.deadline:
        time.sleep(max(0.0, plan.deadline - time.monotonic()))
        return ""  # still writing when the run ends
    time.sleep(typing)
    while True:
        started = time.monotonic()
        try:
            status, headers, page = browser.send("POST", path, data)
        except TimeoutError:
            tally.timeouts += 1
            if time.monotonic() >= plan.deadline:
                return ""
            continue  # tapped again: the same form, so at most one request
        except (OSError, http.client.HTTPException) as error:
            tally.error(f"request: {type(error).__name__}")
            return ""
        seconds = time.monotonic() - started
        tally.post_seconds.append(seconds)
        words = WORDS.search(page)
        if status == 200 and words:
            tally.receipt_seconds.append(seconds)
            tally.words.add(words.group(1))
            return words.group(1)
        if status == 503 and headers.get("Retry-After") == "60":
            tally.busy += 1
            tally.busy_seconds.append(seconds)
            if CRISIS_NUMBER not in page or message not in html.unescape(page):
                tally.busy_without_crisis_lines += 1
            pause = plan.busy_pause * chance.uniform(0.5, 1.5)
            if time.monotonic() + pause >= plan.deadline:
                # This person would come back after the run: nothing was created for them,
                # and this seeker is done.
                time.sleep(max(0.0, plan.deadline - time.monotonic()))
                return ""
            time.sleep(pause)
            continue
        tally.error(f"request: {status}")
        return ""


def open_conversation(browser: Browser, tally: Tally, language: str, words: str) -> None:
    started = time.monotonic()
    try:
        status, _, page = browser.send(
            "POST", f"/{language}/help/conversation/", {"passphrase": words}
        )
    except TimeoutError:
        tally.timeouts += 1
        tally.not_opened += 1
        return
    except (OSError, http.client.HTTPException) as error:
        tally.error(f"conversation: {type(error).__name__}")
        tally.not_opened += 1
        return
    tally.open_seconds.append(time.monotonic() - started)
    if status == 200 and OPENED in page:
        tally.opened += 1
    else:
        tally.error(f"conversation: {status}")
        tally.not_opened += 1


@dataclass
class Result:
    tally: Tally
    requests_created: int
    seekers: int
    seconds: float
    ramp: float
    server: str
    server_errors: int
    load_before: float
    load_after: float
    client_cpu: float  # seconds of CPU the seekers' threads (this process) took
    server_cpu: float  # seconds of CPU gunicorn's workers took

    @property
    def orphans(self) -> int:
        """Requests created whose words no seeker received."""
        return self.requests_created - len(self.tally.words)


def run_seekers(
    seekers: int,
    seconds: float,
    timeout: float,
    busy_pause: float,
    typing: float,
    ramp: float,
    seed: int,
    workdir: Path,
) -> Result:
    """Starts the production gunicorn, runs the seekers against a network of its own, stops
    gunicorn (in-flight requests finish), then counts what the database holds."""
    from bench.support import bench_network
    from support.models import HelpRequest

    network = bench_network("Seekers")
    log_file = workdir / "gunicorn-seekers.log"
    process, port = start_gunicorn(None, log_file, config="python:bench.gunicorn_production")
    load_before = os.getloadavg()[0]
    try:
        warm_up(port, network.code, timeout)
        started = time.monotonic()
        plan = Plan(
            port,
            network.code,
            started,
            started + seconds,
            timeout,
            busy_pause,
            typing,
            min(ramp, seconds),
            seekers,
            seed,
        )
        tally = Tally()
        client_before, server_before = cpu_seconds(os.getpid()), workers_cpu_seconds(process.pid)
        with ThreadPoolExecutor(max_workers=seekers) as pool:
            for one in pool.map(lambda number: seeker(number, plan), range(seekers)):
                tally.merge(one)
        elapsed = time.monotonic() - started
        load_after = os.getloadavg()[0]
        client_cpu = cpu_seconds(os.getpid()) - client_before
        server_cpu = workers_cpu_seconds(process.pid) - server_before
    finally:
        stop_gunicorn(process)
    log = log_file.read_text(errors="replace") if log_file.exists() else ""
    server_errors = log.count("Traceback") + log.count("[CRITICAL]")
    if server_errors:
        print(tail(log_file, 40), file=sys.stderr)
    created = HelpRequest.objects.filter(network=network).count()
    return Result(
        tally,
        created,
        seekers,
        elapsed,
        plan.ramp,
        describe_server(),
        server_errors,
        load_before,
        load_after,
        client_cpu,
        server_cpu,
    )


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def workers_cpu_seconds(master: int) -> float:
    """CPU time of the gunicorn master's worker processes so far."""
    children = Path(f"/proc/{master}/task/{master}/children")
    try:
        pids = [int(pid) for pid in children.read_text().split()]
    except OSError:
        return 0.0
    return sum(cpu_seconds(pid) for pid in pids)


def warm_up(port: int, code: str, timeout: float) -> None:
    """The form a few times, on new connections so that every worker sees it, before the
    clock starts: each worker compiles its templates once."""
    for _ in range(12):
        connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
        try:
            connection.request("GET", f"/fr/help/{code}/")
            connection.getresponse().read()
        finally:
            connection.close()


def describe_server() -> str:
    import runpy

    from django.conf import settings
    from django.db import connection

    config = runpy.run_path(str(Path(__file__).resolve().parent / "gunicorn_production.py"))
    worker = str(config.get("worker_class", "sync")).rsplit(".", 1)[-1]
    return (
        f"gunicorn {config.get('workers', 1)} workers x {config.get('threads', 1)} threads "
        f"({worker}), {settings.ENTRAIDE_REQUESTS_AT_ONCE} requests at once a worker, "
        f"wait {settings.ENTRAIDE_REQUEST_WAIT:g} s, {connection.vendor}"
    )


def report(result: Result, timeout: float) -> list[tuple[str, str, str]]:
    """(what, measured, goal) lines, the goal's first."""
    tally = result.tally
    receipts = len(tally.words)
    errors = sum(tally.errors.values()) + result.server_errors + tally.busy_without_crisis_lines
    lines = [
        ("errors", str(errors), "0"),
        (f"timeouts ({timeout:g} s)", str(tally.timeouts), "0"),
        ("orphan requests (created, words never received)", str(result.orphans), "0"),
        ("request POST p95", seconds(percentile(tally.post_seconds, 0.95)), "under 2 s"),
        ("receipts that opened their conversation", f"{tally.opened} of {receipts}", "all"),
        ("people who got their words", f"{receipts} of {tally.people}", ""),
        ("busy pages answered (sent again later)", str(tally.busy), ""),
        ("request POST p50", seconds(percentile(tally.post_seconds, 0.5)), ""),
        ("  with a receipt, p95", seconds(percentile(tally.receipt_seconds, 0.95)), ""),
        ("  busy page, p95", seconds(percentile(tally.busy_seconds, 0.95)), ""),
        ("request POST, longest", seconds(max(tally.post_seconds, default=0.0)), ""),
        ("form GET p95", seconds(percentile(tally.form_seconds, 0.95)), ""),
        ("conversation opening p95", seconds(percentile(tally.open_seconds, 0.95)), ""),
        ("requests created", str(result.requests_created), ""),
        (
            "CPU seconds: gunicorn's workers, the seekers",
            f"{result.server_cpu:.0f}, {result.client_cpu:.0f}",
            f"of {result.seconds * (os.cpu_count() or 1):.0f}",
        ),
        (
            "load average (1 min) before, after",
            f"{result.load_before:.2f}, {result.load_after:.2f}",
            "",
        ),
    ]
    for what, count in sorted(tally.errors.items()):
        lines.append((f"  error: {what}", str(count), ""))
    if tally.busy_without_crisis_lines:
        lines.append(
            (
                "  busy pages without crisis lines or the message",
                str(tally.busy_without_crisis_lines),
                "",
            )
        )
    if result.server_errors:
        lines.append(("  tracebacks in the server's log", str(result.server_errors), ""))
    return lines


def met(result: Result) -> bool:
    tally = result.tally
    return (
        not tally.errors
        and not result.server_errors
        and not tally.busy_without_crisis_lines
        and not tally.timeouts
        and not result.orphans
        and percentile(tally.post_seconds, 0.95) < GOAL_POST_P95
        and tally.opened == len(tally.words)
    )


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def print_report(result: Result, timeout: float, say: object = print) -> None:
    say(
        f"\nSeekers: {result.seekers} (arriving over {result.ramp:g} s) for "
        f"{result.seconds:.0f} s, "
        f"{result.server}; goal {'met' if met(result) else 'NOT met'}:"
    )
    lines = report(result, timeout)
    width = max(len(what) for what, _, _ in lines)
    say(f"  {'':<{width}}  {'measured':>14}  goal")
    for what, measured, goal in lines:
        say(f"  {what:<{width}}  {measured:>14}  {goal}".rstrip())


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seekers", type=int, default=200, help="people asking at once (0: none)")
    parser.add_argument(
        "--seeker-seconds", type=float, default=60.0, help="how long the seekers keep coming"
    )
    parser.add_argument(
        "--client-timeout", type=float, default=10.0, help="seconds a seeker waits for a page"
    )
    parser.add_argument(
        "--busy-pause",
        type=float,
        default=20.0,
        help="seconds (on average) before a seeker sends a busy page's form again; the page "
        "asks for a minute, people come back sooner",
    )
    parser.add_argument(
        "--typing-seconds",
        type=float,
        default=20.0,
        help="seconds (on average) a seeker takes to write before sending the form (0: none)",
    )
    parser.add_argument(
        "--ramp-seconds",
        type=float,
        default=5.0,
        help="the seekers arrive evenly over these first seconds, as a crowd does",
    )


def main(argv: list[str] | None = None) -> int:
    from bench.__main__ import configure_environment
    from bench.database import throwaway_database

    parser = argparse.ArgumentParser(prog="python -m bench.seekers", description=__doc__)
    add_arguments(parser)
    parser.add_argument("--seed", type=int, default=2026, help="seed of the seekers' choices")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="a PostgreSQL server to create a throwaway database on (default: SQLite)",
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="entraide-seekers-"))
    drop_database = None
    try:
        database_url, drop_database = throwaway_database(args.database_url, workdir)
        configure_environment(database_url, workdir)
        import django

        django.setup()
        prepare()
        result = run_from(args, workdir)
        print_report(result, args.client_timeout)
    finally:
        if drop_database:
            drop_database()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if met(result) else 1


def run_from(args: argparse.Namespace, workdir: Path) -> "Result":
    """`run_seekers` with the options of `add_arguments` (and `--seed`)."""
    return run_seekers(
        args.seekers,
        args.seeker_seconds,
        args.client_timeout,
        args.busy_pause,
        args.typing_seconds,
        args.ramp_seconds,
        args.seed,
        workdir,
    )


def prepare() -> None:
    """The schema, the reference data and the static files the production server needs."""
    from django.core.management import call_command

    from regions.reference_data import load_regions

    call_command("migrate", interactive=False, verbosity=0)
    load_regions()
    call_command("collectstatic", interactive=False, verbosity=0)


if __name__ == "__main__":
    raise SystemExit(main())
