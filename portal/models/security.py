"""Sign-in security beside the User table: the single-use recovery codes for two-factor sign-in, and the sessions
of signed-in users."""

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


class UserSession(BaseModel):
    """One sign-in on one device, live until ``ended_at`` is set (portal/services/sessions.py).

    The session cookie carries a random token; only its SHA-256 hash is kept, so reading this table does not hand
    out sessions anyone could use. The token is looked up by its hash (unique index); ending every session of a
    user goes through the user index; the sweep deletes old rows by ``created_at``.
    """

    user = peewee.ForeignKeyField(User, backref="sessions", on_delete="CASCADE")
    token_hash = peewee.CharField(max_length=64, unique=True)
    created_at = UtcDateTimeField(default=utc_now, index=True)
    ended_at = UtcDateTimeField(null=True)

    class Meta:
        table_name = "user_session"
