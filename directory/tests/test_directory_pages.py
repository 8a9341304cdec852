import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from directory.models import Schedule, Service

pytestmark = pytest.mark.django_db

MONTREAL = ZoneInfo("America/Montreal")


@pytest.fixture
def client() -> Client:
    return Client()


def result_names(html: str) -> list[str]:
    import re

    return re.findall(r'<h3><a href="/\w\w/directory/service/[^"]+/">([^<]+)</a></h3>', html)


def test_an_empty_search_page_invites_to_browse_by_topic(client: Client, reference_data) -> None:
    html = client.get("/fr/directory/").content.decode()
    assert "Parcourir par sujet" in html
    assert '<a href="?topic=gambling">Jeu compulsif</a>' in html


def test_a_search_with_no_result_suggests_the_crisis_lines_and_811(client: Client, reference_data):
    response = client.post("/fr/directory/", {"q": "zzxqv wwkkp"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aucun service ne correspond à cette recherche." in html
    assert 'href="tel:811"' in html and 'href="sms:535353"' in html and 'href="tel:988"' in html


def test_the_english_no_result_message_is_in_english(client: Client, reference_data) -> None:
    html = client.post("/en/directory/", {"q": "zzxqv wwkkp"}).content.decode()
    assert "No service matches this search." in html


def test_a_topic_link_lists_only_that_topic(client: Client, reference_data) -> None:
    html = client.get("/en/directory/", {"topic": "gambling"}).content.decode()
    assert result_names(html) == ["Gambling Help and Referral"]


def test_the_region_filter_keeps_province_wide_lines(client: Client, reference_data) -> None:
    html = client.post("/fr/directory/", {"region": "06", "topic": "domestic-violence"}).content
    assert "SOS violence conjugale" in result_names(html.decode())


def test_the_language_filter_leaves_out_french_only_lines(client: Client, reference_data) -> None:
    everything = result_names(client.post("/en/directory/", {"topic": "youth"}).content.decode())
    english = result_names(
        client.post("/en/directory/", {"topic": "youth", "language": "en"}).content.decode()
    )
    assert "Tel-jeunes (youth helpline)" in everything
    assert "Tel-jeunes (youth helpline)" not in english
    assert "Kids Help Phone" in english


def test_open_now_keeps_lines_open_at_that_hour(client: Client, reference_data) -> None:
    late_evening = datetime.datetime(2026, 11, 18, 22, 30, tzinfo=MONTREAL)
    with mock.patch("django.utils.timezone.now", return_value=late_evening):
        html = client.post("/en/directory/", {"topic": "seniors"}).content.decode()
        assert "Elder Abuse Helpline" in result_names(html)
        assert "Closed now." in html
        html = client.post("/en/directory/", {"topic": "seniors", "open_now": "on"}).content
    assert "Elder Abuse Helpline" not in result_names(html.decode())
    morning = datetime.datetime(2026, 11, 18, 9, 0, tzinfo=MONTREAL)
    with mock.patch("django.utils.timezone.now", return_value=morning):
        html = client.post("/en/directory/", {"topic": "seniors", "open_now": "on"}).content
    assert "Elder Abuse Helpline" in result_names(html.decode())


def test_open_now_leaves_out_lines_without_listed_hours(client: Client, reference_data) -> None:
    html = client.post("/en/directory/", {"topic": "caregivers", "open_now": "on"}).content
    assert "AQPAMM (families and friends of people living with mental illness)" not in html.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"page": "abc"},
        {"page": "0"},
        {"topic": "no-such-topic"},
        {"region": "99"},
        {"language": "de"},
    ],
)
def test_bad_search_options_get_a_clear_message_and_a_400(client: Client, reference_data, data):
    response = client.post("/fr/directory/", data)
    assert response.status_code == 400
    assert (
        "Certaines options de recherche n’ont pas pu être utilisées." in response.content.decode()
    )


def test_an_htmx_search_returns_only_the_results(client: Client, reference_data) -> None:
    response = client.post("/fr/directory/", {"q": "jeu"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "Jeu : aide et référence" in html


def test_results_are_paginated(client: Client, reference_data) -> None:
    first = client.post("/en/directory/", {"region": "06"}).content.decode()
    second = client.post("/en/directory/", {"region": "06", "page": "2"}).content.decode()
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert not set(result_names(first)) & set(result_names(second))


def test_a_service_page_shows_numbers_hours_and_when_it_was_checked(client: Client, reference_data):
    service = Service.objects.get(name_en="Quebec suicide prevention line (1 866 APPELLE)")
    html = client.get(f"/en/directory/service/{service.id}/").content.decode()
    assert '<a href="tel:+18662773553">1 866 APPELLE (1 866 277-3553)</a>' in html
    assert '<a href="sms:535353">535353</a>' in html
    assert "24 hours a day, 7 days a week" in html
    assert "Nov. 22, 2026" in html
    html = client.get(f"/fr/directory/service/{service.id}/").content.decode()
    assert "24 heures sur 24, 7 jours sur 7" in html and "22 novembre 2026" in html


def test_an_unknown_or_inactive_service_is_not_found(client: Client, reference_data) -> None:
    service = Service.objects.get(name_en="Gambling Help and Referral")
    assert client.get(f"/fr/directory/service/{service.id}/").status_code == 200
    Service.objects.filter(id=service.id).update(status=Service.Status.DEFUNCT)
    assert client.get(f"/fr/directory/service/{service.id}/").status_code == 404
    missing = "/fr/directory/service/00000000-0000-0000-0000-000000000000/"
    assert client.get(missing).status_code == 404


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in Montréal in the week of Monday 16 November 2026 (day 0 = Monday)."""
    return datetime.datetime(2026, 11, 16 + day, hour, minute, tzinfo=MONTREAL)


def test_a_schedule_spanning_midnight_is_open_late_and_early() -> None:
    night = Schedule(byday="FR", opens_at=datetime.time(20), closes_at=datetime.time(2))
    assert night.is_open_at(at(4, 23))  # Friday 23:00
    assert night.is_open_at(at(5, 1, 30))  # Saturday 01:30, still Friday's night
    assert not night.is_open_at(at(5, 2, 30))
    assert not night.is_open_at(at(3, 23))  # Thursday


def test_an_all_day_schedule_is_open_on_its_days_only() -> None:
    weekend = Schedule(byday="SA,SU", opens_at=datetime.time(0), closes_at=datetime.time(0))
    assert weekend.is_open_at(at(5, 0, 0)) and weekend.is_open_at(at(6, 23, 59))
    assert not weekend.is_open_at(at(0, 12))


def test_a_daytime_schedule_closes_at_its_closing_time() -> None:
    office = Schedule(
        byday="MO,TU,WE,TH,FR", opens_at=datetime.time(8), closes_at=datetime.time(20)
    )
    assert office.is_open_at(at(2, 8)) and office.is_open_at(at(2, 19, 59))
    assert not office.is_open_at(at(2, 20)) and not office.is_open_at(at(2, 7, 59))
    assert office.is_open_at(at(2, 15).astimezone(datetime.UTC))  # any zone is read as Montréal


def test_saving_a_service_makes_it_findable_at_once(client: Client, reference_data) -> None:
    service = Service.objects.get(name_en="Gambling Help and Referral")
    service.keywords_fr += " loto-quilles"
    service.save()
    html = client.post("/fr/directory/", {"q": "loto-quilles"}).content.decode()
    assert result_names(html) == ["Jeu : aide et référence"]


def test_the_rebuild_command_reports_how_many_services_it_indexed(reference_data) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.utils import translation

    out = StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=StringIO())
    assert out.getvalue().startswith("23 services indexés en ")
    out = StringIO()
    with translation.override("en"):
        call_command("rebuild_search_index", stdout=out, stderr=StringIO())
    assert out.getvalue().startswith("Indexed 23 services in ")


def test_crisis_wording_shows_the_numbers_beside_the_results_even_when_filtered(
    client: Client, reference_data
) -> None:
    html = client.post(
        "/fr/directory/", {"q": "je veux mourir", "topic": "gambling"}, headers={"HX-Request": "1"}
    ).content.decode()
    notice = html[html.index('<div class="notice" role="alert">') :]
    for href in ["tel:+18662773553", "sms:535353", "tel:988", "tel:911"]:
        assert f'<a href="{href}">' in notice
