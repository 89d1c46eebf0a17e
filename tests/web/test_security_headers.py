"""Security headers on every response: a strict Content-Security-Policy with a nonce, HSTS only over HTTPS."""

from __future__ import annotations

import json
import re

import pytest
from flask.testing import FlaskClient

from tests.conftest import make_app
from tests.pages import check_page

NONCE = re.compile(r"'nonce-([A-Za-z0-9_\-]+)'")


def _policy(header: str) -> dict[str, str]:
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    return directives


def test_page_has_a_strict_content_security_policy(client: FlaskClient) -> None:
    response = client.get("/sign-in")
    check_page(response)
    header = response.headers["Content-Security-Policy"]
    policy = _policy(header)
    assert policy["default-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["base-uri"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["script-src"].startswith("'self' 'nonce-")
    assert "unsafe-inline" not in header and "unsafe-eval" not in header and "*" not in header


def test_every_script_carries_this_responses_nonce(client: FlaskClient) -> None:
    first = client.get("/sign-in")
    nonce = NONCE.search(first.headers["Content-Security-Policy"]).group(1)  # type: ignore[union-attr]
    scripts = re.findall(r"<script\b[^>]*>", first.get_data(as_text=True))
    assert len(scripts) >= 3  # GOV.UK's inline js-enabled script, htmx and the portal's module
    assert all(f'nonce="{nonce}"' in tag for tag in scripts), scripts
    second = client.get("/sign-in")
    assert NONCE.search(second.headers["Content-Security-Policy"]).group(1) != nonce  # type: ignore[union-attr]


@pytest.mark.parametrize(("path", "status"), [("/no-such-page", 404), ("/officers/", 403)], ids=["404", "403"])
def test_error_pages_carry_the_headers_and_the_nonce(school_client: FlaskClient, path: str, status: int) -> None:
    response = school_client.get(path)
    assert response.status_code == status
    nonce = NONCE.search(response.headers["Content-Security-Policy"]).group(1)  # type: ignore[union-attr]
    assert f'<script nonce="{nonce}">' in response.get_data(as_text=True)
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_other_security_headers(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200  # plain http is served, not redirected: HTTPS is the proxy's job
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_hsts_only_over_https(client: FlaskClient) -> None:
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    proxied = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert proxied.headers["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.parametrize("secure", [False, True], ids=["http development", "https production"])
def test_session_cookie_flags_stay_with_the_config(database_url: str, secure: bool) -> None:
    client = make_app(database_url, SESSION_COOKIE_SECURE=secure).test_client()
    cookie = client.get("/sign-in").headers["Set-Cookie"]
    assert ("Secure" in cookie) is secure
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_htmx_runs_without_eval_or_inline_styles(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    content = re.search(r"""<meta name="htmx-config" content='([^']+)'>""", html).group(1)  # type: ignore[union-attr]
    config = json.loads(content)
    assert config["allowEval"] is False
    assert config["includeIndicatorStyles"] is False
