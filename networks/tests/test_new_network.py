"""Creating a network: an administrator in any council, a regional representative in theirs."""

import pytest
from django.test import Client

from audit.models import AuditEvent
from conftest import sign_in
from networks.models import CODE_ALPHABET, Network
from networks.tests.conftest import World

NEW_URL = "/en/networks/new/"


def new_network(world: World, **changes: object) -> dict:
    data = {
        "name": "Réseau Gamma",
        "kind": "union_only",
        "council": world.montreal.pk,
        "union_name": "Syndicat Gamma",
        "employer_name": "",
    }
    data.update(changes)
    return data


def test_a_representative_creates_a_network_in_their_council(world: World) -> None:
    client = sign_in(Client(), world.user("rep_of_a"))
    response = client.post(NEW_URL, new_network(world))
    network = Network.objects.get(name="Réseau Gamma")
    assert response.status_code == 302
    assert response["Location"] == f"/en/networks/{network.pk}/"
    assert network.council == world.montreal
    assert network.union.name == "Syndicat Gamma"
    assert network.employer is None
    assert len(network.code) == 6 and set(network.code) <= set(CODE_ALPHABET)
    assert network.startup_steps.count() == 6
    event = AuditEvent.objects.get(action="network.created", object_id=str(network.pk))
    assert (event.actor, event.object_id) == (world.user("rep_of_a"), str(network.pk))
    body = client.get(response["Location"]).content.decode()
    assert f"Its public code is {network.code}." in body


def test_a_representative_cannot_create_a_network_in_another_council(world: World) -> None:
    client = sign_in(Client(), world.user("rep_of_a"))
    response = client.post(NEW_URL, new_network(world, council=world.quebec.pk))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Network.objects.filter(name="Réseau Gamma").exists()


def test_the_council_list_offers_only_the_representatives_own_council(world: World) -> None:
    client = sign_in(Client(), world.user("rep_of_a"))
    body = client.get(NEW_URL).content.decode()
    assert "Montréal (test)" in body
    assert "Québec (test)" not in body


def test_an_administrator_creates_a_network_in_any_council(world: World) -> None:
    client = sign_in(Client(), world.user("admin"))
    response = client.post(
        NEW_URL,
        new_network(world, council=world.quebec.pk, kind="contracted", employer_name="Ville"),
    )
    assert response.status_code == 302
    network = Network.objects.get(name="Réseau Gamma")
    assert network.council == world.quebec
    assert network.employer.name == "Ville"


@pytest.mark.parametrize("kind", ["joint", "contracted"])
def test_a_joint_or_contracted_network_needs_an_employer(world: World, kind: str) -> None:
    client = sign_in(Client(), world.user("admin"))
    response = client.post(NEW_URL, new_network(world, kind=kind, employer_name="  "))
    assert response.status_code == 200
    assert "Name the employer of a joint or contracted network." in response.content.decode()
    assert not Network.objects.filter(name="Réseau Gamma").exists()


def test_a_union_only_network_refuses_an_employer(world: World) -> None:
    client = sign_in(Client(), world.user("admin"))
    response = client.post(NEW_URL, new_network(world, employer_name="Employer inc."))
    assert response.status_code == 200
    body = response.content.decode()
    assert "A union-only network has no employer." in body
    assert 'value="Syndicat Gamma"' in body
    assert not Network.objects.filter(name="Réseau Gamma").exists()


def test_a_network_without_a_name_or_kind_is_refused(world: World) -> None:
    client = sign_in(Client(), world.user("admin"))
    response = client.post(NEW_URL, new_network(world, name="", kind=""))
    assert response.status_code == 200
    assert response.content.decode().count("This field is required.") == 2
    assert Network.objects.count() == 2


def test_a_coordinator_may_not_create_a_network(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    assert client.post(NEW_URL, new_network(world)).status_code == 404
    assert not Network.objects.filter(name="Réseau Gamma").exists()
