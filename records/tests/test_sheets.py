"""The reporting sheet, through the real URLs: a helper records one in a single form, sees and
corrects their own sheets of the current period, and nobody else sees a single sheet."""

import datetime
import re
from unittest import mock

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from directory.models import Service, TaxonomyTerm
from records.models import Intervention
from records.sheets import SheetAnswers, SheetLocked, month_choices, record_sheet
from support.models import HelpRequest
from support.tests.helper_world import (
    World,
    make_request,
    world_fixture,  # noqa: F401 (the `world` fixture)
)

SHEETS = "/en/records/sheets/"
NEW = "/en/records/sheets/new/"


def this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


def answers(**changes: object) -> dict:
    data = {
        "helper": "",
        "month": this_month().isoformat(),
        "contact_type": "in_person",
        "initiated_by": "colleague",
        "topics": ["grief", "workload"],
        "time_band": "30_to_60",
        "referrals": ["eap", "info_social"],
        "follow_up": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post_sheet(world: World, name: str = "helper_a", **changes: object) -> object:
    data = answers(helper=world.people[name].pk, **changes)
    return world.client_for(name).post(NEW, data)


def old_sheet(world: World, month: datetime.date) -> Intervention:
    return Intervention.objects.create(
        network=world.network_a,
        helper=world.people["helper_a"],
        month=month,
        contact_type="phone",
        initiated_by="person",
        time_band="under_15",
    )


def test_a_helper_records_a_sheet_of_coded_answers_in_one_form(world: World) -> None:
    response = post_sheet(world)
    assert response.status_code == 302 and response["Location"] == SHEETS
    sheet = Intervention.objects.get()
    assert sheet.network == world.network_a
    assert sheet.helper == world.people["helper_a"]
    assert (sheet.month, sheet.contact_type, sheet.initiated_by) == (
        this_month(),
        "in_person",
        "colleague",
    )
    assert sorted(sheet.topic_values()) == ["grief", "workload"]
    assert sorted(sheet.referral_values()) == ["eap", "info_social"]
    assert sheet.time_band == "30_to_60" and sheet.follow_up
    assert AuditEvent.objects.filter(action="sheet.recorded", object_id=str(sheet.pk)).exists()
    listing = world.client_for("helper_a").get(SHEETS).content.decode()
    assert "Grief" in listing and "In person" in listing


def test_the_form_has_no_free_text_field(world: World) -> None:
    html = world.client_for("helper_a").get(NEW).content.decode()
    assert "<textarea" not in html
    assert 'type="text"' not in html
    assert 'name="topics"' in html and 'value="domestic_violence"' in html


def test_referring_to_a_service_of_the_directory_counts_as_a_directory_referral(
    world: World, reference_data: None
) -> None:
    service = Service.objects.active().first()
    post_sheet(world, referrals=[], services=[str(service.pk)])
    sheet = Intervention.objects.get()
    assert sheet.referral_values() == ["directory"]
    assert list(sheet.services.all()) == [service]


def test_a_sheet_without_answers_shows_what_is_missing_and_keeps_the_rest(world: World) -> None:
    response = post_sheet(world, topics=None, time_band=None)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some answers need your attention" in html
    assert re.search(r'value="colleague"[^>]*checked', html)
    assert not Intervention.objects.exists()


def test_a_sheet_cannot_be_dated_outside_the_current_period(world: World) -> None:
    too_old = (this_month() - datetime.timedelta(days=70)).replace(day=1)
    assert too_old not in month_choices()
    response = post_sheet(world, month=too_old.isoformat())
    assert response.status_code == 200
    assert not Intervention.objects.exists()


def test_an_unknown_choice_is_refused_without_an_error_page(world: World) -> None:
    response = post_sheet(world, contact_type="carrier pigeon", month="not-a-date")
    assert response.status_code == 200
    assert not Intervention.objects.exists()


@pytest.mark.parametrize("name", ["coordinator_a", "admin"])
def test_only_helpers_have_sheets(world: World, name: str) -> None:
    client = world.client_for(name)
    assert client.get(SHEETS).status_code == 404
    assert client.get(NEW).status_code == 404


@pytest.mark.parametrize("name", ["helper_a2", "helper_b", "coordinator_a", "admin"])
def test_nobody_but_its_author_opens_a_sheet(world: World, name: str) -> None:
    post_sheet(world)
    sheet = Intervention.objects.get()
    client = world.client_for(name)
    assert client.get(f"{SHEETS}{sheet.pk}/").status_code == 404
    assert client.post(f"{SHEETS}{sheet.pk}/", answers(helper=sheet.helper_id)).status_code == 404
    if name.startswith("helper"):
        assert "Grief" not in client.get(SHEETS).content.decode()


def test_the_author_corrects_a_sheet_of_the_current_period(world: World) -> None:
    post_sheet(world)
    sheet = Intervention.objects.get()
    client = world.client_for("helper_a")
    page = client.get(f"{SHEETS}{sheet.pk}/").content.decode()
    assert re.search(r'value="grief"[^>]*checked', page)
    response = client.post(
        f"{SHEETS}{sheet.pk}/", answers(helper=sheet.helper_id, topics=["money"], referrals=[])
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.topic_values() == ["money"] and sheet.referral_values() == []
    # The topic rows carry the sheet's network and month, which the reports count by.
    (topic,) = sheet.topics.all()
    assert (topic.network_id, topic.month) == (sheet.network_id, sheet.month)
    assert AuditEvent.objects.filter(action="sheet.corrected").count() == 1


def test_an_older_sheet_is_closed_and_not_listed(world: World) -> None:
    sheet = old_sheet(world, (this_month() - datetime.timedelta(days=70)).replace(day=1))
    client = world.client_for("helper_a")
    listing = client.get(SHEETS).content.decode()
    assert f"{SHEETS}{sheet.pk}/" not in listing
    assert "1 older sheet is closed" in listing
    response = client.post(f"{SHEETS}{sheet.pk}/", answers(helper=sheet.helper_id))
    assert response.status_code == 409
    sheet.refresh_from_db()
    assert sheet.contact_type == "phone"


def test_a_month_that_closes_while_the_form_is_open_is_refused(world: World) -> None:
    last_month = month_choices()[1]
    answers_then = SheetAnswers(last_month, "phone", "person", "under_15", topics=["grief"])
    a_month_later = last_month + datetime.timedelta(days=62)
    with mock.patch("django.utils.timezone.localdate", return_value=a_month_later):
        with pytest.raises(SheetLocked):
            record_sheet(world.people["helper_a"], answers_then)
    assert not Intervention.objects.exists()


def test_closing_a_conversation_offers_its_sheet_prefilled(world: World) -> None:
    grief = TaxonomyTerm.objects.create(
        code="grief", name_fr="Deuil", name_en="Grief", description_fr="…", description_en="…"
    )
    request = make_request(world.network_a, topics=(grief,))
    HelpRequest.objects.filter(pk=request.pk).update(
        status=HelpRequest.Status.ASSIGNED, helper=world.people["helper_a"]
    )
    client = world.client_for("helper_a")
    response = client.post(f"/en/support/request/{request.pk}/close/", {"confirmed": "yes"})
    assert response["Location"] == f"{NEW}?request={request.pk}"
    form = client.get(response["Location"]).content.decode()
    assert f'name="request" value="{request.pk}"' in form
    assert re.search(r'value="message"[^>]*checked', form)
    assert re.search(r'value="grief"[^>]*checked', form)

    data = answers(helper=world.people["helper_a"].pk, contact_type="message", request=request.pk)
    assert client.post(NEW, data).status_code == 302
    sheet = Intervention.objects.get()
    assert sheet.help_request_id == request.pk
    again = client.get(f"{NEW}?request={request.pk}")
    assert again["Location"] == f"{SHEETS}{sheet.pk}/"
    page = client.get(f"/en/support/request/{request.pk}/").content.decode()
    assert "Fill in the reporting sheet" not in page


def test_a_second_sheet_for_the_same_conversation_is_not_recorded(world: World) -> None:
    request = make_request(world.network_a)
    HelpRequest.objects.filter(pk=request.pk).update(
        status=HelpRequest.Status.CLOSED, helper=world.people["helper_a"]
    )
    answers = SheetAnswers(month_choices()[0], "message", "person", "under_15", topics=["grief"])
    first = record_sheet(world.people["helper_a"], answers, request)
    assert record_sheet(world.people["helper_a"], answers, request) == first
    assert Intervention.objects.count() == 1


def test_a_sheet_cannot_be_prefilled_from_someone_elses_conversation(world: World) -> None:
    request = make_request(world.network_a)
    HelpRequest.objects.filter(pk=request.pk).update(
        status=HelpRequest.Status.CLOSED, helper=world.people["helper_a2"]
    )
    response = world.client_for("helper_a").get(f"{NEW}?request={request.pk}")
    assert response.status_code == 404
