"""The throttle under a race: an event counted while another process holds the row is counted
at the time it gets the lock, so a window that ended meanwhile never refuses it."""

import datetime
import threading
import time
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.utils import timezone

from accounts import throttles
from accounts.models import Throttle

WINDOW = datetime.timedelta(seconds=10)
KEY = "race:test"


def wait_until_someone_waits_for_a_lock() -> None:
    """Until another connection is blocked on a row lock (PostgreSQL shows it; SQLite, where
    an IMMEDIATE transaction waits for the writer, does not: a pause instead)."""
    if connection.vendor != "postgresql":
        time.sleep(0.5)
        return
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    pytest.fail("the counting thread never waited for the lock")


@pytest.mark.django_db(transaction=True)
def test_an_event_waiting_for_the_lock_is_counted_when_it_gets_it(monkeypatch: object) -> None:
    start = timezone.now()
    clock = {"now": start + datetime.timedelta(seconds=9)}  # the window's last second
    monkeypatch.setattr(throttles, "timezone", SimpleNamespace(now=lambda: clock["now"]))
    Throttle.objects.create(key=KEY, window_started_at=start, count=5)  # a full window

    locked, release, counted = threading.Event(), threading.Event(), []

    def hold_the_row() -> None:
        try:
            with transaction.atomic():
                Throttle.objects.select_for_update().get(key=KEY)
                Throttle.objects.filter(key=KEY).update(count=5)  # a writer, on SQLite too
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    def count() -> None:
        try:
            counted.append(throttles.count_event(KEY, WINDOW))
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    assert locked.wait(10)
    counter = threading.Thread(target=count)
    counter.start()
    wait_until_someone_waits_for_a_lock()
    clock["now"] = start + datetime.timedelta(seconds=11)  # the window ends while it waits
    release.set()
    holder.join(10)
    counter.join(10)

    assert counted == [1], "counted in a window that had ended"
    row = Throttle.objects.get(key=KEY)
    assert row.count == 1 and row.window_started_at == clock["now"]


@pytest.mark.django_db(transaction=True)
def test_events_counted_at_the_same_moment_are_each_counted_once() -> None:
    barrier = threading.Barrier(6)
    counted = []

    def count() -> None:
        try:
            barrier.wait(10)
            counted.append(throttles.count_event(KEY, WINDOW))
        finally:
            connection.close()

    threads = [threading.Thread(target=count) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(counted) == [1, 2, 3, 4, 5, 6]
    assert throttles.events_in_window(KEY, WINDOW) == 6
