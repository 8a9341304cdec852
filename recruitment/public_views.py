"""A network's public page, reached by the code on its poster or from the workplace finder: first
how to ask one of its peer helpers for help and the workplace's own resources, then recruiting
and the form to apply. No account, no cookie."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from lib.i18n import current_language
from recruitment.access import public_network
from recruitment.actions import ApplicationsPaused, submit_application
from recruitment.forms import ApplicationForm


def find(request: HttpRequest) -> HttpResponse:
    """The old code page: the workplace finder takes codes and names now, so there is one way in."""
    url = reverse("support_public:find")
    code = request.GET.get("code", "")
    return redirect(f"{url}?{urlencode({'code': code})}" if code else url)


def network_page(request: HttpRequest, code: str) -> HttpResponse:
    network = public_network(code)
    context = {
        "network": network,
        "resources": network.public_resources(),
        "roles_text": f"recruitment/public/roles.{current_language()}.html",
    }
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
