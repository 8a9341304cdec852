"""Error pages that still help: the crisis strip, the quick exit and the ways to get help, in the
language of the address (French when it has none).

Wired in entraide/urls.py (handler400/403/404/500) and settings.CSRF_FAILURE_VIEW.
"""

import logging
from html import escape

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language_from_path
from django.views.decorators.csrf import requires_csrf_token

from lib.context_processors import site
from lib.crisis_lines import CRISIS_LINES
from lib.log_filters import view_name

logger = logging.getLogger(__name__)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, "errors/400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, "errors/403.html", 403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_page(request, "errors/403_csrf.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, "errors/404.html", 404)


def too_many_requests(request: HttpRequest, wait_seconds: int | None = None) -> HttpResponse:
    """For a view that pauses a form: `return too_many_requests(request, wait_seconds=60)`."""
    response = error_page(request, "errors/429.html", 429, {"wait": wait_seconds})
    if wait_seconds:
        response.headers["Retry-After"] = str(wait_seconds)
    return response


def key_unavailable(request: HttpRequest) -> HttpResponse:
    """A conversation or note whose data key no master key unwraps (lib.crypto.KeyUnavailable):
    the person is told it cannot be shown now and where else to find help, the helper to tell
    the administrator. A message the person or the helper had just written is shown back, to
    copy: it could not be saved. One log line, naming the view only."""
    match = request.resolver_match
    namespace = match.namespace if match else ""
    typed = request.POST.get("text", "") if request.method == "POST" else ""
    context = {
        "for_person": namespace == "support_public",
        "for_note": namespace == "records",
        "typed": typed.strip(),
    }
    logger.error(
        "%s could not be shown: its data key does not unwrap with ENTRAIDE_MASTER_KEYS "
        "(see manage.py check --deploy).",
        view_name(request),
    )
    response = error_page(request, "errors/key_unavailable.html", 503, context)
    response._has_been_logged = True  # Django would add a line with the path: ours is enough
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """Renders without the request's context processors (no session, no user, so no query:
    the database may be what failed), and falls back to a fixed page if even that fails."""
    try:
        language = address_language(request)
        with translation.override(language):
            context = {**site(request), **language_switch(request, language), "status": 500}
            body = render_to_string("errors/500.html", context)
        response = HttpResponseServerError(body)
        response.headers["Content-Language"] = language
        return response
    except Exception:
        return HttpResponseServerError(last_resort_page())


@requires_csrf_token
def error_page(
    request: HttpRequest, template: str, status: int, context: dict | None = None
) -> HttpResponse:
    language = address_language(request)
    with translation.override(language):
        context = {**(context or {}), **language_switch(request, language), "status": status}
        response = render(request, template, context, status=status)
    response.headers["Content-Language"] = language
    return response


def address_language(request: HttpRequest) -> str:
    return get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def language_switch(request: HttpRequest, language: str) -> dict:
    """The same address in the other language: the page that failed may not resolve, so the
    prefix is swapped rather than the URL translated (which would return it unchanged)."""
    other = "en" if language == "fr" else "fr"
    path = request.path_info
    prefix = get_language_from_path(path)
    rest = path[len(prefix) + 1 :] if prefix else path
    return {"other_language": other, "other_language_url": f"/{other}{rest}"}


def last_resort_page() -> str:
    """Both languages, the crisis numbers and the quick exit; nothing here can fail."""
    lines = "".join(
        f'<li><a href="{escape(line.href)}">{escape(line.display)}'
        f"{' (texto / text)' if line.kind == 'text' else ''}</a></li>"
        for line in CRISIS_LINES
    )
    exit_url = escape(getattr(settings, "QUICK_EXIT_URL", "https://www.google.com/"))
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Erreur · Error · Entraide</title></head><body>"
        "<p>En danger ou vous pensez au suicide ? De l’aide maintenant, 24/7 :</p>"
        '<p lang="en">In danger or thinking of suicide? Help now, 24/7:</p>'
        f"<ul>{lines}</ul>"
        f'<p><a href="{exit_url}" data-quick-exit rel="noreferrer">Sortie rapide · '
        '<span lang="en">Quick exit</span></a></p>'
        "<h1>Une erreur s’est produite.</h1>"
        '<p lang="en">Something went wrong.</p>'
        '<p><a href="/fr/">Accueil</a> · <a href="/en/" lang="en">Home</a></p>'
        "</body></html>"
    )
