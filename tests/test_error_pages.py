"""Error pages that still help (issue 9, item 9): every refusal and every failure answers with the
crisis strip, the quick exit and the ways to get help, in the language of the address; and no
log keeps the path of a refused request (a mistyped poster code says who sought help).

The French assertions need the compiled catalogue (locale/pending/errors.po merged)."""

import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.test import Client, RequestFactory, override_settings

from conftest import make_staff_user, sign_in
from lib.error_views import too_many_requests

CRISIS_LINKS = ["tel:911", "tel:+18662773553", "sms:535353", "tel:988"]
HEADINGS = {
    400: {"fr": "Cette adresse n’a pas pu être lue", "en": "This address could not be read"},
    403: {"fr": "Vous ne pouvez pas ouvrir cette page", "en": "You cannot open this page"},
    "csrf": {"fr": "Votre formulaire n’a pas pu être envoyé", "en": "Your form could not be sent"},
    404: {"fr": "Cette page n’existe pas", "en": "This page does not exist"},
    429: {"fr": "Trop de tentatives", "en": "Too many attempts"},
    500: {
        "fr": "Une erreur s’est produite de notre côté",
        "en": "Something went wrong on our side",
    },
}
LANGUAGES = ["fr", "en"]


@pytest.fixture(autouse=True)
def debug_off() -> Iterator[None]:
    with override_settings(DEBUG=False):
        yield


def assert_it_still_helps(
    response: object, status: int, heading: str, language: str, no_store: bool = True
) -> None:
    """The page a person sees: ours, in their language, with every way out and every way on."""
    assert response.status_code == status
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert f"<h1>{heading}</h1>" in body
    for href in CRISIS_LINKS:
        assert f'href="{href}"' in body, href
    assert "data-quick-exit" in body
    assert f'href="/{language}/help/"' in body  # talk to a peer helper of my workplace
    assert f'href="/{language}/directory/"' in body
    assert f'href="/{language}/"' in body
    if no_store:  # set by lib.middleware on the way out
        assert response.headers["Cache-Control"] == "no-store"


def a_view_that_fails(error: Exception) -> mock._patch:
    """The home page's view raising `error`, as a bug or a refusal would."""
    return mock.patch("public.views.render", side_effect=error)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_it_answers_a_mistyped_help_code_with_a_page_that_still_helps(
    client: Client, language: str
) -> None:
    response = client.get(f"/{language}/help/ABCDEF/")
    assert_it_still_helps(response, 404, HEADINGS[404][language], language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_it_answers_a_mistyped_recruiting_code_with_a_page_that_still_helps(
    client: Client, language: str
) -> None:
    response = client.get(f"/{language}/n/XYZ/")
    assert_it_still_helps(response, 404, HEADINGS[404][language], language)


def test_it_answers_an_address_without_a_language_in_french(client: Client) -> None:
    response = client.get("/nowhere-at-all/", HTTP_ACCEPT_LANGUAGE="en")
    assert_it_still_helps(response, 404, HEADINGS[404]["fr"], "fr")


def test_it_offers_the_same_address_in_the_other_language(client: Client) -> None:
    body = client.get("/fr/nowhere-at-all/").content.decode()
    assert 'href="/en/nowhere-at-all/" hreflang="en"' in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_answers_a_request_it_cannot_read_with_a_page_that_still_helps(
    client: Client, language: str
) -> None:
    response = client.get(f"/{language}/", HTTP_HOST="unknown-host.invalid")
    assert_it_still_helps(response, 400, HEADINGS[400][language], language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_answers_a_refusal_with_a_page_that_still_helps(client: Client, language: str) -> None:
    with a_view_that_fails(PermissionDenied()):
        response = client.get(f"/{language}/")
    assert_it_still_helps(response, 403, HEADINGS[403][language], language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_it_answers_a_form_sent_without_its_token_with_a_page_that_still_helps(
    language: str,
) -> None:
    client = Client(enforce_csrf_checks=True)
    data = {"username": "helper@example.test", "password": "a long test passphrase"}
    response = client.post(f"/{language}/account/login/", data)
    assert_it_still_helps(response, 403, HEADINGS["csrf"][language], language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_answers_a_failing_view_with_a_page_that_still_helps(language: str) -> None:
    client = Client(raise_request_exception=False)
    with a_view_that_fails(RuntimeError("a bug")):
        response = client.get(f"/{language}/")
    assert_it_still_helps(response, 500, HEADINGS[500][language], language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("visitor", ["a person seeking help", "a signed-in helper"])
def test_it_still_helps_when_the_database_is_down(language: str, visitor: str) -> None:
    client = Client(raise_request_exception=False)
    if visitor == "a signed-in helper":  # whose session and account live in the database
        sign_in(client, make_staff_user("helper@errors.test", "Hélène"))
    down = OperationalError("could not connect to server")
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=down):
        response = client.get(f"/{language}/help/ABCDEF/")
    assert_it_still_helps(response, 500, HEADINGS[500][language], language)


def test_it_still_shows_the_crisis_numbers_when_even_the_error_page_fails(
    tmp_path: Path,
) -> None:
    """Deployed without `collectstatic`: every template's {% static %} fails, the 500 page's too."""
    manifest = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": manifest},
    }
    client = Client(raise_request_exception=False)
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path):
        response = client.get("/fr/")
    assert response.status_code == 500
    body = response.content.decode()
    for href in CRISIS_LINKS:
        assert f'href="{href}"' in body, href
    assert "data-quick-exit" in body
    assert "Une erreur s’est produite." in body and "Something went wrong." in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_pauses_a_form_with_a_page_that_still_helps(language: str) -> None:
    request = RequestFactory().post(f"/{language}/n/ABC/apply/")
    response = too_many_requests(request, wait_seconds=60)
    assert_it_still_helps(response, 429, HEADINGS[429][language], language, no_store=False)
    assert response.headers["Retry-After"] == "60"
    wait = {"fr": "Veuillez attendre 60 secondes", "en": "Please wait 60 seconds"}[language]
    assert wait in response.content.decode()


# Logs: the path of a refused request is never written down.


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    """Each record as a handler could write it: message, traceback and every attribute."""
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(r) + repr(vars(r)) for r in caplog.records)


@pytest.mark.django_db
def test_it_never_logs_a_mistyped_code(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client.get("/fr/help/ABCDEF/")
    client.get("/fr/n/XYZ/")
    client.get("/en/help/ABCDEF/", HTTP_HOST="unknown-host.invalid")
    logged = everything_logged(caplog)
    for secret in ["ABCDEF", "XYZ", "/help/", "/n/"]:
        assert secret not in logged
    assert [r.getMessage() for r in caplog.records if r.name.startswith("django.")] == [
        "404 answered",
        "404 answered",
        "400 answered (DisallowedHost)",
    ]


@pytest.mark.django_db
def test_it_never_logs_the_address_of_a_refused_form(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    Client(enforce_csrf_checks=True).post("/fr/account/login/", {"username": "a@example.test"})
    assert "account/login" not in everything_logged(caplog)
    assert "403 answered (csrf)" in [r.getMessage() for r in caplog.records]


def test_it_logs_a_failure_with_its_traceback_and_its_view_but_not_its_address(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with a_view_that_fails(RuntimeError("a bug")):
        Client(raise_request_exception=False).get("/fr/about/faq/")
    [failure] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert failure.getMessage() == "500 answered by public:page"
    assert failure.exc_info and "RuntimeError: a bug" in everything_logged(caplog)
    assert "about/faq" not in everything_logged(caplog)


def test_the_access_log_keeps_no_path_of_any_page_and_no_size(tmp_path: Path) -> None:
    """gunicorn.conf.py's format, through lib.gunicorn_access_log's logger."""
    import runpy

    from gunicorn.config import Config

    from lib.gunicorn_access_log import AccessLogWithoutPagePaths

    config = Config()
    settings_file = runpy.run_path(str(Path(__file__).parent.parent / "gunicorn.conf.py"))
    config.set("access_log_format", settings_file["access_log_format"])
    config.set("accesslog", str(tmp_path / "access.log"))
    assert settings_file["logger_class"] == "lib.gunicorn_access_log.AccessLogWithoutPagePaths"
    logger = AccessLogWithoutPagePaths(config)
    visits = [
        ("404 Not Found", "/fr/help/ABCDEF/"),
        ("200 OK", "/en/help/K7M2QX/"),
        ("302 Found", "/help/ZZZZZZ/"),
        ("301 Moved Permanently", "/n/k7m2qx"),
        ("200 OK", "/fr/directory/service/7c1d2e94-0000-4000-8000-000000000000/"),
        ("200 OK", "/static/css/site.css"),
        ("404 Not Found", "/static/K7M2QX.css"),
    ]
    for status, path in visits:
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "RAW_URI": path}
        environ["SERVER_PROTOCOL"] = "HTTP/1.1"
        response = SimpleNamespace(status=status, sent=13685, headers=[])
        logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=5))
    for handler in logger.access_log.handlers:
        handler.flush()
    written = (tmp_path / "access.log").read_text()
    for secret in ("ABCDEF", "K7M2QX", "k7m2qx", "ZZZZZZ", "7c1d2e94", "13685"):
        assert secret not in written
    assert written.count('"GET -"') == 6 and '"GET /static/css/site.css" 200' in written
