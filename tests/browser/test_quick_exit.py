"""Quick exit in a real headless Chromium at 360 x 640: three Shift presses on their own or the
button leave at once, typing never does, the button stays on screen, and Back never returns to
the site, because the whole public visit is one history entry (static/js/one-entry.js)."""

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import override_settings
from playwright.sync_api import Page, expect

from networks.models import Network, Organization
from regions.models import RegionalCouncil

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = "https://neutral.invalid/"
BEFORE = "https://before.invalid/"
TEXTS = ["PAE", "Marie-Ève Tremblay, CSN", "JE SUIS À BOUT", "OK OK OK", "Où est l'aide? 24/7!"]
TEXT_FIELDS = (
    "main textarea, main input:not([type]), main input[type=text], main input[type=search],"
    " main input[type=email], main input[type=tel]"
)
SHIFT = {"key": "Shift", "code": "ShiftLeft", "windowsVirtualKeyCode": 16}
SHIFTED_SYMBOLS = set('~!@#$%^&*()_+{}|:"<>?')
TWO_MORE = "Press Shift 2 more times to leave this site."
ONE_MORE = "Press Shift 1 more time to leave this site."


@dataclass
class Visit:
    page: Page
    exits: list[str] = field(default_factory=list)  # what the neutral site was asked for
    errors: list[str] = field(default_factory=list)  # console errors, e.g. a CSP violation

    def has_left(self) -> bool:
        return bool(self.exits)

    def leave_by_pressing_shift(self, times: int = 3, apart_ms: int = 300) -> None:
        for press in range(times):
            if press:
                self.page.wait_for_timeout(apart_ms)
            self.page.keyboard.press("Shift")


@pytest.fixture
def visit(phone: Page) -> Iterator[Visit]:
    """A phone whose tab showed another site before ours; the neutral exit site at hand."""
    visit = Visit(phone)

    def neutral(route: object) -> None:
        visit.exits.append(route.request.url)
        route.fulfill(body="<title>Météo</title><p>Météo</p>", content_type="text/html")

    phone.route(NEUTRAL + "**", neutral)
    before = "<title>Before</title><p>Before</p>"
    phone.route(BEFORE + "**", lambda route: route.fulfill(body=before, content_type="text/html"))
    phone.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    phone.on("pageerror", lambda error: visit.errors.append(str(error)))
    with override_settings(QUICK_EXIT_URL=NEUTRAL):
        phone.goto(BEFORE)
        yield visit


@pytest.fixture
def network(reference_data: None) -> Network:
    council = RegionalCouncil.objects.get(slug="montreal-metropolitain")
    union = Organization.objects.create(name="Local 9", kind=Organization.Kind.UNION_LOCAL)
    return Network.objects.create(
        name="Réseau Sigma", kind=Network.Kind.UNION_ONLY, council=council, union=union
    )


def type_like_a_person(page: Page, text: str, style: str) -> None:
    """Sends the keys a keyboard sends, which Playwright's own typing does not (it sends no
    Shift). Styles: "each" (Shift pressed and released around each capital), "rollover" (Shift
    released before the letter, as fast typists do) and "held" (Shift held over a run of
    capitals)."""
    cdp = page.context.new_cdp_session(page)

    def send(kind: str, modifiers: int, **key: object) -> None:
        cdp.send("Input.dispatchKeyEvent", {"type": kind, "modifiers": modifiers, **key})

    shift_down = False
    for index, char in enumerate(text):
        shifted = char != char.lower() or char in SHIFTED_SYMBOLS
        if shifted and not shift_down:
            send("keyDown", 8, **SHIFT)
            shift_down = True
        if not shifted and shift_down:
            send("keyUp", 0, **SHIFT)
            shift_down = False
        send("keyDown", 8 if shift_down else 0, key=char, text=char)
        if shift_down and style == "rollover":
            send("keyUp", 0, **SHIFT)
            shift_down = False
        send("keyUp", 8 if shift_down else 0, key=char)
        next_is_shifted = index + 1 < len(text) and text[index + 1] != text[index + 1].lower()
        if shift_down and not (style == "held" and next_is_shifted):
            send("keyUp", 0, **SHIFT)
            shift_down = False
    cdp.detach()


def type_in_every_text_field(visit: Visit, url: str) -> int:
    page = visit.page
    page.goto(url)
    for summary in page.locator("main details:not([open]) > summary").all():
        summary.click()
    fields = [f for f in page.locator(TEXT_FIELDS).all() if f.is_visible() and f.is_editable()]
    for text_field in fields:
        text_field.click()
        typed = ""
        for text in TEXTS:
            text_field.press_sequentially(text + " ")
            typed += text + " "
            for style in ("each", "rollover", "held"):
                type_like_a_person(page, text + " ", style)
                typed += text + " "
        page.wait_for_timeout(300)
        assert not visit.has_left(), (url, visit.exits)
        assert page.url == url
        limit = text_field.evaluate("field => field.maxLength")
        assert text_field.input_value() == (typed[:limit] if limit >= 0 else typed), url
    return len(fields)


def test_typing_mixed_case_text_in_every_public_text_field_never_exits(
    visit: Visit, live_server: object, network: Network
) -> None:
    from support.actions import submit_request
    from support.models import HelpRequest
    from support.receipts import new_submission_token

    site = live_server.url
    for path in ["/fr/", "/fr/directory/", "/fr/help/", f"/fr/help/{network.code}/"]:
        assert type_in_every_text_field(visit, site + path), f"no text field on {path}"
    assert type_in_every_text_field(visit, site + "/fr/help/conversation/") == 1

    submitted = submit_request(
        network,
        submission=new_submission_token(),
        language="fr",
        contact=HelpRequest.Contact.CONVERSATION,
        message="Bonjour",
    )
    page = visit.page
    page.goto(site + "/fr/help/conversation/")
    page.locator(TEXT_FIELDS).fill(submitted.passphrase)
    page.keyboard.press("Enter")
    message = page.locator("main textarea")
    expect(message).to_be_visible()  # the person's conversation, with its message box
    message.click()
    for style in ("each", "rollover", "held"):
        for text in TEXTS:
            type_like_a_person(page, text + " ", style)
    page.wait_for_timeout(300)
    assert not visit.has_left()
    assert message.input_value().startswith("PAE Marie-Ève Tremblay, CSN JE SUIS À BOUT")
    assert not visit.errors, visit.errors


def test_three_shift_presses_300_ms_apart_leave_and_back_does_not_return(
    visit: Visit, live_server: object
) -> None:
    visit.page.goto(live_server.url + "/en/directory/")
    visit.page.get_by_role("searchbox").fill("my boss harasses me")
    visit.leave_by_pressing_shift(apart_ms=300)
    visit.page.wait_for_url(NEUTRAL)
    visit.page.go_back()
    assert visit.page.url == BEFORE


def test_three_shift_presses_one_and_a_half_seconds_apart_leave(visit, live_server) -> None:
    visit.page.goto(live_server.url + "/en/")
    visit.leave_by_pressing_shift(apart_ms=1500)
    visit.page.wait_for_url(NEUTRAL)


def test_shift_presses_six_seconds_apart_do_not_leave(visit: Visit, live_server) -> None:
    visit.page.goto(live_server.url + "/en/")
    visit.leave_by_pressing_shift(apart_ms=6000)
    visit.page.wait_for_timeout(500)
    assert not visit.has_left()
    assert visit.page.url == live_server.url + "/en/"
    expect(visit.page.get_by_role("status")).to_have_text(TWO_MORE)


def test_shift_used_with_another_key_starts_the_count_again(visit: Visit, live_server) -> None:
    page = visit.page
    page.goto(live_server.url + "/en/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(500)
    assert not visit.has_left()
    expect(page.get_by_role("status")).to_have_text(ONE_MORE)
    page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)


def test_the_presses_that_remain_are_shown_and_announced_in_english(visit, live_server) -> None:
    page = visit.page
    page.goto(live_server.url + "/en/")
    status = page.get_by_role("status")
    expect(status).to_have_text("")
    page.keyboard.press("Shift")
    expect(status).to_have_text(TWO_MORE)
    assert status.get_attribute("aria-live") == "polite"
    button = page.get_by_role("link", name="Quick exit", exact=True).bounding_box()
    message = status.bounding_box()
    assert 0 <= message["y"] - (button["y"] + button["height"]) <= 20  # right under the button
    page.keyboard.press("Shift")
    expect(status).to_have_text(ONE_MORE)
    results = Axe().run(page)
    assert not results.violations_count, results.generate_report()


def test_the_presses_that_remain_are_shown_and_announced_in_french(visit, live_server) -> None:
    # Needs the compiled French catalogue (locale/fr/LC_MESSAGES/django.mo).
    page = visit.page
    page.goto(live_server.url + "/fr/")
    page.keyboard.press("Shift")
    status = page.get_by_role("status")
    expect(status).to_have_text("Appuyez encore 2 fois sur Maj pour quitter ce site.")
    page.keyboard.press("Shift")
    expect(status).to_have_text("Appuyez encore une fois sur Maj pour quitter ce site.")


def exit_and_go_back(visit: Visit) -> str:
    visit.page.get_by_role("link", name="Quick exit", exact=True).click()
    visit.page.wait_for_url(NEUTRAL)
    visit.page.go_back()
    return visit.page.url


def test_home_then_directory_then_quick_exit_then_back_lands_on_the_site_before(
    visit: Visit, live_server: object, reference_data: None
) -> None:
    page = visit.page
    page.goto(live_server.url + "/en/")
    page.get_by_role("link", name="Directory of help").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Directory of help")
    assert page.url == live_server.url + "/en/directory/"
    assert page.title().startswith("Directory of help")
    # The page arrived without a page load, and its live search (htmx) works all the same.
    page.get_by_role("searchbox").press_sequentially("gambling", delay=20)
    expect(page.locator("#results .results h3").first).to_have_text("Gambling Help and Referral")
    assert exit_and_go_back(visit) == BEFORE
    assert not visit.errors, visit.errors


def test_searching_in_between_still_leaves_no_way_back(
    visit: Visit, live_server: object, reference_data: None
) -> None:
    page = visit.page
    page.goto(live_server.url + "/en/")
    page.get_by_label("Describe what you are going through").fill("gambling")
    page.get_by_role("button", name="Search").click()  # the home page's form, sent by POST
    expect(page.locator("#results .results h3").first).to_have_text("Gambling Help and Referral")
    assert page.url == live_server.url + "/en/directory/"
    page.get_by_role("searchbox").fill("suicide")
    page.get_by_role("button", name="Search").click()  # the directory's own form
    expect(page.locator("#results")).to_contain_text("9-8-8")
    page.locator("#results .results h3 a").first.click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Directory of help")
    page.get_by_role("link", name="Skip to content").press("Enter")  # a #fragment on this page
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.context.cookies() == []
    assert exit_and_go_back(visit) == BEFORE
    assert not visit.errors, visit.errors


def test_a_page_not_found_in_between_still_leaves_no_way_back(
    visit: Visit, live_server: object, reference_data: None
) -> None:
    from directory.models import Service

    service = Service.objects.get(name_en="Gambling Help and Referral")
    page = visit.page
    page.goto(f"{live_server.url}/fr/directory/service/{service.id}/")
    Service.objects.filter(id=service.id).update(status="inactive")  # withdrawn meanwhile
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{live_server.url}/en/directory/service/{service.id}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Gambling Help and Referral")
    visit.leave_by_pressing_shift()
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert page.url == BEFORE


def test_a_form_whose_answer_does_not_arrive_keeps_what_was_typed_and_is_not_sent_again(
    visit: Visit, live_server: object
) -> None:
    page = visit.page
    url = live_server.url + "/en/help/conversation/"
    page.goto(url)
    sent, online = [], []

    def connection(route: object) -> None:
        if route.request.method == "POST":
            sent.append(route.request.post_data)
            if not online:
                return route.abort("internetdisconnected")
        route.continue_()

    page.route(url, connection)
    words = page.locator(TEXT_FIELDS)
    words.fill("cactus lundi orange piano rivière soleil")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_have_text(
        "The answer did not arrive. Check your connection, then send again: what you wrote is"
        " still here."
    )
    page.wait_for_timeout(500)
    assert len(sent) == 1 and "action=open" in sent[0]  # sent once, never again behind their back
    assert words.input_value() == "cactus lundi orange piano rivière soleil"
    assert page.url == url

    online.append(True)
    words.press("Enter")  # the person sends again
    expect(page.get_by_text("The answer did not arrive")).to_have_count(0)
    assert len(sent) == 2


def test_a_double_tap_on_send_sends_the_form_once(visit: Visit, live_server: object) -> None:
    page = visit.page
    url = live_server.url + "/en/help/conversation/"
    page.goto(url)
    sent = []

    def slow_connection(route: object) -> None:
        if route.request.method == "POST":
            sent.append(route.request.post_data)
            page.wait_for_timeout(300)
        route.continue_()

    page.route(url, slow_connection)
    page.locator(TEXT_FIELDS).fill("cactus lundi orange piano rivière soleil")
    page.locator("main form button[type=submit]").first.dblclick()
    expect(page.get_by_role("alert").first).to_be_visible()  # the words open nothing
    page.wait_for_timeout(500)
    assert len(sent) == 1


def test_the_button_stays_on_screen_and_big_enough_at_the_bottom_of_a_long_page(
    visit: Visit, live_server: object, network: Network
) -> None:
    page = visit.page
    for path in ["/fr/about/faq/", f"/fr/help/{network.code}/"]:
        page.goto(live_server.url + path)
        button = page.locator("[data-quick-exit]")
        first = button.bounding_box()
        for link in page.locator(".crisis a").all():
            crisis = link.bounding_box()
            assert crisis["y"] + crisis["height"] <= first["y"] or (
                crisis["x"] + crisis["width"] <= first["x"]
            ), (path, "the button covers a crisis number on first paint")
        while page.evaluate("scrollY + innerHeight < document.documentElement.scrollHeight - 1"):
            page.mouse.wheel(0, 600)
            page.wait_for_timeout(50)
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
        assert 0 <= box["y"] and box["y"] + box["height"] <= 640, box
        assert 0 <= box["x"] and box["x"] + box["width"] <= 360, box
    page.locator("[data-quick-exit]").click()  # nothing covers it
    page.wait_for_url(NEUTRAL)


def test_a_field_being_typed_in_is_never_under_the_button(
    visit: Visit, live_server: object, network: Network
) -> None:
    page = visit.page
    page.goto(f"{live_server.url}/fr/help/{network.code}/")
    button = page.locator("[data-quick-exit]")
    fields = [f for f in page.locator(TEXT_FIELDS).all() if f.is_visible()]
    assert fields
    for text_field in fields:
        # The person scrolled until the field is at the very top, under the button...
        top = text_field.evaluate("field => field.getBoundingClientRect().top + scrollY")
        page.evaluate(f"scrollTo(0, {top} - 5)")
        text_field.focus()  # ...then moves into it and types.
        type_like_a_person(page, "Je n'en peux plus", "each")
        exit_box, field_box = button.bounding_box(), text_field.bounding_box()
        assert exit_box["y"] + exit_box["height"] <= field_box["y"], (exit_box, field_box)


def test_without_javascript_links_navigate_and_the_button_is_a_plain_link(
    browser: object, live_server: object
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.route(NEUTRAL + "**", lambda route: route.fulfill(body="Météo", content_type="text/html"))
    with override_settings(QUICK_EXIT_URL=NEUTRAL):
        page.goto(live_server.url + "/en/")
        page.get_by_role("link", name="Directory of help").first.click()
        page.wait_for_url(live_server.url + "/en/directory/")
        button = page.get_by_role("link", name="Quick exit", exact=True)
        assert button.get_attribute("href") == NEUTRAL
        button.click()
        page.wait_for_url(NEUTRAL)
        page.go_back()  # as the quick-exit page says: without JavaScript, Back comes back
        assert page.url == live_server.url + "/en/directory/"
    context.close()
