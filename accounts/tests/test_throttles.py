"""Limits counted in the database: sign-in with an unknown email, and reset emails."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import Throttle
from accounts.tests.helpers import enter_password
from conftest import make_staff_user

pytestmark = pytest.mark.django_db


def error_text(response: object) -> str:
    return response.content.decode()


def test_an_unknown_email_is_locked_like_an_account_so_a_lock_reveals_nothing() -> None:
    known = make_staff_user("known@throttle.test")
    answers = {}
    for email in ("known@throttle.test", "nobody@throttle.test"):
        client = Client()
        for _ in range(5):
            enter_password(client, email, "wrong password")
        answers[email] = error_text(enter_password(client, email, "wrong password"))
    assert "locked for 30 minutes" in answers["known@throttle.test"]
    assert "locked for 30 minutes" in answers["nobody@throttle.test"]
    assert known.email not in str(list(Throttle.objects.values_list("key", flat=True)))
    assert not Throttle.objects.filter(key__contains="nobody").exists()  # only a hash is kept


def test_the_lock_on_an_unknown_email_ends_after_30_minutes() -> None:
    client = Client()
    for _ in range(5):
        enter_password(client, "nobody@throttle.test", "wrong password")
    later = timezone.now() + datetime.timedelta(minutes=31)
    with mock.patch("django.utils.timezone.now", return_value=later):
        answer = error_text(enter_password(client, "nobody@throttle.test", "wrong password"))
    assert "locked" not in answer and "not right" in answer


def test_at_most_three_reset_links_an_hour_go_to_one_address() -> None:
    make_staff_user("forgetful@throttle.test")
    client = Client()
    for _ in range(5):
        response = client.post("/en/account/password-reset/", {"email": "forgetful@throttle.test"})
        assert response.status_code == 302  # the same answer every time
    assert len(mail.outbox) == 3
    later = timezone.now() + datetime.timedelta(hours=1, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        client.post("/en/account/password-reset/", {"email": "forgetful@throttle.test"})
    assert len(mail.outbox) == 4
