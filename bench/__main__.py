"""`make bench` (python -m bench): measures crisis triage, builds a throwaway directory of
generated services, then measures search latency, web throughput, people asking for help at
the same time, and reports over generated reporting sheets. See bench/README.md."""

import argparse
import base64
import os
import secrets
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from bench import seekers
from bench.database import throwaway_database

Summary = list[tuple[str, str]]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--services", type=int, default=10_000, help="services to generate")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the generator")
    parser.add_argument("--rounds", type=int, default=20, help="rounds of the search mix")
    parser.add_argument("--seconds", type=float, default=5.0, help="load time per page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--clients", type=int, default=4, help="client threads")
    parser.add_argument(
        "--sheets", type=int, default=1_000_000, help="reporting sheets to generate for reports"
    )
    parser.add_argument(
        "--networks", type=int, default=100, help="networks of the council the sheets go to"
    )
    seekers.add_arguments(parser)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="a PostgreSQL server to create a throwaway database on (default: SQLite in a "
        "temporary directory; also read from BENCH_DATABASE_URL)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # A plain `kill` must still run the clean-up below (gunicorn runs in its own session).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="entraide-bench-"))
    drop_database = None
    try:
        database_url, drop_database = throwaway_database(args.database_url, workdir)
        configure_environment(database_url, workdir)
        import django

        django.setup()
        summary: Summary = []
        measure_triage(summary)
        prepare_directory(args, summary)
        measure_latency(args, summary)
        measure_help_loop(args, summary)
        measure_throughput(args, workdir, summary)
        measure_seekers(args, workdir, summary)
        measure_reports(args, summary)
        print_summary(args, summary)
    finally:
        if drop_database:
            drop_database()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def configure_environment(database_url: str, workdir: Path) -> None:
    """Production-like settings on the throwaway database, read by this process and gunicorn."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": database_url,
            "DJANGO_DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ENTRAIDE_MASTER_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
            "ENTRAIDE_RECEIPT_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "BENCH_STATIC_ROOT": str(workdir / "static"),
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
    )


def measure_triage(summary: Summary) -> None:
    from bench.triage import triage_costs

    costs = triage_costs()
    say(f"Crisis triage ({costs.status}):")
    say(f"  model load {costs.load_seconds:.2f} s, {costs.memory_mib:.0f} MiB resident")
    ratio = costs.both_ms / costs.lexicon_ms if costs.lexicon_ms else float("nan")
    line = f"{costs.both_ms:.1f} ms = {ratio:.1f} x the lexicon alone ({costs.lexicon_ms:.2f} ms)"
    say(f"  one message, median over the held-out file: {line}")
    say(f"  the longest request (4,000 characters): {costs.long_ms:.1f} ms")
    summary.append(("triage model load", f"{costs.load_seconds:.2f} s, {costs.memory_mib:.0f} MiB"))
    summary.append(("triage of one message", line))
    summary.append(("triage of a 4,000-character request", f"{costs.long_ms:.1f} ms"))


def prepare_directory(args: argparse.Namespace, summary: Summary) -> None:
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import generate_services
    from directory.models import Service
    from directory.reference_data import load_directory_reference
    from directory.search import rebuild_index
    from regions.reference_data import load_regions

    say(f"Database: {connection.vendor}, {connection.settings_dict['NAME']}")
    call_command("migrate", interactive=False, verbosity=0)
    load_regions()
    load_directory_reference()
    started = time.perf_counter()
    created = generate_services(args.services, seed=args.seed)
    say(f"Generated {created:,} services in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    rebuild_index()
    elapsed = time.perf_counter() - started
    total = Service.objects.count()
    say(f"rebuild_index() over {total:,} services: {elapsed:.2f} s")
    summary.append(("services in the directory", f"{total:,}"))
    summary.append(("rebuild_index()", f"{elapsed:.2f} s"))


def measure_latency(args: argparse.Namespace, summary: Summary) -> None:
    from bench.latency import measure_search, median, percentile

    say(f"\nSearch latency, search_services() called directly, {args.rounds} rounds:")
    latency = measure_search(args.rounds, budget_seconds=60)
    say(f"  {'query':<28} {'results':>7} {'median':>9} {'p95':>9}")
    for query, times in latency.timings.items():
        hits = latency.hits[query]
        say(f"  {query:<28} {hits:>7} {ms(median(times)):>9} {ms(percentile(times, 0.95)):>9}")
    every = latency.all_timings
    say(f"  first call {ms(latency.first_call)}; {len(every)} timed searches")
    summary.append(("search latency, first call", ms(latency.first_call)))
    summary.append(("search latency, median", ms(median(every))))
    summary.append(("search latency, p95", ms(percentile(every, 0.95))))


def measure_help_loop(args: argparse.Namespace, summary: Summary) -> None:
    from django.db import connection

    from bench.support import HELPERS, hash_cost, requests_per_minute

    slow, fast = hash_cost()
    say(f"\nReceipt hash (Argon2): {ms(slow)} = {slow / fast:,.0f} x a SHA-256 of the same words")
    summary.append(("receipt hash (Argon2)", f"{ms(slow)} = {slow / fast:,.0f} x SHA-256"))
    rate, count = requests_per_minute(args.seconds)
    say(
        f"Help requests one network absorbs ({connection.vendor}, {HELPERS} helpers, submit + "
        f"triage + encrypt + match): {rate:,.0f} a minute ({count} in {args.seconds:g} s)"
    )
    summary.append((f"help requests a minute ({connection.vendor})", f"{rate:,.0f}"))


def measure_throughput(args: argparse.Namespace, workdir: Path, summary: Summary) -> None:
    from django.core.management import call_command

    from bench.load import BARE, TARGETS, check, measure, start_gunicorn, stop_gunicorn

    call_command("collectstatic", interactive=False, verbosity=0)
    say(
        f"\nThroughput: gunicorn, {args.workers} workers, {args.clients} client threads, "
        f"{args.seconds:g} s per page:"
    )
    process, port = start_gunicorn(args.workers, workdir / "gunicorn.log")
    try:
        rates = {}
        for target in TARGETS:
            check(port, target)
            result = measure(port, target, args.seconds, args.clients)
            rates[target] = result.per_second
            ratio = result.per_second / rates[BARE]
            line = f"{result.per_second:,.0f} req/s = {ratio:.2f} x bare"
            if result.errors:
                line += f" ({result.errors} errors)"
            say(f"  {target.name}: {line}")
            summary.append((target.name, line))
    finally:
        stop_gunicorn(process)


def measure_seekers(args: argparse.Namespace, workdir: Path, summary: Summary) -> None:
    from django.db import connection

    if not args.seekers:
        return
    result = seekers.run_from(args, workdir)
    seekers.print_report(result, args.client_timeout, say)
    tally = result.tally
    line = (
        f"goal {'met' if seekers.met(result) else 'NOT met'}: POST p95 "
        f"{seekers.percentile(tally.post_seconds, 0.95):.2f} s, "
        f"{sum(tally.errors.values()) + result.server_errors} errors, {tally.timeouts} timeouts, "
        f"{result.orphans} orphans, {tally.opened} of {len(tally.words)} receipts opened"
    )
    label = f"{args.seekers} seekers for {args.seeker_seconds:g} s ({connection.vendor})"
    summary.append((label, line))


def measure_reports(args: argparse.Namespace, summary: Summary) -> None:
    from django.db import connection

    from bench.reports import (
        COUNCIL_ROUNDS,
        NETWORK_ROUNDS,
        measure_council,
        measure_network,
        prepare,
        report_year,
    )

    year = report_year()
    say(
        f"\nReports: {args.sheets:,} sheets of {year} over {args.networks} networks of one "
        f"council ({connection.vendor}):"
    )
    started = time.perf_counter()
    bench = prepare(args.sheets, args.networks, args.seed, year)
    elapsed = time.perf_counter() - started
    say(f"  generated in {elapsed:.1f} s (with their topics and referrals)")
    summary.append((f"{args.sheets:,} sheets generated ({connection.vendor})", f"{elapsed:.1f} s"))

    network = measure_network(bench, NETWORK_ROUNDS)
    label = f"network annual report ({network.sheets:,} sheets)"
    say(f"  {label}: {against_sql(network.report, network.plain)}")
    say(f"    count_networks() alone: {against_sql(network.counting, network.plain)}")
    summary.append((label, against_sql(network.report, network.plain)))

    council = measure_council(bench, COUNCIL_ROUNDS)
    label = f"freezing the {council.networks} networks' reports"
    line = f"{council.freeze:.1f} s ({ms(council.freeze / max(council.networks, 1))} each)"
    say(f"  {label}: {line}")
    summary.append((label, line))
    label = f"council report ({council.sheets:,} sheets, {council.networks} networks)"
    say(f"  {label}: {against_sql(council.report, council.plain)}")
    total = council.published_total
    if total.get("value") != council.sheets:
        say(f"    published total {total}, not {council.sheets:,}")
    summary.append((label, against_sql(council.report, council.plain)))


def against_sql(seconds: float, plain: float) -> str:
    ratio = seconds / plain
    shown = f"{ratio:.2f}" if ratio < 1 else f"{ratio:.1f}"
    return f"{ms(seconds)} = {shown} x plain SQL GROUP BY ({ms(plain)})"


def print_summary(args: argparse.Namespace, summary: Summary) -> None:
    from django.db import connection

    say(f"\nSummary ({connection.vendor}, seed {args.seed}, {args.workers} gunicorn workers)")
    width = max(len(label) for label, _ in summary)
    say(f"  {'-' * width}  {'-' * 30}")
    for label, value in summary:
        say(f"  {label:<{width}}  {value}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def say(text: str) -> None:
    print(text, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
