"""Outgoing mail through the real queue (django-tasks' database backend and `manage.py
db_worker`), against real sockets on 127.0.0.1: a mail server that hangs holds neither a
person's request nor a worker pass; a failed mail is tried again later and arrives once; a
rollback sends nothing; two task workers never send a mail twice; finished rows forget their
addresses and are deleted after three days."""

import datetime
import io
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import triage.model
from lib.mail import ATTEMPTS
from support.models import Offer
from support.notifications import send_bilingual, tell_coordinators_of_a_flood
from support.tests.helper_world import World, world_fixture  # noqa: F401
from support.tests.mail_servers import (
    DATABASE_BACKEND,
    SilentServer,
    SMTPSink,
    run_task_worker,
    running,
)
from support.tests.test_request_receipt import form_of, words_on
from support.tests.test_worker import worker_once

# The task workers commit what they claim and send: these tests commit too.
pytestmark = pytest.mark.django_db(transaction=True)


def ready() -> object:
    return DBTaskResult.objects.filter(status="READY")


@pytest.fixture
def queue(settings: object) -> object:
    """The production setup: the database backend, SMTP on 127.0.0.1, a short timeout."""
    settings.TASKS = DATABASE_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_TIMEOUT = 1
    return settings


def let_retries_fall_due() -> None:
    """As if the retry delays had passed."""
    ready().update(run_after=timezone.now())


def test_a_hung_mail_server_holds_no_request_and_no_pass_and_the_retry_delivers_once(
    world: World, queue: object, caplog: pytest.LogCaptureFixture
) -> None:
    with running(SilentServer()) as hung:
        queue.EMAIL_PORT = hung.port
        queue.EMAIL_TIMEOUT = 3  # a request or a pass that tried to send would take this long
        client, code = Client(), world.network_a.code
        form = form_of(client, code, "fr")
        started = time.monotonic()
        response = client.post(f"/fr/help/{code}/", form)
        assert time.monotonic() - started < queue.EMAIL_TIMEOUT
        assert response.status_code == 200 and words_on(response)
        assert hung.connections == 0  # the request only queued its mail

        triage.model.load()  # once per process, when a worker starts: not a pass's time
        started = time.monotonic()
        worker_once(timezone.now() + datetime.timedelta(hours=2, minutes=1))  # the offer expires
        assert time.monotonic() - started < queue.EMAIL_TIMEOUT
        assert hung.connections == 0
        helpers = sorted(offer.helper.user.email for offer in Offer.objects.all())
        assert len(helpers) == 2 and ready().count() == 2  # one mail per offer, waiting

        queue.EMAIL_TIMEOUT = 1
        run_task_worker()
        assert hung.connections == 2  # each mail tried once, given up after EMAIL_TIMEOUT
        retries = list(ready())
        assert [row.args_kwargs["kwargs"]["attempt"] for row in retries] == [2, 2]
        assert all(
            row.run_after > timezone.now() + datetime.timedelta(seconds=20) for row in retries
        )
        assert (
            caplog.text.count(
                f"could not be sent (SMTPServerDisconnected, attempt 1 of {ATTEMPTS})"
            )
            == 2
        )
        assert not any(email in caplog.text for email in helpers)

    with running(SMTPSink()) as sink:
        queue.EMAIL_PORT = sink.port
        run_task_worker()
        assert sink.received == []  # not due yet
        let_retries_fall_due()
        run_task_worker()
        run_task_worker()
        assert sink.recipients() == helpers  # each helper once
    assert not ready().exists()


def test_a_mail_queued_in_a_transaction_that_rolls_back_is_never_sent(
    world: World, queue: object
) -> None:
    with running(SMTPSink()) as sink:
        queue.EMAIL_PORT = sink.port
        with pytest.raises(RuntimeError), transaction.atomic():
            tell_coordinators_of_a_flood(world.network_a)
            raise RuntimeError("the change fails after its mail was queued")
        assert not DBTaskResult.objects.exists()
        run_task_worker()
        assert sink.received == []

        with transaction.atomic():
            tell_coordinators_of_a_flood(world.network_a)
        run_task_worker()
        assert sink.recipients() == ["coordinator_a@support.test"]


def test_make_run_prints_mail_after_the_commit_without_a_second_process_never_after_a_rollback(
    world: World, settings: object
) -> None:
    settings.TASKS = {"default": {"BACKEND": "lib.tasks.ImmediateOnCommitBackend"}}
    with pytest.raises(RuntimeError), transaction.atomic():
        tell_coordinators_of_a_flood(world.network_a)
        raise RuntimeError("the change fails after its mail was queued")
    with transaction.atomic():
        tell_coordinators_of_a_flood(world.network_a)
        assert mail.outbox == []  # not before the commit
    assert [message.to for message in mail.outbox] == [["coordinator_a@support.test"]]
    assert not DBTaskResult.objects.exists()


def test_a_mail_that_keeps_failing_is_dropped_after_the_last_attempt_with_one_line_and_no_address(
    world: World, queue: object, caplog: pytest.LogCaptureFixture
) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    queue.EMAIL_PORT = closed.getsockname()[1]
    closed.close()  # nothing listens: every attempt is refused
    send_bilingual("support/helper/email/new_message", ["unlucky@mail.test"], "support:inbox")
    for _ in range(ATTEMPTS + 2):
        let_retries_fall_due()
        run_task_worker()
    assert DBTaskResult.objects.count() == ATTEMPTS and not ready().exists()
    dropped = [r for r in caplog.records if "dropped" in r.getMessage()]
    assert [r.getMessage() for r in dropped] == [
        f"A mail was dropped after {ATTEMPTS} failed attempt(s) (ConnectionRefusedError)."
    ]
    assert "unlucky" not in caplog.text and "Entraide" not in caplog.text


def test_every_sending_path_queues_its_mail_for_the_task_worker(
    world: World, queue: object
) -> None:
    """The password reset form too: the page answers before any mail server is asked."""
    with running(SMTPSink()) as sink:
        queue.EMAIL_PORT = sink.port
        response = Client().post(
            "/en/account/password-reset/", {"email": "coordinator_a@support.test"}
        )
        assert response.status_code == 302 and sink.received == []
        assert ready().count() == 1
        run_task_worker()
        assert sink.recipients() == ["coordinator_a@support.test"]


def database_url() -> str:
    """The test database, for task workers in processes of their own."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_two_task_workers_at_once_send_each_mail_exactly_once(
    world: World, queue: object, tmp_path: Path
) -> None:
    recipients = sorted(f"person{n:02}@mail.test" for n in range(30))
    for address in recipients:
        send_bilingual("support/helper/email/new_message", [address], "support:inbox")
    with running(SMTPSink(pause=0.03)) as sink:
        environment = {
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": database_url(),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(sink.port),
            "TRIAGE_MODEL": "0",
        }
        command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"]
        workers = [
            subprocess.Popen(
                [*command, "--no-reload", "--interval=0", f"--worker-id=worker-{n}"],
                cwd=Path(django_settings.BASE_DIR),
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=(tmp_path / f"worker-{n}.log").open("wb"),
            )
            for n in (1, 2)
        ]
        for n, worker in enumerate(workers, 1):
            worker.wait(timeout=120)
            assert worker.returncode == 0, (tmp_path / f"worker-{n}.log").read_text()[-2000:]
    assert sink.recipients() == recipients  # every mail, none twice
    rows = list(DBTaskResult.objects.all())
    assert len(rows) == 30 and {row.status for row in rows} == {"SUCCESSFUL"}
    assert {row.worker_ids[0] for row in rows} == {"worker-1", "worker-2"}  # both sent some


def test_finished_mail_forgets_its_addresses_and_the_worker_deletes_it_after_three_days(
    world: World, queue: object
) -> None:
    with running(SMTPSink()) as sink:
        queue.EMAIL_PORT = sink.port
        for address in ("first@mail.test", "second@mail.test"):
            send_bilingual("support/helper/email/new_message", [address], "support:inbox")
        run_task_worker()
        assert len(sink.received) == 2
    sent = list(DBTaskResult.objects.all())
    assert all(row.args_kwargs == {"args": [], "kwargs": {}} for row in sent)  # no address kept
    send_bilingual("support/helper/email/new_message", ["waiting@mail.test"], "support:inbox")
    stuck = DBTaskResult.objects.get(status="READY")
    send_bilingual("support/helper/email/new_message", ["killed@mail.test"], "support:inbox")
    killed = ready().exclude(pk=stuck.pk).get()
    killed.claim("a task worker killed mid-send")

    now = timezone.now()
    assert "mail_tasks_pruned=0" in worker_once(now + datetime.timedelta(days=2, hours=23))
    assert "mail_tasks_pruned=3" in worker_once(now + datetime.timedelta(days=3, minutes=1))
    assert list(DBTaskResult.objects.all()) == [stuck]  # still to send: kept


SENDING = re.compile(
    r"(?<!def )\b(send_mail|send_mass_mail|mail_admins|mail_managers|get_connection)\(|\.send\(\)"
)


def test_no_module_sends_mail_but_the_queue() -> None:
    """A new email sent directly would hold its request again: every one goes through
    lib.mail.queue_email."""
    root = Path(django_settings.BASE_DIR)
    sources = [
        path
        for path in root.glob("*/**/*.py")
        if not {".venv", "tests", "migrations", "bench"} & set(path.relative_to(root).parts)
    ]
    senders = [str(path.relative_to(root)) for path in sources if SENDING.search(path.read_text())]
    assert senders == ["lib/mail.py"]


def test_the_health_checks_say_when_queued_mail_is_not_being_sent(
    world: World, queue: object
) -> None:
    from support.models import WorkerHeartbeat

    now = timezone.now()
    WorkerHeartbeat.objects.create(name="running", started_at=now, passed_at=now)
    send_bilingual("support/helper/email/new_message", ["helper@mail.test"], "support:inbox")
    client = Client()
    assert client.get("/health/worker/").json() == {"worker": "ok", "mail": "ok"}

    later = now + datetime.timedelta(minutes=3)  # no db_worker took it in 3 minutes
    WorkerHeartbeat.objects.update(passed_at=later)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get("/health/worker/")
        assert response.status_code == 503 and response.json()["mail"] == "late"
        assert client.get("/health/").json()["mail"] == "late"
        with pytest.raises(CommandError, match="start `manage.py db_worker`"):
            call_command("worker_health", stdout=io.StringIO())
