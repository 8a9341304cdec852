import datetime
from unittest import mock

from django.test import Client
from django.utils import timezone

from accounts.tests.conftest import World
from accounts.tests.helpers import sign_in_through_pages


def at(minutes: int) -> mock._patch:
    """Runs what follows `minutes` from now, for the session store and everything else."""
    return mock.patch(
        "django.utils.timezone.now",
        return_value=timezone.now() + datetime.timedelta(minutes=minutes),
    )


def test_a_session_idle_for_more_than_60_minutes_must_sign_in_again(world: World) -> None:
    client = Client()
    sign_in_through_pages(client, world["coordinator_a"])
    assert client.get("/en/account/").status_code == 200
    with at(61):
        response = client.get("/en/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


def test_activity_keeps_a_session_alive_past_60_minutes(world: World) -> None:
    client = Client()
    sign_in_through_pages(client, world["coordinator_a"])
    for minutes in (45, 90, 135):  # never more than 45 minutes apart
        with at(minutes):
            assert client.get("/en/account/").status_code == 200
