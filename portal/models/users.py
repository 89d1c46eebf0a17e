"""People who sign in: LA officers, school staff and administrators. Parents and the public never sign in."""

from __future__ import annotations

import peewee

from portal.db import BaseModel
from portal.models.fields import UtcDateTimeField, utc_now
from portal.models.schools import School

ROLES = ("officer", "school", "admin")


class User(BaseModel):
    email = peewee.CharField(max_length=254, unique=True)
    name = peewee.CharField(max_length=200)
    role = peewee.CharField(max_length=10, choices=[(r, r) for r in ROLES])
    school = peewee.ForeignKeyField(School, null=True, backref="users", on_delete="RESTRICT")
    job_title = peewee.CharField(max_length=100, default="")
    password_hash = peewee.CharField(max_length=255)
    # Set when an administrator chose the password: the user must choose their own before anything else.
    password_change_required = peewee.BooleanField(default=False)
    is_active = peewee.BooleanField(default=True)
    # Lockout (portal/services/users.py): wrong passwords or codes since the last lockout, sign-in or unlock; when the
    # latest lockout began and ends; and how many lockouts in a row, without a sign-in between (each lasts longer).
    failed_sign_ins = peewee.IntegerField(default=0)
    locked_at = UtcDateTimeField(null=True)
    locked_until = UtcDateTimeField(null=True)
    lockouts = peewee.IntegerField(default=0)
    # Two-factor sign-in (portal/services/two_factor.py): the TOTP key once confirmed, a key shown for enrolment
    # but not yet confirmed, when it was confirmed, and the last 30-second step accepted (no code works twice).
    totp_secret = peewee.CharField(max_length=64, default="")
    totp_pending_secret = peewee.CharField(max_length=64, default="")
    totp_enabled_at = UtcDateTimeField(null=True)
    totp_last_step = peewee.BigIntegerField(default=0)
    last_signed_in_at = UtcDateTimeField(null=True)
    created_at = UtcDateTimeField(default=utc_now)

    # Not a column: the token of the session this object was loaded for or signed in with (UserSession holds only
    # its hash). Set by portal/services/sessions.py; empty on a user read any other way.
    session_token: str = ""

    class Meta:
        table_name = "app_user"  # "user" is reserved in PostgreSQL

    # Flask-Login protocol. Flask-Login's id is get_session_id (login_manager.id_attribute, set in portal/auth.py),
    # not get_id, which stays peewee's own (the primary key).
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_session_id(self) -> str:
        """What the session cookie carries: "<user id>:<session token>", read back by load_user."""
        if not self.session_token:
            raise RuntimeError("no session to sign in with: start one with portal.services.sessions.start_session")
        return f"{self.id}:{self.session_token}"

    def __str__(self) -> str:
        return self.name
