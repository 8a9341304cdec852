"""The request form and its receipt as a person uses them on a phone: reloading, going Back,
tapping twice, switching language, saving the words; what the receipt says about the request;
crisis topics; and bursts of requests that must not silence a network."""

import datetime
import re
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from directory.models import TaxonomyTerm
from recruitment.models import HelperProfile
from support import floods, receipts
from support.helper_actions import decline_offer
from support.models import HelpRequest, Offer
from support.tests.helper_world import World, make_eap, make_helper, world_fixture  # noqa: F401

PASSPHRASE = re.compile(r"<strong data-passphrase>([a-z ]+)</strong>")


def form_of(client: Client, code: str, lang: str = "en") -> dict:
    """The request form as shown: its one-use token and its defaults."""
    html = client.get(f"/{lang}/help/{code}/").content.decode()
    token = re.search(r'name="submission" value="([^"]+)"', html).group(1)
    return {"submission": token, "language": "en", "contact": "conversation", "message": ""}


def words_on(response: object) -> str:
    match = PASSPHRASE.search(response.content.decode())
    return match.group(1) if match else ""


def send(client: Client, code: str, lang: str = "en", **fields: object) -> object:
    data = form_of(client, code, lang)
    data.update(fields)
    return client.post(f"/{lang}/help/{code}/", data)


def topic(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get_or_create(
        code=code,
        defaults={"name_fr": code, "name_en": code, "description_fr": "", "description_en": ""},
    )[0]


def test_the_form_asks_for_the_message_first_and_folds_the_rest(world: World) -> None:
    html = Client().get(f"/fr/help/{world.network_a.code}/").content.decode()
    form = html[html.index("<form") :]
    order = [form.index(f'name="{name}"') for name in ("message", "contact", "language")]
    assert order == sorted(order)
    folded = form[form.index("<details") : form.index("</details>")]
    assert 'name="language"' in folded and 'name="message"' not in folded


def test_reloading_the_receipt_shows_the_same_words_and_makes_no_second_request(
    world: World,
) -> None:
    client = Client()
    data = form_of(client, world.network_a.code)
    data["message"] = "Marie-Ève Tremblay, CSN: I need to talk."
    url = f"/en/help/{world.network_a.code}/"
    first, reload = client.post(url, data), client.post(url, data)
    assert words_on(first) and words_on(first) == words_on(reload)
    assert HelpRequest.objects.count() == 1
    assert "already sent" in reload.content.decode()
    request = HelpRequest.objects.get()
    assert request.messages.count() == 1
    assert Offer.objects.filter(request=request).count() == 1


def test_going_back_to_the_form_gives_a_new_form_that_makes_a_new_request(world: World) -> None:
    client = Client()
    first = send(client, world.network_a.code, message="First")
    second = send(client, world.network_a.code, message="Second, on purpose")
    assert words_on(first) != words_on(second)
    assert HelpRequest.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_double_tap_on_send_makes_one_request(world: World) -> None:
    data = form_of(Client(), world.network_a.code)
    data["message"] = "Tapped twice"
    pages = []
    barrier = threading.Barrier(2)

    def tap() -> None:
        try:
            barrier.wait()
            pages.append(Client().post(f"/en/help/{world.network_a.code}/", data))
        finally:
            connection.close()

    threads = [threading.Thread(target=tap) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [p.status_code for p in pages] == [200, 200]
    assert len({words_on(p) for p in pages}) == 1 and words_on(pages[0])
    assert HelpRequest.objects.count() == 1


def test_switching_language_on_the_receipt_keeps_the_same_words(world: World) -> None:
    client = Client()
    data = form_of(client, world.network_a.code)
    receipt = client.post(f"/en/help/{world.network_a.code}/", data)
    html = receipt.content.decode()
    assert f'action="/fr/help/{world.network_a.code}/"' in html  # the switch is a form
    again = client.post(
        f"/fr/help/{world.network_a.code}/", {"submission": data["submission"], "receipt": "show"}
    )
    assert again.status_code == 200 and '<html lang="fr">' in again.content.decode()
    assert words_on(again) == words_on(receipt)
    assert HelpRequest.objects.count() == 1


def test_the_words_can_be_saved_as_a_small_file(world: World) -> None:
    client = Client()
    data = form_of(client, world.network_a.code)
    words = words_on(client.post(f"/en/help/{world.network_a.code}/", data))
    saved = client.post(
        f"/en/help/{world.network_a.code}/", {"submission": data["submission"], "receipt": "file"}
    )
    assert saved["Content-Type"].startswith("text/plain")
    assert saved["Content-Disposition"].startswith("attachment;")
    assert saved["Cache-Control"] == "no-store"
    text = saved.content.decode()
    assert words in text and "/en/help/conversation/" in text
    assert world.network_a.name not in text


def test_an_hour_later_the_same_form_no_longer_shows_the_words(world: World) -> None:
    client = Client()
    data = form_of(client, world.network_a.code)
    words = words_on(client.post(f"/en/help/{world.network_a.code}/", data))
    HelpRequest.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    later = client.post(f"/en/help/{world.network_a.code}/", data)
    assert later.status_code == 200 and words not in later.content.decode()
    assert "cannot be shown again" in later.content.decode()
    assert HelpRequest.objects.count() == 1


@pytest.mark.parametrize("token", ["", "made-up-token", "x" * 64])
def test_a_made_up_receipt_token_shows_nothing(world: World, token: str) -> None:
    response = Client().post(
        f"/en/help/{world.network_a.code}/", {"submission": token, "receipt": "show"}
    )
    assert response.status_code == 404 and not words_on(response)


def test_a_receipt_token_opens_nothing_from_another_network(world: World) -> None:
    client = Client()
    data = form_of(client, world.network_a.code)
    client.post(f"/en/help/{world.network_a.code}/", data)
    response = client.post(
        f"/en/help/{world.network_b.code}/", {"submission": data["submission"], "receipt": "show"}
    )
    assert response.status_code == 404


def test_the_receipt_says_plainly_that_a_helper_was_offered_the_request(world: World) -> None:
    html = send(Client(), world.network_a.code, message="Hello").content.decode()
    assert "has been offered to a peer helper" in html
    assert "No peer helper is available" not in html


def test_with_no_helper_at_all_the_receipt_says_so_and_shows_other_help_at_once(
    world: World,
) -> None:
    html = send(Client(), world.network_b.code.lower(), message="Hello").content.decode()
    HelperProfile.objects.filter(membership__network=world.network_b).delete()
    html = send(Client(), world.network_b.code, message="Hello").content.decode()
    assert "No peer helper is available right now" in html
    assert "has been offered" not in html
    other_ways = html[html.index("data-other-ways") :]
    assert 'href="tel:811"' in other_ways and "doctor" in other_ways


def test_a_crisis_topic_without_a_message_is_urgent_like_crisis_words(world: World) -> None:
    topic("crisis-suicide")
    response = send(Client(), world.network_a.code, topics=["crisis-suicide"])
    html = response.content.decode()
    main = html[html.index('<main id="main"') :]
    assert main.index('href="tel:911"') < main.index("<h1>")
    request = HelpRequest.objects.get()
    assert request.urgent and request.level == "crisis_topic"
    # Offered at once to every eligible helper of the network.
    assert Offer.objects.filter(request=request).count() == 2


def test_three_empty_requests_in_a_second_do_not_keep_the_next_real_one_from_a_helper(
    world: World,
) -> None:
    pages = [send(Client(), world.network_a.code) for _ in range(3)]
    real = send(Client(), world.network_a.code, message="Je ne vais pas bien du tout.")
    request = HelpRequest.objects.order_by("-pk").first()
    assert Offer.objects.filter(request=request, status=Offer.Status.PENDING).exists()
    assert "has been offered to a peer helper" in real.content.decode()
    # The third empty one waits in line, and says so; nothing counts against a helper's cap.
    assert "waiting in line" in pages[2].content.decode()
    waiting = HelpRequest.objects.filter(status=HelpRequest.Status.WAITING)
    assert waiting.count() == 1


def test_a_burst_of_requests_with_a_message_still_reaches_a_helper(world: World) -> None:
    HelperProfile.objects.update(open_conversation_cap=1)
    for number in range(8):
        send(Client(), world.network_a.code, message=f"spam {number}")
    real = send(Client(), world.network_a.code, message="I really need help.")
    assert "has been offered to a peer helper" in real.content.decode()


def test_an_empty_request_waiting_in_line_is_offered_once_a_helper_is_free(
    world: World,
) -> None:
    from support.management.commands.worker import run_pass

    for _ in range(3):
        send(Client(), world.network_a.code)
    waiting = HelpRequest.objects.get(status=HelpRequest.Status.WAITING)
    first = Offer.objects.filter(status=Offer.Status.PENDING).order_by("pk").first()
    decline_offer(first, by=first.helper.user)  # that helper has no offer waiting now
    run_pass()
    waiting.refresh_from_db()
    assert waiting.status == HelpRequest.Status.OFFERED


def test_coordinators_are_told_of_a_flood_once(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(floods.FLOOD_REQUESTS * 3):
            send(Client(), world.network_a.code)
    flood_mails = [m for m in mail.outbox if "Unusually many requests" in m.subject]
    assert len(flood_mails) == 1 and flood_mails[0].to == ["coordinator_a@support.test"]
    assert HelpRequest.objects.count() == floods.FLOOD_REQUESTS * 3  # nobody refused


def test_urgent_wording_reaches_every_helper_at_once_even_during_a_flood(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from support.tests.test_public_request import fake_triage

    fake_triage(monkeypatch)
    for _ in range(floods.FLOOD_REQUESTS):
        send(Client(), world.network_a.code)
    send(Client(), world.network_a.code, message="URGENTWORD tonight")
    request = HelpRequest.objects.order_by("-pk").first()
    assert request.urgent
    assert Offer.objects.filter(request=request, status=Offer.Status.PENDING).count() == 2


def test_a_full_helper_is_not_asked_again_and_their_waiting_offers_move_on(world: World) -> None:
    from support.helper_actions import accept_offer

    make_helper(world.network_a, "helper_a3")
    HelperProfile.objects.update(open_conversation_cap=1)
    send(Client(), world.network_a.code, message="one", chosen_helper=world.people["helper_a"].pk)
    send(Client(), world.network_a.code, message="two", chosen_helper=world.people["helper_a"].pk)
    offers = Offer.objects.filter(helper=world.people["helper_a"], status=Offer.Status.PENDING)
    first, second = offers.order_by("pk")
    accept_offer(first, world.user("helper_a"))
    second.refresh_from_db()
    assert second.status == Offer.Status.WITHDRAWN
    moved = Offer.objects.get(request=second.request, status=Offer.Status.PENDING)
    assert moved.helper != world.people["helper_a"]


def test_the_words_are_never_kept_anywhere_on_the_server(world: World) -> None:
    data = form_of(Client(), world.network_a.code)
    words = words_on(Client().post(f"/en/help/{world.network_a.code}/", data))
    request = HelpRequest.objects.get()
    for value in (request.receipt_hash, request.receipt_locator, request.submission_key):
        assert words not in value and receipts.normalise(words) not in value
        assert data["submission"] not in value


def test_a_form_token_of_one_network_opens_nothing_on_another_networks_form(
    world: World,
) -> None:
    data = form_of(Client(), world.network_a.code)
    words = words_on(Client().post(f"/en/help/{world.network_a.code}/", data))
    response = Client().post(f"/en/help/{world.network_b.code}/", data)
    assert response.status_code == 404 and words not in response.content.decode()
    assert HelpRequest.objects.count() == 1


@pytest.mark.parametrize(
    "path", ["/fr/help/%00/", "/en/n/%00/", "/fr/help/AB%00CD/", "/fr/help/?region=%00"]
)
def test_a_nul_byte_in_an_address_is_a_plain_answer_never_a_500(world: World, path: str) -> None:
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code in (200, 404)


def test_a_helper_sharing_a_resource_with_a_forged_token_gets_no_500(world: World) -> None:
    from support.helper_actions import accept_offer

    resource = make_eap(world.network_a, "PAE", "1 800 555-0123")
    send(
        Client(), world.network_a.code, message="Bonjour", chosen_helper=world.people["helper_a"].pk
    )
    offer = Offer.objects.get(helper=world.people["helper_a"])
    accept_offer(offer, world.user("helper_a"))
    url = f"/en/support/request/{offer.request_id}/share/{resource.pk}/"
    client = world.client_for("helper_a")
    for token in ("x" * 80, "a\x00b"):
        assert client.post(url, {"form_token": token}).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_empty_requests_sent_at_the_same_moment_never_wait_on_one_helper_together(
    world: World,
) -> None:
    forms = [form_of(Client(), world.network_a.code) for _ in range(3)]
    barrier = threading.Barrier(3)

    def tap(data: dict) -> None:
        try:
            barrier.wait()
            Client().post(f"/en/help/{world.network_a.code}/", data)
        finally:
            connection.close()

    threads = [threading.Thread(target=tap, args=(data,)) for data in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert HelpRequest.objects.count() == 3
    pending = Offer.objects.filter(status=Offer.Status.PENDING)
    assert pending.count() == 2
    assert len({offer.helper_id for offer in pending}) == 2


def test_an_unmatched_request_stays_open_and_is_offered_a_day_later(world: World) -> None:
    from support.management.commands.worker import run_pass

    HelperProfile.objects.update(is_away=True)
    send(Client(), world.network_a.code, message="Personne?")
    request = HelpRequest.objects.get()
    assert request.status == HelpRequest.Status.UNMATCHED
    HelpRequest.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    for profile in HelperProfile.objects.all():
        profile.is_away = False
        profile.save()  # as each helper's profile page saves it
    run_pass()
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.OFFERED


def test_writing_in_an_unmatched_request_offers_it_again(world: World) -> None:
    from support.actions import person_writes

    HelperProfile.objects.update(is_away=True)
    send(Client(), world.network_a.code, message="Allo?")
    request = HelpRequest.objects.get()
    HelperProfile.objects.update(is_away=False)
    person_writes(request, "Je suis encore là.")
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.OFFERED


def test_offers_of_a_helper_on_an_older_pledge_go_to_another_helper(world: World) -> None:
    from support.management.commands.worker import run_pass

    send(
        Client(), world.network_a.code, message="Bonjour", chosen_helper=world.people["helper_a"].pk
    )
    offer = Offer.objects.get()
    assert offer.helper == world.people["helper_a"]
    HelperProfile.objects.filter(membership=world.people["helper_a"]).update(
        pledge_version="2026-11"
    )
    assert "offers_withdrawn=1" in " ".join(f"{k}={v}" for k, v in run_pass().items())
    offer.refresh_from_db()
    assert offer.status == Offer.Status.WITHDRAWN
    moved = Offer.objects.get(status=Offer.Status.PENDING)
    assert moved.helper == world.people["helper_a2"]


def test_a_network_with_no_helper_says_so_on_its_form_and_shows_other_help(world: World) -> None:
    HelperProfile.objects.filter(membership__network=world.network_b).delete()
    html = Client().get(f"/en/help/{world.network_b.code}/").content.decode()
    assert "No peer helper of this workplace can take a request right now" in html
    assert "data-other-ways" in html and "will answer" not in html


def test_the_words_file_has_a_french_name_on_french_pages(world: World) -> None:
    client = Client()
    data = form_of(client, world.network_a.code, lang="fr")
    client.post(f"/fr/help/{world.network_a.code}/", data)
    saved = client.post(
        f"/fr/help/{world.network_a.code}/", {"submission": data["submission"], "receipt": "file"}
    )
    assert 'filename="six-mots.txt"' in saved["Content-Disposition"]


def test_when_matching_fails_the_person_still_gets_the_words_and_the_worker_offers_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import OperationalError

    from support import matching
    from support.management.commands.worker import run_pass

    def cut(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(matching, "start_matching", cut)
    response = send(Client(), world.network_a.code, message="Pendant la panne")
    assert response.status_code == 200 and words_on(response)
    request = HelpRequest.objects.get()
    assert request.status == HelpRequest.Status.WAITING
    monkeypatch.undo()
    run_pass()
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.OFFERED


def test_when_the_request_cannot_be_saved_no_words_are_shown_and_the_text_is_kept(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import OperationalError

    from support import floods

    def cut(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    # The database fails inside the transaction that creates the request: nothing is kept.
    monkeypatch.setattr(floods, "notice_new_request", cut)
    response = send(Client(), world.network_a.code, lang="fr", message="Pendant la panne")
    assert response.status_code == 503 and not words_on(response)
    body = response.content.decode()
    assert "Pendant la panne" in body and "problème de notre côté" in body
    assert HelpRequest.objects.count() == 0

    monkeypatch.undo()
    data = dict(re.findall(r'name="(\w+)" value="([^"]*)"', body))
    data["message"] = "Pendant la panne"
    again = Client().post(f"/fr/help/{world.network_a.code}/", data)
    assert words_on(again) and HelpRequest.objects.count() == 1
