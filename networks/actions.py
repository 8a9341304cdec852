"""State changes of networks: creation, start-up checklist, action plan, policies, teams and
the workplace's own resources. Views call these; each does one thing and records what the audit
trail needs."""

import datetime

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import record
from networks.models import (
    Activity,
    Membership,
    Network,
    NetworkResource,
    Organization,
    StartupStep,
    Team,
)
from networks.startup_steps import STEP_NUMBERS
from recruitment.models import HelperProfile
from regions.models import RegionalCouncil

POLICY_FIELDS = (
    "findable_by_name",
    "region",
    "retention_days",
    "idle_close_days",
    "report_threshold",
    "authorised_minutes_per_week",
)
RESOURCE_FIELDS = (
    "kind",
    "name",
    "phone",
    "hours",
    "website",
    "details",
    "verified_on",
    "position",
)


class TeamInUse(Exception):
    """The team cannot be removed: a helper supervises it, or another record points to it."""


@transaction.atomic
def create_network(
    *,
    name: str,
    kind: str,
    council: RegionalCouncil,
    union_name: str,
    employer_name: str = "",
    by: object = None,
) -> Network:
    """A new network with its union local, its employer (joint and contracted networks only),
    a generated public code, the council's first region and its six start-up steps to do."""
    union = Organization.objects.create(name=union_name, kind=Organization.Kind.UNION_LOCAL)
    employer = None
    if kind != Network.Kind.UNION_ONLY:
        employer = Organization.objects.create(name=employer_name, kind=Organization.Kind.EMPLOYER)
    network = Network.objects.create(
        name=name,
        kind=kind,
        council=council,
        region=council.regions.order_by("code").first(),
        union=union,
        employer=employer,
    )
    ensure_startup_steps(network)
    record(by, "network.created", network)
    return network


def ensure_startup_steps(network: Network) -> None:
    """Creates the steps a network lacks (networks made before the checklist existed)."""
    existing = set(network.startup_steps.values_list("number", flat=True))
    missing = [n for n in STEP_NUMBERS if n not in existing]
    if missing:
        StartupStep.objects.bulk_create(
            [StartupStep(network=network, number=n) for n in missing], ignore_conflicts=True
        )


def update_startup_step(
    step: StartupStep,
    *,
    status: str,
    done_on: datetime.date | None,
    responsible: str,
    notes: str,
) -> StartupStep:
    if status != step.status:
        step.status_changed_at = timezone.now()
    step.status = status
    step.done_on = done_on if status == StartupStep.Status.DONE else None
    step.responsible = responsible
    step.notes = notes
    step.save()
    return step


def plan_activity(
    network: Network,
    *,
    kind: str,
    title: str,
    date: datetime.date,
    owner: Membership | None = None,
) -> Activity:
    return Activity.objects.create(network=network, kind=kind, title=title, date=date, owner=owner)


def change_activity(
    activity: Activity,
    *,
    kind: str,
    title: str,
    date: datetime.date,
    owner: Membership | None,
    status: str | None = None,
) -> Activity:
    activity.kind = kind
    activity.title = title
    activity.date = date
    activity.owner = owner
    activity.status = status or activity.status
    activity.save()
    return activity


def mark_activity_done(activity: Activity) -> Activity:
    activity.status = Activity.Status.DONE
    activity.save(update_fields=["status", "updated_at"])
    return activity


def cancel_activity(activity: Activity) -> Activity:
    activity.status = Activity.Status.CANCELLED
    activity.save(update_fields=["status", "updated_at"])
    return activity


def change_policies(network: Network, changes: dict, by: object) -> bool:
    """Sets the network's policies; returns whether anything changed (and then audits it)."""
    changed = [f for f in POLICY_FIELDS if f in changes and getattr(network, f) != changes[f]]
    if not changed:
        return False
    for field in changed:
        setattr(network, field, changes[field])
    network.save(update_fields=changed)
    record(by, "network.policies.changed", network)
    return True


def add_team(network: Network, name: str) -> Team:
    return Team.objects.create(network=network, name=name)


def rename_team(team: Team, name: str) -> Team:
    team.name = name
    team.save(update_fields=["name"])
    return team


def remove_team(team: Team) -> None:
    """Removes a team no helper supervises; raises TeamInUse, with the reason, otherwise."""
    if HelperProfile.objects.filter(supervised_teams=team).exists():
        raise TeamInUse(_("A peer helper supervises this team, so it cannot be removed."))
    try:
        with transaction.atomic():
            team.delete()
    except ProtectedError as error:
        raise TeamInUse(_("Other records refer to this team, so it cannot be removed.")) from error


def add_resource(network: Network, fields: dict, by: object) -> NetworkResource:
    resource = NetworkResource.objects.create(
        network=network, **{f: fields[f] for f in RESOURCE_FIELDS if f in fields}
    )
    record(by, "network.resource.added", resource)
    return resource


def change_resource(resource: NetworkResource, fields: dict, by: object) -> bool:
    """Saves the resource's new values; returns whether anything changed (and then audits it)."""
    changed = [f for f in RESOURCE_FIELDS if f in fields and getattr(resource, f) != fields[f]]
    if not changed:
        return False
    for field in changed:
        setattr(resource, field, fields[field])
    resource.save(update_fields=changed)
    record(by, "network.resource.changed", resource)
    return True


@transaction.atomic
def remove_resource(resource: NetworkResource, by: object) -> None:
    record(by, "network.resource.removed", resource)  # before the record loses its id
    resource.delete()
