"""Recruiting in a real headless Chromium: a coworker applies from a phone without JavaScript,
the coordinator reads and accepts the application, and every recruiting page passes axe-core
in French and in English."""

from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.test import Client

from conftest import sign_in
from recruitment.models import Application
from recruitment.tests.conftest import World, make_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenPage = Callable[..., object]


@pytest.fixture
def open_page(browser: object, live_server: object) -> Iterator[OpenPage]:
    """Opens a page, signed in as `user` if given (second factor verified); every browser
    context is closed after the test, even a failed one."""
    contexts = []

    def open_page(user: object = None, **options: object) -> object:
        context = browser.new_context(**{"viewport": {"width": 1024, "height": 768}, **options})
        contexts.append(context)
        if user is not None:
            client = Client()
            sign_in(client, user)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session}
            context.add_cookies([{**cookie, "url": live_server.url}])
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_a_coworker_applies_from_a_phone_without_javascript_and_the_coordinator_reads_it(
    open_page: OpenPage, live_server: object, world: World
) -> None:
    phone = open_page(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    phone.goto(f"{live_server.url}/en/n/alpha2/")
    phone.get_by_role("link", name="Apply to join the network").click()
    phone.get_by_label("Your name").fill("Nadia Tremblay")
    phone.get_by_label("Email").fill("nadia@example.org")
    phone.get_by_label("Peer helper").check()
    phone.get_by_label("Why would you like to help?").fill("J'aime écouter.")
    phone.get_by_label("Ability to listen").check()
    phone.get_by_label("I agree that only the mutual-aid committee").check()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("button", name="Send my application").click()
    phone.wait_for_url(f"{live_server.url}/en/n/ALPHA2/thanks/")
    assert "Someone from the committee will contact you" in phone.content()
    assert phone.context.cookies() == []

    page = open_page(world.user("coordinator_a"))
    page.goto(f"{live_server.url}/en/recruiting/network/{world.network_a.pk}/applications/")
    page.get_by_role("link", name="Nadia Tremblay").click()
    page.get_by_text("J'aime écouter.").wait_for()


def test_the_coordinator_accepts_an_application_in_the_browser(
    open_page: OpenPage, live_server: object, world: World
) -> None:
    application = make_application(world.network_a)
    page = open_page(world.user("coordinator_a"))
    page.goto(f"{live_server.url}/en/recruiting/application/{application.pk}/")
    page.get_by_role("button", name="Accept").click()
    page.get_by_text("You can now invite this person").wait_for(timeout=5000)
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED


def test_every_recruiting_page_passes_axe_in_french_and_english(
    open_page: OpenPage, live_server: object, world: World
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    application = make_application(world.network_a)
    network = world.network_a.pk
    pages = {
        "anonymous": ["/n/", "/n/ALPHA2/", "/n/ALPHA2/apply/", "/n/ALPHA2/thanks/"],
        "coordinator_a": [
            f"/recruiting/network/{network}/applications/",
            f"/recruiting/application/{application.pk}/",
            f"/recruiting/network/{network}/helpers/",
            f"/recruiting/network/{network}/poster/",
        ],
        "helper_a": ["/recruiting/pledge/", f"/recruiting/profile/{world.people['helper_a'].pk}/"],
    }
    axe = Axe()
    problems, console_errors = [], []
    for who, paths in pages.items():
        page = open_page(None if who == "anonymous" else world.user(who))
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        for language in ("fr", "en"):
            for path in paths:
                page.goto(f"{live_server.url}/{language}{path}")
                results = axe.run(page)
                if results.violations_count:
                    problems.append(f"/{language}{path}:\n{results.generate_report()}")
    assert not problems, "\n\n".join(problems)
    assert not console_errors, console_errors  # e.g. a Content-Security-Policy violation
