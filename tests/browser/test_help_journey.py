"""The heart of the product in a real headless Chromium: a worker asks for help from a phone,
keeps the six words, a helper signs in with two factors, accepts and replies, and the worker
comes back with the six words and reads the reply. A crisis message shows the crisis numbers
at once."""

import datetime

import pytest
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect

from conftest import make_staff_user
from networks.models import Membership, Network, Organization, Role
from recruitment.models import AvailabilitySlot, HelperProfile
from recruitment.pledge import CURRENT_PLEDGE_VERSION
from regions.models import RegionalCouncil

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long test passphrase"


@pytest.fixture
def network(reference_data: None) -> Network:
    council = RegionalCouncil.objects.get(slug="montreal-metropolitain")
    union = Organization.objects.create(name="Local 9", kind=Organization.Kind.UNION_LOCAL)
    network = Network.objects.create(
        name="Réseau Sigma", kind=Network.Kind.UNION_ONLY, council=council, union=union
    )
    helper = make_staff_user("helene@journey.test", "Hélène", password=PASSWORD)
    membership = Membership.objects.create(user=helper, role=Role.HELPER, network=network)
    profile = HelperProfile.objects.create(
        membership=membership,
        languages=["fr", "en"],
        pledge_version=CURRENT_PLEDGE_VERSION,
        pledge_signed_at=timezone.now(),
    )
    for day in range(7):
        AvailabilitySlot.objects.create(
            profile=profile, weekday=day, starts_at=datetime.time(0), ends_at=datetime.time(23, 59)
        )
    return network


def test_a_worker_asks_a_helper_replies_and_the_worker_reads_it(
    browser: object, live_server: object, network: Network
) -> None:
    person = browser.new_context(viewport={"width": 360, "height": 640})
    page = person.new_page()
    page.goto(f"{live_server.url}/en/help/{network.code.lower()}/")
    page.locator("input[name=language][value=en]").check()
    page.get_by_label("What would you like to talk about? (optional)").fill(
        "I need to talk about my workload."
    )
    page.get_by_role("button", name="Send my request").click()
    passphrase = page.locator("[data-passphrase]").inner_text()
    assert len(passphrase.split()) == 6
    assert person.cookies() == []
    person.close()

    helper = browser.new_context()
    page = helper.new_page()
    page.goto(f"{live_server.url}/en/account/login/")
    page.get_by_label("Email").fill("helene@journey.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    device = Membership.objects.get(user__email="helene@journey.test").user.totpdevice_set.get()
    page.get_by_label("Code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/en/support/")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator("main")).to_contain_text("I need to talk about my workload.")
    page.get_by_role("textbox").fill("Hello, I am here for you. When would you like to talk?")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator("main")).to_contain_text("Hello, I am here for you.")
    helper.close()

    person = browser.new_context(viewport={"width": 360, "height": 640})
    page = person.new_page()
    page.goto(f"{live_server.url}/en/help/conversation/")
    page.get_by_label("Your six words").fill(passphrase)
    page.get_by_role("button", name="Open my conversation").click()
    expect(page.locator("main")).to_contain_text("Hello, I am here for you.")
    assert page.url == f"{live_server.url}/en/help/conversation/"
    person.close()


def test_a_crisis_message_shows_the_crisis_numbers_at_once(
    browser: object, live_server: object, network: Network
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/help/{network.code}/")
    page.locator("textarea").fill("Je ne vois plus d'issue, je veux mourir ce soir.")
    page.get_by_role("button", name="Envoyer ma demande").click()
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    for href in ["tel:911", "tel:+18662773553", "sms:535353", "tel:988"]:
        link = alert.locator(f'a[href="{href}"]')
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 640 * 2, href
    assert page.locator("[data-passphrase]").count() == 1  # the request still went through
    context.close()
