"""The worker keeps going through what production throws at it: a database that cuts its
connections, a step that fails, SIGTERM from systemd in the middle of a pass, and a crash that
left a request offered with no offer waiting. Its heartbeat tells a monitor when none runs."""

import datetime
import io
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, OperationalError, connection
from django.test import Client
from django.utils import timezone

from support.matching import start_matching
from support.models import HelpRequest, Offer, WorkerHeartbeat
from support.tests.helper_world import (
    World,
    make_request,
    world_fixture,  # noqa: F401 (the `world` fixture)
)

BASE_DIR = Path(__file__).resolve().parents[2]
LINE_TIMEOUT = 60  # seconds: a worker's first pass includes Django's start


def worker_once(at: datetime.datetime | None = None) -> str:
    out = io.StringIO()
    with mock.patch("django.utils.timezone.now", return_value=at or timezone.now()):
        call_command("worker", "--once", stdout=out)
    return out.getvalue()


def test_a_failing_step_is_logged_and_the_other_steps_still_run(world: World) -> None:
    request = make_request(world.network_a)
    (offer,) = start_matching(request)
    later = timezone.now() + datetime.timedelta(hours=3)
    out = io.StringIO()
    cut = OperationalError("server closed the connection unexpectedly")
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("support.management.commands.worker.STEPS", new=failing_first_step(cut)),
        pytest.raises(CommandError),  # --once says so in its exit status, for cron
    ):
        call_command("worker", "--once", stdout=out)
    assert "broken=failed" in out.getvalue()
    assert "offers_expired=1" in out.getvalue()  # the step after the failing one ran
    offer.refresh_from_db()
    assert offer.status == Offer.Status.EXPIRED


def failing_first_step(error: Exception) -> list:
    from support.management.commands.worker import STEPS

    def broken() -> int:
        raise error

    return [("broken", broken), *STEPS]


def test_sigterm_during_a_step_lets_it_finish_then_stops_before_the_next(world: World) -> None:
    request = make_request(world.network_a)
    (offer,) = start_matching(request)
    steps_run = []

    def step_interrupted_by_systemd() -> int:
        os.kill(os.getpid(), signal.SIGTERM)  # arrives while this step works
        steps_run.append("first")
        return 0

    def next_step() -> int:
        steps_run.append("second")
        return 0

    steps = [("first", step_interrupted_by_systemd), ("second", next_step)]
    out = io.StringIO()
    with mock.patch("support.management.commands.worker.STEPS", new=steps):
        call_command("worker", "--pause", "0.1", stdout=out)  # the loop, not --once
    assert steps_run == ["first"]
    assert out.getvalue().rstrip().endswith("Stopped.")
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handlers given back
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PENDING


def test_a_request_left_offered_without_an_offer_is_offered_again_on_the_next_pass(
    world: World,
) -> None:
    request = make_request(world.network_a, chosen=world.people["helper_a"])
    (offer,) = start_matching(request)
    # What a worker killed between the two halves of the old expiry left behind.
    Offer.objects.filter(pk=offer.pk).update(status=Offer.Status.EXPIRED)

    assert "requests_repaired=1" in worker_once()
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.OFFERED
    assert request.offers.get(status=Offer.Status.PENDING).helper == world.people["helper_a2"]
    assert "requests_repaired=0" in worker_once()


def test_an_expiry_whose_next_offer_fails_is_undone_whole_and_done_on_the_next_pass(
    world: World,
) -> None:
    request = make_request(world.network_a, chosen=world.people["helper_a"])
    (offer,) = start_matching(request)
    later = timezone.now() + datetime.timedelta(hours=3)
    with (
        mock.patch("support.matching.offer_locked", side_effect=DatabaseError("cut")),
        pytest.raises(CommandError),
    ):
        worker_once(later)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PENDING  # not expired with nobody asked next

    assert "offers_expired=1" in worker_once(later)
    assert request.offers.get(status=Offer.Status.PENDING).helper == world.people["helper_a2"]


def test_the_heartbeat_says_when_no_worker_passed_for_two_minutes(world: World) -> None:
    client = Client()
    assert client.get("/health/worker/").status_code == 503
    assert client.get("/health/").json()["worker"] == "late"  # the web itself stays healthy
    assert client.get("/health/").status_code == 200
    with pytest.raises(CommandError, match="No worker has ever passed"):
        call_command("worker_health", stdout=io.StringIO())

    worker_once()
    assert client.get("/health/worker/").json() == {"worker": "ok", "mail": "ok"}
    out = io.StringIO()
    call_command("worker_health", stdout=out)
    assert "1 worker(s) running" in out.getvalue()

    three_minutes_on = timezone.now() + datetime.timedelta(minutes=3)
    with mock.patch("django.utils.timezone.now", return_value=three_minutes_on):
        assert client.get("/health/worker/").status_code == 503
        with pytest.raises(CommandError, match="No worker has passed for 18"):
            call_command("worker_health", stdout=io.StringIO())


def test_a_worker_stopped_cleanly_removes_its_heartbeat(world: World) -> None:
    def stop_now() -> int:
        os.kill(os.getpid(), signal.SIGTERM)
        return 0

    with mock.patch("support.management.commands.worker.STEPS", new=[("stop", stop_now)]):
        call_command("worker", stdout=io.StringIO())
    assert not WorkerHeartbeat.objects.exists()


# A real worker process, against the test database.


class WorkerProcess:
    def __init__(self) -> None:
        env = {**os.environ, "DJANGO_DEBUG": "1", "TRIAGE_MODEL": "0", "PYTHONUNBUFFERED": "1"}
        env["DATABASE_URL"] = database_url()
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--pause", "0.2"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)

    def next_pass(self) -> str:
        while True:
            line = self.lines.get(timeout=LINE_TIMEOUT)
            if "offers_expired=" in line:
                return line

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.kill()
        return self.process.wait(timeout=10)


def database_url() -> str:
    name = connection.settings_dict["NAME"]
    if connection.vendor == "postgresql":
        return f"postgres://postgres@127.0.0.1:5432/{name}"
    return f"sqlite:///{name}"


def cut_every_other_connection() -> int:
    """What a PostgreSQL restart or failover does to the application's connections."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_keeps_passing_after_its_connection_is_cut_and_stops_on_sigterm() -> None:
    worker = WorkerProcess()
    try:
        worker.next_pass()
        if connection.vendor == "postgresql":
            assert cut_every_other_connection() >= 1
            for _ in range(3):
                worker.next_pass()
            assert worker.process.poll() is None  # still running
            beat = WorkerHeartbeat.objects.get()
            assert beat.passed_at > timezone.now() - datetime.timedelta(seconds=30)
        worker.process.send_signal(signal.SIGTERM)
        assert worker.process.wait(timeout=30) == 0
        rest = []
        while not worker.lines.empty():
            rest.append(worker.lines.get())
        assert rest and rest[-1].strip() == "Stopped."
        assert "Traceback" not in "".join(rest)
        assert not WorkerHeartbeat.objects.exists()
    finally:
        worker.stop()


def test_an_accept_whose_follow_up_fails_is_undone_whole(world: World) -> None:
    from recruitment.models import HelperProfile
    from support.helper_actions import accept_offer

    HelperProfile.objects.filter(membership=world.people["helper_a"]).update(
        open_conversation_cap=1
    )
    (offer,) = start_matching(make_request(world.network_a, chosen=world.people["helper_a"]))
    with (
        mock.patch("support.helper_actions.move_on_if_full", side_effect=OperationalError("cut")),
        pytest.raises(OperationalError),
    ):
        accept_offer(offer, world.user("helper_a"))
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PENDING  # not accepted with other offers left waiting
    assert not HelpRequest.objects.filter(status=HelpRequest.Status.ASSIGNED).exists()


@pytest.mark.django_db(transaction=True)
def test_a_message_takes_the_network_lock_before_writing_as_matching_does(world: World) -> None:
    """Matching locks the network, then requests: a message that wrote its request first and
    then waited for the network could deadlock with it (PostgreSQL), losing the message."""
    from networks.models import Network
    from support.actions import person_writes

    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite has one writer at a time)")
    request = make_request(world.network_a)
    held, release, done = threading.Event(), threading.Event(), threading.Event()

    def matching_elsewhere() -> None:
        from django.db import connection as own
        from django.db import transaction

        with transaction.atomic():
            Network.objects.select_for_update().get(pk=world.network_a.pk)
            held.set()
            release.wait(10)
        own.close()

    def person() -> None:
        from django.db import connection as own

        person_writes(HelpRequest.objects.get(pk=request.pk), "je pense à en finir ce soir")
        done.set()
        own.close()

    threads = [threading.Thread(target=matching_elsewhere), threading.Thread(target=person)]
    threads[0].start()
    held.wait(10)
    threads[1].start()
    time.sleep(0.5)
    assert not done.is_set() and not request.messages.exists()  # waits before writing
    release.set()
    for thread in threads:
        thread.join(20)
    assert done.is_set()
    request.refresh_from_db()
    assert request.urgent and request.messages.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_lock_held_elsewhere_holds_a_person_sending_a_request_two_seconds_at_most(
    world: World,
) -> None:
    """A stalled transaction (a report being frozen, a worker hung mid-step) that holds the
    network's row: the person is answered within seconds, with the words or "send it again"."""
    import triage
    from networks.models import Network
    from support.tests.test_request_receipt import form_of, words_on

    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite has one writer at a time)")
    held, release = threading.Event(), threading.Event()

    def stalled() -> None:
        from django.db import connection as own
        from django.db import transaction

        with transaction.atomic():
            Network.objects.select_for_update().get(pk=world.network_a.pk)
            held.set()
            release.wait(15)
        own.close()

    thread = threading.Thread(target=stalled)
    thread.start()
    try:
        held.wait(10)
        client = Client()
        data = {**form_of(client, world.network_a.code, lang="fr"), "message": "Vite, svp"}
        triage.assess("Vite, svp")  # the model loaded before the clock starts
        started = time.monotonic()
        response = client.post(f"/fr/help/{world.network_a.code}/", data)
        waited = time.monotonic() - started
    finally:
        release.set()
        thread.join(20)
    assert waited < 5  # two waits of 2 s at most: for matching, then for saving
    if response.status_code == 200:
        assert words_on(response) and HelpRequest.objects.count() == 1
    else:
        assert response.status_code == 503 and "Vite, svp" in response.content.decode()
        assert HelpRequest.objects.count() == 0
