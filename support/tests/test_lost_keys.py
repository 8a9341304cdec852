"""A master key dropped before `rotate_keys` ran: every page that needs a lost key says so
clearly (never a 500), `check --deploy` and `/health/` count what cannot be unwrapped (never
which request), and `rotate_keys` re-wraps what it can, reports the rest and exits with 1."""

import io
import logging
from collections.abc import Iterator

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command, load_command_class
from django.test import Client
from django.utils import translation

from audit.models import AuditEvent
from lib import keys
from records.models import PrivateNote
from records.notes import read_note, write_note
from support import conversation
from support.models import HelpRequest, Message
from support.tests.helper_world import (
    CANARY,
    World,
    make_request,
    world_fixture,  # noqa: F401 (the `world` fixture)
)
from support.tests.test_coming_back import access_in
from support.tests.test_helper_views import assigned_to, conversation_url
from support.tests.test_public_conversation import come_back
from support.tests.test_request_receipt import send, words_on

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()
ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.fixture(autouse=True)
def fresh_health() -> Iterator[None]:
    keys.forget()
    yield
    keys.forget()


def lose_the_old_key(settings: object) -> None:
    """What an operator did: a new master key, and the old one removed before rotate_keys."""
    settings.ENTRAIDE_MASTER_KEYS = [NEW]


def asked_under_the_old_key(world: World, settings: object, text: str = CANARY) -> str:
    settings.PASSWORD_HASHERS = [*settings.PASSWORD_HASHERS, ARGON2]  # receipts are Argon2
    settings.ENTRAIDE_MASTER_KEYS = [OLD]
    words = words_on(send(Client(), world.network_a.code, message=text))
    assert words
    return words


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_person_whose_conversation_key_is_lost_gets_a_clear_page_not_a_500(
    world: World, settings: object, caplog: pytest.LogCaptureFixture
) -> None:
    words = asked_under_the_old_key(world, settings)
    lose_the_old_key(settings)
    with caplog.at_level(logging.INFO):
        response = come_back(Client(), words)
    assert response.status_code == 503
    page = response.content.decode()
    assert "Your conversation cannot be shown right now" in page
    assert "not with your six words: keep them" in page
    assert "employee assistance program" in page and 'href="tel:811"' in page
    assert 'href="tel:911"' in page  # the crisis strip, as on every public page
    assert CANARY not in page and words not in page
    assert response["Cache-Control"] == "no-store" and not response.cookies
    logged = errors_logged(caplog)
    assert len(logged) == 1 and "support_public:conversation" in logged[0]
    assert all(secret not in logged[0] for secret in (CANARY, words, "/help/"))


def test_the_french_address_answers_the_same_page_in_french(world: World, settings: object) -> None:
    words = asked_under_the_old_key(world, settings)
    lose_the_old_key(settings)
    response = Client().post("/fr/help/conversation/", {"passphrase": words})
    assert response.status_code == 503 and response["Content-Language"] == "fr"
    assert '<html lang="fr">' in response.content.decode()


def test_a_message_written_on_an_open_page_is_shown_back_to_copy_not_lost(
    world: World, settings: object
) -> None:
    words = asked_under_the_old_key(world, settings)
    access = access_in(come_back(Client(), words))
    lose_the_old_key(settings)
    written = "Je voulais vous dire merci <3"
    response = Client().post(
        "/en/help/conversation/", {"access": access, "action": "write", "text": written}
    )
    assert response.status_code == 503
    page = response.content.decode()
    assert "Your message could not be sent. Here it is, to copy and keep:" in page
    assert "Je voulais vous dire merci &lt;3</textarea>" in page
    assert Message.objects.count() == 1  # only the first message, from the request form
    refreshed = Client().post("/en/help/conversation/messages/", {"access": access})
    assert refreshed.status_code == 503


def test_a_helper_is_told_to_warn_the_administrator_and_nothing_is_marked_read(
    world: World, settings: object, caplog: pytest.LogCaptureFixture
) -> None:
    settings.ENTRAIDE_MASTER_KEYS = [OLD]
    request = assigned_to(world, "helper_a")
    lose_the_old_key(settings)
    helper = world.client_for("helper_a")
    with caplog.at_level(logging.INFO):
        response = helper.get(conversation_url(request))
    assert response.status_code == 503
    page = response.content.decode()
    assert "This conversation cannot be shown right now" in page
    assert "Tell the platform administrator now" in page and CANARY not in page
    assert 'href="/en/support/"' in page  # back to the inbox
    logged = errors_logged(caplog)
    assert len(logged) == 1 and "support:conversation" in logged[0]
    assert not any(character.isdigit() for character in logged[0])  # no request number
    request.refresh_from_db()
    assert request.helper_seen_at is None
    assert not AuditEvent.objects.filter(action="help_request.opened").exists()
    assert helper.get(f"{conversation_url(request)}messages/").status_code == 503

    reply = helper.post(conversation_url(request), {"text": "Je suis là.", "form_token": "t1"})
    assert reply.status_code == 503
    assert "Your text could not be saved" in reply.content.decode()
    assert "Je suis là.</textarea>" in reply.content.decode()
    assert not Message.objects.filter(request=request, from_helper=True).exists()


def test_a_note_whose_key_is_lost_gets_a_clear_page_and_the_list_still_opens(
    world: World, settings: object
) -> None:
    settings.ENTRAIDE_MASTER_KEYS = [OLD]
    helper = world.client_for("helper_a")
    helper.post("/en/records/notes/", {"text": CANARY})
    note = PrivateNote.objects.get()
    lose_the_old_key(settings)
    response = helper.get(f"/en/records/notes/{note.pk}/")
    assert response.status_code == 503
    page = response.content.decode()
    assert "This note cannot be shown right now" in page and CANARY not in page
    assert 'href="/en/records/notes/"' in page
    assert helper.get("/en/records/notes/").status_code == 200


def test_health_says_how_many_keys_of_each_kind_cannot_be_unwrapped(
    world: World, settings: object
) -> None:
    settings.ENTRAIDE_MASTER_KEYS = [OLD]
    for _ in range(2):
        make_request(world.network_a, text=CANARY)
    write_note(world.people["helper_a"], CANARY)
    assert Client().get("/health/").json()["keys"] == "ok"
    lose_the_old_key(settings)
    assert Client().get("/health/").json()["keys"] == "ok"  # kept a minute, in each process
    keys.forget()
    response = Client().get("/health/")
    assert response.status_code == 200  # the public pages and the crisis numbers still work
    assert response.json()["keys"] == "unreadable: 2 help request, 1 private note"


def test_health_always_tries_the_oldest_keys_the_likeliest_left_under_a_removed_key(
    world: World, settings: object
) -> None:
    settings.ENTRAIDE_MASTER_KEYS = [OLD]
    for _ in range(5):
        make_request(world.network_a)
    settings.ENTRAIDE_MASTER_KEYS = [NEW, OLD]
    for _ in range(keys.SAMPLE * 4):
        make_request(world.network_a)
    lose_the_old_key(settings)
    assert Client().get("/health/").json()["keys"] == "unreadable: 5 help request"


def test_health_tries_a_bounded_sample_with_few_queries(
    world: World, settings: object, django_assert_max_num_queries: object
) -> None:
    settings.ENTRAIDE_MASTER_KEYS = [OLD]
    for _ in range(keys.SAMPLE * 3 + 10):
        make_request(world.network_a)
    lose_the_old_key(settings)
    counts = keys.unreadable_keys(sample=keys.SAMPLE)
    # The oldest and the newest always, some at random (which may repeat them): never more.
    assert keys.SAMPLE * 2 <= counts["help request"] <= keys.SAMPLE * 3
    assert keys.unreadable_keys()["help request"] == keys.SAMPLE * 3 + 10
    keys.forget()
    with django_assert_max_num_queries(15):
        Client().get("/health/")


def run_check_deploy(capsys: pytest.CaptureFixture) -> tuple[int, str]:
    """`manage.py check --deploy` as run from a shell: its exit status and what it printed."""
    command = load_command_class("django.core", "check")
    try:
        command.run_from_argv(["manage.py", "check", "--deploy"])
        status = 0
    except SystemExit as exit:
        status = exit.code
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.mark.django_db(transaction=True)
def test_check_deploy_fails_with_the_counts_of_keys_it_cannot_unwrap(
    world: World, settings: object, capsys: pytest.CaptureFixture
) -> None:
    settings.ENTRAIDE_MASTER_KEYS = [OLD]
    request = make_request(world.network_a, text=CANARY)
    make_request(world.network_a)
    write_note(world.people["helper_a"], CANARY)
    settings.ENTRAIDE_MASTER_KEYS = [NEW, OLD]
    status, printed = run_check_deploy(capsys)
    assert "lib.E001" not in printed
    lose_the_old_key(settings)
    status, printed = run_check_deploy(capsys)
    assert status == 1
    assert "(lib.E001) 2 help request keys and 1 private note key cannot be unwrapped" in printed
    assert "run `manage.py rotate_keys`" in printed
    assert CANARY not in printed and f"#{request.pk}" not in printed


def run_rotate_keys(capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    """`manage.py rotate_keys` as run from a shell (in English: French is the default)."""
    command = load_command_class("support", "rotate_keys")
    try:
        with translation.override("en"):
            command.run_from_argv(["manage.py", "rotate_keys"])
        status = 0
    except SystemExit as exit:
        status = exit.code
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.django_db(transaction=True)
def test_rotate_keys_reports_what_it_cannot_rewrap_goes_on_and_exits_with_1(
    world: World, settings: object, capsys: pytest.CaptureFixture
) -> None:
    middle = Fernet.generate_key().decode()
    settings.ENTRAIDE_MASTER_KEYS = [OLD]
    lost = make_request(world.network_a, text="sous l'ancienne clé")  # the first row it meets
    lost_note = write_note(world.people["helper_a"], "note sous l'ancienne clé")
    settings.ENTRAIDE_MASTER_KEYS = [middle]
    kept = make_request(world.network_a, text="sous la clé du milieu")
    kept_note = write_note(world.people["helper_a"], "note sous la clé du milieu")
    settings.ENTRAIDE_MASTER_KEYS = [NEW, middle]  # OLD dropped too early

    status, out, err = run_rotate_keys(capsys)
    assert status == 1 and "Traceback" not in err
    assert "1 conversation keys re-wrapped." in out and "1 private note keys re-wrapped." in out
    assert "Conversation keys that could not be re-wrapped: 1." in err
    assert "Private note keys that could not be re-wrapped: 1." in err
    assert "put back the master key that wrapped them" in err
    settings.ENTRAIDE_MASTER_KEYS = [NEW]
    kept = HelpRequest.objects.get(pk=kept.pk)
    assert [m.text for m in conversation.read_messages(kept)] == ["sous la clé du milieu"]
    assert read_note(PrivateNote.objects.get(pk=kept_note.pk)) == "note sous la clé du milieu"

    # The old key found and put back: everything is re-wrapped and readable with NEW alone.
    settings.ENTRAIDE_MASTER_KEYS = [NEW, OLD]
    status, out, err = run_rotate_keys(capsys)
    assert status == 0 and err == ""
    settings.ENTRAIDE_MASTER_KEYS = [NEW]
    lost = HelpRequest.objects.get(pk=lost.pk)
    assert [m.text for m in conversation.read_messages(lost)] == ["sous l'ancienne clé"]
    assert read_note(PrivateNote.objects.get(pk=lost_note.pk)) == "note sous l'ancienne clé"


def test_rotate_keys_and_the_checks_cover_every_model_that_holds_a_key() -> None:
    assert set(keys.key_holders()) == {HelpRequest, PrivateNote}


def test_the_conversation_opens_again_once_the_old_key_is_back(
    world: World, settings: object
) -> None:
    words = asked_under_the_old_key(world, settings)
    lose_the_old_key(settings)
    assert come_back(Client(), words).status_code == 503
    settings.ENTRAIDE_MASTER_KEYS = [NEW, OLD]
    call_command("rotate_keys", stdout=io.StringIO())
    settings.ENTRAIDE_MASTER_KEYS = [NEW]
    response = come_back(Client(), words)
    assert response.status_code == 200 and CANARY in response.content.decode()
