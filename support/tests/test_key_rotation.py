"""Master keys rotate: after `rotate_keys`, conversations stay readable with the new key alone."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.utils import translation

from lib.crypto import KeyUnavailable
from support import conversation
from support.models import HelpRequest
from support.tests.helper_world import make_networks, make_request

pytestmark = pytest.mark.django_db


def test_rotating_keys_keeps_messages_readable_with_the_new_master_key_only(settings) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.ENTRAIDE_MASTER_KEYS = [old]
    network, _, _ = make_networks()
    request = make_request(network, text="Un message à garder lisible.")
    settings.ENTRAIDE_MASTER_KEYS = [new, old]
    out = io.StringIO()
    call_command("rotate_keys", stdout=out)
    assert "1" in out.getvalue()
    settings.ENTRAIDE_MASTER_KEYS = [new]
    request = HelpRequest.objects.get(pk=request.pk)
    assert [m.text for m in conversation.read_messages(request)] == ["Un message à garder lisible."]


def test_without_the_old_key_an_unrotated_conversation_cannot_be_read(settings) -> None:
    settings.ENTRAIDE_MASTER_KEYS = [Fernet.generate_key().decode()]
    network, _, _ = make_networks()
    request = make_request(network, text="Illisible sans la clé.")
    settings.ENTRAIDE_MASTER_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(KeyUnavailable):  # the pages answer it clearly: test_lost_keys.py
        conversation.read_messages(HelpRequest.objects.get(pk=request.pk))


def test_rotating_keys_keeps_private_notes_readable_with_the_new_master_key_only(
    settings,
) -> None:
    from networks.models import Membership, Role
    from records.models import PrivateNote
    from records.notes import read_note, write_note
    from support.tests.helper_world import make_membership

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.ENTRAIDE_MASTER_KEYS = [old]
    network, _, _ = make_networks()
    helper: Membership = make_membership(network, "rotating_helper", Role.HELPER, staff=False)
    note = write_note(helper, "Une note à garder lisible.")
    settings.ENTRAIDE_MASTER_KEYS = [new, old]
    out = io.StringIO()
    with translation.override("en"):  # commands speak the active language, French by default
        call_command("rotate_keys", stdout=out)
    assert "1 private note keys re-wrapped." in out.getvalue()
    settings.ENTRAIDE_MASTER_KEYS = [new]
    assert read_note(PrivateNote.objects.get(pk=note.pk)) == "Une note à garder lisible."
