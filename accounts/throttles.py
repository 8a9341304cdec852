"""Counting events in the database, so that limits hold across processes and machines.

Keys are hashed: a throttle on an email address must not keep the address itself.
"""

import datetime
import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Throttle


def key_for(kind: str, value: str) -> str:
    return kind + ":" + hashlib.sha256(value.strip().lower().encode()).hexdigest()


def count_event(key: str, window: datetime.timedelta) -> int:
    """Counts one event under `key` and returns how many happened in the current window
    (a window starts with the first event after the previous one ended)."""
    for _attempt in range(2):  # a second try if another process created the row meanwhile
        try:
            with transaction.atomic():
                row, _ = Throttle.objects.select_for_update().get_or_create(
                    key=key, defaults={"window_started_at": timezone.now, "count": 0}
                )
                # The clock is read once the row is locked: read before, while others held the
                # lock, it would count this event in a window that had ended meanwhile.
                now = timezone.now()
                if window_ended(row, now, window):
                    row.window_started_at, row.count = now, 0
                row.count += 1
                row.save(update_fields=["window_started_at", "count"])
                return row.count
        except IntegrityError:
            continue
    return 1


def events_in_window(key: str, window: datetime.timedelta) -> int:
    row = Throttle.objects.filter(key=key).first()
    if row is None or window_ended(row, timezone.now(), window):  # the clock after the read
        return 0
    return row.count


def window_ended(row: Throttle, now: datetime.datetime, window: datetime.timedelta) -> bool:
    return now - row.window_started_at >= window
