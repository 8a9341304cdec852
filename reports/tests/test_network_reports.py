"""A network's report through the real URLs: the draft, freezing, the frozen page, its PDF and
CSV, submission, and who may read what."""

import datetime
import re
import shutil
import subprocess

import pytest
from django.core import mail

from audit.models import AuditEvent
from conftest import skip_or_fail
from reports.actions import build_network_report, freeze_report
from reports.models import FrozenReportChanged, Report
from reports.periods import Period
from reports.tests.world import (
    YEAR,
    World,
    sheets,
    world_fixture,  # noqa: F401 (the `world` fixture)
)

YEAR_QUERY = f"?start={YEAR}-01&end={YEAR}-12"


def draft_url(world: World) -> str:
    return f"/en/reports/network/{world.network_a.pk}/draft/{YEAR_QUERY}"


def typical_year(world: World) -> None:
    """20 interventions: 17 in person and 3 by phone (a small count); topics grief 20 and
    money 2 (small); 2 referrals to the EAP (small)."""
    sheets(world.network_a, 2, month=3, topics=("grief", "money"), referrals=("eap",))
    sheets(world.network_a, 12, month=3, topics=("grief",))
    sheets(world.network_a, 3, month=4, topics=("grief",))
    sheets(world.network_a, 3, month=4, contact_type="phone", topics=("grief",))


def frozen(world: World) -> Report:
    return freeze_report(world.network_a, Period.year(YEAR), world.people["coordinator_a"].user)


def test_the_draft_shows_counts_with_small_ones_as_fewer_than_k(world: World) -> None:
    typical_year(world)
    response = world.client_for("coordinator_a").get(draft_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This is a draft" in html
    assert re.search(r"<strong>\s*20\s*</strong>", html)
    money_row = re.search(r"<th scope=\"row\">Money</th><td>(.*?)</td>", html).group(1)
    assert "&lt; 5" in money_row
    phone_row = re.search(r"<th scope=\"row\">By phone</th><td>(.*?)</td>", html).group(1)
    assert "&lt; 5" in phone_row
    # In person (17) would give phone away as 20 - 17: it is hidden too.
    in_person_row = re.search(r"<th scope=\"row\">In person</th><td>(.*?)</td>", html).group(1)
    assert "17" not in in_person_row and "—" in in_person_row
    assert "<svg" in html and 'aria-hidden="true"' in html
    assert AuditEvent.objects.filter(action="report.previewed").count() == 1


def test_a_network_with_fewer_than_k_interventions_shows_only_its_total(world: World) -> None:
    sheets(world.network_a, 4, topics=("gambling",))
    html = world.client_for("coordinator_a").get(draft_url(world)).content.decode()
    assert "Fewer than 5 interventions were recorded" in html
    assert "gambling" not in html.lower().split("<h2>interventions</h2>")[-1]
    built = build_network_report(world.network_a, Period.year(YEAR))
    assert built.published["too_small"] and built.published["total"] == {"status": "small"}
    assert all(
        cell["status"] == "withheld"
        for table in built.published["tables"].values()
        for cell in table.values()
    )


def test_an_empty_period_says_so(world: World) -> None:
    html = world.client_for("coordinator_a").get(draft_url(world)).content.decode()
    assert "No intervention was recorded in this period." in html


def test_a_bad_period_is_a_clear_error_not_a_crash(world: World) -> None:
    client = world.client_for("coordinator_a")
    for query in ["?start=2026-13&end=2026-12", "?start=2026-05&end=2026-01", "?start=x", ""]:
        response = client.get(f"/en/reports/network/{world.network_a.pk}/draft/{query}")
        assert response.status_code == 400, query
        assert "Build a report" in response.content.decode()


def test_freezing_keeps_the_counts_and_what_may_be_shown(world: World) -> None:
    typical_year(world)
    client = world.client_for("coordinator_a")
    response = client.post(
        f"/en/reports/network/{world.network_a.pk}/freeze/",
        {"start": f"{YEAR}-01", "end": f"{YEAR}-12"},
    )
    report = Report.objects.get()
    assert response["Location"] == f"/en/reports/{report.pk}/"
    assert report.counts["total"] == 20 and report.counts["tables"]["contact_type"]["phone"] == 3
    assert report.published["tables"]["contact_type"]["phone"] == {"status": "small"}
    assert report.published["total"] == {"status": "published", "value": 20}
    assert report.threshold == 5 and report.frozen_by == world.people["coordinator_a"].user
    html = client.get(response["Location"]).content.decode()
    assert "this report never changes" in html and "Submit the report" in html


def test_a_frozen_report_never_changes(world: World) -> None:
    typical_year(world)
    report = frozen(world)
    client = world.client_for("coordinator_a")
    before = client.get(f"/en/reports/{report.pk}/").content.decode()
    sheets(world.network_a, 30, month=5, contact_type="phone")
    world.network_a.report_threshold = 10
    world.network_a.save()
    after = client.get(f"/en/reports/{report.pk}/").content.decode()
    assert re.findall(r"<td>.*?</td>", before) == re.findall(r"<td>.*?</td>", after)
    report.threshold = 7
    with pytest.raises(FrozenReportChanged):
        report.save()


def test_periods_that_overlap_a_frozen_report_are_refused(world: World) -> None:
    typical_year(world)
    report = frozen(world)
    client = world.client_for("coordinator_a")
    base = f"/en/reports/network/{world.network_a.pk}"
    response = client.post(f"{base}/freeze/", {"start": f"{YEAR}-06", "end": f"{YEAR + 1}-01"})
    assert response.status_code == 302 and Report.objects.count() == 1
    assert "overlaps a report already frozen" in client.get(response["Location"]).content.decode()
    response = client.get(f"{base}/draft/?start={YEAR}-03&end={YEAR}-04")
    assert response.status_code == 302 and Report.objects.count() == 1
    assert client.get(f"{base}/draft/{YEAR_QUERY}")["Location"] == f"/en/reports/{report.pk}/"


@pytest.mark.parametrize("months_ago", [0, 1])
def test_a_period_of_open_months_has_no_draft_and_cannot_be_frozen(
    world: World, months_ago: int
) -> None:
    month = datetime.date.today().replace(day=1)
    for _ in range(months_ago):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    client = world.client_for("coordinator_a")
    query = {"start": f"{month:%Y-%m}", "end": f"{month:%Y-%m}"}
    draft = client.get(f"/en/reports/network/{world.network_a.pk}/draft/", query)
    assert draft.status_code == 302
    assert "not closed yet" in client.get(draft["Location"]).content.decode()
    response = client.post(f"/en/reports/network/{world.network_a.pk}/freeze/", query)
    assert response.status_code == 302 and not Report.objects.exists()


def test_the_report_compares_with_the_previous_period(world: World) -> None:
    sheets(world.network_a, 12, year=YEAR - 1, topics=("grief",))
    sheets(world.network_a, 20, year=YEAR, topics=("grief",))
    report = frozen(world)
    assert report.published["previous"]["total"]["value"] == 12
    html = world.client_for("coordinator_a").get(f"/en/reports/{report.pk}/").content.decode()
    assert "(+8 compared with" in html
    grief = re.search(r"<th scope=\"row\">Grief</th><td>20</td><td>(.*?)</td>", html).group(1)
    assert grief == "+8"


def test_submitting_tells_the_liaison_and_the_representative_without_content(
    world: World,
) -> None:
    typical_year(world)
    report = frozen(world)
    client = world.client_for("coordinator_a")
    assert client.post(f"/en/reports/{report.pk}/submit/").status_code == 302
    report.refresh_from_db()
    assert report.is_submitted
    (email,) = mail.outbox
    assert sorted(email.to) == ["liaison_a@reports.test", "rep_m@reports.test"]
    assert f"/en/reports/{report.pk}/" in email.body or f"/fr/reports/{report.pk}/" in email.body
    assert "20" not in email.body.replace(str(report.pk), "")
    client.post(f"/en/reports/{report.pk}/submit/")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("coordinator_a", 200, 200),
        ("admin", 200, 200),
        ("liaison_a", 404, 200),
        ("rep_m", 404, 200),
        ("rep_q", 404, 404),
        ("employer_a", 404, 404),
        ("helper_a", 404, 404),
        ("coordinator_b", 404, 404),
    ],
)
def test_who_reads_a_report_before_and_after_it_is_submitted(
    world: World, name: str, before: int, after: int
) -> None:
    typical_year(world)
    report = frozen(world)
    client = world.client_for(name)
    for suffix in ["", "report.csv"]:
        assert client.get(f"/en/reports/{report.pk}/{suffix}").status_code == before
    world.client_for("coordinator_a").post(f"/en/reports/{report.pk}/submit/")
    for suffix in ["", "report.csv"]:
        assert client.get(f"/en/reports/{report.pk}/{suffix}").status_code == after


@pytest.mark.parametrize("name", ["liaison_a", "rep_m", "employer_a", "helper_a"])
def test_only_the_coordinator_builds_and_freezes(world: World, name: str) -> None:
    client = world.client_for(name)
    assert client.get(draft_url(world)).status_code == 404
    response = client.post(
        f"/en/reports/network/{world.network_a.pk}/freeze/",
        {"start": f"{YEAR}-01", "end": f"{YEAR}-12"},
    )
    assert response.status_code == 404 and not Report.objects.exists()


def test_the_csv_shows_what_the_page_shows(world: World) -> None:
    typical_year(world)
    report = frozen(world)
    response = world.client_for("coordinator_a").get(f"/en/reports/{report.pk}/report.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Contact,By phone,< 5," in text
    assert "Contact,In person,—," in text
    assert "Total,Interventions,20," in text


def test_the_pdf_holds_the_same_numbers(world: World) -> None:
    try:
        import weasyprint  # noqa: F401
    except OSError:
        skip_or_fail("WeasyPrint needs Pango (apt-get install libpango-1.0-0 libpangoft2-1.0-0)")
    if not shutil.which("pdftotext"):
        skip_or_fail("pdftotext is not installed (apt-get install poppler-utils)")
    typical_year(world)
    report = frozen(world)
    response = world.client_for("coordinator_a").get(f"/en/reports/{report.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "< 5" in text and "20" in text and "Network Alpha" in text


def test_the_report_is_in_french_too(world: World) -> None:
    typical_year(world)
    report = frozen(world)
    html = world.client_for("coordinator_a").get(f"/fr/reports/{report.pk}/").content.decode()
    assert "Rapport" in html and "Interventions" in html
