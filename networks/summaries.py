"""How a network is doing: its start-up step, its helpers, its plan, and whether its regional
representative should step in. Read for many networks in one query."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from networks.models import Activity, Membership, Network, Role, StartupStep, Team
from networks.startup_steps import StepText, step_text
from recruitment.models import HelperProfile

MIN_ACTIVE_HELPERS = 2
STEP_STALLS_AFTER = datetime.timedelta(days=90)
CHECKLIST_FORGOTTEN_AFTER = datetime.timedelta(days=180)
PLAN_HORIZON = datetime.timedelta(days=90)


@dataclass(frozen=True)
class NetworkSummary:
    network: Network | None
    current_step: int | None  # None once the six steps are done
    helpers_trained: int
    helpers_active: int
    contributors: int
    upcoming_activities: int
    has_coordinator: bool
    has_liaison: bool
    activity_in_plan_horizon: bool
    in_progress_since: datetime.datetime | None  # the oldest step still in progress
    checklist_touched_at: datetime.datetime

    @property
    def current_step_text(self) -> StepText | None:
        return step_text(self.current_step) if self.current_step else None


def support_reasons(summary: NetworkSummary, today: datetime.date) -> list[Promise]:
    """Why the network needs its regional representative's support (empty when it does not)."""
    reasons = []
    if not summary.has_liaison:
        reasons.append(_("No executive-committee liaison."))
    if not summary.has_coordinator:
        reasons.append(_("No committee coordinator."))
    if summary.helpers_active < MIN_ACTIVE_HELPERS:
        reasons.append(_("Fewer than two active peer helpers."))
    if summary.in_progress_since is not None:
        if today - timezone.localdate(summary.in_progress_since) > STEP_STALLS_AFTER:
            reasons.append(_("A start-up step has been in progress for more than 90 days."))
    if summary.current_step is not None:
        if today - timezone.localdate(summary.checklist_touched_at) > CHECKLIST_FORGOTTEN_AFTER:
            reasons.append(_("The start-up checklist has not changed in 180 days."))
    if not summary.activity_in_plan_horizon:
        reasons.append(_("No activity planned in the next 90 days."))
    return reasons


def _count(queryset: QuerySet) -> Coalesce:
    counted = queryset.order_by().values("network").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_summary(networks: QuerySet[Network], today: datetime.date) -> QuerySet[Network]:
    """The networks with what a summary needs, each figure a subquery (one query in all)."""
    members = Membership.objects.active().filter(network=OuterRef("pk"))
    helpers = members.filter(role=Role.HELPER)
    steps = StartupStep.objects.filter(network=OuterRef("pk")).order_by()
    planned = Activity.objects.filter(
        network=OuterRef("pk"), status=Activity.Status.PLANNED, date__gte=today
    )
    return networks.select_related("council").annotate(
        first_open_step=Subquery(
            steps.exclude(status=StartupStep.Status.DONE).order_by("number").values("number")[:1]
        ),
        step_count=_count(steps),
        in_progress_since=Subquery(
            steps.filter(status=StartupStep.Status.IN_PROGRESS)
            .order_by("status_changed_at")
            .values("status_changed_at")[:1]
        ),
        steps_touched_at=Subquery(steps.order_by("-updated_at").values("updated_at")[:1]),
        helpers_trained=_count(
            helpers.filter(helper_profile__training=HelperProfile.Training.TRAINED)
        ),
        helpers_active=_count(
            helpers.filter(
                helper_profile__in=HelperProfile.objects.signed_current_pledge(),
                helper_profile__is_away=False,
            )
        ),
        contributors=_count(members.filter(role=Role.CONTRIBUTOR)),
        has_coordinator=Exists(members.filter(role=Role.COORDINATOR)),
        has_liaison=Exists(members.filter(role=Role.LIAISON)),
        upcoming_activities=_count(planned),
        activity_in_plan_horizon=Exists(planned.filter(date__lte=today + PLAN_HORIZON)),
    )


def summary_of(network: Network) -> NetworkSummary:
    """The summary of a network read through `with_summary`. A network whose steps were never
    created is at step 1."""
    if network.step_count == 0:
        current_step = 1
    else:
        current_step = network.first_open_step
    return NetworkSummary(
        network=network,
        current_step=current_step,
        helpers_trained=network.helpers_trained,
        helpers_active=network.helpers_active,
        contributors=network.contributors,
        upcoming_activities=network.upcoming_activities,
        has_coordinator=network.has_coordinator,
        has_liaison=network.has_liaison,
        activity_in_plan_horizon=network.activity_in_plan_horizon,
        in_progress_since=network.in_progress_since,
        checklist_touched_at=network.steps_touched_at or network.created_at,
    )


def summarise(networks: QuerySet[Network], today: datetime.date) -> list[NetworkSummary]:
    return [summary_of(network) for network in with_summary(networks, today)]


def supervised_team_ids(teams: QuerySet[Team]) -> set[int]:
    """Which of these teams a peer helper supervises (such a team cannot be removed)."""
    through = HelperProfile.supervised_teams.through
    return set(through.objects.filter(team__in=teams).values_list("team_id", flat=True))
