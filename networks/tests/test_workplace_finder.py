"""find_networks: a worker finds their workplace's network by the names they know it by."""

import pytest

from networks.actions import create_network
from networks.finder import MAX_RESULTS, find_networks
from networks.models import Network
from regions.models import RegionalCouncil

pytestmark = pytest.mark.django_db

WORKPLACES = [
    # (network, union local, employer)
    (
        "CHU Sainte-Justine",
        "Syndicat des professionnelles en soins de Sainte-Justine",
        "CHU Sainte-Justine",
    ),
    ("Hôpital Maisonneuve-Rosemont", "Syndicat du personnel de Maisonneuve-Rosemont", ""),
    ("Entrepôt Maisonneuve", "Section locale 501 des Teamsters", "Distributions Maisonneuve inc."),
    ("Ville de Lévis", "Syndicat des cols bleus de Lévis", ""),
    ("Centre hospitalier de Granby", "Syndicat des infirmières de Granby", ""),
    (
        "CHSLD Saint-Laurent",
        "Syndicat des travailleuses et travailleurs du CHSLD Saint-Laurent",
        "",
    ),
]


@pytest.fixture
def workplaces() -> dict[str, Network]:
    council = RegionalCouncil.objects.create(slug="finder", name_fr="Conseil", name_en="Council")
    found = {}
    for name, union, employer in WORKPLACES:
        found[name] = create_network(
            name=name,
            kind=Network.Kind.JOINT if employer else Network.Kind.UNION_ONLY,
            council=council,
            union_name=union,
            employer_name=employer,
        )
    return found


def names(text: str, language: str = "fr") -> list[str]:
    return [network.name for network in find_networks(text, language)]


@pytest.mark.parametrize(
    "typed",
    [
        "CHU Sainte-Justine",
        "chu sainte justine",
        "CHU STE-JUSTINE",
        "hopital ste-justine",
        "hôpital Sainte Justine",
        "sainte-justin",  # stopped typing
        "Sainte-Justinne",  # one slip
        "st justine",  # "st" for "ste": a slip the typo rule forgives
        "centre hospitalier universitaire sainte-justine",
        "justine",
    ],
)
def test_it_finds_a_network_by_its_name_with_typos_missing_accents_and_abbreviations(
    workplaces: dict, typed: str
) -> None:
    assert names(typed)[0] == "CHU Sainte-Justine"


def test_it_finds_a_network_by_its_union_locals_name(workplaces: dict) -> None:
    assert names("cols bleus levis") == ["Ville de Lévis"]
    assert names("teamsters 501") == ["Entrepôt Maisonneuve"]


def test_it_finds_a_network_by_its_employers_name(workplaces: dict) -> None:
    assert names("distributions maisonneuve")[0] == "Entrepôt Maisonneuve"


def test_a_word_many_networks_share_weighs_less_than_a_distinctive_one(workplaces: dict) -> None:
    assert names("syndicat granby") == ["Centre hospitalier de Granby"]


def test_hospital_finds_the_chu_and_the_centre_hospitalier(workplaces: dict) -> None:
    found = names("hopital")
    assert set(found) == {
        "CHU Sainte-Justine",
        "Hôpital Maisonneuve-Rosemont",
        "Centre hospitalier de Granby",
    }


def test_an_english_query_reads_french_names_in_english(workplaces: dict) -> None:
    assert names("city of levis", "en") == ["Ville de Lévis"]
    assert names("Sainte-Justine hospital", "en")[0] == "CHU Sainte-Justine"
    assert names("blue collars union", "en") == ["Ville de Lévis"]


def test_in_french_union_is_not_read_as_syndicat(workplaces: dict) -> None:
    assert names("union", "fr") == []


def test_the_two_maisonneuve_workplaces_are_told_apart(workplaces: dict) -> None:
    assert set(names("maisonneuve")) == {"Hôpital Maisonneuve-Rosemont", "Entrepôt Maisonneuve"}
    assert names("maisonneuve rosemont")[0] == "Hôpital Maisonneuve-Rosemont"
    assert names("entrepot maisonneuve")[0] == "Entrepôt Maisonneuve"


def test_a_network_found_only_by_its_code_is_never_listed(workplaces: dict) -> None:
    hidden = workplaces["CHU Sainte-Justine"]
    Network.objects.filter(pk=hidden.pk).update(findable_by_name=False)
    for typed in ["CHU Sainte-Justine", "sainte-justine", "hopital", "syndicat", "soins"]:
        assert "CHU Sainte-Justine" not in names(typed), typed
    assert "Hôpital Maisonneuve-Rosemont" in names("hopital")


@pytest.mark.parametrize("typed", ["", "   ", "de la", "Montréal", "zzzzzz", "x" * 200])
def test_it_finds_nothing_for_words_no_name_holds(workplaces: dict, typed: str) -> None:
    assert names(typed) == []


def test_it_lists_at_most_max_results_networks_best_first(workplaces: dict) -> None:
    council = RegionalCouncil.objects.get(slug="finder")
    for n in range(MAX_RESULTS + 5):
        create_network(
            name=f"École {n}", kind="union_only", council=council, union_name="Syndicat de l’école"
        )
    exact = create_network(
        name="École Laurier", kind="union_only", council=council, union_name="Syndicat Laurier"
    )
    found = find_networks("ecole laurier", "fr")
    assert found[0] == exact
    assert len(find_networks("ecole", "fr")) == MAX_RESULTS
