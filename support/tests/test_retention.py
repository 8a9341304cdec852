"""Retention of requests that never close, with simulated time, through the real worker command
and the real pages: requests nobody accepted are destroyed after the network's retention days
without news from the person; open conversations nobody writes in warn their helper, then close
by themselves; nothing else is touched, and after 400 days nothing personal is left."""

import contextlib
import datetime
import io
from collections.abc import Iterator
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from django.utils import formats, timezone, translation

from audit.models import AuditEvent
from recruitment.models import HelperProfile
from support import conversation, receipts
from support.helper_actions import accept_offer, close_request
from support.matching import start_matching
from support.models import Feedback, HelpRequest, Message, Offer
from support.tests.helper_world import (
    CANARY,
    World,
    make_request,
    world_fixture,  # noqa: F401 (the `world` fixture)
)
from support.tests.test_public_request import ask, passphrase_in

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)
COME_BACK = "/en/help/conversation/"
INBOX = "/en/support/"
WARNING_SUBJECT = "A conversation closes soon on Entraide"


@pytest.fixture
def words(world: World, settings: object) -> World:
    """The world, with the Argon2 hasher that six-word receipts are checked with."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    return world


@contextlib.contextmanager
def at(moment: datetime.datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def worker_once(moment: datetime.datetime) -> str:
    out = io.StringIO()
    with at(moment):
        call_command("worker", "--once", stdout=out)
    return out.getvalue()


def ask_for_help(moment: datetime.datetime, message: str) -> tuple[HelpRequest, str]:
    """A request sent through network A's form at `moment`, and its six words."""
    with at(moment):
        passphrase = passphrase_in(ask(Client(), code="SUPPA2", message=message))
    return HelpRequest.objects.get(receipt_locator=receipts.locator_of(passphrase)), passphrase


def come_back(moment: datetime.datetime, passphrase: str, **fields: str) -> str:
    with at(moment):
        response = Client().post(COME_BACK, {"passphrase": passphrase, **fields})
    assert response.status_code == 200
    return response.content.decode()


def helper_name(world: World, request: HelpRequest) -> str:
    helper_id = request.offers.get(status=Offer.Status.PENDING).helper_id
    return next(name for name, m in world.people.items() if m.pk == helper_id)


def accepted(world: World, moment: datetime.datetime) -> tuple[HelpRequest, str, str]:
    """A request sent at `moment` and accepted an hour later on the helper's page; returns it,
    its words and the name of its helper."""
    request, passphrase = ask_for_help(moment, "Hello, I need to talk")
    name = helper_name(world, request)
    offer = request.offers.get(status=Offer.Status.PENDING)
    with at(moment + HOUR):
        response = world.client_for(name).post(f"/en/support/offer/{offer.pk}/accept/")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.ASSIGNED
    return request, passphrase, name


def page(world: World, name: str, url: str, moment: datetime.datetime) -> str:
    with at(moment):
        response = world.client_for(name).get(url)
    assert response.status_code == 200
    return response.content.decode()


def warnings_to(world: World, name: str) -> list:
    return [
        m for m in mail.outbox if m.to == [world.user(name).email] and WARNING_SUBJECT in m.subject
    ]


def assert_destroyed(request: HelpRequest) -> None:
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.DESTROYED
    assert request.wrapped_key is None and request.phone_encrypted is None
    assert not Message.objects.filter(request=request).exists()


def test_a_request_nobody_accepted_is_destroyed_after_the_retention_days_of_silence(
    words: World,
) -> None:
    HelperProfile.objects.update(is_away=True)  # nobody can take it
    start = timezone.now()
    request, passphrase = ask_for_help(start, "Nobody answers me")
    assert request.status == HelpRequest.Status.UNMATCHED
    elsewhere = make_request(words.network_b, text=CANARY, phone="514 555-0101")
    words.network_b.retention_days = 60
    words.network_b.save()

    assert "requests_destroyed=0" in worker_once(start + 20 * DAY)
    # The person writes again on day 20: the 30 days start over.
    assert "Your message was sent" in come_back(
        start + 20 * DAY, passphrase, action="write", text="Still here"
    )
    assert "requests_destroyed=0" in worker_once(start + 30 * DAY + HOUR)
    assert "requests_destroyed=0" in worker_once(start + 50 * DAY - MINUTE)
    request.refresh_from_db()
    assert [m.text for m in conversation.read_messages(request)] == [
        "Nobody answers me",
        "Still here",
    ]

    assert "requests_destroyed=1" in worker_once(start + 50 * DAY + MINUTE)
    assert_destroyed(request)
    event = AuditEvent.objects.get(action="help_request.destroyed")
    assert event.object_id == str(request.pk) and event.actor is None
    # Network B keeps its requests 60 days.
    elsewhere.refresh_from_db()
    assert elsewhere.status != HelpRequest.Status.DESTROYED
    assert [m.text for m in conversation.read_messages(elsewhere)] == [CANARY]

    # The person's words still work (90 days): they see what happened, not an error.
    html = come_back(start + 51 * DAY, passphrase)
    assert "No peer helper could take this request" in html
    assert "After 30 days without a new message, it was destroyed with its messages" in html
    assert "The messages of this conversation have been destroyed." in html
    assert "Nobody answers me" not in html and "Still here" not in html
    assert 'value="write"' not in html  # nothing to write in
    assert "Was this conversation helpful?" not in html  # no conversation took place
    assert 'href="/en/help/SUPPA2/"' in html and "Other ways to get help now" in html
    answers = {"helpful": "no", "would_recommend": "no", "got_resource": "no"}
    come_back(start + 51 * DAY, passphrase, action="feedback", **answers)
    assert not Feedback.objects.exists()

    assert "requests_destroyed=1" in worker_once(start + 60 * DAY + MINUTE)
    assert_destroyed(elsewhere)
    # A message stored just after its request was destroyed (sent at that very moment).
    Message.objects.create(request=request, from_helper=False, body_encrypted=b"late")
    worker_once(start + 60 * DAY + 2 * MINUTE)
    assert not Message.objects.exists()


@override_settings(SUPPORT_OFFER_DELAY=datetime.timedelta(days=40))
def test_a_request_still_offered_is_destroyed_and_its_offer_withdrawn(words: World) -> None:
    start = timezone.now()
    request, passphrase = ask_for_help(start, "Is anyone there?")
    name = helper_name(words, request)
    offer = request.offers.get()
    assert "A request in" in page(words, name, INBOX, start + 29 * DAY)

    assert "requests_destroyed=1" in worker_once(start + 30 * DAY + MINUTE)
    assert_destroyed(request)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.WITHDRAWN
    assert "A request in" not in page(words, name, INBOX, start + 30 * DAY + 2 * MINUTE)
    with at(start + 30 * DAY + 2 * MINUTE):
        refused = words.client_for(name).post(f"/en/support/offer/{offer.pk}/accept/")
    assert refused.status_code == 404
    assert "No peer helper could take this request" in come_back(start + 31 * DAY, passphrase)


def test_the_receipt_says_when_a_request_nobody_takes_is_destroyed(words: World) -> None:
    html = ask(Client(), code="SUPPA2", message="Hello").content.decode()
    assert (
        "If no peer helper can take your request, it is destroyed with its messages 30 days "
        "after your last message." in html
    )


def test_an_idle_conversation_warns_its_helper_twice_then_closes_by_itself(
    words: World,
) -> None:
    start = timezone.now()
    request, passphrase, name = accepted(words, start)
    url = f"/en/support/request/{request.pk}/"
    with at(start + 10 * DAY):  # the helper's reply: the 30 days start over
        client = words.client_for(name)
        response = client.post(url, {"text": "I am here for you", "form_token": "reply-1"})
    assert response.status_code == 302
    mail.outbox.clear()

    output = worker_once(start + 32 * DAY)  # 30 days after it was accepted, 22 after the reply
    assert "conversations_closed_idle=0" in output and "idle_warnings_sent=0" in output
    assert "Closes by itself" not in page(words, name, INBOX, start + 32 * DAY)

    assert "idle_warnings_sent=1" in worker_once(start + 33 * DAY + HOUR)
    (first,) = warnings_to(words, name)
    assert "It closes by itself in 7 days unless you or the person write in it." in first.body
    assert "https://entraide.test/fr/support/" in first.body
    for secret in ["Hello", "I am here for you"]:
        assert secret not in first.subject + first.body
    inbox = page(words, name, INBOX, start + 33 * DAY + 2 * HOUR)
    with translation.override("en"):
        closing = formats.date_format(timezone.localtime(start + 40 * DAY), "DATE_FORMAT")
    assert f"Closes by itself on {closing} without a message" in inbox
    assert f"it closes by itself on {closing} unless" in page(
        words, name, url, start + 33 * DAY + 2 * HOUR
    )
    assert "idle_warnings_sent=0" in worker_once(start + 33 * DAY + 3 * HOUR)  # once

    assert "idle_warnings_sent=1" in worker_once(start + 39 * DAY + HOUR)
    assert "It closes by itself in 1 day unless" in warnings_to(words, name)[-1].body
    assert "idle_warnings_sent=0" in worker_once(start + 39 * DAY + 2 * HOUR)
    assert len(warnings_to(words, name)) == 2
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.ASSIGNED

    closed_at = start + 40 * DAY + MINUTE
    assert "conversations_closed_idle=1" in worker_once(closed_at)
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.CLOSED and request.closed_for_inactivity
    assert request.destroy_after == closed_at + 30 * DAY
    event = AuditEvent.objects.get(action="help_request.closed_for_inactivity")
    assert event.object_id == str(request.pk) and event.actor is None
    assert "It closed by itself: nobody had written in it for 30 days." in page(
        words, name, url, start + 41 * DAY
    )
    html = come_back(start + 41 * DAY, passphrase)
    assert "This conversation closed by itself: nobody had written in it for 30 days." in html
    assert "I am here for you" in html  # readable until its retention ends
    assert "Was this conversation helpful?" in html

    assert "conversations_destroyed=0" in worker_once(start + 70 * DAY)
    assert "conversations_destroyed=1" in worker_once(start + 70 * DAY + 2 * MINUTE)
    assert_destroyed(request)
    assert len(warnings_to(words, name)) == 2


def test_a_message_from_the_person_clears_the_warning_and_restarts_the_clock(
    words: World,
) -> None:
    start = timezone.now()
    request, passphrase, name = accepted(words, start)  # accepted at start + 1 hour
    mail.outbox.clear()
    assert "idle_warnings_sent=1" in worker_once(start + 23 * DAY + 2 * HOUR)
    assert "Closes by itself on" in page(words, name, INBOX, start + 23 * DAY + 3 * HOUR)

    assert "Your message was sent" in come_back(
        start + 25 * DAY, passphrase, action="write", text="Sorry, I was away"
    )
    assert "Closes by itself on" not in page(words, name, INBOX, start + 25 * DAY + MINUTE)
    output = worker_once(start + 31 * DAY)
    assert "conversations_closed_idle=0" in output and "idle_warnings_sent=0" in output
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.ASSIGNED

    # A new silence: warned again 7 days before the new date, once.
    assert "idle_warnings_sent=0" in worker_once(start + 47 * DAY + 23 * HOUR)
    assert "idle_warnings_sent=1" in worker_once(start + 48 * DAY + MINUTE)
    assert len(warnings_to(words, name)) == 2
    assert "in 7 days" in warnings_to(words, name)[-1].body


def test_nothing_else_is_touched(words: World) -> None:
    start = timezone.now()
    with at(start):
        closed = make_request(words.network_a, text="closed-canary", phone="514 555-0101")
        offer = start_matching(closed)[0]
        accept_offer(offer, None)
        closed.refresh_from_db()
        close_request(closed, None)
    talking, passphrase, name = accepted(words, start)
    mail.outbox.clear()
    for day in (10, 20):  # the person writes every ten days
        come_back(start + day * DAY, passphrase, action="write", text=f"Day {day}")

    output = worker_once(start + 30 * DAY - MINUTE)
    assert "conversations_destroyed=0" in output and "requests_destroyed=0" in output
    closed.refresh_from_db()
    assert closed.status == HelpRequest.Status.CLOSED and not closed.closed_for_inactivity
    assert [m.text for m in conversation.read_messages(closed)] == ["closed-canary"]

    come_back(start + 30 * DAY, passphrase, action="write", text="Day 30")
    assert "conversations_destroyed=1" in worker_once(start + 30 * DAY + MINUTE)
    assert_destroyed(closed)
    assert not AuditEvent.objects.filter(action="help_request.closed_for_inactivity").exists()

    come_back(start + 40 * DAY, passphrase, action="write", text="Day 40")
    output = worker_once(start + 45 * DAY)
    assert "conversations_closed_idle=0" in output and "idle_warnings_sent=0" in output
    talking.refresh_from_db()
    assert talking.status == HelpRequest.Status.ASSIGNED and talking.wrapped_key is not None
    assert not warnings_to(words, name)


def test_after_400_days_nothing_personal_is_left_of_requests_in_every_status(
    world: World,
) -> None:
    world.network_b.retention_days = 90
    world.network_b.idle_close_days = 90  # the longest a network may keep anything
    world.network_b.save()
    start = timezone.now()
    with at(start):
        for network in (world.network_a, world.network_b):
            make_request(network, text=CANARY, phone="514 555-0101")  # waiting
            unmatched = make_request(network, text=CANARY)
            HelpRequest.objects.filter(pk=unmatched.pk).update(status=HelpRequest.Status.UNMATCHED)
            start_matching(make_request(network, text=CANARY))  # offered
            for closing in (False, True):
                request = make_request(network, text=CANARY, phone="514 555-0101")
                accept_offer(start_matching(request)[0], None)
                request.refresh_from_db()
                conversation.add_message(request, "A reply", from_helper=True)
                if closing:
                    close_request(request, None)
    statuses = set(HelpRequest.objects.values_list("status", flat=True))
    assert statuses == {"waiting", "unmatched", "offered", "assigned", "closed"}
    assert Message.objects.count() == 14

    for day in range(0, 401, 10):
        worker_once(start + day * DAY)

    assert set(HelpRequest.objects.values_list("status", flat=True)) == {"destroyed"}
    assert not HelpRequest.objects.filter(wrapped_key__isnull=False).exists()
    assert not HelpRequest.objects.filter(phone_encrypted__isnull=False).exists()
    assert not Message.objects.exists()
    assert not Offer.objects.filter(status=Offer.Status.PENDING).exists()
    assert AuditEvent.objects.filter(action="help_request.destroyed").count() == 10


def policies(**changes: object) -> dict:
    data = {
        "findable_by_name": "on",
        "retention_days": 30,
        "idle_close_days": 30,
        "report_threshold": 5,
        "authorised_minutes_per_week": "",
    }
    return data | changes


def test_the_coordinator_sets_how_long_a_conversation_may_stay_silent(world: World) -> None:
    client = world.client_for("coordinator_a")
    url = f"/en/networks/{world.network_a.pk}/settings/"
    assert 'name="idle_close_days" value="30"' in client.get(url).content.decode()
    for value, message in [
        (13, "Leave an open conversation at least 14 days without a message."),
        (91, "An open conversation may go at most 90 days without a message."),
    ]:
        refused = client.post(url, policies(idle_close_days=value))
        assert refused.status_code == 200 and message in refused.content.decode()
    world.network_a.refresh_from_db()
    assert world.network_a.idle_close_days == 30

    assert client.post(url, policies(idle_close_days=45)).status_code == 302
    world.network_a.refresh_from_db()
    assert world.network_a.idle_close_days == 45
    assert AuditEvent.objects.filter(action="network.policies.changed").count() == 1

    with pytest.raises(IntegrityError), transaction.atomic():
        type(world.network_a).objects.filter(pk=world.network_a.pk).update(idle_close_days=7)


def test_a_conversation_only_its_helper_writes_in_closes_when_the_six_words_expire(
    words: World,
) -> None:
    start = timezone.now()
    request, _passphrase, name = accepted(words, start)
    client = words.client_for(name)
    for day in range(20, 121, 20):  # the helper checks in every 20 days; the person is gone
        with at(start + datetime.timedelta(days=day)):
            client = words.client_for(name)
            client.post(
                f"/en/support/request/{request.pk}/",
                {"text": "Still here if you need me", "form_token": f"token-{day}"},
            )
        worker_once(start + datetime.timedelta(days=day, hours=1))
        request.refresh_from_db()
        if day < receipts.RECEIPT_DAYS:
            assert request.status == HelpRequest.Status.ASSIGNED, day
    assert request.status == HelpRequest.Status.CLOSED  # nobody can open it any more
    assert request.closed_for_inactivity


def test_a_conversation_past_its_days_at_once_is_warned_before_it_closes(words: World) -> None:
    """The coordinator lowers the days (or the worker was stopped): warned first, closed later."""
    start = timezone.now()
    request, _passphrase, name = accepted(words, start)
    mail.outbox.clear()
    worker_once(start + 20 * DAY)
    assert not warnings_to(words, name)
    words.network_a.idle_close_days = 14
    words.network_a.save()

    worker_once(start + 20 * DAY + HOUR)
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.ASSIGNED and len(warnings_to(words, name)) == 1
    worker_once(start + 20 * DAY + 14 * HOUR)
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.CLOSED
