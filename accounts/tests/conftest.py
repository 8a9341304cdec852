"""A small world for the account tests: two councils, three networks, one person per role."""

import functools
from dataclasses import dataclass

import pytest
from django.contrib.auth.hashers import make_password

from accounts.models import User
from accounts.tests.helpers import PASSWORD
from conftest import make_staff_user
from networks.models import Membership, Network, Organization, Role
from regions.models import RegionalCouncil


@dataclass
class World:
    montreal: RegionalCouncil
    quebec: RegionalCouncil
    joint_a: Network  # Montréal, joint: it has employer representatives
    union_b: Network  # Montréal, union-only
    union_c: Network  # Québec, union-only
    people: dict[str, User]

    def __getitem__(self, name: str) -> User:
        return self.people[name]


@functools.cache
def argon2_hash_of_the_test_password() -> str:
    """Hashed once: Argon2 is slow on purpose, and nine accounts per test add up."""
    return make_password(PASSWORD)


@pytest.fixture
def world(db: None) -> World:
    montreal = RegionalCouncil.objects.create(
        slug="mtl-test", name_fr="Montréal (essai)", name_en="Montreal (test)"
    )
    quebec = RegionalCouncil.objects.create(
        slug="qc-test", name_fr="Québec (essai)", name_en="Quebec (test)"
    )
    union = Organization.objects.create(name="Local 1", kind=Organization.Kind.UNION_LOCAL)
    employer = Organization.objects.create(name="Employer 1", kind=Organization.Kind.EMPLOYER)
    joint_a = Network.objects.create(
        name="Joint network A",
        kind=Network.Kind.JOINT,
        council=montreal,
        union=union,
        employer=employer,
    )
    union_b = Network.objects.create(
        name="Union network B", kind=Network.Kind.UNION_ONLY, council=montreal, union=union
    )
    union_c = Network.objects.create(
        name="Union network C", kind=Network.Kind.UNION_ONLY, council=quebec, union=union
    )
    grants = {
        "helper_a": (Role.HELPER, joint_a, None),
        "coordinator_a": (Role.COORDINATOR, joint_a, None),
        "liaison_a": (Role.LIAISON, joint_a, None),
        "employer_a": (Role.EMPLOYER_REP, joint_a, None),
        "coordinator_b": (Role.COORDINATOR, union_b, None),
        "coordinator_c": (Role.COORDINATOR, union_c, None),
        "rep_montreal": (Role.REGIONAL_REP, None, montreal),
        "rep_quebec": (Role.REGIONAL_REP, None, quebec),
        "admin": (Role.ADMIN, None, None),
    }
    people = {}
    for name, (role, network, council) in grants.items():
        user = make_staff_user(f"{name}@accounts.test", name, password=None)
        user.password = argon2_hash_of_the_test_password()
        user.save(update_fields=["password"])
        Membership.objects.create(user=user, role=role, network=network, council=council)
        people[name] = user
    return World(montreal, quebec, joint_a, union_b, union_c, people)
