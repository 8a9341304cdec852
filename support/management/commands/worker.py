"""The background worker: moves unanswered offers on, tells coordinators of requests nobody
took, destroys conversations past their retention, deletes expired applications, warns helpers
of private notes soon destroyed and destroys the notes past their date.

Run `python manage.py worker` as a service (a pass every 30 seconds until stopped), or `--once`
from cron or tests. Several workers may run at once: each claims its rows with SKIP LOCKED on
PostgreSQL, and matching takes one lock per network. A failing step (a database restart, a cut
connection) is logged and tried again on the next pass, on a new connection; SIGTERM or SIGINT
lets the current step finish, then the worker stops. After each pass it stamps its heartbeat
row, which `manage.py worker_health` and `/health/worker/` read.
"""

import logging
import signal
import threading
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connections
from django.utils import timezone

import triage.model
from lib.mail import prune_finished_tasks
from records.notes import destroy_expired_notes, warn_expiring_notes
from recruitment.actions import destroy_expired_applications
from support import heartbeat
from support.helper_actions import destroy_expired_conversations
from support.matching import (
    expire_offers,
    give_up_on_old_requests,
    repair_offered_without_offer,
    retry_unmatched,
    withdraw_offers_of_helpers_gone,
)
from support.retention import (
    close_idle_conversations,
    destroy_never_accepted,
    warn_idle_conversations,
)

PAUSE_SECONDS = 30.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)  # systemd's stop, and Ctrl-C
FAILED = "failed"
logger = logging.getLogger(__name__)

# Each step commits its own work, so stopping between two steps loses nothing.
STEPS: list[tuple[str, Callable[[], int]]] = [
    ("offers_expired", expire_offers),
    ("offers_withdrawn", withdraw_offers_of_helpers_gone),
    ("requests_repaired", repair_offered_without_offer),
    ("requests_destroyed", destroy_never_accepted),
    ("requests_unmatched", give_up_on_old_requests),
    ("requests_offered_again", retry_unmatched),
    ("conversations_destroyed", destroy_expired_conversations),
    ("conversations_closed_idle", close_idle_conversations),
    ("idle_warnings_sent", warn_idle_conversations),
    ("applications_deleted", destroy_expired_applications),
    ("notes_warned", warn_expiring_notes),
    ("notes_destroyed", destroy_expired_notes),
    ("mail_tasks_pruned", prune_finished_tasks),
]


def run_pass(stopping: threading.Event | None = None) -> dict[str, int | str]:
    """One pass; returns counts only (never anything about a request's or a note's content).
    A step that fails is logged and counted as "failed"; the others still run."""
    drop_broken_connections()
    counts: dict[str, int | str] = {}
    for name, step in STEPS:
        if stopping is not None and stopping.is_set():
            break
        try:
            counts[name] = step()
        except Exception:
            logger.exception("The worker's step %s failed; the next pass tries again.", name)
            counts[name] = FAILED
            drop_broken_connections()
    return counts


def drop_broken_connections() -> None:
    """Closes connections the database cut (a restart, a failover) or that are too old, so that
    the next query opens a new one. Never inside a transaction (as a test runs)."""
    if not any(connection.in_atomic_block for connection in connections.all()):
        close_old_connections()


class Command(BaseCommand):
    help = "Runs the background jobs of the help loop, of recruiting and of private notes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run a single pass and stop.")
        parser.add_argument(
            "--pause",
            type=float,
            default=PAUSE_SECONDS,
            help="Seconds between two passes (default 30).",
        )

    def handle(self, *args: object, **options: object) -> None:
        # One line at start says whether crisis triage reads with the model or the lexicon alone.
        self.stdout.write(f"Crisis triage: {triage.model.status()}.")
        stopping = threading.Event()
        previous = {sig: signal.signal(sig, lambda *_: stopping.set()) for sig in STOP_SIGNALS}
        started_at = timezone.now()
        try:
            while not stopping.is_set():
                counts = run_pass(stopping)
                self.report(counts)
                # Only a whole pass counts: a step failing on every pass shows as a late worker.
                if not stopping.is_set() and FAILED not in counts.values():
                    heartbeat.beat(started_at)
                if options["once"]:
                    if FAILED in counts.values():
                        raise CommandError("A step of the pass failed; see the log.")
                    return
                stopping.wait(options["pause"])
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        heartbeat.stop()  # stopped on purpose: no longer counted as running
        self.stdout.write("Stopped.")

    def report(self, counts: dict[str, int | str]) -> None:
        line = " ".join(f"{name}={count}" for name, count in counts.items())
        self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} {line}")
        self.stdout.flush()
