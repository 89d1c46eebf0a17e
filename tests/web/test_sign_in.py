"""Signing in and out, throttling, idle sessions and CSRF."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from flask.testing import FlaskClient

from portal.models import AuditEvent, User
from portal.services.users import disable_user
from tests.conftest import PASSWORD, make_app, sign_in_as
from tests.pages import check_page


def test_sign_in_page(client: FlaskClient) -> None:
    page = check_page(client.get("/sign-in"))
    assert page.h1 == ["Sign in"]


def test_officer_signs_in_and_out(client: FlaskClient, officer: User) -> None:
    response = client.post("/sign-in", data={"email": "Officer@Example.gov.uk ", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/officers/")
    assert client.get("/officers/").status_code == 200
    assert AuditEvent.select().where(AuditEvent.action == "sign_in", AuditEvent.user_id == officer.id).exists()
    response = client.post("/sign-out")
    assert response.status_code == 302
    assert client.get("/officers/").status_code == 302


def test_wrong_password_gets_one_generic_message(client: FlaskClient, officer: User) -> None:
    for email in ("officer@example.gov.uk", "nobody@example.gov.uk"):
        page = check_page(client.post("/sign-in", data={"email": email, "password": "wrong password"}))
        assert page.error_summary == ["Enter a correct email address and password"]
        assert page.title.startswith("Error: ")


def test_empty_sign_in_names_each_missing_answer(client: FlaskClient) -> None:
    page = check_page(client.post("/sign-in", data={}))
    assert page.error_summary == ["Enter your email address", "Enter your password"]


def test_disabled_user_cannot_sign_in_and_loses_sessions(client: FlaskClient, officer: User) -> None:
    sign_in_as(client, officer)
    assert client.get("/officers/").status_code == 200
    disable_user(officer.email)
    assert client.get("/officers/").status_code == 302
    page = check_page(client.post("/sign-in", data={"email": officer.email, "password": PASSWORD}))
    assert page.error_summary == ["Enter a correct email address and password"]


def test_next_only_goes_to_this_site(client: FlaskClient, officer: User) -> None:
    response = client.post("/sign-in?next=//evil.example/", data={"email": officer.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/officers/")


def test_next_returns_to_the_page_asked_for(client: FlaskClient, officer: User) -> None:
    response = client.post("/sign-in?next=/officers/cases", data={"email": officer.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/officers/cases")


def test_idle_session_expires(client: FlaskClient, officer: User) -> None:
    sign_in_as(client, officer)
    with client.session_transaction() as session:
        session["last_seen"] = (datetime.now(UTC) - timedelta(minutes=31)).isoformat()
    response = client.get("/officers/")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_session_cookie_flags(database_url: str, officer: User) -> None:
    app = make_app(database_url, SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    response = client.post("/sign-in", data={"email": officer.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_repeated_failures_on_one_account_are_throttled(database_url: str, officer: User) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, SIGN_IN_LIMIT_PER_ACCOUNT="3 per 15 minutes")
    client = app.test_client()
    statuses = [
        client.post("/sign-in", data={"email": officer.email, "password": "wrong"}).status_code for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    page = check_page(client.post("/sign-in", data={"email": officer.email, "password": PASSWORD}), status=429)
    assert page.h1 == ["Sorry, there have been too many attempts"]


def test_repeated_failures_from_one_address_are_throttled(database_url: str, officer: User) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, SIGN_IN_LIMIT_PER_ADDRESS="3 per 10 minutes")
    client = app.test_client()
    statuses = [
        client.post("/sign-in", data={"email": f"user{n}@example.gov.uk", "password": "x"}).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def _fail_from(client: FlaskClient, peer: str, forwarded_for: str) -> int:
    return client.post(
        "/sign-in",
        data={"email": "nobody@example.gov.uk", "password": "wrong"},
        environ_base={"REMOTE_ADDR": peer},
        headers={"X-Forwarded-For": forwarded_for},
    ).status_code


def test_two_people_behind_the_councils_proxy_are_throttled_separately(database_url: str, officer: User) -> None:
    app = make_app(
        database_url, RATELIMIT_ENABLED=True, SIGN_IN_LIMIT_PER_ADDRESS="2 per 10 minutes", TRUSTED_PROXIES="10.0.0.1"
    )
    client = app.test_client()
    assert [_fail_from(client, "10.0.0.1", "203.0.113.5") for _ in range(3)] == [200, 200, 429]
    assert _fail_from(client, "10.0.0.1", "203.0.113.6") == 200, "someone else's failures blocked this person"
    signed_in = client.post(
        "/sign-in",
        data={"email": officer.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.1"},
        headers={"X-Forwarded-For": "203.0.113.7"},
    )
    assert signed_in.status_code == 302


def test_a_forwarded_address_from_outside_the_proxies_is_not_believed(database_url: str, officer: User) -> None:
    app = make_app(
        database_url, RATELIMIT_ENABLED=True, SIGN_IN_LIMIT_PER_ADDRESS="2 per 10 minutes", TRUSTED_PROXIES="10.0.0.1"
    )
    client = app.test_client()
    statuses = [_fail_from(client, "198.51.100.7", f"203.0.113.{n}") for n in range(3)]
    assert statuses == [200, 200, 429]


def test_csrf_is_required_on_forms_and_htmx(database_url: str, officer: User) -> None:
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    response = client.post("/sign-in", data={"email": officer.email, "password": PASSWORD})
    assert response.status_code == 400
    page = client.get("/sign-in").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/sign-in", data={"email": officer.email, "password": PASSWORD}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 302


def test_pages_are_public(client: FlaskClient) -> None:
    for url in ("/", "/accessibility", "/privacy", "/cookies", "/contact"):
        check_page(client.get(url))


def test_unknown_page_is_a_404_page(client: FlaskClient) -> None:
    page = check_page(client.get("/no-such-page"), status=404)
    assert page.h1 == ["Page not found"]


def test_wrong_role_gets_the_403_page(school_client: FlaskClient, **_: Any) -> None:
    page = check_page(school_client.get("/officers/"), status=403)
    assert page.h1 == ["You do not have permission to see this page"]


def test_a_privacy_notice_for_each_audience(client: FlaskClient) -> None:
    index = check_page(client.get("/privacy"))
    for who, heading in (
        ("public", "Privacy notice for people who refer a child"),
        ("parents", "Privacy notice for parents"),
        ("schools", "Privacy notice for schools"),
        ("staff", "Privacy notice for council staff"),
    ):
        assert f'href="/privacy/{who}"' in index.html
        page = check_page(client.get(f"/privacy/{who}"))
        assert page.h1 == [heading]
        assert page.has_text("Education Act 1996, section 436A")
    check_page(client.get("/privacy/everyone"), status=404)
