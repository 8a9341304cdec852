"""Headers that keep a person's visit private, and a clear page for an unreadable key."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lib.crypto import KeyUnavailable
from lib.error_views import key_unavailable

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


class PrivacyHeadersMiddleware:
    """No third party, no referrer, and no copy of a page kept by the browser or a proxy.

    Any page can reveal what a person is going through (a search, a help line they opened), so
    every HTML and JSON response is `no-store` unless a view has chosen its own caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if not request.path.startswith("/static/") and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response


class KeyUnavailableMiddleware:
    """A conversation or a private note whose data key none of ENTRAIDE_MASTER_KEYS unwraps
    (its master key was removed before `rotate_keys`, or lost) answers a page that says so,
    wherever the key was needed, instead of a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, KeyUnavailable):
            return key_unavailable(request)
        return None
