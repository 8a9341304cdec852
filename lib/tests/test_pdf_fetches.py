"""Rendering a PDF never reaches the network: neither the HTML nor any stylesheet may fetch
from a server, here a local one that records every connection."""

import socket
import threading
from collections.abc import Iterator

import pytest

from conftest import skip_or_fail
from lib.pdf import html_to_pdf


@pytest.fixture
def listener() -> Iterator[tuple[int, list]]:
    """A local TCP server on a free port; yields the port and the connections it received."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    connections: list = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, address = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connections.append(address)
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join(timeout=2)
    server.close()


@pytest.fixture
def weasyprint() -> None:
    try:
        import weasyprint  # noqa: F401
    except OSError:
        skip_or_fail("WeasyPrint needs Pango (apt-get install libpango-1.0-0 libpangoft2-1.0-0)")


@pytest.mark.usefixtures("weasyprint")
def test_a_stylesheet_reaches_no_server(listener: tuple[int, list]) -> None:
    port, connections = listener
    base = f"http://127.0.0.1:{port}"
    extra_css = (
        f"@import url({base}/imported.css);\n"
        f"body {{ background: url({base}/background.png); }}\n"
        f"@font-face {{ font-family: Far; src: url({base}/font.woff); }}\n"
        "p { font-family: Far; }"
    )
    pdf = html_to_pdf("<p>Bonjour</p>", "reports/report-print.css", extra_css)
    assert pdf.startswith(b"%PDF")
    assert connections == []


@pytest.mark.usefixtures("weasyprint")
def test_the_html_reaches_no_server_either(listener: tuple[int, list]) -> None:
    port, connections = listener
    base = f"http://127.0.0.1:{port}"
    html = (
        f'<link rel="stylesheet" href="{base}/linked.css">'
        f"<style>@import url({base}/in-style.css);</style>"
        f'<p>Bonjour <img src="{base}/image.png"></p>'
    )
    assert html_to_pdf(html, "reports/report-print.css").startswith(b"%PDF")
    assert connections == []
