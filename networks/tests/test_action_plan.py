"""A network's action plan: activities with a kind, an owner, a date and a status."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from conftest import sign_in
from networks.models import Activity, next_mutual_aid_day
from networks.tests.conftest import World


def plan_url(world: World) -> str:
    return f"/en/networks/{world.network_a.pk}/plan/"


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def activity(world: World, title: str, days: int, **fields: object) -> Activity:
    fields.setdefault("kind", Activity.Kind.KIOSK)
    return Activity.objects.create(
        network=world.network_a, title=title, date=days_from_today(days), **fields
    )


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2027, 1, 15), datetime.date(2027, 2, 2)),
        (datetime.date(2027, 2, 2), datetime.date(2027, 2, 2)),
        (datetime.date(2027, 2, 3), datetime.date(2028, 2, 2)),
        (datetime.date(2027, 12, 31), datetime.date(2028, 2, 2)),
    ],
)
def test_the_next_mutual_aid_day_is_the_coming_2_february(
    today: datetime.date, expected: datetime.date
) -> None:
    assert next_mutual_aid_day(today) == expected


def test_the_coordinator_adds_an_activity_with_an_owner(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    owner = world.people["helper_a"]
    response = client.post(
        plan_url(world) + "new/",
        {
            "kind": "newsletter",
            "title": "Article for the spring newsletter",
            "date": days_from_today(20).isoformat(),
            "owner": owner.pk,
        },
    )
    assert response.status_code == 302
    added = Activity.objects.get(network=world.network_a)
    assert (added.kind, added.owner, added.status) == ("newsletter", owner, "planned")
    body = client.get(plan_url(world)).content.decode()
    assert "The activity was added to the plan." in body
    assert "Article for the spring newsletter" in body
    assert "Helper A" in body


def test_someone_of_another_network_cannot_own_an_activity(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    response = client.post(
        plan_url(world) + "new/",
        {
            "kind": "kiosk",
            "title": "Kiosk",
            "date": days_from_today(5).isoformat(),
            "owner": world.people["helper_b"].pk,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Activity.objects.exists()


def test_an_activity_without_a_title_or_date_is_refused_with_errors(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    response = client.post(plan_url(world) + "new/", {"kind": "kiosk", "title": "", "date": ""})
    assert response.status_code == 200
    assert response.content.decode().count("This field is required.") == 2
    assert not Activity.objects.exists()


def test_upcoming_activities_come_first_soonest_first_then_past_ones_latest_first(
    world: World,
) -> None:
    activity(world, "Past long ago", -60)
    activity(world, "Later", 30)
    activity(world, "Past recently", -5)
    activity(world, "Soon", 3)
    client = sign_in(Client(), world.user("helper_a"))
    body = client.get(plan_url(world)).content.decode()
    positions = [body.index(title) for title in ["Soon", "Later", "Past recently", "Past long ago"]]
    assert positions == sorted(positions)
    assert body.index("Upcoming") < positions[0] < body.index("Past</h2>") < positions[2]


def test_the_coordinator_marks_an_activity_done_and_cancels_another(world: World) -> None:
    kiosk = activity(world, "Kiosk", -1)
    talk = activity(world, "Talk", 10, kind=Activity.Kind.GENERAL_MEETING)
    client = sign_in(Client(), world.user("coordinator_a"))
    assert client.post(f"{plan_url(world)}{kiosk.pk}/done/").status_code == 302
    assert client.post(f"{plan_url(world)}{talk.pk}/cancel/").status_code == 302
    kiosk.refresh_from_db()
    talk.refresh_from_db()
    assert (kiosk.status, talk.status) == ("done", "cancelled")


def test_marking_done_by_get_is_not_allowed(world: World) -> None:
    kiosk = activity(world, "Kiosk", -1)
    client = sign_in(Client(), world.user("coordinator_a"))
    assert client.get(f"{plan_url(world)}{kiosk.pk}/done/").status_code == 405
    kiosk.refresh_from_db()
    assert kiosk.status == "planned"


def test_the_coordinator_edits_an_activity(world: World) -> None:
    kiosk = activity(world, "Kiosk", 4)
    client = sign_in(Client(), world.user("coordinator_a"))
    response = client.post(
        f"{plan_url(world)}{kiosk.pk}/",
        {
            "kind": "thematic_meeting",
            "title": "Meeting on grief",
            "date": days_from_today(8).isoformat(),
            "owner": world.people["liaison_a"].pk,
            "status": "planned",
        },
    )
    assert response.status_code == 302
    kiosk.refresh_from_db()
    assert (kiosk.kind, kiosk.title, kiosk.owner) == (
        "thematic_meeting",
        "Meeting on grief",
        world.people["liaison_a"],
    )


def test_a_helper_sees_the_plan_without_the_buttons_to_change_it(world: World) -> None:
    activity(world, "Kiosk", 4)
    client = sign_in(Client(), world.user("helper_a"))
    body = client.get(plan_url(world)).content.decode()
    assert "Kiosk" in body
    assert "Mark done" not in body
    assert "Add an activity" not in body


def test_the_plan_suggests_the_next_mutual_aid_day_until_it_is_planned(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    day = next_mutual_aid_day(timezone.localdate())
    body = client.get(plan_url(world)).content.decode()
    assert "The next mutual-aid day is on" in body
    form = client.get(plan_url(world) + "new/?kind=mutual_aid_day").content.decode()
    assert f'value="{day.isoformat()}"' in form
    assert 'value="mutual_aid_day" selected' in form

    Activity.objects.create(
        network=world.network_a, kind=Activity.Kind.MUTUAL_AID_DAY, title="Day", date=day
    )
    assert "The next mutual-aid day is on" not in client.get(plan_url(world)).content.decode()


def test_an_empty_plan_tells_the_coordinator_what_to_add(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    body = client.get(plan_url(world)).content.decode()
    assert "Nothing is planned. Add a kiosk" in body
