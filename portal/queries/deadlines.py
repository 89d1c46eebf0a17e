"""Deadlines for the officers' screens, in school days on the LA calendar, with a plain fallback when it cannot tell.

The counting itself is the rules core's (portal.rules.thresholds); this module only fetches the calendar once per
request and words what happens when the term dates do not cover a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import g, has_app_context

from portal.rules.calendar import CalendarNotCoveredError, SchoolCalendar, england_bank_holidays, format_date
from portal.rules.thresholds import deadline_status
from portal.services.calendar import CalendarMissingError, la_calendar
from portal.services.leavers import count_pending_deadlines


@dataclass(frozen=True)
class Deadline:
    """A due date seen from today: the words for the tag, and whether it has passed."""

    due: date
    label: str
    overdue: bool
    due_soon: bool = False
    in_school_days: bool = True


def calendar_or_none() -> SchoolCalendar | None:
    """The LA calendar, built once per request; None when no term dates are stored yet."""
    if has_app_context() and "la_calendar" in g:
        return g.la_calendar  # type: ignore[no-any-return]
    try:
        calendar: SchoolCalendar | None = la_calendar()
    except CalendarMissingError:
        calendar = None
    if has_app_context():
        g.la_calendar = calendar
    return calendar


def deadline(due: date | None, today: date, calendar: SchoolCalendar | None) -> Deadline | None:
    """ "due in 3 school days" / "overdue by 2 school days"; calendar days only when the term dates cannot tell."""
    if due is None:
        return None
    if calendar is not None:
        try:
            status = deadline_status(due, today, calendar)
        except CalendarNotCoveredError:
            pass
        else:
            return Deadline(due, status.label, status.overdue, due_soon=not status.overdue and status.school_days <= 2)
    if today > due:
        return Deadline(due, f"overdue since {format_date(due)}", True, in_school_days=False)
    if today == due:
        return Deadline(due, "due today", False, due_soon=True, in_school_days=False)
    return Deadline(due, f"due on {format_date(due)}", False, in_school_days=False)


@dataclass(frozen=True)
class TermDatesWarning:
    """Why administrators must add term dates: none at all, or none for today, and the reports that wait for them."""

    today: date
    no_term_dates: bool
    covers_today: bool
    reports_waiting: int


def term_dates_warning(today: date) -> TermDatesWarning | None:
    """None while the term dates cover today and no report waits for them; otherwise what is missing."""
    calendar = calendar_or_none()
    covers_today = calendar is not None and calendar.first_day <= today <= calendar.last_day
    waiting = count_pending_deadlines()
    if covers_today and not waiting:
        return None
    return TermDatesWarning(today, calendar is None, covers_today, waiting)


def next_working_day(day: date) -> date:
    """The working day after ``day``: Monday to Friday, not an England and Wales bank holiday.

    Working Together to Safeguard Children 2023: children's social care acknowledges a referral within one working
    day (domain brief section 8). Working days are not school days: council offices work in school holidays.
    """
    holidays = england_bank_holidays()
    candidate = day + timedelta(days=1)
    while candidate.weekday() >= 5 or candidate in holidays:
        candidate += timedelta(days=1)
    return candidate
