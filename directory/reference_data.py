"""Loads the directory's reference data (help lines and topics) shipped with the project.

Loading is idempotent: identifiers are derived from each record's key, so running it again
updates the same rows instead of adding copies.
"""

import json
import uuid
from pathlib import Path

from django.db import transaction

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

REFERENCE_FILE = Path(__file__).parent / "reference" / "directory.json"
NAMESPACE = uuid.UUID("6f1c2a43-5d0e-4e53-9a4f-3f0d2b8c7e10")
LANGUAGE_NAMES = {"fr": "français", "en": "English"}


def reference_id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, ":".join(parts))


@transaction.atomic
def load_directory_reference() -> tuple[int, int]:
    data = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    for row in data["taxonomy_terms"]:
        TaxonomyTerm.objects.update_or_create(id=reference_id("term", row["code"]), defaults=row)
    for row in data["services"]:
        load_service(row)
    rebuild_index()
    return len(data["taxonomy_terms"]), len(data["services"])


def load_service(row: dict) -> Service:
    key = row["key"]
    organization, _ = Organization.objects.update_or_create(
        id=reference_id("organization", key),
        defaults={
            **row["organization"],
            "description_fr": row["description_fr"],
            "description_en": row["description_en"],
            "verified_on": row["verified_on"],
        },
    )
    fields = ["name_fr", "name_en", "description_fr", "description_en", "keywords_fr"]
    fields += ["keywords_en", "crisis_rank", "verified_on"]
    service, _ = Service.objects.update_or_create(
        id=reference_id("service", key),
        defaults={"organization": organization, **{f: row[f] for f in fields}},
    )
    for model in (Phone, Schedule, ServiceArea, Language, Attribute):
        model.objects.filter(service=service).delete()
    for i, phone in enumerate(row["phones"]):
        Phone.objects.create(id=reference_id("phone", key, str(i)), service=service, **phone)
    for i, schedule in enumerate(row["schedules"]):
        Schedule.objects.create(
            id=reference_id("schedule", key, str(i)), service=service, **schedule
        )
    ServiceArea.objects.create(
        id=reference_id("service_area", key), service=service, **row["service_area"]
    )
    for code in row["languages"]:
        Language.objects.create(
            id=reference_id("language", key, code),
            service=service,
            code=code,
            name=LANGUAGE_NAMES[code],
        )
    for code in row["topics"]:
        Attribute.objects.create(
            id=reference_id("attribute", key, code),
            service=service,
            taxonomy_term=TaxonomyTerm.objects.get(code=code),
        )
    return service
