import pytest
from django.test import Client

from accounts.models import User
from audit.models import AuditEvent, record
from conftest import make_staff_user, sign_in
from networks.models import Membership, Network, Organization, Role
from regions.models import RegionalCouncil


@pytest.fixture
def people(db: None) -> dict[str, User]:
    council = RegionalCouncil.objects.create(slug="c", name_fr="Conseil", name_en="Council")
    union = Organization.objects.create(name="Local", kind=Organization.Kind.UNION_LOCAL)
    network = Network.objects.create(
        name="Audit network", kind=Network.Kind.UNION_ONLY, council=council, union=union
    )
    grants = {
        "helper": (Role.HELPER, network, None),
        "coordinator": (Role.COORDINATOR, network, None),
        "representative": (Role.REGIONAL_REP, None, council),
        "admin": (Role.ADMIN, None, None),
    }
    people = {}
    for name, (role, net, cou) in grants.items():
        people[name] = make_staff_user(f"{name}@audit.test", name)
        Membership.objects.create(user=people[name], role=role, network=net, council=cou)
    return people


def test_an_anonymous_visitor_is_sent_to_sign_in(db: None) -> None:
    response = Client().get("/en/audit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


@pytest.mark.parametrize("name", ["helper", "coordinator", "representative"])
def test_the_audit_trail_is_not_found_for_anyone_but_an_administrator(
    people: dict, name: str
) -> None:
    record(people["helper"], "application.viewed", people["coordinator"])
    response = sign_in(Client(), people[name]).get("/en/audit/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "application.viewed" not in body and "helper@audit.test" not in body


def test_a_password_only_administrator_is_sent_to_sign_in(people: dict) -> None:
    client = Client()
    client.force_login(people["admin"])
    assert client.get("/en/audit/")["Location"].startswith("/en/account/login/")


def test_the_administrator_reads_who_did_what_to_which_record_and_when(people: dict) -> None:
    event = record(people["helper"], "application.viewed", people["coordinator"])
    html = sign_in(Client(), people["admin"]).get("/en/audit/").content.decode()
    assert "helper@audit.test" in html
    assert "application.viewed" in html
    assert "accounts.user" in html
    assert f"<td>{people['coordinator'].pk}</td>" in html
    assert event.at.strftime("%Y-%m-%d") in html


def test_reading_the_trail_is_itself_recorded(people: dict) -> None:
    sign_in(Client(), people["admin"]).get("/en/audit/")
    assert AuditEvent.objects.filter(actor=people["admin"], action="audit.viewed").exists()


def test_the_trail_filters_by_action(people: dict) -> None:
    record(people["helper"], "application.viewed")
    record(people["coordinator"], "network.changed")
    client = sign_in(Client(), people["admin"])
    html = client.get("/en/audit/", {"action": "network.changed"}).content.decode()
    assert "coordinator@audit.test" in html
    assert "helper@audit.test" not in html
    assert '<option value="network.changed" selected>' in html


def test_an_unknown_action_filter_shows_everything(people: dict) -> None:
    record(people["helper"], "application.viewed")
    html = sign_in(Client(), people["admin"]).get("/en/audit/?action=<b>").content.decode()
    assert "helper@audit.test" in html
    assert "<b>" not in html


def test_the_trail_is_paginated_newest_first(people: dict) -> None:
    for number in range(60):
        AuditEvent.objects.create(actor=people["helper"], action="x.viewed", object_id=str(number))
    client = sign_in(Client(), people["admin"])
    first = client.get("/en/audit/", {"action": "x.viewed"}).content.decode()
    assert "<td>59</td>" in first and "<td>10</td>" in first and "<td>9</td>" not in first
    assert "?action=x.viewed&amp;page=2" in first
    second = client.get("/en/audit/", {"action": "x.viewed", "page": 2}).content.decode()
    assert "<td>9</td>" in second and "<td>0</td>" in second and "<td>59</td>" not in second
    assert client.get("/en/audit/", {"page": "nonsense"}).status_code == 200
