"""The LA's school calendar and local settings, built from what administrators have stored."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from typing import Any

from portal.models import ClosureDay, LaSetting, TermDate
from portal.rules.calendar import SchoolCalendar, england_bank_holidays
from portal.rules.thresholds import LocalSettings


class CalendarMissingError(RuntimeError):
    """No term dates are stored: deadlines in school days cannot be worked out until an admin adds them."""


def la_calendar() -> SchoolCalendar:
    """Term dates and closures from the database, with England's bank holidays (bundled data, no network)."""
    terms = [(term.first_day, term.last_day) for term in TermDate.select().order_by(TermDate.first_day)]
    if not terms:
        raise CalendarMissingError("Add the LA's term dates at /admin/calendar before deadlines can be shown")
    closures = [row.day for row in ClosureDay.select(ClosureDay.day)]
    return SchoolCalendar(terms, closures=closures, bank_holidays=england_bank_holidays())


def _coerce(default: Any, stored: str) -> Any:
    value = json.loads(stored)
    if isinstance(default, tuple):
        return tuple(value)
    return type(default)(value)


def la_settings(la_code: str | None = None) -> LocalSettings:
    """Ealing's defaults, overridden by any stored LA setting, with the LA number of this deployment."""
    defaults = LocalSettings()
    overrides: dict[str, Any] = {}
    known = {field.name: getattr(defaults, field.name) for field in fields(LocalSettings)}
    for row in LaSetting.select():
        if row.key in known:
            overrides[row.key] = _coerce(known[row.key], row.value)
    if la_code and la_code.isdigit():
        overrides.setdefault("la_number", int(la_code))
    return replace(defaults, **overrides)
