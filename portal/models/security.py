"""Sign-in security beside the User table: the single-use recovery codes for two-factor sign-in."""

from __future__ import annotations

import peewee

from portal.db import BaseModel
from portal.models.fields import UtcDateTimeField, utc_now
from portal.models.users import User


class RecoveryCode(BaseModel):
    """One of a user's ten recovery codes, kept only as a SHA-256 hash (the code itself is shown once)."""

    user = peewee.ForeignKeyField(User, backref="recovery_codes", on_delete="CASCADE")
    code_hash = peewee.CharField(max_length=64, index=True)
    used_at = UtcDateTimeField(null=True)
    created_at = UtcDateTimeField(default=utc_now)

    class Meta:
        table_name = "recovery_code"
