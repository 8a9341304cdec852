from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.decorators import staff_required
from audit.models import AuditEvent, record
from networks.access import is_admin

EVENTS_PER_PAGE = 50


def audit_events_for_user(user: object) -> QuerySet[AuditEvent]:
    """The audit trail, for platform administrators only; 404 for anyone else."""
    if not is_admin(user):
        raise Http404
    return AuditEvent.objects.all()


@staff_required
def events(request: HttpRequest) -> HttpResponse:
    trail = audit_events_for_user(request.user)
    record(request.user, "audit.viewed")
    actions = list(trail.order_by("action").values_list("action", flat=True).distinct())
    action = request.GET.get("action", "")
    if action not in actions:
        action = ""
    shown = trail.filter(action=action) if action else trail
    page = Paginator(shown.select_related("actor"), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "audit/events.html",
        {
            "page": page,
            "actions": actions,
            "action": action,
            "filter_query": urlencode({"action": action}) + "&" if action else "",
        },
    )
