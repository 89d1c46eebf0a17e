"""Fixtures: an app on a fresh, migrated database per test; SQLite by default, PostgreSQL with TEST_STORE=postgres.

The schema comes from the migrations, never from create_tables, so every test also proves the migrations.
SQLite tests copy a migrated template file; PostgreSQL tests share one migrated database and truncate it after
each test.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient

from portal import create_app
from portal.db import database_from_url, db, release_connections, use_database
from portal.migrate import upgrade
from portal.models import ALL_MODELS, School, User
from portal.services import passwords
from portal.services.sessions import start_session
from portal.services.users import create_user

STORE = os.environ.get("TEST_STORE", "sqlite")
# A fixed "today" in term time, so deadlines in school days are the same whenever the suite runs.
TODAY = date(2026, 11, 25)
PASSWORD = "correct horse battery staple"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests of one store itself (a PostgreSQL outage, SQLite's planner statistics) belong to that store's pass; the
    other pass leaves them out, so nothing is ever skipped."""
    other = "sqlite_only" if STORE == "postgres" else "postgres_only"
    elsewhere = [item for item in items if item.get_closest_marker(other)]
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = [item for item in items if item not in elsewhere]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """How much generated hostile input the fuzz test sent, when it ran."""
    fuzz = sys.modules.get("tests.web.test_fuzz")
    for line in getattr(fuzz, "REPORT", []):
        terminalreporter.write_line(line)


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


@pytest.fixture(scope="session")
def database_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated database: a template file for SQLite, or the migrated PostgreSQL database itself."""
    if STORE == "postgres":
        url = os.environ["TEST_DATABASE_URL"]
        database = database_from_url(url, pooled=False)
        with database.connection_context():
            database.execute_sql("DROP SCHEMA public CASCADE")
            database.execute_sql("CREATE SCHEMA public")
        _migrate(url)
        return url
    path = tmp_path_factory.mktemp("template") / "template.db"
    _migrate(f"sqlite:///{path}")
    release_connections()  # closing the last connection checkpoints the WAL, so the file alone holds the schema
    return str(path)


def _truncate_postgres() -> None:
    tables = ", ".join(f'"{model._meta.table_name}"' for model in ALL_MODELS)
    extra = [
        row[0]
        for row in db.execute_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migration'"
        ).fetchall()
    ]
    names = ", ".join(f'"{name}"' for name in sorted(set(extra)))
    db.execute_sql(f"TRUNCATE {names or tables} RESTART IDENTITY CASCADE")


@pytest.fixture
def database_url(database_template: str, tmp_path: Path) -> Iterator[str]:
    if STORE == "postgres":
        yield database_template
        if not db.is_closed():
            db.close()
        # A test may have pointed the shared proxy at another URL (an outage proxy, say): truncate the real one.
        use_database(database_from_url(database_template))
        with db.connection_context():
            _truncate_postgres()
        return
    path = tmp_path / "portal.db"
    shutil.copyfile(database_template, path)
    yield f"sqlite:///{path}"


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
    return create_app(config)


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
