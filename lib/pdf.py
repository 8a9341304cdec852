"""Printing HTML to PDF with WeasyPrint, for posters and reports. Only data: URLs are fetched
(QR codes), by the HTML and by every stylesheet alike: rendering never reaches the network or
the file system."""

import logging

from django.contrib.staticfiles import finders

# WeasyPrint reports each rendering step at INFO level: noise in the server's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def html_to_pdf(html: str, stylesheet: str, extra_css: str = "") -> bytes:
    """The PDF of `html` styled by the static file `stylesheet` and `extra_css`. Raises OSError
    where WeasyPrint's system libraries (Pango) are missing: callers answer 503."""
    # Imported here so that every other page works where Pango is missing.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # A CSS object fetches its @import and url() with WeasyPrint's default fetcher unless given
    # one: the HTML's alone would leave stylesheets free to reach anywhere.
    fetcher = URLFetcher(allowed_protocols={"data"})
    with open(finders.find(stylesheet), encoding="utf-8") as file:
        stylesheets = [CSS(string=file.read(), url_fetcher=fetcher)]
    if extra_css:
        stylesheets.append(CSS(string=extra_css, url_fetcher=fetcher))
    document = HTML(string=html, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets)
