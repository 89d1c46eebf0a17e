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

import peewee
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page
from werkzeug.serving import make_server

from portal import create_app
from portal.db import db, use_database
from tests.conftest import leave_out

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


MISSING = f"{CHROMIUM} is missing: CI must run the browser suite (apt-get install chromium)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER") or os.environ.get("CI"):
        if hasattr(config, "workerinput"):
            return  # an xdist worker stopped by a UsageError loses its message: each browser test fails with it instead
        raise pytest.UsageError(MISSING)
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    if browser_items:
        leave_out(config, items, browser_items, "browser tests not run: install Debian's chromium to run them")


def pytest_collection_finish(session: pytest.Session) -> None:
    for item in session.items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True, scope="session")
def _chromium_is_there() -> None:
    if not os.path.exists(CHROMIUM):
        pytest.fail(MISSING)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, peewee.Database]]:
    """The live server's address and its database."""
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
    database = db.obj
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", database
    server.shutdown()


@pytest.fixture(scope="session")
def live_server(live_portal: tuple[str, peewee.Database]) -> str:
    return live_portal[0]


@pytest.fixture(autouse=True)
def _live_server_uses_its_database(request: pytest.FixtureRequest) -> None:
    """The models' database proxy is one for the whole test process, and every other test points it at a database
    of its own. Under xdist a worker runs browser tests between those, so each browser test that talks to the live
    server first points the proxy back at the server's database."""
    if "live_server" in request.fixturenames:
        _url, database = request.getfixturevalue("live_portal")
        if db.obj is not database:
            use_database(database)


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
    # Every rule of these tags runs; only the violations are collected in full (each node's selector and HTML), the
    # passes being unused here and most of axe's time on a long page (a third to a half of each check, measured).
    options: dict[str, Any] = {
        "runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
        "resultTypes": ["violations"],
    }
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


# One JavaScript-enabled page per browser and test checks the HTML of the pages seen with JavaScript off. A context
# and page of their own for each check started a renderer process every time: the journeys with JavaScript off took
# twice as long (measured).
_checkers: dict[int, Page] = {}


@pytest.fixture(autouse=True)
def _close_checkers() -> Iterator[None]:
    yield
    while _checkers:
        _browser, checker = _checkers.popitem()
        checker.context.close()


def _checker_for(browser: Browser) -> Page:
    checker = _checkers.get(id(browser))
    if checker is None or checker.is_closed():
        checker = browser.new_context(java_script_enabled=True).new_page()
        _checkers[id(browser)] = checker
    return checker


def _assert_served_html_accessible(page: Page) -> None:
    origin = "/".join(page.url.split("/", 3)[:3])
    html = SCRIPT.sub("", page.content()).replace("<head>", f'<head><base href="{origin}/">', 1)
    browser = page.context.browser
    assert browser is not None
    checker = _checker_for(browser)
    checker.goto("about:blank")  # a new document and window: nothing is left of the page checked before
    checker.set_content(html)
    checker.evaluate("document.body.classList.add('js-enabled')")
    # target-size measures the laid-out page, which a copy set into another page does not reproduce exactly
    # (the skip link and header controls); the same pages are measured with JavaScript on elsewhere.
    assert_accessible(checker, skip_rules=("target-size",))


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
