"""Officers' views and downloads of the schools' returns, kept in the audit trail (UK GDPR accountability).

A register page shows children's names and dates of birth, so each page shown is recorded with the references on
it; a record's own page is recorded as a view of that record (and of the child, where the record names one).
"""

from __future__ import annotations

from typing import Any

from portal.db import db
from portal.models import User
from portal.services.audit import audit

REGISTER = "school_returns"


def record_register_view(actor: User, kind: str, *, filters: dict[str, Any], shown: list[str]) -> None:
    """An officer saw a page of a register: which register, which filters, and the records on the page."""
    with db.atomic():
        audit(actor, "view", REGISTER, kind, changes={"filters": [None, filters], "shown": [None, shown]})


def record_register_export(actor: User, kind: str, *, filters: dict[str, Any], rows: int) -> None:
    """An officer downloaded a register: which register, which filters and how many records."""
    with db.atomic():
        audit(actor, "export", REGISTER, kind, changes={"filters": [None, filters], "rows": [None, rows]})


def record_return_view(actor: User, object_type: str, record_id: int, *, child_id: int | None = None) -> None:
    """An officer opened one record: a part-time timetable, AP placement, pupil not attending or leaver."""
    with db.atomic():
        audit(actor, "view", object_type, record_id, child_id=child_id)
