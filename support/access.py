"""Who may see which request. Only the assigned helper reads a conversation; an offer is seen
only by the helper it is made to; a network's coordinators see that requests exist and their
status, never their content. Everything else answers 404."""

from django.db.models import QuerySet
from django.http import Http404

from lib.lookups import one_or_404
from networks.access import MANAGERS, memberships_of, require_role
from networks.models import Membership, Network, Role
from support.models import HelpRequest, Offer


def helper_membership_ids(user: object) -> list[int]:
    return [m.pk for m in memberships_of(user) if m.role == Role.HELPER]


def helper_memberships(user: object) -> list[Membership]:
    """The user's active helper memberships with their networks, by network name; 404 for
    anyone who is not a helper."""
    helpers = [m for m in memberships_of(user) if m.role == Role.HELPER]
    if not helpers:
        raise Http404
    return sorted(helpers, key=lambda m: (m.network.name, m.pk))


def require_helper(user: object) -> list[int]:
    """The user's active helper memberships; 404 for anyone who is not a helper."""
    return [m.pk for m in helper_memberships(user)]


def offers_for_user(user: object) -> QuerySet[Offer]:
    """The pending offers made to the user (as a helper)."""
    return Offer.objects.filter(
        helper_id__in=require_helper(user),
        status=Offer.Status.PENDING,
        request__status=HelpRequest.Status.OFFERED,
    ).select_related("request", "helper__network")


def offer_for_user(user: object, offer_id: object) -> Offer:
    return one_or_404(offers_for_user(user), pk=offer_id)


def help_requests_for_user(user: object) -> QuerySet[HelpRequest]:
    """The conversations assigned to the user (open or closed, until destroyed)."""
    return HelpRequest.objects.filter(
        helper_id__in=require_helper(user),
        status__in=[HelpRequest.Status.ASSIGNED, HelpRequest.Status.CLOSED],
    ).select_related("network", "helper")


def help_request_for_user(user: object, request_id: object) -> HelpRequest:
    return one_or_404(help_requests_for_user(user), pk=request_id)


def request_statuses_for_user(user: object, network: Network) -> QuerySet[HelpRequest]:
    """For a network's coordinators: each request's dates and status, no content. The query
    reads only those columns."""
    require_role(user, network, MANAGERS)
    return (
        HelpRequest.objects.filter(network=network)
        .exclude(status=HelpRequest.Status.DESTROYED)
        .only("pk", "status", "created_at", "closed_at")
        .order_by("-created_at")
    )
