"""The retention policy, applied by the daily sweep: anonymise a child once every case is closed and the period
given by portal.rules.retention has passed. Counts by case type, source, status and closure reason survive."""

from __future__ import annotations

from datetime import date

import peewee

from portal.db import db
from portal.models import Case, Child, ChildFlag
from portal.models.fields import utc_now
from portal.rules.register import CaseStatus, RiskFlag
from portal.rules.retention import is_due_for_anonymising
from portal.rules.thresholds import LocalSettings
from portal.services.audit import audit
from portal.services.calendar import la_settings
from portal.services.child_records import anonymise_child
from portal.services.sweep import sweep_task


def children_past_retention(today: date, settings: LocalSettings) -> list[Child]:
    """Children not yet anonymised whose cases are all closed and whose retention period has ended."""
    open_cases = Case.select(Case.child).where(Case.status != CaseStatus.CLOSED.value)
    last_closed = (
        Case.select(Case.child, peewee.fn.MAX(Case.closed_at).alias("last_closed"))
        .where(Case.closed_at.is_null(False))
        .group_by(Case.child)
    )
    candidates = (
        Child.select(Child, last_closed.c.last_closed)
        .join(last_closed, on=(last_closed.c.child_id == Child.id))
        .where(Child.anonymised_at.is_null(), Child.id.not_in(open_cases))
        .objects()
    )
    due = []
    for child in candidates:
        flags = {row.flag for row in ChildFlag.select(ChildFlag.flag).where(ChildFlag.child == child)}
        closed_on = Case._meta.fields["closed_at"].python_value(child.last_closed).date()
        if is_due_for_anonymising(
            today,
            last_closed_on=closed_on,
            date_of_birth=child.date_of_birth,
            looked_after=RiskFlag.LAC.value in flags,
            ehcp=RiskFlag.EHCP.value in flags,
            settings=settings,
        ):
            due.append(child)
    return due


@sweep_task("retention")
def apply_retention(today: date) -> list[str]:
    lines = []
    for child in children_past_retention(today, la_settings()):
        with db.atomic():
            anonymise_child(child, when=utc_now())
            audit(None, "anonymise", "child", child.id, child_id=child.id)
        lines.append(f"anonymised child {child.id}")
    return lines
