"""Generates a realistic directory of local services for the benchmark, always the same one for
the same seed."""

import datetime
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.db import models, transaction
from django.utils.text import slugify

from bench.vocabulary import (
    AREA_CODES,
    KINDS,
    ORGANIZATION_KINDS,
    ORGANIZATION_NAMES,
    SCHEDULES,
    SENTENCES,
    TOPIC_WORDS,
    TOWNS,
)
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
from directory.reference_data import LANGUAGE_NAMES
from regions.models import Region

SERVICES_PER_ORGANIZATION = 5
SAVE_ORDER = (Organization, Service, Phone, Schedule, ServiceArea, Language, Attribute)
FIRST_VERIFIED_ON = datetime.date(2025, 1, 1)

Rows = dict[type[models.Model], list[models.Model]]


@dataclass
class Place:
    region: Region
    town: str
    name: str  # the organisation's proper name, "Le Phare"


@transaction.atomic
def generate_services(count: int, seed: int = 2026) -> int:
    """Adds `count` services (and their organisations, phones, schedules, ...) to the directory.
    Needs the reference topics and regions. Does not rebuild the search index."""
    terms = list(TaxonomyTerm.objects.order_by("code"))
    regions = list(Region.objects.order_by("code"))
    rows = build_directory(count, seed, terms, regions)
    for model in SAVE_ORDER:
        model.objects.bulk_create(rows[model], batch_size=1000)
    return len(rows[Service])


def build_directory(
    count: int, seed: int, terms: list[TaxonomyTerm], regions: list[Region]
) -> Rows:
    """Unsaved rows for `count` services, grouped by model."""
    rng = random.Random(seed)
    rows: Rows = defaultdict(list)
    for i in range(count):
        if i % SERVICES_PER_ORGANIZATION == 0:
            region = rng.choice(regions)
            place = Place(region, rng.choice(TOWNS[region.code]), rng.choice(ORGANIZATION_NAMES))
            organization = build_organization(rng, place)
            rows[Organization].append(organization)
        build_service(rng, rows, organization, place, terms)
    return rows


def build_organization(rng: random.Random, place: Place) -> Organization:
    kind_fr, kind_en = rng.choice(ORGANIZATION_KINDS)
    domain = f"{slugify(place.name + ' ' + place.town)}.example.org"
    return Organization(
        id=new_id(rng),
        name_fr=f"{kind_fr} {place.name} de {place.town}",
        name_en=f"{place.name} {kind_en} ({place.town})",
        description_fr=f"Organisme communautaire de {place.town} ({place.region.name_fr}) "
        "qui offre de l'aide et de l'entraide.",
        description_en=f"Community organisation in {place.town} ({place.region.name_en}) "
        "offering help and mutual aid.",
        website=f"https://{domain}/",
        email=f"info@{domain}",
        verified_on=verified_on(rng),
    )


def build_service(
    rng: random.Random,
    rows: Rows,
    organization: Organization,
    place: Place,
    terms: list[TaxonomyTerm],
) -> None:
    topics = rng.sample(terms, rng.randint(1, 3))
    main = topics[0]
    kind_fr, kind_en = rng.choice(KINDS)
    extras = rng.sample(SENTENCES, rng.randint(1, 3))
    words = [TOPIC_WORDS.get(t.code, (t.name_fr, t.name_en)) for t in topics]
    service = Service(
        id=new_id(rng),
        organization=organization,
        name_fr=f"{kind_fr} – {lower_first(main.name_fr)}, {place.name} ({place.town})",
        name_en=f"{kind_en} – {lower_first(main.name_en)}, {place.name} ({place.town})",
        description_fr=" ".join(
            [
                f"{place.name} offre ce service aux personnes de {place.town} et des environs.",
                main.description_fr,
                *(fr for fr, _ in extras),
            ]
        ),
        description_en=" ".join(
            [
                f"{place.name} offers this service to people in {place.town} and nearby.",
                main.description_en,
                *(en for _, en in extras),
            ]
        ),
        keywords_fr=" ".join(fr for fr, _ in words),
        keywords_en=" ".join(en for _, en in words),
        url=organization.website,
        status=Service.Status.INACTIVE if rng.random() < 0.03 else Service.Status.ACTIVE,
        verified_on=verified_on(rng),
    )
    rows[Service].append(service)
    rows[Phone] += build_phones(rng, service, place)
    rows[Schedule] += build_schedules(rng, service)
    rows[ServiceArea].append(build_service_area(rng, service, place))
    rows[Language] += [
        Language(id=new_id(rng), service=service, code=code, name=LANGUAGE_NAMES[code])
        for code in pick_languages(rng)
    ]
    rows[Attribute] += [
        Attribute(id=new_id(rng), service=service, taxonomy_term=term) for term in topics
    ]


def build_phones(rng: random.Random, service: Service, place: Place) -> list[Phone]:
    # 555-01xx numbers are reserved for fiction: nobody is called by mistake.
    def number(area_code: str) -> str:
        return f"{area_code} 555-{rng.randint(100, 199):04d}"

    phones = [Phone(id=new_id(rng), service=service, number=number(AREA_CODES[place.region.code]))]
    if rng.random() < 0.3:
        phones.append(
            Phone(
                id=new_id(rng),
                service=service,
                number="1 " + number(rng.choice(["800", "855", "866", "877", "888"])),
                description_fr="Sans frais",
                description_en="Toll-free",
            )
        )
    if rng.random() < 0.15:
        phones.append(
            Phone(
                id=new_id(rng),
                service=service,
                number=number(AREA_CODES[place.region.code]),
                type=Phone.Type.TEXT,
                description_fr="Texto",
                description_en="Text message",
            )
        )
    return phones


def build_schedules(rng: random.Random, service: Service) -> list[Schedule]:
    chosen = rng.sample(SCHEDULES, 2 if rng.random() < 0.2 else 1)
    return [
        Schedule(
            id=new_id(rng),
            service=service,
            byday=byday,
            opens_at=datetime.time.fromisoformat(opens_at),
            closes_at=datetime.time.fromisoformat(closes_at),
            description_fr=description_fr,
            description_en=description_en,
        )
        for byday, opens_at, closes_at, description_fr, description_en in chosen
    ]


def build_service_area(rng: random.Random, service: Service, place: Place) -> ServiceArea:
    if rng.random() < 0.1:  # a few serve the whole province
        return ServiceArea(id=new_id(rng), service=service, name_fr="Québec", name_en="Quebec")
    region = place.region
    return ServiceArea(
        id=new_id(rng),
        service=service,
        region=region,
        name_fr=region.name_fr,
        name_en=region.name_en,
    )


def pick_languages(rng: random.Random) -> list[str]:
    draw = rng.random()
    if draw < 0.05:
        return ["en"]
    return ["fr", "en"] if draw < 0.6 else ["fr"]


def new_id(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def verified_on(rng: random.Random) -> datetime.date:
    return FIRST_VERIFIED_ON + datetime.timedelta(days=rng.randrange(700))


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
