"""Whether the worker runs: each worker process stamps its row after every pass, and a monitor
asks whether any did so recently (`manage.py worker_health`, `/health/worker/`)."""

import datetime
import logging
import os
import socket

from django.db import DatabaseError
from django.utils import timezone

from support.models import WorkerHeartbeat

# No pass for this long means no worker runs: a pass starts every 30 seconds.
LATE_AFTER = datetime.timedelta(minutes=2)
FORGOTTEN_AFTER = datetime.timedelta(days=1)  # rows of processes long gone are deleted
logger = logging.getLogger(__name__)


def name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def beat(started_at: datetime.datetime) -> None:
    """Stamps this process's row; a failure is logged, the next pass tries again."""
    now = timezone.now()
    try:
        WorkerHeartbeat.objects.update_or_create(
            name=name(), defaults={"started_at": started_at, "passed_at": now}
        )
        WorkerHeartbeat.objects.filter(passed_at__lt=now - FORGOTTEN_AFTER).delete()
    except DatabaseError:
        logger.exception("The worker could not stamp its heartbeat.")


def stop() -> None:
    """A worker stopping cleanly removes its row."""
    try:
        WorkerHeartbeat.objects.filter(name=name()).delete()
    except DatabaseError:
        logger.exception("The worker could not remove its heartbeat.")


def last_pass() -> datetime.datetime | None:
    """When any worker last finished a pass."""
    latest = WorkerHeartbeat.objects.order_by("-passed_at").first()
    return latest.passed_at if latest else None


def workers_running() -> int:
    """Worker processes that passed within LATE_AFTER."""
    return WorkerHeartbeat.objects.filter(passed_at__gte=timezone.now() - LATE_AFTER).count()


def is_late() -> bool:
    passed = last_pass()
    return passed is None or passed < timezone.now() - LATE_AFTER
