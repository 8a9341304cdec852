"""A private note's life with simulated time: written, its author warned once a few days before
its date, then destroyed by the worker, key and row together, leaving one content-free audit
event. And the canary: a note's text is never in the database, the logs, the audit trail or an
email."""

import datetime
import logging
import sqlite3
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditEvent
from records.models import PrivateNote
from records.notes import write_note
from support.tests.helper_world import (
    World,
    world_fixture,  # noqa: F401 (the `world` fixture)
)
from support.tests.test_worker import worker_once

NOTES = "/en/records/notes/"  # the English pages: the tests read English text
CANARY = "canary-51e0c2 Josée pleure au quai 7"


def note_url(note: PrivateNote) -> str:
    return f"{NOTES}{note.pk}/"


def at_time(at: datetime.datetime) -> mock._patch:
    return mock.patch("django.utils.timezone.now", return_value=at)


def test_a_note_is_warned_once_then_destroyed_by_the_worker(world: World) -> None:
    client = world.client_for("helper_a")
    start = timezone.now()
    with at_time(start):
        assert client.post(NOTES, {"text": CANARY}).status_code == 302
    note = PrivateNote.objects.get()
    assert note.expires_at == start + datetime.timedelta(days=30)
    day = datetime.timedelta(days=1)
    minute = datetime.timedelta(minutes=1)

    output = worker_once(start + 27 * day - minute)
    assert "notes_warned=0" in output and "notes_destroyed=0" in output
    assert not mail.outbox

    output = worker_once(start + 27 * day + minute)
    assert "notes_warned=1" in output
    (email,) = mail.outbox
    assert email.to == ["helper_a@support.test"]
    assert "A private note will soon be destroyed" in email.subject
    assert "https://entraide.test/fr/records/notes/" in email.body
    assert "https://entraide.test/en/records/notes/" in email.body
    assert CANARY not in email.subject + email.body
    note.refresh_from_db()
    assert note.warned_at == start + 27 * day + minute

    with at_time(start + 28 * day):
        client = world.client_for("helper_a")  # the session of day 0 has long timed out
        listing = client.get(NOTES).content.decode()
        page = client.get(note_url(note)).content.decode()
    assert "Destroyed soon." in listing and "Destroyed soon." in page
    assert CANARY in page

    assert "notes_warned=0" in worker_once(start + 28 * day)
    assert "notes_destroyed=0" in worker_once(start + 30 * day - minute)
    assert len(mail.outbox) == 1  # warned once only

    output = worker_once(start + 30 * day + minute)
    assert "notes_destroyed=1" in output
    assert len(output.splitlines()) == 2  # which readers triage uses, then the counts
    assert CANARY not in output
    assert not PrivateNote.objects.filter(pk=note.pk).exists()  # the key went with the row
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.object_id, event.actor) == (
        "private_note.destroyed",
        "records.privatenote",
        str(note.pk),
        None,
    )
    assert event.at == start + 30 * day + minute
    with at_time(start + 30 * day + minute):
        assert world.client_for("helper_a").get(note_url(note)).status_code == 404
    assert "notes_destroyed=0" in worker_once(start + 31 * day)
    assert AuditEvent.objects.count() == 1


def test_one_email_per_helper_however_many_notes_enter_the_warning_window(world: World) -> None:
    start = timezone.now()
    write_note(world.people["helper_a"], "Un.", now=start)
    write_note(world.people["helper_a"], "Deux.", now=start + datetime.timedelta(hours=1))
    write_note(world.people["helper_a2"], "Trois.", now=start)
    write_note(world.people["helper_b"], "Plus tard.", now=start + datetime.timedelta(days=5))
    output = worker_once(start + datetime.timedelta(days=28))
    assert "notes_warned=2" in output
    assert sorted(m.to[0] for m in mail.outbox) == [
        "helper_a2@support.test",
        "helper_a@support.test",
    ]
    assert PrivateNote.objects.filter(warned_at__isnull=True).count() == 1


def test_a_note_written_inside_the_warning_window_gets_no_warning(world: World) -> None:
    world.network_a.retention_days = 2
    world.network_a.save()
    world.people["helper_a"].refresh_from_db()
    start = timezone.now()
    write_note(world.people["helper_a"], "Deux jours.", now=start)
    assert "notes_warned=0" in worker_once(start + datetime.timedelta(days=1))
    assert "notes_destroyed=1" in worker_once(start + datetime.timedelta(days=2, minutes=1))
    assert not mail.outbox


def test_a_helper_who_left_is_not_written_to_but_their_notes_are_destroyed(world: World) -> None:
    start = timezone.now()
    write_note(world.people["helper_a"], "Partie.", now=start)
    world.people["helper_a"].is_active = False
    world.people["helper_a"].save()
    assert "notes_warned=0" in worker_once(start + datetime.timedelta(days=28))
    assert "notes_destroyed=1" in worker_once(start + datetime.timedelta(days=31))
    assert not mail.outbox


def postgresql_rows() -> str:
    """Every row of every table, as PostgreSQL writes it as text."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT t::text FROM {connection.ops.quote_name(table)} t")
            rows += [row[0] for row in cursor.fetchall()]
    return "\n".join(rows)


def sqlite_file_bytes(path: Path) -> bytes:
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return path.read_bytes()


def assert_not_in_database(secret: str, known: str, tmp_path: Path) -> None:
    """`known` (a value surely stored) proves the search can find what is there."""
    if connection.vendor == "postgresql":
        text = postgresql_rows()
        assert known in text
        assert secret not in text
        assert secret.encode().hex() not in text  # bytea columns read as hex
    elif connection.vendor == "sqlite":
        data = sqlite_file_bytes(tmp_path / "copy.sqlite3")
        assert known.encode() in data
        assert secret.encode() not in data
    else:  # pragma: no cover
        pytest.fail(f"no way to read a {connection.vendor} database whole")


# Committed for real: SQLite cannot copy a database while this connection holds a transaction.
@pytest.mark.django_db(transaction=True)
def test_a_note_text_is_never_in_the_database_the_logs_the_audit_trail_or_an_email(
    world: World, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")  # Django's own loggers stop at INFO
    client = world.client_for("helper_a")
    start = timezone.now()
    # The SQL statements themselves are logged at DEBUG too, with their parameters.
    with CaptureQueriesContext(connection) as queries:
        with at_time(start):
            refused = client.post(NOTES, {"text": CANARY + "x" * 2000})
            assert refused.status_code == 200
            assert client.post(NOTES, {"text": CANARY}).status_code == 302
            note = PrivateNote.objects.get()
            assert CANARY in client.get(note_url(note)).content.decode()
            assert CANARY not in client.get(NOTES).content.decode()
        worker_output = worker_once(start + datetime.timedelta(days=28))
        assert "notes_warned=1" in worker_output
    assert len(queries) > 10
    assert not [q for q in queries.captured_queries if CANARY in q["sql"]]
    assert "INSERT" in caplog.text  # the statements were logged
    assert CANARY not in caplog.text
    assert CANARY not in worker_output

    assert_not_in_database(CANARY, "helper_a@support.test", tmp_path)

    rows = AuditEvent.objects.values_list("action", "object_type", "object_id")
    assert CANARY not in repr(list(rows))
    assert len(mail.outbox) == 1
    for email in mail.outbox:
        assert CANARY not in email.subject + email.body

    with CaptureQueriesContext(connection):
        destroyed = client.post(f"{NOTES}{note.pk}/destroy/")
    assert destroyed.status_code == 302
    assert CANARY not in caplog.text
    assert CANARY not in repr(list(AuditEvent.objects.values()))
    assert_not_in_database(CANARY, "private_note.destroyed", tmp_path)
