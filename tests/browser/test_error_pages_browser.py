"""The error pages on a cheap phone: accessible, and the crisis numbers on the first screen."""

from unittest import mock

import pytest
from django.test import override_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CRISIS_LINKS = ["tel:911", "tel:+18662773553", "sms:535353", "tel:988"]


def assert_the_crisis_numbers_show_without_scrolling(phone: object) -> None:
    for href in CRISIS_LINKS:
        box = phone.locator(f'.crisis a[href="{href}"]').bounding_box()
        assert box is not None, href
        assert box["y"] >= 0 and box["y"] + box["height"] <= 640, (href, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (href, box)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def assert_axe_finds_nothing(phone: object) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(phone)
    assert not results.violations_count, results.generate_report()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_mistyped_code_answers_an_accessible_page_with_the_crisis_numbers_on_screen(
    phone: object, live_server, language: str
) -> None:
    console_errors: list[str] = []
    phone.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    with override_settings(DEBUG=False):
        response = phone.goto(f"{live_server.url}/{language}/help/ABCDEF/")
        assert response.status == 404
        assert phone.locator("html").get_attribute("lang") == language
        assert phone.locator("[data-quick-exit]").first.is_visible()
        assert_the_crisis_numbers_show_without_scrolling(phone)
        assert_axe_finds_nothing(phone)
    # The status itself is logged by Chromium as a failed resource; anything else (a
    # Content-Security-Policy violation, a script error) is a fault of the page.
    assert [e for e in console_errors if "404" not in e] == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_failure_answers_an_accessible_page_with_the_crisis_numbers_on_screen(
    phone: object, live_server, language: str
) -> None:
    with override_settings(DEBUG=False), mock.patch("public.views.render", side_effect=OSError):
        response = phone.goto(f"{live_server.url}/{language}/")
        assert response.status == 500
        assert phone.locator("html").get_attribute("lang") == language
        assert phone.locator("[data-quick-exit]").first.is_visible()
        assert_the_crisis_numbers_show_without_scrolling(phone)
        assert_axe_finds_nothing(phone)
