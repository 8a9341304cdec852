"""A small world for the helper-side tests: network A (with a team) and network B, helpers with
profiles available around the clock, a coordinator of A and an administrator."""

import datetime
import secrets
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from conftest import make_staff_user, sign_in
from networks.models import Membership, Network, NetworkResource, Organization, Role, Team
from recruitment.models import AvailabilitySlot, HelperProfile
from recruitment.pledge import CURRENT_PLEDGE_VERSION
from regions.models import RegionalCouncil
from support import conversation
from support.models import HelpRequest

CANARY = "canary-7f3a9c secret words"


@dataclass
class World:
    network_a: Network
    network_b: Network
    team: Team
    people: dict[str, Membership] = field(default_factory=dict)

    def user(self, name: str) -> User:
        return self.people[name].user

    def client_for(self, name: str) -> Client:
        client = Client()
        if name != "anonymous":
            sign_in(client, self.user(name))
        return client


def make_membership(
    network: Network | None, name: str, role: str = Role.HELPER, staff: bool = True
) -> Membership:
    email = f"{name}@support.test"
    user = make_staff_user(email, name) if staff else User.objects.create_user(email, None)
    return Membership.objects.create(user=user, role=role, network=network)


def make_helper(
    network: Network,
    name: str,
    *,
    languages: tuple[str, ...] = ("fr", "en"),
    cap: int = 3,
    away: bool = False,
    pledge: bool = True,
    available: bool = True,
    supervises: Team | None = None,
    topics: tuple = (),
    staff: bool = True,
) -> Membership:
    membership = make_membership(network, name, Role.HELPER, staff)
    profile = HelperProfile.objects.create(
        membership=membership,
        languages=list(languages),
        open_conversation_cap=cap,
        is_away=away,
        pledge_signed_at=timezone.now() if pledge else None,
        pledge_version=CURRENT_PLEDGE_VERSION if pledge else "",
    )
    if available:
        AvailabilitySlot.objects.bulk_create(
            AvailabilitySlot(
                profile=profile,
                weekday=day,
                starts_at=datetime.time(0, 0),
                ends_at=datetime.time(23, 59, 59),
            )
            for day in range(7)
        )
    if supervises is not None:
        profile.supervised_teams.add(supervises)
    if topics:
        profile.topics.add(*topics)
    return membership


def make_request(
    network: Network,
    *,
    language: str = "fr",
    urgent: bool = False,
    team: Team | None = None,
    text: str = "",
    phone: str = "",
    chosen: Membership | None = None,
    topics: tuple = (),
) -> HelpRequest:
    request = HelpRequest(
        network=network,
        language=language,
        urgent=urgent,
        team=team,
        chosen_helper=chosen,
        receipt_locator=secrets.token_hex(16),
        receipt_hash="not-a-real-hash",
        receipt_expires_at=timezone.now() + datetime.timedelta(days=90),
        contact=HelpRequest.Contact.PHONE if phone else HelpRequest.Contact.CONVERSATION,
    )
    conversation.give_key(request)
    conversation.set_phone(request, phone)
    request.save()
    if topics:
        request.topics.add(*topics)
    if text:
        conversation.add_message(request, text, from_helper=False)
    return request


def make_eap(network: Network, name: str, phone: str = "1 800 555-0199") -> NetworkResource:
    """A workplace's EAP, as its coordinator would enter it."""
    return NetworkResource.objects.create(
        network=network,
        kind=NetworkResource.Kind.EAP,
        name=name,
        phone=phone,
        hours="24/7",
        verified_on=timezone.localdate(),
    )


def make_networks() -> tuple[Network, Network, Team]:
    council = RegionalCouncil.objects.create(
        slug="mtl-support", name_fr="Montréal (soutien)", name_en="Montreal (support)"
    )
    union = Organization.objects.create(name="Syndicat S", kind=Organization.Kind.UNION_LOCAL)
    network_a = Network.objects.create(
        name="Réseau Soutien A",
        code="SUPPA2",
        kind=Network.Kind.UNION_ONLY,
        council=council,
        union=union,
        retention_days=30,
    )
    network_b = Network.objects.create(
        name="Réseau Soutien B",
        code="SUPPB3",
        kind=Network.Kind.UNION_ONLY,
        council=council,
        union=union,
    )
    team = Team.objects.create(network=network_a, name="Cuisine")
    return network_a, network_b, team


@pytest.fixture(name="world")
def world_fixture(db: None, settings: object) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ENTRAIDE_SITE_URL = "https://entraide.test"
    network_a, network_b, team = make_networks()
    world = World(network_a, network_b, team)
    world.people["helper_a"] = make_helper(network_a, "helper_a")
    world.people["helper_a2"] = make_helper(network_a, "helper_a2")
    world.people["helper_b"] = make_helper(network_b, "helper_b")
    world.people["coordinator_a"] = make_membership(network_a, "coordinator_a", Role.COORDINATOR)
    world.people["admin"] = make_membership(None, "admin", Role.ADMIN)
    return world
