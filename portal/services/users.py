"""Accounts: creating, signing in, locking and unlocking, changing passwords, ending sessions.

Every security event is audited: sign-ins and sign-outs, failed attempts, lockouts and unlocks, password changes
and "sign out everywhere". Two-factor sign-in lives in portal/services/two_factor.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from portal.db import db
from portal.models import School, User
from portal.models.fields import utc_now
from portal.models.users import ROLES
from portal.services.audit import audit, changes_between
from portal.services.passwords import (
    MAX_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)
from portal.services.sessions import (
    end_every_session,
    end_other_sessions,
    end_session,
    start_session,
)

#: Roles that hold the whole register and so must use two-factor sign-in when REQUIRE_TWO_FACTOR is set.
TWO_FACTOR_ROLES = ("officer", "admin")


class AccountError(ValueError):
    """A request about accounts that cannot be met, with a message an operator can act on."""


class PasswordChangeError(ValueError):
    """A password change that cannot be made: {"current" | "new" | "confirm": message} for the form's fields."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class SignInResult:
    """The outcome of checking a password.

    ``user`` is set only when the password was right and the account may go on to sign in. ``reason`` is "ok",
    "bad credentials", "disabled" or "locked"; the caller shows one generic message for every failure except
    "locked", which it tells only to someone who gave the right password (so the message reveals nothing to a
    guesser). ``second_factor`` means a code is
    still needed before the person is signed in.
    """

    user: User | None
    reason: str = "ok"
    second_factor: bool = False


MAX_ID = 2**63 - 1  # the largest id either store can hold; a bigger one in a URL is simply not found


def create_user(
    email: str,
    *,
    role: str,
    password: str,
    name: str = "",
    school_urn: int | None = None,
    job_title: str = "",
    actor: User | None = None,
) -> User:
    email = email.strip().lower()
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}")
    if "@" not in email:
        raise AccountError(f"{email!r} is not an email address")
    problem = password_problem(password, email=email)
    if problem:
        raise AccountError(problem.replace("Your password", "The password"))
    school = None
    if role == "school":
        if school_urn is None:
            raise AccountError("A school user needs --school URN")
        school = School.get_or_none(School.urn == school_urn)
        if school is None:
            raise AccountError(f"No school with URN {school_urn}: import the schools first")
    elif school_urn is not None:
        raise AccountError(f"Only school users belong to a school, not {role} users")
    with db.atomic():
        if User.select().where(User.email == email).exists():
            raise AccountError(f"A user with email {email} already exists")
        user = User.create(
            email=email,
            name=name or email.split("@")[0],
            role=role,
            school=school,
            job_title=job_title,
            password_hash=hash_password(password),
        )
        audit(actor, "create", "user", user.id, changes={"email": [None, email], "role": [None, role]})
    return user


def list_users() -> list[User]:
    return list(User.select(User, School).join(School, peewee.JOIN.LEFT_OUTER).order_by(User.role, User.email))


def get_user(user_id: int) -> User | None:
    if not 0 < user_id <= MAX_ID:
        return None
    return User.select(User, School).join(School, peewee.JOIN.LEFT_OUTER).where(User.id == user_id).first()


def disable_user(email: str, *, actor: User | None = None) -> User:
    user = User.get_or_none(User.email == email.strip().lower())
    if user is None:
        raise AccountError(f"No user with email {email}")
    with db.atomic():
        user.is_active = False
        user.save()
        end_every_session(user)
        audit(actor, "disable", "user", user.id, changes={"is_active": [True, False]})
    return user


def get_active_user(user_id: int) -> User | None:
    """An active user by id: the one half-way through a two-step sign-in, who has no session yet."""
    user = get_user(user_id)
    return user if user is not None and user.is_active else None


def is_locked(user: User) -> bool:
    return user.locked_at is not None


def record_failed_sign_in(user: User, *, lockout_after: int, action: str = "sign_in_failed") -> bool:
    """Count one wrong password or code against the account; lock it at ``lockout_after``. True when locked now.

    The count is incremented in the database (not read-modify-write), so parallel guesses cannot slip past it.
    """
    with db.atomic():
        User.update(failed_sign_ins=User.failed_sign_ins + 1).where(User.id == user.id).execute()
        failures = User.select(User.failed_sign_ins).where(User.id == user.id).scalar() or 0
        audit(None, action, "user", user.id, changes={"failed_sign_ins": [failures - 1, failures]})
        locked_now = (
            User.update(locked_at=utc_now())
            .where(User.id == user.id, User.locked_at.is_null(), User.failed_sign_ins >= max(lockout_after, 1))
            .execute()
        )
        if locked_now:
            audit(None, "account_locked", "user", user.id, changes={"failed_sign_ins": [None, failures]})
    user.failed_sign_ins = failures
    return bool(locked_now)


def authenticate(email: str, password: str, *, lockout_after: int = 10) -> SignInResult:
    """Check a password. Every failure looks the same to the person signing in (the caller shows one message)."""
    address = email.strip().lower()[:254]
    user = User.get_or_none(User.email == address)
    if len(password) > MAX_PASSWORD_LENGTH or not verify_password(user.password_hash if user else None, password):
        if user is not None:
            record_failed_sign_in(user, lockout_after=lockout_after)
        else:
            with db.atomic():
                audit(None, "sign_in_failed", "user", "unknown", changes={"email": [None, address]})
        return SignInResult(None, "bad credentials")
    if not user.is_active:
        with db.atomic():
            audit(None, "sign_in_while_disabled", "user", user.id)
        return SignInResult(None, "disabled")
    if is_locked(user):
        with db.atomic():
            audit(None, "sign_in_while_locked", "user", user.id)
        return SignInResult(None, "locked")
    if needs_rehash(user.password_hash):
        with db.atomic():
            user.password_hash = hash_password(password)
            user.save()
    if user.totp_enabled_at is not None:
        with db.atomic():
            audit(user, "password_accepted", "user", user.id)
        return SignInResult(user, "ok", second_factor=True)
    return SignInResult(user)


def complete_sign_in(user: User) -> User:
    """The person is who they say: clear the count of failures, start a session and record the sign-in.

    The new session (portal/services/sessions.py) is what "a new session id at sign-in" means: the caller clears the
    cookie's contents (session.clear()) and signs in with the new session's token, set on ``user.session_token``.
    Sessions on other devices carry on: each device has its own.
    """
    with db.atomic():
        user.failed_sign_ins = 0
        user.last_signed_in_at = utc_now()
        user.save()
        start_session(user)
        audit(user, "sign_in", "user", user.id)
    return user


def sign_out_here(user: User) -> None:
    """End the session ``user`` was loaded for (this device's): a copy of its cookie is refused from now on."""
    with db.atomic():
        end_session(user)
        audit(user, "sign_out", "user", user.id)


def sign_out_everywhere(user: User) -> User:
    """End every session of this user, on every device."""
    with db.atomic():
        end_every_session(user)
        audit(user, "signed_out_everywhere", "user", user.id)
    return user


def change_password(user: User, *, current: str, new: str, confirm: str, lockout_after: int = 10) -> User:
    """Change a signed-in user's password. Every other session ends; the one ``user`` was loaded for carries on
    with a new token (on ``user.session_token``, for the caller to sign in with again). Raises PasswordChangeError
    with a message per field."""
    errors: dict[str, str] = {}
    if not verify_password(user.password_hash, current[:MAX_PASSWORD_LENGTH]):
        record_failed_sign_in(user, lockout_after=lockout_after, action="password_change_failed")
        errors["current"] = "Your current password is not correct"
    problem = password_problem(new, email=user.email)
    if problem:
        errors["new"] = problem
    elif new == current:
        errors["new"] = "Your new password must be different from your current password"
    elif confirm != new:
        errors["confirm"] = "The passwords do not match: enter your new password again"
    if errors:
        raise PasswordChangeError(errors)
    with db.atomic():
        user.password_hash = hash_password(new)
        user.failed_sign_ins = 0
        user.save()
        end_other_sessions(user)
        audit(user, "password_changed", "user", user.id)
    return user


def unlock_user(user_id: int, *, actor: User | None) -> User | None:
    """An administrator lets a locked-out user try again. None when there is no such user."""
    user = get_user(user_id)
    if user is None:
        return None
    with db.atomic():
        before = {"locked_at": user.locked_at, "failed_sign_ins": user.failed_sign_ins}
        user.locked_at = None
        user.failed_sign_ins = 0
        user.save()
        changes = changes_between(before, {"locked_at": None, "failed_sign_ins": 0})
        audit(actor, "account_unlocked", "user", user.id, changes=changes)
    return user


def unlock_user_by_email(email: str, *, actor: User | None = None) -> User:
    user = User.get_or_none(User.email == email.strip().lower())
    if user is None:
        raise AccountError(f"No user with email {email}")
    return unlock_user(user.id, actor=actor) or user


def must_set_up_two_factor(user: User, *, required: bool) -> bool:
    return required and user.role in TWO_FACTOR_ROLES and user.totp_enabled_at is None
