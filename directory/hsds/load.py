"""Imports HSDS rows in one language: check everything, then upsert by id in one transaction.

The checks come before any write: the official schemas (in `read`), the references between
tables (against the file and the database), and our models' own field rules. One problem
anywhere and nothing is written.

Languages: the file's texts go to the `_fr` or `_en` fields. A record new to the database gets
the same text in the other language too, until a file in that language brings the translation;
so importing the French export and then the English one recreates both languages.

Each imported service's phones, schedules, service areas, languages and topics become exactly
those of the file; records of other services are left alone. Nothing is ever deleted otherwise.

Crisis lines are guarded: giving, changing or removing a crisis rank, or changing the phone
numbers of a crisis line, is refused unless the caller allows it explicitly.
"""

from collections.abc import Callable

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from directory.hsds.check import (
    BATCH,
    TRANSLATED,
    Checker,
    ImportFailed,
    Plan,
    chunks,
    crisis_changes,
)
from directory.hsds.read import Dataset
from directory.models import (
    Attribute,
    Language,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    TaxonomyTerm,
)
from directory.search import rebuild_index

TABLE_NAMES = {
    TaxonomyTerm: "taxonomy_terms",
    Organization: "organizations",
    Service: "services",
    Phone: "phones",
    Schedule: "schedules",
    ServiceArea: "service_areas",
    Language: "languages",
    Attribute: "attributes",
}
SERVICE_CHILDREN = [Phone, Schedule, ServiceArea, Language, Attribute]
KEPT_ON_UPDATE = {Schedule: ("timezone",)}  # HSDS cannot carry it; an update keeps ours


def import_dataset(
    dataset: Dataset,
    lang: str,
    progress: Callable[[int, int], None] | None = None,
    allow_crisis_changes: bool = False,
    notify: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Checks then imports; raises ImportFailed naming every bad row. Returns counts by table.

    A change to a crisis line (its rank, or its phone numbers) is refused unless
    `allow_crisis_changes`; allowed, each one is passed to `notify`."""
    plan = Checker(dataset, lang).plan()
    changes = crisis_changes(plan)
    if changes and not allow_crisis_changes:
        refusal = _(
            "The file changes crisis lines, which are shown first to a person in crisis. "
            "Check each change below, then import again with --allow-crisis-changes."
        )
        raise ImportFailed([refusal, *changes])
    for change in changes:
        (notify or (lambda message: None))(
            _("Crisis line changed: %(change)s") % {"change": change}
        )
    try:
        with transaction.atomic():
            save(plan, progress or (lambda done, total: None))
            rebuild_index()
    except IntegrityError as error:  # a conflict the checks could not foresee
        raise ImportFailed([str(error)]) from error
    return {TABLE_NAMES[model]: len(rows) for model, rows in plan.records.items()}


def save(plan: Plan, progress: Callable[[int, int], None]) -> None:
    for model in SERVICE_CHILDREN:
        keep = {record.pk for record in plan.records[model]}
        for service_ids in chunks(plan.service_ids):
            current = model.objects.filter(service_id__in=service_ids).values_list("id", flat=True)
            stale = [pk for pk in current if pk not in keep]
            model.objects.filter(id__in=stale).delete()
    done, total = 0, plan.size
    for model, records in plan.records.items():
        update_fields = updated_fields(model, plan.lang)
        start = 0
        while start < len(records):
            # Batches end on multiples of BATCH records overall, where progress is reported.
            batch = records[start : start + BATCH - done % BATCH]
            model.objects.bulk_create(
                batch, update_conflicts=True, unique_fields=["id"], update_fields=update_fields
            )
            start, done = start + len(batch), done + len(batch)
            if done % BATCH == 0:
                progress(done, total)
    # Saving stamps last_modified with the present; the file knows better.
    services = plan.records[Service]
    for service in services:
        if service.pk in plan.last_modified:
            service.last_modified = plan.last_modified[service.pk]
    Service.objects.bulk_update(services, ["last_modified"], batch_size=BATCH)


def updated_fields(model: type[models.Model], lang: str) -> list[str]:
    """The fields an import overwrites on an existing record: not the other language's texts."""
    other = "en" if lang == "fr" else "fr"
    untouched = {f"{name}_{other}" for name in TRANSLATED[model]}
    untouched |= set(KEPT_ON_UPDATE.get(model, ()))
    fields = model._meta.concrete_fields
    return [f.name for f in fields if not f.primary_key and f.name not in untouched]
