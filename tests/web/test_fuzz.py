"""Hostile input to every form and htmx endpoint, as every role.

The test crawls the portal as each role (anonymous, officer, school, admin) from its home pages, collects every
form and every hx-get/hx-post endpoint it can reach, then sends hypothesis-generated values: empty, huge, unicode,
control characters, markup, SQL fragments, wrong types, missing and extra fields, and forged CSRF tokens. It fails
on any 5xx, and on any page that shows stored markup unescaped. Forms added later are covered by the crawl.

Each route is fuzzed once per set of fields (FUZZ_EXAMPLES submissions, 24 by default), whichever page it was found
on: the same form on fifty case pages runs the same code with another id.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.exceptions import HTTPException
from werkzeug.routing import MapAdapter

from portal.models import Case, User
from portal.services.school_import import REQUIRED_COLUMNS
from tests.conftest import make_app, sign_in_as
from tests.services.school_helpers import draft_for, leaver_answers
from tests.web.parents.journey import NOTICE
from tests.web.public.journey import ANONYMOUS_REFERRAL, NAMED_REFERRAL, answer

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


def test_a_schools_extract_with_a_huge_value_is_refused_naming_its_line(seeded_app: Flask) -> None:
    """Past csv.field_size_limit() (131,072 characters) the CSV reader raises csv.Error, not a bad-row report."""
    row = {"URN": "990001", "LA (code)": "999", "EstablishmentName": "A" * 131_073}
    data = "\n".join(
        ",".join(f'"{value}"' for value in values)
        for values in (REQUIRED_COLUMNS, [row.get(column, "") for column in REQUIRED_COLUMNS])
    ).encode()
    response = _client(seeded_app, "admin").post(
        "/admin/schools/import",
        data={"extract": (io.BytesIO(data), "extract.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "govuk-error-summary" in body and "line 2" in body and "131,072 characters" in body


# --- Values that once reached int() or date arithmetic unchecked ----------------------------------------------------
# "²" passes str.isdigit() but int() refuses it; "٣" passes both and int() reads it as 3; a day after 9999-12-31 does
# not exist, nor (in some zones) the moment before 0001-01-01.
# A date's day, month and year share one name: a day or month of ten digits once overflowed date().
AWKWARD: list[str | list[str]] = [
    "²",
    "٣",
    "١٢٣٤٥٦",
    "²²²²²²",
    "9999-12-31",
    "0001-01-01",
    ["9999999999", "1", "2020"],
    ["1", "9999999999", "2020"],
]
# Tried on every page's query string besides the names its own links and GET forms use.
COMMON_QUERY_NAMES = {"page", "school", "school_search", "child", "officer", "since", "until", "open_on", "opened_to"}


def _route_endpoint(routes: MapAdapter, url: str, method: str) -> str:
    try:
        return str(routes.match(urlparse(url).path, method=method)[0])
    except HTTPException:
        return urlparse(url).path


def _awkward_requests(client: FlaskClient, starts: list[str]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(method, path, data) with one field awkward at a time, once per route: GET query strings, then POST forms
    (other fields given their first offered value, so the awkward one is what the view reaches)."""
    forms, pages = crawl(client, starts)
    routes = client.application.url_map.bind("localhost")
    names: dict[tuple[str, str], set[str]] = {}
    paths: dict[tuple[str, str], str] = {}
    for url in pages:
        key = ("GET", _route_endpoint(routes, url, "GET"))
        paths.setdefault(key, urlparse(url).path)
        names.setdefault(key, set(COMMON_QUERY_NAMES)).update(parse_qs(urlparse(url).query))
    for form in forms:
        key = (form.method, _route_endpoint(routes, form.url, form.method))
        paths.setdefault(key, form.url if form.method == "POST" else urlparse(form.url).path)
        names.setdefault(key, set(COMMON_QUERY_NAMES) if form.method == "GET" else set()).update(form.fields)
        if form.method == "POST":
            base = {name: (offered[0] if offered else "") for name, offered in form.fields.items()}
            for name in form.fields:
                for value in AWKWARD:
                    yield "POST", form.url, {**base, name: value}
    for (method, _endpoint), fields in names.items():
        if method == "GET":
            for name in sorted(fields):
                for value in AWKWARD:
                    yield "GET", paths[(method, _endpoint)], {name: value}


@pytest.mark.parametrize("role", list(ROLE_STARTS))
def test_unicode_digits_and_far_dates_never_break_a_page(seeded_app: Flask, role: str) -> None:
    client = _client(seeded_app, role)
    broken = []
    for method, url, data in _awkward_requests(client, ROLE_STARTS[role]):
        response = client.get(url, query_string=data) if method == "GET" else client.post(url, data=data)
        if response.status_code >= 500:
            broken.append(f"{method} {url} {data!r}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize(
    "text", ["²²", "٣٣", "²²²²²²", "١٢٣٤٥٦"], ids=["2 superscript", "2 arabic", "6 superscript", "6 arabic"]
)
def test_unicode_digits_in_a_school_search_find_nothing(seeded_app: Flask, text: str) -> None:
    public = seeded_app.test_client()
    answer(public, NAMED_REFERRAL[:6])
    public.post("/refer/last-school", data={"school_query": text})
    response = public.get("/refer/choose-school")
    assert response.status_code == 200 and "We could not find that school" in response.get_data(as_text=True)

    parent = seeded_app.test_client()
    answer(parent, NOTICE[:5])
    parent.post("/parents/home-education/school", data={"school_query": text})
    response = parent.get("/parents/home-education/choose-school")
    assert response.status_code == 200 and "We could not find that school" in response.get_data(as_text=True)


def test_unicode_digits_in_a_schools_new_school_search_find_nothing(seeded_app: Flask) -> None:
    client = _client(seeded_app, "school")
    with seeded_app.app_context():
        user = User.get(User.email == DEMO_USERS["school"])
        draft = draft_for(
            user.school, user, "leaver", {**leaver_answers("due"), "new-school": {"school_known": "listed"}}
        )
    for text in ("²", "²²²²²²", "١٢٣٤٥٦"):
        response = client.post(f"/schools/leavers/drafts/{draft.id}/school-search", data={"query": text})
        assert response.status_code == 200
        assert "No school in the list matches" in response.get_data(as_text=True)


UNSAFE_NEXT = {
    "header injection": "/officers/cases\r\nSet-Cookie: stolen=1",
    "line feed": "/officers/\nx",
    "tab before a second slash": "/\t/evil.example/",
    "newline before a second slash": "/\r\n/evil.example/",
    "escape character": "/officers/\x1b[31m",
    "delete character": "/officers/\x7f",
    "backslash": "/\\evil.example/",
    "two slashes": "//evil.example/",
    "slash backslash": "/\\/evil.example/",
    "another scheme": "https://evil.example/",
    "javascript": "javascript:alert(1)",
    "no leading slash": "evil.example/",
    "line separator": "/officers/\u2028x",
}


@pytest.mark.parametrize("target", list(UNSAFE_NEXT.values()), ids=list(UNSAFE_NEXT))
def test_an_unsafe_next_after_sign_in_goes_to_the_home_page(seeded_app: Flask, target: str) -> None:
    client = seeded_app.test_client()
    response = client.post(
        "/sign-in",
        query_string={"next": target},
        data={"email": DEMO_USERS["officer"], "password": "demo-officer-password"},
    )
    assert response.status_code == 302
    assert urlparse(response.headers["Location"]).path == "/officers/"
    assert "stolen" not in str(response.headers)


@pytest.mark.parametrize("code", ["²²²²²²", "١٢٣٤٥٦"], ids=["superscript", "arabic"])
def test_unicode_digits_as_a_two_factor_code_are_a_wrong_code(seeded_app: Flask, code: str) -> None:
    client = _client(seeded_app, "officer")
    client.get("/account/two-factor")
    response = client.post("/account/two-factor", data={"code": code})
    assert response.status_code == 200
    assert "Enter the 6-digit code shown in your authenticator app" in response.get_data(as_text=True)


def test_unicode_digits_as_the_school_a_case_closes_to_ask_for_a_school(seeded_app: Flask) -> None:
    client = _client(seeded_app, "officer")
    with seeded_app.app_context():
        case = Case.select().where(Case.status != "closed").order_by(Case.id).first()
    form = client.get(f"/officers/cases/{case.id}/close").get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="([0-9]+)"|value="([0-9]+)"[^>]*name="version"', form)
    assert version
    for school_id in ("²", "١"):
        response = client.post(
            f"/officers/cases/{case.id}/close",
            data={"reason": "on_roll", "school_id": school_id, "version": version.group(1) or version.group(2)},
        )
        assert response.status_code < 500
        assert "Select the school the child is on roll at" in response.get_data(as_text=True)


@pytest.mark.parametrize("age", ["²", "١١"], ids=["superscript", "arabic"])
def test_unicode_digits_as_a_childs_age_ask_for_a_number(seeded_app: Flask, age: str) -> None:
    client = seeded_app.test_client()
    answer(client, ANONYMOUS_REFERRAL[:3])
    response = client.post("/refer/approximate-age", data={"approximate_age": age})
    assert response.status_code < 500
    assert "Enter the child&#39;s age as a number, like 11" in response.get_data(as_text=True)
