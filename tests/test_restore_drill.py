"""The restore drill of README, "Backup and restore", on the database the suite runs on.

A person asks for help through the real form and a helper answers; the database is backed up as
an operator would (`pg_dump -Fc` on PostgreSQL, SQLite's online backup API otherwise), restored
into a fresh database, and Django is pointed at the copy: the six words open the conversation
through the real URL, with the helper's reply. Without the master keys, or the receipt key, the
copy opens nothing, and the backup itself holds neither the message, the phone number nor the
words. A conversation destroyed after the backup comes back with it, until the worker's first
pass destroys it again.
"""

import functools
import io
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.test import Client, override_settings

import triage.model
from conftest import skip_or_fail
from lib import crypto, keys
from networks.models import Membership, Network
from support import conversation, receipts
from support.helper_actions import accept_offer, close_request, reply
from support.models import HelpRequest, Offer
from support.tests.helper_world import make_helper, make_networks
from support.tests.test_public_request import fake_triage

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump sees only what was committed

MESSAGE = "Je suis à bout au travail, canari-restauration-5521"
PHONE = "514 555-0173"
REPLY = "Je suis là. On peut se parler ce soir, canari-réponse-7702"
GONE = "Une conversation fermée, canari-détruite-8830"
PASSPHRASE = re.compile(r"<strong data-passphrase>([a-z ]+)</strong>")
COME_BACK = "/fr/help/conversation/"


def ask(code: str, **fields: str) -> str:
    """Sends the request form of network `code` as a person would; returns the six words."""
    client = Client()
    html = client.get(f"/fr/help/{code}/").content.decode()
    token = re.search(r'name="submission" value="([^"]+)"', html).group(1)
    data = {"submission": token, "language": "fr", "contact": "conversation", "message": ""}
    response = client.post(f"/fr/help/{code}/", {**data, **fields})
    match = PASSPHRASE.search(response.content.decode())
    assert match, "no receipt on the page"
    return match.group(1)


def answered(words: str, helper: Membership, text: str) -> HelpRequest:
    """The helper accepts the request these words opened and replies."""
    request = receipts.find(words)
    accept_offer(Offer.objects.get(request=request, status=Offer.Status.PENDING), helper.user)
    request.refresh_from_db()
    reply(request, text, helper.user)
    return request


def come_back(words: str, status: int = 200) -> str:
    """The page the six words open at the real URL."""
    response = Client().post(COME_BACK, {"passphrase": words})
    assert response.status_code == status
    return response.content.decode()


# PostgreSQL: the operator's own tools, pg_dump, createdb, pg_restore and dropdb.


@functools.cache
def postgres_tool(name: str) -> str:
    """`name` of the server's major version or newer (pg_dump refuses a newer server): Debian's
    versioned client first, then the one on the PATH."""
    server_major = connection.pg_version // 10000
    candidates = [f"/usr/lib/postgresql/{server_major}/bin/{name}", shutil.which(name) or ""]
    for path in filter(os.path.exists, candidates):
        version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
        found = re.search(r"(\d+)(?:\.\d+)?", version)
        if found and int(found.group(1)) >= server_major:
            return path
    skip_or_fail(
        f"no {name} of PostgreSQL {server_major} or newer "
        f"(apt-get install postgresql-client-{server_major})"
    )


def postgres_env() -> dict[str, str]:
    """The test database's address, as libpq's variables (no password on a command line)."""
    params = connection.settings_dict
    env = {**os.environ, "PGHOST": params["HOST"] or "", "PGPORT": str(params["PORT"] or "")}
    env.update(PGUSER=params["USER"] or "", PGPASSWORD=params["PASSWORD"] or "")
    return {name: value for name, value in env.items() if value}


def postgres(tool: str, *args: str) -> bytes:
    result = subprocess.run([postgres_tool(tool), *args], env=postgres_env(), capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def back_up(directory: Path) -> Path:
    """The live database, backed up as README says."""
    if connection.vendor == "postgresql":
        path = directory / "entraide.dump"
        postgres("pg_dump", "-Fc", f"--file={path}", connection.settings_dict["NAME"])
        return path
    path = directory / "backup.sqlite3"
    sqlite_copy(connection.settings_dict["NAME"], path)  # `sqlite3 db.sqlite3 ".backup …"`
    return path


def sqlite_copy(source: str | Path, target: str | Path) -> None:
    """SQLite's online backup API: a consistent copy, even while others write (WAL included)."""
    source_db, target_db = sqlite3.connect(source), sqlite3.connect(target)
    try:
        source_db.backup(target_db)
    finally:
        target_db.close()
        source_db.close()


def readable(backup: Path) -> bytes:
    """Every byte someone holding the backup can read: the SQL a custom-format dump holds
    (compressed in the file), or the SQLite file itself."""
    if connection.vendor == "postgresql":
        return postgres("pg_restore", "--file=-", str(backup))
    return backup.read_bytes()


def restore(backup: Path) -> str:
    """Restores `backup` into a fresh database; returns its NAME for Django."""
    if connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_restored"
        postgres("dropdb", "--if-exists", "--force", name)  # left by an interrupted run
        postgres("createdb", name)
        postgres("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={name}", str(backup))
        return name
    restored = backup.with_name("restored.sqlite3")
    sqlite_copy(backup, restored)  # `sqlite3 db.sqlite3 ".restore backup.sqlite3"`
    return str(restored)


def drop(name: str) -> None:
    if connection.vendor == "postgresql":
        postgres("dropdb", "--if-exists", "--force", name)


@contextmanager
def pointed_at(name: str) -> Iterator[None]:
    """Django's connection uses the database `name` (as the test runner points it at the test
    database), then the test database again."""
    live = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    keys.forget()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = live
        keys.forget()


def stored_keys_check() -> str:
    """What `manage.py check --deploy` says of the stored keys ("" when all unwrap)."""
    try:
        call_command(
            "check", "--deploy", "--tag", "security", stdout=io.StringIO(), stderr=io.StringIO()
        )
    except SystemCheckError as error:
        return str(error)
    return ""


@pytest.fixture
def restore_drill(
    transactional_db: None, settings: object, monkeypatch: pytest.MonkeyPatch
) -> tuple[Network, Membership]:
    # A fast hasher for the helper's account; receipts are always checked with Argon2.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ENTRAIDE_MASTER_KEYS = [Fernet.generate_key().decode()]
    settings.ENTRAIDE_RECEIPT_KEY = "receipt-key-of-the-restore-drill-" + "x" * 16
    fake_triage(monkeypatch)  # the words do not matter here, and the model is slow to load
    monkeypatch.setattr(triage.model, "status", lambda: "lexicon only (restore drill)")
    network, _other, _team = make_networks()
    return network, make_helper(network, "helper_restore")


def test_a_backup_restored_into_a_fresh_database_opens_every_conversation_with_its_words(
    restore_drill: tuple[Network, Membership], tmp_path: Path, settings: object
) -> None:
    network, helper = restore_drill
    words = ask(network.code, message=MESSAGE, contact="phone", phone=PHONE)
    request = answered(words, helper, REPLY)
    gone_words = ask(network.code, message=GONE)
    gone = answered(gone_words, helper, "Au revoir")
    close_request(gone, helper.user)
    # Its retention ran out just after the backup, before the worker's next pass.
    HelpRequest.objects.filter(pk=gone.pk).update(destroy_after=gone.created_at)

    backup = back_up(tmp_path)
    call_command("worker", "--once", stdout=io.StringIO())
    assert GONE not in come_back(gone_words)  # destroyed on the live database

    dump = readable(backup)
    assert network.name.encode() in dump  # the search below reads the content
    for secret in (MESSAGE, REPLY, GONE, PHONE, PHONE.replace(" ", "").replace("-", ""), words):
        assert secret.encode() not in dump, f"{secret!r} is readable in the backup"

    restored = restore(backup)
    try:
        with pointed_at(restored):
            assert stored_keys_check() == ""
            request = HelpRequest.objects.get(pk=request.pk)
            texts = [message.text for message in conversation.read_messages(request)]
            assert texts == [MESSAGE, REPLY] and conversation.phone_of(request) == PHONE
            page = come_back(words)
            assert MESSAGE in page and REPLY in page

            with override_settings(ENTRAIDE_MASTER_KEYS=[Fernet.generate_key().decode()]):
                assert "2 help request keys cannot be unwrapped" in stored_keys_check()
                with pytest.raises(crypto.KeyUnavailable):
                    conversation.read_messages(request)
                page = come_back(words, status=503)  # the clear page, not a 500
                assert MESSAGE not in page and REPLY not in page and 'href="tel:811"' in page

            receipt_key = settings.ENTRAIDE_RECEIPT_KEY
            with override_settings(ENTRAIDE_RECEIPT_KEY="another-receipt-key-" + "y" * 16):
                assert MESSAGE not in come_back(words)
                with override_settings(ENTRAIDE_RECEIPT_KEY_FALLBACKS=[receipt_key]):
                    assert REPLY in come_back(words)
            with override_settings(SECRET_KEY="another-secret-key-" + "z" * 40):
                assert REPLY in come_back(words)  # SECRET_KEY keys no receipt

            assert GONE in come_back(gone_words)  # back with the backup...
            call_command("worker", "--once", stdout=io.StringIO())
            assert GONE not in come_back(gone_words)  # ...until the worker's first pass
            assert HelpRequest.objects.get(pk=gone.pk).wrapped_key is None
    finally:
        drop(restored)
