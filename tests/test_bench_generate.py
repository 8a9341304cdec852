from bench.generate import build_directory, generate_services
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
from directory.search import rebuild_index, search_services
from regions.models import Region


def test_it_adds_the_requested_number_of_services_with_their_details(reference_data: None) -> None:
    reference_ids = list(Service.objects.values_list("id", flat=True))

    created = generate_services(50, seed=1)

    generated = Service.objects.exclude(id__in=reference_ids)
    assert created == 50
    assert generated.count() == 50
    assert 1 <= Organization.objects.filter(services__in=generated).distinct().count() <= 50
    generated_ids = set(generated.values_list("id", flat=True))
    for model in (Phone, Schedule, ServiceArea, Language, Attribute):
        having = set(model.objects.filter(service__in=generated).values_list("service", flat=True))
        assert having == generated_ids, f"a generated service has no {model.__name__}"
    assert ServiceArea.objects.filter(service__in=generated, region__isnull=False).exists()


def test_generated_services_are_found_by_their_name(reference_data: None) -> None:
    reference_ids = list(Service.objects.values_list("id", flat=True))
    generate_services(50, seed=1)
    rebuild_index()

    generated = Service.objects.active().exclude(id__in=reference_ids).order_by("id")
    for service in generated[:5]:
        assert service.id in search_services(service.name_fr).service_ids, service.name_fr
        assert service.id in search_services(service.name_en).service_ids, service.name_en


def test_the_same_seed_gives_the_same_directory(reference_data: None) -> None:
    terms = list(TaxonomyTerm.objects.order_by("code"))
    regions = list(Region.objects.order_by("code"))

    first = build_directory(20, 7, terms, regions)[Service]
    again = build_directory(20, 7, terms, regions)[Service]
    other = build_directory(20, 8, terms, regions)[Service]

    assert [(s.id, s.name_fr, s.keywords_en) for s in first] == [
        (s.id, s.name_fr, s.keywords_en) for s in again
    ]
    assert [s.id for s in first] != [s.id for s in other]
