"""Deletes the applications whose committee decision is older than the promised delay. Run it
daily (cron, or the worker): applicants are told their form is deleted after that delay."""

from django.core.management.base import BaseCommand

from recruitment.actions import destroy_expired_applications
from recruitment.models import DAYS_KEPT_AFTER_DECISION


class Command(BaseCommand):
    help = f"Deletes applications decided more than {DAYS_KEPT_AFTER_DECISION} days ago."

    def handle(self, *args: object, **options: object) -> None:
        count = destroy_expired_applications()
        self.stdout.write(f"{count} application(s) deleted.")
