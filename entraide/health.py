"""`/health/`: what a load balancer or a monitor asks. It names no person and no page."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from triage import model


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 while the database answers; triage says "model" or "lexicon only" (still working)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError:
        database = "unavailable"
    triage = "model" if model.status() == "model" else "lexicon only"
    return JsonResponse(
        {"database": database, "triage": triage}, status=200 if database == "ok" else 503
    )
