"""The signed-in user's own account: the account page, signing out everywhere, sign-in rotating the session."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from portal.models import AuditEvent, User
from tests.conftest import PASSWORD, sign_in_as
from tests.pages import check_page


def test_account_page_for_every_role(app: Flask, officer: User, school_user: User, admin: User) -> None:
    for user in (officer, school_user, admin):
        page = check_page(sign_in_as(app.test_client(), user).get("/account"))
        assert page.h1 == ["Your account"]
        assert page.has_text(user.email) and page.has_text("Two-factor authentication Off")
    assert app.test_client().get("/account").headers["Location"].startswith("/sign-in")


def test_sign_out_everywhere_ends_every_session(app: Flask, officer: User) -> None:
    here, there = sign_in_as(app.test_client(), officer), sign_in_as(app.test_client(), officer)
    page = check_page(here.get("/account/sign-out-everywhere"))
    assert page.h1 == ["Are you sure you want to sign out everywhere?"]
    page = check_page(here.post("/account/sign-out-everywhere", data={}))
    assert page.error_summary == ["Select yes if you want to sign out everywhere"]
    assert here.post("/account/sign-out-everywhere", data={"confirm": "no"}).headers["Location"].endswith("/account")
    assert there.get("/account").status_code == 200

    response = here.post("/account/sign-out-everywhere", data={"confirm": "yes"})
    assert response.headers["Location"].endswith("/signed-out")
    assert here.get("/account").status_code == 302
    assert there.get("/account").status_code == 302
    assert AuditEvent.select().where(AuditEvent.action == "signed_out_everywhere").count() == 1


def test_signing_in_starts_a_new_session(app: Flask, officer: User) -> None:
    """Nothing in the cookie from before signing in (planted, say) carries over, and the session id is new."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "planted"
        session["planted"] = "yes"
    assert client.post("/sign-in", data={"email": officer.email, "password": PASSWORD}).status_code == 302
    with client.session_transaction() as session:
        assert "planted" not in session
        first = session["_user_id"]
    client.post("/sign-out")
    assert client.post("/sign-in", data={"email": officer.email, "password": PASSWORD}).status_code == 302
    with client.session_transaction() as session:
        assert session["_user_id"] != first
    assert client.get("/account").status_code == 200


def test_sign_out_is_audited(officer_client: FlaskClient, officer: User) -> None:
    officer_client.post("/sign-out")
    assert AuditEvent.select().where(AuditEvent.action == "sign_out", AuditEvent.user_id == officer.id).exists()
