"""The HSDA read API at /api/v1/, through its real URLs, over the shipped directory."""

import uuid

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from directory.hsds.serialize import TAXONOMY_ID
from directory.models import Organization, Service, TaxonomyTerm
from directory.search import SearchOutcome

pytestmark = pytest.mark.usefixtures("reference_data")


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def conforms(client, body: dict, schema_name: str) -> None:
    """Holds a response to the schema our own OpenAPI document gives for it."""
    document = get_json(client, "/api/v1/openapi.json")
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:openapi", resource)
    schema = {"$ref": f"urn:openapi#/components/schemas/{schema_name}"}
    validator = Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())
    errors = [error.message for error in validator.iter_errors(body)]
    assert errors == []


def ids(page: dict) -> list[str]:
    return [item["id"] for item in page["contents"]]


# Root and OpenAPI --------------------------------------------------------------------------


def test_the_root_gives_the_hsds_version_and_the_absolute_openapi_url(client):
    body = get_json(client, "/api/v1/")
    assert body["version"] == "3.1"
    assert body["openapi_url"] == "http://testserver/api/v1/openapi.json"
    conforms(client, body, "ApiInfo")


def test_the_openapi_document_lists_every_endpoint_and_their_parameters(client):
    document = get_json(client, "/api/v1/openapi.json")
    assert document["openapi"].startswith("3.")
    assert document["servers"] == [{"url": "/api/v1"}]
    assert set(document["paths"]) == {
        "/",
        "/openapi.json",
        "/services",
        "/services/{id}",
        "/organizations",
        "/organizations/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
    }
    services = document["paths"]["/services"]["get"]
    names = {p["$ref"].rsplit("/", 1)[1] for p in services["parameters"]}
    assert names == {"search", "taxonomy_term_id", "organization_id", "page", "per_page", "lang"}
    assert set(services["responses"]) == {"200", "400"}
    assert set(document["paths"]["/services/{id}"]["get"]["responses"]) == {"200", "400", "404"}
    assert "parameter" in document["components"]["schemas"]["Error"]["properties"]
    assert document["components"]["parameters"]["per_page"]["schema"]["maximum"] == 100


def test_every_reference_in_the_openapi_document_leads_somewhere(client):
    document = get_json(client, "/api/v1/openapi.json")

    def references(node: object) -> list[str]:
        if isinstance(node, dict):
            found = [node["$ref"]] if "$ref" in node else []
            return found + [ref for value in node.values() for ref in references(value)]
        if isinstance(node, list):
            return [ref for value in node for ref in references(value)]
        return []

    found = references(document)
    assert "#/components/responses/BadRequest" in found
    for reference in found:
        target = document
        for part in reference.removeprefix("#/").split("/"):
            target = target[part]
        assert isinstance(target, dict)


# Services list ------------------------------------------------------------------------------


def test_services_come_in_hsda_pages(client):
    first = get_json(client, "/api/v1/services?per_page=5")
    assert first["total_items"] == Service.objects.active().count() == 23
    assert (first["total_pages"], first["page_number"], first["size"]) == (5, 1, 5)
    assert (first["first_page"], first["last_page"], first["empty"]) == (True, False, False)
    last = get_json(client, "/api/v1/services?per_page=5&page=5")
    assert (last["page_number"], last["size"], last["first_page"], last["last_page"]) == (
        5,
        3,
        False,
        True,
    )
    beyond = get_json(client, "/api/v1/services?per_page=5&page=6")
    assert beyond["contents"] == [] and beyond["empty"] and beyond["size"] == 0
    every_page = [
        get_json(client, f"/api/v1/services?per_page=5&page={n}")["contents"] for n in range(1, 6)
    ]
    assert len({item["id"] for page in every_page for item in page}) == 23
    conforms(client, first, "ServiceSummaryPage")


def test_a_page_has_25_services_unless_asked_and_never_more_than_100(client):
    assert get_json(client, "/api/v1/services")["size"] == 23  # all of them fit in 25
    assert get_json(client, "/api/v1/services?per_page=21")["total_pages"] == 2
    assert get_json(client, "/api/v1/services?per_page=100")["size"] == 23
    body = get_json(client, "/api/v1/services?per_page=101&lang=en", status=400)
    assert body["parameter"] == "per_page"
    assert "100" in body["message"]


def test_services_are_listed_by_name_in_the_requested_language(client):
    french = [s["name"] for s in get_json(client, "/api/v1/services")["contents"]]
    english = [s["name"] for s in get_json(client, "/api/v1/services?lang=en")["contents"]]
    assert french == list(Service.objects.order_by("name_fr").values_list("name_fr", flat=True))
    assert english == list(Service.objects.order_by("name_en").values_list("name_en", flat=True))


def test_each_listed_service_has_its_one_to_one_fields_and_phones(client):
    line = get_json(client, "/api/v1/services?search=jeu")["contents"][0]
    assert line["name"] == "Jeu : aide et référence"
    assert line["status"] == "active"
    assert line["assured_date"] and line["last_modified"] and line["organization_id"]
    assert [phone["number"] for phone in line["phones"]]
    assert "schedules" not in line and "attributes" not in line


def test_lang_switches_every_text_and_says_so_in_a_header(client):
    service = Service.objects.get(name_fr="Jeu : aide et référence")
    french = client.get(f"/api/v1/services/{service.id}")
    english = client.get(f"/api/v1/services/{service.id}?lang=en")
    assert french["Content-Language"] == "fr" and english["Content-Language"] == "en"
    assert french.json()["name"] == service.name_fr
    assert english.json()["name"] == service.name_en != service.name_fr
    topics = [a["taxonomy_term"]["name"] for a in english.json()["attributes"]]
    assert "Gambling" in topics
    assert {a["taxonomy_term"]["language"] for a in english.json()["attributes"]} == {"en"}


def test_the_topic_filter_keeps_the_services_with_that_topic(client):
    gambling = TaxonomyTerm.objects.get(code="gambling")
    body = get_json(client, f"/api/v1/services?taxonomy_term_id={gambling.id}")
    assert [s["name"] for s in body["contents"]] == ["Jeu : aide et référence"]
    listening = TaxonomyTerm.objects.get(code="listening")
    body = get_json(client, f"/api/v1/services?taxonomy_term_id={listening.id}&per_page=100")
    assert set(ids(body)) == {str(pk) for pk in listening.services.values_list("id", flat=True)}
    assert body["total_items"] == listening.services.count() > 1


def test_a_topic_id_that_names_no_topic_gives_an_empty_page(client):
    body = get_json(client, f"/api/v1/services?taxonomy_term_id={uuid.uuid4()}")
    assert (body["total_items"], body["total_pages"], body["contents"]) == (0, 0, [])
    assert body["empty"] and body["first_page"] and body["last_page"]


def test_the_organization_filter_keeps_that_organizations_services(client):
    service = Service.objects.get(name_fr="Tel-jeunes")
    body = get_json(client, f"/api/v1/services?organization_id={service.organization_id}")
    assert ids(body) == [str(service.id)]


def test_search_finds_the_gambling_line_for_jeu(client):
    body = get_json(client, "/api/v1/services?search=jeu")
    assert body["contents"][0]["name"] == "Jeu : aide et référence"


def test_search_results_keep_the_search_engines_order(client, monkeypatch):
    chosen = list(Service.objects.order_by("-name_fr").values_list("id", flat=True)[:7])
    asked = {}

    def search_services(query, *, candidates):
        asked["query"], asked["candidates"] = query, candidates
        return SearchOutcome(service_ids=chosen)

    monkeypatch.setattr("directory.api.search_services", search_services)
    first = get_json(client, "/api/v1/services?search=aide&per_page=5")
    second = get_json(client, "/api/v1/services?search=aide&per_page=5&page=2")
    assert ids(first) + ids(second) == [str(pk) for pk in chosen]
    assert first["total_items"] == 7 and first["total_pages"] == 2
    assert asked["query"] == "aide"
    assert set(asked["candidates"]) == set(Service.objects.active())


def test_search_and_the_topic_filter_combine(client):
    addiction = TaxonomyTerm.objects.get(code="addiction")
    body = get_json(client, f"/api/v1/services?search=aide&taxonomy_term_id={addiction.id}")
    with_topic = {str(pk) for pk in addiction.services.values_list("id", flat=True)}
    assert ids(body) and set(ids(body)) <= with_topic
    assert "Jeu : aide et référence" in [s["name"] for s in body["contents"]]


def test_inactive_services_are_neither_listed_nor_shown(client):
    service = Service.objects.get(name_fr="Tel-jeunes")
    Service.objects.filter(id=service.id).update(status=Service.Status.INACTIVE)
    body = get_json(client, "/api/v1/services?per_page=100")
    assert str(service.id) not in ids(body) and body["total_items"] == 22
    assert get_json(client, f"/api/v1/services/{service.id}", status=404)["status"] == 404


def test_the_services_list_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert get_json(client, "/api/v1/services?per_page=100")["size"] == 23


# Bad parameters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=1.5", "page"),
        ("per_page=0", "per_page"),
        ("per_page=1000", "per_page"),
        ("per_page=abc", "per_page"),
        ("lang=xx", "lang"),
        ("taxonomy_term_id=gambling", "taxonomy_term_id"),
        ("organization_id=42", "organization_id"),
        ("colour=blue", "colour"),
        ("page=1&page=2", "page"),
        ("search=" + "a" * 201, "search"),
    ],
)
def test_a_bad_parameter_gets_a_400_naming_it(client, query, parameter):
    body = get_json(client, f"/api/v1/services?{query}", status=400)
    assert body["status"] == 400
    assert body["parameter"] == parameter
    assert parameter in body["message"]
    conforms(client, body, "Error")


def test_the_400_message_is_a_sentence_in_the_requested_language(client):
    body = get_json(client, "/api/v1/services?lang=en&per_page=0", status=400)
    assert body["message"] == "per_page must be a whole number of 1 or more."


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/services/{id}?lang=de",
        "/api/v1/organizations?page=0",
        "/api/v1/taxonomy_terms?per_page=101",
        "/api/v1/taxonomies?color=red",
        "/api/v1/?search=x",
    ],
)
def test_every_endpoint_checks_its_parameters(client, url):
    service = Service.objects.first()
    assert get_json(client, url.format(id=service.id), status=400)["status"] == 400


# One record ---------------------------------------------------------------------------------


def test_a_service_comes_fully_nested(client):
    service = Service.objects.get(
        name_fr="Ligne québécoise de prévention du suicide (1 866 APPELLE)"
    )
    body = get_json(client, f"/api/v1/services/{service.id}")
    assert body["organization"]["id"] == str(service.organization_id)
    assert {p["type"] for p in body["phones"]} == {"voice", "text"}
    assert body["schedules"][0] | {"id": "", "service_id": ""} == {
        "id": "",
        "service_id": "",
        "freq": "WEEKLY",
        "byday": "MO,TU,WE,TH,FR,SA,SU",
        "opens_at": "00:00:00",
        "closes_at": "00:00:00",
        "description": "24 heures sur 24, 7 jours sur 7",
    }
    assert body["service_areas"][0]["name"] == "Québec"
    assert {language["code"] for language in body["languages"]} == {"fr", "en"}
    codes = {a["taxonomy_term"]["code"] for a in body["attributes"]}
    assert codes == {"crisis-suicide", "psychological-distress", "grief"}
    attribute = body["attributes"][0]
    assert attribute["link_entity"] == "service" and attribute["link_id"] == str(service.id)
    assert attribute["taxonomy_term"]["taxonomy_id"] == str(TAXONOMY_ID)
    assert body["crisis_rank"] == 1
    conforms(client, body, "Service")


def test_a_full_service_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    service = Service.objects.first()
    with django_assert_max_num_queries(6):
        get_json(client, f"/api/v1/services/{service.id}")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/services/{random}",
        "/api/v1/services/not-an-id",
        "/api/v1/organizations/{random}",
        "/api/v1/organizations/12",
        "/api/v1/taxonomy_terms/{random}",
        "/api/v1/taxonomies/{random}",
        "/api/v1/locations",
        "/api/v1/services/{random}/phones",
    ],
)
def test_an_unknown_id_or_path_gets_a_json_404(client, url):
    body = get_json(client, url.format(random=uuid.uuid4()) + "?lang=en", status=404)
    assert body["status"] == 404 and body["message"]
    conforms(client, body, "Error")


def test_only_get_is_answered(client):
    response = client.post("/api/v1/services", {"search": "jeu"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["status"] == 405


# Organizations, topics, the taxonomy ---------------------------------------------------------


def test_organizations_come_in_pages_and_one_lists_its_services(client):
    page = get_json(client, "/api/v1/organizations?per_page=10&lang=en")
    assert page["total_items"] == Organization.objects.count()
    assert page["size"] == 10 and page["total_pages"] == 3
    conforms(client, page, "OrganizationPage")
    service = Service.objects.get(name_fr="Tel-jeunes")
    body = get_json(client, f"/api/v1/organizations/{service.organization_id}?lang=en")
    assert body["name"] == service.organization.name_en
    assert [s["name"] for s in body["services"]] == [service.name_en]
    conforms(client, body, "OrganizationWithServices")


def test_topics_come_in_pages_with_their_taxonomy(client):
    page = get_json(client, "/api/v1/taxonomy_terms?per_page=100&lang=en")
    assert page["total_items"] == TaxonomyTerm.objects.count() == 27
    assert "Gambling" in [term["name"] for term in page["contents"]]
    conforms(client, page, "TaxonomyTermPage")
    gambling = TaxonomyTerm.objects.get(code="gambling")
    term = get_json(client, f"/api/v1/taxonomy_terms/{gambling.id}")
    assert (term["code"], term["name"], term["language"]) == ("gambling", "Jeu compulsif", "fr")
    conforms(client, term, "TaxonomyTerm")


def test_there_is_one_taxonomy_with_a_fixed_id(client):
    page = get_json(client, "/api/v1/taxonomies")
    assert ids(page) == [str(TAXONOMY_ID)] and page["total_items"] == 1
    conforms(client, page, "TaxonomyPage")
    taxonomy = get_json(client, f"/api/v1/taxonomies/{TAXONOMY_ID}?lang=en")
    assert taxonomy["name"] == "Entraide topics"
    conforms(client, taxonomy, "Taxonomy")
