"""The operator commands for accounts, and the timed lockout after repeated failed sign-ins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from portal.models import AuditEvent, User
from portal.services.passwords import verify_password
from portal.services.users import authenticate, complete_sign_in, lockout_duration, unlock_user
from tests.conftest import PASSWORD


def _cli(app: Flask, *args: str, password: str = "a long enough password") -> Any:
    return app.test_cli_runner().invoke(args=list(args), input=password + "\n")


def test_create_user_hashes_with_argon2_and_audits(app: Flask, database: Any) -> None:
    result = _cli(app, "users", "create", "New.Officer@Example.gov.uk", "--role", "officer", "--name", "New Officer")
    assert result.exit_code == 0, result.output
    user = User.get(User.email == "new.officer@example.gov.uk")
    assert user.password_hash.startswith("$argon2id$")
    assert verify_password(user.password_hash, "a long enough password")
    assert AuditEvent.select().where(AuditEvent.object_type == "user", AuditEvent.action == "create").count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("x@example.gov.uk", "--role", "wizard"), "Unknown role 'wizard'"),
        (("x@example.gov.uk", "--role", "school", "--school", "123456"), "No school with URN 123456"),
        (("x@example.gov.uk", "--role", "school"), "A school user needs --school URN"),
        (("officer@example.gov.uk", "--role", "officer"), "already exists"),
    ],
    ids=["unknown role", "unknown URN", "school user without school", "duplicate email"],
)
def test_create_user_errors(app: Flask, officer: User, args: tuple[str, ...], message: str) -> None:
    result = _cli(app, "users", "create", *args)
    assert result.exit_code != 0
    assert message in result.output


def test_short_password_is_refused(app: Flask, database: Any) -> None:
    result = _cli(app, "users", "create", "x@example.gov.uk", "--role", "admin", password="short")
    assert result.exit_code != 0
    assert "at least 12 characters" in result.output


def test_list_and_disable(app: Flask, officer: User) -> None:
    assert "officer@example.gov.uk\tofficer\tactive" in _cli(app, "users", "list").output
    assert _cli(app, "users", "disable", "officer@example.gov.uk").exit_code == 0
    assert "officer@example.gov.uk\tofficer\tdisabled" in _cli(app, "users", "list").output
    assert "No user with email" in _cli(app, "users", "disable", "ghost@example.gov.uk").output


def test_audit_events_cannot_be_changed(officer: User) -> None:
    event = AuditEvent.select().first()
    event.action = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete_instance()


def test_demo_seed_is_idempotent(app: Flask, database: Any) -> None:
    first = app.test_cli_runner().invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    counts = (User.select().count(), AuditEvent.select().count())
    second = app.test_cli_runner().invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert (User.select().count(), AuditEvent.select().count()) == counts
    assert "officer@demo.example" in first.output and "officer@demo.example" not in second.output


NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
LOCKOUT_AFTER = 3


def _minutes(count: int) -> timedelta:
    return timedelta(minutes=count)


def _lock(user: User, at: datetime) -> None:
    for _ in range(LOCKOUT_AFTER):
        assert authenticate(user.email, "not the password", lockout_after=LOCKOUT_AFTER, now=at).user is None


def _sign_in(user: User, at: datetime) -> Any:
    return authenticate(user.email, PASSWORD, lockout_after=LOCKOUT_AFTER, now=at)


@pytest.mark.parametrize(
    ("lockouts", "minutes"),
    [(1, 15), (2, 30), (3, 60), (4, 120), (7, 960), (8, 24 * 60), (40, 24 * 60)],
    ids=["first", "second", "third", "fourth", "seventh", "eighth reaches a day", "never longer than a day"],
)
def test_each_lockout_in_a_row_lasts_twice_as_long_up_to_a_day(lockouts: int, minutes: int) -> None:
    assert lockout_duration(lockouts) == _minutes(minutes)


def test_a_lockout_ends_after_15_minutes_and_the_next_lasts_30(officer: User) -> None:
    _lock(officer, NOW)
    still_locked = _sign_in(officer, NOW + _minutes(15) - timedelta(seconds=1))
    assert (still_locked.user, still_locked.reason, still_locked.locked_until) == (None, "locked", NOW + _minutes(15))
    assert _sign_in(officer, NOW + _minutes(15)).user is not None
    # No sign-in was finished in between (the right password alone is not one), so the next lockout is longer.
    _lock(officer, NOW + _minutes(20))
    assert _sign_in(officer, NOW + _minutes(49)).locked_until == NOW + _minutes(50)
    assert _sign_in(officer, NOW + _minutes(50)).user is not None
    locks = AuditEvent.select().where(AuditEvent.action == "account_locked", AuditEvent.object_id == str(officer.id))
    assert locks.count() == 2


def test_wrong_passwords_during_a_lockout_do_not_unlock_or_shorten_it(officer: User) -> None:
    _lock(officer, NOW)
    _lock(officer, NOW + _minutes(5))
    assert _sign_in(officer, NOW + _minutes(14)).locked_until == NOW + _minutes(15)


def test_signing_in_starts_the_lockouts_again_at_15_minutes(officer: User) -> None:
    _lock(officer, NOW)
    complete_sign_in(_sign_in(officer, NOW + _minutes(15)).user)
    _lock(officer, NOW + _minutes(60))
    assert _sign_in(officer, NOW + _minutes(61)).locked_until == NOW + _minutes(75)


def test_an_administrator_unlock_ends_the_lockout_and_starts_again_at_15_minutes(officer: User, admin: User) -> None:
    _lock(officer, NOW)
    _lock(officer, NOW + _minutes(15))
    unlock_user(officer.id, actor=admin)
    assert _sign_in(officer, NOW + _minutes(16)).user is not None
    _lock(officer, NOW + _minutes(17))
    assert _sign_in(officer, NOW + _minutes(18)).locked_until == NOW + _minutes(32)
