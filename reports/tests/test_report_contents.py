"""What a report holds besides its tables: helper hours against authorised hours, the helpers'
training, the feedback average (only when at least k answered), the comparison with a previous
period (never one that overlaps a frozen report), and a clear answer when PDFs cannot be made."""

import datetime

import pytest

from audit.models import AuditEvent
from reports.actions import build_network_report, freeze_report
from reports.periods import Period
from reports.tests.world import (
    YEAR,
    World,
    sheets,
    world_fixture,  # noqa: F401 (the `world` fixture)
)
from support.models import Feedback


def feedback(world: World, count: int, helpful: str = "yes") -> None:
    Feedback.objects.bulk_create(
        Feedback(
            network=world.network_a,
            month=datetime.date(YEAR, 5, 1),
            helpful=helpful,
            would_recommend="yes",
            got_resource="partly",
        )
        for _ in range(count)
    )


def test_helper_hours_are_set_beside_the_hours_authorised(world: World) -> None:
    # 20 sheets of 1 to 2 hours count 90 minutes each: 30 hours. One active helper authorised
    # 60 minutes a week for a year of 365 days: 52 hours.
    sheets(world.network_a, 20, time_band="1_to_2_hours")
    report = freeze_report(world.network_a, Period.year(YEAR), None)
    assert report.published["helper_hours"] == 30
    assert report.published["authorised_hours"] == 52
    html = world.client_for("coordinator_a").get(f"/en/reports/{report.pk}/").content.decode()
    assert "<dd>30</dd>" in html and "<dd>52</dd>" in html


def test_the_report_tells_the_helpers_training(world: World) -> None:
    sheets(world.network_a, 6)
    report = freeze_report(world.network_a, Period.year(YEAR), None)
    assert report.counts["helpers"]["training"] == {"none": 0, "registered": 0, "trained": 1}
    html = world.client_for("coordinator_a").get(f"/en/reports/{report.pk}/").content.decode()
    assert "1 active peer helper" in html and "Trained: 1" in html


def test_a_network_with_few_interventions_shows_no_hours(world: World) -> None:
    sheets(world.network_a, 3, time_band="over_2_hours")
    built = build_network_report(world.network_a, Period.year(YEAR))
    assert built.published["too_small"] and built.published["helper_hours"] is None


@pytest.mark.parametrize(("answers", "shown"), [(4, False), (5, True)])
def test_the_feedback_average_needs_at_least_k_answers(
    world: World, answers: int, shown: bool
) -> None:
    sheets(world.network_a, 10)
    feedback(world, answers - 1)
    feedback(world, 1, helpful="no")
    report = freeze_report(world.network_a, Period.year(YEAR), None)
    shares = report.published["feedback"]["shares"]
    html = world.client_for("employer_a" if shown else "coordinator_a")
    if shown:
        assert shares == {"helpful": 80, "would_recommend": 100, "got_resource": 50}
    else:
        assert shares is None
        assert report.published["feedback"]["answers"] == {"status": "small"}
        page = html.get(f"/en/reports/{report.pk}/").content.decode()
        assert "Fewer than 5 people answered" in page


def test_no_comparison_with_a_period_that_overlaps_a_frozen_report(world: World) -> None:
    # A frozen report of the whole previous year exists; the previous period of a half-year
    # draft is the previous half-year, which overlaps it: subtracting would show its other half.
    sheets(world.network_a, 30, year=YEAR - 1, month=3)
    sheets(world.network_a, 30, year=YEAR - 1, month=9)
    sheets(world.network_a, 12, year=YEAR, month=3)
    freeze_report(world.network_a, Period.year(YEAR - 1), None)
    first_half = Period.of_months(datetime.date(YEAR, 1, 1), datetime.date(YEAR, 6, 1))
    assert first_half.previous().overlaps(Period.year(YEAR - 1))
    built = build_network_report(world.network_a, first_half)
    assert built.previous is None
    html = (
        world.client_for("coordinator_a")
        .get(f"/en/reports/network/{world.network_a.pk}/draft/?start={YEAR}-01&end={YEAR}-06")
        .content.decode()
    )
    assert "compared with" not in html and "Change from the previous period" not in html


def test_reading_a_report_leaves_an_audit_event_without_its_content(world: World) -> None:
    sheets(world.network_a, 7)
    report = freeze_report(world.network_a, Period.year(YEAR), None)
    world.client_for("coordinator_a").get(f"/en/reports/{report.pk}/report.csv")
    event = AuditEvent.objects.get(action="report.viewed")
    assert (event.object_type, event.object_id) == ("reports.report", str(report.pk))


def test_the_pdf_says_so_clearly_when_the_server_cannot_make_pdfs(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pango(html: str, stylesheet: str) -> bytes:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr("reports.exports.html_to_pdf", no_pango)
    sheets(world.network_a, 7)
    report = freeze_report(world.network_a, Period.year(YEAR), None)
    response = world.client_for("coordinator_a").get(f"/en/reports/{report.pk}/report.pdf")
    assert response.status_code == 503
    assert "cannot make PDF files" in response.content.decode()
