"""Whether every stored data key still unwraps with ENTRAIDE_MASTER_KEYS.

A model stores a data key in a field named `wrapped_key` (today: help requests and private
notes); each is found here, so that a new one cannot be forgotten. `manage.py check --deploy`
counts every key (lib.checks). `/health/` looks at a bounded sample, at most once a minute in
each process, so that a URL polled every few seconds costs nearly nothing: for each kind, the
oldest keys (the likeliest to be left under a master key removed too early), the newest (a
wrong current key) and some at random (a rotation stopped half-way). Counts only: never which
request or note.
"""

import time
from collections.abc import Iterable

from django.apps import apps
from django.db import DatabaseError, connection, models

from lib import crypto

SAMPLE = 20  # oldest, newest and random keys of each kind that /health/ tries
HEALTH_SECONDS = 60
_health: tuple[float, dict] | None = None


def key_holders() -> list[type[models.Model]]:
    """Every model that stores a wrapped data key."""
    return [
        model
        for model in apps.get_models()
        if any(field.name == "wrapped_key" for field in model._meta.concrete_fields)
    ]


def kind(model: type[models.Model]) -> str:
    """ "help request", "private note": the model's English name."""
    return str(model._meta.verbose_name_raw)


def unreadable_keys(sample: int | None = None) -> dict[str, int]:
    """How many stored keys of each kind none of the master keys unwraps: all of them, or only
    the sample described above. A table not created yet holds no key."""
    master = crypto.master()
    tables = set(connection.introspection.table_names())
    counts = {}
    for model in key_holders():
        if model._meta.db_table not in tables:
            continue
        stored = stored_keys(model, sample)
        counts[kind(model)] = sum(not crypto.unwraps(key, master) for key in stored)
    return counts


def stored_keys(model: type[models.Model], sample: int | None) -> Iterable[bytes]:
    keyed = model._default_manager.filter(wrapped_key__isnull=False)
    if sample is None:
        return keyed.order_by("pk").values_list("wrapped_key", flat=True).iterator(2000)
    rows = keyed.values_list("pk", "wrapped_key")
    chosen = {
        **dict(rows.order_by("pk")[:sample]),
        **dict(rows.order_by("-pk")[:sample]),
        **dict(rows.order_by("?")[:sample]),
    }
    return chosen.values()


def health() -> str:
    """For /health/: "ok" when the sampled keys unwrap; else what is wrong, for example
    "unreadable: 3 help request, 1 private note" (counts in the sample), "invalid master key"
    or "unknown" (the database did not answer)."""
    global _health
    now = time.monotonic()
    if _health is not None and now - _health[0] < HEALTH_SECONDS:
        return _health[1]
    try:
        counts = unreadable_keys(sample=SAMPLE)
    except DatabaseError:
        return "unknown"  # not kept: asked again on the next call
    except ValueError:  # Fernet's word for a master key that is not a key
        state = "invalid master key"
    else:
        unreadable = [f"{count} {name}" for name, count in counts.items() if count]
        state = f"unreadable: {', '.join(unreadable)}" if unreadable else "ok"
    _health = (now, state)
    return state


def forget() -> None:
    """Drops the result /health/ keeps for a minute (tests change the keys within a process)."""
    global _health
    _health = None
