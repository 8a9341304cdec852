"""Reports that cannot be subtracted: drafts of periods that partly overlap, a total hidden to
protect one small cell, and two freezes of one report at the same moment."""

import threading
from unittest import mock

import pytest
from django.db import OperationalError, connection
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from reports.disclosure import Equation, Status, determined, protect
from reports.models import Report
from reports.tests.world import (
    YEAR,
    World,
    sheets,
    world_fixture,  # noqa: F401 (the `world` fixture)
)


def draft(world: World, first: str, last: str, client: object = None) -> object:
    url = f"/en/reports/network/{world.network_a.pk}/draft/?start={first}&end={last}"
    return (client or world.client_for("coordinator_a")).get(url)


def test_a_draft_that_partly_overlaps_a_draft_shown_before_is_refused(world: World) -> None:
    for month in range(1, 6):
        sheets(world.network_a, 8, month=month)
    sheets(world.network_a, 1, month=6, contact_type="phone")
    assert draft(world, f"{YEAR}-01", f"{YEAR}-05").status_code == 200
    assert draft(world, f"{YEAR}-01", f"{YEAR}-05").status_code == 200  # the same: fine
    client = world.client_for("coordinator_a")
    response = draft(world, f"{YEAR}-01", f"{YEAR}-06", client)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "overlaps, without being the same, a period already shown" in page
    # Nor can it be frozen, which would show it too.
    response = world.client_for("coordinator_a").post(
        f"/en/reports/network/{world.network_a.pk}/freeze/",
        {"start": f"{YEAR}-01", "end": f"{YEAR}-06"},
    )
    assert response.status_code == 302 and not Report.objects.exists()
    # A separate period is fine.
    assert draft(world, f"{YEAR}-07", f"{YEAR}-12").status_code == 200


def test_the_previous_period_is_not_compared_when_it_partly_overlaps_one_shown(
    world: World,
) -> None:
    sheets(world.network_a, 9, month=8, year=YEAR - 1)
    sheets(world.network_a, 1, month=7, year=YEAR - 1)
    sheets(world.network_a, 12, month=3)
    assert draft(world, f"{YEAR - 1}-08", f"{YEAR - 1}-12").status_code == 200
    # Jan-Jun's previous period is Jul-Dec of the year before: 10, minus Aug-Dec's 9.
    html = draft(world, f"{YEAR}-01", f"{YEAR}-06").content.decode()
    assert "compared with" not in html


def test_the_total_is_never_hidden_to_protect_one_small_month(world: World) -> None:
    """31 interventions, k = 6: five months of 6 and one of 1. Every month of 6 hidden would
    still give the 1 away (31 - 5 x 6); the months are withheld, the total stays."""
    world.network_a.report_threshold = 6
    world.network_a.save()
    for month, count in zip(range(1, 7), [6, 1, 6, 6, 6, 6], strict=True):
        sheets(world.network_a, count, month=month)
    html = draft(world, f"{YEAR}-01", f"{YEAR}-06").content.decode()
    assert "Fewer than 6 interventions" not in html
    assert "<strong>31</strong>" in html.replace("\n", "").replace(" ", "")


@st.composite
def small_table(draw: st.DrawFn) -> tuple[dict, list[Equation], int]:
    """A total and one to three one-way tables of two to six cells, each adding up to it."""
    k = draw(st.integers(3, 8))
    total = draw(st.integers(0, 40))
    values: dict = {("total",): total}
    equations = []
    for t in range(draw(st.integers(1, 3))):
        size = draw(st.integers(2, 6))
        cuts = sorted(draw(st.lists(st.integers(0, total), min_size=size - 1, max_size=size - 1)))
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        keys = tuple((f"t{t}", c) for c in range(size))
        values.update(zip(keys, parts, strict=True))
        equations.append(Equation(("total",), keys))
    return values, equations, k


@hypothesis_settings(max_examples=300, deadline=None)
@given(small_table())
def test_the_total_is_kept_and_nothing_suppressed_can_be_subtracted(
    table: tuple[dict, list[Equation], int],
) -> None:
    values, equations, k = table
    statuses = protect(values, equations, k, keep={("total",)})
    if values[("total",)] >= k:
        assert statuses[("total",)] == Status.PUBLISHED
    assert not any(s == Status.PUBLISHED and 0 < values[c] < k for c, s in statuses.items())
    assert determined(values, statuses, equations, k) == set()


def freeze_url(world: World) -> str:
    return f"/en/reports/network/{world.network_a.pk}/freeze/"


def test_a_locked_database_while_freezing_is_a_clear_answer_not_a_500(world: World) -> None:
    sheets(world.network_a, 20)
    client = world.client_for("coordinator_a")
    locked = OperationalError("database is locked")
    with mock.patch("reports.actions.Report.objects.create", side_effect=locked):
        response = client.post(freeze_url(world), {"start": f"{YEAR}-01", "end": f"{YEAR}-12"})
    assert response.status_code == 302
    assert "Try again in a moment" in client.get(response["Location"]).content.decode()
    assert not Report.objects.exists()


def test_freezing_again_answers_already_frozen(world: World) -> None:
    sheets(world.network_a, 20)
    client = world.client_for("coordinator_a")
    period = {"start": f"{YEAR}-01", "end": f"{YEAR}-12"}
    first = client.post(freeze_url(world), period)
    second = client.post(freeze_url(world), period)
    assert second["Location"] == first["Location"]
    assert "already frozen. Here it is." in client.get(second["Location"]).content.decode()
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_freezes_make_one_report_and_no_500(world: World) -> None:
    sheets(world.network_a, 20)
    clients = [world.client_for("coordinator_a") for _ in range(4)]
    start = threading.Barrier(len(clients))
    responses: list = []

    def freeze(client: object) -> None:
        from django.db import connection as own

        try:
            start.wait()
            period = {"start": f"{YEAR}-01", "end": f"{YEAR}-12"}
            responses.append(client.post(freeze_url(world), period))
        finally:
            own.close()

    threads = [threading.Thread(target=freeze, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [r.status_code for r in responses] == [302] * len(clients), connection.vendor
    report = Report.objects.get()
    assert {r["Location"] for r in responses} == {f"/en/reports/{report.pk}/"}
