"""`manage.py worker_health`: exits 0 while a worker passed within the last 2 minutes and no
queued email waited that long (a `db_worker` runs), 1 otherwise, for a monitor or a timer."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lib.mail import queue_is_late
from support import heartbeat


class Command(BaseCommand):
    help = "Says whether a worker passed within the last 2 minutes (exit status 1 if not)."

    def handle(self, *args: object, **options: object) -> None:
        if queue_is_late():
            raise CommandError("Queued mail has waited 2 minutes: start `manage.py db_worker`.")
        passed = heartbeat.last_pass()
        if passed is None:
            raise CommandError("No worker has ever passed: start `manage.py worker`.")
        seconds = int((timezone.now() - passed).total_seconds())
        if heartbeat.is_late():
            raise CommandError(f"No worker has passed for {seconds} seconds.")
        running = heartbeat.workers_running()
        self.stdout.write(f"Last worker pass {seconds} seconds ago; {running} worker(s) running.")
