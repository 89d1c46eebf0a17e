"""The sweep keeps SQLite's planner statistics fresh, so the caseload keeps using its small indexes."""

from __future__ import annotations

from datetime import date
from typing import Any

import peewee
import pytest

from portal.db import db
from portal.rules.register import CaseSource, CaseType
from portal.services.cases import open_case
from portal.services.children import ChildDetails, record_child
from portal.services.sweep import run_sweep


def _analysed_indexes() -> set[str]:
    return {row[0] for row in db.execute_sql("SELECT idx FROM sqlite_stat1 WHERE tbl = 'register_case'").fetchall()}


@pytest.mark.sqlite_only  # PostgreSQL's autovacuum keeps its own statistics
def test_the_sweep_analyses_a_sqlite_database(database: Any) -> None:
    assert isinstance(db.obj, peewee.SqliteDatabase)
    with db.atomic():  # SQLite records no statistics for an empty table
        child = record_child(ChildDetails(first_name="Leah", last_name="Okafor"), actor=None)
        open_case(child=child, case_type=CaseType.CME, source=CaseSource.OFFICER, today=date(2026, 11, 20), actor=None)
    db.execute_sql("DELETE FROM sqlite_stat1")
    assert _analysed_indexes() == set()
    assert run_sweep(date(2026, 11, 25)) == []
    assert "case_open_priority" in _analysed_indexes()
