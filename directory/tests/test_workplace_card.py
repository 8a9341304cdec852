"""Searches that the workplace's own EAP and union answer best point to the workplace's page."""

import re

import pytest
from django.test import Client

from directory.search.workplace import reads_like_workplace

pytestmark = pytest.mark.django_db

CARD = "Help from your workplace"


def results_fragment(query: str, language: str = "en", **filters: str) -> str:
    """The results part of the page, as the live search receives it."""
    response = Client().post(
        f"/{language}/directory/", {"q": query, **filters}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    return response.content.decode()


def listed(fragment: str) -> list[str]:
    return re.findall(r"<h3><a [^>]*>([^<]+)</a>", fragment)


@pytest.mark.parametrize(
    "query",
    [
        "PAE",
        "p.a.e.",
        "programme d'aide aux employés",
        "EAP",
        "employee assistance",
        "syndicat",
        "mon délégué syndical",
        "union rep",
        "déposer un grief",
        "mon boss me harcèle",
        "ressources humaines",
        "j'ai des dettes",
        "I'm broke",
        "je suis en burn out",
        "je suis brûlé",
        "chu à boutte",
        "exhausted",
        "accident de travail",
    ],
)
def test_it_points_to_the_workplace_page_for_the_eap_union_employer_money_or_burnout(
    reference_data: None, query: str
) -> None:
    fragment = results_fragment(query)
    assert CARD in fragment
    assert 'href="/en/help/">Find my workplace</a>' in fragment


@pytest.mark.parametrize(
    "query",
    [
        "mon chum me frappe",
        "jeu compulsif",
        "deuil de ma mère",
        "grief",
        "je me suis brûlé la main",
        "travailleur social",
        "anxiete",
        "gay",
    ],
)
def test_other_searches_do_not_show_the_workplace_card(reference_data: None, query: str) -> None:
    assert CARD not in results_fragment(query)


def test_the_card_shows_above_the_results(reference_data: None) -> None:
    fragment = results_fragment("mon boss me harcèle")
    assert fragment.index(CARD) < fragment.index('<ul class="results"')
    assert listed(fragment)[0].startswith("CNESST")


def test_the_card_shows_even_when_no_line_matches(reference_data: None) -> None:
    fragment = results_fragment("ressources humaines")
    assert CARD in fragment and listed(fragment) == []
    assert "No service matches this search." in fragment and 'href="tel:811"' in fragment


def test_the_card_shows_whatever_the_filters(reference_data: None) -> None:
    fragment = results_fragment("syndicat", topic="gambling")
    assert CARD in fragment and listed(fragment) == []


def test_crisis_wording_keeps_the_crisis_lines_first_beside_the_card(reference_data: None) -> None:
    fragment = results_fragment("je veux mourir à cause de ma job")
    assert CARD in fragment
    assert fragment.index("If you are thinking of suicide") < fragment.index(CARD)
    assert listed(fragment)[:3] == [
        "Quebec suicide prevention line (1 866 APPELLE)",
        "9-8-8 Suicide Crisis Helpline",
        "Emergency 9-1-1",
    ]


def test_the_french_card_links_to_the_french_finder(reference_data: None) -> None:
    # Needs the compiled French catalogue (locale/pending/directory.po).
    fragment = results_fragment("PAE", "fr")
    assert "L’aide de votre milieu de travail" in fragment
    assert 'href="/fr/help/">Trouver mon milieu de travail</a>' in fragment


def test_the_api_still_searches_and_says_nothing_of_the_card(reference_data: None) -> None:
    body = Client().get("/api/v1/services", {"search": "harcèlement au travail"}).json()
    assert body["contents"][0]["name"].startswith("CNESST")


@pytest.mark.parametrize(
    "text",
    ["PAEF", "P.A.E.", "Programme d’aide aux employés et à la famille", "EFAP", "mon SYNDICAT",
     "shop steward", "grievance", "faire un grief", "Mon Boss", "HR", "mon employeur",
     "ma gestionnaire", "endettée", "faillite", "fin de mois", "credit card", "burn-out",
     "burnout", "épuisée", "surmenage", "jsuis full brûlé", "je me sens vidée", "worn out",
     "CSST", "cnesst", "droit de refus", "labour standards", "mes collègues", "congé de maladie"],
)  # fmt: skip
def test_it_reads_workplace_wording(text: str) -> None:
    assert reads_like_workplace(text)


@pytest.mark.parametrize(
    "text",
    ["grief", "je vis un deuil", "je me suis brûlé", "travailleur social", "mon chum me frappe",
     "idées noires", "union libre", "", "!!!", "le la les"],
)  # fmt: skip
def test_it_does_not_read_other_wording_as_workplace(text: str) -> None:
    assert not reads_like_workplace(text)
