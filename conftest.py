"""Shared test fixtures.

Some tests need what only CI is sure to have (Chromium, PostgreSQL, the HSDS schemas in
../shared). They skip with a reason elsewhere; CI sets ENTRAIDE_REQUIRE_ALL=1, which turns every
such skip into a failure.
"""

import functools
import os
import shutil
from collections.abc import Iterator

import pytest

REQUIRE_ALL = os.environ.get("ENTRAIDE_REQUIRE_ALL") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip the test, or fail it when CI requires every test to run."""
    if REQUIRE_ALL:
        pytest.fail(f"required by ENTRAIDE_REQUIRE_ALL=1 but unavailable: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True, scope="session")
def mail_sent_at_once(django_test_environment: None) -> Iterator[None]:
    """Like Django's test runner for EMAIL_BACKEND: queued emails are sent at once, inside the
    test's transaction, into mail.outbox. support/tests/test_mail_queue.py runs the real queue."""
    from django.test import override_settings

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ):
        yield


@pytest.fixture
def reference_data(db: None) -> None:
    """The shipped reference data: regions, councils, topics and help lines."""
    from directory.reference_data import load_directory_reference
    from regions.reference_data import load_regions

    load_regions()
    load_directory_reference()


@pytest.fixture(autouse=True)
def fresh_search_vocabulary() -> None:
    """Each test starts with an empty per-process vocabulary cache (databases roll back)."""
    from directory.search.vocabulary import forget

    forget()


@functools.cache
def hashed(password: str) -> str:
    """Argon2 is slow on purpose: hash each test password once per test run."""
    from django.contrib.auth.hashers import make_password

    return make_password(password)


def make_staff_user(email: str, display_name: str = "", password: str = "a long test passphrase"):
    """An account with a confirmed TOTP device, as every staff account has."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    user = User.objects.create_user(email, None, display_name=display_name or email.split("@")[0])
    if password:
        user.password = hashed(password)
        user.save(update_fields=["password"])
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user


def sign_in(client: object, user: object) -> object:
    """Signs `user` in on the test client, password and second factor both checked."""
    from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = next(devices_for_user(user)).persistent_id
    session.save()
    return client


def signed_in_context(browser: object, live_server: object, user: object, **options: object):
    """A browser context signed in as `user` (both factors), for staff journeys."""
    from django.conf import settings
    from django.test import Client

    client = sign_in(Client(), user)
    context = browser.new_context(**options)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return context


# Headless Chromium (Debian's package) driven by Playwright, started once per test session.
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
