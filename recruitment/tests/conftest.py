"""A small world for the recruiting pages: a joint network A in Montréal, a union-only network B
in Québec, one person per role, and a way to fill in the public application form."""

from dataclasses import dataclass

import pytest
from django.test import Client

from conftest import make_staff_user, sign_in
from networks.models import Membership, Network, Organization, Role
from recruitment.models import Application
from regions.models import RegionalCouncil


@dataclass
class World:
    network_a: Network
    network_b: Network
    people: dict[str, Membership]

    def user(self, name: str) -> object:
        return self.people[name].user

    def client_for(self, name: str) -> Client:
        client = Client()
        if name != "anonymous":
            sign_in(client, self.user(name))
        return client


GRANTS = {
    "helper_a": (Role.HELPER, "a"),
    "helper_b": (Role.HELPER, "b"),
    "contributor_a": (Role.CONTRIBUTOR, "a"),
    "coordinator_a": (Role.COORDINATOR, "a"),
    "coordinator_b": (Role.COORDINATOR, "b"),
    "liaison_a": (Role.LIAISON, "a"),
    "rep_of_a": (Role.REGIONAL_REP, "montreal"),
    "rep_elsewhere": (Role.REGIONAL_REP, "quebec"),
    "employer_a": (Role.EMPLOYER_REP, "a"),
    "admin": (Role.ADMIN, None),
}
ROLES = ["anonymous", *GRANTS]


@pytest.fixture
def world(db: None, settings: object) -> World:
    # Ten accounts per test: a fast hasher keeps the suite quick (Argon2 is tested in accounts).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    montreal = RegionalCouncil.objects.create(
        slug="mtl-recruit", name_fr="Montréal (essai)", name_en="Montreal (test)"
    )
    quebec = RegionalCouncil.objects.create(
        slug="qc-recruit", name_fr="Québec (essai)", name_en="Quebec (test)"
    )
    union = Organization.objects.create(name="Syndicat Alpha", kind=Organization.Kind.UNION_LOCAL)
    employer = Organization.objects.create(name="Employeur Alpha", kind=Organization.Kind.EMPLOYER)
    network_a = Network.objects.create(
        name="Réseau Alpha",
        code="ALPHA2",
        kind=Network.Kind.JOINT,
        council=montreal,
        union=union,
        employer=employer,
    )
    network_b = Network.objects.create(
        name="Réseau Bêta", code="BETA34", kind=Network.Kind.UNION_ONLY, council=quebec, union=union
    )
    scopes = {"a": network_a, "b": network_b, "montreal": montreal, "quebec": quebec}
    people = {}
    for name, (role, scope) in GRANTS.items():
        user = make_staff_user(f"{name}@recruit.test", name.replace("_", " ").title())
        target = scopes.get(scope)
        people[name] = Membership.objects.create(
            user=user,
            role=role,
            network=target if isinstance(target, Network) else None,
            council=target if isinstance(target, RegionalCouncil) else None,
        )
    return World(network_a, network_b, people)


def application_form(**changes: object) -> dict:
    """What a person fills in on the public form; `changes` replace or add fields."""
    data = {
        "name": "Nadia Tremblay",
        "email": "nadia@example.org",
        "phone": "514 555-0199",
        "roles": ["helper"],
        "motivation": "J'aime écouter mes collègues.",
        "qualities": ["listening", "discretion"],
        "skills": ["writing"],
        "availability": "Midi, en semaine.",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def make_application(network: Network, **fields: object) -> Application:
    values = {
        "name": "Nadia Tremblay",
        "email": "nadia@example.org",
        "roles": ["helper"],
        "motivation": "J'aime écouter mes collègues.",
        "qualities": ["listening"],
    }
    values.update(fields)
    return Application.objects.create(network=network, **values)
