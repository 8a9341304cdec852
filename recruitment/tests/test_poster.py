"""The recruiting poster, as a page and as a PDF, with a QR code of the network's public page."""

import re
import shutil
import subprocess
import zlib

import pytest
from django.test import RequestFactory
from django.utils import translation

from recruitment.poster import public_page_url, qr_code_data_uri
from recruitment.tests.conftest import World


def pdf_text(pdf: bytes, tmp_path: object) -> str:
    """The PDF's text when poppler's pdftotext is installed; else its decompressed objects
    (where the title, which holds the code, and the link to the public page are readable)."""
    if shutil.which("pdftotext"):
        path = tmp_path / "poster.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    return expanded(pdf).decode("latin-1")


def expanded(pdf: bytes) -> bytes:
    """The PDF with each compressed stream appended, decompressed."""
    parts = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_the_qr_code_encodes_the_networks_public_page(world: World, settings: object) -> None:
    settings.ALLOWED_HOSTS = ["entraide.example"]
    request = RequestFactory().get("/fr/", HTTP_HOST="entraide.example")
    with translation.override("fr"):
        url = public_page_url(request, world.network_a)
    assert url == "http://entraide.example/fr/n/ALPHA2/"


def test_the_qr_code_address_is_in_the_language_of_the_poster(
    world: World, settings: object
) -> None:
    settings.ALLOWED_HOSTS = ["entraide.example"]
    request = RequestFactory().get("/en/", secure=True, HTTP_HOST="entraide.example")
    with translation.override("en"):
        assert public_page_url(request, world.network_a) == "https://entraide.example/en/n/ALPHA2/"


def test_the_poster_page_shows_the_code_the_address_and_the_qr_code(world: World) -> None:
    response = world.client_for("coordinator_a").get(
        f"/en/recruiting/network/{world.network_a.pk}/poster/"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Need to talk? Want to help?" in html
    assert "Réseau Alpha" in html
    assert '<p class="poster-code">ALPHA2</p>' in html
    url = "http://testserver/en/n/ALPHA2/"
    assert f'href="{url}"' in html
    assert qr_code_data_uri(url) in html.replace("&amp;", "&").replace("&#x27;", "'")
    assert "poster.pdf?paper=a4" in html


def test_the_pdf_poster_is_a_pdf_with_the_code_and_the_public_page(
    world: World, tmp_path: object
) -> None:
    response = world.client_for("liaison_a").get(
        f"/fr/recruiting/network/{world.network_a.pk}/poster.pdf"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    text = pdf_text(pdf, tmp_path)
    assert "ALPHA2" in text
    if not shutil.which("pdftotext"):
        assert "http://testserver/fr/n/ALPHA2/" in text


@pytest.mark.parametrize(("paper", "width"), [("letter", b"612"), ("a4", b"595.")])
def test_the_pdf_poster_is_one_page_of_letter_or_a4(world: World, paper: str, width: bytes) -> None:
    world.network_a.name = "Syndicat des travailleuses et travailleurs du CHSLD " * 3
    world.network_a.save()
    response = world.client_for("admin").get(
        f"/en/recruiting/network/{world.network_a.pk}/poster.pdf", {"paper": paper}
    )
    pdf = expanded(response.content)
    assert len(re.findall(rb"/Type /Page(?!s)", pdf)) == 1
    assert re.search(rb"/MediaBox \[0 0 " + re.escape(width), pdf)


def test_the_pdf_fetches_nothing_but_its_qr_code(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint.urls import URLFetcher

    fetched = []
    original = URLFetcher.fetch

    def spy(self: URLFetcher, url: str, *args: object, **kwargs: object) -> object:
        fetched.append(url.split(",")[0])
        return original(self, url, *args, **kwargs)

    monkeypatch.setattr(URLFetcher, "fetch", spy)
    world.client_for("admin").get(f"/en/recruiting/network/{world.network_a.pk}/poster.pdf")
    assert fetched and all(url.startswith("data:") for url in fetched)


def test_the_pdf_poster_says_so_clearly_when_the_server_cannot_make_pdfs(
    world: object, monkeypatch: object
) -> None:
    def no_pango(html: str, paper: str) -> bytes:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr("recruitment.poster_views.poster_pdf", no_pango)
    network = world.network_a
    response = world.client_for("coordinator_a").get(
        f"/en/recruiting/network/{network.pk}/poster.pdf"
    )
    assert response.status_code == 503
    assert "cannot make PDF files" in response.content.decode()
