"""The recruiting poster of a network, for the people who run or support it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from accounts.decorators import staff_required
from networks.models import Network
from recruitment.access import poster_network_for_user
from recruitment.poster import PAPER_SIZES, poster_pdf, public_page_url, qr_code_data_uri


def poster_context(request: HttpRequest, network: Network) -> dict:
    url = public_page_url(request, network)
    return {"network": network, "url": url, "qr_code": qr_code_data_uri(url)}


@staff_required
def poster(request: HttpRequest, network_id: int) -> HttpResponse:
    network = poster_network_for_user(request.user, network_id)
    context = {**poster_context(request, network), "paper_sizes": PAPER_SIZES}
    return render(request, "recruitment/poster/page.html", context)


@staff_required
def poster_download(request: HttpRequest, network_id: int) -> HttpResponse:
    network = poster_network_for_user(request.user, network_id)
    context = poster_context(request, network)
    html = render_to_string("recruitment/poster/print.html", context, request=request)
    paper = request.GET.get("paper", "letter")
    try:
        pdf = poster_pdf(html, paper)
    except OSError:  # WeasyPrint needs the Pango library, which this server lacks
        message = _(
            "This server cannot make PDF files. Print the poster page from your browser instead."
        )
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="poster-{network.code}.pdf"'
    return response
