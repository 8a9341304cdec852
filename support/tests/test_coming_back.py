"""Coming back as a person would: words typed on a phone, a page left open, a reload, a double
tap, and a stranger guessing in parallel the whole time."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from support import conversation, receipts
from support.models import HelpRequest, Message
from support.tests import test_public_request
from support.tests.test_public_conversation import URL, come_back, new_request
from support.tests.test_public_request import Place

place = test_public_request.place  # the same fixture


def opens(response: object, text: str = "Hello") -> bool:
    return response.status_code == 200 and text in response.content.decode()


def access_in(response: object) -> str:
    html = response.content.decode()
    start = html.index('name="access" value="') + len('name="access" value="')
    return html[start : html.index('"', start)]


def test_the_words_are_typed_in_a_visible_field_that_no_browser_keeps(place: Place) -> None:
    html = Client().get(URL).content.decode()
    field = html[html.index('name="passphrase"') - 200 : html.index('name="passphrase"') + 300]
    assert 'type="text"' in field and 'type="password"' not in field
    assert 'autocomplete="off"' in field and 'autocapitalize="none"' in field


@pytest.mark.parametrize(
    "typed",
    [
        lambda w: " ".join(w).upper(),
        lambda w: "-".join(w),
        lambda w: "  " + "   ".join(w) + "  ",
        lambda w: "".join(w),  # run together
        lambda w: " ".join(w[:3]) + " " + "".join(w[3:]),
        lambda w: " ".join(w).replace("e", "é", 1).replace("a", "à", 1),
        lambda w: " ".join([w[0][:-1], *w[1:]]),  # a letter missing
        lambda w: " ".join([*w[:2], w[2] + "x", *w[3:]]),  # a letter too many
        lambda w: " ".join([*w[:5], "q" + w[5][1:]]),  # a wrong letter
        lambda w: " ".join([w[0][1] + w[0][0] + w[0][2:], *w[1:]]),  # two letters swapped
    ],
    ids=[
        "capitals",
        "dashes",
        "extra-spaces",
        "run-together",
        "half-run-together",
        "accents",
        "letter-missing",
        "letter-too-many",
        "wrong-letter",
        "letters-swapped",
    ],
)
def test_the_words_open_the_conversation_however_a_person_types_them(
    place: Place, typed: object
) -> None:
    _request, passphrase = new_request()
    assert opens(come_back(Client(), typed(passphrase.split())))


def test_two_mistakes_or_another_order_do_not_open_it(place: Place) -> None:
    _request, passphrase = new_request()
    words = passphrase.split()
    two_slips = " ".join([words[0] + "x", words[1] + "x", *words[2:]])
    for typed in (two_slips, " ".join(reversed(words)), " ".join(words[:5])):
        response = come_back(Client(), typed)
        assert response.status_code == 200 and "do not open a conversation" in (
            response.content.decode()
        )


def test_a_slip_is_never_corrected_into_someone_elses_conversation(place: Place) -> None:
    """Only a word that is not in the list is corrected: the words of another request, typed
    exactly, open that request and no other."""
    first, first_words = new_request("first person")
    second, second_words = new_request("second person")
    assert opens(come_back(Client(), first_words), "first person")
    assert opens(come_back(Client(), second_words), "second person")
    assert "first person" not in come_back(Client(), second_words).content.decode()


def test_the_open_page_carries_no_words_and_its_access_ages(place: Place) -> None:
    request, passphrase = new_request()
    response = come_back(Client(), passphrase)
    token = access_in(response)
    assert passphrase not in response.content.decode()
    assert opens(Client().post(URL, {"access": token, "action": "open"}))
    later = timezone.now() + timezone.timedelta(minutes=receipts.ACCESS_MINUTES + 1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("time.time", lambda: later.timestamp())
        response = Client().post(URL, {"access": token, "action": "open"})
    html = response.content.decode()
    assert "Hello" not in html and "type your six words again" in html.lower()


def test_a_message_written_when_the_page_was_too_old_is_kept_and_sent_once(place: Place) -> None:
    request, passphrase = new_request()
    token = access_in(come_back(Client(), passphrase))
    later = timezone.now() + timezone.timedelta(minutes=receipts.ACCESS_MINUTES + 1)
    form = {"access": token, "action": "write", "text": "Still There?", "form_token": "t-1"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("time.time", lambda: later.timestamp())
        response = Client().post(URL, form)
    html = response.content.decode()
    assert "Still There?" in html and 'name="passphrase"' in html
    assert request.messages.count() == 1
    resent = {"passphrase": passphrase, "action": "write", "text": "Still There?"}
    for _tap in range(2):
        response = Client().post(URL, {**resent, "form_token": "t-1"})
        assert opens(response, "Still There?")
    assert [m.text for m in conversation.read_messages(request)] == ["Hello", "Still There?"]


def test_reloading_after_writing_never_sends_the_message_twice(place: Place) -> None:
    request, passphrase = new_request()
    token = access_in(come_back(Client(), passphrase))
    form = {"access": token, "action": "write", "text": "Une seule fois", "form_token": "f-9"}
    first = Client().post(URL, form)
    reload = Client().post(URL, form)  # what the browser sends again on a reload
    assert opens(first, "Une seule fois") and opens(reload, "Une seule fois")
    assert request.messages.filter(form_token="f-9").count() == 1
    assert Client().post(URL, {**form, "form_token": "f-10"}).status_code == 200
    assert request.messages.count() == 3


def test_the_page_refreshes_its_messages_with_its_access_only(place: Place) -> None:
    request, passphrase = new_request()
    token = access_in(come_back(Client(), passphrase))
    conversation.add_message(request, "A reply from the helper", from_helper=True)
    poll = Client().post("/en/help/conversation/messages/", {"access": token})
    assert poll.status_code == 200 and "A reply from the helper" in poll.content.decode()
    assert "<html" not in poll.content.decode()
    for forged in ("", token[:-2] + "xx", "1:abc:def"):
        response = Client().post("/en/help/conversation/messages/", {"access": forged})
        assert response.status_code == 404 and b"reply" not in response.content


# Parallel people: real threads and real database connections.


def run_in_threads(count: int, target: object) -> list[threading.Thread]:
    def wrapped(*args: object) -> None:
        try:
            target(*args)
        finally:
            connection.close()

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    return threads


@pytest.mark.django_db(transaction=True)
def test_a_stranger_guessing_in_parallel_never_keeps_the_right_words_out(place: Place) -> None:
    _request, passphrase = new_request("Le bon message")
    stop = threading.Event()
    guesses = []

    def guess(worker: int) -> None:
        client = Client()
        while not stop.is_set():
            response = client.post(URL, {"passphrase": f"mauvais mots {worker} {len(guesses)}"})
            guesses.append(response.status_code)

    threads = run_in_threads(4, guess)
    try:
        time.sleep(0.3)
        results = []
        for _attempt in range(10):
            response = come_back(Client(), passphrase)
            results.append(opens(response, "Le bon message"))
            token = access_in(response)
            form = {"access": token, "action": "write", "text": "encore", "form_token": ""}
            results.append(Client().post(URL, form).status_code == 200)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert all(results), results
    assert len(guesses) >= 20 and set(guesses) == {200}  # every guess was answered, none refused


@pytest.mark.django_db(transaction=True)
def test_a_double_tap_on_send_adds_one_message(place: Place) -> None:
    request, passphrase = new_request()
    token = access_in(come_back(Client(), passphrase))
    form = {"access": token, "action": "write", "text": "Tapé deux fois", "form_token": "dt-1"}
    statuses = []
    barrier = threading.Barrier(2)

    def tap(_index: int) -> None:
        barrier.wait()
        statuses.append(Client().post(URL, form).status_code)

    for thread in run_in_threads(2, tap):
        thread.join()
    assert statuses == [200, 200]
    assert Message.objects.filter(request=request, form_token="dt-1").count() == 1
    assert HelpRequest.objects.count() == 1


@pytest.mark.parametrize(
    "hostile",
    [
        "boxcar" * 33,
        " ".join(["boxcar" * 6] * 5),
        " ".join(["boxcar" * 5] * 5),
        "maison" * 33,
        " ".join(["maisonpoisson"] * 5),
        "a" * 200,
        "chat " * 40,
    ],
)
def test_words_typed_to_exhaust_the_server_are_answered_at_once(place: Place, hostile: str) -> None:
    """Splitting words run together is bounded: what one person types never costs more than a
    few dozen lookups (this input took 23 s and 2.4 GB before the bound)."""
    started = time.perf_counter()
    assert len(receipts.spellings(hostile)) <= receipts.MOST_SPELLINGS
    response = come_back(Client(), hostile[:200])
    assert response.status_code == 200 and "do not open a conversation" in (
        response.content.decode()
    )
    assert time.perf_counter() - started < 2  # a safety bound, not a speed measure


def test_rotating_the_secret_key_keeps_the_words_working(place: Place, settings: object) -> None:
    _request, passphrase = new_request("Avant la rotation")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-the-rotation-test-0123456789"
    assert opens(come_back(Client(), passphrase), "Avant la rotation")
