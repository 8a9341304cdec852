"""Noticing a flood of requests to a network, and telling its coordinators once.

A flood never refuses anyone (a limit a stranger can fill would refuse real people too), and
nothing about the senders is kept: the count is of the network's own requests.
"""

import datetime

from django.utils import timezone

from accounts.throttles import count_event
from networks.models import Network
from support.models import HelpRequest

FLOOD_REQUESTS = 6  # this many requests to one network...
FLOOD_WINDOW = datetime.timedelta(minutes=10)  # ...within this time is a flood
TELL_AGAIN_AFTER = datetime.timedelta(hours=1)


def is_flooded(network: Network) -> bool:
    since = timezone.now() - FLOOD_WINDOW
    return HelpRequest.objects.filter(network=network, created_at__gte=since).count() >= (
        FLOOD_REQUESTS
    )


def notice_new_request(network: Network) -> bool:
    """After a request: when the network is flooded, tells its coordinators (one mail an hour
    at most, however long the flood lasts). Returns whether it told them."""
    from support.notifications import tell_coordinators_of_a_flood

    if not is_flooded(network):
        return False
    if count_event(f"support:flood-told:{network.pk}", TELL_AGAIN_AFTER) != 1:
        return False
    tell_coordinators_of_a_flood(network)  # queued: sent only if the request commits
    return True


def may_tell_a_request_waits(network_id: int) -> bool:
    """Coordinators hear that requests wait at most once an hour per network."""
    return count_event(f"support:unmatched-told:{network_id}", TELL_AGAIN_AFTER) == 1
