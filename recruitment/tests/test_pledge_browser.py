"""Signing the new pledge again on a phone, in a real headless Chromium, and axe-core on the pledge
page that says what changed and on the limits boxes of the help pages, in French and English."""

from collections.abc import Iterator

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from conftest import signed_in_context
from recruitment.models import HelperProfile
from recruitment.pledge import CURRENT_PLEDGE_VERSION
from recruitment.tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in_phone(browser: object, live_server: object, world: World) -> Iterator[object]:
    """Helper A, who signed the previous pledge, signed in on a 360 px phone."""
    HelperProfile.objects.create(
        membership=world.people["helper_a"],
        pledge_version="2026-11",
        pledge_signed_at="2026-11-20T15:00Z",
    )
    context = signed_in_context(
        browser, live_server, world.user("helper_a"), viewport={"width": 360, "height": 640}
    )
    yield context.new_page()
    context.close()


def test_a_helper_signs_the_new_pledge_from_my_space_on_a_phone(
    signed_in_phone: object, live_server: object, world: World
) -> None:
    page = signed_in_phone
    page.goto(f"{live_server.url}/en/account/")
    page.get_by_role("link", name="Read and sign the pledge").click()
    assert page.get_by_role("heading", name="The pledge has changed").is_visible()
    page.get_by_label("I have read the pledge and I commit to it.").check()
    page.get_by_role("button", name="Sign the pledge").click()
    page.wait_for_url(f"{live_server.url}/en/account/")
    assert "Read and sign the pledge" not in page.content()
    profile = HelperProfile.objects.get(membership=world.people["helper_a"])
    assert profile.pledge_version == CURRENT_PLEDGE_VERSION


def test_the_changed_pledge_and_the_limits_boxes_pass_axe(
    signed_in_phone: object, live_server: object
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = signed_in_phone
    problems = []
    for language in ("fr", "en"):
        page.goto(f"{live_server.url}/{language}/recruiting/pledge/")
        results = axe.run(page)
        if results.violations_count:
            problems.append(f"/{language}/recruiting/pledge/:\n{results.generate_report()}")
        with translation.override(language):
            boxes = render_to_string("support/helper/_limits.html") + render_to_string(
                "support/public/_limits.html"
            )
        page.set_content(
            f'<!doctype html><html lang="{language}"><head><title>Limits</title></head>'
            f"<body><main><h1>Limits</h1>{boxes}</main></body></html>"
        )
        results = axe.run(page)
        if results.violations_count:
            problems.append(f"limits boxes ({language}):\n{results.generate_report()}")
    assert not problems, "\n\n".join(problems)
