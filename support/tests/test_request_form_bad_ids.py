"""The public request form answers a clear form error, never a 500, for ids too large for the
database (on SQLite they raised OverflowError), negative, or not numbers at all."""

import pytest
from django.test import Client

from support.models import HelpRequest
from support.tests import test_public_request
from support.tests.test_public_request import Place, ask

HUGE = "99999999999999999999"
place = test_public_request.place  # the fixture
BAD_VALUES = [HUGE, "-" + HUGE, "9223372036854775808", "-1", "1e5", "abc", " 12 "]


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.parametrize("field", ["chosen_helper", "excluded_helpers", "team"])
def test_an_id_out_of_range_is_a_form_error(place: Place, field: str, value: str) -> None:
    response = ask(Client(), **{field: value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html or "is not a valid value" in html
    assert not HelpRequest.objects.exists()


def test_a_huge_id_among_good_ones_is_a_form_error(place: Place) -> None:
    response = ask(Client(), excluded_helpers=[str(place.helper.pk), HUGE])
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not HelpRequest.objects.exists()


@pytest.mark.parametrize("value", [HUGE, "-1", "x" * 10_000])
@pytest.mark.parametrize("field", ["topics", "language", "contact"])
def test_other_choices_answer_a_form_error_too(place: Place, field: str, value: str) -> None:
    response = ask(Client(), **{field: value})
    assert response.status_code == 200
    # The page does not show an error for topics (no person can tick a topic that is not there).
    assert "Select a valid choice" in response.content.decode() or field == "topics"
    assert not HelpRequest.objects.exists()


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, "x" * 10_000])
@pytest.mark.parametrize("field", ["phone", "submission", "message"])
def test_text_fields_never_give_a_500(place: Place, field: str, value: str) -> None:
    fields = {"contact": "phone", "phone": "514 555-0123", field: value}
    response = ask(Client(), **fields)
    assert response.status_code == 200
