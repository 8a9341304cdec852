"""The workplace's own resources, kept by its coordinator and administrators."""

import datetime

import pytest
from django.test import Client

from audit.models import AuditEvent
from conftest import make_staff_user, sign_in
from networks.models import Membership, NetworkResource, Role
from networks.tests.conftest import World


def resources_url(world: World) -> str:
    return f"/en/networks/{world.network_a.pk}/resources/"


def resource_form(**changes: object) -> dict:
    data = {
        "kind": "eap",
        "name": "PAE Mieux-Être",
        "phone": "1 800 555-0142",
        "hours": "24/7",
        "website": "",
        "details": "",
        "verified_on": "2026-03-12",
        "position": "0",
    }
    return data | changes


def make_resource(world: World, **fields: object) -> NetworkResource:
    values = {
        "network": world.network_a,
        "kind": "eap",
        "name": "PAE Mieux-Être",
        "phone": "1 800 555-0142",
        "hours": "24/7",
        "verified_on": datetime.date(2026, 3, 12),
    }
    return NetworkResource.objects.create(**(values | fields))


def audit_events_hold_nothing_of(resource_values: dict) -> bool:
    for event in AuditEvent.objects.all():
        text = " ".join(str(v) for v in [event.action, event.object_type, event.object_id])
        if any(str(value) in text for value in resource_values.values() if value):
            return False
    return True


def test_the_coordinator_adds_a_resource_and_the_audit_event_holds_no_content(
    world: World,
) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    form = resource_form(website="pae.example.org", details="Six rencontres gratuites")
    response = client.post(resources_url(world), form)
    assert response.status_code == 302
    resource = NetworkResource.objects.get(network=world.network_a)
    assert (resource.name, resource.phone, resource.verified_on) == (
        "PAE Mieux-Être",
        "1 800 555-0142",
        datetime.date(2026, 3, 12),
    )
    assert resource.website == "https://pae.example.org"
    event = AuditEvent.objects.get(action="network.resource.added")
    assert event.actor == world.user("coordinator_a")
    assert (event.object_type, event.object_id) == ("networks.networkresource", str(resource.pk))
    assert audit_events_hold_nothing_of(form | {"verified_on": ""})
    page = client.get(resources_url(world)).content.decode()
    assert "PAE Mieux-Être" in page and "The resource “PAE Mieux-Être” was added." in page


def test_an_administrator_changes_a_resource_and_the_change_is_audited(world: World) -> None:
    resource = make_resource(world)
    client = sign_in(Client(), world.user("admin"))
    url = f"{resources_url(world)}{resource.pk}/"
    response = client.post(url, resource_form(phone="1 800 555-0199", verified_on="2026-04-01"))
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.phone == "1 800 555-0199"
    assert resource.verified_on == datetime.date(2026, 4, 1)
    event = AuditEvent.objects.get(action="network.resource.changed")
    assert event.object_id == str(resource.pk) and event.actor == world.user("admin")


def test_saving_an_unchanged_resource_leaves_no_audit_event(world: World) -> None:
    resource = make_resource(world)
    client = sign_in(Client(), world.user("coordinator_a"))
    response = client.post(f"{resources_url(world)}{resource.pk}/", resource_form(), follow=True)
    assert "Nothing changed." in response.content.decode()
    assert not AuditEvent.objects.filter(action="network.resource.changed").exists()


def test_the_coordinator_removes_a_resource_and_the_removal_is_audited(world: World) -> None:
    resource = make_resource(world)
    client = sign_in(Client(), world.user("coordinator_a"))
    response = client.post(f"{resources_url(world)}{resource.pk}/remove/")
    assert response.status_code == 302
    assert not NetworkResource.objects.filter(pk=resource.pk).exists()
    event = AuditEvent.objects.get(action="network.resource.removed")
    assert event.object_id == str(resource.pk)


def test_the_edit_form_shows_the_date_as_a_date_field_reads_it_in_french(world: World) -> None:
    resource = make_resource(world)
    client = sign_in(Client(), world.user("coordinator_a"))
    html = client.get(f"/fr/networks/{world.network_a.pk}/resources/{resource.pk}/").content
    assert 'type="date" name="verified_on" value="2026-03-12"' in html.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "514 555-CHAT"}, "Use digits, spaces, dashes and parentheses only"),
        ({"phone": "--"}, "A phone number has at least three digits."),
        ({"phone": ""}, "Give the phone number."),
        ({"verified_on": ""}, "Give the date this number was last checked."),
        ({"verified_on": "2999-01-01"}, "The date it was checked cannot be in the future."),
        ({"verified_on": "12 mars"}, "Enter a valid date."),
        ({"website": "not a web address"}, "Give a web address such as https://example.org."),
        ({"kind": "psychic"}, "Select a valid choice."),
        ({"name": ""}, "This field is required."),
    ],
)
def test_bad_input_gives_a_clear_form_error_and_saves_nothing(
    world: World, changes: dict, message: str
) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    response = client.post(resources_url(world), resource_form(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html
    assert not NetworkResource.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="network.resource").exists()


@pytest.mark.parametrize(
    "phone", ["514 555-0123", "(514) 555-0123 poste 4", "1 800 555-0142 ext. 2", "811"]
)
def test_the_phones_people_write_are_accepted(world: World, phone: str) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    assert client.post(resources_url(world), resource_form(phone=phone)).status_code == 302


def coordinator_of_b(world: World) -> object:
    user = make_staff_user("coordinator_b@networks.test")
    Membership.objects.create(user=user, role=Role.COORDINATOR, network=world.network_b)
    return user


@pytest.mark.parametrize(
    "role", ["helper_a", "liaison_a", "employer_a", "rep_of_a", "coordinator_b"]
)
def test_the_resources_are_refused_to_everyone_but_the_coordinator_and_administrators(
    world: World, role: str
) -> None:
    resource = make_resource(world)
    user = coordinator_of_b(world) if role == "coordinator_b" else world.user(role)
    client = sign_in(Client(), user)
    base = resources_url(world)
    for response in [
        client.get(base),
        client.post(base, resource_form(name="Intrus")),
        client.get(f"{base}{resource.pk}/"),
        client.post(f"{base}{resource.pk}/", resource_form(name="Intrus")),
        client.post(f"{base}{resource.pk}/remove/"),
    ]:
        assert response.status_code == 404
        assert "PAE Mieux-Être" not in response.content.decode()
    resource.refresh_from_db()
    assert resource.name == "PAE Mieux-Être"
    assert NetworkResource.objects.count() == 1


def test_a_resource_of_another_network_is_a_404_through_network_a(world: World) -> None:
    other = make_resource(world, network=world.network_b, name="PAE Bêta")
    client = sign_in(Client(), world.user("coordinator_a"))
    base = resources_url(world)
    assert client.get(f"{base}{other.pk}/").status_code == 404
    assert client.post(f"{base}{other.pk}/remove/").status_code == 404
    assert NetworkResource.objects.filter(pk=other.pk).exists()


def test_the_settings_page_links_to_the_resources(world: World) -> None:
    make_resource(world)
    client = sign_in(Client(), world.user("coordinator_a"))
    html = client.get(f"/en/networks/{world.network_a.pk}/settings/").content.decode()
    assert f'href="{resources_url(world)}"' in html
    assert "1 resource (EAP, union contact" in html


def test_the_public_resources_come_eap_first_then_union_then_the_rest(world: World) -> None:
    make_resource(world, kind="other", name="Maison de la famille", position=0)
    make_resource(world, kind="youth_protection", name="DPJ", position=1)
    make_resource(world, kind="clsc", name="CLSC", position=0)
    make_resource(world, kind="union", name="Syndicat", position=5)
    make_resource(world, kind="eap", name="PAE", position=9)
    make_resource(world, network=world.network_b, kind="eap", name="PAE Bêta")
    order = [r.name for r in world.network_a.public_resources()]
    assert order == ["PAE", "Syndicat", "CLSC", "Maison de la famille", "DPJ"]
