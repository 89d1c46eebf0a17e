"""The operator commands for accounts."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from portal.models import AuditEvent, User
from portal.services.passwords import verify_password


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
