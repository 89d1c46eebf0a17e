"""Security headers on every response: a strict Content-Security-Policy with a nonce, HSTS only over HTTPS."""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from portal.admin.views import MAX_EXTRACT_BYTES
from portal.models import User
from tests.conftest import make_app, sign_in_as
from tests.pages import check_page
from tests.web.parents.journey import CHECK as PARENTS_CHECK
from tests.web.parents.journey import NOTICE
from tests.web.public.journey import NAMED_REFERRAL, answer

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


# --- Nothing a signed-in person saw is kept by a browser or a cache -------------------------------------------------
DEMO_USERS = {"officer": "officer@demo.example", "school": "school@demo.example", "admin": "admin@demo.example"}
HOMES = {"officer": "/officers/", "school": "/schools/", "admin": "/admin/"}
# Pages no home page links to directly: a fragment, a download, an error page.
MORE_PAGES = {
    "officer": [
        ("/officers/cases/1", {}),
        ("/officers/cases?status=all", {"HX-Request": "true"}),
        ("/officers/cases/export.csv", {}),
        ("/no-such-page", {}),
    ],
    "school": [("/schools/returns.csv", {}), ("/officers/", {})],
    "admin": [("/admin/audit?page=2", {}), ("/admin/users", {})],
}
LINK = re.compile(r'href="(/[^"#]*)"')


@pytest.fixture
def demo_app(database_url: str) -> Flask:
    app = make_app(database_url)
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    return app


def _signed_in_walk(app: Flask, role: str) -> Iterator[tuple[str, TestResponse]]:
    """The role's home page, a page of each path it links to, and a few pages of other kinds."""
    client = app.test_client()
    with app.app_context():
        sign_in_as(client, User.get(User.email == DEMO_USERS[role]))
    home = client.get(HOMES[role])
    yield HOMES[role], home
    links = [html.unescape(link) for link in LINK.findall(home.get_data(as_text=True))]
    one_per_path = {link.split("?")[0]: link for link in links}
    pages = [
        (link, {}) for path, link in sorted(one_per_path.items()) if not path.startswith(("/static/", "/sign-out"))
    ]
    for path, headers in pages + MORE_PAGES[role]:
        yield path, client.get(path, headers=headers)


@pytest.mark.parametrize("role", list(HOMES))
def test_no_signed_in_page_is_stored_by_the_browser(demo_app: Flask, role: str) -> None:
    walked = list(_signed_in_walk(demo_app, role))
    assert len(walked) >= 6
    for path, response in walked:
        assert "no-store" in response.headers.get("Cache-Control", ""), f"{path} ({response.status_code})"


def test_the_stylesheet_is_still_cached_for_a_signed_in_person(officer_client: FlaskClient) -> None:
    response = officer_client.get("/static/govuk/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


@pytest.mark.usefixtures("school")
@pytest.mark.parametrize(
    ("steps", "check"),
    [(NAMED_REFERRAL, "/refer/check-answers"), (NOTICE, PARENTS_CHECK)],
    ids=["public referral", "parents' notice"],
)
def test_what_the_public_typed_about_a_child_is_not_stored_either(
    client: FlaskClient, steps: list[tuple[str, dict[str, Any]]], check: str
) -> None:
    answer(client, steps)
    shown_back = client.get(check)
    assert shown_back.status_code == 200
    assert shown_back.headers.get("Cache-Control") == "no-store"


# --- Request bodies have a size limit -------------------------------------------------------------------------------
def test_a_form_body_over_the_limit_gets_the_too_large_page(client: FlaskClient) -> None:
    response = client.post("/refer/child-name", data={"child_first_name": "A" * 1_100_000})
    page = check_page(response, status=413)
    assert page.h1 == ["Sorry, what you sent is too large"]


def test_the_limit_applies_before_the_csrf_check_reads_the_form(database_url: str) -> None:
    client = make_app(database_url, WTF_CSRF_ENABLED=True).test_client()
    response = client.post("/sign-in", data={"email": "a@example.com", "password": "x" * 1_100_000})
    assert response.status_code == 413


def test_the_schools_list_upload_takes_a_large_extract(admin_client: FlaskClient) -> None:
    extract = b"not,a,schools,list\n" * 120_000
    assert len(extract) > 2_000_000
    response = admin_client.post(
        "/admin/schools/import",
        data={"extract": (io.BytesIO(extract), "edubasealldata.csv")},
        content_type="multipart/form-data",
    )
    page = check_page(response, status=422)  # read and judged by the import, not refused for its size
    assert page.error_summary and "URN" in page.error_summary[0]


def test_an_upload_over_the_extracts_limit_gets_the_too_large_page(admin_client: FlaskClient) -> None:
    huge = io.BytesIO(b"0" * (MAX_EXTRACT_BYTES + 2 * 1024 * 1024))
    response = admin_client.post(
        "/admin/schools/import",
        data={"extract": (huge, "edubasealldata.csv")},
        content_type="multipart/form-data",
    )
    check_page(response, status=413)
