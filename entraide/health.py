"""`/health/`: what a load balancer or a monitor asks. It names no person and no page."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from lib import keys
from lib.mail import queue_is_late
from support import heartbeat
from triage import model


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 while the database answers; triage says "model" or "lexicon only" (still working),
    the worker "ok" or "late" (the web still works: see `worker` for monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError:
        database = "unavailable"
    triage = "model" if model.status() == "model" else "lexicon only"
    worker, mail = worker_state(), mail_state()
    return JsonResponse(
        # "keys": whether stored data keys unwrap (a sample, once a minute: lib/keys.py).
        {
            "database": database,
            "triage": triage,
            "worker": worker,
            "mail": mail,
            "keys": keys.health(),
        },
        status=200 if database == "ok" else 503,
    )


def worker_state() -> str:
    """ "ok", "late", or "unknown" when the database cannot say (down, or not migrated yet)."""
    try:
        return "late" if heartbeat.is_late() else "ok"
    except DatabaseError:
        return "unknown"


@never_cache
@require_safe
def worker(request: HttpRequest) -> JsonResponse:
    """For a monitor, not a load balancer: 503 when no worker passed within 2 minutes (offers
    would stop moving on and nothing would be destroyed) or when queued mail is not being sent
    (no `db_worker`), while the web still serves."""
    worker, mail = worker_state(), mail_state()
    healthy = worker == "ok" and mail == "ok"
    return JsonResponse({"worker": worker, "mail": mail}, status=200 if healthy else 503)


def mail_state() -> str:
    """ "ok", "late" (an email due for 2 minutes: no `db_worker` runs) or "unknown"."""
    try:
        return "late" if queue_is_late() else "ok"
    except DatabaseError:
        return "unknown"
