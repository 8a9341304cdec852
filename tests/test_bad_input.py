"""No 500 on bad input anywhere: every URL pattern of the project walked with NUL bytes and
control characters in its path, its query string, its form fields, its cookies and headers,
for a visitor and for staff (the authorisation walk's world). PostgreSQL refuses a NUL byte in text,
so run this file on PostgreSQL too (DATABASE_URL)."""

import re
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import get_resolver

from conftest import sign_in
from support import conversation, receipts
from support.models import HelpRequest
from tests import test_authorization
from tests.test_authorization import RULES, sample_url, walk

world = test_authorization.world  # the authorisation walk's world: its people and records

CONTROLS = ["\x00", "\x01", "\x1f", "\x7f"]
FORM = "application/x-www-form-urlencoded"
TYPED = "Bonjour\x00 à\x01 tous\x1f,\x7f merci\x9b"
TYPED_CLEAN = "Bonjour à tous, merci"
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
FIELD_NAME = re.compile(r'<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"')
SEARCH_NAMES = set("q code region kind page next request paper text message".split())
ROLES_WALKED = ["anonymous", "helper_a", "admin"]  # between them, every page has a reader


def routes_in_order() -> list[tuple[str, str]]:
    """Reads first, then changes; signing out comes last."""

    def order(route: tuple[str, str]) -> tuple[str, bool]:
        rule = RULES.get(route[0])  # a URL without a rule yet fails the authorisation walk
        return (rule.method if rule else "get", route[0] == "accounts:logout")

    return sorted(walk(get_resolver()), key=order)


def client_for(role: str, world: dict) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        sign_in(client, world["people"][role].user)
    return client


def bad_urls(name: str, route: str, world: dict) -> list[str]:
    """The route with each of its parameters in turn replaced by a control character alone,
    or by a valid value with a NUL byte or a control character inside."""
    urls = []
    for converter, parameter in PARAMETER.findall(route):
        valid = sample_url(f"<{parameter}>", world, name)[1:]
        values = [valid[:1] + "\x00" + valid[1:], valid[:1] + "\x01" + valid[1:]]
        # int, uuid and slug refuse every control character before any view: fewer tries.
        values += ["\x01"] if converter in ("int", "uuid", "slug") else CONTROLS
        for value in values:
            extra = {**world["extra_values"], parameter: quote(value, safe="")}
            urls.append(sample_url(route, {**world, "extra_values": extra}, name))
    return urls


def failures(response: object, what: str, name: str) -> list[str]:
    """A 5xx is a failure, except the 503 of a health check saying what it checks is down."""
    status = response.status_code
    if status < 500 or (status == 503 and name.startswith("health")):
        return []
    return [f"{what}: {status}"]


# int, uuid and slug converters refuse control characters before any view; the parameters that
# reach a view (a poster code, the API's ids, invitation and reset tokens) are read the same
# whoever asks: a visitor, and an administrator, who passes the access checks of staff pages.
@pytest.mark.parametrize("role", ["anonymous", "admin"])
def test_control_characters_in_any_path_never_give_a_500(role: str, world: dict) -> None:
    client = client_for(role, world)
    problems = []
    for name, route in routes_in_order():
        for url in bad_urls(name, route, world):
            problems += failures(client.get(url), f"GET {name} {url!r}", name)
            posted = client.post(url, {"text": TYPED})
            problems += failures(posted, f"POST {name} {url!r}", name)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ROLES_WALKED)
def test_control_characters_in_any_field_never_give_a_500(role: str, world: dict) -> None:
    """Every field a page shows (hidden ones too), and the usual search names, filled with a
    NUL byte and control characters, in the query string and in a form sent to the page."""
    client = client_for(role, world)
    problems = []
    for name, route in routes_in_order():
        url = sample_url(route, world, name)
        page = client.get(url)
        problems += failures(page, f"GET {name} {url}", name)
        if not page.get("Content-Type", "").startswith("text/html"):  # a PDF, a CSV, JSON
            query = dict.fromkeys(sorted(SEARCH_NAMES), TYPED)
            problems += failures(client.get(url, query), f"GET {name} {url} with a query", name)
            continue
        names = set(FIELD_NAME.findall(page.content.decode())) | SEARCH_NAMES
        for value in (TYPED, "\x00"):
            data = dict.fromkeys(sorted(names), value)
            what = f"{name} {url} with {value!r}"
            problems += failures(client.get(url, data), f"GET {what}", name)
            if name != "accounts:logout" or value == "\x00":  # sign out once, at the very end
                problems += failures(client.post(url, data), f"POST {what}", name)
    assert not problems, "\n".join(problems)


def test_a_nul_byte_in_the_path_answers_the_friendly_not_found_page(world: dict) -> None:
    code = world["network_a"].code
    for path in ("/fr/n/%00/", f"/fr/help/{code[:2]}%00{code[2:]}/", "/en/directory/%00"):
        response = Client().get(path)
        assert response.status_code == 404
        html = response.content.decode()
        assert "9-8-8" in html and "data-quick-exit" in html, path  # the crisis strip, the exit
        assert "\x00" not in html


def test_cookies_and_headers_with_control_characters_never_give_a_500(world: dict) -> None:
    from django.conf import settings

    for value in ("\x00", "abcdefgh\x00ijklmnop", "\x01\x7f"):
        client = client_for("helper_a", world)
        for cookie in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "django_language"):
            client.cookies[cookie] = value
        headers = {"HTTP_ACCEPT_LANGUAGE": f"fr{value}", "HTTP_HX_REQUEST": f"true{value}"}
        headers |= {"HTTP_HX_CURRENT_URL": f"/fr/{value}", "HTTP_REFERER": f"/{value}"}
        for url in ("/fr/", "/fr/support/", f"/fr/help/{world['network_a'].code}/"):
            assert client.get(url, **headers).status_code < 500, (url, value)
            posted = client.post(url, {"message": TYPED}, **headers)
            assert posted.status_code < 500, (url, value)


def test_the_words_typed_in_a_help_request_are_kept_without_their_control_characters(
    world: dict,
) -> None:
    """The message is stored minus the NUL bytes and control characters; tabs and line breaks,
    which a person types, stay; the six words work with a NUL byte typed among them."""
    code = world["network_a"].code
    client = Client()
    form = client.get(f"/en/help/{code}/").content.decode()
    token = re.search(r'name="submission" value="([^"]+)"', form).group(1)
    message = TYPED + "\r\nSecond line,\tafter a tab."
    data = {"submission": token, "language": "en", "contact": "conversation", "message": message}
    receipt = client.post(f"/en/help/{code}/", urlencode(data), content_type=FORM)  # a browser
    words = re.search(r"<strong data-passphrase>([a-z ]+)</strong>", receipt.content.decode())
    assert receipt.status_code == 200 and words, "the request was refused"
    passphrase = words.group(1)
    request = HelpRequest.objects.get(receipt_locator=receipts.locator_of(passphrase))
    stored = [m.text for m in conversation.read_messages(request)]
    assert stored == [TYPED_CLEAN + "\r\nSecond line,\tafter a tab."]

    typed_words = passphrase.replace(" ", " \x00", 1)
    page = Client().post("/en/help/conversation/", {"passphrase": typed_words})
    assert page.status_code == 200 and TYPED_CLEAN in page.content.decode()


def test_a_recruiting_application_is_kept_without_its_nul_bytes(world: dict) -> None:
    from recruitment.models import Application

    network = world["network_a"]
    data = {
        "name": "Ma\x00rie Tremblay",
        "email": "marie@walk.test",
        "roles": ["helper"],
        "motivation": "Parce que\x00 j'écoute.\x01",
        "qualities": ["listening"],
        "consent": "on",
    }
    response = Client().post(f"/en/n/{network.code}/apply/", data)
    assert response.status_code < 500
    application = Application.objects.filter(network=network, email="marie@walk.test").first()
    assert application is not None, response.content.decode()[:3000]
    assert application.name == "Marie Tremblay"
    assert application.motivation == "Parce que j'écoute."
