"""No page for staff opens on a password alone: every staff URL of the project, in every app,
refuses a session whose second factor was not checked."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from accounts.tests.conftest import World

PUBLIC_NAMESPACES = ("public:", "directory:", "api:", "recruitment_public:", "support_public:")
PUBLIC_ACCOUNT_PAGES = {
    "health",  # what a monitor asks: names no person and no page
    "health_worker",
    "accounts:login",
    "accounts:login_code",
    "accounts:logout",
    "accounts:enrol",
    "accounts:invitation",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
}


def staff_routes(resolver: URLResolver, prefix: str = "", namespace: str = "") -> list[str]:
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            space = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += staff_routes(entry, route, space)
        elif isinstance(entry, URLPattern) and entry.name:
            name = namespace + entry.name
            if not name.startswith(PUBLIC_NAMESPACES) and name not in PUBLIC_ACCOUNT_PAGES:
                found.append(route)
    return found


def concrete(route: str) -> str:
    """The route with a plausible value in each parameter (the check comes before any lookup)."""
    route = route.replace("^", "").replace("$", "")
    return "/" + re.sub(r"<(\w+:)?(\w+)>", lambda m: "1" if m.group(1) == "int:" else "x", route)


def test_the_walk_covers_the_staff_pages() -> None:
    with translation.override("fr"):
        urls = [concrete(route) for route in staff_routes(get_resolver())]
    for url in ["/fr/account/", "/fr/account/invite/", "/fr/account/recovery-codes/", "/fr/audit/"]:
        assert url in urls
    assert "/fr/account/login/" not in urls


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_password_only_session_opens_no_staff_page(world: World, method: str) -> None:
    client = Client()
    client.force_login(world["admin"])  # the password was right; no code was given
    opened = []
    for route in staff_routes(get_resolver()):
        url = concrete(route)
        response = getattr(client, method)(url)
        if response.status_code < 300 or response.status_code >= 500:
            opened.append(f"{method.upper()} {url}: {response.status_code}")
        elif response.status_code == 302:
            assert "/account/login/" in response["Location"], url
    assert not opened, "\n".join(opened)
