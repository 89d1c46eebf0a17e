"""The database: a proxy the models bind to, with a small pool of connections that each request borrows.

DATABASE_URL chooses the store: ``sqlite:///path`` (the embedded default) or ``postgresql://...`` (psycopg 3).
A new PostgreSQL connection costs a backend process and its catalogue caches (10 to 30 ms), and a new SQLite
connection re-reads the schema and sets its pragmas, so each worker keeps its connections and lends one to each
request. A pooled PostgreSQL connection is checked with a round trip before it is lent, so one that died with its
server is dropped, not handed out.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qsl, unquote, urlparse

import peewee
from flask import Flask
from playhouse.pool import PooledDatabase, PooledPostgresqlDatabase, PooledSqliteDatabase

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


# Connections a worker keeps: a sync gunicorn worker needs one; threaded servers one per busy thread. A connection
# is replaced after STALE_SECONDS so that settings changed on the server reach every worker in time.
POOL_SIZE = 8
POOL_WAIT_SECONDS = 10
STALE_SECONDS = 600


def database_from_url(url: str, *, pooled: bool = True) -> peewee.Database:
    """The database for ``url``; ``pooled=False`` for a one-off connection (migrations, operator commands)."""
    parsed = urlparse(url)
    pool = {"max_connections": POOL_SIZE, "stale_timeout": STALE_SECONDS, "timeout": POOL_WAIT_SECONDS}
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path[1:]) if parsed.path.startswith("/") else parsed.path
        if path and path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        # BEGIN IMMEDIATE takes the write lock at the start of a transaction, so concurrent writers queue on the
        # busy timeout instead of failing with "database is locked" when a read lock cannot be upgraded.
        # (The wait for a busy lock is the busy_timeout pragma: the pool takes "timeout" as its own wait.)
        if not pooled or not path or path == ":memory:":  # each in-memory connection would be a database of its own
            return peewee.SqliteDatabase(path or ":memory:", pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")
        # A pooled connection may serve another thread later, never two at once: sqlite3's same-thread check is off.
        return PooledSqliteDatabase(
            path, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False, **pool
        )
    if parsed.scheme in {"postgres", "postgresql"}:
        options = dict(parse_qsl(parsed.query))
        postgres: dict[str, object] = {
            "user": unquote(parsed.username) if parsed.username else None,
            "password": unquote(parsed.password) if parsed.password else None,
            "host": parsed.hostname,
            "port": parsed.port,
            "prefer_psycopg3": True,
            "connect_timeout": int(options.pop("connect_timeout", 5)),
            **options,
        }
        name = unquote(parsed.path.lstrip("/"))
        if not pooled:
            return peewee.PostgresqlDatabase(name, **postgres)
        return PooledPostgresqlDatabase(name, **postgres, **pool)
    raise ValueError(f"DATABASE_URL must start with sqlite:/// or postgresql://, not {parsed.scheme!r}")


def use_database(database: peewee.Database) -> None:
    """Point the models at ``database``, closing the connections the previous pool kept."""
    release_connections()
    db.initialize(database)


def release_connections() -> None:
    """Close this thread's connection and every idle pooled one (before a restore, or when changing database)."""
    if db.obj is None:
        return
    if isinstance(db.obj, PooledDatabase):
        db.obj.close_all()
    elif not db.is_closed():
        db.close()


def init_app(app: Flask) -> None:
    use_database(database_from_url(app.config["DATABASE_URL"]))

    @app.before_request
    def _open_connection() -> None:
        db.connect(reuse_if_open=True)

    @app.teardown_request
    def _close_connection(_exc: BaseException | None) -> None:
        # Back to the pool: an open transaction is rolled back and a broken connection discarded on the way.
        if not db.is_closed():
            db.close()
