"""Who may see what. Views fetch networks and councils only through these helpers; each
answers 404 for a record the user may not see, so its existence is not revealed either.

A user's roles come from their active memberships: in a network (helper, contributor,
coordinator, executive liaison, employer representative), in a council (regional
representative, who then also holds that role in each of the council's networks), or
platform-wide (administrator).
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404

from lib.lookups import one_or_404
from networks.models import (
    Activity,
    Membership,
    Network,
    NetworkResource,
    Role,
    StartupStep,
    Team,
)
from regions.models import RegionalCouncil


def memberships_of(user: object) -> list[Membership]:
    """The user's active memberships, read once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return []
    if not hasattr(user, "_entraide_memberships"):
        user._entraide_memberships = list(
            Membership.objects.active().filter(user=user).select_related("network", "council")
        )
    return user._entraide_memberships


def is_admin(user: object) -> bool:
    return any(m.role == Role.ADMIN for m in memberships_of(user))


def roles_in_network(user: object, network: Network) -> set[str]:
    roles = {m.role for m in memberships_of(user) if m.network_id == network.pk}
    if any(
        m.role == Role.REGIONAL_REP and m.council_id == network.council_id
        for m in memberships_of(user)
    ):
        roles.add(Role.REGIONAL_REP)
    if is_admin(user):
        roles.add(Role.ADMIN)
    return roles


def networks_for_user(user: object, roles: Iterable[str] | None = None) -> QuerySet[Network]:
    """Networks in which the user holds one of `roles` (any role when None)."""
    wanted = set(roles) if roles is not None else set(Role.values)
    if Role.ADMIN in wanted and is_admin(user):
        return Network.objects.all()
    network_ids = [m.network_id for m in memberships_of(user) if m.network_id and m.role in wanted]
    council_ids = [
        m.council_id for m in memberships_of(user) if m.role == Role.REGIONAL_REP and m.council_id
    ]
    condition = Q(pk__in=network_ids)
    if Role.REGIONAL_REP in wanted:
        condition |= Q(council_id__in=council_ids)
    return Network.objects.filter(condition)


def network_for_user(
    user: object, network_id: object, roles: Iterable[str] | None = None
) -> Network:
    """The network, if the user holds one of `roles` in it (any role when None); else 404."""
    return one_or_404(networks_for_user(user, roles).select_related("council"), pk=network_id)


def councils_for_user(user: object) -> QuerySet[RegionalCouncil]:
    if is_admin(user):
        return RegionalCouncil.objects.all()
    ids = [m.council_id for m in memberships_of(user) if m.role == Role.REGIONAL_REP]
    return RegionalCouncil.objects.filter(pk__in=ids)


def council_for_user(user: object, council_id: object) -> RegionalCouncil:
    return one_or_404(councils_for_user(user), pk=council_id)


# Roles grouped by what they may do in a network.
COMMITTEE = {Role.HELPER, Role.CONTRIBUTOR, Role.COORDINATOR, Role.LIAISON}
MANAGERS = {Role.COORDINATOR, Role.ADMIN}
OVERSEERS = COMMITTEE | {Role.REGIONAL_REP, Role.ADMIN}
EVERYONE_IN_NETWORK = OVERSEERS | {Role.EMPLOYER_REP}
# Who may change the start-up checklist, and who may read a network's list of members.
STARTUP_EDITORS = {Role.COORDINATOR, Role.REGIONAL_REP, Role.ADMIN}
MEMBER_READERS = {Role.COORDINATOR, Role.LIAISON, Role.REGIONAL_REP, Role.ADMIN}


def holds_role(user: object, network: Network, roles: Iterable[str]) -> bool:
    """Whether the user holds one of `roles` in `network` (no query once memberships are read)."""
    return bool(roles_in_network(user, network) & set(roles))


def require_role(user: object, network: Network, roles: Iterable[str]) -> None:
    if not holds_role(user, network, roles):
        raise Http404


def startup_steps_for_user(
    user: object, network: Network, roles: Iterable[str] = OVERSEERS
) -> QuerySet[StartupStep]:
    require_role(user, network, roles)
    return StartupStep.objects.filter(network=network).order_by("number")


def startup_step_for_user(
    user: object, network: Network, number: object, roles: Iterable[str] = STARTUP_EDITORS
) -> StartupStep:
    return one_or_404(startup_steps_for_user(user, network, roles), number=number)


def activities_for_user(
    user: object, network: Network, roles: Iterable[str] = OVERSEERS
) -> QuerySet[Activity]:
    require_role(user, network, roles)
    return Activity.objects.filter(network=network)


def activity_for_user(
    user: object, network: Network, activity_id: object, roles: Iterable[str] = MANAGERS
) -> Activity:
    return one_or_404(activities_for_user(user, network, roles), pk=activity_id)


def teams_for_user(
    user: object, network: Network, roles: Iterable[str] = MANAGERS
) -> QuerySet[Team]:
    require_role(user, network, roles)
    return Team.objects.filter(network=network)


def team_for_user(
    user: object, network: Network, team_id: object, roles: Iterable[str] = MANAGERS
) -> Team:
    return one_or_404(teams_for_user(user, network, roles), pk=team_id)


def resource_for_user(user: object, network_id: object, resource_id: object) -> NetworkResource:
    """One of the workplace resources of a network the user manages; else 404."""
    network = network_for_user(user, network_id, MANAGERS)
    resource = one_or_404(network.resources.all(), pk=resource_id)
    resource.network = network
    return resource


def network_memberships_for_user(
    user: object, network: Network, roles: Iterable[str] = MEMBER_READERS
) -> QuerySet[Membership]:
    """The active memberships of a network, for those who may see who is in it."""
    require_role(user, network, roles)
    return Membership.objects.active().filter(network=network)
