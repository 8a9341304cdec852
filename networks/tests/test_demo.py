import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from networks.demo import DOMAIN, PASSWORD
from networks.models import Membership, Network, NetworkResource, Role
from regions.reference_data import load_regions

pytestmark = pytest.mark.django_db

EXPECTED_ROLES = {
    "admin": (Role.ADMIN, None),
    "coordo.a": (Role.COORDINATOR, "DEMOAA"),
    "liaison.a": (Role.LIAISON, "DEMOAA"),
    "aidant.a1": (Role.HELPER, "DEMOAA"),
    "aidant.a2": (Role.HELPER, "DEMOAA"),
    "aidant.b1": (Role.HELPER, "DEMOBB"),
    "coordo.c": (Role.COORDINATOR, "DEMOCC"),
    "rep.montreal": (Role.REGIONAL_REP, "montreal-metropolitain"),
    "rep.quebec": (Role.REGIONAL_REP, "quebec-chaudiere-appalaches"),
    "employeur.b": (Role.EMPLOYER_REP, "DEMOBB"),
}


@pytest.fixture
def demo() -> None:
    load_regions()
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=open("/dev/null", "w"))


def test_the_demo_world_has_one_account_per_role_with_the_documented_scope(demo: None) -> None:
    for local, (role, scope) in EXPECTED_ROLES.items():
        user = User.objects.get(email=f"{local}@{DOMAIN}")
        membership = Membership.objects.get(user=user)
        assert membership.role == role
        found = membership.network.code if membership.network else None
        found = found or (membership.council.slug if membership.council else None)
        assert found == scope, local


def test_the_demo_networks_are_marked_as_demo(demo: None) -> None:
    networks = Network.objects.order_by("code")
    assert [n.kind for n in networks] == ["union_only", "joint", "union_only"]
    assert all("(démo)" in network.name for network in networks)
    assert [n.council.slug for n in networks] == [
        "montreal-metropolitain",
        "montreal-metropolitain",
        "quebec-chaudiere-appalaches",
    ]


def test_every_demo_account_accepts_the_documented_password_and_totp_secret(demo: None) -> None:
    for local in EXPECTED_ROLES:
        user = User.objects.get(email=f"{local}@{DOMAIN}")
        assert user.check_password(PASSWORD)
        device = TOTPDevice.objects.get(user=user)
        assert device.key == "48656c6c6f21deadbeef"  # JBSWY3DPEHPK3PXP in hexadecimal
        assert device.verify_token(f"{totp(device.bin_key):06d}")


def test_loading_the_demo_twice_changes_nothing(demo: None) -> None:
    counts = (User.objects.count(), Membership.objects.count(), Network.objects.count())
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=open("/dev/null", "w"))
    assert (User.objects.count(), Membership.objects.count(), Network.objects.count()) == counts


def test_the_demo_world_is_refused_when_debug_is_off() -> None:
    load_regions()
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not User.objects.exists()


def test_a_demo_account_is_not_signed_in_by_its_password_alone(demo: None) -> None:
    client = Client()
    client.force_login(User.objects.get(email=f"coordo.a@{DOMAIN}"))
    response = client.get("/fr/account/")
    assert response.status_code == 302


def test_the_demo_networks_show_start_up_progress_activities_and_applications(demo: None) -> None:
    a = Network.objects.get(code="DEMOAA")
    done = a.startup_steps.filter(status="done").count()
    assert done == 5 and a.activities.count() == 2 and a.applications.count() == 2
    assert Network.objects.get(code="DEMOCC").startup_steps.filter(status="done").count() == 1


def test_the_demo_has_a_submitted_report_for_networks_a_and_b(demo: None) -> None:
    from reports.models import Report

    reports = Report.objects.submitted().order_by("network__code")
    assert [(r.network.code, r.published["total"]["value"]) for r in reports] == [
        ("DEMOAA", 64),
        ("DEMOBB", 41),
    ]
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Report.objects.count() == 2  # loading again adds nothing


def test_each_demo_network_has_its_eap_union_contact_clsc_and_youth_protection(
    demo: None,
) -> None:
    for network in Network.objects.all():
        kinds = [resource.kind for resource in network.public_resources()]
        assert kinds == ["eap", "union", "clsc", "youth_protection"], network.code
    for resource in NetworkResource.objects.all():
        assert re.search(r"\b555-01\d\d\b", resource.phone), resource.phone  # fictitious
        resource.full_clean()


def test_one_demo_network_is_found_only_by_its_code(demo: None) -> None:
    assert list(Network.objects.filter(findable_by_name=False).values_list("code", flat=True)) == [
        "DEMOBB"
    ]
    client = Client()
    assert "DEMOBB" not in client.post("/fr/help/", {"q": "entrepot maisonneuve"}).content.decode()
    assert client.post("/fr/help/", {"q": "demobb"})["Location"] == "/fr/n/DEMOBB/"
    found = client.post("/fr/help/", {"q": "employes municipaux levis"}).content.decode()
    assert 'href="/fr/n/DEMOCC/"' in found


def test_the_demo_network_of_levis_is_listed_in_chaudiere_appalaches(demo: None) -> None:
    assert Network.objects.get(code="DEMOCC").region.code == "12"
    html = Client().get("/fr/help/", {"region": "12"}).content.decode()
    assert 'href="/fr/n/DEMOCC/"' in html
