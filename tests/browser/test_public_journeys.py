"""Journeys a person makes on the public pages, in a real headless Chromium."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from public.pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = "https://neutral.invalid/"
BEFORE = "https://before.invalid/"


def serve_fake_sites(page: object) -> None:
    """The neutral exit site and a site visited before ours, answered inside the browser."""
    for url, title in [(NEUTRAL, "Météo"), (BEFORE, "Before")]:
        page.route(
            url + "**",
            lambda route, title=title: route.fulfill(
                body=f"<title>{title}</title><p>{title}</p>", content_type="text/html"
            ),
        )


def test_the_crisis_numbers_show_without_scrolling_on_a_phone(phone: object, live_server) -> None:
    phone.goto(live_server.url + "/fr/")
    for href in ["tel:911", "tel:+18662773553", "sms:535353", "tel:988"]:
        box = phone.locator(f'.crisis a[href="{href}"]').bounding_box()
        assert box is not None, href
        assert box["y"] >= 0 and box["y"] + box["height"] <= 640, (href, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (href, box)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_pressing_shift_three_times_leaves_and_back_does_not_return(page, live_server) -> None:
    serve_fake_sites(page)
    with override_settings(QUICK_EXIT_URL=NEUTRAL):
        page.goto(BEFORE)
        page.goto(live_server.url + "/fr/directory/")
        page.locator("#id_q").fill("mon chum me frappe")
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(NEUTRAL)
        page.go_back()
        assert page.url == BEFORE


def test_the_quick_exit_button_leaves_and_back_does_not_return(page: object, live_server) -> None:
    serve_fake_sites(page)
    with override_settings(QUICK_EXIT_URL=NEUTRAL):
        page.goto(BEFORE)
        page.goto(live_server.url + "/en/")
        page.get_by_role("link", name="Quick exit", exact=True).click()
        page.wait_for_url(NEUTRAL)
        page.go_back()
        assert page.url == BEFORE


def first_result(page: object) -> str:
    return page.locator("#results .results h3").first.inner_text()


def test_a_french_search_finds_the_domestic_violence_line_as_you_type(
    page: object, live_server, reference_data: None
) -> None:
    page.goto(live_server.url + "/fr/directory/")
    page.locator("#id_q").press_sequentially("mon chum me frappe", delay=20)
    expect(page.locator("#results .results h3").first).to_contain_text("SOS violence conjugale")
    assert page.url == live_server.url + "/fr/directory/"  # what was typed stays out of the URL


def test_an_english_search_finds_the_gambling_line(page, live_server, reference_data) -> None:
    page.goto(live_server.url + "/en/directory/")
    page.locator("#id_q").fill("gamling")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results .results h3").first).to_have_text("Gambling Help and Referral")


def test_search_works_without_javascript(browser: object, live_server, reference_data) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/fr/directory/")
    page.locator("#id_q").fill("jeu compulsif")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()
    assert first_result(page) == "Jeu : aide et référence"
    context.close()


def test_the_language_switch_keeps_the_page(page: object, live_server) -> None:
    page.goto(live_server.url + "/fr/about/faq/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(live_server.url + "/en/about/faq/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Français").click()
    page.wait_for_url(live_server.url + "/fr/about/faq/")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_every_public_page_passes_axe_in_french_and_english(
    page: object, live_server, reference_data: None
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from directory.models import Service

    service = Service.objects.get(name_en="Gambling Help and Referral")
    paths = ["/", "/directory/", f"/directory/service/{service.id}/"]
    paths += [f"/about/{slug}/" for slug in PAGES]
    axe = Axe()
    problems = []
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    for language in ("fr", "en"):
        for path in paths:
            page.goto(f"{live_server.url}/{language}{path}")
            results = axe.run(page)
            if results.violations_count:
                problems.append(f"/{language}{path}:\n{results.generate_report()}")
        page.goto(f"{live_server.url}/{language}/directory/")
        page.locator("#id_q").fill("idees suicidaire")
        page.locator("#search-form button[type=submit]").click()
        page.locator("#results .results h3").first.wait_for()
        results = axe.run(page)
        if results.violations_count:
            problems.append(f"/{language}/directory/ results:\n{results.generate_report()}")
    assert not problems, "\n\n".join(problems)
    assert not console_errors, console_errors  # e.g. a Content-Security-Policy violation
