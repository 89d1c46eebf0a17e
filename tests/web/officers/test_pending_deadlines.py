"""Deadlines in school days before the LA has published its term dates: pending, never missing or an error."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask.testing import FlaskClient

from portal.models import TermDate
from portal.rules.register import CaseSource
from tests.pages import check_page

PENDING = "Pending: the local authority has not published its term dates"


def test_the_case_page_shows_school_day_deadlines_as_pending_without_term_dates(
    officer_client: FlaskClient, make_case: Any
) -> None:
    case = make_case(source=CaseSource.SCHOOL_LEAVER, last_day_in_education=date(2026, 11, 16))
    page = check_page(officer_client.get(f"/officers/cases/{case.id}"))
    assert page.has_text(f"School days missing {PENDING}")
    assert page.has_text(f"CME threshold (more than 20 school days) {PENDING}")
    assert page.has_text(f"Leaver information due from the school {PENDING}")
    assert page.has_text(f"CME referral due from the school {PENDING}")


def test_term_dates_that_do_not_reach_the_last_day_leave_the_deadlines_pending(
    officer_client: FlaskClient, make_case: Any
) -> None:
    TermDate.create(name="Autumn 2 2026", first_day=date(2026, 11, 2), last_day=date(2026, 12, 18))
    case = make_case(last_day_in_education=date(2026, 7, 10))
    page = check_page(officer_client.get(f"/officers/cases/{case.id}"))
    assert page.has_text(f"School days missing {PENDING}")


def test_the_caseload_says_its_school_day_deadlines_are_pending(officer_client: FlaskClient, make_case: Any) -> None:
    make_case(next_action="Visit", next_action_date=date(2026, 12, 3))
    page = check_page(officer_client.get("/officers/cases"))
    assert page.has_text("Deadlines in school days are pending: the local authority has not published its term dates")
    TermDate.create(name="Autumn 2 2026", first_day=date(2026, 11, 2), last_day=date(2026, 12, 18))
    page = check_page(officer_client.get("/officers/cases"))
    assert not page.has_text("Deadlines in school days are pending")
