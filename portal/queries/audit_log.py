"""Reading the audit trail, for administrators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from portal.models import AuditEvent

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilters:
    user: str = ""
    child_id: int | None = None
    since: date | None = None
    until: date | None = None
    page: int = 1


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    total: int
    page: int
    pages: int


def list_audit_events(filters: AuditFilters) -> AuditPage:
    query = AuditEvent.select()
    if filters.user:
        query = query.where(AuditEvent.user_email.contains(filters.user.strip().lower()))
    if filters.child_id is not None:
        query = query.where(AuditEvent.child_id == filters.child_id)
    if filters.since is not None:
        query = query.where(AuditEvent.at >= datetime.combine(filters.since, time.min, tzinfo=UTC))
    if filters.until is not None and filters.until < date.max:  # up to the last date there is: no end at all
        query = query.where(AuditEvent.at < datetime.combine(filters.until + timedelta(days=1), time.min, tzinfo=UTC))
    total = query.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, filters.page), pages)
    events = list(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).paginate(page, PAGE_SIZE))
    return AuditPage(events=events, total=total, page=page, pages=pages)
