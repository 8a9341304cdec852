from uuid import UUID

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from directory.forms import SearchForm
from directory.models import Service, open_service_ids
from directory.search import search_services
from regions.models import Region

RESULTS_PER_PAGE = 20


# The search form is sent by POST so that what a person types never appears in the address bar,
# the browser history or a server's access log. Searching changes nothing, hence no CSRF token
# (which would need a cookie).
@csrf_exempt
def search(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    form = SearchForm(data or None)
    context: dict = {"form": form, "searched": False}
    if form.is_valid():
        context.update(run_search(form.cleaned_data))
    template = "directory/_results.html" if request.htmx else "directory/search.html"
    status = 400 if form.errors else 200
    return render(request, template, context, status=status)


def run_search(criteria: dict) -> dict:
    services = filtered_services(criteria)
    query = criteria["q"].strip()
    crisis, corrections, workplace = False, {}, False
    if query:
        filtered = any(criteria[key] for key in ("topic", "region", "language", "open_now"))
        outcome = search_services(query, candidates=services if filtered else None)
        crisis, corrections, workplace = outcome.crisis, outcome.corrections, outcome.workplace
        ordered_ids = outcome.service_ids
    else:
        ordered_ids = list(services.order_by("name_fr").values_list("id", flat=True))
    page = Paginator(ordered_ids, RESULTS_PER_PAGE).get_page(criteria["page"] or 1)
    by_id = Service.objects.prefetch_related("phones", "schedules").in_bulk(page.object_list)
    results = [by_id[service_id] for service_id in page.object_list if service_id in by_id]
    now = timezone.now()
    for service in results:
        service.open_now = service.is_open_at(now)
    return {
        "searched": bool(query) or any(criteria[k] for k in ("topic", "region", "language")),
        "query": query,
        "results": results,
        "page": page,
        "crisis": crisis,
        "corrections": corrections,
        "workplace": workplace,
    }


def filtered_services(criteria: dict) -> QuerySet[Service]:
    services = Service.objects.active()
    if criteria["topic"]:
        services = services.filter(topics__code=criteria["topic"])
    if criteria["region"]:
        services = services.in_region(Region.objects.get(code=criteria["region"]))
    if criteria["language"]:
        services = services.speaking(criteria["language"])
    if criteria["open_now"]:
        services = services.filter(id__in=open_service_ids(timezone.now()))
    return services


def service_detail(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = get_object_or_404(Service.objects.active().with_details(), id=service_id)
    service.open_now = service.is_open_at(timezone.now())
    return render(request, "directory/service.html", {"service": service})
