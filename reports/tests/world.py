"""A world for the report tests: council M with a joint network A and a union-only network B,
council Q with network C, one account per role, and a way to write many sheets at once."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.test import Client

from conftest import make_staff_user, sign_in
from networks.models import Membership, Network, Organization, Role
from records.models import Intervention, InterventionReferral, InterventionTopic
from recruitment.models import HelperProfile
from regions.models import RegionalCouncil

# A year long closed: reports may cover it.
YEAR = datetime.date.today().year - 2


@dataclass
class World:
    network_a: Network
    network_b: Network
    network_c: Network
    people: dict[str, Membership] = field(default_factory=dict)

    def client_for(self, name: str) -> Client:
        client = Client()
        if name != "anonymous":
            sign_in(client, self.people[name].user)
        return client


def sheets(
    network: Network,
    count: int,
    *,
    month: int = 3,
    year: int = YEAR,
    contact_type: str = "in_person",
    initiated_by: str = "person",
    time_band: str = "15_to_30",
    follow_up: bool = False,
    topics: tuple[str, ...] = ("grief",),
    referrals: tuple[str, ...] = (),
) -> None:
    """`count` identical sheets of one month."""
    helper = Membership.objects.filter(network=network, role=Role.HELPER).first()
    made = Intervention.objects.bulk_create(
        Intervention(
            network=network,
            helper=helper,
            month=datetime.date(year, month, 1),
            contact_type=contact_type,
            initiated_by=initiated_by,
            time_band=time_band,
            follow_up=follow_up,
        )
        for _ in range(count)
    )
    InterventionTopic.objects.bulk_create(
        InterventionTopic(intervention=sheet, network=network, month=sheet.month, topic=topic)
        for sheet in made
        for topic in topics
    )
    InterventionReferral.objects.bulk_create(
        InterventionReferral(intervention=sheet, network=network, month=sheet.month, kind=kind)
        for sheet in made
        for kind in referrals
    )


def person(name: str, role: str, network: Network | None = None, council: object = None) -> object:
    user = make_staff_user(f"{name}@reports.test", name)
    return Membership.objects.create(user=user, role=role, network=network, council=council)


@pytest.fixture(name="world")
def world_fixture(db: None, settings: object) -> World:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ENTRAIDE_SITE_URL = "https://entraide.test"
    m = RegionalCouncil.objects.create(slug="m-rep", name_fr="Conseil M", name_en="Council M")
    q = RegionalCouncil.objects.create(slug="q-rep", name_fr="Conseil Q", name_en="Council Q")
    union = Organization.objects.create(name="Union R", kind=Organization.Kind.UNION_LOCAL)
    employer = Organization.objects.create(name="Employer R", kind=Organization.Kind.EMPLOYER)
    a = Network.objects.create(
        name="Network Alpha",
        kind=Network.Kind.JOINT,
        council=m,
        union=union,
        employer=employer,
        authorised_minutes_per_week=60,
    )
    b = Network.objects.create(
        name="Network Beta", kind=Network.Kind.UNION_ONLY, council=m, union=union
    )
    c = Network.objects.create(
        name="Network Gamma", kind=Network.Kind.UNION_ONLY, council=q, union=union
    )
    world = World(a, b, c)
    world.people = {
        "helper_a": person("helper_a", Role.HELPER, a),
        "coordinator_a": person("coordinator_a", Role.COORDINATOR, a),
        "liaison_a": person("liaison_a", Role.LIAISON, a),
        "employer_a": person("employer_a", Role.EMPLOYER_REP, a),
        "helper_b": person("helper_b", Role.HELPER, b),
        "coordinator_b": person("coordinator_b", Role.COORDINATOR, b),
        "coordinator_c": person("coordinator_c", Role.COORDINATOR, c),
        "rep_m": person("rep_m", Role.REGIONAL_REP, council=m),
        "rep_q": person("rep_q", Role.REGIONAL_REP, council=q),
        "admin": person("admin", Role.ADMIN),
    }
    HelperProfile.objects.create(
        membership=world.people["helper_a"], training=HelperProfile.Training.TRAINED
    )
    HelperProfile.objects.create(membership=world.people["helper_b"])
    return world
