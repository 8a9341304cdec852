import base64
import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.tests.conftest import World
from accounts.tests.helpers import enter_code, enter_password, is_signed_in
from accounts.two_factor import replace_recovery_codes
from audit.models import AuditEvent
from conftest import sign_in

NEW_PASSWORD = "correct horse battery staple"


@pytest.fixture
def newcomer(db: None) -> User:
    """An account that has a password and no authenticator app yet."""
    return User.objects.create_user("newcomer@accounts.test", NEW_PASSWORD, display_name="Nour")


def pending_code(user: User) -> str:
    return f"{totp(TOTPDevice.objects.get(user=user, confirmed=False).bin_key):06d}"


def codes_on(response: object) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())


def test_the_enrolment_journey_from_password_to_my_space(newcomer: User) -> None:
    client = Client()
    assert enter_password(client, newcomer.email, NEW_PASSWORD)["Location"] == "/en/account/enrol/"

    page = client.get("/en/account/enrol/")
    html = page.content.decode()
    assert page.status_code == 200
    secret = base64.b32encode(TOTPDevice.objects.get(user=newcomer).bin_key).decode()
    assert " ".join(re.findall(".{1,4}", secret)) in html
    assert 'src="data:image/svg+xml;base64,' in html

    wrong = client.post("/en/account/enrol/", {"code": "000000"})
    assert "This code is not right." in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer, confirmed=True).exists()

    TOTPDevice.objects.filter(user=newcomer).update(throttling_failure_count=0)
    shown = client.post("/en/account/enrol/", {"code": pending_code(newcomer)})
    assert shown.status_code == 200
    codes = codes_on(shown)
    assert len(codes) == 10 == len(set(codes))
    assert TOTPDevice.objects.filter(user=newcomer, confirmed=True).count() == 1
    assert is_signed_in(client)
    assert AuditEvent.objects.filter(actor=newcomer, action="account.enrolled").exists()

    # the codes are shown once: the enrolment page now leads to my space
    assert client.get("/en/account/enrol/")["Location"] == "/en/account/"

    # and a recovery code signs in on another device
    other = Client()
    enter_password(other, newcomer.email, NEW_PASSWORD)
    assert enter_code(other, codes[0])["Location"] == "/en/account/"


def test_reloading_the_enrolment_page_keeps_the_same_secret(newcomer: User) -> None:
    client = Client()
    client.force_login(newcomer)
    client.get("/en/account/enrol/")
    client.get("/en/account/enrol/")
    assert TOTPDevice.objects.filter(user=newcomer).count() == 1


def test_the_qr_code_is_an_image_without_styles_or_scripts(newcomer: User) -> None:
    client = Client()
    client.force_login(newcomer)
    html = client.get("/en/account/enrol/").content.decode()
    encoded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)
    svg = base64.b64decode(encoded).decode()
    assert svg.startswith("<svg")
    assert "style" not in svg and "script" not in svg
    assert "<svg" not in html  # no inline SVG in the page itself
    assert " style=" not in html


def test_enrolment_is_only_for_a_signed_in_account(db: None) -> None:
    response = Client().get("/en/account/enrol/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


def test_an_account_with_an_app_cannot_enrol_another(world: World) -> None:
    client = Client()
    client.force_login(world["helper_a"])
    assert client.get("/en/account/enrol/")["Location"] == "/en/account/"
    assert client.post("/en/account/enrol/", {"code": "123456"})["Location"] == "/en/account/"
    assert TOTPDevice.objects.filter(user=world["helper_a"]).count() == 1


def test_the_recovery_codes_page_is_for_signed_in_staff(world: World) -> None:
    anonymous = Client().get("/en/account/recovery-codes/")
    assert anonymous["Location"].startswith("/en/account/login/")
    client = sign_in(Client(), world["helper_a"])
    assert client.get("/en/account/recovery-codes/").status_code == 200


def test_new_recovery_codes_replace_the_old_ones(world: World) -> None:
    old = replace_recovery_codes(world["liaison_a"])
    client = sign_in(Client(), world["liaison_a"])
    assert (
        "You have 10 unused recovery codes."
        in client.get("/en/account/recovery-codes/").content.decode()
    )
    new = codes_on(client.post("/en/account/recovery-codes/"))
    assert len(new) == 10
    assert not set(new) & set(old)
    tokens = set(StaticToken.objects.filter(device__user=world["liaison_a"]).values_list("token"))
    assert tokens == {(code,) for code in new}
    assert AuditEvent.objects.filter(
        actor=world["liaison_a"], action="account.recovery_codes_replaced"
    ).exists()

    other = Client()
    enter_password(other, "liaison_a@accounts.test")
    assert "This code is not right." in enter_code(other, old[0]).content.decode()
