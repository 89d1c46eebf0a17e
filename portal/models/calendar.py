"""The LA's school calendar (term dates, closures) and its local-practice settings."""

from __future__ import annotations

import peewee

from portal.db import BaseModel


class TermDate(BaseModel):
    name = peewee.CharField(max_length=100)
    first_day = peewee.DateField(unique=True)
    last_day = peewee.DateField()


class ClosureDay(BaseModel):
    """A weekday in term with no school: INSET, occasional days, half-term days entered as closures."""

    day = peewee.DateField(unique=True)
    reason = peewee.CharField(max_length=100)


class LaSetting(BaseModel):
    """One local-practice setting (portal.rules.thresholds.LocalSettings field) overriding Ealing's default."""

    key = peewee.CharField(max_length=100, unique=True)
    value = peewee.TextField()
