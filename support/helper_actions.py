"""What a helper does with a request: accept or decline an offer, reply, close; and the
destruction of closed conversations once the network's retention has passed. Each leaves a
content-free audit event."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.models import record
from recruitment.models import HelperProfile
from support import conversation
from support.matching import (
    claim,
    end_offers_and_move_on,
    lock_for_matching,
    open_conversations,
    something_changed,
)
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
        # Matching's lock order (network, then request), and the helper's other offers moved
        # on in the same transaction: no stop in between leaves them waiting for a full helper.
        lock_for_matching(offer.request_id)
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
        something_changed(offer.request.network_id)  # the helper has no offer waiting now
        move_on_if_full(offer.helper_id)
    return HelpRequest.objects.get(pk=offer.request_id)


def move_on_if_full(helper_id: int) -> None:
    """A helper who reached their cap is no longer asked: the other offers waiting for them are
    withdrawn (they may be made again once a conversation closes) and go to other helpers."""
    profile = HelperProfile.objects.filter(membership_id=helper_id).first()
    if (
        profile is None
        or open_conversations([helper_id])[helper_id] < profile.open_conversation_cap
    ):
        return
    waiting = Offer.objects.filter(helper_id=helper_id, status=Offer.Status.PENDING)
    for request_id in sorted(set(waiting.values_list("request_id", flat=True))):
        end_offers_and_move_on(request_id, Q(helper_id=helper_id), Offer.Status.WITHDRAWN)


def decline_offer(offer: Offer, by: object) -> None:
    """The helper says no: the request goes at once to the next helper (unless other offers of
    an urgent request still wait), in the same transaction."""
    if not end_offers_and_move_on(offer.request_id, Q(pk=offer.pk), Offer.Status.DECLINED):
        raise OfferGone
    record(by, "offer.declined", offer)


def reply(request: HelpRequest, text: str, by: object, form_token: str = "") -> None:
    """The helper's message, once per form (a reload or a double tap sends it once)."""
    if request.status != HelpRequest.Status.ASSIGNED:
        raise ConversationClosed
    if conversation.add_message(request, text, from_helper=True, form_token=form_token):
        record(by, "help_request.replied", request)


def resource_text(resource: object) -> str:
    """A workplace resource as a message the person can keep: name, phone, hours, website."""
    lines = [resource.name, resource.phone, resource.hours, resource.website, resource.details]
    return "\n".join(line for line in lines if line)


def mark_seen(request: HelpRequest) -> datetime.datetime | None:
    """The helper reads the conversation now; returns when they had read it before."""
    before = request.helper_seen_at
    request.helper_seen_at = timezone.now()
    HelpRequest.objects.filter(pk=request.pk).update(helper_seen_at=request.helper_seen_at)
    return before


def close_request(request: HelpRequest, by: object) -> None:
    """Closes the conversation; its content is destroyed after the network's retention days."""
    now = timezone.now()
    with transaction.atomic():
        lock_for_matching(request.pk)  # matching's lock order, as every change of a request
        closed = HelpRequest.objects.filter(
            pk=request.pk, status=HelpRequest.Status.ASSIGNED
        ).update(
            status=HelpRequest.Status.CLOSED,
            closed_at=now,
            destroy_after=now + datetime.timedelta(days=request.network.retention_days),
        )
        if not closed:
            raise ConversationClosed
        something_changed(request.network_id)  # the helper is further from their cap
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
