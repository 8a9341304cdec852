"""How people find a network: by name (or only by its code) and in which region, chosen by its
coordinator in the network's settings."""

import pytest
from django.test import Client

from audit.models import AuditEvent
from conftest import sign_in
from networks.actions import create_network
from networks.tests.conftest import World
from regions.models import Region
from regions.reference_data import load_regions


@pytest.fixture
def regions(world: World) -> World:
    """Network A's council covers Montréal and Laval, as the real one does."""
    load_regions()
    world.montreal.regions.set(Region.objects.filter(code__in=["06", "13"]))
    world.network_a.region = Region.objects.get(code="06")
    world.network_a.save()
    return world


def settings_url(world: World) -> str:
    return f"/en/networks/{world.network_a.pk}/settings/"


def policies(**changes: object) -> dict:
    data = {
        "findable_by_name": "on",
        "region": str(Region.objects.get(code="06").pk),
        "retention_days": 30,
        "idle_close_days": 30,
        "report_threshold": 5,
        "authorised_minutes_per_week": "",
    }
    return {key: value for key, value in (data | changes).items() if value is not None}


def test_a_new_network_is_found_by_name_in_its_councils_first_region(regions: World) -> None:
    network = create_network(
        name="Réseau Gamma", kind="union_only", council=regions.montreal, union_name="Syndicat G"
    )
    assert network.findable_by_name
    assert network.region.code == "06"


def test_the_coordinator_makes_the_network_found_only_by_its_code(regions: World) -> None:
    client = sign_in(Client(), regions.user("coordinator_a"))
    response = client.post(settings_url(regions), policies(findable_by_name=None))
    assert response.status_code == 302
    regions.network_a.refresh_from_db()
    assert not regions.network_a.findable_by_name
    assert AuditEvent.objects.filter(
        action="network.policies.changed", object_id=str(regions.network_a.pk)
    ).exists()
    found = Client().post("/en/help/", {"q": regions.network_a.name}).content.decode()
    assert regions.network_a.code not in found
    by_code = Client().post("/en/help/", {"q": regions.network_a.code.lower()})
    assert by_code["Location"] == f"/en/n/{regions.network_a.code}/"


def test_the_coordinator_moves_the_network_to_another_region_of_the_council(
    regions: World,
) -> None:
    client = sign_in(Client(), regions.user("coordinator_a"))
    laval = Region.objects.get(code="13")
    assert client.post(settings_url(regions), policies(region=str(laval.pk))).status_code == 302
    regions.network_a.refresh_from_db()
    assert regions.network_a.region == laval
    listed = Client().get("/en/help/", {"region": "13"}).content.decode()
    assert f'href="/en/n/{regions.network_a.code}/"' in listed


def test_a_region_outside_the_council_is_refused(regions: World) -> None:
    client = sign_in(Client(), regions.user("coordinator_a"))
    gaspesie = Region.objects.get(code="11")
    response = client.post(settings_url(regions), policies(region=str(gaspesie.pk)))
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    regions.network_a.refresh_from_db()
    assert regions.network_a.region.code == "06"


def test_the_settings_page_offers_only_the_councils_regions(regions: World) -> None:
    client = sign_in(Client(), regions.user("coordinator_a"))
    html = client.get(settings_url(regions)).content.decode()
    assert ">Montréal</option>" in html and ">Laval</option>" in html
    assert "Gaspésie" not in html
    assert 'name="findable_by_name" aria-describedby="id_findable_by_name_helptext"' in html
