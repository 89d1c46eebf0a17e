"""The database: a proxy the models bind to, opened per request.

DATABASE_URL chooses the store: ``sqlite:///path`` (the embedded default) or ``postgresql://...`` (psycopg 3).
"""

from __future__ import annotations

import os
from urllib.parse import parse_qsl, unquote, urlparse

import peewee
from flask import Flask

db = peewee.DatabaseProxy()

# SQLite runs with WAL so that readers never wait for a writer, enforces foreign keys, and waits for a busy lock
# instead of failing at once.
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10_000,
    "synchronous": "normal",
    "cache_size": -32_000,
}


class BaseModel(peewee.Model):
    class Meta:
        database = db
        legacy_table_names = False


def database_from_url(url: str) -> peewee.Database:
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path[1:]) if parsed.path.startswith("/") else parsed.path
        if path and path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        # BEGIN IMMEDIATE takes the write lock at the start of a transaction, so concurrent writers queue on the
        # busy timeout instead of failing with "database is locked" when a read lock cannot be upgraded.
        return peewee.SqliteDatabase(path or ":memory:", pragmas=SQLITE_PRAGMAS, timeout=10, lock_type="IMMEDIATE")
    if parsed.scheme in {"postgres", "postgresql"}:
        options = dict(parse_qsl(parsed.query))
        return peewee.PostgresqlDatabase(
            unquote(parsed.path.lstrip("/")),
            user=unquote(parsed.username) if parsed.username else None,
            password=unquote(parsed.password) if parsed.password else None,
            host=parsed.hostname,
            port=parsed.port,
            prefer_psycopg3=True,
            connect_timeout=int(options.pop("connect_timeout", 5)),
            **options,
        )
    raise ValueError(f"DATABASE_URL must start with sqlite:/// or postgresql://, not {parsed.scheme!r}")


def is_sqlite() -> bool:
    return isinstance(db.obj, peewee.SqliteDatabase)


def init_app(app: Flask) -> None:
    db.initialize(database_from_url(app.config["DATABASE_URL"]))

    @app.before_request
    def _open_connection() -> None:
        db.connect(reuse_if_open=True)

    @app.teardown_request
    def _close_connection(_exc: BaseException | None) -> None:
        if not db.is_closed():
            db.close()
