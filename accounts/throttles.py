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
    now = timezone.now()
    for _attempt in range(2):  # a second try if another process created the row meanwhile
        try:
            with transaction.atomic():
                row, _ = Throttle.objects.select_for_update().get_or_create(
                    key=key, defaults={"window_started_at": now, "count": 0}
                )
                if now - row.window_started_at >= window:
                    row.window_started_at, row.count = now, 0
                row.count += 1
                row.save(update_fields=["window_started_at", "count"])
                return row.count
        except IntegrityError:
            continue
    return 1


def events_in_window(key: str, window: datetime.timedelta) -> int:
    row = Throttle.objects.filter(key=key).first()
    if row is None or timezone.now() - row.window_started_at >= window:
        return 0
    return row.count
