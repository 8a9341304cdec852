"""Who may open or post to each page of the networks app, through the real URLs."""

import pytest
from django.test import Client

from conftest import sign_in
from networks.models import Activity, Team
from networks.tests.conftest import ROLES, World

IN_A = {"helper_a", "coordinator_a", "liaison_a", "rep_of_a", "employer_a", "admin"}
OVERSEERS_A = IN_A - {"employer_a"}
MANAGERS_A = {"coordinator_a", "admin"}
MEMBER_READERS_A = {"coordinator_a", "liaison_a", "rep_of_a", "admin"}
STARTUP_EDITORS_A = {"coordinator_a", "rep_of_a", "admin"}
CREATORS = {"rep_of_a", "rep_elsewhere", "admin"}
STAFF = set(ROLES) - {"anonymous"}

# (method, url template, who may, status for those who may)
PAGES = [
    ("get", "/en/networks/", STAFF, 200),
    ("get", "/en/networks/new/", CREATORS, 200),
    ("get", "/en/networks/council/{council}/", {"rep_of_a", "admin"}, 200),
    ("get", "/en/networks/{network}/", IN_A, 200),
    ("get", "/en/networks/{network}/members/", MEMBER_READERS_A, 200),
    ("get", "/en/networks/{network}/startup/", OVERSEERS_A, 200),
    ("post", "/en/networks/{network}/startup/", STARTUP_EDITORS_A, 302),
    ("get", "/en/networks/{network}/plan/", OVERSEERS_A, 200),
    ("get", "/en/networks/{network}/plan/new/", MANAGERS_A, 200),
    ("get", "/en/networks/{network}/plan/{activity}/", MANAGERS_A, 200),
    ("post", "/en/networks/{network}/plan/{activity}/done/", MANAGERS_A, 302),
    ("post", "/en/networks/{network}/plan/{activity}/cancel/", MANAGERS_A, 302),
    ("get", "/en/networks/{network}/settings/", MANAGERS_A, 200),
    ("post", "/en/networks/{network}/teams/add/", MANAGERS_A, 302),
    ("post", "/en/networks/{network}/teams/{team}/rename/", MANAGERS_A, 302),
    ("post", "/en/networks/{network}/teams/{team}/remove/", MANAGERS_A, 302),
]
POST_DATA = {
    "/startup/": {"step": "1", "step-1-status": "in_progress"},
    "/teams/add/": {"new-team-name": "Night shift"},
    "/rename/": {"team-{team}-name": "Evening shift"},
}


def fill(template: str, world: World, activity: Activity, team: Team) -> str:
    return template.format(
        network=world.network_a.pk,
        council=world.montreal.pk,
        activity=activity.pk,
        team=team.pk,
    )


def post_data(url: str, team: Team) -> dict:
    for ending, data in POST_DATA.items():
        if url.endswith(ending):
            return {key.format(team=team.pk): value for key, value in data.items()}
    return {}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "template", "allowed", "status"), PAGES)
def test_each_page_answers_its_roles_and_refuses_everyone_else(
    world: World, role: str, method: str, template: str, allowed: set, status: int
) -> None:
    activity = Activity.objects.create(
        network=world.network_a, kind=Activity.Kind.KIOSK, title="Kiosque", date="2030-03-01"
    )
    team = Team.objects.create(network=world.network_a, name="Day shift")
    client = Client()
    if role != "anonymous":
        sign_in(client, world.user(role))
    url = fill(template, world, activity, team)
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, post_data(url, team))

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/en/account/login/")
    elif role in allowed:
        assert response.status_code == status, response.content.decode()[:2000]
    else:
        assert response.status_code == 404
        assert world.network_a.name not in response.content.decode()


def test_a_helper_of_network_b_does_not_find_network_a_in_the_list(world: World) -> None:
    client = sign_in(Client(), world.user("helper_b"))
    body = client.get("/en/networks/").content.decode()
    assert world.network_b.name in body
    assert world.network_a.name not in body


def test_a_regional_representative_sees_only_the_networks_of_their_council(world: World) -> None:
    client = sign_in(Client(), world.user("rep_elsewhere"))
    body = client.get("/en/networks/").content.decode()
    assert world.network_b.name in body
    assert world.network_a.name not in body
    assert f"/en/networks/council/{world.quebec.pk}/" in body
    assert f"/en/networks/council/{world.montreal.pk}/" not in body


def test_someone_with_no_role_is_told_how_to_join_a_network(world: World) -> None:
    from conftest import make_staff_user

    client = sign_in(Client(), make_staff_user("nobody@networks.test"))
    response = client.get("/en/networks/")
    assert response.status_code == 200
    assert "You are not part of any network yet" in response.content.decode()


def test_a_signed_in_account_without_a_second_factor_cannot_open_a_network(world: World) -> None:
    client = Client()
    client.force_login(world.user("coordinator_a"))
    response = client.get(f"/en/networks/{world.network_a.pk}/")
    assert response.status_code == 302
    assert world.network_a.name not in response.content.decode()


def test_an_unknown_network_is_a_404_even_for_an_administrator(world: World) -> None:
    client = sign_in(Client(), world.user("admin"))
    assert client.get("/en/networks/999999/").status_code == 404
    assert client.get("/en/networks/council/999999/").status_code == 404


def test_an_activity_of_another_network_is_a_404_for_its_coordinator(world: World) -> None:
    other = Activity.objects.create(
        network=world.network_b, kind=Activity.Kind.KIOSK, title="Other", date="2030-03-01"
    )
    client = sign_in(Client(), world.user("coordinator_a"))
    url = f"/en/networks/{world.network_a.pk}/plan/{other.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url + "done/").status_code == 404
    other.refresh_from_db()
    assert other.status == Activity.Status.PLANNED


def test_a_team_of_another_network_cannot_be_removed_through_network_a(world: World) -> None:
    other = Team.objects.create(network=world.network_b, name="Elsewhere")
    client = sign_in(Client(), world.user("coordinator_a"))
    url = f"/en/networks/{world.network_a.pk}/teams/{other.pk}/remove/"
    assert client.post(url).status_code == 404
    assert Team.objects.filter(pk=other.pk).exists()


def test_a_helper_may_read_the_checklist_but_not_change_it(world: World) -> None:
    client = sign_in(Client(), world.user("helper_a"))
    url = f"/en/networks/{world.network_a.pk}/startup/"
    body = client.get(url).content.decode()
    assert "Update step 1" not in body
    response = client.post(url, {"step": "1", "step-1-status": "done"})
    assert response.status_code == 404
    assert world.network_a.startup_steps.get(number=1).status == "to_do"
