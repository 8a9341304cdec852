"""Networks: the list, a new network, a network's overview and members, a council's networks."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import staff_required
from audit.models import record
from networks.access import (
    EVERYONE_IN_NETWORK,
    MEMBER_READERS,
    OVERSEERS,
    activities_for_user,
    council_for_user,
    councils_for_user,
    holds_role,
    network_for_user,
    network_memberships_for_user,
    networks_for_user,
)
from networks.actions import create_network
from networks.forms import NewNetworkForm
from networks.models import Activity, Role
from networks.navigation import network_links
from networks.summaries import summarise, summary_of, support_reasons, with_summary

PAGE_SIZE = 50
ROLE_ORDER = [Role.COORDINATOR, Role.LIAISON, Role.HELPER, Role.CONTRIBUTOR, Role.EMPLOYER_REP]


@staff_required
def network_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    networks = with_summary(networks_for_user(request.user), today)
    page = Paginator(networks, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = [summary_of(network) for network in page.object_list]
    councils = list(councils_for_user(request.user))
    return render(request, "networks/list.html", {"page": page, "councils": councils})


@staff_required
def network_new(request: HttpRequest) -> HttpResponse:
    """An administrator creates a network in any council, a regional representative in theirs."""
    councils = councils_for_user(request.user)
    if not councils.exists():
        raise Http404
    form = NewNetworkForm(request.POST or None, councils=councils)
    if request.method == "POST" and form.is_valid():
        network = create_network(**form.cleaned_data, by=request.user)
        messages.success(
            request,
            _("The network was created. Its public code is %(code)s.") % {"code": network.code},
        )
        return redirect("networks:overview", network_id=network.pk)
    return render(request, "networks/new.html", {"form": form})


@staff_required
def overview(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, EVERYONE_IN_NETWORK)
    today = timezone.localdate()
    [summary] = summarise(networks_for_user(request.user).filter(pk=network.pk), today)
    upcoming = (
        activities_for_user(request.user, network, EVERYONE_IN_NETWORK)
        .filter(status=Activity.Status.PLANNED, date__gte=today)
        .select_related("owner__user")[:10]
    )
    return render(
        request,
        "networks/overview.html",
        {
            "network": network,
            "summary": summary,
            "upcoming": upcoming,
            # Employer representatives see the network, never who is in it.
            "show_names": holds_role(request.user, network, OVERSEERS),
            "links": network_links(request.user, network, "networks:overview"),
        },
    )


@staff_required
def members(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, MEMBER_READERS)
    memberships = sorted(
        network_memberships_for_user(request.user, network).select_related(
            "user", "helper_profile"
        ),
        key=lambda m: (ROLE_ORDER.index(m.role), m.user.display_name.lower()),
    )
    record(request.user, "network.members.viewed", network)
    rows = [(m, getattr(m, "helper_profile", None)) for m in memberships]
    return render(
        request,
        "networks/members.html",
        {
            "network": network,
            "rows": rows,
            "links": network_links(request.user, network, "networks:members"),
        },
    )


@staff_required
def council(request: HttpRequest, council_id: int) -> HttpResponse:
    """A regional representative's page: every network of the council, those that need
    support first."""
    council = council_for_user(request.user, council_id)
    today = timezone.localdate()
    networks = networks_for_user(request.user, {Role.REGIONAL_REP, Role.ADMIN}).filter(
        council=council
    )
    rows = [(summary, support_reasons(summary, today)) for summary in summarise(networks, today)]
    rows.sort(key=lambda row: (not row[1], row[0].network.name.lower()))
    return render(
        request,
        "networks/council.html",
        {"council": council, "rows": rows, "needing_support": sum(1 for row in rows if row[1])},
    )
