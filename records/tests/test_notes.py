"""A peer helper's private notes through the real URLs: only their author reads or destroys
them, their date follows the network's policy (90 days at most), and the form refuses what it
must without ever failing."""

import datetime
from unittest import mock

import pytest
from cryptography.fernet import Fernet
from django.utils import timezone

from audit.models import AuditEvent
from networks.models import Membership, Role
from records.models import PrivateNote
from records.notes import destroy_note, read_note, write_note
from support.tests.helper_world import (
    World,
    world_fixture,  # noqa: F401 (the `world` fixture)
)

NOTES = "/en/records/notes/"  # the English pages: the tests read English text


def note_url(note: PrivateNote) -> str:
    return f"{NOTES}{note.pk}/"


def destroy_url(note: PrivateNote) -> str:
    return f"{NOTES}{note.pk}/destroy/"


def days_left(note: PrivateNote) -> float:
    return (note.expires_at - note.created_at) / datetime.timedelta(days=1)


def test_a_helper_writes_a_note_and_reads_it_back(world: World) -> None:
    client = world.client_for("helper_a")
    response = client.post(NOTES, {"text": "Rappeler mardi.\r\nParler du PAE."}, follow=True)
    assert response.status_code == 200
    note = PrivateNote.objects.get()
    assert note.author == world.people["helper_a"]
    assert b"Rappeler" not in bytes(note.body_encrypted)
    assert "Your note is saved. It will be destroyed on" in response.content.decode()
    assert note_url(note) in response.content.decode()

    page = client.get(note_url(note)).content.decode()
    assert "Rappeler mardi.<br>Parler du PAE." in page
    assert "Destroy now" in page
    assert read_note(note) == "Rappeler mardi.\nParler du PAE."


def test_only_the_author_reads_or_destroys_a_note(world: World) -> None:
    note = write_note(world.people["helper_a"], "Seulement pour moi.")
    for name in ["helper_a2", "helper_b", "coordinator_a", "admin"]:
        client = world.client_for(name)
        assert client.get(note_url(note)).status_code == 404, name
        assert client.post(destroy_url(note)).status_code == 404, name
    assert PrivateNote.objects.filter(pk=note.pk).exists()
    assert not AuditEvent.objects.exists()

    other_helper = world.client_for("helper_b").get(NOTES)
    assert other_helper.status_code == 200
    assert note_url(note) not in other_helper.content.decode()


def test_people_who_are_not_helpers_have_no_notes_page(world: World) -> None:
    for name in ["coordinator_a", "admin"]:
        client = world.client_for(name)
        assert client.get(NOTES).status_code == 404, name
        assert client.post(NOTES, {"text": "Essai"}).status_code == 404, name
    assert not PrivateNote.objects.exists()


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(world: World) -> None:
    note = write_note(world.people["helper_a"], "Privé.")
    client = world.client_for("anonymous")
    for response in [client.get(NOTES), client.get(note_url(note)), client.post(destroy_url(note))]:
        assert response.status_code == 302
        assert "/account/login/" in response["Location"]


def test_the_author_destroys_a_note_now(world: World) -> None:
    note = write_note(world.people["helper_a"], "À détruire.")
    client = world.client_for("helper_a")
    assert client.get(destroy_url(note)).status_code == 405
    response = client.post(destroy_url(note), follow=True)
    assert response.redirect_chain == [(NOTES, 302)]
    assert "The note is destroyed." in response.content.decode()
    assert not PrivateNote.objects.filter(pk=note.pk).exists()
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.object_id) == (
        "private_note.destroyed",
        "records.privatenote",
        str(note.pk),
    )
    assert event.actor == world.user("helper_a")
    assert client.get(note_url(note)).status_code == 404
    assert client.post(destroy_url(note)).status_code == 404


def test_destroying_a_note_already_destroyed_leaves_a_single_audit_event(world: World) -> None:
    note = write_note(world.people["helper_a"], "Deux fois.")
    destroy_note(note, world.user("helper_a"))
    destroy_note(note, world.user("helper_a"))
    assert AuditEvent.objects.count() == 1


def test_a_note_lives_as_long_as_the_network_policy_says(world: World) -> None:
    helper = world.people["helper_a"]
    assert days_left(write_note(helper, "Trente jours.")) == 30
    world.network_a.retention_days = 7
    world.network_a.save()
    helper.refresh_from_db()
    assert days_left(write_note(helper, "Sept jours.")) == 7


def test_a_note_never_lives_longer_than_ninety_days(world: World) -> None:
    helper = world.people["helper_a"]
    world.network_a.retention_days = 90
    world.network_a.save()
    assert days_left(write_note(helper, "Quatre-vingt-dix jours.")) == 90
    helper.network.retention_days = 365  # a policy the database refuses, capped all the same
    assert days_left(write_note(helper, "Toujours 90.")) == 90


def test_the_list_shows_notes_soonest_destroyed_first_with_their_dates(world: World) -> None:
    now = timezone.now()
    helper = world.people["helper_a"]
    later = write_note(helper, "Plus tard.", now=now - datetime.timedelta(days=1))
    sooner = write_note(helper, "Bientôt.", now=now - datetime.timedelta(days=28))
    page = world.client_for("helper_a").get(NOTES).content.decode()
    assert page.index(note_url(sooner)) < page.index(note_url(later))
    assert page.count("Destroyed soon.") == 1
    assert "This note will be destroyed on" in page  # the one in the warning window
    assert "To be destroyed on" in page  # the other one
    # The text itself is only on the note's own page.
    assert "Plus tard." not in page and "Bientôt." not in page


def test_the_empty_list_says_what_notes_are_for(world: World) -> None:
    page = world.client_for("helper_a").get(NOTES).content.decode()
    assert "You have no note." in page
    assert "destroys itself on its date" in page
    assert "never a person's full name" in page
    assert 'name="membership"' not in page  # a single helper membership: nothing to choose


def test_a_note_past_its_date_is_no_longer_shown_even_before_the_worker_runs(world: World) -> None:
    note = write_note(
        world.people["helper_a"], "Expirée.", now=timezone.now() - datetime.timedelta(days=31)
    )
    client = world.client_for("helper_a")
    assert client.get(note_url(note)).status_code == 404
    assert note_url(note) not in client.get(NOTES).content.decode()
    assert client.post(destroy_url(note)).status_code == 302
    assert not PrivateNote.objects.exists()


def test_a_note_longer_than_2000_characters_is_refused_with_a_clear_error(world: World) -> None:
    client = world.client_for("helper_a")
    response = client.post(NOTES, {"text": "x" * 2001})
    assert response.status_code == 200
    page = response.content.decode()
    assert "A note holds at most 2,000 characters; this one has 2001." in page
    assert "The note is not saved" in page
    assert not PrivateNote.objects.exists()

    assert client.post(NOTES, {"text": "y" * 2000}).status_code == 302
    # Line breaks count once, as the browser counts them.
    assert client.post(NOTES, {"text": "z\r\n" * 1000}).status_code == 302
    assert PrivateNote.objects.count() == 2


@pytest.mark.parametrize(
    "data", [{"text": ""}, {"text": "   "}, {"text": "a\x00b"}, {}, {"text": ["a", "b"]}]
)
def test_a_bad_note_is_refused_without_an_error_page(world: World, data: dict) -> None:
    response = world.client_for("helper_a").post(NOTES, data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "errorlist" in response.content.decode()
    assert PrivateNote.objects.count() <= 1


def test_a_helper_of_two_networks_chooses_the_network_of_the_note(world: World) -> None:
    world.network_b.retention_days = 10
    world.network_b.save()
    second = Membership.objects.create(
        user=world.user("helper_a"), role=Role.HELPER, network=world.network_b
    )
    client = world.client_for("helper_a")
    page = client.get(NOTES).content.decode()
    assert 'name="membership"' in page
    assert world.network_a.name in page and world.network_b.name in page

    unchosen = client.post(NOTES, {"text": "Réseau B."})
    assert unchosen.status_code == 200
    assert "Choose the network this note belongs to." in unchosen.content.decode()
    other = world.people["helper_a2"].pk  # someone else's membership: not a choice
    assert client.post(NOTES, {"text": "Réseau B.", "membership": other}).status_code == 200
    assert not PrivateNote.objects.exists()

    assert client.post(NOTES, {"text": "Réseau B.", "membership": second.pk}).status_code == 302
    note = PrivateNote.objects.get()
    assert note.author == second
    assert days_left(note) == 10
    assert "Network: " + world.network_b.name in client.get(NOTES).content.decode()


def test_a_note_stays_readable_after_a_new_master_key_is_added(
    world: World, settings: object
) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.ENTRAIDE_MASTER_KEYS = [old]
    note = write_note(world.people["helper_a"], "Lisible après rotation.")
    settings.ENTRAIDE_MASTER_KEYS = [new, old]
    page = world.client_for("helper_a").get(note_url(note)).content.decode()
    assert "Lisible après rotation." in page
    newer = write_note(world.people["helper_a"], "Sous la nouvelle clé.")
    settings.ENTRAIDE_MASTER_KEYS = [new]
    assert read_note(PrivateNote.objects.get(pk=newer.pk)) == "Sous la nouvelle clé."


def test_a_note_written_at_a_given_time_takes_its_date_from_then(world: World) -> None:
    at = timezone.now() - datetime.timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=at):
        response = world.client_for("helper_a").post(NOTES, {"text": "Hier."})
    assert response.status_code == 302
    note = PrivateNote.objects.get()
    assert note.created_at == at
    assert note.expires_at == at + datetime.timedelta(days=30)
