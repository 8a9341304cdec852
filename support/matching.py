"""Matching a request with peer helpers (being written)."""

from support.models import HelpRequest


def start_matching(request: HelpRequest) -> None:
    """Offers a new request to the first eligible helper (or to all of them when urgent)."""
