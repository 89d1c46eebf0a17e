"""Fixtures for the schools' journeys: the demo LA's term dates, drafts, and a helper that answers question pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from tests.pages import parse
from tests.services.school_helpers import draft_for, seed_terms

URLS = {
    "leaver": "leavers/drafts",
    "leaver_info": "leavers/information",
    "abroad": "abroad/drafts",
    "referral": "referrals/drafts",
    "part_time": "part-time-timetables/drafts",
    "ap_placement": "alternative-provision/drafts",
    "not_attending": "not-attending/drafts",
}


@pytest.fixture
def term_dates(database: Any) -> None:
    seed_terms()


def date_parts(name: str, value: date) -> list[tuple[str, str]]:
    return [(name, str(value.day)), (name, str(value.month)), (name, str(value.year))]


def form_data(data: Any) -> MultiDict[str, str]:
    """Dicts, lists of pairs, or dicts with list values, as a browser's form body."""
    if isinstance(data, MultiDict):
        return data
    if isinstance(data, list):
        return MultiDict(data)
    pairs = []
    for key, value in (data or {}).items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, item))
    return MultiDict(pairs)


def step_url(draft: Any, slug: str) -> str:
    return f"/schools/{URLS[draft.journey]}/{draft.id}/{slug}"


@pytest.fixture
def make_draft(school: Any, school_user: Any, term_dates: None) -> Callable[..., Any]:
    def _make(journey: str, answers: dict[str, Any], subject_id: int | None = None) -> Any:
        return draft_for(school, school_user, journey, answers, subject_id)

    return _make


class Walker:
    """Answers one question page after another, following the redirects like a browser without JavaScript."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.url = ""
        self.pages: list[str] = []

    def start(self, path: str, **data: Any) -> str:
        response = self.client.post(path, data=data)
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        self.url = response.headers["Location"]
        return self.url

    def answer(self, expected_slug: str, data: Any) -> str:
        from tests.pages import check_page

        assert self.url.split("?")[0].endswith("/" + expected_slug), f"expected {expected_slug}, at {self.url}"
        page = check_page(self.client.get(self.url))  # every question page is a whole, well-formed page
        self.pages.append(page.h1[0])
        response = self.client.post(self.url, data=form_data(data))
        if response.status_code != 302:
            page = parse(response.get_data(as_text=True))
            raise AssertionError(f"{expected_slug}: {response.status_code} {page.error_summary}")
        self.url = response.headers["Location"]
        return self.url


@pytest.fixture
def walker(school_client: FlaskClient, term_dates: None) -> Walker:
    return Walker(school_client)
