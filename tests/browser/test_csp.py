"""Every page, as each role, in real Chromium: no Content-Security-Policy violation and no console error.

The pages come from the URL map (every GET route without arguments that the role may see), so a page another area
adds later is covered without touching this test. Violations are caught twice: by a "securitypolicyviolation"
listener installed before any page script runs, and by the console error Chromium logs for each one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Browser, ConsoleMessage

from portal import create_app
from portal.auth import view_audience
from portal.db import db
from portal.demo.core import DEMO_PASSWORDS
from tests.browser.conftest import assert_accessible, sign_in

USERS = {
    "anonymous": None,
    "officer": "officer@demo.example",
    "school": "school@demo.example",
    "admin": "admin@demo.example",
}
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${where}`);
});
"""


@pytest.fixture(scope="module")
def url_map_app() -> Iterator[Flask]:
    """An app to read the URL map from. create_app points the shared database proxy at its own (unused) database,
    so the live server's database is put back at once."""
    live_database = db.obj
    # The shared extensions (the rate limiter in particular) take their switches from the last app made, so this
    # one is made with the live server's settings.
    app = create_app(
        {
            "DATABASE_URL": "sqlite:///:memory:",
            "SECRET_KEY": "url-map-only",
            "TESTING": True,
            "RATELIMIT_ENABLED": False,
        }
    )
    if live_database is not None:
        db.initialize(live_database)
    yield app


def _pages_for(app: Flask, role: str) -> list[str]:
    paths = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.arguments or "GET" not in (rule.methods or set()):
            continue
        audience = view_audience(app, rule.endpoint)
        signed_in_only = getattr(app.view_functions[rule.endpoint], "signed_in", False)
        if role == "anonymous":
            wanted = audience == "public" and not signed_in_only
        else:
            # The public pages were all seen anonymously; signed in, they differ only in the header, which the
            # role's own pages (and the start page) show.
            wanted = audience == role or signed_in_only or rule.rule == "/"
        if wanted:
            paths.add(rule.rule)
    return sorted(paths)


@pytest.mark.parametrize("role", list(USERS))
def test_no_page_breaks_the_content_security_policy(
    browser: Browser, live_server: str, url_map_app: Flask, role: str
) -> None:
    context = browser.new_context(base_url=live_server)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: uncaught {error}"))
    email = USERS[role]
    if email is not None:
        sign_in(page, email, DEMO_PASSWORDS[email])
    paths = _pages_for(url_map_app, role)
    assert "/" in paths and len(paths) >= 4
    problems: list[str] = []
    visited = 0
    for path in paths:
        probe = page.request.get(path)
        content_type = probe.headers.get("content-type", "")
        if "text/html" not in content_type or "attachment" in probe.headers.get("content-disposition", ""):
            continue  # a download (CSV, JSON): no page to run scripts in
        response = page.goto(path)
        assert response is not None
        if response.status >= 500:
            problems.append(f"{path}: {response.status}")
        violations: list[Any] = page.evaluate("window.__cspViolations")
        problems.extend(f"{path}: CSP {violation}" for violation in violations)
        try:
            assert_accessible(page)
        except AssertionError as failure:  # go on, so one run lists every page's problems
            problems.append(str(failure).splitlines()[0])
        visited += 1
    context.close()
    assert visited >= 4
    assert problems + errors == [], "\n".join(problems + errors)
