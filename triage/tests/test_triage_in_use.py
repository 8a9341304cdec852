"""Triage where people meet it, through the real URLs: a request, a later message, the health
check and a directory search; and a request still goes through when the model cannot load."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client

from support.actions import person_writes
from support.matching import start_matching
from support.models import HelpRequest, Offer
from support.tests import test_public_request
from support.tests.helper_world import make_helper, make_networks, make_request
from support.tests.test_public_request import Place, ask
from triage import model
from triage.tests.test_model import real_model  # noqa: F401 -- the fixture

place = test_public_request.place  # the same fixture
# The lexicon alone reads nothing here; the model does.
ONLY_THE_MODEL_READS = "ma famille serait soulagée si je n'étais plus là"


def test_a_request_only_the_model_reads_as_urgent_shows_the_crisis_numbers(
    place: Place,
    real_model: None,  # noqa: F811
) -> None:
    html = ask(Client(), message=ONLY_THE_MODEL_READS).content.decode()

    main = html[html.index('<main id="main"') :]
    assert main.index("911") < main.index("<h1>")
    request = HelpRequest.objects.get()
    assert request.urgent and request.level == "model"


def test_a_later_message_that_turns_urgent_is_offered_to_every_helper_at_once(
    db: None,
    real_model: None,  # noqa: F811
) -> None:
    network, _, _ = make_networks()
    helpers = {make_helper(network, name) for name in ("ana", "ben", "cam")}
    request = make_request(network, text="Bonjour, j'aimerais parler de mon horaire.")
    start_matching(request)
    assert request.offers.filter(status=Offer.Status.PENDING).count() == 1

    assert person_writes(HelpRequest.objects.get(pk=request.pk), ONLY_THE_MODEL_READS)

    request.refresh_from_db()
    assert request.urgent and request.level == "model"
    pending = request.offers.filter(status=Offer.Status.PENDING)
    assert {offer.helper for offer in pending} == helpers


def test_with_the_model_off_a_request_still_goes_through_and_the_lexicon_reads(
    place: Place, settings: object
) -> None:
    settings.TRIAGE_MODEL = False
    model.forget()
    try:
        calm = ask(Client(), message=ONLY_THE_MODEL_READS)
        crisis = ask(Client(), message="Je veux mourir.")
        health = Client().get("/health/").json()
    finally:
        model.forget()

    assert calm.status_code == crisis.status_code == 200
    assert "data-passphrase" in calm.content.decode()
    assert [r.urgent for r in HelpRequest.objects.order_by("created_at")] == [False, True]
    assert (health["database"], health["triage"]) == ("ok", "lexicon only")


def test_the_health_check_and_the_deploy_check_say_which_readers_read(
    db: None,
    settings: object,
    real_model: None,  # noqa: F811
) -> None:
    health = Client().get("/health/").json()
    assert (health["database"], health["triage"]) == ("ok", "model")
    assert Client().head("/health/").status_code == 200
    call_command("check", "--deploy", "--tag", "triage")  # no warning: nothing raised

    settings.TRIAGE_MODEL = False
    model.forget()
    try:
        with pytest.raises(SystemCheckError, match="triage.W001"):
            call_command("check", "--deploy", "--tag", "triage", "--fail-level", "WARNING")
    finally:
        model.forget()


def test_a_search_is_read_by_the_same_lexicon_but_never_by_the_model(
    reference_data: None,
    real_model: None,  # noqa: F811
) -> None:
    from directory.search import search_services

    assert search_services("il m'a serré le cou").crisis  # a lexicon rule, as for a message
    assert not search_services("deuil").crisis
    assert not search_services(ONLY_THE_MODEL_READS).crisis  # the crisis strip is on every page
