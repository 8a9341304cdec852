"""The confidentiality pledge: a helper is not active until they sign the current version."""

import pytest
from django.template.loader import get_template

from audit.models import AuditEvent
from networks.models import Membership, Role
from recruitment.models import HelperProfile
from recruitment.pledge import CURRENT_PLEDGE_VERSION, pledge_template
from recruitment.tests.conftest import World

URL = "/en/recruiting/pledge/"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_pledge_text_exists_whole_in_both_languages(language: str) -> None:
    text = get_template(pledge_template(language=language)).render()
    for number in ["911", "1.", "7."]:
        assert number in text
    assert len(text) > 2000


LIMITS = {
    "fr": ["danger immédiat", "tort grave à une autre personne", "sécurité peut être compromise"],
    "en": ["immediate danger", "Serious harm to someone else", "security may be compromised"],
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_current_pledge_commits_to_the_three_limits_and_the_duty_to_report(
    language: str,
) -> None:
    text = get_template(pledge_template(language=language)).render()
    for limit in LIMITS[language]:
        assert limit in text
    assert "DPJ" in text and "811" in text and "39" in text
    assert "exception" not in text.lower()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_older_pledge_stays_readable_for_those_who_signed_it(language: str) -> None:
    text = get_template(pledge_template("2026-11", language)).render()
    assert "911" in text and len(text) > 2000


def test_a_helper_without_a_pledge_is_asked_to_sign_it(world: World) -> None:
    html = world.client_for("helper_a").get(URL).content.decode()
    assert "Réseau Alpha" in html
    assert "immediate danger" in html
    assert "version 2026-12" in html
    assert "Serious harm to someone else" in html and "DPJ" in html
    assert 'name="commit"' in html


def test_the_french_pledge_is_shown_in_french(world: World) -> None:
    html = world.client_for("helper_a").get("/fr/recruiting/pledge/").content.decode()
    assert "danger immédiat" in html and "Direction de la protection de la jeunesse" in html


def test_someone_who_is_not_a_helper_has_nothing_to_sign(world: World) -> None:
    html = world.client_for("coordinator_a").get(URL).content.decode()
    assert "You have no pledge to sign" in html
    assert 'name="commit"' not in html


def test_signing_the_pledge_makes_the_helper_active(world: World) -> None:
    membership = world.people["helper_a"]
    assert not HelperProfile.objects.active().exists()
    response = world.client_for("helper_a").post(URL, {"commit": "on"}, follow=True)
    assert "Your pledge is recorded." in response.content.decode()
    profile = HelperProfile.objects.get(membership=membership)
    assert profile.pledge_version == CURRENT_PLEDGE_VERSION
    assert profile.pledge_signed_at is not None
    assert list(HelperProfile.objects.active()) == [profile]
    assert profile.is_active
    event = AuditEvent.objects.get(action="pledge.signed")
    assert event.actor == world.user("helper_a") and event.object_id == str(profile.pk)


def test_the_pledge_is_not_signed_without_ticking_the_box(world: World) -> None:
    response = world.client_for("helper_a").post(URL, {})
    assert response.status_code == 200
    assert "Tick the box to sign the pledge." in response.content.decode()
    assert not HelperProfile.objects.filter(pledge_signed_at__isnull=False).exists()


def test_signing_covers_every_helper_membership_of_the_person(world: World) -> None:
    second = Membership.objects.create(
        user=world.user("helper_a"), role=Role.HELPER, network=world.network_b
    )
    world.client_for("helper_a").post(URL, {"commit": "on"})
    signed = HelperProfile.objects.filter(pledge_version=CURRENT_PLEDGE_VERSION)
    assert {p.membership_id for p in signed} == {world.people["helper_a"].pk, second.pk}


def test_an_older_signed_version_is_kept_but_no_longer_counts(world: World) -> None:
    profile = HelperProfile.objects.create(
        membership=world.people["helper_a"],
        pledge_version="2020-01",
        pledge_signed_at="2020-01-15T12:00:00Z",
    )
    assert not HelperProfile.objects.active().exists() and profile.needs_pledge
    html = world.client_for("helper_a").get(URL).content.decode()
    assert 'name="commit"' in html and "The pledge has changed" in html
    profile.refresh_from_db()
    assert profile.pledge_version == "2020-01"


@pytest.mark.parametrize("state", ["away", "membership ended", "account closed"])
def test_a_signed_helper_is_not_active_when(world: World, state: str) -> None:
    membership = world.people["helper_a"]
    world.client_for("helper_a").post(URL, {"commit": "on"})
    if state == "away":
        HelperProfile.objects.filter(membership=membership).update(is_away=True)
    elif state == "membership ended":
        Membership.objects.filter(pk=membership.pk).update(is_active=False)
    else:
        type(membership.user).objects.filter(pk=membership.user_id).update(is_active=False)
    assert not HelperProfile.objects.active().exists()
    assert not HelperProfile.objects.get(membership=membership).is_active
