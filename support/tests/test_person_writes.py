"""What happens when the person writes again: the helper is told (without content), and a
message that reads like a crisis widens the search to every eligible helper at once."""

import pytest
from django.core import mail

from support.actions import person_writes
from support.matching import start_matching
from support.models import HelpRequest, Offer
from support.tests.helper_world import CANARY, make_helper, make_networks, make_request

pytestmark = pytest.mark.django_db


def test_a_crisis_message_before_anyone_accepted_goes_to_every_eligible_helper() -> None:
    network, _, _ = make_networks()
    first, second, third = (make_helper(network, name) for name in ("ana", "ben", "cam"))
    request = make_request(network, text="J'ai besoin de parler.")
    start_matching(request)
    assert Offer.objects.filter(request=request, status=Offer.Status.PENDING).count() == 1
    assert person_writes(HelpRequest.objects.get(pk=request.pk), "je veux mourir ce soir")
    pending = Offer.objects.filter(request=request, status=Offer.Status.PENDING)
    assert {offer.helper for offer in pending} == {first, second, third}
    assert HelpRequest.objects.get(pk=request.pk).urgent


def test_the_assigned_helper_is_told_the_person_wrote_with_no_content() -> None:
    network, _, _ = make_networks()
    helper = make_helper(network, "dora")
    request = make_request(network, text="Bonjour.")
    HelpRequest.objects.filter(pk=request.pk).update(
        status=HelpRequest.Status.ASSIGNED, helper=helper
    )
    mail.outbox.clear()
    person_writes(HelpRequest.objects.get(pk=request.pk), f"Merci. {CANARY}")
    assert [message.to for message in mail.outbox] == [[helper.user.email]]
    assert CANARY not in mail.outbox[0].body and CANARY not in mail.outbox[0].subject
