"""A network's policies and teams, for its coordinator and administrators."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from networks.access import MANAGERS, network_for_user, team_for_user, teams_for_user
from networks.actions import TeamInUse, add_team, change_policies, remove_team, rename_team
from networks.forms import PoliciesForm, TeamForm
from networks.models import Network, Team
from networks.navigation import network_links
from networks.summaries import supervised_team_ids


def rename_form(team: Team, teams: object, data: object = None) -> TeamForm:
    return TeamForm(
        data, initial={"name": team.name}, teams=teams, team=team, prefix=f"team-{team.pk}"
    )


def render_settings(
    request: HttpRequest,
    network: Network,
    *,
    policies: PoliciesForm | None = None,
    new_team: TeamForm | None = None,
    renamed: TeamForm | None = None,
) -> HttpResponse:
    teams = teams_for_user(request.user, network)
    supervised = supervised_team_ids(teams)
    rows = [
        (
            team,
            renamed
            if renamed is not None and renamed.team.pk == team.pk
            else rename_form(team, teams),
            team.pk in supervised,
        )
        for team in teams
    ]
    return render(
        request,
        "networks/settings.html",
        {
            "network": network,
            "policies": policies or PoliciesForm.for_network(network),
            "new_team": new_team or TeamForm(teams=teams, prefix="new-team"),
            "rows": rows,
            "resource_count": network.resources.count(),
            "links": network_links(request.user, network, "networks:settings"),
        },
    )


@staff_required
def network_settings(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, MANAGERS)
    if request.method == "POST":
        form = PoliciesForm.for_network(network, request.POST)
        if form.is_valid():
            if change_policies(network, form.cleaned_data, by=request.user):
                messages.success(request, _("The policies were saved."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect("networks:settings", network_id=network.pk)
        return render_settings(request, network, policies=form)
    return render_settings(request, network)


@staff_required
@require_POST
def team_add(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, MANAGERS)
    form = TeamForm(request.POST, teams=teams_for_user(request.user, network), prefix="new-team")
    if not form.is_valid():
        return render_settings(request, network, new_team=form)
    team = add_team(network, form.cleaned_data["name"])
    messages.success(request, _("The team “%(name)s” was added.") % {"name": team.name})
    return redirect("networks:settings", network_id=network.pk)


@staff_required
@require_POST
def team_rename(request: HttpRequest, network_id: int, team_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, MANAGERS)
    team = team_for_user(request.user, network, team_id)
    form = rename_form(team, teams_for_user(request.user, network), request.POST)
    if not form.is_valid():
        return render_settings(request, network, renamed=form)
    rename_team(team, form.cleaned_data["name"])
    messages.success(request, _("The team was renamed “%(name)s”.") % {"name": team.name})
    return redirect("networks:settings", network_id=network.pk)


@staff_required
@require_POST
def team_remove(request: HttpRequest, network_id: int, team_id: int) -> HttpResponse:
    network = network_for_user(request.user, network_id, MANAGERS)
    team = team_for_user(request.user, network, team_id)
    try:
        remove_team(team)
    except TeamInUse as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The team “%(name)s” was removed.") % {"name": team.name})
    return redirect("networks:settings", network_id=network.pk)
