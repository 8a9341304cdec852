"""The links of a network's pages that the signed-in user's roles allow."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from networks.access import (
    EVERYONE_IN_NETWORK,
    MANAGERS,
    MEMBER_READERS,
    OVERSEERS,
    holds_role,
)
from networks.models import Network, Role
from reports.access import EMPLOYER_PAGE, READERS

PAGES = [
    ("networks:overview", _("Overview"), EVERYONE_IN_NETWORK),
    ("networks:startup", _("Start-up checklist"), OVERSEERS),
    ("networks:plan", _("Action plan"), OVERSEERS),
    ("networks:members", _("Members"), MEMBER_READERS),
    ("networks:settings", _("Settings and teams"), MANAGERS),
    ("networks:resources", _("Workplace resources"), MANAGERS),
]


@dataclass(frozen=True)
class Link:
    url: str
    label: Promise
    is_current: bool


def network_links(user: object, network: Network, current: str) -> list[Link]:
    links = [
        Link(reverse(name, args=[network.pk]), label, name == current)
        for name, label, roles in PAGES
        if holds_role(user, network, roles)
    ]
    if holds_role(user, network, READERS):
        url = reverse("reports:network", args=[network.pk])
        links.append(Link(url, _("Reports"), current == "reports:network"))
    if network.has_employer and holds_role(user, network, EMPLOYER_PAGE):
        url = reverse("reports:employer", args=[network.pk])
        links.append(Link(url, _("The program in numbers"), False))
    if holds_role(user, network, {Role.REGIONAL_REP, Role.ADMIN}):
        links.append(
            Link(
                reverse("networks:council", args=[network.council_id]),
                _("Networks of the council"),
                False,
            )
        )
    return links
