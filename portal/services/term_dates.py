"""The LA's school calendar, kept by administrators: term dates and closure days (INSET and occasional days).

Every deadline in school days is counted on this calendar (portal.services.calendar.la_calendar), so a wrong date
moves every officer's deadline: each change is checked here and audited.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app, has_app_context

from portal.db import db
from portal.models import ClosureDay, TermDate, User
from portal.rules.calendar import format_date
from portal.services import leavers
from portal.services.audit import audit
from portal.services.calendar import la_calendar, la_settings

# A half-term is about 7 weeks and a whole term about 16; anything longer is a typing mistake in the year.
LONGEST_TERM = timedelta(weeks=20)


class CalendarError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def list_terms() -> list[TermDate]:
    return list(TermDate.select().order_by(TermDate.first_day))


def list_closures() -> list[ClosureDay]:
    return list(ClosureDay.select().order_by(ClosureDay.day))


def add_term(*, name: str, first_day: date, last_day: date, actor: User) -> TermDate:
    """A term (or half-term): its days from ``first_day`` to ``last_day`` are school days unless closed."""
    name = " ".join(name.split())
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Enter the name of the term, like Autumn 1 2027"
    if last_day < first_day:
        errors["last_day"] = "The last day must be the same as or after the first day"
    elif last_day - first_day > LONGEST_TERM:
        errors["last_day"] = "A term must be 20 weeks or shorter: check the year"
    with db.atomic():
        if not errors:
            overlap = TermDate.get_or_none((TermDate.first_day <= last_day) & (TermDate.last_day >= first_day))
            if overlap is not None:
                errors["first_day"] = (
                    f"This term overlaps {overlap.name} ({format_date(overlap.first_day)} to "
                    f"{format_date(overlap.last_day)})"
                )
        if errors:
            raise CalendarError(errors)
        term = TermDate.create(name=name, first_day=first_day, last_day=last_day)
        audit(actor, "create", "term_date", term.id, changes={"term": [None, f"{name}: {first_day} to {last_day}"]})
    _count_pending_deadlines()
    return term


def _count_pending_deadlines() -> None:
    """Schools see the deadlines that waited for these term dates at once, not after the next morning's sweep."""
    la_code = current_app.config["LA_CODE"] if has_app_context() else None
    leavers.fill_pending_deadlines(la_calendar(), la_settings(la_code))


def remove_term(term_id: int, *, actor: User) -> TermDate | None:
    with db.atomic():
        term = TermDate.get_or_none(TermDate.id == term_id)
        if term is None:
            return None
        term.delete_instance()
        audit(
            actor,
            "delete",
            "term_date",
            term_id,
            changes={"term": [f"{term.name}: {term.first_day} to {term.last_day}", None]},
        )
    return term


def add_closure(*, day: date, reason: str, actor: User) -> ClosureDay:
    """A weekday in term with no school: an INSET day, an occasional day, a polling-day closure."""
    reason = " ".join(reason.split())
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = "Enter why the schools are closed, like INSET day"
    if day.weekday() >= 5:
        errors["day"] = "A closure day must be a weekday: weekends are never school days"
    with db.atomic():
        if "day" not in errors:
            in_term = TermDate.select().where(TermDate.first_day <= day, TermDate.last_day >= day).exists()
            if not in_term:
                errors["day"] = "A closure day must be in a term: add the term dates first"
            elif ClosureDay.select().where(ClosureDay.day == day).exists():
                errors["day"] = f"{format_date(day)} is already a closure day"
        if errors:
            raise CalendarError(errors)
        closure = ClosureDay.create(day=day, reason=reason)
        audit(actor, "create", "closure_day", closure.id, changes={"closure": [None, f"{day}: {reason}"]})
    return closure


def remove_closure(closure_id: int, *, actor: User) -> ClosureDay | None:
    with db.atomic():
        closure = ClosureDay.get_or_none(ClosureDay.id == closure_id)
        if closure is None:
            return None
        closure.delete_instance()
        audit(
            actor, "delete", "closure_day", closure_id, changes={"closure": [f"{closure.day}: {closure.reason}", None]}
        )
    return closure
