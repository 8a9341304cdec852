"""A new pledge: a helper who signed an older version is offered no request until they sign the
current one, is told what changed, signs again, and is offered the next request."""

import datetime
from html.parser import HTMLParser

import pytest
from django.test import Client

from networks.models import Membership
from recruitment.models import AvailabilitySlot, HelperProfile
from recruitment.pledge import CURRENT_PLEDGE_VERSION
from recruitment.tests.conftest import World
from support.models import HelpRequest, Offer

OLD_VERSION = "2026-11"
MESSAGE = "J'ai besoin d'en parler à quelqu'un, ça ne va pas au travail."


class HiddenFields(HTMLParser):
    """The hidden inputs of a page, such as the request form's one-use token."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden" and attributes.get("name"):
            self.fields[attributes["name"]] = attributes.get("value") or ""


def ask_for_help(network_code: str) -> None:
    """A worker opens the network's help page and sends a message, as anyone would."""
    client = Client()
    page = client.get(f"/fr/help/{network_code}/")
    assert page.status_code == 200
    form = HiddenFields()
    form.feed(page.content.decode())
    data = {**form.fields, "language": "fr", "contact": "conversation", "message": MESSAGE}
    response = client.post(f"/fr/help/{network_code}/", data, follow=True)
    assert response.status_code == 200


def offered_the_latest_request(membership: Membership) -> bool:
    latest = HelpRequest.objects.order_by("-pk").first()
    return Offer.objects.filter(helper=membership, request=latest).exists()


@pytest.fixture
def signed_the_old_pledge(world: World) -> Membership:
    """Helper A of network A, available at any hour, who signed the previous pledge."""
    membership = world.people["helper_a"]
    profile = HelperProfile.objects.create(
        membership=membership,
        languages=["fr", "en"],
        pledge_version=OLD_VERSION,
        pledge_signed_at="2026-11-20T15:00Z",
    )
    AvailabilitySlot.objects.bulk_create(
        AvailabilitySlot(
            profile=profile,
            weekday=day,
            starts_at=datetime.time(0, 0),
            ends_at=datetime.time(23, 59, 59),
        )
        for day in range(7)
    )
    return membership


def test_a_helper_who_signed_an_older_pledge_is_not_active(
    world: World, signed_the_old_pledge: Membership
) -> None:
    profile = signed_the_old_pledge.helper_profile
    assert profile.has_signed_pledge and profile.needs_pledge and not profile.is_active
    assert not HelperProfile.objects.active().exists()


def test_a_helper_who_signed_an_older_pledge_signs_again_before_the_next_request(
    world: World, signed_the_old_pledge: Membership
) -> None:
    helper = signed_the_old_pledge
    ask_for_help(world.network_a.code)
    assert HelpRequest.objects.count() == 1
    assert not Offer.objects.filter(helper=helper).exists()

    client = world.client_for("helper_a")
    home = client.get("/en/account/").content.decode()
    assert "read and sign the confidentiality pledge" in home
    pledge = client.get("/en/recruiting/pledge/").content.decode()
    assert "The pledge has changed" in pledge
    assert "You signed an earlier version of the pledge" in pledge
    assert "serious harm to someone else" in pledge and "DPJ" in pledge
    assert f"version {CURRENT_PLEDGE_VERSION}" in pledge
    assert 'name="commit"' in pledge

    signed = client.post("/en/recruiting/pledge/", {"commit": "on"}, follow=True)
    assert "Your pledge is recorded." in signed.content.decode()
    profile = HelperProfile.objects.get(membership=helper)
    assert profile.pledge_version == CURRENT_PLEDGE_VERSION
    assert profile.pledge_signed_at > datetime.datetime(2026, 11, 21, tzinfo=datetime.UTC)
    assert (
        "read and sign the confidentiality pledge"
        not in client.get("/en/account/").content.decode()
    )
    assert 'name="commit"' not in client.get("/en/recruiting/pledge/").content.decode()

    ask_for_help(world.network_a.code)
    assert offered_the_latest_request(helper)


def test_a_helper_who_never_signed_is_not_told_that_the_pledge_changed(world: World) -> None:
    html = world.client_for("helper_a").get("/en/recruiting/pledge/").content.decode()
    assert 'name="commit"' in html
    assert "The pledge has changed" not in html
    assert "Read the pledge and sign it." in html


def test_a_helper_who_signed_the_current_pledge_is_not_asked_again(
    world: World, signed_the_old_pledge: Membership
) -> None:
    HelperProfile.objects.filter(membership=signed_the_old_pledge).update(
        pledge_version=CURRENT_PLEDGE_VERSION
    )
    client = world.client_for("helper_a")
    assert (
        "read and sign the confidentiality pledge"
        not in client.get("/en/account/").content.decode()
    )
    html = client.get("/en/recruiting/pledge/").content.decode()
    assert "You have no pledge to sign" in html and "The pledge has changed" not in html
    ask_for_help(world.network_a.code)
    assert offered_the_latest_request(signed_the_old_pledge)


def test_the_french_pledge_page_says_in_french_that_the_pledge_changed(
    world: World, signed_the_old_pledge: Membership
) -> None:
    # Needs the compiled French catalogue with locale/pending/confidentiality.po merged.
    html = world.client_for("helper_a").get("/fr/recruiting/pledge/").content.decode()
    assert "L’engagement a changé" in html
    assert "Lisez la nouvelle version et signez-la de nouveau." in html
    assert "tort grave à une autre personne" in html and "DPJ" in html
