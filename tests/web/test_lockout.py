"""Account lockout after repeated failed sign-ins, and an administrator's unlock (also an operator command)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
from flask import Flask
from flask.testing import FlaskClient

from portal.models import AuditEvent, User
from portal.services import two_factor
from tests.conftest import PASSWORD, make_app, sign_in_as
from tests.pages import check_page


def _fail(client: FlaskClient, email: str, times: int) -> None:
    for _ in range(times):
        page = check_page(client.post("/sign-in", data={"email": email, "password": "not the password"}))
        assert page.error_summary == ["Enter a correct email address and password"]


def test_the_tenth_wrong_password_locks_the_account(client: FlaskClient, officer: User) -> None:
    _fail(client, officer.email, 9)
    assert User.get_by_id(officer.id).locked_at is None
    _fail(client, officer.email, 1)
    user = User.get_by_id(officer.id)
    assert user.locked_at is not None and user.locked_until is not None
    assert AuditEvent.select().where(AuditEvent.action == "account_locked").count() == 1
    assert AuditEvent.select().where(AuditEvent.action == "sign_in_failed").count() == 10
    # The right password now gets the lockout message; a wrong one still gets the generic one, so a guesser
    # learns nothing.
    page = check_page(client.post("/sign-in", data={"email": officer.email, "password": PASSWORD}))
    assert page.error_summary == [
        "Your account is locked because of too many attempts to sign in. Try again in 15 minutes, or ask an "
        "administrator to unlock it."
    ]
    _fail(client, officer.email, 1)
    assert client.get("/account").status_code == 302


NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _signs_in(client: FlaskClient, email: str) -> bool:
    response = client.post("/sign-in", data={"email": email, "password": PASSWORD})
    if response.status_code == 302:
        client.post("/sign-out")
        return True
    return False


def _locked_message(client: FlaskClient, email: str) -> str:
    page = check_page(client.post("/sign-in", data={"email": email, "password": PASSWORD}))
    assert len(page.error_summary) == 1
    return page.error_summary[0]


def test_a_lockout_lasts_15_minutes_and_the_next_one_30(database_url: str, officer: User) -> None:
    app = make_app(database_url, LOCKOUT_AFTER_FAILED_SIGN_INS=3, FIXED_NOW=NOW)
    client = app.test_client()
    _fail(client, officer.email, 3)
    assert "Try again in 15 minutes, or ask an administrator" in _locked_message(client, officer.email)
    app.config["FIXED_NOW"] = NOW + timedelta(minutes=14, seconds=1)
    assert "Try again in 1 minute, or" in _locked_message(client, officer.email)
    app.config["FIXED_NOW"] = NOW + timedelta(minutes=15)
    _fail(client, officer.email, 3)
    assert "Try again in 30 minutes" in _locked_message(client, officer.email)
    app.config["FIXED_NOW"] = NOW + timedelta(minutes=45)
    assert _signs_in(client, officer.email)
    _fail(client, officer.email, 3)
    assert "Try again in 15 minutes" in _locked_message(client, officer.email), "signing in started again"


def test_a_long_lockout_is_told_in_hours(database_url: str, officer: User) -> None:
    app = make_app(database_url, LOCKOUT_AFTER_FAILED_SIGN_INS=1, FIXED_NOW=NOW)
    client = app.test_client()
    for lockout, wait in enumerate(["15 minutes", "30 minutes", "1 hour", "2 hours", "4 hours", "8 hours"]):
        app.config["FIXED_NOW"] = NOW + timedelta(days=lockout)
        _fail(client, officer.email, 1)
        assert f"Try again in {wait}, or" in _locked_message(client, officer.email)
    app.config["FIXED_NOW"] += timedelta(hours=8) - timedelta(minutes=90)
    assert "Try again in 1 hour and 30 minutes, or" in _locked_message(client, officer.email)


def test_the_admin_page_shows_a_lockout_only_while_it_lasts(database_url: str, officer: User, admin: User) -> None:
    app = make_app(database_url, FIXED_NOW=NOW)
    _fail(app.test_client(), officer.email, 10)
    admin_client = sign_in_as(app.test_client(), admin)
    page = check_page(admin_client.get(f"/admin/users/{officer.id}"))
    assert page.has_text("Unlock account") and page.has_text("Locked Until 25 November 2026 at 09:15")
    assert check_page(admin_client.get("/admin/users")).has_text("Locked")
    app.config["FIXED_NOW"] = NOW + timedelta(minutes=15)
    page = check_page(admin_client.get(f"/admin/users/{officer.id}"))
    assert not page.has_text("Unlock account") and page.has_text("Locked No")
    assert not check_page(admin_client.get("/admin/users")).has_text("Locked")


def test_wrong_two_factor_codes_lock_for_15_minutes_too(database_url: str, officer: User) -> None:
    two_factor.start_enrolment(officer, issuer="Test")
    totp = pyotp.TOTP(officer.totp_pending_secret)
    two_factor.confirm_enrolment(officer, totp.at(NOW - timedelta(minutes=5)), now=NOW - timedelta(minutes=5))
    app = make_app(database_url, LOCKOUT_AFTER_FAILED_SIGN_INS=3, FIXED_NOW=NOW)
    client = app.test_client()
    client.post("/sign-in", data={"email": officer.email, "password": PASSWORD})
    for _ in range(3):
        response = client.post("/sign-in/code", data={"code": "000000"})
    assert response.headers["Location"].endswith("/sign-in")
    page = check_page(client.get("/sign-in"))
    assert page.has_text("Your account is locked because of too many attempts to sign in. Try again in 15 minutes")
    assert "Try again in 15 minutes" in _locked_message(client, officer.email)
    app.config["FIXED_NOW"] = NOW + timedelta(minutes=15)
    assert client.post("/sign-in", data={"email": officer.email, "password": PASSWORD}).status_code == 302
    response = client.post("/sign-in/code", data={"code": totp.at(NOW + timedelta(minutes=15))})
    assert response.status_code == 302 and client.get("/account").status_code == 200


def test_lockout_threshold_is_a_setting(database_url: str, officer: User) -> None:
    client = make_app(database_url, LOCKOUT_AFTER_FAILED_SIGN_INS=3).test_client()
    _fail(client, officer.email, 3)
    assert User.get_by_id(officer.id).locked_until is not None


def test_a_successful_sign_in_resets_the_count(client: FlaskClient, officer: User) -> None:
    _fail(client, officer.email, 9)
    assert client.post("/sign-in", data={"email": officer.email, "password": PASSWORD}).status_code == 302
    assert User.get_by_id(officer.id).failed_sign_ins == 0


def test_attempts_on_unknown_accounts_are_audited(client: FlaskClient, database: object) -> None:
    _fail(client, "nobody@example.gov.uk", 1)
    event = AuditEvent.get(AuditEvent.action == "sign_in_failed")
    assert event.object_id == "unknown" and "nobody@example.gov.uk" in event.changes


def test_admin_sees_the_lock_and_unlocks_the_account(
    app: Flask, admin_client: FlaskClient, officer: User, admin: User
) -> None:
    _fail(app.test_client(), officer.email, 10)
    users = check_page(admin_client.get("/admin/users"))
    assert users.has_text("Locked")
    page = check_page(admin_client.get(f"/admin/users/{officer.id}"))
    assert page.h1 == [officer.name] and page.has_text("Unlock account")
    response = admin_client.post(f"/admin/users/{officer.id}/unlock")
    assert response.headers["Location"].endswith(f"/admin/users/{officer.id}")
    assert check_page(admin_client.get(f"/admin/users/{officer.id}")).has_text("account is unlocked")
    user = User.get_by_id(officer.id)
    assert user.locked_until is None and user.failed_sign_ins == 0 and user.lockouts == 0
    event = AuditEvent.get(AuditEvent.action == "account_unlocked")
    assert event.user_id == admin.id and event.object_id == str(officer.id)
    fresh = app.test_client()
    assert fresh.post("/sign-in", data={"email": officer.email, "password": PASSWORD}).status_code == 302


def test_unknown_user_pages_are_404(admin_client: FlaskClient) -> None:
    for user_id in ("999999", "0", "9" * 40):  # the last is larger than either store's integers
        assert admin_client.get(f"/admin/users/{user_id}").status_code == 404
        assert admin_client.post(f"/admin/users/{user_id}/unlock").status_code == 404
        assert admin_client.post(f"/admin/users/{user_id}/reset-two-factor").status_code == 404


def test_only_admins_unlock(app: Flask, officer: User, school_user: User) -> None:
    for user in (officer, school_user):
        client = sign_in_as(app.test_client(), user)
        assert client.post(f"/admin/users/{officer.id}/unlock").status_code == 403


def test_operator_command_unlocks(app: Flask, client: FlaskClient, officer: User) -> None:
    _fail(client, officer.email, 10)
    result = app.test_cli_runner().invoke(args=["users", "unlock", officer.email])
    assert result.exit_code == 0, result.output
    assert User.get_by_id(officer.id).locked_until is None
    assert "No user with email" in app.test_cli_runner().invoke(args=["users", "unlock", "x@y.example"]).output
