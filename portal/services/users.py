"""Accounts: creating, signing in, locking and unlocking, changing passwords, ending sessions.

Every security event is audited: sign-ins and sign-outs, failed attempts, lockouts and unlocks, password changes
and "sign out everywhere". Two-factor sign-in lives in portal/services/two_factor.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

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
    """A request about accounts that cannot be met, with a message an operator can act on. ``field`` names the
    detail it is about ("email", "role", "school", "password", "name"), so a form can show it beside that field."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


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
    locked_until: datetime | None = None  # set with "locked": when the person can try again


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
    temporary_password: bool = False,
) -> User:
    """A new account. ``temporary_password``: an administrator chose it, so the user must change it at first
    sign-in (``password_change_required``)."""
    email = email.strip().lower()
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}", "role")
    if "@" not in email:
        raise AccountError(f"{email!r} is not an email address", "email")
    problem = password_problem(password, email=email)
    if problem:
        raise AccountError(problem.replace("Your password", "The password"), "password")
    school = _school_for(role, school_urn)
    try:
        with db.atomic():
            if User.select().where(User.email == email).exists():
                raise AccountError(f"A user with email {email} already exists", "email")
            user = User.create(
                email=email,
                name=name or email.split("@")[0],
                role=role,
                school=school,
                job_title=job_title,
                password_hash=hash_password(password),
                password_change_required=temporary_password,
            )
            audit(actor, "create", "user", user.id, changes={"email": [None, email], "role": [None, role]})
    except peewee.IntegrityError:  # created by someone else between the check and the insert
        raise AccountError(f"A user with email {email} already exists", "email") from None
    return user


def _school_for(role: str, school_urn: int | None) -> School | None:
    """The school a user of ``role`` belongs to: required for school users, refused for anyone else."""
    if role != "school":
        if school_urn is not None:
            raise AccountError(f"Only school users belong to a school, not {role} users", "school")
        return None
    if school_urn is None:
        raise AccountError("A school user needs --school URN", "school")
    school = School.get_or_none(School.urn == school_urn)
    if school is None:
        raise AccountError(f"No school with URN {school_urn}: import the schools first", "school")
    return school


def update_user(
    user_id: int, *, name: str, job_title: str, role: str, school_urn: int | None, actor: User
) -> User | None:
    """An administrator changes a user's name, job title, role or school. None when there is no such user.

    An administrator cannot change their own role, so the service is never left without one by mistake. A change of
    role or school applies at the user's next request: every request reads the user afresh."""
    user = get_user(user_id)
    if user is None:
        return None
    name, job_title = " ".join(name.split()), job_title.strip()
    if not name:
        raise AccountError("Enter the person's full name", "name")
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}", "role")
    if user.id == actor.id and role != user.role:
        raise AccountError("You cannot change your own role: ask another administrator", "role")
    school = _school_for(role, school_urn)
    before = {
        "name": user.name,
        "job_title": user.job_title,
        "role": user.role,
        "school": user.school.urn if user.school else None,
    }
    after = {"name": name, "job_title": job_title, "role": role, "school": school.urn if school else None}
    changes = changes_between(before, after)
    if changes:
        with db.atomic():
            User.update(name=name, job_title=job_title, role=role, school=school).where(User.id == user.id).execute()
            audit(actor, "update", "user", user.id, changes=changes)
    return get_user(user.id)


def list_users() -> list[User]:
    return list(User.select(User, School).join(School, peewee.JOIN.LEFT_OUTER).order_by(User.role, User.email))


def get_user(user_id: int) -> User | None:
    if not 0 < user_id <= MAX_ID:
        return None
    return User.select(User, School).join(School, peewee.JOIN.LEFT_OUTER).where(User.id == user_id).first()


def disable_user(email: str, *, actor: User | None = None) -> User:
    """Disable an account and end every session of it at once. An administrator cannot disable their own."""
    user = User.get_or_none(User.email == email.strip().lower())
    if user is None:
        raise AccountError(f"No user with email {email}")
    if actor is not None and actor.id == user.id:
        raise AccountError("You cannot disable your own account: ask another administrator")
    with db.atomic():
        end_every_session(user)
        if user.is_active:
            User.update(is_active=False).where(User.id == user.id).execute()
            audit(actor, "disable", "user", user.id, changes={"is_active": [True, False]})
    user.is_active = False
    return user


def disable_user_by_id(user_id: int, *, actor: User) -> User | None:
    """``disable_user`` for the administrators' pages. None when there is no such user."""
    user = get_user(user_id)
    return None if user is None else disable_user(user.email, actor=actor)


def enable_user(user_id: int, *, actor: User) -> User | None:
    """An administrator enables a disabled account again: its owner can sign in. None when there is no such user."""
    user = get_user(user_id)
    if user is None:
        return None
    if not user.is_active:
        with db.atomic():
            User.update(is_active=True).where(User.id == user.id).execute()
            audit(actor, "enable", "user", user.id, changes={"is_active": [False, True]})
        user.is_active = True
    return user


def disabled_emails() -> list[str]:
    """The email addresses of every disabled account."""
    return [user.email for user in User.select(User.email).where(User.is_active == False).order_by(User.email)]  # noqa: E712


def keep_disabled(emails: list[str]) -> list[str]:
    """After a restore: disable again each of ``emails`` that the restored data has active, because it was disabled
    in the database the restore replaced. Returns the emails disabled again, each audited."""
    with db.atomic():
        users = list(User.select().where(User.email.in_(emails), User.is_active == True).order_by(User.email))  # noqa: E712
        for user in users:
            User.update(is_active=False).where(User.id == user.id).execute()
            end_every_session(user)
            audit(None, "disabled_again_after_restore", "user", user.id, changes={"is_active": [True, False]})
    return [user.email for user in users]


def get_active_user(user_id: int) -> User | None:
    """An active user by id: the one half-way through a two-step sign-in, who has no session yet."""
    user = get_user(user_id)
    return user if user is not None and user.is_active else None


#: A lockout lasts FIRST_LOCKOUT, and each one after it, without a sign-in between, twice as long as the one before,
#: up to LONGEST_LOCKOUT: a person who forgot their password waits a few minutes, a guesser gets a few tries a day.
#: An administrator can unlock an account at any time.
FIRST_LOCKOUT = timedelta(minutes=15)
LONGEST_LOCKOUT = timedelta(hours=24)


def lockout_duration(lockouts: int) -> timedelta:
    """How long the ``lockouts``-th lockout in a row lasts (the first is 1)."""
    doublings = min(max(lockouts, 1) - 1, 16)  # 15 minutes doubled 16 times is far past the cap already
    return min(FIRST_LOCKOUT * 2**doublings, LONGEST_LOCKOUT)


def is_locked(user: User, *, now: datetime | None = None) -> bool:
    return user.locked_until is not None and user.locked_until > (now or utc_now())


def record_failed_sign_in(
    user: User, *, lockout_after: int, action: str = "sign_in_failed", now: datetime | None = None
) -> bool:
    """Count one wrong password or code against the account; lock it at ``lockout_after``. True when locked now.

    A lockout starts the count again; wrong attempts during it still count, so a guesser who carries on is locked
    again (for longer) by the first wrong attempt after it ends. The count is incremented in the database (not
    read-modify-write) and the row stays locked until the commit, so parallel guesses cannot slip past it.
    """
    now = now or utc_now()
    locked_now = False
    with db.atomic():
        User.update(failed_sign_ins=User.failed_sign_ins + 1).where(User.id == user.id).execute()
        fresh = User.select(User.failed_sign_ins, User.locked_until, User.lockouts).where(User.id == user.id).get()
        failures = fresh.failed_sign_ins
        audit(None, action, "user", user.id, changes={"failed_sign_ins": [failures - 1, failures]})
        if failures >= max(lockout_after, 1) and not is_locked(fresh, now=now):
            lockouts = fresh.lockouts + 1
            locked_until = now + lockout_duration(lockouts)
            User.update(locked_at=now, locked_until=locked_until, lockouts=lockouts, failed_sign_ins=0).where(
                User.id == user.id
            ).execute()
            audit(
                None,
                "account_locked",
                "user",
                user.id,
                changes={"failed_sign_ins": [failures, 0], "lockouts": [fresh.lockouts, lockouts]},
            )
            user.locked_at, user.locked_until, user.lockouts, failures = now, locked_until, lockouts, 0
            locked_now = True
    user.failed_sign_ins = failures
    return locked_now


def authenticate(email: str, password: str, *, lockout_after: int = 10, now: datetime | None = None) -> SignInResult:
    """Check a password. Every failure looks the same to the person signing in (the caller shows one message)."""
    now = now or utc_now()
    address = email.strip().lower()[:254]
    user = User.get_or_none(User.email == address)
    if len(password) > MAX_PASSWORD_LENGTH or not verify_password(user.password_hash if user else None, password):
        if user is not None:
            record_failed_sign_in(user, lockout_after=lockout_after, now=now)
        else:
            with db.atomic():
                audit(None, "sign_in_failed", "user", "unknown", changes={"email": [None, address]})
        return SignInResult(None, "bad credentials")
    if not user.is_active:
        with db.atomic():
            audit(None, "sign_in_while_disabled", "user", user.id)
        return SignInResult(None, "disabled")
    if is_locked(user, now=now):
        with db.atomic():
            audit(None, "sign_in_while_locked", "user", user.id)
        return SignInResult(None, "locked", locked_until=user.locked_until)
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
        user.lockouts = 0  # the next lockout, if any, is a first one again
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
        user.password_change_required = False
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
        before = {
            "locked_at": user.locked_at,
            "locked_until": user.locked_until,
            "lockouts": user.lockouts,
            "failed_sign_ins": user.failed_sign_ins,
        }
        user.locked_at = user.locked_until = None
        user.lockouts = user.failed_sign_ins = 0
        user.save()
        after = {"locked_at": None, "locked_until": None, "lockouts": 0, "failed_sign_ins": 0}
        audit(actor, "account_unlocked", "user", user.id, changes=changes_between(before, after))
    return user


def unlock_user_by_email(email: str, *, actor: User | None = None) -> User:
    user = User.get_or_none(User.email == email.strip().lower())
    if user is None:
        raise AccountError(f"No user with email {email}")
    return unlock_user(user.id, actor=actor) or user


def must_set_up_two_factor(user: User, *, required: bool) -> bool:
    return required and user.role in TWO_FACTOR_ROLES and user.totp_enabled_at is None
