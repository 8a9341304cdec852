"""The helper's inbox and conversation pages, through the real URLs: who may open them, and
accepting, declining, replying and closing."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from directory.models import TaxonomyTerm
from support.matching import start_matching
from support.models import HelpRequest, Message, Offer
from support.tests.helper_world import (
    CANARY,
    World,
    make_eap,
    make_request,
    world_fixture,  # noqa: F401 (the `world` fixture)
)

INBOX = "/en/support/"


def conversation_url(request: HelpRequest) -> str:
    return f"/en/support/request/{request.pk}/"


def offered_to(world: World, name: str, **fields: object) -> tuple[HelpRequest, Offer]:
    request = make_request(world.network_a, text=CANARY, chosen=world.people[name], **fields)
    offers = {o.helper_id: o for o in start_matching(request)}
    return request, offers[world.people[name].pk]


def assigned_to(world: World, name: str, **fields: object) -> HelpRequest:
    request, offer = offered_to(world, name, **fields)
    response = world.client_for(name).post(f"/en/support/offer/{offer.pk}/accept/")
    assert response.status_code == 302
    request.refresh_from_db()
    return request


@pytest.mark.parametrize("url", [INBOX, "/en/support/inbox/", "/en/support/request/1/"])
def test_an_anonymous_visitor_is_sent_to_sign_in(world: World, url: str) -> None:
    response = world.client_for("anonymous").get(url)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


@pytest.mark.parametrize("name", ["coordinator_a", "admin"])
def test_the_inbox_is_for_helpers_only(world: World, name: str) -> None:
    assert world.client_for(name).get(INBOX).status_code == 404
    assert world.client_for(name).get("/en/support/inbox/").status_code == 404


def test_an_offer_shows_urgency_topics_contact_and_language_but_not_the_message(
    world: World,
) -> None:
    topic = TaxonomyTerm.objects.create(
        code="grief-v", name_fr="Deuil", name_en="Grief", description_fr="…", description_en="…"
    )
    offered_to(world, "helper_a", urgent=True, topics=(topic,), phone="514 555-0101")
    html = world.client_for("helper_a").get(INBOX).content.decode()
    assert "Urgent" in html and "Grief" in html and "a phone call" in html and "French" in html
    assert CANARY not in html and "514 555-0101" not in html
    assert 'hx-get="/en/support/inbox/"' in html and 'hx-trigger="every 20s"' in html
    assert "allowEval" in html and "<script>" not in html
    partial = world.client_for("helper_a").get("/en/support/inbox/").content.decode()
    assert "Grief" in partial and "<html" not in partial


def test_an_offer_is_seen_only_by_the_helper_it_is_made_to(world: World) -> None:
    _request, offer = offered_to(world, "helper_a")
    assert "Accept" not in world.client_for("helper_a2").get(INBOX).content.decode()
    for name in ["helper_a2", "helper_b"]:
        client = world.client_for(name)
        assert client.post(f"/en/support/offer/{offer.pk}/accept/").status_code == 404
        assert client.post(f"/en/support/offer/{offer.pk}/decline/").status_code == 404
    assert (
        world.client_for("coordinator_a").post(f"/en/support/offer/{offer.pk}/accept/").status_code
        == 404
    )
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PENDING


def test_accepting_assigns_the_request_and_opens_the_conversation(world: World) -> None:
    request, offer = offered_to(world, "helper_a", phone="514 555-0101")
    client = world.client_for("helper_a")
    response = client.post(f"/en/support/offer/{offer.pk}/accept/")
    assert response["Location"] == conversation_url(request)
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.ASSIGNED
    assert request.helper == world.people["helper_a"] and request.assigned_at is not None

    html = client.get(conversation_url(request)).content.decode()
    assert CANARY in html and "514 555-0101" in html
    event = AuditEvent.objects.get(action="help_request.opened")
    assert event.actor == world.user("helper_a") and event.object_id == str(request.pk)
    assert CANARY not in str(AuditEvent.objects.values_list())


def test_accepting_with_a_get_does_nothing(world: World) -> None:
    _request, offer = offered_to(world, "helper_a")
    assert (
        world.client_for("helper_a").get(f"/en/support/offer/{offer.pk}/accept/").status_code == 405
    )


@pytest.mark.parametrize("name", ["helper_a2", "helper_b", "coordinator_a", "admin"])
def test_only_the_assigned_helper_reads_a_conversation(world: World, name: str) -> None:
    request = assigned_to(world, "helper_a")
    client = world.client_for(name)
    response = client.get(conversation_url(request))
    assert response.status_code == 404
    assert CANARY not in response.content.decode()
    assert client.post(conversation_url(request), {"text": "hello"}).status_code == 404
    assert client.post(conversation_url(request) + "close/").status_code == 404
    assert not Message.objects.filter(from_helper=True).exists()


def test_declining_offers_the_request_to_the_next_helper_at_once(world: World) -> None:
    request, offer = offered_to(world, "helper_a")
    response = world.client_for("helper_a").post(f"/en/support/offer/{offer.pk}/decline/")
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED
    pending = request.offers.get(status=Offer.Status.PENDING)
    assert pending.helper == world.people["helper_a2"]


def test_an_urgent_request_goes_to_the_first_helper_who_accepts(world: World) -> None:
    request = make_request(world.network_a, urgent=True, text=CANARY)
    offers = {o.helper_id: o for o in start_matching(request)}
    first = offers[world.people["helper_a2"].pk]
    second = offers[world.people["helper_a"].pk]
    world.client_for("helper_a2").post(f"/en/support/offer/{first.pk}/accept/")
    second.refresh_from_db()
    assert second.status == Offer.Status.WITHDRAWN
    late = world.client_for("helper_a").post(f"/en/support/offer/{second.pk}/accept/")
    assert late.status_code == 404
    request.refresh_from_db()
    assert request.helper == world.people["helper_a2"]


def test_an_offer_cannot_be_accepted_once_it_expired(world: World) -> None:
    request, offer = offered_to(world, "helper_a")
    later = timezone.now() + datetime.timedelta(hours=2, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = world.client_for("helper_a").post(
            f"/en/support/offer/{offer.pk}/accept/", follow=True
        )
    assert "no longer offered to you" in response.content.decode()
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.OFFERED and request.helper is None


def test_the_helper_replies_and_the_reply_is_stored_encrypted(world: World) -> None:
    request = assigned_to(world, "helper_a")
    client = world.client_for("helper_a")
    response = client.post(conversation_url(request), {"text": "I hear you. reply-canary-42"})
    assert response.status_code == 302
    reply = Message.objects.get(request=request, from_helper=True)
    assert b"reply-canary-42" not in bytes(reply.body_encrypted)
    assert "reply-canary-42" in client.get(conversation_url(request)).content.decode()


def test_an_empty_reply_shows_an_error_and_saves_nothing(world: World) -> None:
    request = assigned_to(world, "helper_a")
    response = world.client_for("helper_a").post(conversation_url(request), {"text": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Message.objects.filter(from_helper=True).exists()


def test_closing_sets_the_destruction_date_from_the_networks_retention(world: World) -> None:
    request = assigned_to(world, "helper_a")
    client = world.client_for("helper_a")
    asked = client.post(conversation_url(request) + "close/")
    assert asked.status_code == 200 and "Yes, close the conversation" in asked.content.decode()
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.ASSIGNED  # closing asks first
    assert (
        client.post(conversation_url(request) + "close/", {"confirmed": "yes"}).status_code == 302
    )
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.CLOSED
    assert request.destroy_after == request.closed_at + datetime.timedelta(days=30)
    html = client.get(conversation_url(request)).content.decode()
    assert "This conversation is closed" in html and 'name="text"' not in html
    late = client.post(conversation_url(request), {"text": "late"})  # shown back, not sent
    assert late.status_code == 200 and "your reply was not sent" in late.content.decode()
    assert not Message.objects.filter(from_helper=True).exists()
    assert "Closed conversations" in client.get(INBOX).content.decode()


@pytest.mark.parametrize(("name", "status"), [("coordinator_a", 200), ("admin", 200)])
def test_the_coordinator_sees_that_requests_exist_and_their_status_only(
    world: World, name: str, status: int
) -> None:
    topic = TaxonomyTerm.objects.create(
        code="grief-c", name_fr="Deuil", name_en="Grief", description_fr="…", description_en="…"
    )
    assigned_to(world, "helper_a", topics=(topic,), phone="514 555-0101")
    response = world.client_for(name).get(f"/en/support/network/{world.network_a.pk}/requests/")
    assert response.status_code == status
    html = response.content.decode()
    assert "in conversation" in html
    for secret in [CANARY, "Grief", "514 555-0101", "helper_a"]:
        assert secret not in html


@pytest.mark.parametrize("name", ["helper_a", "helper_b", "anonymous"])
def test_others_may_not_see_the_networks_request_statuses(world: World, name: str) -> None:
    response = world.client_for(name).get(f"/en/support/network/{world.network_a.pk}/requests/")
    assert response.status_code in (302, 404)


def test_the_helper_sees_the_limits_of_confidentiality_in_the_conversation(world: World) -> None:
    request = assigned_to(world, "helper_a")
    html = world.client_for("helper_a").get(conversation_url(request)).content.decode()
    assert "The limits of confidentiality" in html and "DPJ of the region" in html


def test_a_reload_or_double_tap_of_a_reply_sends_it_once(world: World) -> None:
    request = assigned_to(world, "helper_a")
    client = world.client_for("helper_a")
    form = {"text": "Je suis là.", "form_token": "reply-1"}
    for _tap in range(2):
        assert client.post(conversation_url(request), form).status_code == 302
    assert Message.objects.filter(request=request, from_helper=True).count() == 1


def test_urgent_offers_come_first_and_say_so_and_empty_ones_last(world: World) -> None:
    calm = make_request(world.network_a, text="calm", chosen=world.people["helper_a"])
    empty = make_request(world.network_a, chosen=world.people["helper_a"])
    urgent = make_request(world.network_a, urgent=True, text="urgent")
    for request in (empty, calm, urgent):
        start_matching(request)
    html = world.client_for("helper_a").get(INBOX).content.decode()
    offers = html[html.index('id="offers-title"') : html.index('id="open-title"')]
    cards = offers.split('<li class="card offer')[1:]
    assert cards[0].startswith(' urgent"') and "⚠" in cards[0] and "Urgent" in cards[0]
    assert "No message yet" in cards[2]
    accept, decline = cards[0].index(">Accept<"), cards[0].index(">Decline<")
    assert 'class="secondary"' in cards[0][accept : decline + 20]
    assert 'class="secondary"' not in cards[0][cards[0].index("<button") : accept]


def test_a_new_message_from_the_person_is_marked_until_the_helper_reads_it(world: World) -> None:
    from support import conversation

    request = assigned_to(world, "helper_a")
    client = world.client_for("helper_a")
    client.get(conversation_url(request))  # read
    assert "New message" not in client.get(INBOX).content.decode()
    conversation.add_message(request, "Are you there?", from_helper=False)
    assert "New message" in client.get(INBOX).content.decode()
    html = client.get(f"/en/support/request/{request.pk}/messages/").content.decode()
    assert "Are you there?" in html and ">New<" in html and "<html" not in html
    assert "New message" not in client.get(INBOX).content.decode()


def test_the_helper_sends_a_workplace_resource_to_the_person(world: World) -> None:
    resource = make_eap(world.network_a, "PAE Solutions", "1 800 555-0199")
    elsewhere = make_eap(world.network_b, "Other EAP", "1 800 555-0100")
    request = assigned_to(world, "helper_a")
    client = world.client_for("helper_a")
    assert "PAE Solutions" in client.get(conversation_url(request)).content.decode()
    url = f"/en/support/request/{request.pk}/share/"
    assert client.post(f"{url}{resource.pk}/", {"form_token": "r1"}).status_code == 302
    assert client.post(f"{url}{elsewhere.pk}/", {"form_token": "r2"}).status_code == 404
    sent = Message.objects.get(request=request, from_helper=True)
    from support import conversation

    assert "1 800 555-0199" in conversation.read_messages(request)[-1].text
    assert sent.form_token == "r1"
