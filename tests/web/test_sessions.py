"""Signed in on several devices at once, and signing out for good: a copy of a cookie dies with its session."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import auth
from portal.models import AuditEvent, User, UserSession
from portal.services import two_factor
from portal.services.sessions import end_session
from portal.services.users import change_password, disable_user
from tests.conftest import PASSWORD


def _signed_in(app: Flask, user: User, password: str = PASSWORD) -> FlaskClient:
    client = app.test_client()
    response = client.post("/sign-in", data={"email": user.email, "password": password})
    assert response.status_code == 302 and "/sign-in" not in response.headers["Location"]
    return client


def _copy(client: FlaskClient, app: Flask) -> FlaskClient:
    """Another browser holding a copy of this one's session cookie, as someone who took it would."""
    cookie = client.get_cookie("session", domain="localhost")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value, domain="localhost")
    return thief


def _is_signed_in(client: FlaskClient) -> bool:
    return client.get("/account").status_code == 200


def test_two_devices_stay_signed_in_at_once(app: Flask, officer: User) -> None:
    desktop = _signed_in(app, officer)
    laptop = _signed_in(app, officer)
    assert _is_signed_in(desktop) and _is_signed_in(laptop)
    assert _is_signed_in(desktop), "signing in on the laptop did not sign the desktop out"
    assert AuditEvent.select().where(AuditEvent.action == "sign_in").count() == 2
    assert UserSession.select().where(UserSession.ended_at.is_null()).count() == 2


def test_signing_out_on_one_device_leaves_the_other_signed_in(app: Flask, officer: User) -> None:
    desktop, laptop = _signed_in(app, officer), _signed_in(app, officer)
    assert desktop.post("/sign-out").headers["Location"].endswith("/signed-out")
    assert not _is_signed_in(desktop)
    assert _is_signed_in(laptop)


def test_a_cookie_copied_before_signing_out_is_refused_after_it(app: Flask, officer: User) -> None:
    desktop = _signed_in(app, officer)
    thief = _copy(desktop, app)
    assert _is_signed_in(thief), "the copy works while the session is live"
    desktop.post("/sign-out")
    response = thief.get("/account")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert thief.get("/officers/").status_code == 302


def test_sign_out_everywhere_ends_both_devices_and_copies(app: Flask, officer: User) -> None:
    desktop, laptop = _signed_in(app, officer), _signed_in(app, officer)
    thief = _copy(laptop, app)
    desktop.post("/account/sign-out-everywhere", data={"confirm": "yes"})
    assert not _is_signed_in(desktop) and not _is_signed_in(laptop) and not _is_signed_in(thief)


def test_changing_the_password_ends_the_other_device_but_not_this_one(app: Flask, officer: User) -> None:
    desktop, laptop = _signed_in(app, officer), _signed_in(app, officer)
    copy_of_desktop = _copy(desktop, app)
    new = "a brand new passphrase"
    response = desktop.post(
        "/account/password", data={"current_password": PASSWORD, "new_password": new, "confirm_password": new}
    )
    assert response.headers["Location"].endswith("/account")
    assert _is_signed_in(desktop)
    assert not _is_signed_in(laptop)
    assert not _is_signed_in(copy_of_desktop), "this device's session carries on with a new token"
    assert _is_signed_in(_signed_in(app, officer, new))


def test_a_password_change_racing_sign_out_everywhere_leaves_this_device_signed_out(
    app: Flask, officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def after_this_session_ended(user: User, **answers: str) -> User:
        end_session(user)  # as if "sign out everywhere" on another device got in first
        return change_password(user, **answers)

    monkeypatch.setattr(auth, "change_password", after_this_session_ended)
    desktop = _signed_in(app, officer)
    new = "a brand new passphrase"
    response = desktop.post(
        "/account/password", data={"current_password": PASSWORD, "new_password": new, "confirm_password": new}
    )
    assert response.headers["Location"].endswith("/sign-in")
    assert not _is_signed_in(desktop)
    assert _is_signed_in(_signed_in(app, officer, new))


def test_a_disabled_users_sessions_end(app: Flask, admin: User, officer: User) -> None:
    desktop, laptop = _signed_in(app, officer), _signed_in(app, officer)
    assert app.test_cli_runner().invoke(args=["users", "disable", officer.email]).exit_code == 0
    assert not _is_signed_in(desktop) and not _is_signed_in(laptop)
    assert not UserSession.select().where(UserSession.ended_at.is_null()).exists()


def test_an_idle_session_ends_on_the_server_too(app: Flask, officer: User) -> None:
    desktop, laptop = _signed_in(app, officer), _signed_in(app, officer)
    with desktop.session_transaction() as session:
        session["last_seen"] = (datetime.now(UTC) - timedelta(minutes=31)).isoformat()
    assert "/sign-in" in desktop.get("/officers/").headers["Location"]
    assert UserSession.select().where(UserSession.ended_at.is_null()).count() == 1
    assert _is_signed_in(laptop)


def test_session_cookie_names_a_session_not_a_user(app: Flask, officer: User) -> None:
    """The cookie carries "<user id>:<token>"; the token is not what the database keeps."""
    desktop = _signed_in(app, officer)
    with desktop.session_transaction() as session:
        user_id, _, token = session["_user_id"].partition(":")
    assert user_id == str(officer.id) and len(token) >= 43
    assert not UserSession.select().where(UserSession.token_hash == token).exists()


def _with_two_factor(user: User) -> str:
    two_factor.start_enrolment(user, issuer="Test")
    secret = user.totp_pending_secret
    two_factor.confirm_enrolment(user, pyotp.TOTP(secret).at(time.time() - 30))
    return secret


def test_with_two_factor_the_session_starts_only_after_the_code(app: Flask, officer: User) -> None:
    secret = _with_two_factor(officer)
    desktop = app.test_client()
    desktop.post("/sign-in", data={"email": officer.email, "password": PASSWORD})
    assert not UserSession.select().exists(), "half signed in is not a session"
    assert desktop.post("/sign-in/code", data={"code": pyotp.TOTP(secret).now()}).status_code == 302
    assert _is_signed_in(desktop)
    assert UserSession.select().count() == 1


def test_a_user_disabled_between_the_password_and_the_code_is_not_signed_in(app: Flask, officer: User) -> None:
    secret = _with_two_factor(officer)
    desktop = app.test_client()
    desktop.post("/sign-in", data={"email": officer.email, "password": PASSWORD})
    disable_user(officer.email)
    response = desktop.post("/sign-in/code", data={"code": pyotp.TOTP(secret).now()})
    assert response.headers["Location"].endswith("/sign-in")
    assert not _is_signed_in(desktop) and not UserSession.select().exists()
