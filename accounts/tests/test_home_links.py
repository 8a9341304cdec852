import pytest
from django.test import Client

from conftest import make_staff_user, sign_in
from networks.models import Membership, Network, Organization, Role
from recruitment.models import HelperProfile
from recruitment.pledge import CURRENT_PLEDGE_VERSION
from regions.models import RegionalCouncil

pytestmark = pytest.mark.django_db


@pytest.fixture
def network() -> Network:
    council = RegionalCouncil.objects.create(slug="c", name_fr="Conseil", name_en="Council")
    union = Organization.objects.create(name="Local", kind=Organization.Kind.UNION_LOCAL)
    return Network.objects.create(
        name="Réseau Delta", kind=Network.Kind.UNION_ONLY, council=council, union=union
    )


def test_a_helper_without_a_signed_pledge_is_asked_to_sign_it(network: Network) -> None:
    user = make_staff_user("helper@home.test", "Hélène")
    membership = Membership.objects.create(user=user, role=Role.HELPER, network=network)
    html = sign_in(Client(), user).get("/en/account/").content.decode()
    assert "read and sign the confidentiality pledge" in html
    assert f'href="/en/recruiting/profile/{membership.pk}/"' in html
    assert f'href="/en/networks/{network.pk}/"' in html
    HelperProfile.objects.create(
        membership=membership,
        pledge_version=CURRENT_PLEDGE_VERSION,
        pledge_signed_at="2026-12-01T10:00Z",
    )
    html = sign_in(Client(), user).get("/en/account/").content.decode()
    assert "read and sign the confidentiality pledge" not in html


def test_a_coordinator_finds_the_applications_and_the_helpers(network: Network) -> None:
    user = make_staff_user("coordo@home.test", "Colette")
    Membership.objects.create(user=user, role=Role.COORDINATOR, network=network)
    html = sign_in(Client(), user).get("/fr/account/").content.decode()
    assert f'href="/fr/recruiting/network/{network.pk}/applications/"' in html
    assert f'href="/fr/recruiting/network/{network.pk}/helpers/"' in html
    assert "pledge" not in html and "engagement" not in html


def test_a_regional_representative_finds_the_council_page(network: Network) -> None:
    user = make_staff_user("rep@home.test", "Rémi")
    Membership.objects.create(user=user, role=Role.REGIONAL_REP, council=network.council)
    html = sign_in(Client(), user).get("/en/account/").content.decode()
    assert f'href="/en/networks/council/{network.council_id}/"' in html
