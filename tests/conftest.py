"""Fixtures: an app on a fresh, migrated database per test; SQLite by default, PostgreSQL with TEST_STORE=postgres.

The schema comes from the migrations, never from create_tables, so every test also proves the migrations.
SQLite tests copy a migrated template file; PostgreSQL tests share one migrated database and empty it after each
test.

`make test` runs the suite in several processes (pytest-xdist, `-n`). Each has its own SQLite files (its own
temporary folder) and, on PostgreSQL, its own database: TEST_DATABASE_URL's name with the worker's id after it
(portal_ci_gw0, portal_ci_gw1), made the first time and emptied and migrated again at the start of every run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import peewee
import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from portal import create_app
from portal.db import database_from_url, db, release_connections, use_database
from portal.migrate import upgrade
from portal.models import School, User
from portal.services import passwords
from portal.services.sessions import start_session
from portal.services.users import create_user

STORE = os.environ.get("TEST_STORE", "sqlite")
# A fixed "today" in term time, so deadlines in school days are the same whenever the suite runs.
TODAY = date(2026, 11, 25)
PASSWORD = "correct horse battery staple"


# Tests this run leaves out on purpose, with why, printed at its end: under xdist the workers deselect, and their
# counts never reach the summary line ("N passed, N deselected") that a run in one process prints.
_LEFT_OUT: dict[str, int] = {}


def leave_out(config: pytest.Config, items: list[pytest.Item], chosen: list[pytest.Item], why: str) -> None:
    """Deselect ``chosen`` from ``items``, and say so at the end of the run."""
    config.hook.pytest_deselected(items=chosen)
    items[:] = [item for item in items if item not in chosen]
    if hasattr(config, "workeroutput"):  # an xdist worker: sent to the controller when the worker ends
        config.workeroutput.setdefault("left_out", {})[why] = len(chosen)
    else:
        _LEFT_OUT[why] = len(chosen)


@pytest.hookimpl(optionalhook=True)  # an xdist hook
def pytest_testnodedown(node: Any, error: Any) -> None:
    # Every worker collects the whole suite, so each reports the same counts.
    _LEFT_OUT.update(getattr(node, "workeroutput", {}).get("left_out", {}))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests of one store itself (a PostgreSQL outage, SQLite's planner statistics) belong to that store's pass; the
    other pass leaves them out, so nothing is ever skipped."""
    other = "sqlite_only" if STORE == "postgres" else "postgres_only"
    elsewhere = [item for item in items if item.get_closest_marker(other)]
    if elsewhere:
        store = {"postgres_only": "PostgreSQL", "sqlite_only": "SQLite"}[other]
        leave_out(config, items, elsewhere, f"marked {other}: run in the {store} pass")


# What the fuzz test sent, one entry per role: (order, line, inputs). Each fuzz test puts its figures in its report's
# user_properties, so they reach this process whichever xdist worker ran it.
_FUZZ_REPORT: list[tuple[int, str, int]] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call":
        _FUZZ_REPORT.extend(
            (value["order"], value["line"], value["inputs"]) for name, value in report.user_properties if name == "fuzz"
        )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """How much generated hostile input the fuzz test sent, when it ran, and which tests were left out and why."""
    for why, count in sorted(_LEFT_OUT.items()):
        terminalreporter.write_line(f"{count} deselected: {why}")
    if not _FUZZ_REPORT:
        return
    for _order, line, _inputs in sorted(_FUZZ_REPORT):
        terminalreporter.write_line(line)
    terminalreporter.write_line(f"fuzz: {sum(inputs for _o, _l, inputs in _FUZZ_REPORT)} inputs sent in all")


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashing() -> Iterator[None]:
    """Tests hash passwords with argon2id at its smallest cost: at production's (64 MiB, three passes) each hash
    takes 100 to 250 ms on a CI machine, and most tests make a user or two. The hashes are still argon2id, so
    signing in, lockout and password changes are tested as they run; only the work factor differs."""
    production = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    yield
    passwords._hasher = production


def _migrate(url: str) -> None:
    use_database(database_from_url(url))
    with db.connection_context():
        upgrade()


def _worker_database_url(url: str, worker: str) -> str:
    parsed = urlparse(url)
    return urlunparse(parsed._replace(path=f"{parsed.path.rstrip('/')}_{worker}"))


@pytest.fixture(scope="session")
def database_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated database: a template file for SQLite, or the migrated PostgreSQL database itself."""
    if STORE != "postgres":
        path = tmp_path_factory.mktemp("template") / "template.db"
        _migrate(f"sqlite:///{path}")
        release_connections()  # closing the last connection checkpoints the WAL, so the file alone holds the schema
        return str(path)
    url = os.environ["TEST_DATABASE_URL"]
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is not None:
        # Each xdist worker has a database of its own beside TEST_DATABASE_URL's, made through it the first time
        # and kept, like that one, for the next run (dropping a database makes PostgreSQL checkpoint: seconds).
        url = _worker_database_url(url, worker)
        name = urlparse(url).path.lstrip("/")
        server = database_from_url(os.environ["TEST_DATABASE_URL"], pooled=False)
        with server.connection_context():
            if not server.execute_sql("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                server.execute_sql(f'CREATE DATABASE "{name}"')
    database = database_from_url(url, pooled=False)
    with database.connection_context():
        database.execute_sql("DROP SCHEMA public CASCADE")
        database.execute_sql("CREATE SCHEMA public")
    _migrate(url)
    return url


def _empty_postgres(database: peewee.Database) -> None:
    """Every table emptied and every sequence restarted, as TRUNCATE ... RESTART IDENTITY CASCADE of them all would
    leave them, for a fraction of its cost: TRUNCATE makes new files for each table and index (about 100 ms a test
    for all of the portal's tables), where deleting the few rows a test wrote takes a millisecond or two."""
    tables = [
        row[0]
        for row in database.execute_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migration'"
        ).fetchall()
    ]
    with database.atomic():
        if tables:
            probe = " UNION ALL ".join(f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM \"{name}\")" for name in tables)
            written = {row[0] for row in database.execute_sql(probe).fetchall()}
            # Tables holding references go before the tables they refer to, so no row is ever left pointing at a
            # deleted one (some references are ON DELETE RESTRICT).
            referrers: dict[str, set[str]] = {name: set() for name in written}
            for table, referred in database.execute_sql(
                "SELECT source.relname, target.relname FROM pg_constraint"
                " JOIN pg_class source ON source.oid = pg_constraint.conrelid"
                " JOIN pg_class target ON target.oid = pg_constraint.confrelid"
                " WHERE pg_constraint.contype = 'f' AND pg_constraint.connamespace = 'public'::regnamespace"
            ).fetchall():
                if table in written and referred in written and table != referred:
                    referrers[referred].add(table)
            for name in TopologicalSorter(referrers).static_order():
                database.execute_sql(f'DELETE FROM "{name}"')
        database.execute_sql(
            "SELECT setval(quote_ident(schemaname) || '.' || quote_ident(sequencename), start_value, false)"
            " FROM pg_sequences"
            " WHERE schemaname = 'public' AND last_value IS NOT NULL"
        )


@pytest.fixture(scope="session")
def _postgres_cleaner(database_template: str) -> Iterator[peewee.Database | None]:
    """One connection, kept for the whole run, that empties the PostgreSQL database after each test (a new
    connection costs 10 to 30 ms)."""
    if STORE != "postgres":
        yield None
        return
    cleaner = database_from_url(database_template, pooled=False)
    cleaner.connect()
    yield cleaner
    cleaner.close()


@pytest.fixture
def database_url(database_template: str, _postgres_cleaner: peewee.Database | None, tmp_path: Path) -> Iterator[str]:
    if _postgres_cleaner is not None:
        yield database_template
        if not db.is_closed():
            db.close()
        release_connections()
        # The cleaner's own connection goes to the real database, whatever URL the test pointed the shared proxy at
        # (an outage proxy, say).
        _empty_postgres(_postgres_cleaner)
        return
    path = tmp_path / "portal.db"
    shutil.copyfile(database_template, path)
    yield f"sqlite:///{path}"


class _CompiledTemplates(BytecodeCache):
    """Each test makes a new app, and a new app's Jinja environment compiles every template it renders again (50 to
    150 ms a test). The apps of one test process share the compiled code here instead: a template is still compiled
    from its source once per process, and again whenever its source changes (Jinja checks a checksum of it)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()


def make_app(database_url: str, **overrides: Any) -> Flask:
    config = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-key",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "FIXED_TODAY": TODAY,
        "SERVER_NAME": "localhost",
    }
    config.update(overrides)
    app = create_app(config)
    app.jinja_env.bytecode_cache = _COMPILED_TEMPLATES
    return app


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    # No app context stays pushed: each test-client request gets its own, as in production, so nothing cached in
    # flask.g (such as the signed-in user) leaks from one request to the next.
    application = make_app(database_url)
    yield application
    release_connections()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def database(app: Flask) -> Iterator[Any]:
    """A connection for service tests that write and read directly."""
    # Requests made by the test client close the connection when they end; the next query reopens it.
    db.connect(reuse_if_open=True)
    yield db
    if not db.is_closed():
        db.close()


@pytest.fixture
def school(database: Any) -> School:
    return School.create(urn=990001, name="Riverside Primary School", la_code="999", la_name="Demo Borough")


@pytest.fixture
def other_school(database: Any) -> School:
    return School.create(urn=990002, name="Hillcrest Academy", la_code="999", la_name="Demo Borough")


def _user(role: str, email: str, school: School | None = None) -> User:
    return create_user(
        email, role=role, password=PASSWORD, name=email.split("@")[0].title(), school_urn=school.urn if school else None
    )


@pytest.fixture
def officer(database: Any) -> User:
    return _user("officer", "officer@example.gov.uk")


@pytest.fixture
def admin(database: Any) -> User:
    return _user("admin", "admin@example.gov.uk")


@pytest.fixture
def school_user(school: School) -> User:
    return _user("school", "dsl@riverside.example.sch.uk", school)


@pytest.fixture
def other_school_user(other_school: School) -> User:
    return _user("school", "dsl@hillcrest.example.sch.uk", other_school)


def sign_in_as(client: FlaskClient, user: User) -> FlaskClient:
    """Start a signed-in session without the cost of a password check (sign-in itself is tested on its own): a new
    session row, as signing in makes, and the cookie naming it. Each call is another device."""
    start_session(user)
    with client.session_transaction() as session:
        session["_user_id"] = user.get_session_id()
        session["_fresh"] = True
        session["last_seen"] = datetime.now(UTC).isoformat()
    return client


@pytest.fixture
def officer_client(client: FlaskClient, officer: User) -> FlaskClient:
    return sign_in_as(client, officer)


@pytest.fixture
def school_client(client: FlaskClient, school_user: User) -> FlaskClient:
    return sign_in_as(client, school_user)


@pytest.fixture
def admin_client(client: FlaskClient, admin: User) -> FlaskClient:
    return sign_in_as(client, admin)
