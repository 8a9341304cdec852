import re

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from accounts.models import User
from accounts.tests.conftest import World
from accounts.tests.helpers import enter_password, sign_in_through_pages
from audit.models import AuditEvent

NEW_PASSWORD = "a brand new long passphrase"


def ask_for_a_link(client: Client, email: str, language: str = "en") -> object:
    return client.post(f"/{language}/account/password-reset/", {"email": email})


def link_in(message: mail.EmailMessage) -> str:
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


@pytest.mark.parametrize(
    "url",
    [
        "/fr/account/password-reset/",
        "/en/account/password-reset/",
        "/en/account/password-reset/sent/",
        "/en/account/password-reset/done/",
        "/en/account/password-reset/MQ/not-a-token/",
    ],
)
def test_the_password_reset_pages_open_for_anyone(db: None, url: str) -> None:
    assert Client().get(url).status_code == 200


def test_it_answers_the_same_whether_the_email_has_an_account_or_not(world: World) -> None:
    known = ask_for_a_link(Client(), "helper_a@accounts.test")
    unknown = ask_for_a_link(Client(), "nobody@accounts.test")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/en/account/password-reset/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["helper_a@accounts.test"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_email_is_plain_text_in_the_language_of_the_page(world: World, language: str) -> None:
    ask_for_a_link(Client(), "helper_a@accounts.test", language)
    message = mail.outbox[0]
    assert not getattr(message, "alternatives", [])  # no HTML part
    assert link_in(message).startswith(f"/{language}/account/password-reset/")
    with translation.override(language):
        subject = render_to_string("accounts/email/password_reset_subject.txt").strip()
        opening = translation.gettext(
            "Someone asked to choose a new password for your Entraide account."
        )
    assert message.subject == subject
    assert message.body.startswith(opening)
    assert "<" not in message.body and "&#x27;" not in message.body


def test_the_english_email_reads_in_english(world: World) -> None:
    ask_for_a_link(Client(), "helper_a@accounts.test", "en")
    message = mail.outbox[0]
    assert message.subject == "Entraide: choose a new password"
    assert "open this link within 2 hours" in message.body
    assert "ignore this email: your password stays the same" in message.body


def test_a_new_password_from_the_link_works_and_lifts_a_lockout(world: World) -> None:
    for _ in range(5):
        enter_password(Client(), "helper_a@accounts.test", "nope")
    assert User.objects.get(email="helper_a@accounts.test").is_locked()

    client = Client()
    ask_for_a_link(client, "helper_a@accounts.test")
    form_page = client.get(link_in(mail.outbox[0]), follow=True)
    assert 'name="new_password1"' in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == "/en/account/password-reset/done/"

    user = User.objects.get(email="helper_a@accounts.test")
    assert not user.is_locked() and user.failed_logins == 0
    assert user.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(actor=user, action="account.password_reset").exists()
    signed_in = Client()
    response = sign_in_through_pages(signed_in, user, password=NEW_PASSWORD)
    assert response["Location"] == "/en/account/"


def test_the_new_password_must_pass_the_validators(world: World) -> None:
    client = Client()
    ask_for_a_link(client, "helper_a@accounts.test")
    form_page = client.get(link_in(mail.outbox[0]), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"}
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    assert User.objects.get(email="helper_a@accounts.test").check_password("short") is False


def test_a_used_link_no_longer_works(world: World) -> None:
    client = Client()
    ask_for_a_link(client, "helper_a@accounts.test")
    link = link_in(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    again = Client().get(link)
    assert again.status_code == 200
    assert "This link is not valid" in again.content.decode()
