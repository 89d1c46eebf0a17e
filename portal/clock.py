"""Today's date in England, the one clock the web layer reads and passes on to services and rules.

Tests set ``FIXED_TODAY`` in the app config to pin the date instead of freezing time, and ``FIXED_NOW`` (an aware
datetime) to pin the moment that timed rules such as account lockouts are measured against.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

LONDON = ZoneInfo("Europe/London")


def today() -> date:
    if has_app_context():
        fixed = current_app.config.get("FIXED_TODAY")
        if fixed is not None:
            return fixed  # type: ignore[no-any-return]
    return datetime.now(LONDON).date()


def now() -> datetime:
    if has_app_context():
        fixed = current_app.config.get("FIXED_NOW")
        if fixed is not None:
            return fixed  # type: ignore[no-any-return]
    return datetime.now(UTC)


def to_london(moment: datetime) -> datetime:
    return moment.astimezone(LONDON)
