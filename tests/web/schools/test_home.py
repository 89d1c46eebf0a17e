"""The school home page, and what the officers see of a school's records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from portal.models.school_records import Leaver
from portal.queries.linked_records import linked_records
from tests.conftest import sign_in_as
from tests.pages import check_page
from tests.services.school_helpers import leaver_answers


def test_an_empty_home_page_before_the_la_has_term_dates(school_client: FlaskClient) -> None:
    page = check_page(school_client.get("/schools/"))
    assert page.h1 == ["Riverside Primary School"]
    assert page.has_text("Record a leaver") and page.has_text("Nothing in progress")
    assert page.has_text("Part-time and alternative provision return")


def test_the_home_page_lists_each_kind_of_record(school_client: FlaskClient, make_draft: Callable[..., Any]) -> None:
    school_client.post(f"/schools/leavers/drafts/{make_draft('leaver', leaver_answers('due')).id}/check")
    make_draft("abroad", {"pupil-name": {"first_name": "Ibrahim", "last_name": "Khan"}})
    page = check_page(school_client.get("/schools/"))
    assert page.has_text("Ibrahim Khan") and page.has_text("Pupil abroad"), "the draft, to continue"
    assert page.has_text("Leaver information for Ava Stone") and page.has_text("Information due")
    assert page.has_text("next collection 29 April 2027")


def test_an_officer_sees_the_leaver_behind_a_case(
    client: FlaskClient, school_user: Any, officer: Any, make_draft: Callable[..., Any]
) -> None:
    sign_in_as(client, school_user)
    client.post(f"/schools/leavers/drafts/{make_draft('leaver', leaver_answers('cme')).id}/check")
    leaver = Leaver.get()
    records = linked_records(leaver.case)
    assert [record.kind for record in records] == ["School leaver"]
    rows = dict(records[0].rows)
    assert rows["Ground"].startswith("G: Moved too far away") and rows["Outcome"] == "Referred as missing education"
    sign_in_as(client, officer)
    page = check_page(client.get(f"/officers/cases/{leaver.case.id}"))
    assert page.has_text(leaver.reference) and page.has_text("School leaver")
