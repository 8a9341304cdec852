"""What a helper does with a request: accept or decline an offer, reply, close; and the
destruction of closed conversations once the network's retention has passed. Each leaves a
content-free audit event."""

import datetime

from django.db import transaction
from django.utils import timezone

from audit.models import record
from support import conversation
from support.matching import claim, offer_to_next
from support.models import HelpRequest, Offer


class OfferGone(Exception):
    """The offer was already answered, expired or withdrawn (another helper may have accepted)."""


class ConversationClosed(Exception):
    """The conversation is closed: no more replies."""


def accept_offer(offer: Offer, by: object) -> HelpRequest:
    """Assigns the request to the offer's helper and withdraws every other offer. Of two
    helpers accepting an urgent request at once, only the first succeeds."""
    now = timezone.now()
    with transaction.atomic():
        answered = Offer.objects.filter(
            pk=offer.pk, status=Offer.Status.PENDING, expires_at__gt=now
        ).update(status=Offer.Status.ACCEPTED, answered_at=now)
        assigned = HelpRequest.objects.filter(
            pk=offer.request_id, status=HelpRequest.Status.OFFERED
        ).update(status=HelpRequest.Status.ASSIGNED, helper_id=offer.helper_id, assigned_at=now)
        if not (answered and assigned):
            transaction.set_rollback(True)
            raise OfferGone
        Offer.objects.filter(request_id=offer.request_id, status=Offer.Status.PENDING).update(
            status=Offer.Status.WITHDRAWN, answered_at=now
        )
    record(by, "offer.accepted", offer)
    return HelpRequest.objects.get(pk=offer.request_id)


def decline_offer(offer: Offer, by: object) -> None:
    """The helper says no: the request goes at once to the next helper (unless other offers of
    an urgent request still wait)."""
    now = timezone.now()
    declined = Offer.objects.filter(pk=offer.pk, status=Offer.Status.PENDING).update(
        status=Offer.Status.DECLINED, answered_at=now
    )
    if not declined:
        raise OfferGone
    record(by, "offer.declined", offer)
    offer_to_next(offer.request)


def reply(request: HelpRequest, text: str, by: object) -> None:
    if request.status != HelpRequest.Status.ASSIGNED:
        raise ConversationClosed
    conversation.add_message(request, text, from_helper=True)
    record(by, "help_request.replied", request)


def close_request(request: HelpRequest, by: object) -> None:
    """Closes the conversation; its content is destroyed after the network's retention days."""
    now = timezone.now()
    closed = HelpRequest.objects.filter(pk=request.pk, status=HelpRequest.Status.ASSIGNED).update(
        status=HelpRequest.Status.CLOSED,
        closed_at=now,
        destroy_after=now + datetime.timedelta(days=request.network.retention_days),
    )
    if not closed:
        raise ConversationClosed
    request.refresh_from_db()
    record(by, "help_request.closed", request)


def destroy_expired_conversations() -> int:
    """Destroys the content of closed requests whose retention has passed. Returns how many."""
    now = timezone.now()
    count = 0
    with transaction.atomic():
        due = claim(
            HelpRequest.objects.filter(
                status=HelpRequest.Status.CLOSED,
                destroy_after__isnull=False,
                destroy_after__lte=now,
            )
        )
        for request in due:
            conversation.destroy_content(request)
            record(None, "help_request.destroyed", request)
            count += 1
    return count
