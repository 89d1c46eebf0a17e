"""Today's date in England, the one clock the web layer reads and passes on to services and rules.

Tests set ``FIXED_TODAY`` in the app config to pin the date instead of freezing time.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

LONDON = ZoneInfo("Europe/London")


def today() -> date:
    if has_app_context():
        fixed = current_app.config.get("FIXED_TODAY")
        if fixed is not None:
            return fixed  # type: ignore[no-any-return]
    return datetime.now(LONDON).date()


def to_london(moment: datetime) -> datetime:
    return moment.astimezone(LONDON)
