"""Asking for help without an account: the form of a network, the receipt shown once."""

import math
import re
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

import triage
from conftest import make_staff_user
from directory.models import TaxonomyTerm
from networks.models import Membership, Network, Organization, Role, Team
from recruitment.models import HelperProfile
from recruitment.pledge import CURRENT_PLEDGE_VERSION
from regions.models import RegionalCouncil
from support import receipts
from support.models import HelpRequest

PASSPHRASE = re.compile(r"<strong data-passphrase>([a-z ]+)</strong>")


@dataclass
class Place:
    network: Network
    other: Network
    team: Team
    helper: Membership
    away_helper: Membership
    other_helper: Membership
    topic: TaxonomyTerm


def make_helper(network: Network, name: str, *, away: bool = False) -> Membership:
    user = make_staff_user(f"{name}@public.test", name)
    membership = Membership.objects.create(user=user, role=Role.HELPER, network=network)
    HelperProfile.objects.create(
        membership=membership,
        languages=["fr", "en"],
        is_away=away,
        pledge_signed_at=timezone.now(),
        pledge_version=CURRENT_PLEDGE_VERSION,
    )
    return membership


@pytest.fixture
def place(db: None, settings: object) -> Place:
    # A fast hasher for staff accounts; receipts are always hashed with Argon2.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    council = RegionalCouncil.objects.create(
        slug="mtl-public", name_fr="Montréal (public)", name_en="Montreal (public)"
    )
    union = Organization.objects.create(name="Syndicat P", kind=Organization.Kind.UNION_LOCAL)
    network = Network.objects.create(
        name="Réseau Public",
        code="PUBLA7",
        kind=Network.Kind.UNION_ONLY,
        council=council,
        union=union,
    )
    other = Network.objects.create(
        name="Réseau Ailleurs",
        code="AILLB8",
        kind=Network.Kind.UNION_ONLY,
        council=council,
        union=union,
    )
    topic = TaxonomyTerm.objects.create(
        code="grief",
        name_fr="Deuil (essai)",
        name_en="Grief (test)",
        description_fr="d",
        description_en="d",
    )
    helper = make_helper(network, "Camille")
    helper.helper_profile.topics.add(topic)
    return Place(
        network=network,
        other=other,
        team=Team.objects.create(network=network, name="Entrepôt"),
        helper=helper,
        away_helper=make_helper(network, "Absente", away=True),
        other_helper=make_helper(other, "Ailleurs"),
        topic=topic,
    )


def ask(client: Client, code: str = "PUBLA7", lang: str = "en", **fields: object) -> object:
    data = {"language": "en", "contact": "conversation", "message": ""}
    data.update(fields)
    return client.post(f"/{lang}/help/{code}/", data)


def passphrase_in(response: object) -> str:
    match = PASSPHRASE.search(response.content.decode())
    assert match, "no passphrase on the page"
    return match.group(1)


def assert_private(response: object) -> None:
    assert response.cookies == {} and "Set-Cookie" not in response.headers
    assert response["Cache-Control"] == "no-store"


def fake_triage(monkeypatch: pytest.MonkeyPatch, urgent_word: str = "URGENTWORD") -> None:
    """Stands in for triage: any text with `urgent_word` is a crisis, nothing else is."""

    def assess(text: str, topics: object = ()) -> triage.Assessment:
        urgent = urgent_word in text
        return triage.Assessment(level="plan" if urgent else "none", urgent=urgent)

    monkeypatch.setattr(triage, "assess", assess)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_form_shows_the_network_its_teams_and_its_available_helpers_only(
    place: Place, language: str
) -> None:
    response = Client().get(f"/{language}/help/publa7/")
    html = response.content.decode()
    assert response.status_code == 200
    assert_private(response)
    assert "Réseau Public" in html and "Entrepôt" in html
    assert "Camille" in html and ("Grief (test)" if language == "en" else "Deuil (essai)") in html
    assert "Absente" not in html and "Ailleurs" not in html
    # Camille's lived-experience topic is a topic of the form, never a word about Camille.
    helpers = html[html.index('id="id_chosen_helper"') :]
    helpers = helpers[: helpers.index("</details>")]
    assert "Camille" in helpers
    assert "Grief (test)" not in helpers and "Deuil (essai)" not in helpers
    assert "supervises your team" in html or language == "fr"
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.parametrize("path", ["NOPE99/", "A" * 40 + "/"])
def test_an_unknown_network_code_is_not_found(place: Place, path: str) -> None:
    response = Client().get(f"/en/help/{path}")
    assert response.status_code == 404
    assert "Réseau" not in response.content.decode()


def test_the_network_page_links_to_the_confidential_request_form(place: Place) -> None:
    html = Client().get("/en/n/PUBLA7/").content.decode()
    assert 'href="/en/help/PUBLA7/"' in html


def test_a_request_is_recorded_with_its_choices_and_the_passphrase_is_shown_once(
    place: Place,
) -> None:
    response = ask(
        Client(),
        lang="fr",
        contact="phone",
        phone="514 555-0199",
        topics=[place.topic.code],
        team=str(place.team.pk),
        chosen_helper=str(place.helper.pk),
        message="Bonjour",
    )
    assert response.status_code == 200
    assert_private(response)
    passphrase = passphrase_in(response)
    words = passphrase.split()
    assert len(words) == 6 and set(words) <= set(receipts.words("en"))
    request = HelpRequest.objects.get()
    assert (request.network, request.language, request.contact) == (place.network, "en", "phone")
    assert request.team == place.team and request.chosen_helper == place.helper
    assert list(request.topics.all()) == [place.topic]
    assert request.phone_encrypted and b"555-0199" not in bytes(request.phone_encrypted)
    assert request.receipt_locator == receipts.locator_of(passphrase)
    assert request.receipt_hash.startswith("argon2") and passphrase not in request.receipt_hash
    days = (request.receipt_expires_at - timezone.now()).days
    assert days in (receipts.RECEIPT_DAYS - 1, receipts.RECEIPT_DAYS)
    assert request.messages.count() == 1


def test_french_requests_get_french_words(place: Place) -> None:
    passphrase = passphrase_in(ask(Client(), language="fr"))
    assert set(passphrase.split()) <= set(receipts.words("fr"))


def test_a_phone_call_needs_a_number_and_nothing_typed_is_lost(place: Place) -> None:
    response = ask(Client(), contact="phone", message="Keep this text")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Give a number" in html and "Keep this text" in html
    assert not HelpRequest.objects.exists()


def test_a_helper_of_another_network_or_away_cannot_be_chosen(place: Place) -> None:
    for helper in (place.other_helper, place.away_helper):
        response = ask(Client(), chosen_helper=str(helper.pk))
        assert response.status_code == 200 and not PASSPHRASE.search(response.content.decode())
    assert not HelpRequest.objects.exists()


def test_a_message_longer_than_4000_characters_is_refused_with_a_clear_error(
    place: Place,
) -> None:
    response = ask(Client(), message="x" * 4001)
    assert response.status_code == 200
    assert "4000" in response.content.decode() or "4,000" in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_an_urgent_request_shows_the_crisis_numbers_before_anything_else(
    place: Place, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_triage(monkeypatch)
    response = ask(Client(), message="I have a plan URGENTWORD")
    html = response.content.decode()
    main = html[html.index('<main id="main"') :]
    assert main.index("911") < main.index("<h1>") < main.index("data-passphrase")
    assert "tel:+18662773553" in main
    request = HelpRequest.objects.get()
    assert request.urgent and request.level == "plan"


def test_a_calm_request_shows_no_crisis_block(
    place: Place, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_triage(monkeypatch)
    html = ask(Client(), message="Work is hard lately").content.decode()
    main = html[html.index('<main id="main"') :]
    assert 'role="alert"' not in main
    assert not HelpRequest.objects.get().urgent


def test_both_word_lists_give_more_than_64_bits_with_six_words() -> None:
    for language in ("fr", "en"):
        vocabulary = receipts.words(language)
        assert len(vocabulary) >= 2048 and len(set(vocabulary)) == len(vocabulary)
        assert all(re.fullmatch(r"[a-z]{3,10}", word) for word in vocabulary)
        assert receipts.WORDS_PER_PASSPHRASE * math.log2(len(vocabulary)) >= 64
        assert receipts.entropy_bits(language) >= 66


def test_a_passphrase_is_read_whatever_its_case_accents_and_spacing() -> None:
    assert receipts.normalise("  Élève-Arbre  CHAT\tpomme ") == "eleve arbre chat pomme"
    assert receipts.locator_of("Chat Pomme") == receipts.locator_of("chat   pomme")
