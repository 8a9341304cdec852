"""The workplace finder page (/help/) and the network's public page, through the real URLs: a
worker finds their workplace by name, by the code on the poster or by region, and lands on a
page that opens on asking for help."""

import datetime
import re
from dataclasses import dataclass

import pytest
from django.test import Client

from networks.models import Network, NetworkResource, Organization
from regions.models import Region, RegionalCouncil
from regions.reference_data import load_regions


@dataclass
class Places:
    justine: Network
    levis: Network
    laval: Network
    hidden: Network


def network(name: str, code: str, region: str, union: str, **fields: object) -> Network:
    council = RegionalCouncil.objects.filter(regions__code=region).first()
    return Network.objects.create(
        name=name,
        code=code,
        kind=Network.Kind.UNION_ONLY,
        council=council,
        region=Region.objects.get(code=region),
        union=Organization.objects.create(name=union, kind=Organization.Kind.UNION_LOCAL),
        **fields,
    )


@pytest.fixture
def places(db: None) -> Places:
    load_regions()
    return Places(
        justine=network(
            "CHU Sainte-Justine", "JUST22", "06", "Syndicat des soins de Sainte-Justine"
        ),
        levis=network("Ville de Lévis", "LEVI33", "12", "Syndicat des cols bleus de Lévis"),
        laval=network("Cité de la Santé de Laval", "LAVA44", "13", "Syndicat de la Cité"),
        hidden=network(
            "Centre de tri Discret", "K7Q4MZ", "06", "Local 77 Discret", findable_by_name=False
        ),
    )


def find(text: str, language: str = "fr") -> object:
    return Client().post(f"/{language}/help/", {"q": text})


def assert_private(response: object) -> None:
    assert response.cookies == {} and "Set-Cookie" not in response.headers
    assert response["Cache-Control"] == "no-store"
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_the_finder_offers_one_box_sent_by_post_and_the_17_regions(places: Places) -> None:
    response = Client().get("/fr/help/")
    html = response.content.decode()
    assert response.status_code == 200
    assert_private(response)
    assert re.search(r'<form [^>]*method="post" action="/fr/help/#finder"', html)
    assert '<label for="id_q">' in html
    assert html.count('href="?region=') == 17


def test_a_misspelled_name_without_accents_finds_the_network(places: Places) -> None:
    response = find("hopital ste-justinne")
    html = response.content.decode()
    assert response.status_code == 200
    assert_private(response)
    assert 'href="/fr/n/JUST22/"' in html
    assert "Lévis" not in html.split('id="results-heading"')[1].split("regions-heading")[0]


def test_the_words_typed_stay_out_of_the_url_and_the_links(places: Places) -> None:
    response = find("cols bleus levis")
    assert response.status_code == 200  # answered in place, not redirected to a URL with words
    html = response.content.decode()
    assert 'href="/fr/n/LEVI33/"' in html
    links = re.findall(r'(?:href|action)="([^"]*)"', html)
    assert not [link for link in links if "bleus" in link or "levis" in link.lower()]


def test_the_typed_words_are_kept_in_the_box(places: Places) -> None:
    html = find("Ville de Lévis").content.decode()
    assert 'value="Ville de Lévis"' in html


@pytest.mark.parametrize("typed", ["JUST22", "just22", " just 22 ", "JUS-T22", "jus t22"])
def test_a_code_in_any_case_with_spaces_or_dashes_goes_straight_to_the_network(
    places: Places, typed: str
) -> None:
    response = find(typed)
    assert response.status_code == 302
    assert response["Location"] == "/fr/n/JUST22/"


def test_a_network_found_only_by_its_code_is_reached_by_its_code(places: Places) -> None:
    response = find("k7q-4mz", "en")
    assert response.status_code == 302
    assert response["Location"] == "/en/n/K7Q4MZ/"


@pytest.mark.parametrize("typed", ["Centre de tri Discret", "discret", "local 77", "tri"])
def test_a_network_found_only_by_its_code_never_appears_in_name_results(
    places: Places, typed: str
) -> None:
    html = find(typed).content.decode()
    assert "Discret" not in html.replace(typed, "")
    assert "K7Q4MZ" not in html


def test_a_network_found_only_by_its_code_never_appears_in_its_region(places: Places) -> None:
    html = Client().get("/fr/help/", {"region": "06"}).content.decode()
    assert 'href="/fr/n/JUST22/"' in html
    assert "Discret" not in html and "K7Q4MZ" not in html


def test_an_attacker_listing_names_letter_by_letter_never_finds_the_hidden_network(
    places: Places,
) -> None:
    client = Client()
    for letters in ["cen", "centre", "de", "tri", "dis", "77", "loc", "a", "e", "c"]:
        html = client.post("/en/help/", {"q": letters}).content.decode()
        assert "K7Q4MZ" not in html and "Discret" not in html, letters
    for region in Region.objects.all():
        html = client.get("/en/help/", {"region": region.code}).content.decode()
        assert "K7Q4MZ" not in html and "Discret" not in html, region.code


def test_an_unknown_code_says_so_and_keeps_what_was_typed(places: Places) -> None:
    response = find("ZZ9 99Z", "en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "No network uses the code ZZ999Z." in html
    assert 'value="ZZ9 99Z"' in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'aria-describedby="[^"]*id_q_error', html)
    assert 'id="id_q_error"' in html


def test_six_letters_that_are_a_name_are_searched_as_a_name(places: Places) -> None:
    html = find("justin", "en").content.decode()
    assert 'href="/en/n/JUST22/"' in html
    assert "No network uses the code" not in html


def test_no_match_says_what_to_do(places: Places) -> None:
    html = find("Bombardier Mirabel", "en").content.decode()
    assert (
        "No workplace matches. Check the spelling, try the employer’s or the union’s name" in html
    )
    assert "type the code on the poster" in html


def test_an_empty_box_asks_for_a_name_or_a_code(places: Places) -> None:
    response = find("   ", "en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Type a name, or the code printed on your workplace’s poster." in html
    assert 'aria-invalid="true"' in html


def test_browsing_a_region_lists_its_findable_networks_only(places: Places) -> None:
    html = Client().get("/en/help/", {"region": "13"}).content.decode()
    assert 'href="/en/n/LAVA44/"' in html
    assert "JUST22" not in html and "LEVI33" not in html
    # Laval is in the Montréal council, but someone who works in Laval looks under Laval.
    assert "Workplaces in Laval" in html


def test_the_region_list_counts_only_findable_networks(places: Places) -> None:
    html = Client().get("/en/help/").content.decode()
    assert re.search(r"Montréal</span> <span class=\"meta\">1 network</span>", html)


def test_a_region_without_findable_networks_says_what_to_do(places: Places) -> None:
    html = Client().get("/en/help/", {"region": "09"}).content.decode()
    assert "No network of this region can be found by name." in html


def test_the_old_code_page_sends_people_to_the_finder_keeping_the_code(places: Places) -> None:
    response = Client().get("/fr/n/", {"code": "just22"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/help/?code=just22"
    landed = Client().get(response["Location"])
    assert landed.status_code == 302 and landed["Location"] == "/fr/n/JUST22/"
    assert Client().get("/en/n/")["Location"] == "/en/help/"


def test_an_unknown_code_from_the_old_code_page_is_shown_in_the_finder(places: Places) -> None:
    html = Client().get("/en/help/", {"code": "ZZZ999"}).content.decode()
    assert "No network uses the code ZZZ999." in html


def test_the_network_page_opens_on_asking_for_help_and_recruits_second(places: Places) -> None:
    html = Client().get("/en/n/JUST22/").content.decode()
    ask = html.index('href="/en/help/JUST22/"')
    apply = html.index('href="/en/n/JUST22/apply/"')
    assert ask < apply
    assert "Talk to a peer helper of CHU Sainte-Justine" in html[:ask]


def add_resource(place: Network, kind: str, name: str, **fields: object) -> NetworkResource:
    values = {"phone": "514 555-0101", "hours": "24/7", "verified_on": datetime.date(2026, 3, 12)}
    return NetworkResource.objects.create(network=place, kind=kind, name=name, **(values | fields))


def test_the_network_page_shows_its_resources_eap_first_with_a_phone_link(
    places: Places,
) -> None:
    add_resource(places.justine, "clsc", "CLSC Côte-des-Neiges")
    add_resource(places.justine, "union", "Bureau syndical", phone="514 555-0117 poste 2")
    add_resource(places.justine, "eap", "PAE Mieux-Être", phone="1 800 555-0142", hours="Jour")
    add_resource(places.levis, "eap", "PAE de Lévis")
    html = Client().get("/en/n/JUST22/").content.decode()
    positions = [html.index(name) for name in ["PAE Mieux-Être", "Bureau syndical", "CLSC"]]
    assert positions == sorted(positions)
    assert 'href="tel:+18005550142"' in html
    assert 'href="tel:+15145550117,2"' in html
    assert "Number checked on" in html and 'datetime="2026-03-12"' in html
    assert "PAE de Lévis" not in html
    assert "ask your union local or your human resources department" not in html
    assert html.index("PAE Mieux-Être") < html.index('href="/en/n/JUST22/apply/"')


def test_a_network_without_an_eap_says_how_to_find_it(places: Places) -> None:
    add_resource(places.levis, "union", "Permanence syndicale")
    html = Client().get("/en/n/LEVI33/").content.decode()
    assert "Permanence syndicale" in html
    assert "ask your union local or your human resources department" in html


def test_the_finder_speaks_french(places: Places) -> None:
    """Needs the compiled French catalogue (locale/pending/finder.po, merged by the lead)."""
    html = find("Bombardier Mirabel").content.decode()
    assert "Aucun milieu de travail ne correspond." in html
    html = Client().get("/fr/n/JUST22/").content.decode()
    assert "Parler à une personne entraidante de CHU Sainte-Justine" in html
