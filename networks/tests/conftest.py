"""A small world for the networks pages: a joint network A in Montréal, a union-only network B
in Québec, and one person per role."""

from dataclasses import dataclass

import pytest

from conftest import make_staff_user
from networks.actions import create_network
from networks.models import Membership, Network, Role
from regions.models import RegionalCouncil


@dataclass
class World:
    network_a: Network
    network_b: Network
    montreal: RegionalCouncil
    quebec: RegionalCouncil
    people: dict[str, Membership]

    def user(self, name: str) -> object:
        return self.people[name].user


GRANTS = {
    "helper_a": (Role.HELPER, "a"),
    "helper_b": (Role.HELPER, "b"),
    "coordinator_a": (Role.COORDINATOR, "a"),
    "liaison_a": (Role.LIAISON, "a"),
    "rep_of_a": (Role.REGIONAL_REP, "montreal"),
    "rep_elsewhere": (Role.REGIONAL_REP, "quebec"),
    "employer_a": (Role.EMPLOYER_REP, "a"),
    "admin": (Role.ADMIN, None),
}
ROLES = ["anonymous", *GRANTS]


def make_council(slug: str, name: str) -> RegionalCouncil:
    return RegionalCouncil.objects.create(slug=slug, name_fr=name, name_en=name)


@pytest.fixture
def quick_password_hashing(settings: object) -> None:
    """Argon2 is slow on purpose; these tests make many accounts and never test passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: None, quick_password_hashing: None) -> World:
    montreal = make_council("montreal-test", "Montréal (test)")
    quebec = make_council("quebec-test", "Québec (test)")
    network_a = create_network(
        name="Réseau Alpha",
        kind=Network.Kind.JOINT,
        council=montreal,
        union_name="Syndicat Alpha",
        employer_name="Employeur Alpha",
    )
    network_b = create_network(
        name="Réseau Bêta",
        kind=Network.Kind.UNION_ONLY,
        council=quebec,
        union_name="Syndicat Bêta",
    )
    scopes = {"a": network_a, "b": network_b, "montreal": montreal, "quebec": quebec}
    people = {}
    for name, (role, scope) in GRANTS.items():
        user = make_staff_user(f"{name}@networks.test", name.replace("_", " ").title())
        target = scopes.get(scope)
        people[name] = Membership.objects.create(
            user=user,
            role=role,
            network=target if isinstance(target, Network) else None,
            council=target if isinstance(target, RegionalCouncil) else None,
        )
    return World(network_a, network_b, montreal, quebec, people)
