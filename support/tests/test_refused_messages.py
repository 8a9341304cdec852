"""No typed message is ever lost: every page that refuses to send what a person or a helper
wrote (a closed conversation, a page left open too long, words mistyped or missing, a message
too long) shows the text back in a text field."""

import datetime
import re
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone

from support import conversation, receipts
from support.helper_actions import accept_offer, close_request
from support.models import HelpRequest, Offer
from support.tests.helper_world import World, world_fixture  # noqa: F401
from support.tests.test_request_receipt import send, words_on

URL = "/en/help/conversation/"
TEXTAREA = re.compile(r"<textarea\b[^>]*>\n?(.*?)</textarea>", re.DOTALL)
TYPED = "Je voulais vous dire <merci> & à demain,\nvraiment."


@pytest.fixture(autouse=True)
def receipts_open(world: World, settings: object) -> None:
    """Staff passwords hash fast here; the six words are always checked with Argon2."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


def textareas(response: object) -> list[str]:
    return [unescape(text) for text in TEXTAREA.findall(response.content.decode())]


def assigned_request(world: World) -> tuple[HelpRequest, str]:
    """A request the person sent, accepted by helper_a, and the six words that open it."""
    response = send(Client(), world.network_a.code, message="Bonjour", chosen_helper=helper(world))
    offer = Offer.objects.get(helper=world.people["helper_a"], status=Offer.Status.PENDING)
    accept_offer(offer, world.user("helper_a"))
    return HelpRequest.objects.get(pk=offer.request_id), words_on(response)


def helper(world: World) -> int:
    return world.people["helper_a"].pk


def access_of(passphrase: str) -> str:
    html = Client().post(URL, {"passphrase": passphrase}).content.decode()
    return re.search(r'name="access" value="([^"]+)"', html).group(1)


def an_hour_later(monkeypatch: pytest.MonkeyPatch) -> None:
    later = timezone.now() + datetime.timedelta(minutes=receipts.ACCESS_MINUTES + 1)
    monkeypatch.setattr("time.time", lambda: later.timestamp())


def written(request: HelpRequest) -> list[str]:
    return [message.text for message in conversation.read_messages(request)]


def test_a_request_refused_for_a_missing_answer_keeps_its_message(world: World) -> None:
    response = send(Client(), world.network_a.code, message=TYPED, contact="phone", phone="")
    assert response.status_code == 200 and not words_on(response)
    assert "Give a number so that a helper can call you." in response.content.decode()
    assert TYPED in textareas(response)


def test_a_message_for_a_conversation_closed_meanwhile_is_shown_back(world: World) -> None:
    request, passphrase = assigned_request(world)
    access = access_of(passphrase)
    close_request(request, world.user("helper_a"))
    form = {"access": access, "action": "write", "text": TYPED, "form_token": "c-1"}
    response = Client().post(URL, form)
    assert response.status_code == 200
    assert "closed this conversation before your message could be sent" in response.content.decode()
    assert TYPED in textareas(response)
    assert TYPED not in written(request)


def test_a_message_too_long_for_a_closed_conversation_is_shown_back_too(world: World) -> None:
    request, passphrase = assigned_request(world)
    access = access_of(passphrase)
    close_request(request, world.user("helper_a"))
    long_text = TYPED + "x" * 4000
    response = Client().post(URL, {"access": access, "action": "write", "text": long_text})
    assert long_text in textareas(response)


def test_a_message_too_long_is_shown_back_with_what_to_change(world: World) -> None:
    request, passphrase = assigned_request(world)
    long_text = TYPED + "x" * 4000
    form = {"access": access_of(passphrase), "action": "write", "text": long_text}
    response = Client().post(URL, form)
    assert "errorlist" in response.content.decode()
    assert long_text in textareas(response)


def test_a_message_kept_after_a_timeout_survives_every_refusal_until_it_is_sent(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    request, passphrase = assigned_request(world)
    access = access_of(passphrase)
    with monkeypatch.context() as later:
        an_hour_later(later)
        form = {"access": access, "action": "write", "text": TYPED, "form_token": "k-1"}
        timed_out = Client().post(URL, form)
    assert "Type your six words again" in timed_out.content.decode()
    assert TYPED in textareas(timed_out)
    kept = {"action": "write", "text": TYPED, "form_token": "k-1"}
    for words in ("", "   ", "wrong words entirely here now please", "x" * 300):
        refused = Client().post(URL, {**kept, "passphrase": words})
        assert refused.status_code == 200
        assert TYPED in textareas(refused), f"lost after the words {words!r}"
    Client().post(URL, {**kept, "passphrase": passphrase})
    assert written(request) == ["Bonjour", TYPED]


def test_a_message_too_long_after_a_timeout_is_kept_too(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    request, passphrase = assigned_request(world)
    access = access_of(passphrase)
    long_text = TYPED + "x" * 4000
    with monkeypatch.context() as later:
        an_hour_later(later)
        timed_out = Client().post(URL, {"access": access, "action": "write", "text": long_text})
    assert long_text in textareas(timed_out)
    opened = Client().post(URL, {"passphrase": passphrase, "action": "write", "text": long_text})
    assert "errorlist" in opened.content.decode()
    assert long_text in textareas(opened)


def test_a_helpers_reply_to_a_closed_conversation_is_shown_back(world: World) -> None:
    request, _passphrase = assigned_request(world)
    client = world.client_for("helper_a")
    page = f"/en/support/request/{request.pk}/"
    assert client.get(page).status_code == 200  # the page was open while the person left
    close_request(request, world.user("helper_a"))
    response = client.post(page, {"text": TYPED, "form_token": "h-1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "your reply was not sent" in html
    assert TYPED in textareas(response)
    assert TYPED not in written(request)


def test_a_helpers_reply_too_long_is_shown_back(world: World) -> None:
    request, _passphrase = assigned_request(world)
    long_text = TYPED + "x" * 5000
    response = world.client_for("helper_a").post(
        f"/en/support/request/{request.pk}/", {"text": long_text}
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert long_text in textareas(response)


def test_a_private_note_too_long_is_shown_back(world: World) -> None:
    long_text = TYPED + "x" * 2000
    response = world.client_for("helper_a").post("/en/records/notes/", {"text": long_text})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert long_text in textareas(response)


def test_a_message_the_database_fails_to_save_is_shown_back_and_sent_once_after(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import OperationalError

    request, passphrase = assigned_request(world)
    form = {"access": access_of(passphrase), "action": "write", "text": TYPED, "form_token": "d"}

    def deadlock(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("deadlock detected")

    with monkeypatch.context() as patched:
        patched.setattr("support.conversation.add_message", deadlock)
        response = Client().post(URL, form)
    assert response.status_code == 200
    assert "problem on our side" in response.content.decode()
    assert TYPED in textareas(response)
    assert TYPED not in written(request)

    Client().post(URL, form)  # sent again, as it was shown
    assert written(request).count(TYPED) == 1
