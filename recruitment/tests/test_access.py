"""Every recruiting URL for every role: allowed (200, or a redirect after a POST), forbidden (404
with nothing of the record in the body), or anonymous (sent to sign in)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import get_resolver

from recruitment.tests.conftest import ROLES, World, make_application

COORDINATION = {"coordinator_a", "admin"}
POSTER = {"coordinator_a", "liaison_a", "rep_of_a", "admin"}
EVERY_STAFF_ROLE = set(ROLES) - {"anonymous"}


@dataclass
class Case:
    name: str
    method: str
    path: Callable[[World, int], str]
    allowed: set[str]


CASES = [
    Case("pledge", "get", lambda w, a: "/fr/recruiting/pledge/", EVERY_STAFF_ROLE),
    Case(
        "profile",
        "get",
        lambda w, a: f"/fr/recruiting/profile/{w.people['helper_a'].pk}/",
        {"helper_a"},
    ),
    Case(
        "helpers",
        "get",
        lambda w, a: f"/fr/recruiting/network/{w.network_a.pk}/helpers/",
        COORDINATION,
    ),
    Case(
        "applications",
        "get",
        lambda w, a: f"/fr/recruiting/network/{w.network_a.pk}/applications/",
        COORDINATION,
    ),
    Case("application", "get", lambda w, a: f"/fr/recruiting/application/{a}/", COORDINATION),
    Case(
        "application_met", "post", lambda w, a: f"/fr/recruiting/application/{a}/met/", COORDINATION
    ),
    Case(
        "application_accept",
        "post",
        lambda w, a: f"/fr/recruiting/application/{a}/accept/",
        COORDINATION,
    ),
    Case(
        "application_decline",
        "post",
        lambda w, a: f"/fr/recruiting/application/{a}/decline/",
        COORDINATION,
    ),
    Case(
        "application_invite",
        "post",
        lambda w, a: f"/fr/recruiting/application/{a}/invite/",
        COORDINATION,
    ),
    Case("poster", "get", lambda w, a: f"/fr/recruiting/network/{w.network_a.pk}/poster/", POSTER),
    Case(
        "poster_pdf",
        "get",
        lambda w, a: f"/fr/recruiting/network/{w.network_a.pk}/poster.pdf",
        POSTER,
    ),
]


def test_every_staff_recruiting_url_has_a_case_here() -> None:
    declared = {pattern.name for pattern in get_resolver("recruitment.staff_urls").url_patterns}
    assert declared == {case.name for case in CASES}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_who_may_open_each_recruiting_page(world: World, case: Case, role: str) -> None:
    application = make_application(world.network_a, name="Nadia Confidentielle")
    client = world.client_for(role)
    response = getattr(client, case.method)(case.path(world, application.pk))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/fr/account/login/")
    elif role in case.allowed:
        assert response.status_code in (200, 302), response.status_code
    else:
        assert response.status_code == 404
        body = response.content.decode(errors="replace")
        assert "Nadia" not in body and "Réseau Alpha" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/fr/recruiting/application/999999/",
        "/fr/recruiting/network/999999/applications/",
        "/fr/recruiting/network/999999/helpers/",
        "/fr/recruiting/network/999999/poster/",
        "/fr/recruiting/profile/999999/",
    ],
)
def test_a_record_that_does_not_exist_is_not_found_even_for_the_administrator(
    world: World, path: str
) -> None:
    assert world.client_for("admin").get(path).status_code == 404


def test_a_coordinator_of_another_network_cannot_act_on_an_application(world: World) -> None:
    application = make_application(world.network_a)
    client = world.client_for("coordinator_b")
    for step in ("met", "accept", "decline"):
        response = client.post(f"/fr/recruiting/application/{application.pk}/{step}/")
        assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == application.Status.NEW


def test_the_review_steps_refuse_a_get(world: World) -> None:
    application = make_application(world.network_a)
    client = world.client_for("coordinator_a")
    response = client.get(f"/fr/recruiting/application/{application.pk}/accept/")
    assert response.status_code == 405
    application.refresh_from_db()
    assert application.status == application.Status.NEW
