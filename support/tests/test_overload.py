"""The request form under load: past what the server can take on in time it answers at once
with a short page (the crisis lines, "send it again in a minute", what was typed kept) and
creates nothing; a burst on the embedded SQLite default gives everyone their words."""

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

import triage
from support import capacity
from support.models import HelpRequest
from support.tests import test_public_request
from support.tests.test_public_request import Place, passphrase_in

place = test_public_request.place  # the same fixture
ROOT = Path(__file__).resolve().parents[2]
URL = "/en/help/PUBLA7/"
MESSAGE = "Since the layoffs I can't sleep.\nI need to talk to someone, please."
CRISIS_NUMBERS = ("911", "1 866 APPELLE (277-3553)", "535353", "9-8-8")


@pytest.fixture(autouse=True)
def fresh_gates() -> None:
    """Each test starts with gates that have measured nothing and logged nothing."""
    capacity.gate_for.cache_clear()


def form_data(client: Client, **fields: object) -> dict:
    """The request form as a person fills it in, with its one-use token."""
    html = client.get(URL).content.decode()
    token = re.search(r'name="submission" value="([^"]+)"', html).group(1)
    data = {"submission": token, "language": "en", "contact": "conversation"}
    return {**data, "message": MESSAGE, **fields}


def fields_of(html: str) -> dict[str, list[str]]:
    """What the page's request form sends when its button is pressed."""
    form = html[html.index('<form class="stack request"') :]
    form = form[: form.index("</form>")]
    sent: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form):
        sent.setdefault(name, []).append(value)
    textarea = re.search(r'<textarea name="message"[^>]*>(.*?)</textarea>', form, re.S)
    sent["message"] = [unescape(textarea.group(1))]
    return sent


def unescape(text: str) -> str:
    import html

    return html.unescape(text)


def assert_busy_page(response: object, message: str) -> None:
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"
    assert "Your request is not sent yet" in html and "send it again in a minute" in html
    for number in CRISIS_NUMBERS:
        assert number in html
    assert fields_of(html)["message"] == [message]


def slow_triage(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Triage that holds the first request in the work until released: (started, release)."""
    started, release = threading.Event(), threading.Event()
    real = triage.assess

    def assess(text: str, topics: object = ()) -> triage.Assessment:
        if not started.is_set():
            started.set()
            release.wait(10)
        return real(text, topics)

    monkeypatch.setattr(triage, "assess", assess)
    return started, release


def in_thread(work: Callable[[], object]) -> tuple[threading.Thread, list]:
    answers: list = []

    def run() -> None:
        try:
            answers.append(work())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, answers


@pytest.mark.django_db(transaction=True)
def test_past_capacity_the_form_answers_at_once_with_the_crisis_lines_and_what_was_typed(
    place: Place, settings: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.ENTRAIDE_REQUESTS_AT_ONCE = 1
    settings.ENTRAIDE_REQUEST_WAIT = 0.05  # less than one request's work: nobody may wait
    started, release = slow_triage(monkeypatch)
    first = form_data(Client())
    thread, answers = in_thread(lambda: Client().post(URL, first))
    assert started.wait(10)
    try:
        second = form_data(Client(), message="Are you there? " + MESSAGE, topics=["grief"])
        before = time.monotonic()
        busy = Client().post(URL, second)
        assert time.monotonic() - before < 2
        assert_busy_page(busy, "Are you there? " + MESSAGE)
        kept = fields_of(busy.content.decode())
        assert kept["submission"] == [second["submission"]] and kept["topics"] == ["grief"]
        assert HelpRequest.objects.count() == 0
    finally:
        release.set()
        thread.join()
    passphrase_in(answers[0])
    assert HelpRequest.objects.count() == 1
    # One tap on the busy page's button sends the same form: the request is made, once.
    again = Client().post(URL, kept)
    words = passphrase_in(again)
    assert HelpRequest.objects.count() == 2
    assert Client().post(URL, kept).status_code == 200  # a reload: the same request
    assert HelpRequest.objects.count() == 2
    assert words and HelpRequest.objects.filter(topics__code="grief").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_request_still_waiting_for_its_turn_at_the_deadline_is_let_go_uncreated(
    place: Place, settings: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.ENTRAIDE_REQUESTS_AT_ONCE = 1
    settings.ENTRAIDE_REQUEST_WAIT = 1  # the first guess of one request's work fits: it waits
    monkeypatch.setattr(capacity, "GRACE", 0.5)  # then no longer than this
    started, release = slow_triage(monkeypatch)
    first, second = form_data(Client()), form_data(Client())
    thread, _ = in_thread(lambda: Client().post(URL, first))
    assert started.wait(10)
    try:
        before = time.monotonic()
        busy = Client().post(URL, second)
        assert 1.3 < time.monotonic() - before < 5
        assert_busy_page(busy, MESSAGE)
    finally:
        release.set()
        thread.join()
    assert HelpRequest.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_request_that_waits_less_than_the_deadline_gets_its_words(
    place: Place, settings: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.ENTRAIDE_REQUESTS_AT_ONCE = 1
    settings.ENTRAIDE_REQUEST_WAIT = 5
    started, release = slow_triage(monkeypatch)
    first, second = form_data(Client()), form_data(Client())
    thread, _ = in_thread(lambda: Client().post(URL, first))
    assert started.wait(10)
    threading.Timer(0.3, release.set).start()
    passphrase_in(Client().post(URL, second))
    thread.join()
    assert HelpRequest.objects.count() == 2


def test_a_request_queued_in_the_web_server_past_its_deadline_is_not_created(
    place: Place,
) -> None:
    client = Client()
    data = form_data(client)
    long_ago = time.monotonic() - 30  # as lib.gunicorn_worker stamps a request kept waiting
    assert_busy_page(client.post(URL, data, **{capacity.ARRIVED: long_ago}), MESSAGE)
    assert HelpRequest.objects.count() == 0
    passphrase_in(client.post(URL, data, **{capacity.ARRIVED: time.monotonic()}))


def test_a_form_sent_again_while_the_server_is_busy_shows_the_words_it_already_made(
    place: Place, settings: object
) -> None:
    client = Client()
    data = form_data(client)
    words = passphrase_in(client.post(URL, data))
    settings.ENTRAIDE_REQUEST_WAIT = 0  # nothing new is taken on
    assert_busy_page(client.post(URL, form_data(client)), MESSAGE)
    again = client.post(URL, data)
    assert again.status_code == 200 and passphrase_in(again) == words
    assert HelpRequest.objects.count() == 1


def test_the_busy_page_is_in_french_at_a_french_address(place: Place, settings: object) -> None:
    settings.ENTRAIDE_REQUEST_WAIT = 0
    client = Client()
    busy = client.post("/fr/help/PUBLA7/", form_data(client, language="fr"))
    assert busy.status_code == 503 and '<html lang="fr">' in busy.content.decode()
    assert 'action="/fr/help/PUBLA7/"' in busy.content.decode()


def test_requests_let_go_are_counted_in_one_log_line_a_minute_without_their_content(
    place: Place, settings: object, caplog: pytest.LogCaptureFixture
) -> None:
    settings.ENTRAIDE_REQUEST_WAIT = 0
    client = Client()
    for _ in range(3):
        assert client.post(URL, form_data(client)).status_code == 503
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 1 and lines[0].startswith("Over capacity: 1 request form(s)")
    assert "layoffs" not in lines[0] and "PUBLA7" not in lines[0]


def test_a_freed_turn_goes_to_the_request_waiting_longest_not_to_a_newcomer() -> None:
    gate = capacity.Gate(1, wait=10)
    order: list[str] = []

    def take_turn(name: str) -> None:
        with gate.admitted(time.monotonic()):
            order.append(name)
            time.sleep(0.1)

    with gate.admitted(time.monotonic()):
        waiting = threading.Thread(target=take_turn, args=["waiting"])
        waiting.start()
        while not gate.waiting:
            time.sleep(0.01)
    newcomer = threading.Thread(target=take_turn, args=["newcomer"])
    newcomer.start()
    waiting.join()
    newcomer.join()
    assert order == ["waiting", "newcomer"]


def test_the_receipt_hash_costs_what_67_bits_need_and_no_more(place: Place) -> None:
    words = passphrase_in(Client().post(URL, form_data(Client())))
    assert words
    stored = HelpRequest.objects.get().receipt_hash
    # Argon2id, 20 MiB, one lane, three passes: about 45 ms of one core (README).
    assert stored.startswith("argon2$argon2id$v=19$m=20480,t=3,p=1$")


@pytest.mark.django_db(transaction=True)
def test_forty_people_sending_the_form_at_the_same_moment_on_make_run_all_get_their_words(
    place: Place, tmp_path: Path
) -> None:
    """`make run`'s server (runserver, a thread a request, its own settings) on the test
    database: on SQLite, writers queue for the lock (IMMEDIATE, a busy timeout) instead of
    failing, the server lets the forty connections wait to be accepted, and in development a
    request may wait its turn long enough for a burst."""
    people = 40
    forms = [form_data(Client(), message=f"{MESSAGE} ({i})") for i in range(people)]
    barrier = threading.Barrier(people)
    with development_server(tmp_path) as base:

        def send(data: dict) -> tuple[int, str]:
            body = urllib.parse.urlencode(data).encode()
            barrier.wait()
            try:
                with urllib.request.urlopen(base + URL, body, timeout=60) as response:
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()
            except OSError as error:
                return 0, repr(error)

        with ThreadPoolExecutor(max_workers=people) as pool:
            answers = list(pool.map(send, forms))
    assert [status for status, _ in answers] == [200] * people
    words = {test_public_request.PASSPHRASE.search(html).group(1) for _, html in answers}
    assert len(words) == people
    assert HelpRequest.objects.count() == people


@contextmanager
def development_server(tmp_path: Path) -> Iterator[str]:
    """`manage.py runserver` on the test database, as `make run` starts it; its address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{database['NAME']}"
    else:
        user, password = database["USER"], database["PASSWORD"]
        address = f"{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}"
        url = f"postgres://{user}:{password}@{address}/{database['NAME']}"
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    environment.pop("ENTRAIDE_REQUEST_WAIT", None)
    environment["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    log = (tmp_path / "runserver.log").open("w")
    server = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/en/", timeout=5).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, log_of(tmp_path)
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def log_of(tmp_path: Path) -> str:
    return (tmp_path / "runserver.log").read_text()[-3000:]
