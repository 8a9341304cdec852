"""The regional representative's page, the network summaries behind it, and the rules that
say which networks need the representative's support."""

import dataclasses
import datetime

import pytest
from django.test import Client
from django.utils import timezone, translation

from conftest import make_staff_user, sign_in
from networks.actions import create_network
from networks.models import Activity, Membership, Network, Role
from networks.summaries import NetworkSummary, summarise, support_reasons
from networks.tests.conftest import World
from recruitment.models import HelperProfile
from recruitment.pledge import CURRENT_PLEDGE_VERSION

TODAY = datetime.date(2027, 6, 15)
NOON = datetime.time(12, 0)


def moment(days_ago: int) -> datetime.datetime:
    day = TODAY - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, NOON))


HEALTHY = NetworkSummary(
    network=None,
    current_step=6,
    helpers_trained=3,
    helpers_active=2,
    contributors=1,
    upcoming_activities=1,
    has_coordinator=True,
    has_liaison=True,
    activity_in_plan_horizon=True,
    in_progress_since=moment(90),
    checklist_touched_at=moment(180),
)


def reasons(**changes: object) -> list[str]:
    """The reasons in English (message ids), whatever language an earlier test left active."""
    with translation.override("en"):
        summary = dataclasses.replace(HEALTHY, **changes)
        return [str(reason) for reason in support_reasons(summary, TODAY)]


def test_a_healthy_network_needs_no_support() -> None:
    assert reasons() == []


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"has_liaison": False}, "No executive-committee liaison."),
        ({"has_coordinator": False}, "No committee coordinator."),
        ({"helpers_active": 1}, "Fewer than two active peer helpers."),
        ({"helpers_active": 0}, "Fewer than two active peer helpers."),
        (
            {"in_progress_since": moment(91)},
            "A start-up step has been in progress for more than 90 days.",
        ),
        (
            {"checklist_touched_at": moment(181)},
            "The start-up checklist has not changed in 180 days.",
        ),
        ({"activity_in_plan_horizon": False}, "No activity planned in the next 90 days."),
    ],
)
def test_each_rule_alone_makes_a_network_need_support(changes: dict, reason: str) -> None:
    assert reasons(**changes) == [reason]


def test_a_finished_checklist_left_alone_is_not_a_concern() -> None:
    assert reasons(current_step=None, checklist_touched_at=moment(400)) == []


def test_no_step_in_progress_is_not_a_stalled_step() -> None:
    assert reasons(in_progress_since=None) == []


def test_several_reasons_are_all_given() -> None:
    assert len(reasons(has_liaison=False, has_coordinator=False, helpers_active=0)) == 3


# From the database -------------------------------------------------------------------------


def helper(network: Network, email: str, **profile: object) -> Membership:
    membership = Membership.objects.create(
        user=make_staff_user(email), role=Role.HELPER, network=network
    )
    HelperProfile.objects.create(membership=membership, **profile)
    return membership


def signed_pledge() -> dict:
    """A profile's fields for a helper who has just signed the current pledge."""
    return {"pledge_version": CURRENT_PLEDGE_VERSION, "pledge_signed_at": timezone.now()}


def summary_of_a(world: World) -> NetworkSummary:
    [summary] = summarise(Network.objects.filter(pk=world.network_a.pk), timezone.localdate())
    return summary


def test_trained_and_active_helpers_are_counted_as_the_rules_say(world: World) -> None:
    signed = signed_pledge()
    trained = HelperProfile.Training.TRAINED
    HelperProfile.objects.create(membership=world.people["helper_a"], training=trained, **signed)
    helper(world.network_a, "away@n.test", training=trained, **signed, is_away=True)
    helper(world.network_a, "unsigned@n.test", training=trained)
    helper(world.network_a, "registered@n.test", training="registered", **signed)
    gone = helper(world.network_a, "gone@n.test", training=trained, **signed)
    gone.is_active = False
    gone.save()
    helper(world.network_b, "elsewhere@n.test", training=trained, **signed)
    Membership.objects.create(
        user=make_staff_user("contrib@n.test"), role=Role.CONTRIBUTOR, network=world.network_a
    )

    summary = summary_of_a(world)
    assert summary.helpers_trained == 3  # helper_a, away, unsigned
    assert summary.helpers_active == 2  # helper_a, registered
    assert summary.contributors == 1
    assert summary.has_coordinator and summary.has_liaison


def test_the_current_step_is_the_first_step_not_done(world: World) -> None:
    world.network_a.startup_steps.filter(number__in=[1, 2, 4]).update(status="done")
    assert summary_of_a(world).current_step == 3
    world.network_a.startup_steps.update(status="done")
    assert summary_of_a(world).current_step is None


def test_only_planned_activities_to_come_count_as_upcoming(world: World) -> None:
    today = timezone.localdate()
    for days, status in [(10, "planned"), (100, "planned"), (5, "cancelled"), (-3, "planned")]:
        Activity.objects.create(
            network=world.network_a,
            kind="kiosk",
            title="x",
            date=today + datetime.timedelta(days=days),
            status=status,
        )
    summary = summary_of_a(world)
    assert summary.upcoming_activities == 2
    assert summary.activity_in_plan_horizon


def test_an_activity_beyond_90_days_leaves_the_plan_horizon_empty(world: World) -> None:
    Activity.objects.create(
        network=world.network_a,
        kind="kiosk",
        title="x",
        date=timezone.localdate() + datetime.timedelta(days=91),
    )
    assert not summary_of_a(world).activity_in_plan_horizon


def test_a_step_in_progress_long_ago_is_found(world: World) -> None:
    long_ago = timezone.now() - datetime.timedelta(days=120)
    world.network_a.startup_steps.filter(number=2).update(
        status="in_progress", status_changed_at=long_ago, updated_at=long_ago
    )
    summary = summary_of_a(world)
    assert summary.in_progress_since == long_ago
    with translation.override("en"):
        found = [str(r) for r in support_reasons(summary, timezone.localdate())]
    assert "A start-up step has been in progress for more than 90 days." in found


def test_a_network_without_steps_is_at_step_1_and_untouched_since_its_creation(
    world: World,
) -> None:
    world.network_a.startup_steps.all().delete()
    summary = summary_of_a(world)
    assert summary.current_step == 1
    assert summary.checklist_touched_at == world.network_a.created_at


# The page -----------------------------------------------------------------------------------


def test_the_council_page_lists_networks_needing_support_first(world: World) -> None:
    healthy = create_network(
        name="AAA healthy", kind="union_only", council=world.montreal, union_name="Local"
    )
    for role in (Role.COORDINATOR, Role.LIAISON):
        Membership.objects.create(
            user=make_staff_user(f"{role}@h.test"), role=role, network=healthy
        )
    for n in range(2):
        helper(healthy, f"h{n}@h.test", **signed_pledge())
    Activity.objects.create(
        network=healthy, kind="kiosk", title="x", date=timezone.localdate() + datetime.timedelta(1)
    )

    client = sign_in(Client(), world.user("rep_of_a"))
    response = client.get(f"/en/networks/council/{world.montreal.pk}/")
    body = response.content.decode()
    assert body.index(world.network_a.name) < body.index("AAA healthy")
    assert "1 of 2 networks needs your support." in body
    assert "Fewer than two active peer helpers." in body
    assert world.network_b.name not in body


def test_the_council_page_reads_a_bounded_number_of_queries_for_30_networks(
    world: World, django_assert_max_num_queries: object
) -> None:
    for n in range(30):
        network = create_network(
            name=f"Network {n:02}", kind="union_only", council=world.montreal, union_name="L"
        )
        helper(network, f"h{n}@q.test", training="trained", **signed_pledge())
        Activity.objects.create(network=network, kind="kiosk", title="x", date=timezone.localdate())
    client = sign_in(Client(), world.user("rep_of_a"))
    client.get(f"/en/networks/council/{world.montreal.pk}/")  # warm the session
    with django_assert_max_num_queries(10):
        response = client.get(f"/en/networks/council/{world.montreal.pk}/")
    assert response.content.decode().count("Network ") >= 30


def test_the_networks_list_reads_a_bounded_number_of_queries(
    world: World, django_assert_max_num_queries: object
) -> None:
    for n in range(30):
        create_network(
            name=f"Network {n:02}", kind="union_only", council=world.montreal, union_name="L"
        )
    client = sign_in(Client(), world.user("admin"))
    client.get("/en/networks/")
    with django_assert_max_num_queries(10):
        response = client.get("/en/networks/")
    assert "Network 29" in response.content.decode()


def test_the_networks_list_shows_the_current_step(world: World) -> None:
    world.network_a.startup_steps.filter(number=1).update(status="done")
    client = sign_in(Client(), world.user("helper_a"))
    body = client.get("/en/networks/").content.decode()
    assert "Step 2 of 6: Identify the executive-committee liaison" in body


# The overview -------------------------------------------------------------------------------


def test_the_overview_gives_the_network_its_step_counts_and_upcoming_activities(
    world: World,
) -> None:
    HelperProfile.objects.create(
        membership=world.people["helper_a"], training="trained", **signed_pledge()
    )
    Activity.objects.create(
        network=world.network_a,
        kind="kiosk",
        title="Kiosk in the cafeteria",
        date=timezone.localdate() + datetime.timedelta(days=3),
        owner=world.people["helper_a"],
    )
    client = sign_in(Client(), world.user("coordinator_a"))
    body = client.get(f"/en/networks/{world.network_a.pk}/").content.decode()
    assert world.network_a.code in body
    assert "Step 1 of 6: Contact the regional mutual-aid representative" in body
    assert "1 trained peer helper" in body
    assert "1 active peer helper" in body
    assert "0 contributors" in body
    assert "Kiosk in the cafeteria" in body
    assert "led by Helper A" in body
    for page in ("startup", "plan", "members", "settings"):
        assert f"/en/networks/{world.network_a.pk}/{page}/" in body


def test_the_employer_representative_sees_the_overview_without_names_or_committee_links(
    world: World,
) -> None:
    Activity.objects.create(
        network=world.network_a,
        kind="kiosk",
        title="Kiosk in the cafeteria",
        date=timezone.localdate() + datetime.timedelta(days=3),
        owner=world.people["helper_a"],
    )
    client = sign_in(Client(), world.user("employer_a"))
    body = client.get(f"/en/networks/{world.network_a.pk}/").content.decode()
    assert "Kiosk in the cafeteria" in body
    assert "Helper A" not in body
    assert "Coordinator A" not in body
    for page in ("startup", "plan", "members", "settings"):
        assert f"/en/networks/{world.network_a.pk}/{page}/" not in body
