"""The helper's inbox with urgent and empty offers, a conversation with the workplace's
resources, and the question before closing, in a real Chromium with axe-core."""

import pytest
from playwright.sync_api import expect

from conftest import signed_in_context
from networks.models import Membership, Network
from support.matching import start_matching
from support.tests.helper_world import make_eap, make_request
from tests.browser import test_help_journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
network = test_help_journey.network  # the same fixture: one helper, Hélène, always available


def test_the_inbox_a_conversation_and_closing_pass_axe_in_french_and_english(
    browser: object, live_server: object, network: Network
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    make_eap(network, "PAE Horizon", "1 800 555-0142")
    helper = Membership.objects.get(network=network)
    for request in (
        make_request(network, urgent=True, text="Je n'en peux plus."),
        make_request(network),
    ):
        start_matching(request)
    context = signed_in_context(browser, live_server, helper.user)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    axe, problems = Axe(), []

    def check(label: str) -> None:
        results = axe.run(page)
        if results.violations_count:
            problems.append(f"{label}:\n{results.generate_report()}")

    for language in ("fr", "en"):
        page.goto(f"{live_server.url}/{language}/support/")
        expect(page.locator("li.card.offer.urgent")).to_have_count(1)
        check(f"/{language}/support/ with offers")
    page.goto(f"{live_server.url}/en/support/")
    page.locator("li.card.offer.urgent").get_by_role("button", name="Accept").click()
    expect(page.locator("ol.chat li.theirs")).to_contain_text("Je n'en peux plus.")
    conversation_url = page.url
    for language in ("fr", "en"):
        page.goto(conversation_url.replace("/en/", f"/{language}/"))
        expect(page.locator("main")).to_contain_text("PAE Horizon")
        check(f"/{language}/ conversation")
        page.locator("form[action$='/close/'] button").click()
        expect(page.locator("h1")).to_be_visible()
        check(f"/{language}/ close confirmation")
    assert not problems, "\n\n".join(problems)
    assert not errors, errors
    context.close()
