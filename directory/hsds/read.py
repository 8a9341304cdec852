"""Reads an HSDS file (our JSON document, or a CSV data package folder) into flat table rows.

Each row is checked against its official table schema here; every problem is collected with
the place it was found ("services.csv row 4", "services[3]: phones[0]") rather than stopping
at the first one. Tables and fields Entraide does not keep (locations, contacts, ...) are
ignored.

A file is refused whole, with a clear message, when it is larger than MAX_BYTES, nested deeper
than MAX_DEPTH, not UTF-8, or holds a NUL character (which PostgreSQL cannot store).
"""

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from directory.hsds.export import TABLES
from directory.hsds.schemas import column_types, required_columns, resource, schema_errors
from lib.spreadsheet import unquoted_cell

# Nested lists of a service, and the table each one fills.
SERVICE_CHILDREN = {
    "phones": "phone",
    "schedules": "schedule",
    "service_areas": "service_area",
    "languages": "language",
    "attributes": "attribute",
}
MAX_BYTES = 20 * 1024 * 1024  # per file: the whole directory exports to well under 1 MB
MAX_DEPTH = 20  # our documents nest 5 deep; json and the schema checks recurse
JSON_LISTS = {
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
    "organizations": "organization",
    "services": "service",
}


@dataclass
class Row:
    where: str
    data: dict
    valid: bool = True  # false when the schema refused it: counted as there, never imported


@dataclass
class Dataset:
    tables: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})
    language: str | None = None  # the language the file says it is in, if it says
    errors: list[str] = field(default_factory=list)

    def add(self, table: str, where: str, data: dict, valid: bool = True) -> None:
        self.tables[table].append(Row(where, data, valid))

    def check(self, table: str, where: str, record: dict, found: list[str] | None = None) -> bool:
        """Reports `found` and the schema's objections to `record`; true when there are none."""
        problems = list(dict.fromkeys([*(found or []), *schema_errors(table, record)]))
        self.errors += [f"{where}: {problem}" for problem in problems]
        return not problems

    @property
    def size(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


def read_path(path: Path) -> Dataset:
    return read_package(path) if path.is_dir() else read_document(path)


def scalars(record: dict) -> dict:
    return {key: value for key, value in record.items() if not isinstance(value, dict | list)}


def too_large(dataset: Dataset, path: Path) -> bool:
    if path.stat().st_size <= MAX_BYTES:
        return False
    message = _("%(file)s is larger than %(megabytes)d MB: it is refused.")
    dataset.errors.append(message % {"file": path.name, "megabytes": MAX_BYTES // (1024 * 1024)})
    return True


def too_deep_message(path: Path) -> str:
    message = _("%(path)s is refused: it is nested more than %(depth)d levels deep.")
    return message % {"path": path.name, "depth": MAX_DEPTH}


def unsafe_content(path: Path, document: object) -> str | None:
    """Why a parsed document is refused (too deep, a NUL character), or None. Iterative:
    a recursive walk is what a deep file attacks."""
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                return too_deep_message(path)
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                pending.append((key, depth + 1))
                pending.append((item, depth + 1))
        elif isinstance(value, str) and "\x00" in value:
            return _("%(path)s is refused: it holds a NUL character.") % {"path": path.name}
    return None


def read_document(path: Path) -> Dataset:
    dataset = Dataset()
    try:
        if too_large(dataset, path):
            return dataset
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        message = _("%(path)s cannot be read as JSON: %(error)s")
        dataset.errors.append(message % {"path": path.name, "error": error})
        return dataset
    except RecursionError:
        dataset.errors.append(too_deep_message(path))
        return dataset
    if refusal := unsafe_content(path, document):
        dataset.errors.append(refusal)
        return dataset
    if not isinstance(document, dict):
        dataset.errors.append(_("%(path)s: the top level must be an object.") % {"path": path.name})
        return dataset
    dataset.language = document.get("language")
    nested_organizations: dict[str, tuple[str, dict]] = {}
    nested_terms: dict[str, tuple[str, dict]] = {}
    for key, table in JSON_LISTS.items():
        records = document.get(key, [])
        if not isinstance(records, list):
            dataset.errors.append(_("%(key)s must be a list.") % {"key": key})
            continue
        for i, record in enumerate(records):
            where = f"{key}[{i}]"
            if not isinstance(record, dict):
                dataset.errors.append(_("%(where)s must be an object.") % {"where": where})
                continue
            valid = dataset.check(table, where, record)
            dataset.add(table, where, scalars(record), valid)
            if valid and table == "service":
                add_service_children(dataset, where, record, nested_organizations, nested_terms)
    # Organizations and terms nested in services are used when not listed at the top level.
    for table, nested in (("organization", nested_organizations), ("taxonomy_term", nested_terms)):
        listed = {row.data.get("id") for row in dataset.tables[table]}
        for record_id, (where, record) in nested.items():
            if record_id not in listed:
                dataset.add(table, where, record)
    return dataset


def add_service_children(
    dataset: Dataset,
    where: str,
    service: dict,
    organizations: dict[str, tuple[str, dict]],
    terms: dict[str, tuple[str, dict]],
) -> None:
    service_row = dataset.tables["service"][-1].data
    if organization := service.get("organization"):
        service_row.setdefault("organization_id", organization["id"])
        organizations.setdefault(
            organization["id"], (f"{where}: organization", scalars(organization))
        )
    for key, table in SERVICE_CHILDREN.items():
        for j, child in enumerate(service.get(key, [])):
            child_where = f"{where}: {key}[{j}]"
            data = scalars(child)
            if table == "attribute":
                data.setdefault("link_id", service["id"])
                data.setdefault("link_entity", "service")
                if term := child.get("taxonomy_term"):
                    data.setdefault("taxonomy_term_id", term["id"])
                    terms.setdefault(term["id"], (f"{child_where}: taxonomy_term", scalars(term)))
                link = data["link_id"]
            else:
                link = data.setdefault("service_id", service["id"])
            if link != service["id"]:
                dataset.errors.append(
                    _("%(where)s: it names another service than the one it is nested in")
                    % {"where": child_where}
                )
            dataset.add(table, child_where, data)


def read_package(folder: Path) -> Dataset:
    dataset = Dataset()
    for table in TABLES:
        path = folder / resource(table)["path"]
        if not path.exists():
            if table in ("organization", "service"):
                dataset.errors.append(_("%(file)s is missing.") % {"file": path.name})
            continue
        try:
            if too_large(dataset, path):
                continue
            read_table(dataset, table, path)
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            message = _("%(file)s cannot be read as UTF-8 CSV: %(error)s")
            dataset.errors.append(message % {"file": path.name, "error": error})
    return dataset


def read_table(dataset: Dataset, table: str, path: Path) -> None:
    types = column_types(table)
    required = required_columns(table)
    with path.open(newline="", encoding="utf-8-sig") as file:
        reader = csv.DictReader(file)
        header = reader.fieldnames or []
        missing = [name for name in required if name not in header]
        if missing:
            message = _("%(file)s: columns missing: %(columns)s")
            dataset.errors.append(message % {"file": path.name, "columns": ", ".join(missing)})
            return
        # Rows are numbered as a spreadsheet shows them: the header is row 1.
        for number, cells in enumerate(reader, start=2):
            where = _("%(file)s row %(row)d") % {"file": path.name, "row": number}
            if any("\x00" in str(value) for value in cells.values()):
                dataset.errors.append(_("%(where)s: it holds a NUL character") % {"where": where})
                continue
            data = typed(cells, types)
            message = _("%(field)s is required")
            absent = [message % {"field": name} for name in required if name not in data]
            dataset.add(table, where, data, dataset.check(table, where, data, absent))


def typed(cells: dict, types: dict[str, str]) -> dict:
    """A CSV row as HSDS JSON: the formula quotes of our export taken off, empty cells left
    out, numbers as numbers, unknown columns dropped. A number that does not parse stays text,
    for the schema to report."""
    data = {}
    for name, value in cells.items():
        if name not in types or value is None or value == "":
            continue
        value = unquoted_cell(value) if isinstance(value, str) else value
        if types[name] in ("number", "integer"):
            value = number(value)
        data[name] = value
    return data


def number(value: str) -> int | float | str:
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value
