"""The six start-up steps of a network: created with it, read by its committee and regional
representative, changed one step at a time by the coordinator, the representative or an
administrator."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from conftest import sign_in
from networks.models import Network, Organization, StartupStep
from networks.startup_steps import STARTUP_STEPS
from networks.tests.conftest import World


def checklist_url(network: Network) -> str:
    return f"/en/networks/{network.pk}/startup/"


def post_step(client: Client, network: Network, number: int, **fields: str) -> object:
    data = {"step": str(number)}
    data.update({f"step-{number}-{name}": value for name, value in fields.items()})
    return client.post(checklist_url(network), data)


def test_a_new_network_has_its_six_steps_to_do(world: World) -> None:
    steps = list(world.network_a.startup_steps.order_by("number"))
    assert [step.number for step in steps] == [1, 2, 3, 4, 5, 6]
    assert {step.status for step in steps} == {StartupStep.Status.TO_DO}


def test_the_six_steps_follow_seed_000(world: World) -> None:
    titles = [str(step.title) for step in STARTUP_STEPS]
    assert titles == [
        "Contact the regional mutual-aid representative",
        "Identify the executive-committee liaison",
        "Recruit peer helpers",
        "Get training",
        "Build an action plan",
        "Act in the workplace",
    ]
    assert all(str(step.explanation).endswith(".") for step in STARTUP_STEPS)


def test_a_network_made_without_steps_gets_them_when_its_checklist_is_opened(
    world: World,
) -> None:
    union = Organization.objects.create(name="Old local", kind=Organization.Kind.UNION_LOCAL)
    old = Network.objects.create(
        name="Older network", kind=Network.Kind.UNION_ONLY, council=world.montreal, union=union
    )
    assert not old.startup_steps.exists()
    client = sign_in(Client(), world.user("rep_of_a"))
    response = client.get(checklist_url(old))
    assert response.status_code == 200
    assert old.startup_steps.count() == 6
    assert "Current step: 1, Contact the regional mutual-aid representative." in (
        response.content.decode()
    )


def test_the_coordinator_marks_the_first_step_done_and_the_second_becomes_current(
    world: World,
) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    response = post_step(
        client, world.network_a, 1, status="done", responsible="Chantal", notes="Met on 3 May."
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#step-1")
    step = world.network_a.startup_steps.get(number=1)
    assert step.status == StartupStep.Status.DONE
    assert step.done_on == timezone.localdate()
    assert step.responsible == "Chantal"
    body = client.get(checklist_url(world.network_a)).content.decode()
    assert "Current step: 2, Identify the executive-committee liaison." in body
    assert "Step 1 was saved." in body


def test_the_regional_representative_may_update_a_step(world: World) -> None:
    client = sign_in(Client(), world.user("rep_of_a"))
    assert post_step(client, world.network_a, 4, status="in_progress").status_code == 302
    assert world.network_a.startup_steps.get(number=4).status == StartupStep.Status.IN_PROGRESS


def test_a_representative_of_another_council_may_not_update_a_step(world: World) -> None:
    client = sign_in(Client(), world.user("rep_elsewhere"))
    assert post_step(client, world.network_a, 1, status="done").status_code == 404
    assert world.network_a.startup_steps.get(number=1).status == StartupStep.Status.TO_DO


def test_a_date_for_a_step_not_done_is_refused_and_the_input_is_kept(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    response = post_step(
        client,
        world.network_a,
        2,
        status="in_progress",
        done_on="2026-01-05",
        responsible="Louis",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give a date only for a step that is done." in body
    assert 'value="Louis"' in body
    assert world.network_a.startup_steps.get(number=2).status == StartupStep.Status.TO_DO


def test_a_done_date_still_to_come_is_refused(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post_step(client, world.network_a, 1, status="done", done_on=tomorrow.isoformat())
    assert response.status_code == 200
    assert "A step cannot be done on a date still to come." in response.content.decode()


def test_notes_longer_than_300_characters_are_refused(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    response = post_step(client, world.network_a, 1, status="to_do", notes="x" * 301)
    assert response.status_code == 200
    assert world.network_a.startup_steps.get(number=1).notes == ""


def test_the_notes_field_warns_against_personal_information(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    body = client.get(checklist_url(world.network_a)).content.decode()
    assert "Never write anything about a person who was helped." in body


def test_a_step_number_that_does_not_exist_is_a_404(world: World) -> None:
    client = sign_in(Client(), world.user("coordinator_a"))
    assert post_step(client, world.network_a, 7, status="done").status_code == 404
    response = client.post(checklist_url(world.network_a), {"step": "seven"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("first", "second", "moves"), [("to_do", "to_do", False), ("to_do", "in_progress", True)]
)
def test_the_status_date_moves_only_when_the_status_changes(
    world: World, first: str, second: str, moves: bool
) -> None:
    long_ago = timezone.now() - datetime.timedelta(days=200)
    world.network_a.startup_steps.filter(number=3).update(status=first, status_changed_at=long_ago)
    client = sign_in(Client(), world.user("coordinator_a"))
    post_step(client, world.network_a, 3, status=second, responsible="Someone")
    step = world.network_a.startup_steps.get(number=3)
    assert (step.status_changed_at > long_ago) is moves
    assert step.responsible == "Someone"


def test_when_all_steps_are_done_the_checklist_says_so(world: World) -> None:
    world.network_a.startup_steps.update(status="done", done_on=timezone.localdate())
    client = sign_in(Client(), world.user("liaison_a"))
    body = client.get(checklist_url(world.network_a)).content.decode()
    assert "The six start-up steps are done." in body
    assert "Update step" not in body
