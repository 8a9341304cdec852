"""Directory search (placeholder until the search engine lands)."""

import uuid
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet


@dataclass
class SearchOutcome:
    service_ids: list[uuid.UUID]
    crisis: bool = False
    corrections: dict[str, str] = field(default_factory=dict)


def rebuild_index() -> None:
    pass


def search_services(query: str, *, candidates: QuerySet | None = None) -> SearchOutcome:
    from directory.models import Service

    services = candidates if candidates is not None else Service.objects.active()
    matches = services.filter(Q(name_fr__icontains=query) | Q(name_en__icontains=query))
    return SearchOutcome(list(matches.values_list("id", flat=True)))
