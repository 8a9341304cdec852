import datetime
import re
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken

from accounts.models import User
from accounts.tests.conftest import World
from accounts.tests.helpers import (
    current_code,
    enter_code,
    enter_password,
    is_signed_in,
    sign_in_through_pages,
)
from accounts.two_factor import replace_recovery_codes
from audit.models import AuditEvent
from conftest import make_staff_user

WRONG = "The email or password is not right."
LOCKED = "This account is locked for 30 minutes"
WRONG_CODE = "This code is not right."


def error_text(response: object) -> str:
    """The page's alert, without the form's CSRF token and the email typed back."""
    html = response.content.decode()
    return re.sub(r'value="[^"]*"', "", html)


@pytest.fixture
def client() -> Client:
    return Client()


def test_the_sign_in_page_opens_for_anyone(client: Client, db: None) -> None:
    for language in ("fr", "en"):
        response = client.get(f"/{language}/account/login/")
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode()


def test_a_right_password_asks_for_a_code_without_signing_in(client: Client, world: World) -> None:
    response = enter_password(client, "helper_a@accounts.test")
    assert response.status_code == 302
    assert response["Location"] == "/en/account/login/code/"
    assert "_auth_user_id" not in client.session
    assert not is_signed_in(client)


def test_a_right_code_signs_in_and_goes_to_my_space(client: Client, world: World) -> None:
    response = sign_in_through_pages(client, world["helper_a"])
    assert response.status_code == 302
    assert response["Location"] == "/en/account/"
    assert is_signed_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY]
    assert AuditEvent.objects.filter(actor=world["helper_a"], action="account.signed_in").exists()


def test_the_email_is_not_case_sensitive(client: Client, world: World) -> None:
    enter_password(client, "Helper_A@Accounts.TEST")
    enter_code(client, current_code(world["helper_a"]))
    assert is_signed_in(client)


def test_an_unknown_email_and_a_wrong_password_get_the_same_answer(
    client: Client, world: World
) -> None:
    unknown = enter_password(client, "nobody@accounts.test", "whatever it is")
    wrong = enter_password(client, "helper_a@accounts.test", "whatever it is")
    assert unknown.status_code == wrong.status_code == 200
    assert WRONG in unknown.content.decode()
    assert error_text(unknown) == error_text(wrong)


def test_a_failed_sign_in_is_audited_against_the_account_when_it_exists(
    client: Client, world: World
) -> None:
    enter_password(client, "helper_a@accounts.test", "not the password")
    enter_password(client, "nobody@accounts.test", "not the password")
    failures = AuditEvent.objects.filter(action="account.login_failed")
    assert [event.actor for event in failures.order_by("pk")] == [world["helper_a"], None]


@pytest.mark.parametrize(
    "next_url, lands_on",
    [
        ("/en/account/recovery-codes/", "/en/account/recovery-codes/"),
        ("https://elsewhere.example/steal", "/en/account/"),
        ("//elsewhere.example/steal", "/en/account/"),
        ("javascript:alert(1)", "/en/account/"),
    ],
)
def test_it_follows_next_only_to_a_page_of_this_site(
    client: Client, world: World, next_url: str, lands_on: str
) -> None:
    response = sign_in_through_pages(client, world["helper_a"], next=next_url)
    assert response["Location"] == lands_on


def test_five_wrong_passwords_in_a_row_lock_the_account(client: Client, world: World) -> None:
    for _ in range(4):
        assert WRONG in enter_password(client, "helper_a@accounts.test", "nope").content.decode()
    fifth = enter_password(client, "helper_a@accounts.test", "nope")
    assert LOCKED in fifth.content.decode()
    assert world["helper_a"].__class__.objects.get(pk=world["helper_a"].pk).is_locked()
    assert AuditEvent.objects.filter(action="account.login_failed").count() == 5
    assert AuditEvent.objects.filter(actor=world["helper_a"], action="account.locked").exists()


def test_a_locked_account_gets_the_same_answer_with_the_right_or_a_wrong_password(
    client: Client, world: World
) -> None:
    for _ in range(5):
        enter_password(client, "helper_a@accounts.test", "nope")
    right = enter_password(client, "helper_a@accounts.test")
    wrong = enter_password(client, "helper_a@accounts.test", "nope")
    assert LOCKED in right.content.decode()
    assert error_text(right) == error_text(wrong)
    assert right.status_code == wrong.status_code == 200
    assert not is_signed_in(client)


def test_five_wrong_codes_in_a_row_lock_the_account(
    client: Client, world: World, settings: object
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the device's own back-off would slow this test
    enter_password(client, "helper_a@accounts.test")
    for _ in range(4):
        assert WRONG_CODE in enter_code(client, "000000").content.decode()
    assert LOCKED in enter_code(client, "000000").content.decode()
    assert User.objects.get(pk=world["helper_a"].pk).is_locked()
    # the pending sign-in is gone: a right code now changes nothing
    response = enter_code(client, current_code(world["helper_a"]))
    assert response["Location"] == "/en/account/login/"
    assert not is_signed_in(client)


def test_wrong_passwords_and_wrong_codes_count_together(
    client: Client, world: World, settings: object
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    for _ in range(3):
        enter_password(client, "helper_a@accounts.test", "nope")
    enter_password(client, "helper_a@accounts.test")
    enter_code(client, "000000")
    assert LOCKED in enter_code(client, "111111").content.decode()


def test_a_right_password_does_not_reset_the_count_before_the_code(
    client: Client, world: World, settings: object
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    for _ in range(2):
        enter_password(client, "helper_a@accounts.test")
        enter_code(client, "000000")
        enter_code(client, "000000")
    enter_password(client, "helper_a@accounts.test")
    assert LOCKED in enter_code(client, "000000").content.decode()


def test_a_full_sign_in_resets_the_count(client: Client, world: World) -> None:
    for _ in range(4):
        enter_password(client, "helper_a@accounts.test", "nope")
    sign_in_through_pages(client, world["helper_a"])
    assert User.objects.get(pk=world["helper_a"].pk).failed_logins == 0
    other = Client()
    for _ in range(4):
        enter_password(other, "helper_a@accounts.test", "nope")
    assert not User.objects.get(pk=world["helper_a"].pk).is_locked()


def test_the_lock_ends_after_30_minutes(client: Client, world: World) -> None:
    for _ in range(5):
        enter_password(client, "helper_a@accounts.test", "nope")
    later = timezone.now() + datetime.timedelta(minutes=29)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert LOCKED in enter_password(client, "helper_a@accounts.test").content.decode()
    later = timezone.now() + datetime.timedelta(minutes=31)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = sign_in_through_pages(client, world["helper_a"])
    assert response["Location"] == "/en/account/"


def test_a_code_tried_again_within_a_second_is_refused_without_counting(
    client: Client, world: World
) -> None:
    enter_password(client, "helper_a@accounts.test")
    enter_code(client, "000000")
    response = enter_code(client, current_code(world["helper_a"]))
    assert "Wait a few seconds" in response.content.decode()
    assert User.objects.get(pk=world["helper_a"].pk).failed_logins == 1


def test_a_recovery_code_works_once(client: Client, world: World) -> None:
    codes = replace_recovery_codes(world["helper_a"])
    enter_password(client, "helper_a@accounts.test")
    response = enter_code(client, codes[0].upper())
    assert response["Location"] == "/en/account/"
    assert is_signed_in(client)
    assert StaticToken.objects.filter(device__user=world["helper_a"]).count() == 9

    again = Client()
    enter_password(again, "helper_a@accounts.test")
    assert WRONG_CODE in enter_code(again, codes[0]).content.decode()
    assert not is_signed_in(again)


def test_signing_in_with_a_recovery_code_says_how_many_are_left(
    client: Client, world: World
) -> None:
    codes = replace_recovery_codes(world["helper_a"])
    enter_password(client, "helper_a@accounts.test")
    enter_code(client, codes[3])
    assert "You have 9 left" in client.get("/en/account/").content.decode()


def test_the_code_step_without_a_password_sends_back_to_sign_in(
    client: Client, world: World
) -> None:
    response = enter_code(client, current_code(world["helper_a"]))
    assert response["Location"] == "/en/account/login/"
    assert client.get("/en/account/login/code/")["Location"] == "/en/account/login/"


def test_a_pending_sign_in_expires_after_ten_minutes(client: Client, world: World) -> None:
    enter_password(client, "helper_a@accounts.test")
    later = timezone.now() + datetime.timedelta(minutes=11)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = enter_code(client, current_code(world["helper_a"]))
    assert response["Location"] == "/en/account/login/"
    assert not is_signed_in(client)


STAFF_PAGES = ["/en/account/", "/en/account/recovery-codes/", "/en/account/invite/", "/en/audit/"]


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_a_password_only_session_reaches_no_staff_page(
    client: Client, world: World, url: str
) -> None:
    client.force_login(world["admin"])  # signed in, second factor not verified
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_an_account_without_a_device_is_sent_to_enrol_from_every_staff_page(
    client: Client, db: None, url: str
) -> None:
    user = User.objects.create_user("new@accounts.test", "a long test passphrase")
    client.force_login(user)
    assert client.get(url)["Location"] == "/en/account/enrol/"


def test_an_account_without_a_device_is_sent_to_enrol_after_its_password(
    client: Client, db: None
) -> None:
    User.objects.create_user("new@accounts.test", "a long test passphrase", display_name="N")
    response = enter_password(client, "new@accounts.test")
    assert response["Location"] == "/en/account/enrol/"
    assert client.get("/en/account/")["Location"] == "/en/account/enrol/"


def test_a_signed_in_person_opening_sign_in_goes_to_my_space(client: Client, world: World) -> None:
    sign_in_through_pages(client, world["helper_a"])
    assert client.get("/en/account/login/")["Location"] == "/en/account/"


def test_signing_out_ends_the_session(client: Client, world: World) -> None:
    sign_in_through_pages(client, world["helper_a"])
    response = client.post("/en/account/logout/")
    assert response.status_code == 302
    assert not is_signed_in(client)


def test_an_inactive_account_cannot_sign_in(client: Client, db: None) -> None:
    user = make_staff_user("gone@accounts.test")
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert WRONG in enter_password(client, "gone@accounts.test").content.decode()
