"""Directory models to HSDS 3.1 dictionaries, in one language ("fr" or "en").

Texts are the stored text of that language, never the other language's as a fallback, so that
importing an export gives back exactly what was exported. Empty values are left out (HSDS types
have no null). Querysets here prefetch everything a serializer reads: no query per row.
"""

import datetime
import uuid

from django.db.models import Prefetch, QuerySet

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
from regions.models import Region

LANGUAGES = ("fr", "en")

# There is one taxonomy (the topics); HSDS wants it to have an identifier.
TAXONOMY_ID = uuid.UUID("0b7f6a2e-3c59-4d1e-9a8b-5e2f7c4d1a60")
TAXONOMY = {
    "name": {"fr": "Thèmes d'Entraide", "en": "Entraide topics"},
    "description": {
        "fr": "Les thèmes du répertoire d'aide d'Entraide, en français et en anglais.",
        "en": "The topics of the Entraide help directory, in French and English.",
    },
}

# A service area covering one administrative region names it by its official code.
REGION_URI_PREFIX = "urn:entraide:region:"


def region_uri(region: Region) -> str:
    return f"{REGION_URI_PREFIX}{region.code}"


def compact(record: dict) -> dict:
    return {key: value for key, value in record.items() if value not in (None, "")}


def text(obj: object, field: str, lang: str) -> str:
    return getattr(obj, f"{field}_{lang}")


def timestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def services_in_full() -> QuerySet[Service]:
    return Service.objects.select_related("organization").prefetch_related(
        "phones",
        Prefetch("schedules", Schedule.objects.order_by("opens_at", "id")),
        Prefetch("service_areas", ServiceArea.objects.select_related("region").order_by("id")),
        "languages",
        Prefetch(
            "attributes",
            Attribute.objects.select_related("taxonomy_term").order_by("taxonomy_term__code"),
        ),
    )


def organization_dict(organization: Organization, lang: str) -> dict:
    return compact(
        {
            "id": str(organization.id),
            "name": text(organization, "name", lang),
            "description": text(organization, "description", lang),
            "email": organization.email,
            "website": organization.website,
            "assured_date": organization.verified_on.isoformat(),  # Entraide profile
        }
    )


def service_dict(service: Service, lang: str) -> dict:
    """The service's one-to-one fields."""
    return compact(
        {
            "id": str(service.id),
            "organization_id": str(service.organization_id),
            "name": text(service, "name", lang),
            "description": text(service, "description", lang),
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "assured_date": service.verified_on.isoformat(),
            "last_modified": timestamp(service.last_modified) if service.last_modified else None,
            "keywords": text(service, "keywords", lang),  # Entraide profile
            "crisis_rank": service.crisis_rank,  # Entraide profile
        }
    )


def service_summary(service: Service, lang: str) -> dict:
    """A service in a list: its one-to-one fields and its phones (prefetch "phones")."""
    return {**service_dict(service, lang), "phones": phones(service, lang)}


def service_full(service: Service, lang: str) -> dict:
    """The fully nested service; read from `services_in_full()`."""
    return {
        **service_dict(service, lang),
        "organization": organization_dict(service.organization, lang),
        "phones": phones(service, lang),
        "schedules": [schedule_dict(s, lang) for s in service.schedules.all()],
        "service_areas": [service_area_dict(a, lang) for a in service.service_areas.all()],
        "languages": [language_dict(x) for x in service.languages.all()],
        "attributes": [attribute_dict(a, lang) for a in service.attributes.all()],
    }


def phones(service: Service, lang: str) -> list[dict]:
    return [phone_dict(phone, lang) for phone in service.phones.all()]


def phone_dict(phone: Phone, lang: str) -> dict:
    # HSDS types the extension as a number; a non-numeric extension cannot be carried.
    digits = phone.extension.isascii() and phone.extension.isdigit()
    extension = (
        int(phone.extension) if digits and str(int(phone.extension)) == phone.extension else None
    )
    return compact(
        {
            "id": str(phone.id),
            "service_id": str(phone.service_id),
            "number": phone.number,
            "extension": extension,
            "type": phone.type,
            "description": text(phone, "description", lang),
        }
    )


def schedule_dict(schedule: Schedule, lang: str) -> dict:
    # Local wall-clock times of the schedule's zone (America/Montreal): a UTC offset would be
    # wrong for half of the year. 00:00 to 00:00 is the whole day; closing before opening
    # spans midnight.
    return compact(
        {
            "id": str(schedule.id),
            "service_id": str(schedule.service_id),
            "freq": "WEEKLY",
            "byday": schedule.byday,
            "opens_at": schedule.opens_at.strftime("%H:%M:%S"),
            "closes_at": schedule.closes_at.strftime("%H:%M:%S"),
            "description": text(schedule, "description", lang),
        }
    )


def service_area_dict(area: ServiceArea, lang: str) -> dict:
    return compact(
        {
            "id": str(area.id),
            "service_id": str(area.service_id),
            "name": text(area, "name", lang),
            "uri": region_uri(area.region) if area.region else None,
        }
    )


def language_dict(language: Language) -> dict:
    # The name is stored once, in the language itself ("français", "English").
    return compact(
        {
            "id": str(language.id),
            "service_id": str(language.service_id),
            "name": language.name,
            "code": language.code,
        }
    )


def attribute_dict(attribute: Attribute, lang: str, *, nested: bool = True) -> dict:
    record = {
        "id": str(attribute.id),
        "link_id": str(attribute.service_id),
        "link_entity": "service",
        "taxonomy_term_id": str(attribute.taxonomy_term_id),
    }
    if nested:
        record["taxonomy_term"] = taxonomy_term_dict(attribute.taxonomy_term, lang)
    return record


def taxonomy_term_dict(term: TaxonomyTerm, lang: str) -> dict:
    return compact(
        {
            "id": str(term.id),
            "code": term.code,
            "name": text(term, "name", lang),
            "description": text(term, "description", lang),
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": TaxonomyTerm.TAXONOMY,
            "language": lang,
            "taxonomy_id": str(TAXONOMY_ID),
        }
    )


def taxonomy_dict(lang: str) -> dict:
    return {
        "id": str(TAXONOMY_ID),
        "name": TAXONOMY["name"][lang],
        "description": TAXONOMY["description"][lang],
    }
