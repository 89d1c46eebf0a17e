"""Column types shared by the tables."""

from __future__ import annotations

from datetime import UTC, datetime

import peewee


def utc_now() -> datetime:
    return datetime.now(UTC)


class UtcDateTimeField(peewee.DateTimeField):
    """A timestamp stored in UTC and always read back timezone-aware, on SQLite and PostgreSQL alike."""

    field_type = "TIMESTAMP"

    def db_value(self, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def python_value(self, value: object) -> datetime | None:
        parsed = super().python_value(value)
        if isinstance(parsed, datetime):
            return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
        return parsed
