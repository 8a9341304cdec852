"""Receipts have their own key, ENTRAIDE_RECEIPT_KEY: changing SECRET_KEY alone changes
nothing for them, and a replaced receipt key kept in ENTRAIDE_RECEIPT_KEY_FALLBACKS keeps the
words opening their conversation and the same form showing the same words."""

import pytest
from django.test import Client, override_settings
from django.utils.crypto import salted_hmac

from support import receipts
from support.models import HelpRequest
from support.tests.helper_world import (
    World,
    world_fixture,  # noqa: F401 (the `world` fixture)
)
from support.tests.test_public_conversation import come_back
from support.tests.test_request_receipt import form_of, words_on

FIRST = "the-first-receipt-key-of-this-test-0123456789-abcdefghij"
SECOND = "the-second-receipt-key-of-this-test-0123456789-abcdefghij"
ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.fixture(autouse=True)
def receipts_hashed_with_argon2(world: World, settings: object) -> None:
    settings.PASSWORD_HASHERS = [*settings.PASSWORD_HASHERS, ARGON2]  # after the world's


def opens(words: str, text: str) -> bool:
    response = come_back(Client(), words)
    return response.status_code == 200 and text in response.content.decode()


def asked(world: World, text: str) -> tuple[dict, str]:
    """Sends the request form through its real URL: the form as sent, and the words shown."""
    data = {**form_of(Client(), world.network_a.code), "message": text}
    words = words_on(Client().post(f"/en/help/{world.network_a.code}/", data))
    assert words
    return data, words


def sent_again(world: World, data: dict) -> str:
    return words_on(Client().post(f"/en/help/{world.network_a.code}/", data))


def test_changing_the_secret_key_alone_changes_nothing_for_receipts(world: World) -> None:
    with override_settings(ENTRAIDE_RECEIPT_KEY=FIRST):
        data, words = asked(world, "Avant le nouveau SECRET_KEY")
        new_secret = "an-entirely-new-secret-key-with-no-fallback-0123456789"
        with override_settings(SECRET_KEY=new_secret, SECRET_KEY_FALLBACKS=[]):
            assert opens(words, "Avant le nouveau SECRET_KEY")
            assert sent_again(world, data) == words  # the same form: the same words
    assert HelpRequest.objects.count() == 1


def test_a_replaced_receipt_key_kept_in_the_fallbacks_keeps_the_words_working(
    world: World,
) -> None:
    with override_settings(ENTRAIDE_RECEIPT_KEY=FIRST):
        data, words = asked(world, "Sous la première clé")
    with override_settings(ENTRAIDE_RECEIPT_KEY=SECOND, ENTRAIDE_RECEIPT_KEY_FALLBACKS=[FIRST]):
        assert opens(words, "Sous la première clé")
        assert sent_again(world, data) == words
        assert HelpRequest.objects.count() == 1
        _data, newer = asked(world, "Sous la deuxième clé")
    with override_settings(ENTRAIDE_RECEIPT_KEY=SECOND, ENTRAIDE_RECEIPT_KEY_FALLBACKS=[]):
        assert opens(newer, "Sous la deuxième clé")


def test_without_the_fallback_a_replaced_receipt_key_opens_nothing(world: World) -> None:
    with override_settings(ENTRAIDE_RECEIPT_KEY=FIRST):
        _data, words = asked(world, "Perdu sans la clé")
    with override_settings(ENTRAIDE_RECEIPT_KEY=SECOND, ENTRAIDE_RECEIPT_KEY_FALLBACKS=[]):
        response = come_back(Client(), words)
    assert response.status_code == 200
    assert "do not open a conversation" in response.content.decode()


def test_receipts_made_before_the_receipt_key_existed_open_with_secret_key_as_a_fallback(
    world: World, settings: object
) -> None:
    """They were keyed with SECRET_KEY in the same way: README's upgrade step."""
    with override_settings(ENTRAIDE_RECEIPT_KEY=settings.SECRET_KEY):
        _data, words = asked(world, "Avant la clé des reçus")
    request = HelpRequest.objects.get()
    before = salted_hmac(receipts.LOCATOR_SALT, receipts.normalise(words), algorithm="sha256")
    assert request.receipt_locator == before.hexdigest()  # what the earlier release stored
    upgraded = {"ENTRAIDE_RECEIPT_KEY": SECOND, "ENTRAIDE_RECEIPT_KEY_FALLBACKS": []}
    with override_settings(**upgraded):
        assert not opens(words, "Avant la clé des reçus")
    upgraded["ENTRAIDE_RECEIPT_KEY_FALLBACKS"] = [settings.SECRET_KEY]
    with override_settings(**upgraded):
        assert opens(words, "Avant la clé des reçus")
