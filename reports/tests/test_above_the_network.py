"""Figures above the network, through the real URLs: the council report and its trend, the
province's figures, the employer page and the business case. All come from submitted frozen
reports; none shows a small count or lets one be worked out."""

from decimal import Decimal

import pytest

from reports.actions import build_council_report, freeze_report, submit_report
from reports.models import BusinessCase, Report
from reports.periods import Period
from reports.tests.world import (
    YEAR,
    World,
    sheets,
    world_fixture,  # noqa: F401 (the `world` fixture)
)


def submitted(world: World, network: object, year: int = YEAR) -> Report:
    report = freeze_report(network, Period.year(year), None)
    submit_report(report, None)
    report.refresh_from_db()
    return report


def test_the_council_report_sums_the_submitted_reports_of_its_networks(world: World) -> None:
    sheets(world.network_a, 12, topics=("grief",))
    sheets(world.network_b, 9, topics=("grief",))
    sheets(world.network_c, 30, topics=("grief",))  # another council
    submitted(world, world.network_a)
    submitted(world, world.network_b)
    freeze_report(world.network_a, Period.year(YEAR + 1), None)  # frozen, never submitted
    html = world.client_for("rep_m").get(f"/en/reports/council/{world.network_a.council_id}/")
    assert html.status_code == 200
    page = html.content.decode()
    assert "Built from 2 submitted reports" in page
    figures = build_council_report(world.network_a.council, YEAR)
    assert figures.published["total"] == {"status": "published", "value": 21}
    assert figures.published["tables"]["topic"]["grief"] == {"status": "published", "value": 21}


def test_a_council_cell_that_would_give_away_a_networks_small_count_is_hidden(
    world: World,
) -> None:
    # Network A: 3 gambling (shown "< 5"); network B: 8 gambling (shown). A council cell of 11
    # would give A's 3 away by subtracting.
    sheets(world.network_a, 3, topics=("gambling",))
    sheets(world.network_a, 9, topics=("grief",))
    sheets(world.network_b, 8, topics=("gambling",))
    a, b = submitted(world, world.network_a), submitted(world, world.network_b)
    assert a.published["tables"]["topic"]["gambling"] == {"status": "small"}
    assert b.published["tables"]["topic"]["gambling"]["value"] == 8
    figures = build_council_report(world.network_a.council, YEAR)
    assert figures.published["tables"]["topic"]["gambling"]["status"] != "published"
    assert figures.published["tables"]["topic"]["grief"]["value"] == 9


def test_a_council_with_a_small_network_does_not_give_its_total_away(world: World) -> None:
    sheets(world.network_a, 20)
    sheets(world.network_b, 2)
    submitted(world, world.network_a)
    submitted(world, world.network_b)
    figures = build_council_report(world.network_a.council, YEAR)
    assert figures.published["total"]["status"] != "published"


def test_the_same_reports_give_the_same_council_report(world: World) -> None:
    sheets(world.network_a, 13, topics=("grief", "money"), contact_type="phone")
    sheets(world.network_b, 7, topics=("money",))
    submitted(world, world.network_a)
    submitted(world, world.network_b)
    first = build_council_report(world.network_a.council, YEAR).published
    assert build_council_report(world.network_a.council, YEAR).published == first


def test_the_council_page_shows_a_trend_over_the_years(world: World) -> None:
    sheets(world.network_a, 11, year=YEAR - 1)
    sheets(world.network_a, 14, year=YEAR)
    submitted(world, world.network_a, YEAR - 1)
    submitted(world, world.network_a, YEAR)
    page = world.client_for("rep_m").get(
        f"/en/reports/council/{world.network_a.council_id}/?year={YEAR - 1}"
    )
    html = page.content.decode()
    assert f'<th scope="row">{YEAR - 1}</th><td>11</td>' in html
    assert f'<th scope="row">{YEAR}</th><td>14</td>' in html


def test_a_council_page_without_reports_says_what_to_expect(world: World) -> None:
    html = world.client_for("rep_m").get(f"/en/reports/council/{world.network_a.council_id}/")
    assert "No network of the council has submitted a report yet." in html.content.decode()


@pytest.mark.parametrize(
    ("name", "status"),
    [("rep_m", 200), ("admin", 200), ("rep_q", 404), ("coordinator_a", 404), ("employer_a", 404)],
)
def test_only_the_councils_representatives_read_its_report(
    world: World, name: str, status: int
) -> None:
    url = f"/en/reports/council/{world.network_a.council_id}/?year=oops"
    assert world.client_for(name).get(url).status_code == status


def test_the_province_page_shows_each_council_and_hides_a_sum_that_gives_one_away(
    world: World,
) -> None:
    sheets(world.network_a, 20)
    sheets(world.network_c, 3)
    submitted(world, world.network_a)
    submitted(world, world.network_c)
    client = world.client_for("admin")
    html = client.get(f"/en/reports/province/?year={YEAR}").content.decode()
    assert "Council M" in html and "Council Q" in html
    assert "<td>20</td>" in html
    assert "<td>23</td>" not in html  # 23 - 20 would give Q's 3 away


@pytest.mark.parametrize("name", ["rep_m", "coordinator_a", "employer_a", "helper_a"])
def test_only_administrators_see_the_province(world: World, name: str) -> None:
    assert world.client_for(name).get("/en/reports/province/").status_code == 404


def test_the_employer_sees_totals_of_submitted_reports_only(world: World) -> None:
    sheets(world.network_a, 17, referrals=("eap",), topics=("domestic_violence",))
    sheets(world.network_a, 3, referrals=("doctor",), contact_type="phone")
    report = submitted(world, world.network_a)
    client = world.client_for("employer_a")
    html = client.get(f"/en/reports/network/{world.network_a.pk}/employer/").content.decode()
    assert "<td>20</td><td>17</td>" in html
    assert "domestic" not in html.lower()
    assert client.get(f"/en/reports/{report.pk}/").status_code == 404


def test_the_employer_page_exists_for_joint_networks_only(world: World) -> None:
    url = f"/en/reports/network/{world.network_b.pk}/employer/"
    assert world.client_for("admin").get(url).status_code == 404
    assert world.client_for("coordinator_b").get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("employer_a", 200),
        ("coordinator_a", 200),
        ("admin", 200),
        ("liaison_a", 404),
        ("helper_a", 404),
        ("rep_m", 404),
    ],
)
def test_who_sees_the_employer_page(world: World, name: str, status: int) -> None:
    url = f"/en/reports/network/{world.network_a.pk}/employer/"
    assert world.client_for(name).get(url).status_code == status
    url = f"/en/reports/network/{world.network_a.pk}/business-case/"
    assert world.client_for(name).get(url).status_code == status


def test_the_business_case_puts_costs_beside_use(world: World) -> None:
    sheets(world.network_a, 20, time_band="1_to_2_hours")  # 20 x 90 minutes = 30 hours
    submitted(world, world.network_a)
    client = world.client_for("employer_a")
    url = f"/en/reports/network/{world.network_a.pk}/business-case/"
    response = client.post(
        url,
        {
            "new_helpers_per_year": "2",
            "training_per_helper": "500",
            "certification_per_helper": "100",
            "supervision_per_year": "1000",
            "management_per_year": "2000",
            "travel_per_year": "300",
            "helper_hourly_cost": "40",
        },
    )
    assert response.status_code == 302
    case = BusinessCase.objects.get()
    assert case.training_costs == Decimal("1200")
    # 1200 + 1000 + 2000 + 300 over 12 months, plus 30 hours at 40 $.
    assert case.costs_for(12, Decimal(30)) == Decimal("5700.00")
    html = client.get(url).content.decode()
    assert "5700.00 $" in html and "285.00 $" in html  # 5700 / 20 interventions


def test_a_bad_business_case_input_is_explained_and_nothing_is_lost(world: World) -> None:
    url = f"/en/reports/network/{world.network_a.pk}/business-case/"
    response = world.client_for("employer_a").post(
        url, {"new_helpers_per_year": "-3", "training_per_helper": "lots", "travel_per_year": "12"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some answers need your attention" in html and 'value="12"' in html
    assert not BusinessCase.objects.exists()


def test_a_council_protects_a_network_that_publishes_with_a_higher_threshold(
    world: World,
) -> None:
    # B keeps counts under 8 hidden: its 6 gambling is "< 8", and the council (k = 8) must not
    # give it away as the council's cell minus A's published one.
    world.network_b.report_threshold = 8
    world.network_b.save()
    sheets(world.network_a, 9, topics=("gambling",))
    sheets(world.network_b, 6, topics=("gambling",))
    sheets(world.network_b, 10, topics=("grief",))
    submitted(world, world.network_a)
    b = submitted(world, world.network_b)
    assert b.published["tables"]["topic"]["gambling"] == {"status": "small"}
    figures = build_council_report(world.network_a.council, YEAR)
    assert figures.published["k"] == 8
    assert figures.published["tables"]["topic"]["gambling"]["status"] != "published"
