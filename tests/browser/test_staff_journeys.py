"""Staff journeys in a real headless Chromium: an invitation from the coordinator's sign-in to
the new helper's signed pledge, and axe-core on every staff page in French and English."""

import base64
import datetime
import re

import pytest
from django.core import mail
from django_otp.oath import totp
from playwright.sync_api import expect

from conftest import make_staff_user, signed_in_context
from networks.models import Membership, Network, Organization, Role
from regions.models import RegionalCouncil
from tests.test_authorization import RULES, records_of_network_a, sample_url, walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long test passphrase"


@pytest.fixture
def network(reference_data: None) -> Network:
    council = RegionalCouncil.objects.get(slug="montreal-metropolitain")
    union = Organization.objects.create(name="Local 7", kind=Organization.Kind.UNION_LOCAL)
    employer = Organization.objects.create(name="Employer 7", kind=Organization.Kind.EMPLOYER)
    return Network.objects.create(
        name="Réseau Oméga",
        kind=Network.Kind.JOINT,
        council=council,
        union=union,
        employer=employer,
    )


def code_for(device: object) -> str:
    return f"{totp(device.bin_key):06d}"


def test_a_coordinator_invites_a_helper_who_joins_and_signs_the_pledge(
    browser: object, live_server: object, network: Network
) -> None:
    coordinator = make_staff_user("coordo@journey.test", "Colette", password=PASSWORD)
    Membership.objects.create(user=coordinator, role=Role.COORDINATOR, network=network)
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/en/account/login/")
    page.get_by_label("Email").fill("coordo@journey.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Code").fill(code_for(coordinator.totpdevice_set.get()))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_contain_text("Hello, Colette")

    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("Email of the person to invite").fill("new.helper@journey.test")
    page.get_by_label("Role").select_option(Role.HELPER)
    page.get_by_label("Network").select_option(str(network.pk))
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".messages")).to_be_visible()
    link = re.search(r"https?://\S+/account/invitation/\S+/", mail.outbox[-1].body).group(0)
    context.close()

    context = browser.new_context()
    page = context.new_page()
    page.goto(link.replace("/fr/", "/en/"))
    page.get_by_label("First name or pseudonym").fill("Noé")
    page.locator("#id_password1").fill("another long passphrase 42")
    page.get_by_label("Password again").fill("another long passphrase 42")
    page.get_by_role("button", name="Create my account").click()
    secret = page.locator("code").first.inner_text().replace(" ", "")
    page.get_by_label("Code shown by the app").fill(f"{totp(base64.b32decode(secret)):06d}")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("h1")).to_contain_text("recovery codes", ignore_case=True)
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page.locator("h1")).to_contain_text("Hello, Noé")
    assert "Réseau Oméga" in page.content()

    page.get_by_role("link", name="Read and sign the pledge").click()
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Sign the pledge").click()
    page.goto(f"{live_server.url}/en/account/")
    assert "Read and sign the pledge" not in page.content()
    membership = Membership.objects.get(user__email="new.helper@journey.test")
    assert membership.role == Role.HELPER and membership.helper_profile.has_signed_pledge
    context.close()


def test_every_staff_page_passes_axe_in_french_and_english(
    browser: object, live_server: object, network: Network
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    admin = make_staff_user("admin@axe.test", "Ada")
    Membership.objects.create(user=admin, role=Role.ADMIN)
    helper = make_staff_user("helper@axe.test", "Hugo")
    helper_membership = Membership.objects.create(user=helper, role=Role.HELPER, network=network)
    world = {
        "network_a": network,
        "people": {"helper_a": helper_membership},
        "extra_values": records_of_network_a(network, admin, helper_membership),
    }
    skipped = {"accounts:login_code", "accounts:enrol", "recruitment:poster_pdf"}
    # Files, a fragment polled by the inbox page (checked inside it), a page needing a query.
    skipped |= {"reports:report_pdf", "reports:report_csv", "support:inbox_partial"}
    skipped |= {"support:conversation_messages"}  # polled by the conversation page
    skipped |= {"reports:draft"}
    pages = []
    for name, route in walk_html_routes():
        if name in skipped or not route.startswith("fr/"):
            continue
        allowed = RULES[name].allowed
        who = admin if "admin" in allowed else helper if "helper_a" in allowed else None
        pages.append((who, sample_url(route, world)))
    year = datetime.date.today().year - 1
    pages.append((admin, f"/fr/reports/network/{network.pk}/draft/?start={year}-01&end={year}-06"))
    axe = Axe()
    problems = []
    for user in (admin, helper, None):
        context = signed_in_context(browser, live_server, user) if user else browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on(
            "console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None
        )
        for who, url in pages:
            if who != user:
                continue
            for language_url in (url, url.replace("/fr/", "/en/", 1)):
                response = page.goto(live_server.url + language_url)
                if response.status != 200:
                    problems.append(f"{language_url}: HTTP {response.status}")
                    continue
                results = axe.run(page)
                if results.violations_count:
                    problems.append(f"{language_url}:\n{results.generate_report()}")
        problems += [f"console: {error}" for error in errors]
        context.close()
    assert not problems, "\n\n".join(problems)


def walk_html_routes() -> list[tuple[str, str]]:
    from django.urls import get_resolver

    return [
        (name, route)
        for name, route in walk(get_resolver())
        if RULES[name].method == "get" and not route.startswith("api/")
    ]
