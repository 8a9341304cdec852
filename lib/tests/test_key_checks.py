"""`manage.py check --deploy` refuses keys that protect nothing: the public development master
key and receipt key, and a master key that is not a Fernet key (which /health/ reports too)."""

import io

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client, override_settings

from lib import keys

pytestmark = pytest.mark.django_db
REAL_RECEIPT_KEY = "a-real-receipt-key-long-and-random-0123456789abcdefghijkl"


def check_deploy(**overrides: object) -> str:
    """What `check --deploy` prints with these settings (errors raise, as from a shell)."""
    out, err = io.StringIO(), io.StringIO()
    values = {"ENTRAIDE_RECEIPT_KEY": REAL_RECEIPT_KEY, **overrides}
    values.setdefault("ENTRAIDE_MASTER_KEYS", [Fernet.generate_key().decode()])
    with override_settings(**values):
        try:
            call_command("check", "--deploy", stdout=out, stderr=err)
        except SystemCheckError as error:
            return str(error)
    return out.getvalue() + err.getvalue()


def test_real_keys_raise_nothing_from_these_checks() -> None:
    assert "lib." not in check_deploy()


def test_the_public_development_master_key_is_flagged() -> None:
    development = settings.DEVELOPMENT_MASTER_KEY
    printed = check_deploy(ENTRAIDE_MASTER_KEYS=[Fernet.generate_key().decode(), development])
    assert "(lib.W001) ENTRAIDE_MASTER_KEYS holds the public development key" in printed


@pytest.mark.parametrize("value", [settings.DEVELOPMENT_RECEIPT_KEY, "short-receipt-key"])
def test_the_development_or_a_short_receipt_key_is_flagged(value: str) -> None:
    printed = check_deploy(ENTRAIDE_RECEIPT_KEY=value)
    assert "(lib.W002) ENTRAIDE_RECEIPT_KEY is the public development value" in printed


def test_a_master_key_that_is_not_a_key_fails_the_check_and_shows_in_health() -> None:
    not_a_key = "not-a-fernet-key"
    printed = check_deploy(ENTRAIDE_MASTER_KEYS=[Fernet.generate_key().decode(), not_a_key])
    assert "(lib.E002) Master key number 2 of ENTRAIDE_MASTER_KEYS is not a Fernet key" in printed
    assert not_a_key not in printed  # a key, even a broken one, is never printed
    keys.forget()
    with override_settings(ENTRAIDE_MASTER_KEYS=[not_a_key]):
        assert Client().get("/health/").json()["keys"] == "invalid master key"
    keys.forget()
