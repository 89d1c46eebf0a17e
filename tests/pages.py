"""The page check every web test uses: one h1, a title that starts with it, no duplicate ids, no other hosts, error
summary links that land on an input, and none of the portal's own markup shown as text."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from werkzeug.test import TestResponse

EXTERNAL_REFERENCE = re.compile(r"""(?:src|href|action|formaction)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
# The portal's own markup shown as text: an HTML string built in a template and escaped on the way out. Names typed
# into forms (tests use <b>, <script>, <img>) are escaped on purpose, so only tags the templates write are looked for.
ESCAPED_TAG = re.compile(r"&lt;/?(?:a|br|div|em|h[1-6]|li|p|span|strong|ul)\b[^<>]*?&gt;", re.IGNORECASE)
FORM_CONTROLS = {"input", "select", "textarea"}


@dataclass
class Page:
    title: str = ""
    h1: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    text: str = ""
    html: str = ""
    error_summary: list[str] = field(default_factory=list)
    error_summary_hrefs: list[str] = field(default_factory=list)
    control_ids: list[str] = field(default_factory=list)  # inputs, selects and text areas: what a link can focus

    def has_text(self, fragment: str) -> bool:
        return " ".join(fragment.split()) in self.text


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in: list[str] = []
        self._text: list[str] = []
        self._h1: list[str] | None = None
        self._title: list[str] | None = None
        self._summary_depth = 0
        self._summary_link: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.page.ids.append(str(attributes["id"]))
            if tag in FORM_CONTROLS:
                self.page.control_ids.append(str(attributes["id"]))
        if tag == "h1":
            self._h1 = []
        if tag == "title":
            self._title = []
        classes = (attributes.get("class") or "").split()
        if "govuk-error-summary__list" in classes:
            self._summary_depth = 1
        elif self._summary_depth and tag == "a":
            self._summary_link = []
            self.page.error_summary_hrefs.append(str(attributes.get("href") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._h1 is not None:
            self.page.h1.append(" ".join("".join(self._h1).split()))
            self._h1 = None
        if tag == "title" and self._title is not None:
            self.page.title = " ".join("".join(self._title).split())
            self._title = None
        if tag == "a" and self._summary_link is not None:
            self.page.error_summary.append(" ".join("".join(self._summary_link).split()))
            self._summary_link = None
        if tag == "ul" and self._summary_depth:
            self._summary_depth = 0

    def handle_data(self, data: str) -> None:
        self._text.append(data)
        for sink in (self._h1, self._title, self._summary_link):
            if sink is not None:
                sink.append(data)


def parse(html: str) -> Page:
    collector = _Collector()
    collector.feed(html)
    page = collector.page
    page.text = " ".join(" ".join(collector._text).split())
    page.html = html
    return page


def check_page(response: TestResponse, status: int = 200) -> Page:
    """Assert the page is well formed for people and assistive technology, and return what it holds."""
    assert response.status_code == status, f"expected {status}, got {response.status_code}"
    html = response.get_data(as_text=True)
    page = parse(html)
    assert len(page.h1) == 1, f"a page has exactly one h1, this one has {page.h1}"
    title = page.title.removeprefix("Error: ")
    assert title.startswith(page.h1[0]), f"title {page.title!r} does not start with the h1 {page.h1[0]!r}"
    duplicates = [item for item, count in Counter(page.ids).items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert not EXTERNAL_REFERENCE.search(html), "the page refers to another host"
    if page.error_summary:
        assert page.title.startswith("Error: "), "a page with errors has a title starting 'Error: '"
    _check_summary_links_and_markup(page)
    return page


def _check_summary_links_and_markup(page: Page) -> None:
    # An error summary link moves focus to the answer to fix, so it must name a box on this page, not its wrapper.
    unfocusable = [
        href for href in page.error_summary_hrefs if href.startswith("#") and href[1:] not in page.control_ids
    ]
    assert not unfocusable, f"error summary links to no input, select or text area: {unfocusable}"
    escaped = ESCAPED_TAG.findall(page.html)
    assert not escaped, f"the page shows its own markup as text: {escaped[:3]}"


def check_fragment(response: TestResponse) -> Page:
    """An htmx fragment: no page furniture, no duplicate ids."""
    assert response.status_code in (200, 409, 422), response.status_code
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<title" not in html, "a fragment is not a whole page"
    page = parse(html)
    duplicates = [item for item, count in Counter(page.ids).items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    _check_summary_links_and_markup(page)
    return page
