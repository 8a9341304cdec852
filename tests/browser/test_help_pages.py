"""The request form, the receipt and the person's conversation in a real Chromium at 360 px, as a
person uses them: thumbs, reloads, leaving too early, a page left open."""

import re

import pytest
from playwright.sync_api import expect

from directory.models import TaxonomyTerm
from networks.models import Network
from support import conversation, receipts
from support.models import HelpRequest
from tests.browser import test_help_journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
network = test_help_journey.network  # the same fixture


def phone_page(browser: object, *, javascript: bool = True) -> tuple[object, object]:
    context = browser.new_context(
        viewport={"width": 360, "height": 640},
        java_script_enabled=javascript,
        accept_downloads=True,
    )
    return context, context.new_page()


def send_a_request(page: object, live_server: object, network: Network, text: str) -> str:
    page.goto(f"{live_server.url}/fr/help/{network.code}/")
    page.locator("textarea[name=message]").press_sequentially(text, delay=5)
    page.get_by_role("button", name="Envoyer ma demande").click()
    words = page.locator("[data-passphrase]")
    expect(words).to_be_visible()
    return words.inner_text()


def test_every_control_of_the_request_form_is_easy_to_hit_with_a_thumb(
    browser: object, live_server: object, network: Network
) -> None:
    context, page = phone_page(browser)
    page.goto(f"{live_server.url}/fr/help/{network.code}/")
    page.locator("details.more summary").click()
    small = []
    for control in page.locator(
        "form.request button, form.request summary, form.request fieldset label"
    ).all():
        box = control.bounding_box()
        if box and box["height"] < 44:
            small.append((control.inner_text()[:30], box["height"]))
    assert not small, small
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_a_person_sends_keeps_the_words_and_comes_back_typing_them_roughly(
    browser: object, live_server: object, network: Network
) -> None:
    context, page = phone_page(browser)
    words = send_a_request(page, live_server, network, "Marie-Ève Tremblay, CSN: PAE?")
    assert len(words.split()) == 6
    expect(page.locator("[data-request-status]")).to_contain_text("offerte")
    with page.expect_download() as saved:
        page.get_by_role("button", name="Les enregistrer dans un petit fichier").click()
    assert words in open(saved.value.path(), encoding="utf-8").read()
    page.get_by_label("J’ai gardé mes six mots").check()
    page.get_by_role("link", name="Revenir avec mes six mots").first.click()
    expect(page.locator("h1")).to_have_text("Revenir à votre conversation")
    rough = "-".join(words.split()).upper()
    page.get_by_role("textbox", name="Vos six mots").fill(rough[:-1])  # a letter forgotten
    page.get_by_role("button", name="Ouvrir ma conversation").click()
    expect(page.locator("main")).to_contain_text("Marie-Ève Tremblay, CSN: PAE?")
    assert HelpRequest.objects.count() == 1
    assert context.cookies() == []
    context.close()


def test_leaving_the_receipt_before_keeping_the_words_asks_first(
    browser: object, live_server: object, network: Network
) -> None:
    context, page = phone_page(browser)
    send_a_request(page, live_server, network, "Bonjour")
    questions = []

    def answer(dialog: object) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", answer)
    page.get_by_role("link", name="Répertoire d’aide").first.click()
    expect(page.locator("[data-passphrase]")).to_be_visible()  # still there
    assert questions and "six mots" in questions[0]
    page.remove_listener("dialog", answer)
    page.get_by_label("J’ai gardé mes six mots").check()
    page.get_by_role("link", name="Répertoire d’aide").first.click()
    expect(page.locator("h1")).to_have_text("Répertoire d’aide")
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_reloading_or_going_back_never_creates_a_second_request(
    browser: object, live_server: object, network: Network, javascript: bool
) -> None:
    context, page = phone_page(browser, javascript=javascript)
    words = send_a_request(page, live_server, network, "Une seule demande")
    page.on("dialog", lambda dialog: dialog.accept())  # "Reload site?": yes
    page.reload()
    expect(page.locator("[data-passphrase]")).to_have_text(words)  # the same words, again
    page.reload()
    expect(page.locator("[data-passphrase]")).to_have_text(words)
    page.go_back()
    page.wait_for_load_state()
    assert HelpRequest.objects.count() == 1
    context.close()


def test_reloading_an_open_conversation_keeps_it_open(
    browser: object, live_server: object, network: Network
) -> None:
    context, page = phone_page(browser)
    words = send_a_request(page, live_server, network, "Je reviens")
    page.get_by_label("J’ai gardé mes six mots").check()
    page.get_by_role("link", name="Revenir avec mes six mots").first.click()
    page.get_by_role("textbox", name="Vos six mots").fill(words)
    page.get_by_role("button", name="Ouvrir ma conversation").click()
    expect(page.locator("ol.chat li.mine")).to_contain_text("Je reviens")
    page.reload()
    expect(page.locator("ol.chat li.mine")).to_contain_text("Je reviens")
    assert words not in page.content()
    context.close()


def test_switching_language_on_the_receipt_keeps_the_words(
    browser: object, live_server: object, network: Network
) -> None:
    context, page = phone_page(browser)
    words = send_a_request(page, live_server, network, "Bonjour")
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Your request was sent")
    assert page.locator("[data-passphrase]").inner_text() == words
    assert HelpRequest.objects.count() == 1
    context.close()


def test_a_crisis_topic_shows_the_crisis_numbers_at_once(
    browser: object, live_server: object, network: Network
) -> None:
    assert TaxonomyTerm.objects.filter(code="crisis-suicide").exists()
    context, page = phone_page(browser)
    page.goto(f"{live_server.url}/fr/help/{network.code}/")
    page.locator("details.more summary").click()
    page.get_by_label("Crise et suicide").check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    assert alert.locator('a[href="tel:911"]').count() == 1
    assert HelpRequest.objects.get().urgent
    context.close()


def test_new_messages_appear_in_the_open_conversation_without_reloading(
    browser: object, live_server: object, network: Network
) -> None:
    context, page = phone_page(browser)
    page.clock.install()
    words = send_a_request(page, live_server, network, "Je vous écris")
    page.get_by_label("J’ai gardé mes six mots").check()
    page.goto(f"{live_server.url}/fr/help/conversation/")
    page.get_by_role("textbox", name="Vos six mots").fill(words)
    page.get_by_role("button", name="Ouvrir ma conversation").click()
    expect(page.locator("ol.chat li.mine")).to_have_count(1)
    request = HelpRequest.objects.get(receipt_locator=receipts.locator_of(words))
    conversation.add_message(request, "Bonjour, je suis là pour vous.", from_helper=True)
    page.clock.run_for(16_000)
    expect(page.locator("ol.chat li.theirs")).to_contain_text("je suis là pour vous")
    expect(page.locator("ol.chat li")).to_have_count(2)
    context.close()


def test_the_help_pages_pass_axe_in_french_and_english(
    browser: object, live_server: object, network: Network
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    context, page = phone_page(browser)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda dialog: dialog.accept())

    def check(label: str) -> None:
        results = axe.run(page)
        if results.violations_count:
            problems.append(f"{label}:\n{results.generate_report()}")

    for language in ("fr", "en"):
        page.goto(f"{live_server.url}/{language}/help/{network.code}/")
        page.locator("details.more summary").click()
        check(f"/{language}/help/<code>/")
        page.locator("textarea[name=message]").fill("Bonjour")
        page.locator("form.request button[type=submit]").click()
        page.locator("[data-passphrase]").wait_for()
        words = page.locator("[data-passphrase]").inner_text()
        check(f"/{language}/ receipt")
        page.goto(f"{live_server.url}/{language}/help/conversation/")
        check(f"/{language}/help/conversation/")
        page.locator("input[name=passphrase]").fill("pas les bons mots")
        page.locator("main form button[type=submit]").click()
        page.locator('[role="alert"]').first.wait_for()
        check(f"/{language}/help/conversation/ not found")
        page.locator("input[name=passphrase]").fill(words)
        page.locator("main form button[type=submit]").click()
        page.locator("ol.chat").wait_for()
        check(f"/{language}/ conversation")
    assert not problems, "\n\n".join(problems)
    assert not errors, errors
    context.close()


def test_no_words_appear_in_the_address_bar_or_the_history(
    browser: object, live_server: object, network: Network
) -> None:
    context, page = phone_page(browser)
    words = send_a_request(page, live_server, network, "Bonjour")
    assert not re.search("|".join(words.split()), page.url)
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    context.close()
