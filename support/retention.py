"""Retention of requests that never close.

A request no helper ever accepted (waiting, offered or unmatched) is destroyed once its network's
retention days have passed since the person's last message (or since it was sent): its pending
offers are withdrawn. An open conversation in which nobody writes for the network's
`idle_close_days` closes by itself, its helper warned by email and in the inbox 7 days and 1 day
before; from then on the normal retention of closed conversations applies
(support.helper_actions.destroy_expired_conversations). Each leaves a content-free audit event.
"""

import datetime
import math

from django.db import transaction
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils import timezone

from audit.models import record
from networks.models import Membership, Network
from support import conversation, notifications
from support.matching import claim, something_changed
from support.models import HelpRequest, Message, Offer

NEVER_ACCEPTED = [
    HelpRequest.Status.WAITING,
    HelpRequest.Status.OFFERED,
    HelpRequest.Status.UNMATCHED,
]
# How long before an idle conversation closes its helper is warned, the earliest first.
IDLE_WARNINGS = (datetime.timedelta(days=7), datetime.timedelta(days=1))
# An idle conversation closes this long after its last warning at the soonest.
LAST_WARNING_AT_LEAST = datetime.timedelta(hours=12)
DESTROYED = "help_request.destroyed"  # the same event as a closed conversation's destruction
CLOSED_FOR_INACTIVITY = "help_request.closed_for_inactivity"
LAST_MESSAGE = Subquery(
    Message.objects.filter(request=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
)


def networks_with(statuses: list[str]) -> QuerySet[Network]:
    """The networks with requests in these statuses (the deadlines are the network's)."""
    requests = HelpRequest.objects.filter(status__in=statuses).values("network_id")
    return Network.objects.filter(pk__in=requests).only("pk", "retention_days", "idle_close_days")


def never_accepted_silent_since(network: Network, since: datetime.datetime) -> QuerySet:
    """The network's requests nobody accepted, sent before `since`, with no message since."""
    requests = HelpRequest.objects.filter(
        network=network, status__in=NEVER_ACCEPTED, created_at__lte=since
    )
    return requests.exclude(messages__created_at__gt=since).order_by("pk")


def open_silent_since(network: Network, since: datetime.datetime) -> QuerySet:
    """The network's open conversations, accepted before `since`, with no message since."""
    requests = HelpRequest.objects.filter(
        network=network, status=HelpRequest.Status.ASSIGNED, assigned_at__lte=since
    )
    return requests.exclude(messages__created_at__gt=since).order_by("pk")


def destroy_never_accepted() -> int:
    """Destroys the requests nobody accepted, once the network's retention days have passed
    without a message from the person. Returns how many."""
    now = timezone.now()
    count = 0
    for network in networks_with(NEVER_ACCEPTED):
        since = now - datetime.timedelta(days=network.retention_days)
        with transaction.atomic():
            due = list(claim(never_accepted_silent_since(network, since)))
            Offer.objects.filter(request__in=due, status=Offer.Status.PENDING).update(
                status=Offer.Status.WITHDRAWN, answered_at=now
            )
            for request in due:
                conversation.destroy_content(request)
                record(None, DESTROYED, request)
        count += len(due)
    # A message the person sent at the very moment of destruction is stored after it, encrypted
    # with a key no longer kept: unreadable, and deleted here too.
    Message.objects.filter(request__status=HelpRequest.Status.DESTROYED).delete()
    return count


def closes_at(request: HelpRequest, last_message: datetime.datetime | None) -> datetime.datetime:
    """When an open conversation closes by itself if nobody writes in it before."""
    started = request.assigned_at or request.created_at
    last = max(started, last_message) if last_message else started
    return last + datetime.timedelta(days=request.network.idle_close_days)


def closes_soon(
    request: HelpRequest, last_message: datetime.datetime | None
) -> datetime.datetime | None:
    """When an open conversation closes by itself, once its helper is being warned of it (the
    mark on the inbox and on the conversation page); None otherwise."""
    if request.status != HelpRequest.Status.ASSIGNED:
        return None
    closing = closes_at(request, last_message)
    return closing if timezone.now() >= closing - IDLE_WARNINGS[0] else None


def warnings_passed(closing: datetime.datetime, moment: datetime.datetime) -> int:
    return sum(1 for before in IDLE_WARNINGS if moment >= closing - before)


def days_left_if_warning_due(request: HelpRequest, now: datetime.datetime) -> int | None:
    """The days left before an open conversation closes by itself, when a warning is due now:
    one it has not had since its last message (`request.last_message`, annotated)."""
    closing = closes_at(request, request.last_message)
    active_since = closing - datetime.timedelta(days=request.network.idle_close_days)
    warned_at = request.idle_warned_at
    had = warnings_passed(closing, warned_at) if warned_at and warned_at >= active_since else 0
    if warnings_passed(closing, now) <= had:
        return None
    return max(1, math.ceil((closing - now) / datetime.timedelta(days=1)))


def warn_idle_conversations() -> int:
    """Emails each helper whose open conversation entered a warning (7 days, then 1 day before
    it closes by itself), once per warning; a message written since a warning starts over.
    Returns the number of emails sent. The email says nothing of the conversation, and a helper
    who left the network is not written to."""
    now = timezone.now()
    sent = 0
    for network in networks_with([HelpRequest.Status.ASSIGNED]):
        since = now - datetime.timedelta(days=network.idle_close_days) + IDLE_WARNINGS[0]
        with transaction.atomic():
            silent = claim(open_silent_since(network, since))
            due = []
            for request in silent.annotate(last_message=LAST_MESSAGE):
                request.network = network
                days = days_left_if_warning_due(request, now)
                if days is not None:
                    due.append((request, days))
            HelpRequest.objects.filter(pk__in=[r.pk for r, _ in due]).update(idle_warned_at=now)
            helpers = Membership.objects.active().filter(pk__in=[r.helper_id for r, _ in due])
            emails = dict(helpers.values_list("pk", "user__email"))
            # Queued in the transaction that marks the warning given: sent once, or not at all.
            for request, days in due:
                if request.helper_id in emails:
                    notifications.send_bilingual(
                        "support/helper/email/idle",
                        [emails[request.helper_id]],
                        "support:inbox",
                        extra={"days": days},
                    )
                    sent += 1
    return sent


def close_idle_conversations() -> int:
    """Closes the open conversations nobody wrote in for the network's `idle_close_days`: the
    person sees why, and the network's retention days start. Returns how many."""
    now = timezone.now()
    count = 0
    for network in networks_with([HelpRequest.Status.ASSIGNED]):
        since = now - datetime.timedelta(days=network.idle_close_days)
        with transaction.atomic():
            # Also those whose six words expired: the person can never open them again, and a
            # helper writing alone must not keep them open (and their messages) for ever.
            words_expired = HelpRequest.objects.filter(
                network=network, status=HelpRequest.Status.ASSIGNED, receipt_expires_at__lte=now
            )
            # Never without the last warning, given half a day before at least and followed by
            # no message (the worker down for a week, idle days lowered by the coordinator).
            warned = (
                open_silent_since(network, since)
                .filter(idle_warned_at__lte=now - LAST_WARNING_AT_LEAST)
                .exclude(messages__created_at__gt=F("idle_warned_at"))
            )
            due = list(claim(warned | words_expired))
            HelpRequest.objects.filter(pk__in=[r.pk for r in due]).update(
                status=HelpRequest.Status.CLOSED,
                closed_at=now,
                destroy_after=now + datetime.timedelta(days=network.retention_days),
                closed_for_inactivity=True,
            )
            for request in due:
                record(None, CLOSED_FOR_INACTIVITY, request)
            if due:
                something_changed(network.pk)  # their helpers are further from their caps
        count += len(due)
    return count
