"""The school home page, and what the officers see of a school's records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient
from playhouse.test_utils import count_queries

from portal.models import School
from portal.models.school_records import Leaver, SchoolReferral
from portal.queries.linked_records import linked_records
from portal.rules.register import RiskFlag
from tests.conftest import sign_in_as
from tests.pages import check_page
from tests.services.school_helpers import ALL_ENQUIRIES, abroad_answers, leaver_answers, referral_answers
from tests.web.schools.conftest import URLS
from tests.web.schools.test_ehe_notices import make_notice


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


def test_the_home_page_reads_the_same_number_of_queries_however_many_records(
    school_client: FlaskClient, school: School, make_draft: Callable[..., Any]
) -> None:
    """Each list on the page reads its rows with their child, case and flags in one go, never a query a row."""

    def submit(journey: str, answers: dict[str, Any]) -> None:
        response = school_client.post(f"/schools/{URLS[journey]}/{make_draft(journey, answers).id}/check")
        assert response.status_code == 302, (journey, response.status_code)

    def queries_with(each: int) -> int:
        while SchoolReferral.select().count() < each:
            number = SchoolReferral.select().count()
            submit("leaver", leaver_answers("cme", first=f"Ava{number}"))
            submit("leaver", leaver_answers("due", first=f"Bea{number}"))
            submit("abroad", abroad_answers(first=f"Zain{number}"))
            submit("referral", referral_answers(ALL_ENQUIRIES))
            make_notice(school, flags={RiskFlag.EHCP: ""}, reference=f"CME-2026-70{number:04d}")
        with count_queries() as counter:
            page = check_page(school_client.get("/schools/"))
        assert page.has_text(f"Ava{each - 1}") and page.has_text(f"Zain{each - 1}") and page.has_text("Mason Price")
        return counter.count

    assert queries_with(1) == queries_with(4)
