"""Pieces every school journey uses: the signed-in school, today, and the LA's calendar and settings."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app
from flask_login import current_user

from portal import clock
from portal.queries import schools as queries
from portal.rules.calendar import SchoolCalendar
from portal.rules.thresholds import LocalSettings
from portal.schools.wizard import Answers, WizardContext
from portal.services.calendar import CalendarMissingError, la_calendar, la_settings


def school() -> Any:
    """The signed-in user's school: every query a school page makes is scoped by it."""
    own = current_user.school
    if own is None:  # a school account without a school cannot see anything
        abort(404)
    return own


def settings() -> LocalSettings:
    return la_settings(current_app.config["LA_CODE"])


def calendar_or_none() -> SchoolCalendar | None:
    """The LA's calendar, or None until an administrator has added term dates (pages then omit deadlines)."""
    try:
        return la_calendar()
    except CalendarMissingError:
        return None


def context(answers: Answers) -> WizardContext:
    own = school()
    return WizardContext(
        today=clock.today(),
        school=own,
        answers=answers,
        settings=settings(),
        calendar=calendar_or_none(),
        extra={
            "find_schools": lambda text: queries.find_schools(text, exclude=own),
            "la_removal_agreements": lambda last_name, dob: queries.la_removal_agreements(own, last_name, dob),
        },
    )


def or_404(value: Any) -> Any:
    """Another school's record, or an id that does not exist, is a 404: never say that the id exists."""
    if value is None:
        abort(404)
    return value
