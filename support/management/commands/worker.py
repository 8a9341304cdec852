"""The background worker: moves unanswered offers on, tells coordinators of requests nobody
took, destroys conversations past their retention, deletes expired applications, warns helpers
of private notes soon destroyed and destroys the notes past their date.

Run `python manage.py worker` as a service (a pass every 30 seconds until interrupted), or
`--once` from cron or tests. Several workers may run at once on PostgreSQL: each claims its rows
with SKIP LOCKED.
"""

import time

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

import triage.model
from records.notes import destroy_expired_notes, warn_expiring_notes
from recruitment.actions import destroy_expired_applications
from support.helper_actions import destroy_expired_conversations
from support.matching import (
    expire_offers,
    give_up_on_old_requests,
    retry_unmatched,
    withdraw_offers_of_helpers_gone,
)

PAUSE_SECONDS = 30


def run_pass() -> dict[str, int]:
    """One pass; returns counts only (never anything about a request's or a note's content)."""
    return {
        "offers_expired": expire_offers(),
        "offers_withdrawn": withdraw_offers_of_helpers_gone(),
        "requests_unmatched": give_up_on_old_requests(),
        "requests_offered_again": retry_unmatched(),
        "conversations_destroyed": destroy_expired_conversations(),
        "applications_deleted": destroy_expired_applications(),
        "notes_warned": warn_expiring_notes(),
        "notes_destroyed": destroy_expired_notes(),
    }


class Command(BaseCommand):
    help = "Runs the background jobs of the help loop, of recruiting and of private notes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run a single pass and stop.")

    def handle(self, *args: object, **options: object) -> None:
        # One line at start says whether crisis triage reads with the model or the lexicon alone.
        self.stdout.write(f"Crisis triage: {triage.model.status()}.")
        try:
            while True:
                counts = run_pass()
                line = " ".join(f"{name}={count}" for name, count in counts.items())
                self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M:%S} {line}")
                if options["once"]:
                    return
                time.sleep(PAUSE_SECONDS)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
