"""The recruiting poster: the network's public page as a link, a code typed by hand and a QR
code, as an HTML page and as a printable PDF."""

import segno
from django.http import HttpRequest
from django.urls import reverse

from lib.pdf import html_to_pdf
from networks.models import Network

STYLESHEET = "recruitment/poster.css"

PAPER_SIZES = {"letter": "letter", "a4": "A4"}


def public_page_url(request: HttpRequest, network: Network) -> str:
    """The absolute address of the network's public page, in the current language: what the QR
    code encodes and what the poster prints."""
    return request.build_absolute_uri(reverse("recruitment_public:network", args=[network.code]))


def qr_code_data_uri(url: str) -> str:
    """An SVG QR code of `url`, ready for an <img src>."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=10, border=2)


def poster_pdf(html: str, paper: str = "letter") -> bytes:
    """Prints the poster's HTML to PDF on Letter or A4 paper."""
    page = f"@page {{ size: {PAPER_SIZES.get(paper, 'letter')}; margin: 1.5cm; }}"
    return html_to_pdf(html, STYLESHEET, page)
