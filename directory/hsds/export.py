"""The two export formats, in one language each.

JSON: one document,
    {
      "hsds_version": "3.1",
      "language": "fr",                  the language of every text in the file
      "exported_at": "2025-01-31T12:00:00Z",
      "taxonomies": [taxonomy],          the one taxonomy of topics
      "taxonomy_terms": [taxonomy_term],
      "organizations": [organization],   one-to-one fields, as the compiled organization schema
      "services": [service]              fully nested, as the compiled service schema
    }
Every service is exported, whatever its status.

CSV: the HSDS tabular data package: a folder holding datapackage.json and one CSV file per table
we fill, with the official columns in the official order (the Entraide profile's columns follow).
"""

import copy
import csv
import json
from pathlib import Path

from django.utils import timezone

from directory.hsds.schemas import PROFILE_FIELDS, columns, datapackage, resource
from directory.hsds.serialize import (
    attribute_dict,
    language_dict,
    organization_dict,
    phone_dict,
    schedule_dict,
    service_area_dict,
    service_dict,
    service_full,
    services_in_full,
    taxonomy_dict,
    taxonomy_term_dict,
    timestamp,
)
from directory.models import Organization, TaxonomyTerm
from lib.spreadsheet import safe_cell

# The tables we fill, parents first.
TABLES = [
    "taxonomy",
    "taxonomy_term",
    "organization",
    "service",
    "phone",
    "schedule",
    "service_area",
    "language",
    "attribute",
]


def export_document(lang: str) -> dict:
    services = services_in_full().order_by(f"name_{lang}", "id")
    return {
        "hsds_version": "3.1",
        "language": lang,
        "exported_at": timestamp(timezone.now()),
        "taxonomies": [taxonomy_dict(lang)],
        "taxonomy_terms": [
            taxonomy_term_dict(t, lang) for t in TaxonomyTerm.objects.order_by("code")
        ],
        "organizations": [
            organization_dict(o, lang) for o in Organization.objects.order_by(f"name_{lang}", "id")
        ],
        "services": [service_full(s, lang) for s in services],
    }


def table_rows(lang: str) -> dict[str, list[dict]]:
    services = list(services_in_full().order_by(f"name_{lang}", "id"))
    organizations = Organization.objects.order_by(f"name_{lang}", "id")
    return {
        "taxonomy": [taxonomy_dict(lang)],
        "taxonomy_term": [
            taxonomy_term_dict(t, lang) for t in TaxonomyTerm.objects.order_by("code")
        ],
        "organization": [organization_dict(o, lang) for o in organizations],
        "service": [service_dict(s, lang) for s in services],
        "phone": [phone_dict(p, lang) for s in services for p in s.phones.all()],
        "schedule": [schedule_dict(x, lang) for s in services for x in s.schedules.all()],
        "service_area": [
            service_area_dict(a, lang) for s in services for a in s.service_areas.all()
        ],
        "language": [language_dict(x) for s in services for x in s.languages.all()],
        "attribute": [
            attribute_dict(a, lang, nested=False) for s in services for a in s.attributes.all()
        ],
    }


def write_package(folder: Path, lang: str) -> dict[str, int]:
    """Writes the CSV data package into `folder`; returns the number of rows of each file."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table, rows in table_rows(lang).items():
        path = folder / resource(table)["path"]
        with path.open("w", newline="", encoding="utf-8") as file:
            writer = csv.DictWriter(file, fieldnames=columns(table), extrasaction="raise")
            writer.writeheader()
            # Admins open these files in spreadsheets: no cell may run as a formula there.
            writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in rows)
        counts[path.name] = len(rows)
    descriptor = json.dumps(package_descriptor(), indent=2, ensure_ascii=False)
    (folder / "datapackage.json").write_text(descriptor + "\n", encoding="utf-8")
    return counts


def package_descriptor() -> dict:
    """The official descriptor, keeping the resources we fill and adding the profile's fields."""
    package = {key: value for key, value in datapackage().items() if key != "resources"}
    package["resources"] = []
    for table in TABLES:
        item = copy.deepcopy(resource(table))
        item["schema"]["fields"] += copy.deepcopy(PROFILE_FIELDS.get(table, []))
        # Keys to tables we do not fill would point nowhere.
        keys = item["schema"].get("foreignKeys", [])
        kept = [key for key in keys if key["reference"]["resource"] in TABLES]
        if kept:
            item["schema"]["foreignKeys"] = kept
        else:
            item["schema"].pop("foreignKeys", None)
        package["resources"].append(item)
    return package
