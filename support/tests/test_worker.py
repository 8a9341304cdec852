"""The background worker, one pass at a time with simulated time: unanswered offers move on,
requests nobody took are unmatched (coordinators told once), expired conversations are
destroyed, expired applications deleted."""

import datetime
import io
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from audit.models import AuditEvent
from recruitment.models import Application
from support import conversation
from support.helper_actions import accept_offer, close_request
from support.matching import offer_to_next, start_matching
from support.models import HelpRequest, Message, Offer
from support.tests.helper_world import (
    CANARY,
    World,
    make_request,
    world_fixture,  # noqa: F401 (the `world` fixture)
)


def worker_once(at: datetime.datetime) -> str:
    out = io.StringIO()
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("worker", "--once", stdout=out)
    return out.getvalue()


def test_an_unanswered_offer_expires_after_two_hours_and_goes_to_the_next_helper(
    world: World,
) -> None:
    request = make_request(world.network_a, chosen=world.people["helper_a"])
    (first,) = start_matching(request)
    start = timezone.now()

    worker_once(start + datetime.timedelta(hours=1, minutes=59))
    first.refresh_from_db()
    assert first.status == Offer.Status.PENDING

    output = worker_once(start + datetime.timedelta(hours=2, minutes=1))
    assert "offers_expired=1" in output
    first.refresh_from_db()
    assert first.status == Offer.Status.EXPIRED
    second = request.offers.get(status=Offer.Status.PENDING)
    assert second.helper == world.people["helper_a2"]
    assert len(mail.outbox) == 2  # one email per offer


def test_urgent_offers_expire_after_ten_minutes(world: World) -> None:
    request = make_request(world.network_a, urgent=True)
    offers = start_matching(request)
    assert len(offers) == 2
    output = worker_once(timezone.now() + datetime.timedelta(minutes=11))
    assert "offers_expired=2" in output
    assert not request.offers.filter(status=Offer.Status.PENDING).exists()
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.UNMATCHED  # both were asked: nobody is left


@override_settings(SUPPORT_OFFER_DELAY=datetime.timedelta(hours=30))
def test_a_request_nobody_accepted_in_a_day_is_unmatched_and_coordinators_told_once(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    request = make_request(world.network_a, text=CANARY, phone="514 555-0101")
    (offer,) = start_matching(request)
    mail.outbox.clear()
    start = timezone.now()

    assert "requests_unmatched=0" in worker_once(start + datetime.timedelta(hours=23))
    with django_capture_on_commit_callbacks(execute=True):
        output = worker_once(start + datetime.timedelta(hours=24, minutes=1))
    assert "requests_unmatched=1" in output
    request.refresh_from_db()
    offer.refresh_from_db()
    assert offer.status == Offer.Status.WITHDRAWN
    # Still open: offered again in the same pass, to the helper not yet asked.
    assert request.status == HelpRequest.Status.OFFERED
    assert request.offers.get(status=Offer.Status.PENDING).helper == world.people["helper_a2"]
    with django_capture_on_commit_callbacks(execute=True):
        worker_once(start + datetime.timedelta(hours=25))

    told = [m for m in mail.outbox if m.to == ["coordinator_a@support.test"]]
    assert len(told) == 1
    email = told[0]
    assert "A request for help is waiting" in email.subject
    for secret in [CANARY, "514 555-0101", "French", "français"]:
        assert secret not in email.subject + email.body


def test_an_unmatched_request_is_offered_again_when_a_helper_becomes_available(
    world: World,
) -> None:
    from recruitment.models import HelperProfile

    HelperProfile.objects.update(is_away=True)
    request = make_request(world.network_a)
    start_matching(request)
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.UNMATCHED

    profile = HelperProfile.objects.get(membership=world.people["helper_a"])
    profile.is_away = False
    profile.save()  # as the helper's profile page saves it
    assert "requests_offered_again=1" in worker_once(timezone.now())
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.OFFERED
    assert request.offers.get().helper == world.people["helper_a"]


def test_a_pass_rechecks_unmatched_requests_only_when_their_network_changed_or_time_passed(
    world: World,
) -> None:
    from recruitment.models import HelperProfile

    HelperProfile.objects.update(is_away=True)
    requests = [make_request(world.network_a) for _ in range(3)]
    for request in requests:
        start_matching(request)
    start = timezone.now()
    with mock.patch("support.matching.offer_to_next", wraps=offer_to_next) as matching:
        worker_once(start + datetime.timedelta(minutes=1))
        assert matching.call_count == 0  # nothing changed: nobody is checked again

        HelperProfile.objects.filter(membership=world.people["helper_b"]).first().save()
        worker_once(start + datetime.timedelta(minutes=2))
        assert matching.call_count == 0  # a change in another network

        worker_once(start + datetime.timedelta(minutes=16))
        assert matching.call_count == 3  # every 15 minutes all the same, as hours come near


def closed_request(world: World, text: str) -> HelpRequest:
    request = make_request(world.network_a, text=text, phone="514 555-0101")
    offers = {o.helper_id: o for o in start_matching(request)}
    accept_offer(next(iter(offers.values())), None)
    request.refresh_from_db()
    close_request(request, None)
    return request


def test_retention_destroys_exactly_the_conversations_whose_time_has_come(world: World) -> None:
    now = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=now - datetime.timedelta(days=31)):
        old = closed_request(world, "old-canary")
    with mock.patch("django.utils.timezone.now", return_value=now - datetime.timedelta(days=29)):
        recent = closed_request(world, "recent-canary")
    open_one = make_request(world.network_a, text="open-canary")

    output = worker_once(now)
    assert "conversations_destroyed=1" in output

    old.refresh_from_db()
    assert old.status == HelpRequest.Status.DESTROYED
    assert old.wrapped_key is None and old.phone_encrypted is None
    assert not Message.objects.filter(request=old).exists()
    event = AuditEvent.objects.get(action="help_request.destroyed")
    assert event.object_id == str(old.pk) and event.actor is None

    recent.refresh_from_db()
    assert recent.status == HelpRequest.Status.CLOSED
    assert [m.text for m in conversation.read_messages(recent)] == ["recent-canary"]
    assert [m.text for m in conversation.read_messages(open_one)] == ["open-canary"]

    assert "conversations_destroyed=0" in worker_once(now + datetime.timedelta(hours=1))


def test_the_worker_deletes_expired_applications_and_prints_counts_only(world: World) -> None:
    Application.objects.create(
        network=world.network_a,
        name="Old applicant",
        email="old@example.org",
        roles=["helper"],
        motivation="To listen.",
        status=Application.Status.DECLINED,
        decided_at=timezone.now() - datetime.timedelta(days=200),
    )
    make_request(world.network_a, text=CANARY)
    output = worker_once(timezone.now())
    assert "applications_deleted=1" in output
    assert not Application.objects.exists()
    triage_line, counts_line = output.splitlines()  # which readers triage uses, then the counts
    assert triage_line.startswith("Crisis triage: ")
    assert "applications_deleted=1" in counts_line
    assert CANARY not in output and "Old applicant" not in output
    for count in [
        "offers_expired=0",
        "requests_unmatched=0",
        "requests_offered_again=1",  # the request was left waiting: the worker offers it
        "conversations_destroyed=0",
    ]:
        assert count in output
