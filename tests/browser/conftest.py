"""Real Chromium (Debian's /usr/bin/chromium) against a live portal on a temporary SQLite file with demo data.

Every page a browser test visits is checked with axe-core (axe-playwright-python bundles it, so no network):
no serious or critical violation is allowed.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from werkzeug.serving import make_server

from portal import create_app
from portal.db import db

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_axe = Axe()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER") or os.environ.get("CI"):
        raise pytest.UsageError(f"{CHROMIUM} is missing: CI must run the browser suite (apt-get install chromium)")
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    if browser_items:
        config.hook.pytest_deselected(items=browser_items)
        items[:] = [item for item in items if item not in browser_items]
        print(f"\n{len(browser_items)} browser tests not run: install Debian's chromium to run them")


def pytest_collection_finish(session: pytest.Session) -> None:
    for item in session.items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("live") / "portal.db"
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{path}",
            "SECRET_KEY": "browser-test-secret",
            "RATELIMIT_ENABLED": False,
            "TESTING": True,
        }
    )
    runner = app.test_cli_runner()
    for args in (["db", "upgrade"], ["demo"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    db.close()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    return live_server


SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)


def assert_accessible(page: Page, *, skip_rules: tuple[str, ...] = ()) -> None:
    """No serious or critical WCAG 2.2 AA violation on the page as it is now.

    axe runs inside the page, so where JavaScript is off (GOV.UK's inline script has not marked the body
    js-enabled) the page's HTML as served, scripts removed, is checked in a separate page instead: axe would
    otherwise wait for ever.
    """
    if "js-enabled" not in (page.locator("body").get_attribute("class") or ""):
        _assert_served_html_accessible(page)
        return
    options: dict[str, Any] = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
    if skip_rules:
        options["rules"] = {rule: {"enabled": False} for rule in skip_rules}
    results = _axe.run(page, options=options)
    violations = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert violations == [], f"{page.url}: {violations}"


def _assert_served_html_accessible(page: Page) -> None:
    origin = "/".join(page.url.split("/", 3)[:3])
    html = SCRIPT.sub("", page.content()).replace("<head>", f'<head><base href="{origin}/">', 1)
    browser = page.context.browser
    assert browser is not None
    checker_context = browser.new_context(java_script_enabled=True)
    try:
        checker = checker_context.new_page()
        checker.set_content(html)
        checker.evaluate("document.body.classList.add('js-enabled')")
        # target-size measures the laid-out page, which a copy set into another page does not reproduce exactly
        # (the skip link and header controls); the same pages are measured with JavaScript on elsewhere.
        assert_accessible(checker, skip_rules=("target-size",))
    finally:
        checker_context.close()


@pytest.fixture
def visit(page: Page) -> Any:
    """Go to a path and check the page with axe; returns the page."""

    def _visit(path: str) -> Page:
        page.goto(path)
        assert_accessible(page)
        return page

    return _visit


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/sign-in")
    assert_accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    assert_accessible(page)
