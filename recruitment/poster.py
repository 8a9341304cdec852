"""The recruiting poster: the network's public page as a link, a code typed by hand and a QR
code, as an HTML page and as a printable PDF."""

import logging

import segno
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.urls import reverse

from networks.models import Network

STYLESHEET = "recruitment/poster.css"

# WeasyPrint reports each rendering step at INFO level: noise in the server's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
PAPER_SIZES = {"letter": "letter", "a4": "A4"}


def public_page_url(request: HttpRequest, network: Network) -> str:
    """The absolute address of the network's public page, in the current language: what the QR
    code encodes and what the poster prints."""
    return request.build_absolute_uri(reverse("recruitment_public:network", args=[network.code]))


def qr_code_data_uri(url: str) -> str:
    """An SVG QR code of `url`, ready for an <img src>."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=10, border=2)


def poster_pdf(html: str, paper: str = "letter") -> bytes:
    """Prints the poster's HTML to PDF. Only data: URLs are fetched (the QR code): rendering
    never reaches the network or the file system."""
    # Imported here so that the other recruiting pages work even where WeasyPrint's system
    # libraries (Pango) are missing.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    with open(finders.find(STYLESHEET), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    page = f"@page {{ size: {PAPER_SIZES.get(paper, 'letter')}; margin: 1.5cm; }}"
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[CSS(string=css), CSS(string=page)])
