"""An HSDS import cannot move or rewrite the crisis lines quietly, and a bad file of any shape
(deep, huge, not UTF-8, holding NUL characters) is refused with a clear message, changing
nothing."""

import json
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from directory.hsds.export import export_document
from directory.models import Phone, Service
from directory.tests.test_hsds_export_import import (
    export,
    failed_import,
    import_hsds,
    read_csv,
    snapshot,
    write_csv,
)
from networks.models import enough_digits, phone_characters

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def crisis_line(document: dict, number: str) -> dict:
    """The document's service for the crisis line called at `number`."""
    crisis = {
        str(pk)
        for pk in Service.objects.filter(crisis_rank__isnull=False).values_list("id", flat=True)
    }
    return next(
        service
        for service in document["services"]
        if service["id"] in crisis and any(p["number"] == number for p in service["phones"])
    )


def write(tmp_path, document: dict, name: str = "file.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def fake_crisis_service(document: dict) -> dict:
    real = document["services"][0]
    fake = {
        key: value
        for key, value in real.items()
        if key not in ("phones", "schedules", "service_areas", "languages", "attributes")
    }
    fake.update(
        id=str(uuid.uuid4()),
        name="Ligne suicide",
        crisis_rank=1,
        phones=[{"id": str(uuid.uuid4()), "number": "514 555-0199"}],
    )
    return fake


# Crisis lines -----------------------------------------------------------------------------------


def test_a_new_service_pinned_above_the_crisis_lines_is_refused(tmp_path):
    before = snapshot()
    document = export_document("fr")
    document["services"].append(fake_crisis_service(document))
    message = failed_import(write(tmp_path, document))
    assert "--allow-crisis-changes" in message
    assert "crisis rank — becomes 1" in message
    assert snapshot() == before


def test_the_988_numbers_cannot_be_rewritten_by_id_without_the_flag(tmp_path):
    before = snapshot()
    document = export_document("fr")
    line = crisis_line(document, "988")
    for phone in line["phones"]:
        phone["number"] = "514 555-0199"
    message = failed_import(write(tmp_path, document))
    assert "phone numbers 988 (text), 988 (voice) become 514 555-0199" in message
    assert snapshot() == before


def test_a_crisis_rank_cannot_be_changed_or_removed_without_the_flag(tmp_path):
    before = snapshot()
    document = export_document("fr")
    line = crisis_line(document, "988")
    rank = line["crisis_rank"]
    line["crisis_rank"] = rank + 40
    assert f"crisis rank {rank} becomes {rank + 40}" in failed_import(write(tmp_path, document))
    del line["crisis_rank"]
    assert f"crisis rank {rank} becomes —" in failed_import(write(tmp_path, document))
    assert snapshot() == before


def test_a_crisis_number_moved_to_another_service_by_id_is_refused(tmp_path):
    """A phone row alone, naming the 9-8-8 phone's id but another service, would take the
    number away from the crisis line."""
    before = snapshot()
    document = export_document("fr")
    line = crisis_line(document, "988")
    other = next(
        s for s in document["services"] if s["id"] != line["id"] and not s.get("crisis_rank")
    )
    moved = dict(line["phones"][0], service_id=other["id"])
    other["phones"].append(moved)
    line_phones_kept = [p for p in line["phones"] if p["id"] != moved["id"]]
    document["services"] = [other]
    document["services"][0]["phones"] = other["phones"]
    assert line_phones_kept  # the 9-8-8 line keeps its other phone
    message = failed_import(write(tmp_path, document))
    assert "phone numbers 988 (text), 988 (voice) become" in message
    assert snapshot() == before


def test_with_the_flag_crisis_changes_are_made_and_printed(tmp_path):
    document = export_document("fr")
    line = crisis_line(document, "988")
    line["phones"][0]["number"] = "1 833 456-4566"
    out, err = import_hsds_allowing(write(tmp_path, document))
    assert "Crisis line changed:" in err
    assert "become 1 833 456-4566" in err
    assert Phone.objects.filter(service_id=line["id"], number="1 833 456-4566").exists()


def import_hsds_allowing(path):
    import io

    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_hsds", str(path), lang="fr", allow_crisis_changes=True, stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def test_the_unchanged_export_still_imports_without_the_flag(tmp_path):
    before = snapshot()
    import_hsds(export(tmp_path, "json", "fr"), "fr")
    assert snapshot() == before


# Phone numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "1 866 277-3553",
        "988",
        "211",
        "911",
        "535353",
        "(514) 555-0123",
        "+1 514 555-0123",
        "514 555-0123 poste 2",
        "1 800 555-0123 ext. 12",
    ],
)
def test_real_shapes_of_phone_numbers_are_valid(number):
    phone_characters(number)
    enough_digits(number)


def test_a_phone_number_that_is_not_one_is_refused(tmp_path):
    before = snapshot()
    document = export_document("fr")
    called = next(
        n for n, s in enumerate(document["services"]) if s["phones"] and not s.get("crisis_rank")
    )
    document["services"][called]["phones"][0]["number"] = "Appelez maintenant: suicide"
    document["services"][called + 1]["phones"] = [{"id": str(uuid.uuid4()), "number": "12"}]
    message = failed_import(write(tmp_path, document))
    assert f"services[{called}]: phones[0]: number: Use digits" in message
    assert (
        f"services[{called + 1}]: phones[0]: number: A phone number has at least three digits."
        in message
    )
    assert snapshot() == before
    with pytest.raises(ValidationError):
        phone_characters("suicide")


# Bad files --------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [200_000, 500])
def test_a_deeply_nested_file_is_refused(tmp_path, depth):
    before = snapshot()
    document = export_document("fr")
    text = json.dumps(document)
    nested = "[" * depth + "]" * depth
    text = text[:-1] + f', "services_extra": {nested}' + "}"
    # and nested inside a service, where the schema checks walk
    text = text.replace('"phones": [', '"phones": [{"id": "x", "deep": ' + nested + "}, ", 1)
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    message = failed_import(path)
    assert "deep.json is refused: it is nested more than 20 levels deep." in message
    assert snapshot() == before


def test_a_file_larger_than_20_megabytes_is_refused(tmp_path):
    before = snapshot()
    document = export_document("fr")
    document["services"][0]["name"] = "Un nom changé"
    document["padding"] = "a" * (21 * 1024 * 1024)
    message = failed_import(write(tmp_path, document, "huge.json"))
    assert "huge.json is larger than 20 MB: it is refused." in message
    assert snapshot() == before


def test_a_csv_file_larger_than_20_megabytes_is_refused(tmp_path):
    before = snapshot()
    folder = export(tmp_path, "csv", "fr")
    with (folder / "phones.csv").open("a", encoding="utf-8") as file:
        file.write("\n" * (21 * 1024 * 1024))
    assert "phones.csv is larger than 20 MB: it is refused." in failed_import(folder)
    assert snapshot() == before


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    before = snapshot()
    path = tmp_path / "latin1.json"
    path.write_bytes(
        json.dumps(export_document("fr"), ensure_ascii=False).encode("latin-1", "replace")
        + b"\xff\xfe"
    )
    assert "latin1.json cannot be read as JSON" in failed_import(path)
    folder = export(tmp_path, "csv", "fr")
    (folder / "services.csv").write_bytes((folder / "services.csv").read_bytes() + b"\xff\xfe\n")
    assert "services.csv cannot be read as UTF-8 CSV" in failed_import(folder)
    assert snapshot() == before


def test_a_nul_character_is_refused_in_json_and_csv(tmp_path):
    before = snapshot()
    document = export_document("fr")
    document["services"][0]["name"] = "Un nom\x00 changé"
    message = failed_import(write(tmp_path, document, "nul.json"))
    assert "nul.json is refused: it holds a NUL character." in message
    folder = export(tmp_path, "csv", "fr")
    services = read_csv(folder / "services.csv")
    services[1][services[0].index("name")] = "Un nom\x00 changé"
    write_csv(folder / "services.csv", services)
    assert "services.csv row 2: it holds a NUL character" in failed_import(folder)
    assert snapshot() == before


# The CSV package in a spreadsheet ---------------------------------------------------------------


def test_the_csv_package_quotes_formulas_and_reads_them_back(tmp_path):
    service = Service.objects.filter(crisis_rank__isnull=True).first()
    service.name_fr = '=HYPERLINK("http://evil.test/","Cliquez")'
    service.description_fr = "-2+3+cmd|' /C calc'!A0"
    service.save()
    before = snapshot()
    folder = export(tmp_path, "csv", "fr")
    cells = [cell for row in read_csv(folder / "services.csv") for cell in row]
    assert "'" + service.name_fr in cells and service.name_fr not in cells
    assert "'" + service.description_fr in cells
    import_hsds(folder, "fr")
    assert snapshot() == before
