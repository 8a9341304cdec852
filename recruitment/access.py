"""Who may see what in recruiting. Views fetch applications, helper memberships and profiles only
through these helpers; each answers 404 for a record the user may not see.

- Applications: the committee coordinator of the application's network, and administrators.
- The helpers of a network (training, pledge, away): the same people, never the topics.
- A helper's own profile: that helper only.
- The poster: the people who run or support the network, not its helpers.
"""

import re

from django.db.models import QuerySet
from django.http import Http404

from lib.lookups import one_or_404
from networks.access import MANAGERS, memberships_of, network_for_user
from networks.models import Membership, Network, Role
from recruitment.models import Application, HelperProfile

CODE_SHAPE = re.compile(r"[A-Za-z0-9]{1,20}")
REVIEWERS = MANAGERS  # committee coordinator, platform administrator
POSTER_MAKERS = {Role.COORDINATOR, Role.LIAISON, Role.REGIONAL_REP, Role.ADMIN}


def public_network(code: str) -> Network:
    """The network behind a code printed on a poster, whatever its case; else 404."""
    code = code.strip()
    if not CODE_SHAPE.fullmatch(code):  # never a NUL byte or a long string to the database
        raise Http404
    network = Network.objects.filter(code__iexact=code).first()
    if network is None:
        raise Http404
    return network


def applications_for_user(user: object, network: Network | int) -> QuerySet[Application]:
    """The network's applications, if the user reviews them; else 404."""
    network = network_for_user(user, getattr(network, "pk", network), REVIEWERS)
    return Application.objects.filter(network=network)


def application_for_user(user: object, application_id: object) -> Application:
    application = one_or_404(
        Application.objects.select_related("network", "decided_by"), pk=application_id
    )
    network_for_user(user, application.network_id, REVIEWERS)
    return application


def helper_memberships_for_user(user: object, network: Network | int) -> QuerySet[Membership]:
    """The active helpers of a network with their profiles, for its coordinator; else 404."""
    network = network_for_user(user, getattr(network, "pk", network), REVIEWERS)
    return (
        Membership.objects.active()
        .filter(network=network, role=Role.HELPER)
        .select_related("user", "helper_profile")
        .order_by("user__display_name", "pk")
    )


def own_helper_membership(user: object, membership_id: object) -> Membership:
    """One of the user's own active helper memberships; 404 for anyone else, admins included."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    memberships = Membership.objects.active().select_related("network", "helper_profile")
    return one_or_404(memberships, pk=membership_id, user=user, role=Role.HELPER)


def own_helper_profile(user: object, membership_id: object) -> HelperProfile:
    """The user's profile for that helper membership; an unsaved one if not created yet."""
    membership = own_helper_membership(user, membership_id)
    try:
        return membership.helper_profile
    except HelperProfile.DoesNotExist:
        return HelperProfile(membership=membership)


def memberships_awaiting_pledge(user: object) -> list[Membership]:
    """The user's active helper memberships whose current pledge is not signed yet."""
    if not getattr(user, "is_authenticated", False):
        return []
    memberships = (
        Membership.objects.active()
        .filter(user=user, role=Role.HELPER)
        .select_related("network", "helper_profile")
    )
    return [m for m in memberships if needs_pledge(m)]


def needs_pledge(membership: Membership) -> bool:
    try:
        return membership.helper_profile.needs_pledge
    except HelperProfile.DoesNotExist:
        return True


def poster_network_for_user(user: object, network_id: object) -> Network:
    return network_for_user(user, network_id, POSTER_MAKERS)


def pledge_needed_by(user: object) -> bool:
    """Whether one of the user's own helper memberships still waits for the current pledge
    (never signed, or signed in an older version)."""
    helper_memberships = [m for m in memberships_of(user) if m.role == Role.HELPER]
    signed = (
        HelperProfile.objects.signed_current_pledge()
        .filter(membership__in=helper_memberships)
        .count()
    )
    return signed < len(helper_memberships)
