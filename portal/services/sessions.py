"""Server-side sessions: one UserSession row per sign-in, so a person can be signed in on several devices at once and
signing out really ends a session.

Flask's session is a signed cookie: clearing it signs this browser out, but a copy taken earlier would still be
accepted. So the cookie carries a random token naming a row here, and a session counts only while its row is live
(``ended_at`` unset) and its user active. Only the token's SHA-256 hash is stored: the token is 256 random bits, not
a password, so a fast hash is enough, and a copy of the table hands out no live session.

Ending rows is how every "sign out" works: this device (sign out, idle timeout), every device (sign out everywhere,
disabling the account) or every device but this one (changing the password). A browser closed without signing
out leaves its row live, but the idle timeout refuses its cookie; the daily sweep deletes rows begun more than
SESSION_ROWS_KEPT ago, ended or not.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, date, datetime, time, timedelta

from portal.db import db
from portal.models import User, UserSession
from portal.models.fields import utc_now
from portal.services.sweep import sweep_task

SESSION_ROWS_KEPT = timedelta(days=30)
_MAX_TOKEN_LENGTH = 100  # a token is 43 characters; anything much longer is not one of ours
_MAX_USER_ID_DIGITS = 18  # the largest id either store holds has 19 digits; 18 keeps every parse in range


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(user: User) -> User:
    """A new live session for ``user``; its token is set on ``user.session_token`` for the cookie."""
    token = secrets.token_urlsafe(32)
    with db.atomic():
        UserSession.create(user=user.id, token_hash=_hash(token))
    user.session_token = token
    return user


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: the active user whose live session the cookie names ("<user id>:<token>"), else None.
    One query reads the session row and its user together."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or len(user_id) > _MAX_USER_ID_DIGITS or not token or len(token) > _MAX_TOKEN_LENGTH:
        return None
    user = (
        User.select(User)
        .join(UserSession)
        .where(
            UserSession.token_hash == _hash(token),
            UserSession.ended_at.is_null(),
            User.id == int(user_id),
            User.is_active == True,  # noqa: E712 (a peewee expression, not a comparison)
        )
        .first()
    )
    if user is not None:
        user.session_token = token
    return user


def end_session(user: User) -> None:
    """End the session ``user`` was loaded for: its cookie, and any copy of it, is refused from now on."""
    if user.session_token:
        with db.atomic():
            UserSession.update(ended_at=utc_now()).where(
                UserSession.token_hash == _hash(user.session_token), UserSession.ended_at.is_null()
            ).execute()


def end_every_session(user: User) -> None:
    """End every live session of ``user``, on every device."""
    with db.atomic():
        UserSession.update(ended_at=utc_now()).where(
            UserSession.user == user.id, UserSession.ended_at.is_null()
        ).execute()


def end_other_sessions(user: User) -> User:
    """End every live session of ``user`` but the one it was loaded for, which carries on with a new token (so a
    copy of this device's cookie stops working too). With no session of its own, every session ends."""
    this = _hash(user.session_token) if user.session_token else ""
    with db.atomic():
        UserSession.update(ended_at=utc_now()).where(
            UserSession.user == user.id, UserSession.ended_at.is_null(), UserSession.token_hash != this
        ).execute()
        if this:
            token = secrets.token_urlsafe(32)
            renewed = (
                UserSession.update(token_hash=_hash(token))
                .where(UserSession.token_hash == this, UserSession.ended_at.is_null())
                .execute()
            )
            user.session_token = token if renewed else ""
    return user


def end_all_sessions() -> int:
    """End every live session of every user (after a restore brings back sessions that had ended). How many."""
    with db.atomic():
        return int(UserSession.update(ended_at=utc_now()).where(UserSession.ended_at.is_null()).execute())


@sweep_task("sessions")
def delete_old_sessions(today: date) -> list[str]:
    """Delete session rows begun before ``today`` less SESSION_ROWS_KEPT, ended or not. A second run finds none."""
    cutoff = datetime.combine(today - SESSION_ROWS_KEPT, time.min, tzinfo=UTC)
    with db.atomic():
        removed = UserSession.delete().where(UserSession.created_at < cutoff).execute()
    return [f"{removed} old session(s) deleted"] if removed else []
