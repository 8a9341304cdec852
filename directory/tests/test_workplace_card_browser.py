"""On a phone, a search for the EAP or the union leads to the workplace finder."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_searching_for_their_eap_is_led_to_find_their_workplace(
    phone: object, live_server, reference_data: None
) -> None:
    phone.goto(live_server.url + "/fr/directory/")
    phone.locator("#id_q").press_sequentially("PAE", delay=30)
    card = phone.locator("#results .workplace")
    expect(card).to_be_visible()
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    card.get_by_role("link").click()
    phone.wait_for_url(live_server.url + "/fr/help/")


def test_the_results_with_the_workplace_card_pass_axe_in_french_and_english(
    page: object, live_server, reference_data: None
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    for language in ("fr", "en"):
        page.goto(f"{live_server.url}/{language}/directory/")
        page.locator("#id_q").fill("mon boss me harcele")
        page.locator("#search-form button[type=submit]").click()
        page.locator("#results .workplace").wait_for()
        page.locator("#results .results h3").first.wait_for()
        results = axe.run(page, context="#results")  # the page around it has its own axe test
        if results.violations_count:
            problems.append(f"/{language}/directory/ results:\n{results.generate_report()}")
    assert not problems, "\n\n".join(problems)
