"""A network's policies and teams, changed by its coordinator or an administrator."""

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from conftest import sign_in
from networks.models import Team
from networks.tests.conftest import World
from recruitment.models import HelperProfile
from recruitment.pledge import CURRENT_PLEDGE_VERSION


def settings_url(world: World) -> str:
    return f"/en/networks/{world.network_a.pk}/settings/"


def policies(**changes: object) -> dict:
    data = {
        "findable_by_name": "on",
        "retention_days": 30,
        "idle_close_days": 30,
        "report_threshold": 5,
        "authorised_minutes_per_week": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("retention_days", 91, "Personal items may be kept at most 90 days."),
        ("retention_days", 0, "Keep personal items at least 1 day."),
        ("report_threshold", 4, "The smallest count shown in reports must be 5 or more."),
        ("authorised_minutes_per_week", -5, "Give a number of minutes, 0 or more."),
        ("retention_days", "thirty", "Enter a whole number."),
    ],
)
def test_a_policy_out_of_bounds_is_refused_with_a_clear_error(
    world: World, field: str, value: object, message: str
) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    response = client.post(settings_url(world), policies(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    world.network_a.refresh_from_db()
    assert (world.network_a.retention_days, world.network_a.report_threshold) == (30, 5)
    assert not AuditEvent.objects.filter(action="network.policies.changed").exists()


def test_the_coordinator_changes_the_policies_and_the_change_is_audited(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    response = client.post(
        settings_url(world),
        policies(retention_days=90, report_threshold=8, authorised_minutes_per_week=45),
    )
    assert response.status_code == 302
    world.network_a.refresh_from_db()
    assert world.network_a.retention_days == 90
    assert world.network_a.report_threshold == 8
    assert world.network_a.authorised_minutes_per_week == 45
    event = AuditEvent.objects.get(action="network.policies.changed")
    assert event.actor == world.user("coordinator_a")
    assert event.object_id == str(world.network_a.pk)


def test_saving_unchanged_policies_leaves_no_audit_event(world: World) -> None:
    client = sign_in(Client(), world.user("admin"))
    response = client.post(settings_url(world), policies(), follow=True)
    assert "Nothing changed." in response.content.decode()
    assert not AuditEvent.objects.filter(action="network.policies.changed").exists()


def test_the_settings_page_shows_the_current_policies(world: World) -> None:
    world.network_a.retention_days = 14
    world.network_a.save()
    client = sign_in(Client(), world.user("coordinator_a"))
    body = client.get(settings_url(world)).content.decode()
    assert 'name="retention_days" value="14"' in body


def test_the_coordinator_adds_renames_and_removes_a_team(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    add = client.post(f"{settings_url(world)[:-9]}teams/add/", {"new-team-name": " Kitchen "})
    assert add.status_code == 302
    team = Team.objects.get(network=world.network_a)
    assert team.name == "Kitchen"

    base = f"/en/networks/{world.network_a.pk}/teams/{team.pk}/"
    assert client.post(base + "rename/", {f"team-{team.pk}-name": "Cafeteria"}).status_code == 302
    team.refresh_from_db()
    assert team.name == "Cafeteria"

    assert client.post(base + "remove/").status_code == 302
    assert not Team.objects.filter(pk=team.pk).exists()


def test_a_second_team_with_the_same_name_is_refused(world: World) -> None:
    Team.objects.create(network=world.network_a, name="Kitchen")
    client = sign_in(Client(), world.user("coordinator_a"))
    response = client.post(
        f"/en/networks/{world.network_a.pk}/teams/add/", {"new-team-name": "kitchen"}
    )
    assert response.status_code == 200
    assert "This network already has a team with this name." in response.content.decode()
    assert Team.objects.filter(network=world.network_a).count() == 1


def test_renaming_a_team_to_another_teams_name_is_refused(world: World) -> None:
    Team.objects.create(network=world.network_a, name="Kitchen")
    laundry = Team.objects.create(network=world.network_a, name="Laundry")
    client = sign_in(Client(), world.user("coordinator_a"))
    response = client.post(
        f"/en/networks/{world.network_a.pk}/teams/{laundry.pk}/rename/",
        {f"team-{laundry.pk}-name": "Kitchen"},
    )
    assert response.status_code == 200
    assert "This network already has a team with this name." in response.content.decode()
    laundry.refresh_from_db()
    assert laundry.name == "Laundry"


def test_the_same_team_name_is_fine_in_another_network(world: World) -> None:
    Team.objects.create(network=world.network_b, name="Kitchen")
    client = sign_in(Client(), world.user("coordinator_a"))
    url = f"/en/networks/{world.network_a.pk}/teams/add/"
    assert client.post(url, {"new-team-name": "Kitchen"}).status_code == 302


def test_a_team_that_a_helper_supervises_cannot_be_removed(world: World) -> None:
    team = Team.objects.create(network=world.network_a, name="Night shift")
    profile = HelperProfile.objects.create(membership=world.people["helper_a"])
    profile.supervised_teams.add(team)
    client = sign_in(Client(), world.user("coordinator_a"))
    page = client.get(settings_url(world)).content.decode()
    assert "A peer helper supervises this team, so it cannot be removed." in page
    assert f"/teams/{team.pk}/remove/" not in page

    response = client.post(
        f"/en/networks/{world.network_a.pk}/teams/{team.pk}/remove/", follow=True
    )
    assert "A peer helper supervises this team, so it cannot be removed." in (
        response.content.decode()
    )
    assert Team.objects.filter(pk=team.pk).exists()


def test_an_empty_team_list_says_what_teams_are_for(world: World) -> None:
    client = sign_in(Client(), world.user("admin"))
    body = client.get(settings_url(world)).content.decode()
    assert "No team yet." in body


def test_the_members_page_shows_training_pledge_and_away_and_is_audited(world: World) -> None:
    HelperProfile.objects.create(
        membership=world.people["helper_a"],
        training=HelperProfile.Training.TRAINED,
        pledge_signed_at=timezone.now(),
        pledge_version=CURRENT_PLEDGE_VERSION,
        is_away=True,
    )
    client = sign_in(Client(), world.user("liaison_a"))
    response = client.get(f"/en/networks/{world.network_a.pk}/members/")
    body = response.content.decode()
    assert "helper_a@networks.test" in body
    assert "trained" in body
    assert "signed" in body and ">away<" in body
    assert "helper_b@networks.test" not in body
    assert AuditEvent.objects.filter(
        action="network.members.viewed", actor=world.user("liaison_a")
    ).exists()


def test_a_helper_without_a_profile_yet_is_listed_as_such(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    body = client.get(f"/en/networks/{world.network_a.pk}/members/").content.decode()
    assert "No helper profile yet" in body
    assert body.count("Not a peer helper") == 3  # coordinator, liaison, employer representative
    assert "peer helper" in body
