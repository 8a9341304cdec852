"""The authorisation walk: every URL pattern of the project, for every role.

Each URL name has a rule saying which roles may use it; a URL added without a rule fails
`test_every_url_has_a_rule`. Forbidden means a 404 or 403 whose body shows nothing of the
record, or, for a visitor who is not signed in, a redirect to the sign-in page; never a 500.
"""

import re
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import make_staff_user, sign_in

ROLES = [
    "anonymous",
    "helper_a",
    "helper_b",
    "coordinator_a",
    "liaison_a",
    "rep_of_a",
    "rep_elsewhere",
    "employer_a",
    "admin",
]
EVERYONE = set(ROLES)
STAFF = EVERYONE - {"anonymous"}
COMMITTEE_A = {"helper_a", "coordinator_a", "liaison_a"}
OVERSEERS_A = COMMITTEE_A | {"rep_of_a", "admin"}
IN_A = OVERSEERS_A | {"employer_a"}
MANAGERS_A = {"coordinator_a", "admin"}
REPORT_READERS_A = {"coordinator_a", "liaison_a", "rep_of_a", "admin"}


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[str]
    method: str = "get"


def rule(allowed: set[str], method: str = "get") -> Rule:
    return Rule(frozenset(allowed), method)


# url name -> who may use it. Keep in step with the views: this table is the policy.
RULES: dict[str, Rule] = {
    "health": rule(EVERYONE),
    "health_worker": rule(EVERYONE),
    "public:home": rule(EVERYONE),
    "public:page": rule(EVERYONE),
    "directory:search": rule(EVERYONE),
    "directory:service": rule(EVERYONE),
    "api:root": rule(EVERYONE),
    "api:services": rule(EVERYONE),
    "api:service": rule(EVERYONE),
    "api:organizations": rule(EVERYONE),
    "api:organization": rule(EVERYONE),
    "api:taxonomy_terms": rule(EVERYONE),
    "api:taxonomy_term": rule(EVERYONE),
    "api:taxonomies": rule(EVERYONE),
    "api:taxonomy": rule(EVERYONE),
    "api:openapi": rule(EVERYONE),
    "accounts:home": rule(STAFF),
    "accounts:logout": rule(EVERYONE, "post"),
    "accounts:login": rule(EVERYONE),
    "accounts:login_code": rule(STAFF),
    "accounts:enrol": rule(STAFF),
    "accounts:recovery_codes": rule(STAFF),
    "accounts:invite": rule({"coordinator_a", "rep_of_a", "rep_elsewhere", "admin"}),
    "accounts:invitation": rule(EVERYONE),
    "accounts:password_reset": rule(EVERYONE),
    "accounts:password_reset_done": rule(EVERYONE),
    "accounts:password_reset_confirm": rule(EVERYONE),
    "accounts:password_reset_complete": rule(EVERYONE),
    "audit:events": rule({"admin"}),
    "networks:list": rule(STAFF),
    "networks:new": rule({"rep_of_a", "rep_elsewhere", "admin"}),
    "networks:council": rule({"rep_of_a", "admin"}),
    "networks:overview": rule(IN_A),
    "networks:members": rule({"coordinator_a", "liaison_a", "rep_of_a", "admin"}),
    "networks:startup": rule(OVERSEERS_A),
    "networks:plan": rule(OVERSEERS_A),
    "networks:activity_new": rule(MANAGERS_A),
    "networks:activity_edit": rule(MANAGERS_A),
    "networks:activity_done": rule(MANAGERS_A, "post"),
    "networks:activity_cancel": rule(MANAGERS_A, "post"),
    "networks:settings": rule(MANAGERS_A),
    "networks:team_add": rule(MANAGERS_A, "post"),
    "networks:team_rename": rule(MANAGERS_A, "post"),
    "networks:team_remove": rule(MANAGERS_A, "post"),
    "networks:resources": rule(MANAGERS_A),
    "networks:resource_edit": rule(MANAGERS_A),
    "networks:resource_remove": rule(MANAGERS_A, "post"),
    "recruitment_public:find": rule(EVERYONE),
    "recruitment_public:network": rule(EVERYONE),
    "recruitment_public:apply": rule(EVERYONE),
    "recruitment_public:thanks": rule(EVERYONE),
    "recruitment:pledge": rule(STAFF),
    "recruitment:profile": rule({"helper_a"}),
    "recruitment:helpers": rule(MANAGERS_A),
    "recruitment:applications": rule(MANAGERS_A),
    "recruitment:application": rule(MANAGERS_A),
    "recruitment:application_met": rule(MANAGERS_A, "post"),
    "recruitment:application_accept": rule(MANAGERS_A, "post"),
    "recruitment:application_decline": rule(MANAGERS_A, "post"),
    "recruitment:application_invite": rule(MANAGERS_A, "post"),
    "recruitment:poster": rule({"coordinator_a", "liaison_a", "rep_of_a", "admin"}),
    "recruitment:poster_pdf": rule({"coordinator_a", "liaison_a", "rep_of_a", "admin"}),
    "support_public:find": rule(EVERYONE),
    "support_public:ask": rule(EVERYONE),
    "support_public:conversation": rule(EVERYONE),
    # Only with a fresh access token from an opened conversation, which nobody here has.
    "support_public:conversation_messages": rule(set(), "post"),
    "support:inbox": rule({"helper_a", "helper_b"}),
    "support:inbox_partial": rule({"helper_a", "helper_b"}),
    "support:conversation": rule({"helper_a"}),
    "support:close": rule({"helper_a"}, "post"),
    "support:conversation_messages": rule({"helper_a"}),
    "support:share_resource": rule({"helper_a"}, "post"),
    "support:offer_accept": rule({"helper_a"}, "post"),
    "support:offer_decline": rule({"helper_a"}, "post"),
    "support:network_requests": rule(MANAGERS_A),
    "records:sheets": rule({"helper_a", "helper_b"}),
    "records:sheet_new": rule({"helper_a", "helper_b"}),
    "records:sheet_edit": rule({"helper_a"}),
    "records:notes": rule({"helper_a", "helper_b"}),
    "records:note": rule({"helper_a"}),
    "records:note_destroy": rule({"helper_a"}, "post"),
    "reports:network": rule(REPORT_READERS_A),
    "reports:draft": rule(MANAGERS_A),
    "reports:freeze": rule(MANAGERS_A, "post"),
    "reports:report": rule(REPORT_READERS_A),
    "reports:report_pdf": rule(REPORT_READERS_A),
    "reports:report_csv": rule(REPORT_READERS_A),
    "reports:submit": rule(MANAGERS_A, "post"),
    "reports:employer": rule({"employer_a", "coordinator_a", "admin"}),
    "reports:business_case": rule({"employer_a", "coordinator_a", "admin"}),
    "reports:council": rule({"rep_of_a", "admin"}),
    "reports:province": rule({"admin"}),
}


def walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    """(url name, route) of every named pattern, with routes as written (converters kept)."""
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            space = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += walk(entry, route, space)
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((namespace + entry.name, route))
    return found


def test_every_url_has_a_rule() -> None:
    names = {name for name, _ in walk(get_resolver())}
    assert not names - RULES.keys(), f"URLs without an authorisation rule: {names - RULES.keys()}"
    assert not RULES.keys() - names, f"rules for URLs that no longer exist: {RULES.keys() - names}"


@pytest.fixture
def world(db: None, reference_data: None) -> dict:
    from django.utils import timezone

    from networks.models import Membership, Network, Organization, Role
    from regions.models import RegionalCouncil
    from support.models import WorkerHeartbeat

    now = timezone.now()  # a worker runs, so that its health check answers 200
    WorkerHeartbeat.objects.create(name="walk", started_at=now, passed_at=now)
    montreal = RegionalCouncil.objects.get(slug="montreal-metropolitain")
    quebec = RegionalCouncil.objects.get(slug="quebec-chaudiere-appalaches")
    union = Organization.objects.create(name="Local A (walk)", kind=Organization.Kind.UNION_LOCAL)
    employer = Organization.objects.create(name="Employer A", kind=Organization.Kind.EMPLOYER)
    network_a = Network.objects.create(
        name="Network A walk",
        kind=Network.Kind.JOINT,
        council=montreal,
        union=union,
        employer=employer,
    )
    network_b = Network.objects.create(
        name="Network B walk", kind=Network.Kind.UNION_ONLY, council=quebec, union=union
    )
    people = {}
    grants = {
        "helper_a": (Role.HELPER, network_a, None),
        "helper_b": (Role.HELPER, network_b, None),
        "coordinator_a": (Role.COORDINATOR, network_a, None),
        "liaison_a": (Role.LIAISON, network_a, None),
        "rep_of_a": (Role.REGIONAL_REP, None, montreal),
        "rep_elsewhere": (Role.REGIONAL_REP, None, quebec),
        "employer_a": (Role.EMPLOYER_REP, network_a, None),
        "admin": (Role.ADMIN, None, None),
    }
    for name, (role, network, council) in grants.items():
        user = make_staff_user(f"{name}@walk.test", name)
        people[name] = Membership.objects.create(
            user=user, role=role, network=network, council=council
        )
    return {
        "network_a": network_a,
        "network_b": network_b,
        "people": people,
        "extra_values": records_of_network_a(network_a, people["admin"].user, people["helper_a"]),
    }


def records_of_network_a(network: object, admin: object, helper: object = None) -> dict:
    """One record of each kind in network A, for the URLs that name one."""
    import datetime

    from django.utils import timezone

    from accounts.invitations import create_invitation
    from networks.models import Activity, Role, Team
    from recruitment.models import Application
    from support.models import HelpRequest, Offer
    from support.tests.helper_world import make_request

    team = Team.objects.create(network=network, name="Walk team")
    resource = network.resources.create(
        kind="eap", name="Walk EAP", phone="514 555-0100", hours="24/7", verified_on="2026-01-05"
    )
    activity = Activity.objects.create(
        network=network, kind=Activity.Kind.KIOSK, title="Walk kiosk", date=datetime.date.today()
    )
    application = Application.objects.create(
        network=network,
        name="Walk applicant",
        email="applicant@walk.test",
        roles=["helper"],
        motivation="To listen.",
        qualities=["listening"],
    )
    invitation = create_invitation(
        admin, "newcomer@walk.test", Role.HELPER, network=network, site="http://testserver"
    )
    assigned = make_request(network, text="Walk message")
    HelpRequest.objects.filter(pk=assigned.pk).update(
        status=HelpRequest.Status.ASSIGNED, helper=helper
    )
    offers = []
    for text in ("Walk offer to accept", "Walk offer to decline"):
        offered = make_request(network, text=text)
        HelpRequest.objects.filter(pk=offered.pk).update(status=HelpRequest.Status.OFFERED)
        expires_at = timezone.now() + datetime.timedelta(hours=2)
        if helper:
            offers.append(
                Offer.objects.create(request=offered, helper=helper, expires_at=expires_at)
            )
    sheet, note, report = records_and_report(network, helper, admin)
    return {
        "sheet_id": sheet.pk if sheet else 0,
        "note_id": note.pk if note else 0,
        "report_id": report.pk,
        "request_id": assigned.pk,
        "offer_id": offers[0].pk if offers else 0,
        "support:offer_decline": {"offer_id": offers[1].pk if offers else 0},
        "team_id": team.pk,
        "resource_id": resource.pk,
        "activity_id": activity.pk,
        "application_id": application.pk,
        "token": invitation.token,
        "uidb64": "MQ",
    }


def records_and_report(network: object, helper: object, admin: object) -> tuple:
    """A sheet and a private note of the helper, and a submitted report of the network."""
    import datetime

    from records.models import Intervention
    from records.notes import write_note
    from reports.actions import freeze_report, submit_report
    from reports.periods import Period

    sheet = note = None
    if helper is not None:
        sheet = Intervention.objects.create(
            network=network,
            helper=helper,
            month=datetime.date.today().replace(day=1),
            contact_type="phone",
            initiated_by="person",
            time_band="under_15",
        )
        note = write_note(helper, "Walk note")
    report = freeze_report(network, Period.year(datetime.date.today().year - 2), admin)
    submit_report(report, admin)
    return sheet, note, report


def sample_url(route: str, world: dict, name: str = "") -> str:
    """A concrete URL for a route, pointing at network A's records."""
    from directory.hsds.serialize import TAXONOMY_ID
    from directory.models import Service, TaxonomyTerm

    network = world["network_a"]
    service = Service.objects.get(name_en="Gambling Help and Referral")
    values = {
        "network_id": network.pk,
        "council_id": network.council_id,
        "code": network.code,
        "membership_id": world["people"]["helper_a"].pk,
        "service_id": service.pk,
        "organization_id": service.organization_id,
        "term_id": TaxonomyTerm.objects.get(code="gambling").pk,
        "taxonomy_id": TAXONOMY_ID,
        "slug": "faq",
        **world.get("extra_values", {}),
    }
    values.update(values.get(name, {}))  # a record of its own for a URL that changes it
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_what_its_rules_allow(role: str, world: dict) -> None:
    client = Client()
    if role != "anonymous":
        sign_in(client, world["people"][role].user)
    problems = []
    # Reads first, then changes; signing out comes last.
    routes = sorted(
        walk(get_resolver()), key=lambda r: (RULES[r[0]].method, r[0] == "accounts:logout")
    )
    for name, route in routes:
        url = sample_url(route, world, name)
        rule = RULES[name]
        response = getattr(client, rule.method)(url)
        allowed = role in rule.allowed
        body = response.content.decode(errors="replace")
        if response.status_code >= 500:
            problems.append(f"{name} {url}: {response.status_code}")
        elif allowed and response.status_code in (403, 404):
            problems.append(f"{name} {url}: {response.status_code} for an allowed {role}")
        elif allowed and response.status_code == 302 and "/account/login/" in response["Location"]:
            problems.append(f"{name} {url}: sent an allowed {role} to sign in")
        elif not allowed:
            refused = response.status_code in (403, 404) or (
                response.status_code == 302 and "/account/login/" in response["Location"]
            )
            if not refused:
                problems.append(f"{name} {url}: {response.status_code} for a forbidden {role}")
            elif world["network_a"].name in body:
                problems.append(f"{name} {url}: refused {role} but showed the network's name")
    assert not problems, "\n".join(problems)
