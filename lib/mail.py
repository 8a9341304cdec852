"""Outgoing mail goes through the task queue, never from a request or a worker pass.

Each message is one task, written in the transaction of the change that sends it, so that a
rollback drops it. The task worker (`manage.py db_worker`) sends it, giving up on a connection
after EMAIL_TIMEOUT seconds; a failed message is queued again for later (RETRY_DELAYS), as a new
task of its own, so a retry never reaches anyone twice. The task worker claims each task before
sending it: two task workers never send the same one, and one killed mid-send leaves that message
unsent rather than risk sending it again.

Once a message is sent or dropped, its row keeps neither address nor text; finished rows are
deleted after FINISHED_TASKS_KEPT (by the worker's passes).
"""

import datetime
import logging

from django.core.mail import EmailMessage
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskContext, TaskResultStatus, task

logger = logging.getLogger(__name__)

# Seconds before each new attempt: six attempts over about three hours, then the message is
# dropped (an offer or a warning older than that would mislead more than it helps).
RETRY_DELAYS = (30, 120, 600, 1800, 7200)
ATTEMPTS = len(RETRY_DELAYS) + 1
FINISHED_TASKS_KEPT = datetime.timedelta(days=3)
LATE_AFTER = datetime.timedelta(minutes=2)  # an email due this long unsent: no task worker runs


def queue_email(message: EmailMessage) -> None:
    """Queues `message` (its subject, text, sender and recipients): sent after the commit."""
    deliver_email.enqueue(message.subject, message.body, message.from_email, list(message.to))


@task(takes_context=True)
def deliver_email(
    context: TaskContext, subject: str, body: str, from_email: str, to: list[str], attempt: int = 1
) -> str:
    """The task: sends one message, or queues it again for later. Logs never an address, a
    subject or a text, only the kind of failure."""
    try:
        EmailMessage(subject, body, from_email, to).send()
        outcome = "sent"
    except Exception as failure:
        outcome = try_again_later(failure, subject, body, from_email, to, attempt)
    forget_addresses(context)
    return outcome


def try_again_later(
    failure: Exception, subject: str, body: str, from_email: str, to: list[str], attempt: int
) -> str:
    kind = type(failure).__name__
    if attempt >= ATTEMPTS or not deliver_email.get_backend().supports_defer:
        logger.error("A mail was dropped after %d failed attempt(s) (%s).", attempt, kind)
        return "dropped"
    delay = RETRY_DELAYS[attempt - 1]
    later = deliver_email.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    later.enqueue(subject, body, from_email, to, attempt=attempt + 1)
    logger.warning(
        "A mail could not be sent (%s, attempt %d of %d): tried again in %d s.",
        kind,
        attempt,
        ATTEMPTS,
        delay,
    )
    return "retried"


def forget_addresses(context: TaskContext) -> None:
    """Empties the task's stored arguments: a finished row keeps no address and no text."""
    row = getattr(context.task_result, "db_result", None)  # only the database backend has one
    if row is not None:
        type(row).objects.filter(pk=row.pk).update(args_kwargs={"args": [], "kwargs": {}})


def prune_finished_tasks() -> int:
    """Deletes task rows finished more than FINISHED_TASKS_KEPT ago, and those a killed task
    worker left running as long. Returns the number deleted."""
    from django_tasks_db.models import DBTaskResult

    before = timezone.now() - FINISHED_TASKS_KEPT
    old = DBTaskResult.objects.filter(
        Q(finished_at__lte=before) | Q(status=TaskResultStatus.RUNNING, started_at__lte=before)
    )
    deleted, _ = old.delete()
    return deleted


def queue_is_late() -> bool:
    """Whether an email has been due for LATE_AFTER without being sent: no `db_worker` runs, or
    none keeps up. Always False when mail is not queued in the database (development)."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    if not isinstance(deliver_email.get_backend(), DatabaseBackend):
        return False
    late = timezone.now() - LATE_AFTER
    due = Q(run_after=get_date_max(), enqueued_at__lte=late) | Q(run_after__lte=late)
    return DBTaskResult.objects.ready().filter(due).exists()
