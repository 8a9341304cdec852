"""The demo world loaded by `make run`: two councils, three networks (DEMOBB found only by its
code) with their own resources, and one account per role.

Every account's password is `entraide-demo` and its TOTP secret `JBSWY3DPEHPK3PXP`, so the
demo can be tried with any authenticator app. Refused when DEBUG is off (see load_demo).
"""

import base64
import datetime

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from networks.actions import ensure_startup_steps
from networks.demo_resources import demo_resources
from networks.models import (
    Activity,
    Membership,
    Network,
    Organization,
    Role,
    StartupStep,
    Team,
    next_mutual_aid_day,
)
from recruitment.models import Application, AvailabilitySlot, HelperProfile
from recruitment.pledge import CURRENT_PLEDGE_VERSION
from regions.models import Region, RegionalCouncil

PASSWORD = "entraide-demo"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"
DOMAIN = "demo.entraide.test"
PLEDGE_VERSION = CURRENT_PLEDGE_VERSION  # the demo's helpers have signed the current pledge

NETWORKS = {
    "a": (
        "Syndicat des travailleuses et travailleurs du CHSLD Saint-Laurent (démo)",
        Network.Kind.UNION_ONLY,
        "montreal-metropolitain",
        None,
    ),
    "b": (
        "Entrepôt Maisonneuve, réseau paritaire (démo)",
        Network.Kind.JOINT,
        "montreal-metropolitain",
        "Distributions Maisonneuve inc. (démo)",
    ),
    "c": (
        "Syndicat des employé·es municipaux de Lévis (démo)",
        Network.Kind.UNION_ONLY,
        "quebec-chaudiere-appalaches",
        None,
    ),
}
CODES = {"a": "DEMOAA", "b": "DEMOBB", "c": "DEMOCC"}
REGIONS = {"a": "06", "b": "06", "c": "12"}  # Lévis is in Chaudière-Appalaches, not Québec (03)
FOUND_ONLY_BY_CODE = {"b"}
STEPS_DONE = {"a": 5, "b": 3, "c": 1}  # how far each network's start-up has come
TEAMS = {
    "a": ["Soins infirmiers", "Entretien", "Cuisine"],
    "b": ["Réception", "Expédition"],
    "c": ["Travaux publics", "Bureau"],
}

# (local part, display name, role, network key or council slug)
ACCOUNTS = [
    ("admin", "Alex (admin)", Role.ADMIN, None),
    ("coordo.a", "Chantal", Role.COORDINATOR, "a"),
    ("liaison.a", "Louis", Role.LIAISON, "a"),
    ("aidant.a1", "Amélie", Role.HELPER, "a"),
    ("aidant.a2", "Antoine", Role.HELPER, "a"),
    ("aidant.b1", "Béatrice", Role.HELPER, "b"),
    ("coordo.c", "Claude", Role.COORDINATOR, "c"),
    ("rep.montreal", "Mireille", Role.REGIONAL_REP, "montreal-metropolitain"),
    ("rep.quebec", "Quentin", Role.REGIONAL_REP, "quebec-chaudiere-appalaches"),
    ("employeur.b", "Émile", Role.EMPLOYER_REP, "b"),
]


def totp_key() -> str:
    return base64.b32decode(TOTP_SECRET).hex()


@transaction.atomic
def load_demo() -> list[str]:
    """Creates (or refreshes) the demo world; returns the demo accounts' emails."""
    networks = {key: demo_network(key) for key in NETWORKS}
    demo_applications(networks["a"])
    emails = []
    for local, name, role, scope in ACCOUNTS:
        user = demo_user(f"{local}@{DOMAIN}", name)
        emails.append(user.email)
        if role == Role.ADMIN:
            membership, _ = Membership.objects.get_or_create(user=user, role=role)
        elif role == Role.REGIONAL_REP:
            council = RegionalCouncil.objects.get(slug=scope)
            membership, _ = Membership.objects.get_or_create(user=user, role=role, council=council)
        else:
            membership, _ = Membership.objects.get_or_create(
                user=user, role=role, network=networks[scope]
            )
        if role == Role.HELPER:
            demo_helper_profile(membership, trained=local != "aidant.a2")
    from reports.demo import load_demo_reports

    load_demo_reports(networks)
    return emails


def demo_network(key: str) -> Network:
    name, kind, council_slug, employer_name = NETWORKS[key]
    union, _ = Organization.objects.get_or_create(
        name=name.split(",")[0].replace(" (démo)", "") + " (démo)",
        kind=Organization.Kind.UNION_LOCAL,
    )
    employer = None
    if employer_name:
        employer, _ = Organization.objects.get_or_create(
            name=employer_name, kind=Organization.Kind.EMPLOYER
        )
    network, _ = Network.objects.update_or_create(
        code=CODES[key],
        defaults={
            "name": name,
            "kind": kind,
            "council": RegionalCouncil.objects.get(slug=council_slug),
            "union": union,
            "employer": employer,
            "region": Region.objects.get(code=REGIONS[key]),
            "findable_by_name": key not in FOUND_ONLY_BY_CODE,
            "authorised_minutes_per_week": 60,
        },
    )
    demo_resources(network, key)
    for team in TEAMS[key]:
        Team.objects.get_or_create(network=network, name=team)
    ensure_startup_steps(network)
    for step in network.startup_steps.filter(number__lte=STEPS_DONE[key]):
        step.status, step.done_on = StartupStep.Status.DONE, datetime.date(2026, 1, 15)
        step.responsible = "Comité d’entraide (démo)"
        step.save()
    if not network.activities.exists():
        demo_activities(network)
    return network


def demo_activities(network: Network) -> None:
    Activity.objects.create(
        network=network,
        kind=Activity.Kind.MUTUAL_AID_DAY,
        title="Journée de l’entraide : kiosque à la cafétéria (démo)",
        date=next_mutual_aid_day(timezone.localdate()),
    )
    Activity.objects.create(
        network=network,
        kind=Activity.Kind.NEWSLETTER,
        title="Article dans le journal syndical : qui sont les entraidant·es ? (démo)",
        date=datetime.date(2026, 10, 1),
        status=Activity.Status.DONE,
    )


def demo_applications(network: Network) -> None:
    if network.applications.exists():
        return
    Application.objects.create(
        network=network,
        name="Nadia Tremblay (démo)",
        email="nadia.tremblay@demo.entraide.test",
        roles=["helper"],
        motivation="J’aime écouter et je connais bien les ressources du quartier. (démo)",
        qualities=["listening", "discretion"],
        availability="Midi et après le quart de jour.",
    )
    Application.objects.create(
        network=network,
        name="Marc Gagnon (démo)",
        email="marc.gagnon@demo.entraide.test",
        roles=["contributor"],
        motivation="Je peux écrire des articles pour le journal syndical. (démo)",
        qualities=["writing", "organising"],
    )


def demo_user(email: str, display_name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, PASSWORD, display_name=display_name)
    else:
        user.set_password(PASSWORD)
        user.display_name = display_name
        user.failed_logins, user.locked_until = 0, None
        user.save()
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name="démo", key=totp_key(), confirmed=True)
    return user


def demo_helper_profile(membership: Membership, *, trained: bool) -> HelperProfile:
    profile, _ = HelperProfile.objects.update_or_create(
        membership=membership,
        defaults={
            "languages": ["fr", "en"],
            "training": HelperProfile.Training.TRAINED
            if trained
            else HelperProfile.Training.REGISTERED,
            "trained_on": datetime.date(2026, 3, 12) if trained else None,
            "pledge_version": PLEDGE_VERSION,
            "pledge_signed_at": timezone.now(),
        },
    )
    profile.slots.all().delete()
    for weekday in range(5):
        AvailabilitySlot.objects.create(
            profile=profile, weekday=weekday, starts_at=datetime.time(8), ends_at=datetime.time(17)
        )
    return profile
