"""Checks HSDS rows before any write and turns them into model instances (an import plan).

Every problem is collected with the row it comes from, so that a bad file is refused whole,
naming each bad row.
"""

import datetime
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.hsds.read import Dataset, Row
from directory.hsds.serialize import REGION_URI_PREFIX, TAXONOMY_ID
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
from networks.models import enough_digits, phone_characters
from regions.models import Region

BATCH = 500
TRANSLATED: dict[type[models.Model], tuple[str, ...]] = {
    TaxonomyTerm: ("name", "description"),
    Organization: ("name", "description"),
    Service: ("name", "description", "keywords"),
    Phone: ("description",),
    Schedule: ("description",),
    ServiceArea: ("name",),
    Language: (),
    Attribute: (),
}
HSDS_NAMES = {
    "verified_on": "assured_date",
    "organization": "organization_id",
    "service": "service_id",
    "taxonomy_term": "taxonomy_term_id",
    "parent": "parent_id",
    "region": "uri",
}
# HSDS phone types (RFC 6350) to ours; a cell phone is called like any other.
PHONE_TYPES = {
    "voice": "voice",
    "cell": "voice",
    "text": "text",
    "textphone": "textphone",
    "fax": "fax",
}


class ImportFailed(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Plan:
    """The records to save, parents first, and the services whose children they replace."""

    lang: str
    records: dict[type[models.Model], list[models.Model]] = field(default_factory=dict)
    last_modified: dict[uuid.UUID, datetime.datetime] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(len(records) for records in self.records.values())

    @property
    def service_ids(self) -> list[uuid.UUID]:
        return [service.pk for service in self.records.get(Service, [])]


def chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Checker:
    """Turns rows into model instances, collecting every problem on the way."""

    def __init__(self, dataset: Dataset, lang: str) -> None:
        self.tables = dataset.tables
        self.lang = lang
        self.other = "en" if lang == "fr" else "fr"
        self.errors: list[str] = list(dataset.errors)
        if dataset.language and dataset.language != lang:
            self.errors.append(
                _("The file is in language '%(file)s' but --lang %(lang)s was given.")
                % {"file": dataset.language, "lang": lang}
            )

    def fail(self, row: Row, message: str) -> None:
        self.errors.append(f"{row.where}: {message}")

    def rows(self, table: str) -> list[Row]:
        """The rows the schemas accepted; the others are already reported."""
        return [row for row in self.tables[table] if row.valid]

    def ids(self, table: str) -> set[str]:
        """The ids of every row, even refused ones, so that references to them still hold."""
        return {row.data["id"] for row in self.tables[table] if isinstance(row.data.get("id"), str)}

    def plan(self) -> Plan:
        self.check_unique_ids()
        self.known = {
            TaxonomyTerm: self.known_ids(TaxonomyTerm, "taxonomy_term", self.referenced_terms()),
            Organization: self.known_ids(
                Organization, "organization", self.referenced("service", "organization_id")
            ),
            Service: self.known_ids(Service, "service", self.referenced_services()),
        }
        self.regions = {region.code: region for region in Region.objects.all()}
        plan = Plan(self.lang)
        plan.records[TaxonomyTerm] = self.build("taxonomy_term", TaxonomyTerm, self.term)
        plan.records[Organization] = self.build("organization", Organization, self.organization)
        plan.records[Service] = self.build("service", Service, self.service)
        plan.records[Phone] = self.build("phone", Phone, self.phone)
        plan.records[Schedule] = self.build("schedule", Schedule, self.schedule)
        plan.records[ServiceArea] = self.build("service_area", ServiceArea, self.service_area)
        plan.records[Language] = self.build("language", Language, self.language)
        plan.records[Attribute] = self.build("attribute", Attribute, self.attribute)
        self.check_unique_together()
        for row in self.rows("service"):
            if "last_modified" in row.data:
                plan.last_modified[uuid.UUID(row.data["id"])] = self.moment(row, "last_modified")
        if self.errors:
            raise ImportFailed(list(dict.fromkeys(self.errors)))
        return plan

    # References -------------------------------------------------------------------------

    def check_unique_ids(self) -> None:
        for table in self.tables:
            seen: dict[str, Row] = {}
            for row in self.rows(table):
                first = seen.setdefault(row.data["id"], row)
                if first is not row:
                    message = _("id %(id)s is used again (first at %(where)s)")
                    self.fail(row, message % {"id": row.data["id"], "where": first.where})

    def referenced(self, table: str, column: str) -> set[str]:
        return {row.data[column] for row in self.rows(table) if column in row.data}

    def referenced_terms(self) -> set[str]:
        return self.referenced("attribute", "taxonomy_term_id") | self.referenced(
            "taxonomy_term", "parent_id"
        )

    def referenced_services(self) -> set[str]:
        ids = self.referenced("attribute", "link_id")
        for table in ("phone", "schedule", "service_area", "language"):
            ids |= self.referenced(table, "service_id")
        return ids

    def known_ids(self, model: type[models.Model], table: str, referenced: set[str]) -> set[str]:
        """Ids a reference may name: those of the file and those already in the database."""
        in_file = self.ids(table)
        elsewhere = [uuid.UUID(pk) for pk in referenced - in_file]
        in_database = set()
        for batch in chunks(elsewhere):
            in_database |= {
                str(pk) for pk in model.objects.filter(id__in=batch).values_list("id", flat=True)
            }
        return in_file | in_database

    def reference(self, row: Row, column: str, model: type[models.Model]) -> uuid.UUID | None:
        value = row.data.get(column)
        if value is None:
            self.fail(row, _("%(field)s is required") % {"field": column})
            return None
        if value not in self.known[model]:
            message = _("%(field)s %(id)s is neither in the file nor in the directory")
            self.fail(row, message % {"field": column, "id": value})
            return None
        return uuid.UUID(value)

    # Building records -------------------------------------------------------------------

    def build(self, table: str, model: type[models.Model], fill: Callable) -> list[models.Model]:
        rows = self.rows(table)
        existing = model.objects.in_bulk([uuid.UUID(row.data["id"]) for row in rows])
        records = []
        for row in rows:
            pk = uuid.UUID(row.data["id"])
            record = existing.get(pk) or model(id=pk)
            is_new = pk not in existing
            for name, value in fill(row, record).items():
                if name in TRANSLATED[model]:
                    setattr(record, f"{name}_{self.lang}", value)
                    if is_new:
                        setattr(record, f"{name}_{self.other}", value)
                else:
                    setattr(record, name, value)
            self.check_fields(row, record)
            records.append(record)
        return records

    def check_fields(self, row: Row, record: models.Model) -> None:
        relations = [f.name for f in record._meta.concrete_fields if f.is_relation]
        try:
            record.clean_fields(exclude=relations)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                base = name.removesuffix("_fr").removesuffix("_en")
                for message in messages:
                    self.fail(row, f"{HSDS_NAMES.get(base, base)}: {message}")

    def term(self, row: Row, term: TaxonomyTerm) -> dict:
        data = row.data
        if data.get("language", self.lang) != self.lang:
            message = _("language is '%(file)s' but --lang %(lang)s was given")
            self.fail(row, message % {"file": data["language"], "lang": self.lang})
        taxonomies = self.ids("taxonomy") | {str(TAXONOMY_ID)}
        if data.get("taxonomy_id", str(TAXONOMY_ID)) not in taxonomies:
            self.fail(row, _("taxonomy_id %(id)s names no taxonomy") % {"id": data["taxonomy_id"]})
        values = {
            "code": data.get("code", ""),
            "name": data["name"],
            "description": data["description"],
            "parent_id": None,
        }
        if "parent_id" in data:
            values["parent_id"] = self.reference(row, "parent_id", TaxonomyTerm)
        if not values["code"]:
            self.fail(row, _("%(field)s is required") % {"field": "code"})
        return values

    def organization(self, row: Row, organization: Organization) -> dict:
        data = row.data
        return {
            "name": data["name"],
            "description": data["description"],
            "email": data.get("email", ""),
            "website": data.get("website", ""),
            "verified_on": self.date(row, "assured_date", organization.verified_on),
        }

    def service(self, row: Row, service: Service) -> dict:
        data = row.data
        return {
            "organization_id": self.reference(row, "organization_id", Organization),
            "name": data["name"],
            "description": data.get("description", ""),
            "keywords": data.get("keywords", ""),
            "url": data.get("url", ""),
            "email": data.get("email", ""),
            "status": data["status"],
            "crisis_rank": self.whole_number(row, "crisis_rank"),
            "verified_on": self.date(row, "assured_date", service.verified_on),
        }

    def phone(self, row: Row, phone: Phone) -> dict:
        data = row.data
        kind = data.get("type", "voice")
        if kind not in PHONE_TYPES:
            message = _("type '%(type)s' is not one we keep: %(types)s")
            self.fail(row, message % {"type": kind, "types": ", ".join(PHONE_TYPES)})
        extension = self.whole_number(row, "extension")
        try:
            phone_characters(data["number"])
            enough_digits(data["number"])
        except ValidationError as error:
            for message in error.messages:
                self.fail(row, f"number: {message}")
        return {
            "service_id": self.reference(row, "service_id", Service),
            "number": data["number"],
            "extension": "" if extension is None else str(extension),
            "type": PHONE_TYPES.get(kind, "voice"),
            "description": data.get("description", ""),
        }

    def schedule(self, row: Row, schedule: Schedule) -> dict:
        data = row.data
        if data.get("freq", "WEEKLY") != "WEEKLY":
            self.fail(row, _("freq must be WEEKLY: Entraide keeps weekly hours only"))
        byday = data.get("byday", Schedule._meta.get_field("byday").default)
        unknown = [day for day in byday.split(",") if day not in Schedule.WEEKDAYS]
        if unknown:
            self.fail(
                row,
                _("byday must list days among %(days)s") % {"days": ",".join(Schedule.WEEKDAYS)},
            )
        return {
            "service_id": self.reference(row, "service_id", Service),
            "byday": byday,
            "opens_at": self.time(row, "opens_at"),
            "closes_at": self.time(row, "closes_at"),
            "description": data.get("description", ""),
        }

    def service_area(self, row: Row, area: ServiceArea) -> dict:
        uri = row.data.get("uri")
        region = None
        if uri is not None:
            region = self.regions.get(uri.removeprefix(REGION_URI_PREFIX))
            if not uri.startswith(REGION_URI_PREFIX) or region is None:
                message = _("uri '%(uri)s' names no region (%(prefix)sNN, NN the region's code)")
                self.fail(row, message % {"uri": uri, "prefix": REGION_URI_PREFIX})
        return {
            "service_id": self.reference(row, "service_id", Service),
            "name": row.data.get("name", ""),
            "region": region,
        }

    def language(self, row: Row, language: Language) -> dict:
        return {
            "service_id": self.reference(row, "service_id", Service),
            "code": row.data.get("code", ""),
            "name": row.data.get("name", row.data.get("code", "")),
        }

    def attribute(self, row: Row, attribute: Attribute) -> dict:
        service_id = None
        if row.data.get("link_entity") == "service":
            service_id = self.reference(row, "link_id", Service)
        else:
            message = _("link_entity must be 'service': Entraide keeps topics of services only")
            self.fail(row, message)
        return {
            "service_id": service_id,
            "taxonomy_term_id": self.reference(row, "taxonomy_term_id", TaxonomyTerm),
        }

    def check_unique_together(self) -> None:
        for table, column, key in (
            ("language", "service_id", "code"),
            ("attribute", "link_id", "taxonomy_term_id"),
        ):
            seen: dict[tuple, Row] = {}
            for row in self.rows(table):
                pair = (row.data.get(column), row.data.get(key))
                first = seen.setdefault(pair, row)
                if first is not row:
                    message = _(
                        "%(key)s %(value)s is given twice for one service (first at %(where)s)"
                    )
                    self.fail(row, message % {"key": key, "value": pair[1], "where": first.where})
        codes: dict[str, Row] = {}
        for row in self.rows("taxonomy_term"):
            code = row.data.get("code")
            first = codes.setdefault(code, row)
            if code and first is not row:
                self.fail(
                    row,
                    _("code %(code)s is used again (first at %(where)s)")
                    % {"code": code, "where": first.where},
                )
        ids = {uuid.UUID(row.data["id"]) for row in self.rows("taxonomy_term")}
        taken = TaxonomyTerm.objects.filter(code__in=[c for c in codes if c]).exclude(id__in=ids)
        for code in taken.values_list("code", flat=True):
            self.fail(
                codes[code],
                _("code %(code)s belongs to another topic of the directory") % {"code": code},
            )

    # Values -------------------------------------------------------------------------------

    def date(self, row: Row, column: str, current: datetime.date | None) -> datetime.date:
        """A date from the file; without one, the record's own, or today for a new record."""
        if column not in row.data:
            return current or timezone.localdate()
        try:
            return datetime.date.fromisoformat(row.data[column])
        except ValueError:
            self.fail(row, _("%(field)s must be a date such as 2025-01-31") % {"field": column})
            return current or timezone.localdate()

    def moment(self, row: Row, column: str) -> datetime.datetime:
        try:
            value = datetime.datetime.fromisoformat(row.data[column])
        except ValueError:
            self.fail(
                row,
                _("%(field)s must be a date and time such as 2025-01-31T09:00:00Z")
                % {"field": column},
            )
            return timezone.now()
        return value if timezone.is_aware(value) else value.replace(tzinfo=datetime.UTC)

    def time(self, row: Row, column: str) -> datetime.time:
        value = row.data.get(column)
        try:
            parsed = datetime.time.fromisoformat(value) if value else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is not None:
            self.fail(
                row,
                _("%(field)s must be a local time such as 09:00 or 09:00:00") % {"field": column},
            )
            return datetime.time(0)
        return parsed

    def whole_number(self, row: Row, column: str) -> int | None:
        value = row.data.get(column)
        if value is None:
            return None
        whole = type(value) is int or (type(value) is float and value.is_integer())
        if not whole or value < 0:
            self.fail(row, _("%(field)s must be a whole number") % {"field": column})
            return None
        return int(value)


def phone_numbers(phones: list[Phone]) -> list[str]:
    shown = []
    for phone in phones:
        extension = f" ext. {phone.extension}" if phone.extension else ""
        shown.append(f"{phone.number}{extension} ({phone.type})")
    return sorted(shown)


def crisis_changes(plan: Plan) -> list[str]:
    """What the plan would change of the crisis lines: a crisis rank given, changed or taken
    away, or the phone numbers of a service that is or becomes a crisis line. One sentence each.
    These numbers are shown first to a person in crisis: an import must not change them quietly."""
    planned = {service.pk: service for service in plan.records.get(Service, [])}
    ranks = dict(Service.objects.filter(id__in=list(planned)).values_list("id", "crisis_rank"))
    crisis = dict(Service.objects.filter(crisis_rank__isnull=False).values_list("id", "name_en"))
    changes = []
    for pk, service in planned.items():
        before, after = ranks.get(pk), service.crisis_rank
        if before != after:
            message = _("%(service)s (%(id)s): crisis rank %(before)s becomes %(after)s.")
            changes.append(
                message
                % {
                    "service": service.name_en,
                    "id": pk,
                    "before": "—" if before is None else before,
                    "after": "—" if after is None else after,
                }
            )
        if after is not None:
            crisis.setdefault(pk, service.name_en)
    planned_phones = plan.records.get(Phone, [])
    planned_ids = {phone.pk for phone in planned_phones}
    current = Phone.objects.filter(service_id__in=list(crisis)).order_by("pk")
    for pk, name in crisis.items():
        before = [phone for phone in current if phone.service_id == pk]
        kept = [] if pk in planned else [p for p in before if p.pk not in planned_ids]
        after = kept + [phone for phone in planned_phones if phone.service_id == pk]
        if phone_numbers(before) != phone_numbers(after):
            message = _("%(service)s (%(id)s): phone numbers %(before)s become %(after)s.")
            changes.append(
                message
                % {
                    "service": name,
                    "id": pk,
                    "before": ", ".join(phone_numbers(before)) or "—",
                    "after": ", ".join(phone_numbers(after)) or "—",
                }
            )
    return changes
