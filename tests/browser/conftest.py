"""Headless Chromium (Debian's package) driven by Playwright, started once per test session."""

import os
import shutil
from collections.abc import Iterator

import pytest

from conftest import skip_or_fail

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHROMIUM_ARGS += ["--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    path = chromium_path()
    if not path:
        skip_or_fail("Debian's chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the live server's ORM calls
    # happen in its own thread, and the tests' own ORM calls are plain synchronous setup.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    """A page the size of a cheap phone (360 x 640)."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, device_scale_factor=1)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    yield context.new_page()
    context.close()
