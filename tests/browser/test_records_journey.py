"""In a real headless Chromium: a peer helper records a reporting sheet on a phone, with the
keyboard only; the coordinator builds, freezes and submits the network's report; the regional
representative reads it."""

import datetime

import pytest
from playwright.sync_api import expect

from conftest import signed_in_context
from records.models import Intervention
from reports.models import Report
from reports.tests.world import YEAR, person, sheets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_sheet_on_a_phone_then_a_report_frozen_submitted_and_read(
    browser: object, live_server: object
) -> None:
    from networks.models import Network, Organization, Role
    from regions.models import RegionalCouncil

    council = RegionalCouncil.objects.create(slug="j", name_fr="Conseil J", name_en="Council J")
    union = Organization.objects.create(name="Union J", kind=Organization.Kind.UNION_LOCAL)
    network = Network.objects.create(
        name="Network Journey", kind=Network.Kind.UNION_ONLY, council=council, union=union
    )
    helper = person("journey_helper", Role.HELPER, network)
    coordinator = person("journey_coordinator", Role.COORDINATOR, network)
    rep = person("journey_rep", Role.REGIONAL_REP, council=council)

    phone = signed_in_context(
        browser, live_server, helper.user, viewport={"width": 360, "height": 640}
    )
    page = phone.new_page()
    page.goto(f"{live_server.url}/en/records/sheets/")
    page.get_by_role("link", name="Record an intervention").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("By phone").check()
    page.get_by_label("The helper noticed").check()
    page.get_by_label("Workload and work organisation", exact=False).first.focus()
    page.keyboard.press("Space")
    page.get_by_label("15 to 30 minutes").check()
    page.get_by_label("The employee assistance program (EAP)", exact=False).check()
    page.get_by_role("button", name="Save the sheet").press("Enter")
    expect(page.locator(".messages")).to_contain_text("The sheet is recorded")
    sheet = Intervention.objects.get()
    assert (sheet.contact_type, sheet.initiated_by, sheet.time_band) == (
        "phone",
        "helper",
        "15_to_30",
    )
    assert sheet.topic_values() == ["workload"] and sheet.referral_values() == ["eap"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the sheet must fit a phone without sideways scrolling"
    phone.close()

    sheets(network, 9, year=YEAR, topics=("grief",))
    sheets(network, 3, year=YEAR, topics=("money",), contact_type="phone")
    desk = signed_in_context(browser, live_server, coordinator.user)
    page = desk.new_page()
    page.goto(f"{live_server.url}/en/reports/network/{network.pk}/")
    page.get_by_label("First month").fill(f"{YEAR}-01")
    page.get_by_label("Last month").fill(f"{YEAR}-12")
    page.get_by_role("button", name="See the draft").click()
    expect(page.locator("h1")).to_contain_text("Report")
    expect(page.locator(".report-total")).to_contain_text("12")
    assert page.locator("svg.chart").count() >= 5
    page.get_by_role("button", name="Freeze this report").click()
    expect(page.locator(".messages")).to_contain_text("The report is frozen")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.locator(".messages")).to_contain_text("The report is submitted")
    desk.close()

    report = Report.objects.get()
    assert report.is_submitted and report.period_start == datetime.date(YEAR, 1, 1)
    reader = signed_in_context(browser, live_server, rep.user)
    page = reader.new_page()
    page.goto(f"{live_server.url}/fr/reports/council/{council.pk}/?year={YEAR}")
    expect(page.locator(".report-total")).to_contain_text("12")
    page.goto(f"{live_server.url}/en/reports/{report.pk}/")
    money = page.locator("tr", has=page.get_by_role("rowheader", name="Money", exact=True))
    expect(money.first).to_contain_text("< 5")
    reader.close()
