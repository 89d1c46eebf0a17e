"""The migrations build exactly the schema the models describe, on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

from playhouse.schema_diff import diff_models

from portal.db import db
from portal.migrate import pending
from portal.models import ALL_MODELS


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
