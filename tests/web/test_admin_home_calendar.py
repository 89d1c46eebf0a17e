"""The admin home page warns when the LA's term dates are missing for the dates in use, and how many reports wait."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask.testing import FlaskClient

from portal.models import TermDate
from portal.services import leavers
from portal.services.calendar import la_calendar, la_settings
from tests.conftest import TODAY
from tests.pages import check_page
from tests.services.school_helpers import draft_for, leaver_answers, seed_terms


def _pending_leaver(school: Any, school_user: Any) -> None:
    draft = draft_for(school, school_user, "leaver", leaver_answers("due"))
    leavers.submit_leaver(draft, actor=school_user, today=TODAY, calendar=None, settings=la_settings())


def test_no_term_dates_warns_with_a_link_and_the_reports_waiting(
    admin_client: FlaskClient, school: Any, school_user: Any
) -> None:
    _pending_leaver(school, school_user)
    page = check_page(admin_client.get("/admin/"))
    assert page.has_text("The local authority's term dates are missing")
    assert page.has_text("1 leaver report is waiting for them before its deadline can be worked out")
    assert 'href="/admin/calendar"' in page.html and page.has_text("Add term dates")


def test_term_dates_that_stop_before_today_are_missing_for_the_dates_in_use(admin_client: FlaskClient) -> None:
    TermDate.create(name="Summer 2 2026", first_day=date(2026, 6, 1), last_day=date(2026, 7, 22))
    page = check_page(admin_client.get("/admin/"))
    assert page.has_text("The term dates do not cover today (25 November 2026)")
    assert not page.has_text("waiting for them")


def test_no_warning_once_the_term_dates_cover_today_and_nothing_waits(
    admin_client: FlaskClient, school: Any, school_user: Any
) -> None:
    _pending_leaver(school, school_user)
    seed_terms()
    assert check_page(admin_client.get("/admin/")).has_text("1 leaver report is waiting")
    leavers.fill_pending_deadlines(la_calendar(), la_settings())
    page = check_page(admin_client.get("/admin/"))
    assert not page.has_text("waiting") and not page.has_text("are missing") and not page.has_text("do not cover")
