"""The workplace finder: how a worker in distress finds their own workplace's network, by a
name, by the code on the network's poster, or by region. No account, no cookie."""

import re

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from lib.i18n import current_language
from networks.finder import find_networks
from networks.forms import WorkplaceSearchForm
from networks.models import Network
from regions.models import Region

NETWORKS_PER_PAGE = 30
# What a poster's code looks like once spaces and dashes are gone: "k7q 4mz" is "K7Q4MZ".
CODE = re.compile(r"[A-Z0-9]{6}")
CODE_SEPARATORS = re.compile(r"[\s\-‐‑–—.]+")


def as_code(text: str) -> str | None:
    code = CODE_SEPARATORS.sub("", text).upper()
    return code if CODE.fullmatch(code) else None


def network_with_code(code: str) -> Network | None:
    return Network.objects.filter(code__iexact=code).first()


# The name form is sent by POST so that what a person types never lands in the address bar, the
# history or an access log. Finding changes nothing, hence no CSRF token (which would need a
# cookie, and public pages set none).
@csrf_exempt
def find(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return find_by_name_or_code(request, request.POST)
    if "code" in request.GET:  # the old code page (/n/?code=) sends people here
        return find_by_name_or_code(request, {"q": request.GET["code"]})
    return render_finder(request, WorkplaceSearchForm(), region=chosen_region(request))


def find_by_name_or_code(request: HttpRequest, data: object) -> HttpResponse:
    form = WorkplaceSearchForm(data)
    if not form.is_valid():
        return render_finder(request, form)
    text = form.cleaned_data["q"]
    code = as_code(text)
    network = network_with_code(code) if code else None
    if network is not None:
        return redirect("recruitment_public:network", code=network.code)
    results = find_networks(text, current_language())
    # Six letters such as "QUEBEC" may be a name or a code; with a digit, a code.
    if code and any(c.isdigit() for c in code):
        message = _(
            "No network uses the code %(code)s. Check the code on the poster: six letters and "
            "digits."
        )
        form.add_error("q", message % {"code": code})
    elif code and not results:
        form.add_error("q", _("No workplace has this name, and no network uses it as a code."))
    return render_finder(request, form, results=results, searched=True)


def chosen_region(request: HttpRequest) -> Region | None:
    code = request.GET.get("region", "")
    return Region.objects.filter(code=code).first() if code.isdigit() and len(code) == 2 else None


def render_finder(
    request: HttpRequest,
    form: WorkplaceSearchForm,
    *,
    results: list[Network] | None = None,
    searched: bool = False,
    region: Region | None = None,
) -> HttpResponse:
    context = {
        "form": form,
        "results": results or [],
        "searched": searched,
        "regions": regions_with_counts(),
        "region": region,
    }
    if region is not None:
        networks = (
            Network.objects.findable()
            .in_region(region)
            .select_related("union", "employer", "region")
        )
        context["page"] = Paginator(networks, NETWORKS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "support/public/find.html", context)


def regions_with_counts() -> list[Region]:
    """The 17 regions, each with how many findable networks it has."""
    findable = Q(networks__findable_by_name=True)
    return list(Region.objects.annotate(findable_networks=Count("networks", filter=findable)))
