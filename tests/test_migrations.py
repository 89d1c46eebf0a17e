"""The migrations build exactly the schema the models describe, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from playhouse.migrations import Runner
from playhouse.schema_diff import diff_models

from portal.db import database_from_url, db
from portal.migrate import MIGRATIONS_DIR, pending, upgrade
from portal.models import ALL_MODELS
from portal.models.fields import UtcDateTimeField


def _schema() -> dict[str, list[tuple[str, str, bool]]]:
    shape = {}
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = db.get_columns(table)
        shape[table] = sorted((column.name, column.data_type.lower(), column.null) for column in columns)
    return shape


def test_no_migration_is_pending_and_models_match(database: Any) -> None:
    assert pending() == []
    assert not diff_models(db.obj, ALL_MODELS), "models and migrations differ: write a migration"


def test_every_model_table_exists_with_its_indexes(database: Any) -> None:
    schema = _schema()
    assert set(schema) == {model._meta.table_name for model in ALL_MODELS}
    indexed = {index.name for index in db.get_indexes("register_case")}
    assert any("status" in name for name in indexed)


def _shape(database: Any) -> dict[str, Any]:
    # sqlite_stat1 is SQLite's own table of planner statistics (ANALYZE), not part of the portal's schema.
    tables = sorted(
        name for name in database.get_tables() if name != "schema_migration" and not name.startswith("sqlite_")
    )
    return {
        table: {
            "columns": sorted((column.name, column.null) for column in database.get_columns(table)),
            # PostgreSQL lists the primary key's own index; SQLite does not.
            "indexes": sorted(
                (tuple(index.columns), index.unique)
                for index in database.get_indexes(table)
                if not index.name.endswith("_pkey")
            ),
            "foreign_keys": sorted((fk.column, fk.dest_table) for fk in database.get_foreign_keys(table)),
        }
        for table in tables
    }


@pytest.mark.postgres_only
def test_sqlite_and_postgresql_get_the_same_schema(database: Any, database_url: str, tmp_path: Any) -> None:
    sqlite = database_from_url(f"sqlite:///{tmp_path}/fresh.db", pooled=False)
    db.initialize(sqlite)
    with db.connection_context():
        upgrade()
        sqlite_shape = _shape(sqlite)
    # The PostgreSQL database this test process migrated (under xdist, one of its own beside TEST_DATABASE_URL's).
    postgres = database_from_url(database_url, pooled=False)
    with postgres.connection_context():
        postgres_shape = _shape(postgres)
    assert sqlite_shape == postgres_shape


def test_a_lock_from_before_timed_lockouts_becomes_a_first_lockout_of_15_minutes(tmp_path: Any) -> None:
    database = database_from_url(f"sqlite:///{tmp_path}/old.db", pooled=False)
    migrations = Runner(database, MIGRATIONS_DIR)
    with database.connection_context():
        migrations.up("0100_case_tally")
        database.execute_sql(
            "INSERT INTO app_user (email, name, role, job_title, password_hash, is_active, failed_sign_ins,"
            " locked_at, totp_secret, totp_pending_secret, totp_last_step, created_at)"
            " VALUES ('locked@example.gov.uk', 'Locked', 'officer', '', 'x', 1, 10,"
            " '2026-11-25 09:00:00+00:00', '', '', 0, '2026-01-01 00:00:00+00:00')"
        )
        migrations.up("0110_timed_lockout")
        row = database.execute_sql("SELECT locked_until, lockouts, failed_sign_ins FROM app_user").fetchone()
    until = UtcDateTimeField().python_value(row[0])
    assert (until, row[1], row[2]) == (datetime(2026, 11, 25, 9, 15, tzinfo=UTC), 1, 0)
