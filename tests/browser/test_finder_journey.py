"""A worker on a cheap phone finds their workplace's network from the home page, by a misspelled
name or by the code on the poster, and sends a request without typing a URL."""

import datetime
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from conftest import make_staff_user, signed_in_context
from networks.models import Membership, Network, NetworkResource, Organization, Role
from regions.models import Region, RegionalCouncil

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def justine(reference_data: None) -> Network:
    council = RegionalCouncil.objects.get(slug="montreal-metropolitain")
    network = Network.objects.create(
        name="CHU Sainte-Justine",
        code="JUST22",
        kind=Network.Kind.UNION_ONLY,
        council=council,
        region=Region.objects.get(code="06"),
        union=Organization.objects.create(
            name="Syndicat des soins de Sainte-Justine", kind=Organization.Kind.UNION_LOCAL
        ),
    )
    NetworkResource.objects.create(
        network=network,
        kind=NetworkResource.Kind.EAP,
        name="PAE Mieux-Être",
        phone="1 800 555-0142",
        hours="24/7",
        verified_on=datetime.date(2026, 3, 12),
    )
    return network


def the_request_is_sent(phone: object, network: Network, send: str, words: str) -> None:
    """On the request form, a message is typed with capitals and sent: the receipt shows six
    words and the network has that one request."""
    from support.models import HelpRequest

    phone.locator("textarea[name=message]").press_sequentially("PAE? Marie-Ève, CSN", delay=5)
    phone.get_by_role("button", name=send).click()
    expect(phone.locator("[data-passphrase]")).to_be_visible()
    assert len(phone.locator("[data-passphrase]").inner_text().split()) == 6
    expect(phone.locator("h2#words-title")).to_have_text(words)
    assert HelpRequest.objects.filter(network=network).count() == 1


def test_from_the_home_page_a_misspelled_name_leads_to_a_sent_request(
    phone: object, live_server: object, justine: Network
) -> None:
    phone.goto(f"{live_server.url}/en/")
    phone.get_by_role("link", name="Talk to a peer helper of my workplace").click()
    phone.get_by_label("Name of your workplace, employer or union local").fill("hopital ste justin")
    phone.get_by_role("button", name="Find my workplace").click()
    phone.get_by_role("link", name="CHU Sainte-Justine").click()
    expect(phone.locator("h1")).to_have_text("CHU Sainte-Justine")
    ask = phone.get_by_role("link", name="Ask for help confidentially")
    box = ask.bounding_box()
    assert box["y"] + box["height"] <= 640 * 1.5, box  # near the top, not screens down
    assert box["height"] >= 44 and box["width"] >= 44, box
    ask.click()
    expect(phone.locator("h1")).to_have_text("Ask for help confidentially")
    the_request_is_sent(phone, justine, "Send my request", "Your six words")


def test_from_the_home_page_the_code_on_the_poster_leads_to_a_sent_request(
    phone: object, live_server: object, justine: Network
) -> None:
    phone.goto(f"{live_server.url}/fr/")
    phone.locator("a.nav-help").click()
    phone.locator("#id_q").fill("just 22")
    phone.locator("form.finder").get_by_role("button").click()
    expect(phone.locator("h1")).to_have_text("CHU Sainte-Justine")
    phone.get_by_role("link", name="Demander de l’aide en toute confidentialité").click()
    expect(phone.locator("h1")).to_have_text("Demander de l’aide en toute confidentialité")
    the_request_is_sent(phone, justine, "Envoyer ma demande", "Vos six mots")


def test_the_finder_works_by_region_and_without_javascript(
    browser: object, live_server: object, justine: Network
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/help/")
    page.get_by_role("link", name="Montréal").click()
    page.get_by_role("link", name="CHU Sainte-Justine").click()
    expect(page.get_by_role("link", name="Ask for help confidentially")).to_be_visible()
    expect(page.locator("a[href^='tel:']").filter(has_text="555-0142")).to_be_visible()
    context.close()


def test_an_unknown_code_is_said_plainly_next_to_the_box(
    phone: object, live_server: object, justine: Network
) -> None:
    phone.goto(f"{live_server.url}/en/help/")
    box = phone.get_by_label("Name of your workplace, employer or union local")
    box.fill("ZZ9 99Z")
    box.press("Enter")
    expect(phone.locator("#id_q_error")).to_contain_text("No network uses the code ZZ999Z.")
    expect(phone.locator("#id_q")).to_have_value("ZZ9 99Z")
    expect(phone.locator("#id_q")).to_have_attribute("aria-invalid", "true")


def test_the_finder_and_the_network_page_pass_axe_in_french_and_english(
    phone: object, live_server: object, justine: Network
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems, console_errors = [], []
    phone.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    def check(label: str) -> None:
        results = axe.run(phone)
        if results.violations_count:
            problems.append(f"{label}:\n{results.generate_report()}")

    for language in ("fr", "en"):
        finder = f"{live_server.url}/{language}/help/"
        phone.goto(finder)
        check(f"{language} finder, empty")
        for typed, state in [("sainte justine", "results"), ("ZZ999Z", "error"), ("xyzzy", "none")]:
            phone.goto(finder)
            phone.locator("#id_q").fill(typed)
            phone.locator("#id_q").press("Enter")
            expect(phone.locator("#id_q")).to_have_value(typed)
            if state == "results":
                expect(phone.get_by_role("link", name="CHU Sainte-Justine")).to_be_visible()
            check(f"{language} finder, {state}")
        phone.goto(f"{finder}?region=06")
        check(f"{language} finder, a region")
        phone.goto(f"{live_server.url}/{language}/n/JUST22/")
        check(f"{language} network page")
    assert not problems, "\n\n".join(problems)
    assert not console_errors, console_errors


@pytest.fixture
def coordinator_page(browser: object, live_server: object, justine: Network) -> Iterator[object]:
    """A browser signed in as the network's coordinator (second factor verified)."""
    user = make_staff_user("coordo@finder.test", "Chantal")
    Membership.objects.create(user=user, role=Role.COORDINATOR, network=justine)
    context = signed_in_context(browser, live_server, user, viewport={"width": 360, "height": 640})
    yield context.new_page()
    context.close()


def test_the_coordinator_adds_the_union_contact_and_people_see_it(
    coordinator_page: object, live_server: object, justine: Network
) -> None:
    page = coordinator_page
    page.goto(f"{live_server.url}/en/networks/{justine.pk}/settings/")
    page.get_by_role("link", name="Manage the workplace resources").click()
    page.get_by_label("Kind").select_option("union")
    page.locator("#id_name").fill("Bureau syndical")
    page.get_by_label("Phone").fill("514 555-0117 poste 2")
    page.get_by_role("textbox", name="Hours").fill("lun–ven, 8 h–16 h")
    page.get_by_label("Checked on").fill("2026-03-01")
    page.get_by_role("button", name="Add the resource").click()
    expect(page.locator(".messages")).to_contain_text("The resource “Bureau syndical” was added.")
    page.goto(f"{live_server.url}/fr/networks/{justine.pk}/resources/")
    page.locator(".card", has_text="Bureau syndical").get_by_role("link").click()
    # A French page still gives the date field the ISO value <input type=date> needs.
    expect(page.locator("input[type=date]")).to_have_value("2026-03-01")
    page.goto(f"{live_server.url}/en/n/JUST22/")
    expect(page.locator("a[href='tel:+15145550117,2']")).to_have_text("514 555-0117 poste 2")


def test_the_resource_pages_pass_axe_in_french_and_english(
    coordinator_page: object, live_server: object, justine: Network
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page, axe, problems = coordinator_page, Axe(), []
    resource = justine.resources.get()
    for language in ("fr", "en"):
        base = f"{live_server.url}/{language}/networks/{justine.pk}"
        for path in ["/settings/", "/resources/", f"/resources/{resource.pk}/"]:
            page.goto(base + path)
            results = axe.run(page)
            if results.violations_count:
                problems.append(f"{language}{path}:\n{results.generate_report()}")
        page.goto(f"{base}/resources/")
        page.locator("#id_phone").fill("514 555-CHAT")
        page.locator("form.stack button[type=submit]").last.click()
        expect(page.locator("#id_phone")).to_have_attribute("aria-invalid", "true")
        results = axe.run(page)
        if results.violations_count:
            problems.append(f"{language} resources with errors:\n{results.generate_report()}")
    assert not problems, "\n\n".join(problems)
