"""Two-factor sign-in with time-based one-time passwords (TOTP, RFC 6238, via pyotp) and single-use recovery codes.

Enrolment shows a key (as a QR code and as text) for an authenticator app; it takes effect only when the person
types back a code the app made from it. Ten recovery codes are then shown once; only their SHA-256 hashes are kept.
A recovery code is 60 random bits, not a human-chosen password, so a fast hash is enough: there is no word list to
try, and 2^60 guesses are out of reach. A TOTP code is accepted once only (the last accepted 30-second step is
stored), within one step either side of now for clock drift. Wrong codes count towards the account lockout.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import pyotp
import segno

from portal.db import db
from portal.digits import is_digits
from portal.models import RecoveryCode, User
from portal.models.fields import utc_now
from portal.services.audit import audit
from portal.services.users import get_user, is_locked, record_failed_sign_in

RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols, none easily mistaken for another
_RECOVERY_LENGTH = 12  # 12 x 5 bits = 60 bits
_NO_KEY = ""  # what the key columns hold when there is no key


class TwoFactorError(ValueError):
    """A code that was not accepted, with the message for the person who typed it."""


@dataclass(frozen=True)
class Enrolment:
    key: str  # the base32 key, in groups of four for typing
    uri: str  # otpauth:// URI, what the QR code holds
    qr_data_uri: str  # a PNG as a data: URI, so the page loads nothing from anywhere else


@dataclass(frozen=True)
class CodeCheck:
    ok: bool
    locked: bool = False
    recovery_codes_left: int | None = None  # set when a recovery code was used
    locked_until: datetime | None = None  # set with locked: when the person can try again


def is_enrolled(user: User) -> bool:
    return user.totp_enabled_at is not None and bool(user.totp_secret)


def _normalise(code: str) -> str:
    return "".join(character for character in code.upper() if character.isalnum())[:40]


def _hash(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode("utf-8")).hexdigest()


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, _RECOVERY_LENGTH, 4))


def start_enrolment(user: User, *, issuer: str) -> Enrolment:
    """The key to show for enrolment: the same one until it is confirmed, so reloading the page does not change it."""
    if not user.totp_pending_secret:
        with db.atomic():
            user.totp_pending_secret = pyotp.random_base32()  # 160 bits
            user.save()
    secret = user.totp_pending_secret
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=issuer.replace(":", " "))
    qr = segno.make(uri, error="m")
    return Enrolment(
        key=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        uri=uri,
        qr_data_uri=qr.png_data_uri(scale=5, border=4),
    )


def _matching_step(secret: str, code: str, now: datetime, after_step: int) -> int | None:
    digits = _normalise(code)
    if len(digits) != 6 or not is_digits(digits):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in (current - 1, current, current + 1):
        if step > after_step and secrets.compare_digest(totp.generate_otp(step), digits):
            return step
    return None


def confirm_enrolment(user: User, code: str, *, now: datetime | None = None) -> list[str]:
    """Turn two-factor sign-in on once the app's code matches the pending key. Returns the recovery codes."""
    now = now or datetime.now(UTC)
    if not user.totp_pending_secret:
        raise TwoFactorError("Start again: the key has expired")
    step = _matching_step(user.totp_pending_secret, code, now, after_step=0)
    if step is None:
        with db.atomic():
            audit(user, "two_factor_enrol_failed", "user", user.id)
        raise TwoFactorError("Enter the 6-digit code shown in your authenticator app")
    with db.atomic():
        user.totp_secret = user.totp_pending_secret
        user.totp_pending_secret = _NO_KEY
        user.totp_enabled_at = utc_now()
        user.totp_last_step = step
        user.save()
        codes = _replace_recovery_codes(user)
        audit(user, "two_factor_enrolled", "user", user.id)
    return codes


def _replace_recovery_codes(user: User) -> list[str]:
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.delete().where(RecoveryCode.user == user.id).execute()
    RecoveryCode.insert_many([{"user": user.id, "code_hash": _hash(code)} for code in codes]).execute()
    return codes


def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh recovery codes; the old ones stop working."""
    if not is_enrolled(user):
        raise TwoFactorError("Set up two-factor authentication first")
    with db.atomic():
        codes = _replace_recovery_codes(user)
        audit(user, "recovery_codes_renewed", "user", user.id)
    return codes


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.select().where(RecoveryCode.user == user.id, RecoveryCode.used_at.is_null()).count()


def check_code(user: User, code: str, *, lockout_after: int, now: datetime | None = None) -> CodeCheck:
    """The second step of signing in: a code from the app, or one of the recovery codes."""
    now = now or datetime.now(UTC)
    if not is_enrolled(user) or is_locked(user, now=now):
        locked = is_locked(user, now=now)
        return CodeCheck(ok=False, locked=locked, locked_until=user.locked_until if locked else None)
    with db.atomic():
        fresh = User.get_by_id(user.id)
        step = _matching_step(fresh.totp_secret, code, now, after_step=fresh.totp_last_step)
        # The step is claimed with a conditional update, so two requests with the same code cannot both pass.
        if step is not None and (
            User.update(totp_last_step=step).where(User.id == user.id, User.totp_last_step < step).execute()
        ):
            user.totp_last_step = step
            audit(user, "two_factor_passed", "user", user.id)
            return CodeCheck(ok=True)
        used = (
            RecoveryCode.update(used_at=utc_now())
            .where(
                RecoveryCode.user == user.id,
                RecoveryCode.code_hash == _hash(code),
                RecoveryCode.used_at.is_null(),
            )
            .execute()
        )
        if used:
            left = recovery_codes_left(user)
            audit(user, "recovery_code_used", "user", user.id, changes={"recovery_codes_left": [left + 1, left]})
            return CodeCheck(ok=True, recovery_codes_left=left)
    locked = record_failed_sign_in(user, lockout_after=lockout_after, action="two_factor_failed", now=now)
    return CodeCheck(ok=False, locked=locked, locked_until=user.locked_until if locked else None)


def reset_two_factor(user_id: int, *, actor: User | None) -> User | None:
    """An administrator turns a user's two-factor sign-in off (a lost phone); they set it up again next time."""
    user = get_user(user_id)
    if user is None:
        return None
    with db.atomic():
        was_on = is_enrolled(user)
        user.totp_secret = _NO_KEY
        user.totp_pending_secret = _NO_KEY
        user.totp_enabled_at = None
        user.totp_last_step = 0
        user.save()
        RecoveryCode.delete().where(RecoveryCode.user == user.id).execute()
        audit(actor, "two_factor_reset", "user", user.id, changes={"two_factor": [was_on, False]})
    return user
