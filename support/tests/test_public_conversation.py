"""Coming back with the passphrase: one URL, the same answer for every wrong passphrase,
feedback once closed, and nothing typed by the person left readable. (How the words may be
typed, guessing, reloading and access tokens: test_coming_back.py.)"""

import datetime
import logging

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from support import conversation, receipts
from support.models import Feedback, HelpRequest
from support.tests import test_public_request
from support.tests.test_public_request import Place, ask, assert_private, fake_triage, passphrase_in

place = test_public_request.place  # the same fixture
URL = "/en/help/conversation/"
CANARY = "zq-canary-4417-do-not-store"


def come_back(client: Client, passphrase: str, **fields: str) -> object:
    return client.post(URL, {"passphrase": passphrase, **fields})


def new_request(message: str = "Hello") -> tuple[HelpRequest, str]:
    passphrase = passphrase_in(ask(Client(), message=message))
    return HelpRequest.objects.get(receipt_locator=receipts.locator_of(passphrase)), passphrase


def every_stored_value() -> list[object]:
    """Every value of every column of every table, read back with raw SQL."""
    values = []
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")
            for row in cursor.fetchall():
                values.extend(row)
    return values


def stored_anywhere(secret: str) -> bool:
    needle = secret.encode()
    for value in every_stored_value():
        if isinstance(value, memoryview):
            value = value.tobytes()
        if isinstance(value, bytes) and needle in value:
            return True
        if isinstance(value, str) and secret in value:
            return True
    return False


def test_the_page_asks_for_the_passphrase_and_sets_no_cookie(place: Place) -> None:
    response = Client().get(URL)
    assert response.status_code == 200
    assert_private(response)
    assert 'name="passphrase"' in response.content.decode()


def test_the_whole_loop_ask_read_the_reply_write_close_and_give_feedback(place: Place) -> None:
    request, passphrase = new_request("My first message")
    # Nobody is available around the clock in this place: matching found no helper.
    assert (
        "No peer helper is available right now" in come_back(Client(), passphrase).content.decode()
    )
    HelpRequest.objects.filter(pk=request.pk).update(status=HelpRequest.Status.WAITING)
    response = come_back(Client(), passphrase.upper())
    html = response.content.decode()
    assert response.status_code == 200
    assert_private(response)
    assert "My first message" in html and "waiting for a peer helper" in html

    request.refresh_from_db()
    conversation.add_message(request, "A reply from the helper", from_helper=True)
    HelpRequest.objects.filter(pk=request.pk).update(status=HelpRequest.Status.ASSIGNED)
    html = come_back(Client(), passphrase).content.decode()
    assert "A reply from the helper" in html and "A peer helper accepted your request" in html
    # The open page carries a short-lived access token, never the words themselves.
    assert 'name="access"' in html and passphrase not in html

    response = come_back(Client(), passphrase, action="write", text="Thank you, see you soon")
    assert response.status_code == 200 and "Your message was sent" in response.content.decode()
    assert [m.text for m in conversation.read_messages(request)][-1] == "Thank you, see you soon"

    HelpRequest.objects.filter(pk=request.pk).update(status=HelpRequest.Status.CLOSED)
    html = come_back(Client(), passphrase).content.decode()
    assert "This conversation is closed" in html and "Was this conversation helpful?" in html
    assert 'value="write"' not in html
    answers = {"helpful": "yes", "would_recommend": "partly", "got_resource": "no"}
    response = come_back(Client(), passphrase, action="feedback", **answers)
    assert "Thank you for your answers" in response.content.decode()
    feedback = Feedback.objects.get()
    assert (feedback.network, feedback.helpful, feedback.got_resource) == (
        place.network,
        "yes",
        "no",
    )
    assert feedback.month == timezone.localdate().replace(day=1)
    request.refresh_from_db()
    assert request.feedback_given

    again = come_back(Client(), passphrase, action="feedback", **answers).content.decode()
    assert Feedback.objects.count() == 1 and "Was this conversation helpful?" not in again


def test_a_closed_conversation_takes_no_more_messages(place: Place) -> None:
    request, passphrase = new_request()
    HelpRequest.objects.filter(pk=request.pk).update(status=HelpRequest.Status.CLOSED)
    come_back(Client(), passphrase, action="write", text="too late")
    assert request.messages.count() == 1


def test_feedback_cannot_be_given_before_the_conversation_is_closed(place: Place) -> None:
    _request, passphrase = new_request()
    answers = {"helpful": "yes", "would_recommend": "yes", "got_resource": "yes"}
    come_back(Client(), passphrase, action="feedback", **answers)
    assert not Feedback.objects.exists()


def test_wrong_unknown_and_expired_passphrases_get_exactly_the_same_answer(place: Place) -> None:
    request, passphrase = new_request()
    wrong = " ".join(reversed(passphrase.split()))
    HelpRequest.objects.filter(pk=request.pk).update(
        receipt_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    typed = (wrong, "nothing at all here", passphrase)
    answers = [come_back(Client(), text) for text in typed]
    assert {r.status_code for r in answers} == {200}
    # Each page shows back what was typed (to fix a mistake), and nothing else differs.
    bodies = [
        r.content.decode().replace(text, "TYPED") for r, text in zip(answers, typed, strict=True)
    ]
    assert bodies[0] == bodies[1] == bodies[2]
    assert "do not open a conversation" in answers[0].content.decode()
    assert "Hello" not in answers[2].content.decode()
    for response in answers:
        assert_private(response)


def test_the_passphrase_is_never_stored_and_the_canary_never_readable(
    place: Place, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    request, passphrase = new_request(f"I need to talk {CANARY}")
    come_back(Client(), passphrase, action="write", text=f"again {CANARY}")
    come_back(Client(), "some wrong words here")
    assert request.messages.count() == 2
    for secret in (CANARY, passphrase, receipts.normalise(passphrase)):
        assert not stored_anywhere(secret)
        assert secret not in caplog.text
        for message in mail.outbox:
            assert secret not in message.subject and secret not in message.body
    assert CANARY in come_back(Client(), passphrase).content.decode()


def test_an_urgent_message_marks_the_request_urgent_and_shows_the_crisis_numbers_first(
    place: Place, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_triage(monkeypatch)
    request, passphrase = new_request("Work is hard")
    assert not request.urgent
    response = come_back(Client(), passphrase, action="write", text="tonight URGENTWORD")
    html = response.content.decode()
    main = html[html.index('<main id="main"') :]
    assert main.index("911") < main.index("<h1>")
    assert "tonight URGENTWORD" in main  # never blocked
    request.refresh_from_db()
    assert request.urgent and request.level == "plan"


def test_with_no_helper_available_the_person_is_shown_the_other_ways_to_get_help(
    place: Place,
) -> None:
    request, passphrase = new_request()
    HelpRequest.objects.filter(pk=request.pk).update(status=HelpRequest.Status.UNMATCHED)
    html = come_back(Client(), passphrase).content.decode()
    other_ways = html[html.index("data-other-ways") :]
    assert "EAP" in other_ways and 'href="tel:811"' in other_ways and "doctor" in other_ways


def test_no_ip_address_of_the_person_is_stored_or_logged(
    place: Place, caplog: pytest.LogCaptureFixture
) -> None:
    address = "203.0.113.77"
    client = Client(REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=address)
    caplog.set_level(logging.DEBUG)
    passphrase = passphrase_in(ask(client, message="Bonjour"))
    come_back(client, passphrase, action="write", text="Encore moi")
    come_back(client, "wrong words here and there too")
    assert not stored_anywhere(address)
    assert address not in caplog.text
