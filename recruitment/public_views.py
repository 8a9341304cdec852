"""The public side of recruiting: a page per network, reached by the code on its poster, and the
form to apply. No account, no cookie."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt

from lib.i18n import current_language
from recruitment.access import public_network
from recruitment.actions import ApplicationsPaused, submit_application
from recruitment.forms import ApplicationForm


def find(request: HttpRequest) -> HttpResponse:
    """Where a person types the code printed on a poster."""
    code = request.GET.get("code", "").strip().replace(" ", "")
    not_found = False
    if code:
        try:
            return redirect("recruitment_public:network", code=public_network(code).code)
        except Http404:
            not_found = True
    return render(request, "recruitment/public/find.html", {"code": code, "not_found": not_found})


def network_page(request: HttpRequest, code: str) -> HttpResponse:
    network = public_network(code)
    roles_text = f"recruitment/public/roles.{current_language()}.html"
    context = {"network": network, "roles_text": roles_text}
    return render(request, "recruitment/public/network.html", context)


# No CSRF token: the form is anonymous and opens no session, and a token would need a cookie,
# which public pages never set. A forged submission can only add an application to a network,
# which anyone may do; the honeypot and the hourly cap per network limit abuse.
@csrf_exempt
def apply(request: HttpRequest, code: str) -> HttpResponse:
    network = public_network(code)
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(data, network=network)
    status, paused = 200, False
    if request.method == "POST" and form.is_valid():
        if form.is_from_a_robot():
            return redirect("recruitment_public:thanks", code=network.code)
        try:
            submit_application(network, form.application_fields())
        except ApplicationsPaused:
            status, paused = 429, True
        else:
            return redirect("recruitment_public:thanks", code=network.code)
    context = {"network": network, "form": form, "paused": paused}
    return render(request, "recruitment/public/apply.html", context, status=status)


def thanks(request: HttpRequest, code: str) -> HttpResponse:
    network = public_network(code)
    return render(request, "recruitment/public/thanks.html", {"network": network})
