"""The benchmark's own database, created for one run and thrown away after it: a SQLite file in
the run's temporary directory, or a new database on a PostgreSQL server."""

import secrets
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit


def throwaway_database(server_url: str, workdir: Path) -> tuple[str, Callable[[], None]]:
    """The DATABASE_URL to use, and the function that drops it afterwards.

    `server_url` empty means SQLite. A PostgreSQL URL is only used to reach the server: the
    benchmark creates a database of its own there, so it never writes into an existing one.
    """
    if not server_url:
        return f"sqlite:///{workdir / 'bench.sqlite3'}", lambda: None
    parts = urlsplit(server_url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise SystemExit(f"--database-url must be a PostgreSQL URL, not {parts.scheme}:")
    name = f"entraide_bench_{secrets.token_hex(4)}"
    run_on_server(server_url, "CREATE DATABASE {}", name)
    return parts._replace(path=f"/{name}").geturl(), lambda: drop(server_url, name)


def drop(server_url: str, name: str) -> None:
    from django.db import connections

    connections.close_all()
    run_on_server(server_url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


def run_on_server(server_url: str, statement: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(sql.SQL(statement).format(sql.Identifier(name)))
