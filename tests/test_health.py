"""`/health/` when the database does not answer: a 503 that a load balancer understands, and
every other field saying it cannot tell, never a 500."""

import pytest
from django.db import DatabaseError, connection
from django.test import Client

from lib import keys


def test_the_health_check_answers_503_when_the_database_does_not(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cut(*args: object, **kwargs: object) -> None:
        raise DatabaseError("connection cut")

    keys.forget()  # a result cached by an earlier page of this process
    with monkeypatch.context() as patched:  # undone before the test database is cleaned up
        patched.setattr(connection, "cursor", cut)
        response = Client().get("/health/")
        worker = Client().get("/health/worker/")

    assert response.status_code == 503
    health = response.json()
    assert (health["database"], health["keys"], health["worker"]) == (
        "unavailable",
        "unknown",
        "unknown",
    )
    assert worker.status_code == 503 and worker.json()["worker"] == "unknown"
