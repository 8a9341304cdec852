"""The official HSDS 3.1 schemas, vendored unmodified in vendor/ (read there, never elsewhere).

`validator("service")` checks a (nested) HSDS object against its table schema, following the
schema's `$ref`s to the sibling files through a local registry: no network. `columns("service")`
gives the official CSV columns of a table, in order, from the tabular data package descriptor.
"""

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

VENDOR = Path(__file__).parent / "vendor"


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def table_schema(table: str) -> dict:
    """The schema of one HSDS table, by its singular name ("service", "phone", ...)."""
    return read_json(VENDOR / "schema" / f"{table}.json")


@cache
def registry() -> Registry:
    # The schemas have no $id and refer to each other by file name ("phone.json").
    return Registry().with_resources(
        (path.name, Resource.from_contents(read_json(path), default_specification=DRAFT202012))
        for path in sorted((VENDOR / "schema").glob("*.json"))
    )


@cache
def validator(table: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": f"{table}.json"}, registry=registry(), format_checker=FormatChecker()
    )


# The Entraide profile: fields HSDS lacks, added after the official ones (documented in
# openapi.PROFILE_DESCRIPTION). Texts are in the document's language like every other text.
PROFILE_FIELDS = {
    "organization": [
        {
            "name": "assured_date",
            "type": "date",
            "title": "Assured Date",
            "description": "The date the organization's information was last checked.",
        }
    ],
    "service": [
        {
            "name": "keywords",
            "type": "string",
            "title": "Keywords",
            "description": "Everyday words people type for this service, separated by spaces; "
            "search weighs them above the description.",
        },
        {
            "name": "crisis_rank",
            "type": "integer",
            "title": "Crisis Rank",
            "description": "Where this crisis line is pinned (1 first) when a search reads like "
            "a crisis; absent for other services.",
        },
    ],
}


@cache
def datapackage() -> dict:
    return read_json(VENDOR / "datapackage.json")


def resource(table: str) -> dict:
    """The tabular data package resource of a table: CSV path, columns, keys."""
    return next(r for r in datapackage()["resources"] if r["name"] == table)


def fields(table: str) -> list[dict]:
    """The official columns of a table, then the Entraide profile's."""
    return resource(table)["schema"]["fields"] + PROFILE_FIELDS.get(table, [])


def columns(table: str) -> list[str]:
    return [field["name"] for field in fields(table)]


def column_types(table: str) -> dict[str, str]:
    return {field["name"]: field["type"] for field in fields(table)}


def required_columns(table: str) -> list[str]:
    """Columns a CSV row must fill: required in the table schema or in the data package."""
    schema = table_schema(table)
    required = set(schema.get("required", [])) | set(schema.get("tabular_required", []))
    for field in resource(table)["schema"]["fields"]:
        if field.get("constraints", {}).get("required"):
            required.add(field["name"])
    return [name for name in columns(table) if name in required]


def schema_errors(table: str, record: dict) -> Iterator[str]:
    """Plain sentences for what is wrong with `record`, each starting with where it is."""
    errors = validator(table).iter_errors(record)
    for error in sorted(errors, key=lambda e: [str(part) for part in e.absolute_path]):
        yield describe(error)


def describe(error: ValidationError) -> str:
    path = list(error.absolute_path)
    if error.validator == "required":
        match = re.match(r"'([^']+)'", error.message)
        field = match.group(1) if match else "?"
        return place(path + [field]) + _("%(field)s is required") % {"field": field}
    field = str(path[-1]) if path else ""
    where = place(path)
    if error.validator == "type":
        return where + _("%(field)s must be of type %(type)s") % {
            "field": field,
            "type": error.validator_value,
        }
    if error.validator == "enum":
        return where + _("%(field)s must be one of: %(values)s") % {
            "field": field,
            "values": ", ".join(str(v) for v in error.validator_value),
        }
    if error.validator == "format":
        return where + _("%(field)s is not a valid %(format)s") % {
            "field": field,
            "format": error.validator_value,
        }
    return where + f"{field}: {error.message}"


def place(path: list) -> str:
    """'phones[0]: ' for a field of the first phone of the object; '' at the top level."""
    parts = ""
    for part in path[:-1]:
        parts += f"[{part}]" if isinstance(part, int) else (f".{part}" if parts else part)
    return f"{parts}: " if parts else ""
