import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from public.pages import PAGES

PUBLIC_PAGES = ["/fr/", "/en/", "/fr/directory/", "/en/directory/"] + [
    f"/{language}/about/{slug}/" for slug in PAGES for language in ("fr", "en")
]


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.mark.django_db
def test_the_root_sends_french_speakers_to_the_french_home(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


@pytest.mark.django_db
def test_the_root_defaults_to_french_without_a_language_preference(client: Client) -> None:
    assert client.get("/")["Location"] == "/fr/"


@pytest.mark.django_db
def test_the_french_home_offers_the_four_ways_to_get_help(client: Client) -> None:
    html = client.get("/fr/").content.decode()
    assert "<h1>Besoin d’aide" in html
    for way in ["entraidant", "programme d’aide aux employés", "médecin", "811"]:
        assert way in html


@pytest.mark.django_db
def test_the_english_home_offers_the_four_ways_to_get_help(client: Client) -> None:
    html = client.get("/en/").content.decode()
    assert "<h1>Need help?</h1>" in html
    for way in ["peer helper", "employee assistance program", "doctor", "811"]:
        assert way in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_has_the_crisis_strip_and_quick_exit(client: Client, url: str) -> None:
    html = client.get(url).content.decode()
    for href in ["tel:911", "tel:+18662773553", "sms:535353", "tel:988"]:
        assert f'href="{href}"' in html
    assert "1 866 APPELLE" in html
    assert html.index('class="crisis"') < html.index("<main")
    assert f'href="{settings.QUICK_EXIT_URL}" data-quick-exit' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", [*PUBLIC_PAGES, "/fr/help/", "/en/help/conversation/", "/fr/nowhere/"]
)
def test_every_public_page_offers_first_a_peer_helper_of_my_workplace(
    client: Client, url: str
) -> None:
    html = client.get(url).content.decode()
    language = url.split("/")[1]
    menu = html[html.index('<nav class="nav"') : html.index("</nav>")]
    links = re.findall(r'href="([^"]+)"', menu)
    assert links[:2] == [f"/{language}/help/", f"/{language}/help/conversation/"]
    footer = html[html.index('<footer class="foot"') :]
    assert f'href="/{language}/account/login/"' in footer


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_set_no_cookie_and_are_not_stored(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.cookies == {} and "Set-Cookie" not in response.headers
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_ask_for_nothing_from_another_site(client: Client, url: str) -> None:
    response = client.get(url)
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    loaded = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', html)
    assert loaded and all(s.startswith(("/", "data:")) for s in loaded), loaded
    assert all(not s.startswith("//") for s in sources)
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "<script>" not in html and " style=" not in html


@pytest.mark.django_db
def test_the_home_page_weighs_under_50_kb_with_its_css_and_js(client: Client) -> None:
    html = client.get("/fr/").content.decode()
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="/static/([^"]+)"', html)
    size = len(html.encode())
    for asset in assets:
        path = finders.find(asset)
        assert path, asset
        with open(path, "rb") as file:
            size += len(file.read())
    assert size < 50_000, f"home page weighs {size} bytes"


@pytest.mark.django_db
def test_the_language_switch_keeps_the_page(client: Client) -> None:
    html = client.get("/fr/about/faq/").content.decode()
    assert 'href="/en/about/faq/" hreflang="en" lang="en">English</a>' in html
    html = client.get("/en/directory/").content.decode()
    assert 'href="/fr/directory/" hreflang="fr" lang="fr">Français</a>' in html


@pytest.mark.django_db
def test_the_language_switch_keeps_the_service_shown(client: Client, reference_data: None) -> None:
    from directory.models import Service

    service = Service.objects.get(name_en="Gambling Help and Referral")
    html = client.get(f"/fr/directory/service/{service.id}/").content.decode()
    assert f'href="/en/directory/service/{service.id}/"' in html


@pytest.mark.django_db
def test_an_unknown_information_page_is_not_found(client: Client) -> None:
    assert client.get("/fr/about/nothing-here/").status_code == 404
