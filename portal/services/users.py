"""Accounts: creating, signing in, disabling."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import peewee

from portal.db import db
from portal.models import School, User
from portal.models.fields import utc_now
from portal.models.users import ROLES
from portal.services.audit import audit
from portal.services.passwords import hash_password, needs_rehash, verify_password

MIN_PASSWORD_LENGTH = 12


class AccountError(ValueError):
    """A request about accounts that cannot be met, with a message an operator can act on."""


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    reason: str = ""


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
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters")
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
            session_token=secrets.token_hex(16),
        )
        audit(actor, "create", "user", user.id, changes={"email": [None, email], "role": [None, role]})
    return user


def list_users() -> list[User]:
    return list(User.select(User, School).join(School, peewee.JOIN.LEFT_OUTER).order_by(User.role, User.email))


def disable_user(email: str, *, actor: User | None = None) -> User:
    user = User.get_or_none(User.email == email.strip().lower())
    if user is None:
        raise AccountError(f"No user with email {email}")
    with db.atomic():
        user.is_active = False
        user.session_token = secrets.token_hex(16)
        user.save()
        audit(actor, "disable", "user", user.id, changes={"is_active": [True, False]})
    return user


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: the id carries the session token, so rotating the token ends every session."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = User.get_or_none(User.id == int(user_id))
    if user is None or not user.is_active or not secrets.compare_digest(user.session_token, token):
        return None
    return user


def authenticate(email: str, password: str) -> SignInResult:
    """Check a password. Every failure looks the same to the person signing in (the caller shows one message)."""
    user = User.get_or_none(User.email == email.strip().lower())
    if not verify_password(user.password_hash if user else None, password):
        if user is not None:
            User.update(failed_sign_ins=User.failed_sign_ins + 1).where(User.id == user.id).execute()
        return SignInResult(None, "bad credentials")
    assert user is not None
    if not user.is_active:
        return SignInResult(None, "disabled")
    with db.atomic():
        user.failed_sign_ins = 0
        user.last_signed_in_at = utc_now()
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.save()
        audit(user, "sign_in", "user", user.id)
    return SignInResult(user)
