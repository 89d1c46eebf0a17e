"""Account lockout after repeated failed sign-ins, and an administrator's unlock (also an operator command)."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from portal.models import AuditEvent, User
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
    assert user.locked_at is not None and user.failed_sign_ins == 10
    assert AuditEvent.select().where(AuditEvent.action == "account_locked").count() == 1
    assert AuditEvent.select().where(AuditEvent.action == "sign_in_failed").count() == 10
    # The right password now gets the lockout message; a wrong one still gets the generic one, so a guesser
    # learns nothing.
    page = check_page(client.post("/sign-in", data={"email": officer.email, "password": PASSWORD}))
    assert page.error_summary == [
        "Your account is locked because of too many attempts to sign in. Ask an administrator to unlock it."
    ]
    _fail(client, officer.email, 1)
    assert client.get("/account").status_code == 302


def test_lockout_threshold_is_a_setting(database_url: str, officer: User) -> None:
    client = make_app(database_url, LOCKOUT_AFTER_FAILED_SIGN_INS=3).test_client()
    _fail(client, officer.email, 3)
    assert User.get_by_id(officer.id).locked_at is not None


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
    assert user.locked_at is None and user.failed_sign_ins == 0
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
    assert User.get_by_id(officer.id).locked_at is None
    assert "No user with email" in app.test_cli_runner().invoke(args=["users", "unlock", "x@y.example"]).output
