"""Hostile input to every form and htmx endpoint, as every role.

The test crawls the portal as each role (anonymous, officer, school, admin) from its home pages, collects every
form and every hx-get/hx-post endpoint it can reach, then sends hypothesis-generated values: empty, huge, unicode,
control characters, markup, SQL fragments, wrong types, missing and extra fields, and forged CSRF tokens. It fails
on any 5xx, and on any page that shows stored markup unescaped. Forms added later are covered by the crawl.

Each route is fuzzed once per set of fields (FUZZ_EXAMPLES submissions, 24 by default), whichever page it was found
on: the same form on fifty case pages runs the same code with another id.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.exceptions import HTTPException
from werkzeug.routing import MapAdapter

from portal.models import User
from tests.conftest import make_app, sign_in_as

EXAMPLES_PER_FORM = int(os.environ.get("FUZZ_EXAMPLES", "24"))
MAX_PAGES = int(os.environ.get("FUZZ_MAX_PAGES", "50"))
MARKER = "<x-fuzz-marker>"
SENT = {"inputs": 0}

HOSTILE = [
    "",
    " ",
    MARKER,
    f'"><script>alert(1)</script>{MARKER}',
    "' OR '1'='1' --",
    "1; DROP TABLE register_case; --",
    "\x00\x01\x02\x1b[31m",
    "\u202egnp.exe",
    "😀👨‍👩‍👧‍👦",
    "Zoë Ødegård-Ñúñez",
    "A" * 20_000,
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "31/12/9999",
    "../../etc/passwd",
    "{{ 7*7 }}",
    "%s%s%s%n",
    "null",
    "true",
]


@dataclass
class Form:
    url: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> offered values (for radios/selects)

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.method, self.url, tuple(sorted(self.fields)))


class _PageParser(HTMLParser):
    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def _url(self, value: str | None) -> str | None:
        if value is None:
            return None
        url = urljoin(self.base, value)
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "") or parsed.netloc not in ("", "localhost"):
            return None
        return parsed.path + (f"?{parsed.query}" if parsed.query else "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and (url := self._url(a.get("href"))):
            self.links.append(url)
        for hx in ("hx-get", "hx-post"):
            if a.get(hx) and (url := self._url(a[hx])):
                self.forms.append(Form(url, "POST" if hx == "hx-post" else "GET", {}))
        if tag == "form":
            url = self._url(a.get("action") or self.base)
            method = (a.get("method") or "GET").upper()
            if url and "/sign-out" not in url:
                self._form = Form(url, method, {})
                self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name")
        if tag in ("input", "textarea") and name:
            self._form.fields.setdefault(name, [])
            if a.get("value") is not None and a.get("type") in ("radio", "checkbox", "hidden"):
                self._form.fields[name].append(str(a["value"]))
        if tag == "select" and name:
            self._select = name
            self._form.fields.setdefault(name, [])
        if tag == "option" and self._select and a.get("value") is not None:
            self._form.fields[self._select].append(str(a["value"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        if tag == "select":
            self._select = None


def _route_key(routes: MapAdapter, form: Form) -> tuple[str, str, tuple[str, ...]]:
    path = urlparse(form.url).path
    try:
        endpoint, _arguments = routes.match(path, method=form.method)
    except HTTPException:
        endpoint = path  # not one of the portal's routes: keyed by itself
    return (form.method, str(endpoint), tuple(sorted(form.fields)))


def crawl(client: FlaskClient, starts: list[str]) -> tuple[list[Form], list[str]]:
    seen: set[str] = set()
    queue = list(starts)
    forms: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    pages: list[str] = []
    routes = client.application.url_map.bind("localhost")
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        # Query-string variants of one page (sort orders, filters, pages) add forms rarely: visit a few only.
        base = url.split("?")[0]
        if url in seen or sum(1 for s in seen if s.split("?")[0] == base) >= 3:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, f"GET {url} gave {response.status_code}"
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        pages.append(url)
        parser = _PageParser(f"http://localhost{url}")
        parser.feed(response.get_data(as_text=True))
        for form in parser.forms:
            # One form per route and set of fields: the "Change status" form of fifty case pages is one form with
            # fifty ids, and its fields are what the hostile values go into.
            forms.setdefault(_route_key(routes, form), form)
        queue.extend(link for link in parser.links if link not in seen and not link.startswith("/static/"))
    return list(forms.values()), pages


def hostile_value(offered: list[str]) -> st.SearchStrategy[str]:
    choices = [st.sampled_from(HOSTILE), st.text(max_size=300)]
    if offered:
        choices.append(st.sampled_from(offered))
    return st.one_of(*choices)


@st.composite
def hostile_submission(draw: Any, form: Form) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, offered in form.fields.items():
        if name == "csrf_token" or draw(st.integers(0, 9)) == 0:
            continue  # a missing field
        if draw(st.booleans()) and offered:
            data[name] = draw(st.lists(hostile_value(offered), min_size=0, max_size=4))  # repeated values
        else:
            data[name] = draw(hostile_value(offered))
    if draw(st.integers(0, 4)) == 0:
        data[draw(st.sampled_from(["extra", "id", "role", "school_id", "version", "__proto__"]))] = draw(
            hostile_value([])
        )
    return data


ROLE_STARTS = {
    "anonymous": ["/", "/refer", "/parents/home-education", "/sign-in"],
    "officer": ["/officers/", "/officers/cases"],
    "school": ["/schools/"],
    "admin": ["/admin/"],
}
DEMO_USERS = {"officer": "officer@demo.example", "school": "school@demo.example", "admin": "admin@demo.example"}


@pytest.fixture
def seeded_app(database_url: str) -> Iterator[Flask]:
    app = make_app(database_url)
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    yield app


def _client(app: Flask, role: str) -> FlaskClient:
    client = app.test_client()
    if role != "anonymous":
        with app.app_context():
            sign_in_as(client, User.get(User.email == DEMO_USERS[role]))
    return client


def _assert_no_unescaped_marker(client: FlaskClient, pages: list[str]) -> None:
    for url in pages:
        html = client.get(url).get_data(as_text=True)
        assert MARKER not in html, f"stored markup shown unescaped on {url}"


def _fuzz_form(client: FlaskClient, form: Form) -> None:
    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=hostile_submission(form), htmx=st.booleans())
    def send(data: dict[str, Any], htmx: bool) -> None:
        SENT["inputs"] += 1
        headers = {"HX-Request": "true"} if htmx else {}
        if form.method == "GET":
            response = client.get(form.url.split("?")[0], query_string=data, headers=headers)
        else:
            response = client.post(form.url, data=data, headers=headers)
        assert response.status_code < 500, f"{form.method} {form.url} with {data!r} gave {response.status_code}"
        body = response.get_data(as_text=True)
        assert MARKER not in body, f"{form.method} {form.url} echoed markup unescaped"
        if response.status_code in (200, 422) and "govuk-error-message" in body and "<html" in body:
            assert "govuk-error-summary" in body, f"{form.url}: inline errors without the GOV.UK error summary"

    send()


@pytest.mark.parametrize("role", list(ROLE_STARTS))
def test_hostile_input_never_breaks_the_portal(seeded_app: Flask, role: str, request: pytest.FixtureRequest) -> None:
    client = _client(seeded_app, role)
    forms, pages = crawl(client, ROLE_STARTS[role])
    assert pages, "the crawl found no pages"
    sent_before = SENT["inputs"]
    for form in forms:
        _fuzz_form(client, form)
    _assert_no_unescaped_marker(client, pages)
    # One line per role, printed at the end of the run with the total by tests/conftest.py (pytest_terminal_summary),
    # so CI logs say how much hostile input was sent without -s, whichever xdist worker ran each role.
    inputs = SENT["inputs"] - sent_before
    line = f"fuzz[{role}]: {len(pages)} pages, {len(forms)} forms, {inputs} inputs"
    request.node.user_properties.append(
        ("fuzz", {"order": list(ROLE_STARTS).index(role), "line": line, "inputs": inputs})
    )


def test_forged_csrf_tokens_are_refused(database_url: str) -> None:
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0
    client = app.test_client()
    forms, _pages = crawl(client, ROLE_STARTS["anonymous"])
    posts = [form for form in forms if form.method == "POST"]
    assert posts
    for form in posts:
        for token in ("", "forged", "IjAwMCI.forged.token"):
            response = client.post(form.url, data={"csrf_token": token}, headers={"X-CSRFToken": token})
            assert response.status_code == 400, f"POST {form.url} with a forged token gave {response.status_code}"
            assert re.search(r"Sorry, there is a problem with your request", response.get_data(as_text=True))
