"""HSDS exports checked against the official schemas, and imports that recreate the directory."""

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conftest import skip_or_fail
from directory.hsds.export import export_document
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

OFFICIAL = Path(__file__).resolve().parents[3] / "shared" / "hsds-3.1"
DIRECTORY_MODELS = [
    TaxonomyTerm,
    Organization,
    Service,
    Phone,
    Schedule,
    ServiceArea,
    Language,
    Attribute,
]

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def official() -> Path:
    if not (OFFICIAL / "schema_compiled_service.json").exists():
        skip_or_fail(f"the official HSDS 3.1 schemas are not in {OFFICIAL}")
    return OFFICIAL


def official_validator(official: Path, name: str) -> Draft202012Validator:
    """A validator for an official compiled schema; any $ref to a URL is read from schema/."""

    def retrieve(uri: str) -> Resource:
        local = official / "schema" / uri.rsplit("/", 1)[-1]
        return Resource.from_contents(json.loads(local.read_text()), DRAFT202012)

    schema = json.loads((official / f"schema_compiled_{name}.json").read_text())
    registry = Registry(retrieve=retrieve)
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def problems(validator: Draft202012Validator, record: dict) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(record)]


@pytest.fixture
def more_of_the_directory() -> Service:
    """What the shipped data lacks: a regional area, an extension, a sub-topic, an inactive
    service, an untranslated phone description."""
    gambling = TaxonomyTerm.objects.get(code="gambling")
    online = TaxonomyTerm.objects.create(
        code="online-gambling",
        name_fr="Jeu en ligne",
        name_en="Online gambling",
        description_fr="Paris et casinos sur Internet.",
        description_en="Online betting and casinos.",
        parent=gambling,
    )
    organization = Organization.objects.create(
        name_fr="Maison Jeu-Aide",
        name_en="Jeu-Aide House",
        description_fr="Un organisme montréalais.",
        description_en="A Montreal organization.",
        website="https://example.org/",
        email="info@example.org",
        verified_on=datetime.date(2024, 5, 1),
    )
    service = Service.objects.create(
        organization=organization,
        name_fr="Groupe du mardi",
        name_en="Tuesday group",
        description_fr="Un groupe d'entraide.",
        description_en="A self-help group.",
        keywords_fr="groupe jeu",
        keywords_en="group gambling",
        url="https://example.org/mardi",
        status=Service.Status.INACTIVE,
        verified_on=datetime.date(2024, 5, 2),
    )
    Phone.objects.create(
        service=service, number="514 555-0101", extension="123", description_fr="Accueil"
    )
    Schedule.objects.create(
        service=service,
        byday="TU",
        opens_at=datetime.time(18, 30),
        closes_at=datetime.time(21),
        description_fr="Le mardi soir",
        description_en="Tuesday evenings",
    )
    ServiceArea.objects.create(
        service=service,
        region=Region.objects.get(code="06"),
        name_fr="Montréal",
        name_en="Montreal",
    )
    Language.objects.create(service=service, code="es", name="español")
    Attribute.objects.create(service=service, taxonomy_term=online)
    return service


def snapshot() -> dict[str, list[dict]]:
    return {
        model.__name__: sorted(model.objects.values(), key=lambda row: str(row["id"]))
        for model in DIRECTORY_MODELS
    }


def wipe() -> None:
    Organization.objects.all().delete()
    TaxonomyTerm.objects.all().delete()
    assert all(not model.objects.exists() for model in DIRECTORY_MODELS)


def export(tmp_path: Path, kind: str, lang: str) -> Path:
    output = tmp_path / f"{lang}.json" if kind == "json" else tmp_path / f"{lang}-csv"
    call_command("export_hsds", format=kind, lang=lang, output=str(output), stderr=io.StringIO())
    return output


def import_hsds(path: Path, lang: str, allow_crisis_changes: bool = False) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_hsds",
        str(path),
        lang=lang,
        allow_crisis_changes=allow_crisis_changes,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def failed_import(path: Path, lang: str = "fr") -> str:
    with pytest.raises(CommandError) as failure:
        import_hsds(path, lang)
    return str(failure.value)


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.reader(file))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(rows)


# Exports against the official schemas --------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_exported_service_and_organization_passes_the_official_schemas(
    official, more_of_the_directory, lang
):
    document = export_document(lang)
    services = official_validator(official, "service")
    organizations = official_validator(official, "organization")
    assert len(document["services"]) == Service.objects.count() == 24
    for service in document["services"]:
        assert problems(services, service) == [], service["name"]
    for organization in document["organizations"]:
        assert problems(organizations, organization) == [], organization["name"]
    assert document["language"] == lang


def test_the_official_schemas_do_reject_a_broken_service(official):
    service = export_document("fr")["services"][0]
    del service["name"]
    service["phones"][0]["extension"] = "one hundred"
    assert len(problems(official_validator(official, "service"), service)) == 2


def test_the_api_serves_services_the_official_schema_accepts(client, official):
    validator = official_validator(official, "service")
    for service in Service.objects.all()[:5]:
        body = client.get(f"/api/v1/services/{service.id}?lang=en").json()
        assert problems(validator, body) == []


def test_the_export_costs_a_fixed_number_of_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        export_document("fr")


def test_the_json_export_can_go_to_standard_output():
    out = io.StringIO()
    call_command("export_hsds", format="json", lang="en", output="-", stdout=out)
    document = json.loads(out.getvalue())
    assert document["language"] == "en"
    assert len(document["taxonomy_terms"]) == 27


def test_the_csv_package_has_the_official_files_and_columns_in_order(
    official, tmp_path, more_of_the_directory
):
    folder = export(tmp_path, "csv", "en")
    descriptor = json.loads((official / "datapackage.json").read_text())
    official_tables = {r["path"]: r["schema"]["fields"] for r in descriptor["resources"]}
    written = json.loads((folder / "datapackage.json").read_text())
    paths = [resource["path"] for resource in written["resources"]]
    assert set(paths) == {
        "organizations.csv",
        "services.csv",
        "phones.csv",
        "schedules.csv",
        "service_areas.csv",
        "languages.csv",
        "taxonomies.csv",
        "taxonomy_terms.csv",
        "attributes.csv",
    }
    for resource in written["resources"]:
        header = read_csv(folder / resource["path"])[0]
        names = [field["name"] for field in official_tables[resource["path"]]]
        assert header[: len(names)] == names
        assert header == [field["name"] for field in resource["schema"]["fields"]]
        for key in resource["schema"].get("foreignKeys", []):
            assert key["reference"]["resource"] in {r["name"] for r in written["resources"]}
    services = read_csv(folder / "services.csv")
    assert services[0][-2:] == ["keywords", "crisis_rank"]
    assert len(services) == 1 + 24
    areas = read_csv(folder / "service_areas.csv")
    assert ["urn:entraide:region:06"] in [row[-1:] for row in areas]
    phones = {row[6]: row for row in read_csv(folder / "phones.csv")}
    assert phones["514 555-0101"][7] == "123"


# Round trips -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_importing_the_french_then_the_english_export_recreates_the_directory(
    tmp_path, more_of_the_directory, kind
):
    before = snapshot()
    french, english = export(tmp_path, kind, "fr"), export(tmp_path, kind, "en")
    wipe()
    import_hsds(french, "fr", allow_crisis_changes=True)  # the crisis lines are new again
    import_hsds(english, "en")
    assert snapshot() == before


def test_a_record_that_arrives_in_one_language_gets_that_text_in_both(tmp_path):
    english = export(tmp_path, "json", "en")
    wipe()
    import_hsds(english, "en", allow_crisis_changes=True)
    service = Service.objects.get(name_en__startswith="Gambling")
    assert service.name_fr == service.name_en
    assert service.keywords_fr == service.keywords_en
    gambling = TaxonomyTerm.objects.get(code="gambling")
    assert gambling.name_fr == gambling.name_en == "Gambling"


def test_importing_one_language_leaves_the_other_languages_texts_alone(tmp_path):
    before = snapshot()
    french = export(tmp_path, "json", "fr")
    Service.objects.update(name_fr="Ancien nom")
    import_hsds(french, "fr")
    assert snapshot() == before


def test_an_imported_service_loses_the_phones_the_file_no_longer_has(tmp_path):
    document = export_document("fr")
    service = next(
        s for s in document["services"] if len(s["phones"]) == 2 and not s.get("crisis_rank")
    )
    kept = service["phones"].pop(0)
    path = tmp_path / "fewer.json"
    path.write_text(json.dumps(document))
    import_hsds(path, "fr")
    assert list(Phone.objects.filter(service_id=service["id"]).values_list("id", flat=True)) == [
        Phone.objects.get(id=service["phones"][0]["id"]).id
    ]
    assert not Phone.objects.filter(id=kept["id"]).exists()


def test_an_import_rebuilds_the_search_index(tmp_path, monkeypatch):
    rebuilt = []
    monkeypatch.setattr("directory.hsds.load.rebuild_index", lambda: rebuilt.append(True))
    import_hsds(export(tmp_path, "json", "fr"), "fr")
    assert rebuilt == [True]


# Bad files -------------------------------------------------------------------------------------


def test_a_bad_json_file_changes_nothing_and_names_each_bad_row(tmp_path):
    before = snapshot()
    document = export_document("fr")
    services = document["services"]
    services[0]["name"] = "Un nom changé"
    del services[3]["name"]
    called = next(n for n, service in enumerate(services) if n > 3 and service["phones"])
    del services[called]["phones"][0]["number"]
    services[called + 1]["status"] = "sleeping"
    services[called + 2]["url"] = "pas une adresse"
    document["organizations"][2]["email"] = "not an email"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    message = failed_import(path)
    assert "Nothing was imported: 5 problems" in message
    assert "services[3]: name is required" in message
    assert f"services[{called}]: phones[0]: number is required" in message
    assert f"services[{called + 1}]: status must be one of: active, inactive" in message
    assert f"services[{called + 2}]: url: Enter a valid URL." in message
    assert "organizations[2]: email is not a valid email" in message
    assert "services[0]" not in message
    assert snapshot() == before


def test_references_are_checked_across_the_json_file_and_the_directory(tmp_path):
    before = snapshot()
    document = export_document("fr")
    document["services"][1]["organization_id"] = "5f0c6b7e-8a36-4d43-9d5e-3b8b8f8e2c11"
    del document["services"][1]["organization"]
    document["services"][2]["attributes"][0]["taxonomy_term_id"] = (
        "6a1d7c8f-9b47-4e54-8e6f-4c9c9f9f3d22"
    )
    del document["services"][2]["attributes"][0]["taxonomy_term"]
    document["services"][4]["schedules"] = [{"id": "7b2e8d90-ac58-4f65-9f70-5dadaf0a4e33"}]
    path = tmp_path / "dangling.json"
    path.write_text(json.dumps(document))
    message = failed_import(path)
    assert "services[1]: organization_id 5f0c6b7e-8a36-4d43-9d5e-3b8b8f8e2c11 is neither" in message
    assert "services[2]: attributes[0]: taxonomy_term_id 6a1d7c8f" in message
    assert "services[4]: schedules[0]: opens_at must be a local time" in message
    assert snapshot() == before


def test_a_bad_csv_row_changes_nothing_and_names_the_row(tmp_path):
    before = snapshot()
    folder = export(tmp_path, "csv", "fr")
    services = read_csv(folder / "services.csv")
    name, url = services[0].index("name"), services[0].index("url")
    services[1][name] = "Un nom changé"  # a good change, row 2
    services[3][name] = ""  # row 4
    services[4][url] = "pas une adresse"  # row 5
    write_csv(folder / "services.csv", services)
    phones = read_csv(folder / "phones.csv")
    phones[2][phones[0].index("service_id")] = "8c3f9ea1-bd69-4a76-8a81-6ebebf1b5f44"  # row 3
    phones[3][phones[0].index("extension")] = "poste 2"  # row 4
    write_csv(folder / "phones.csv", phones)
    message = failed_import(folder)
    assert "services.csv row 4: name is required" in message
    assert "services.csv row 5: url: Enter a valid URL." in message
    assert "phones.csv row 3: service_id 8c3f9ea1-bd69-4a76-8a81-6ebebf1b5f44 is neither" in message
    assert "phones.csv row 4: extension must be of type number" in message
    assert "row 2" not in message
    assert snapshot() == before


def test_a_csv_package_without_its_services_file_is_refused(tmp_path):
    folder = export(tmp_path, "csv", "fr")
    (folder / "services.csv").unlink()
    assert "services.csv is missing" in failed_import(folder)


def test_a_file_in_the_other_language_is_refused(tmp_path):
    before = snapshot()
    assert "in language 'en' but --lang fr" in failed_import(export(tmp_path, "json", "en"), "fr")
    folder = export(tmp_path, "csv", "en")
    assert "taxonomy_terms.csv row 2: language is 'en' but --lang fr" in failed_import(folder)
    assert snapshot() == before


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{ not json")
    assert "broken.json cannot be read as JSON" in failed_import(path)


# Progress --------------------------------------------------------------------------------------


def test_a_long_import_reports_its_progress_and_a_final_count(tmp_path):
    organization = {
        "id": "9d4fa0b2-ce7a-4b87-8b92-7fcfcf2c6f55",
        "name": "Grand réseau",
        "description": "Beaucoup de services.",
    }
    services = [
        {
            "id": f"00000000-0000-4000-8000-{n:012d}",
            "organization_id": organization["id"],
            "name": f"Service {n}",
            "description": "Un service.",
            "status": "active",
            "phones": [{"id": f"00000000-0000-4000-9000-{n:012d}", "number": f"514 555-{n:04d}"}],
        }
        for n in range(300)
    ]
    path = tmp_path / "big.json"
    document = {"language": "fr", "organizations": [organization], "services": services}
    path.write_text(json.dumps(document))
    out, err = import_hsds(path, "fr")
    assert "Imported 500 of 601 records…" in err
    assert err.rstrip().endswith("Imported 601 records.")
    assert "services: 300" in out
    assert Phone.objects.filter(number="514 555-0299").exists()
