"""Matching a request with the peer helpers of its network.

A request is offered to one eligible helper at a time (to every eligible helper at once when
urgent). An offer waits for an answer until it expires; then, or when declined, the request moves
to the next eligible helper. With nobody left, or nobody accepting within a day, the request is
unmatched and the network's coordinators are told that a request waits (nothing more).

A helper's cap counts the conversations they accepted, never the offers waiting for them: offers
cost a stranger nothing to cause, so no burst of requests can make every helper look full. A
request with neither a message nor a topic waits in line behind the others: it is offered only
to a helper who has no other offer waiting.
"""

import datetime
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from networks.models import Membership, Network, Role
from recruitment.models import HelperProfile
from support.models import HelpRequest, Offer

OFFER_DELAY = datetime.timedelta(hours=2)
URGENT_OFFER_DELAY = datetime.timedelta(minutes=10)
# A helper is eligible if one of their weekly slots is open now or opens within this window; a
# request nobody accepted within it is unmatched.
MATCHING_WINDOW = datetime.timedelta(hours=24)
LOCAL_TIME = zoneinfo.ZoneInfo("America/Montreal")
OPEN_STATUSES = [HelpRequest.Status.WAITING, HelpRequest.Status.OFFERED]
RETRIED_STATUSES = [HelpRequest.Status.WAITING, HelpRequest.Status.UNMATCHED]
# A request nobody could take is checked again after this long even when nothing changed in
# its network, since helpers' weekly hours come within the matching window as time passes.
RECHECK_AFTER = datetime.timedelta(minutes=15)


def offer_delay(request: HelpRequest) -> datetime.timedelta:
    if request.urgent:
        return getattr(settings, "SUPPORT_URGENT_OFFER_DELAY", URGENT_OFFER_DELAY)
    return getattr(settings, "SUPPORT_OFFER_DELAY", OFFER_DELAY)


def claim(queryset: QuerySet) -> QuerySet:
    """Rows locked for this transaction, skipping those another worker holds (PostgreSQL); on
    SQLite a write transaction already runs alone."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset


def is_available(profile: HelperProfile, now: datetime.datetime) -> bool:
    """Whether one of the helper's weekly slots (local time) is open now or opens within the
    matching window."""
    local_now = now.astimezone(LOCAL_TIME)
    window_end = local_now + MATCHING_WINDOW
    for slot in profile.slots.all():
        for days in (-1, 0, 1, 2):
            day = local_now.date() + datetime.timedelta(days=days)
            if day.weekday() != slot.weekday:
                continue
            start = datetime.datetime.combine(day, slot.starts_at, tzinfo=LOCAL_TIME)
            end = datetime.datetime.combine(day, slot.ends_at, tzinfo=LOCAL_TIME)
            if end <= start:  # a slot past midnight
                end += datetime.timedelta(days=1)
            if start < window_end and end > local_now:
                return True
    return False


def open_conversations(memberships: Iterable[Membership | int]) -> dict[int, int]:
    """How many conversations each helper accepted and has not closed: what their cap counts."""
    ids = [getattr(m, "pk", m) for m in memberships]
    counts = dict.fromkeys(ids, 0)
    assigned = (
        HelpRequest.objects.filter(helper_id__in=ids, status=HelpRequest.Status.ASSIGNED)
        .values("helper_id")
        .annotate(n=Count("pk"))
    )
    for row in assigned:
        counts[row["helper_id"]] += row["n"]
    return counts


def waiting_offers(memberships: Iterable[Membership | int]) -> dict[int, int]:
    """How many offers wait for each helper's answer."""
    ids = [getattr(m, "pk", m) for m in memberships]
    counts = dict.fromkeys(ids, 0)
    pending = (
        Offer.objects.filter(helper_id__in=ids, status=Offer.Status.PENDING)
        .values("helper_id")
        .annotate(n=Count("pk"))
    )
    for row in pending:
        counts[row["helper_id"]] += row["n"]
    return counts


def loads(memberships: Iterable[Membership | int]) -> dict[int, int]:
    """Each helper's load, to spread requests: open conversations plus offers waiting."""
    ids = [getattr(m, "pk", m) for m in memberships]
    conversations, offers = open_conversations(ids), waiting_offers(ids)
    return {pk: conversations[pk] + offers[pk] for pk in ids}


def is_empty(request: HelpRequest) -> bool:
    """Neither a message nor a topic: such a request waits behind the others."""
    return not request.urgent and not (request.messages.exists() or request.topics.exists())


def eligible_helpers(
    request: HelpRequest, now: datetime.datetime | None = None, *, in_line: bool | None = None
) -> list[HelperProfile]:
    """The helpers this request may be offered to now (in no particular order). A helper who
    declined it or let it expire is not asked again; one whose offer was withdrawn may be.
    A request `in_line` (by default: one with neither message nor topic) goes only to helpers
    with no other offer waiting."""
    now = now or timezone.now()
    asked = Offer.objects.filter(request=request).exclude(status=Offer.Status.WITHDRAWN)
    profiles = (
        HelperProfile.objects.active()
        .filter(membership__network_id=request.network_id, membership__role=Role.HELPER)
        .exclude(membership__in=request.excluded_helpers.all())
        .exclude(membership__in=asked.values("helper_id"))
        .select_related("membership")
        .prefetch_related("slots", "topics")
    )
    if request.team_id is not None:
        profiles = profiles.exclude(supervised_teams=request.team_id)
    speaking = [p for p in profiles if request.language in (p.languages or [])]
    ids = [p.membership_id for p in speaking]
    conversations = open_conversations(ids)
    in_line = is_empty(request) if in_line is None else in_line
    offers = waiting_offers(ids) if in_line else dict.fromkeys(ids, 0)
    return [
        p
        for p in speaking
        if conversations[p.membership_id] < p.open_conversation_cap
        and offers[p.membership_id] == 0
        and is_available(p, now)
    ]


def rank(request: HelpRequest, helpers: list[HelperProfile]) -> list[HelperProfile]:
    """Most shared topics first, then the lowest load, then the longest since their last offer;
    the helper the person chose comes first when eligible."""
    wanted = {t.pk for t in request.topics.all()}
    load = loads(p.membership_id for p in helpers)
    last_offers = dict(
        Offer.objects.filter(helper_id__in=[p.membership_id for p in helpers])
        .values("helper_id")
        .annotate(last=Max("offered_at"))
        .values_list("helper_id", "last")
    )
    never = datetime.datetime.min.replace(tzinfo=datetime.UTC)

    def key(profile: HelperProfile) -> tuple:
        chosen = profile.membership_id == request.chosen_helper_id
        shared = len(wanted & {t.pk for t in profile.topics.all()})
        last = last_offers.get(profile.membership_id) or never
        return (not chosen, -shared, load[profile.membership_id], last, profile.pk)

    return sorted(helpers, key=key)


def start_matching(request: HelpRequest) -> list[Offer]:
    """Offers a new request to the first eligible helper (or to all of them when urgent)."""
    return offer_to_next(request)


def lock_for_matching(request_id: int) -> HelpRequest | None:
    """Inside a transaction: the network's matching lock, then the request's row. One matching
    at a time per network: two requests sent at the same moment must not both count a helper as
    free of offers, or both as under their cap."""
    network_id = HelpRequest.objects.filter(pk=request_id).values_list("network_id", flat=True)
    # NO KEY: a new request of the network (its foreign key) never waits for this lock.
    Network.objects.select_for_update(no_key=True).filter(pk__in=network_id).first()
    return HelpRequest.objects.select_for_update(no_key=True).filter(pk=request_id).first()


def offer_to_next(request: HelpRequest, *, now_urgent: bool = False) -> list[Offer]:
    """Makes the next offer(s) of a request that has none waiting. Returns the offers made.
    `now_urgent`: the request just became urgent, so it goes at once to every eligible helper
    not yet asked, even while an offer waits."""
    with transaction.atomic():
        locked = lock_for_matching(request.pk)
        if locked is None:
            return []
        offers = offer_locked(locked, now_urgent=now_urgent)
        request.status = locked.status
    return offers


def offer_locked(locked: HelpRequest, *, now_urgent: bool = False) -> list[Offer]:
    """The next offer(s) of a request whose matching lock this transaction holds. With no
    eligible helper, the request is unmatched, or, when it has neither message nor topic and
    helpers are only busy with other offers, it waits in line; either way it is checked again
    only when something changes in its network (`something_changed`) or after RECHECK_AFTER."""
    from support.notifications import tell_helpers_of_offers

    if locked.status not in OPEN_STATUSES + [HelpRequest.Status.UNMATCHED]:
        return []
    if locked.offers.filter(status=Offer.Status.PENDING).exists() and not now_urgent:
        return []
    now = timezone.now()
    ranked = rank(locked, eligible_helpers(locked, now))
    if not ranked:
        if waits_in_line(locked, now):
            locked.status = HelpRequest.Status.WAITING
        elif locked.status != HelpRequest.Status.UNMATCHED:
            mark_unmatched(locked)
        locked.matching_checked_at = now
        locked.save(update_fields=["status", "matching_checked_at"])
        return []
    chosen = ranked if locked.urgent else ranked[:1]
    expires_at = now + offer_delay(locked)
    offers = [make_offer(locked, p.membership, now, expires_at) for p in chosen]
    locked.status, locked.matching_checked_at = HelpRequest.Status.OFFERED, None
    locked.save(update_fields=["status", "matching_checked_at"])
    tell_helpers_of_offers(offers)  # queued in this transaction: never sent for a rollback
    return offers


def end_offers_and_move_on(request_id: int, which: Q, status: str) -> int:
    """Ends the pending offers of one request that match `which` (expired, declined or
    withdrawn) and makes its next offer in the same transaction, so that no stop between the
    two can leave a request "offered" with no offer waiting. Returns how many offers ended."""
    with transaction.atomic():
        locked = lock_for_matching(request_id)
        if locked is None:
            return 0
        ended = locked.offers.filter(which, status=Offer.Status.PENDING).update(
            status=status, answered_at=timezone.now()
        )
        if ended:
            something_changed(locked.network_id)  # a helper is free of an offer
            offer_locked(locked)
    return ended


def something_changed(network_id: int) -> None:
    """A helper of the network may have become able to take a request (available, under their
    cap, free of offers): its requests without an offer are checked on the next worker pass."""
    HelpRequest.objects.filter(
        network_id=network_id, status__in=RETRIED_STATUSES, matching_checked_at__isnull=False
    ).update(matching_checked_at=None)


def make_offer(
    request: HelpRequest,
    helper: Membership,
    now: datetime.datetime,
    expires_at: datetime.datetime,
) -> Offer:
    """A new offer, or the helper's withdrawn offer of this request made again."""
    offer, _ = Offer.objects.update_or_create(
        request=request,
        helper=helper,
        defaults={
            "status": Offer.Status.PENDING,
            "offered_at": now,
            "expires_at": expires_at,
            "answered_at": None,
        },
    )
    return offer


def waits_in_line(request: HelpRequest, now: datetime.datetime) -> bool:
    """Whether a request with neither message nor topic has helpers who are only busy with
    other offers: it then waits in line instead of being unmatched."""
    if not is_empty(request) or request.created_at <= now - MATCHING_WINDOW:
        return False
    return bool(eligible_helpers(request, now, in_line=False))


def mark_unmatched(request: HelpRequest) -> None:
    """No helper for this request: pending offers are withdrawn and the coordinators told (at
    most once an hour for a network, however many requests wait)."""
    from support.notifications import tell_coordinators_a_request_waits

    now = timezone.now()
    request.offers.filter(status=Offer.Status.PENDING).update(
        status=Offer.Status.WITHDRAWN, answered_at=now
    )
    request.status = HelpRequest.Status.UNMATCHED
    request.save(update_fields=["status"])
    if request.coordinator_told_at is None:
        request.coordinator_told_at = now
        request.save(update_fields=["coordinator_told_at"])
        tell_coordinators_a_request_waits(request)  # queued in the same transaction


def expire_offers() -> int:
    """Pending offers past their time become unanswered; their requests move on, each in one
    transaction with its next offer. Returns the number of offers expired."""
    now = timezone.now()
    due = Offer.objects.filter(status=Offer.Status.PENDING, expires_at__lte=now)
    request_ids = sorted(set(due.values_list("request_id", flat=True)))
    return sum(
        end_offers_and_move_on(request_id, Q(expires_at__lte=now), Offer.Status.EXPIRED)
        for request_id in request_ids
    )


def give_up_on_old_requests() -> int:
    """Requests nobody accepted within the matching window become unmatched, once: the
    coordinators are told, and the request is offered again later (retry_unmatched), without
    being given up on a second time. Returns how many."""
    limit = timezone.now() - MATCHING_WINDOW
    count = 0
    with transaction.atomic():
        stale = claim(
            HelpRequest.objects.filter(
                status__in=OPEN_STATUSES, created_at__lte=limit, coordinator_told_at__isnull=True
            )
        )
        for request in stale:
            mark_unmatched(request)
            count += 1
    return count


def retry_unmatched() -> int:
    """Requests with no offer waiting (unmatched, or waiting in line) are offered again, urgent
    ones first, for as long as the person's words work (the person was told the request stays
    open): those whose network changed since they were last checked, and the others every
    RECHECK_AFTER, as helpers' weekly hours come within the matching window. Returns how many
    got an offer."""
    now = timezone.now()
    waiting = (
        HelpRequest.objects.filter(status__in=RETRIED_STATUSES, receipt_expires_at__gt=now)
        .filter(
            Q(matching_checked_at__isnull=True) | Q(matching_checked_at__lte=now - RECHECK_AFTER)
        )
        .exclude(offers__status=Offer.Status.PENDING)
        .order_by("-urgent", "created_at")
    )
    return sum(1 for request in waiting if offer_to_next(request))


def repair_offered_without_offer() -> int:
    """Requests marked offered with no offer waiting (left so by a failure elsewhere) are
    offered again at once. Returns how many were found."""
    stuck = HelpRequest.objects.filter(status=HelpRequest.Status.OFFERED).exclude(
        offers__status=Offer.Status.PENDING
    )
    found = list(stuck.order_by("-urgent", "created_at"))
    for request in found:
        offer_to_next(request)
    return len(found)


def withdraw_offers_of_helpers_gone() -> int:
    """Offers waiting for a helper who can no longer take requests (away, left the network, or
    the current pledge not signed) go to other helpers. Returns how many were withdrawn."""
    gone = ~Q(helper_id__in=HelperProfile.objects.active().values("membership_id"))
    stale = Offer.objects.filter(gone, status=Offer.Status.PENDING)
    request_ids = sorted(set(stale.values_list("request_id", flat=True)))
    return sum(
        end_offers_and_move_on(request_id, gone, Offer.Status.WITHDRAWN)
        for request_id in request_ids
    )
