"""The public side: a network's page reached by its code, and the application form."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from recruitment.actions import MAX_APPLICATIONS_PER_HOUR
from recruitment.models import Application
from recruitment.tests.conftest import World, application_form, make_application


def assert_no_cookie(response: object) -> None:
    assert response.cookies == {} and "Set-Cookie" not in response.headers
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_network_page_names_the_network_and_links_to_the_form(
    world: World, language: str
) -> None:
    response = Client().get(f"/{language}/n/ALPHA2/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Réseau Alpha" in html
    assert f'href="/{language}/n/ALPHA2/apply/"' in html
    assert "Réseau Bêta" not in html


def test_the_french_page_says_what_helpers_and_contributors_do(world: World) -> None:
    html = Client().get("/fr/n/ALPHA2/").content.decode()
    for words in ["Entraidante ou entraidant", "capacité d’écoute", "discrétion", "kiosque"]:
        assert words in html


def test_the_english_page_says_what_helpers_and_contributors_do(world: World) -> None:
    html = Client().get("/en/n/ALPHA2/").content.decode()
    for words in ["Peer helper", "ability to listen", "discretion", "kiosk", "newsletter"]:
        assert words in html


def test_a_code_typed_in_small_letters_finds_the_network(world: World) -> None:
    response = Client().get("/fr/n/alpha2/")
    assert response.status_code == 200
    assert "Réseau Alpha" in response.content.decode()


@pytest.mark.parametrize("path", ["NOPE99/", "NOPE99/apply/", "NOPE99/thanks/", "A" * 40 + "/"])
def test_an_unknown_code_is_not_found(world: World, path: str) -> None:
    response = Client().get(f"/fr/n/{path}")
    assert response.status_code == 404
    html = response.content.decode()
    assert world.network_a.name not in html and world.network_a.code not in html


def test_the_code_page_sends_a_typed_code_to_its_network(world: World) -> None:
    response = Client().get("/fr/n/", {"code": " alpha2 "}, follow=True)
    assert response.redirect_chain[-1][0] == "/fr/n/ALPHA2/"


def test_the_code_page_says_when_no_network_uses_a_code(world: World) -> None:
    response = Client().get("/en/n/", {"code": "ZZZZZZ"}, follow=True)
    assert "no network uses it as a code" in response.content.decode()


@pytest.mark.parametrize("path", ["/fr/n/ALPHA2/", "/en/n/ALPHA2/apply/", "/fr/n/ALPHA2/thanks/"])
def test_public_recruiting_pages_set_no_cookie(world: World, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    assert_no_cookie(response)
    html = response.content.decode()
    assert "<script>" not in html and " style=" not in html
    assert "csrfmiddlewaretoken" not in html


def test_applying_saves_the_application_and_thanks_the_person(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/n/ALPHA2/apply/", application_form())
    assert response.status_code == 302
    assert response["Location"] == "/en/n/ALPHA2/thanks/"
    assert_no_cookie(response)
    application = Application.objects.get()
    assert application.network == world.network_a
    assert application.name == "Nadia Tremblay"
    assert application.roles == ["helper"]
    assert application.qualities == ["listening", "discretion", "writing"]
    assert application.status == Application.Status.NEW
    assert application.language == "en"
    thanks = client.get(response["Location"]).content.decode()
    assert "Someone from the committee will contact you" in thanks


def test_applying_sends_no_email_and_audits_without_content(world: World) -> None:
    Client().post("/en/n/alpha2/apply/", application_form(roles=["helper", "contributor"]))
    assert mail.outbox == []
    application = Application.objects.get()
    assert application.roles == ["helper", "contributor"]
    event = AuditEvent.objects.get(action="application.received")
    assert event.object_id == str(application.pk) and event.actor is None


def test_the_form_tells_the_person_who_reads_it_and_for_how_long(world: World) -> None:
    html = Client().get("/en/n/ALPHA2/apply/").content.decode()
    assert "only the mutual-aid committee of Réseau Alpha reads this form" in html
    assert "deleted 180 days after" in html


def test_a_robot_filling_the_hidden_field_is_thanked_but_nothing_is_saved(world: World) -> None:
    response = Client().post("/fr/n/ALPHA2/apply/", application_form(website="http://spam.test"))
    assert response.status_code == 302
    assert response["Location"] == "/fr/n/ALPHA2/thanks/"
    assert Application.objects.count() == 0


def test_the_honeypot_is_hidden_from_people(world: World) -> None:
    html = Client().get("/fr/n/ALPHA2/apply/").content.decode()
    hidden_block = html[html.index("<div hidden>") :]
    assert hidden_block.index('name="website"') < hidden_block.index("</div>")


def test_the_form_pauses_after_the_hourly_cap_and_keeps_what_was_typed(world: World) -> None:
    for _ in range(MAX_APPLICATIONS_PER_HOUR):
        make_application(world.network_a)
    response = Client().post("/en/n/ALPHA2/apply/", application_form(name="Late Applicant"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "received many applications in the last hour" in html
    assert 'value="Late Applicant"' in html
    assert Application.objects.count() == MAX_APPLICATIONS_PER_HOUR
    assert_no_cookie(response)


def test_the_cap_counts_only_the_last_hour_and_only_this_network(world: World) -> None:
    long_ago = timezone.now() - datetime.timedelta(hours=1, minutes=1)
    for _ in range(MAX_APPLICATIONS_PER_HOUR):
        make_application(world.network_a, created_at=long_ago)
        make_application(world.network_b)
    response = Client().post("/en/n/ALPHA2/apply/", application_form())
    assert response.status_code == 302
    assert Application.objects.filter(network=world.network_a).count() == 21


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"roles": None}, "Choose at least one role."),
        ({"roles": ["coordinator"]}, "Select a valid choice."),
        ({"motivation": "x" * 2001}, "at most 2000 characters"),
        ({"availability": "x" * 501}, "at most 500 characters"),
        ({"qualities": ["flying"]}, "Select a valid choice."),
        ({"phone": "<script>"}, "Use digits, spaces, dashes and parentheses only"),
        ({"consent": None}, "Tick this box so that the committee may read your form."),
    ],
)
def test_a_wrong_answer_is_shown_with_the_form_and_nothing_is_saved(
    world: World, changes: dict, message: str
) -> None:
    response = Client().post("/en/n/ALPHA2/apply/", application_form(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Some answers need your attention" in html
    assert Application.objects.count() == 0
    assert_no_cookie(response)


def test_applying_to_an_unknown_code_is_not_found(world: World) -> None:
    response = Client().post("/fr/n/NOPE99/apply/", application_form())
    assert response.status_code == 404
    assert Application.objects.count() == 0


def test_an_empty_form_sent_by_mistake_shows_what_is_missing(world: World) -> None:
    response = Client().post("/en/n/ALPHA2/apply/", {})
    assert response.status_code == 200
    assert "Choose at least one role." in response.content.decode()
    assert Application.objects.count() == 0
