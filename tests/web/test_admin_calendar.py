"""Administrators keep the LA's term dates and closure days, with checks that keep deadlines right."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient

from portal.models import AuditEvent, ClosureDay, TermDate
from tests.pages import check_page


def _term(client: FlaskClient, name: str, first: date, last: date) -> Any:
    return client.post(
        "/admin/calendar/terms",
        data={
            "name": name,
            "first_day": [str(first.day), str(first.month), str(first.year)],
            "last_day": [str(last.day), str(last.month), str(last.year)],
        },
    )


def test_an_admin_adds_and_removes_terms_and_closure_days(admin_client: FlaskClient) -> None:
    page = check_page(admin_client.get("/admin/calendar"))
    assert page.h1 == ["Term dates and closure days"] and page.has_text("No term dates yet")
    response = _term(admin_client, "Autumn 1 2027", date(2027, 9, 1), date(2027, 10, 22))
    assert response.status_code == 302
    assert check_page(admin_client.get(response.headers["Location"])).has_text("Autumn 1 2027 added")
    closure = admin_client.post("/admin/calendar/closures", data={"day": ["1", "9", "2027"], "reason": "INSET day"})
    assert closure.status_code == 302
    page = check_page(admin_client.get("/admin/calendar"))
    assert page.has_text("Autumn 1 2027 1 September 2027 22 October 2027") and page.has_text("INSET day")
    assert {
        event.action for event in AuditEvent.select().where(AuditEvent.object_type.in_(["term_date", "closure_day"]))
    } == {"create"}
    term = TermDate.get()
    gone = admin_client.post(f"/admin/calendar/closures/{ClosureDay.get().id}/remove", follow_redirects=True)
    assert check_page(gone).has_text("Closure day on 1 September 2027 removed")
    removed = admin_client.post(f"/admin/calendar/terms/{term.id}/remove")
    assert check_page(admin_client.get(removed.headers["Location"])).has_text("Autumn 1 2027 removed")
    assert not TermDate.select().exists() and not ClosureDay.select().exists()
    check_page(admin_client.post(f"/admin/calendar/terms/{term.id}/remove"), status=404)


@pytest.mark.parametrize(
    ("name", "first", "last", "message"),
    [
        ("", date(2027, 9, 1), date(2027, 10, 22), "Enter the name of the term"),
        ("Backwards", date(2027, 10, 22), date(2027, 9, 1), "The last day must be the same as or after the first day"),
        ("Too long", date(2027, 9, 1), date(2028, 7, 20), "A term must be 20 weeks or shorter"),
        ("Overlap", date(2026, 10, 1), date(2026, 11, 6), "This term overlaps Autumn 1 2026"),
    ],
    ids=["no name", "ends before it starts", "a whole year", "overlaps another term"],
)
def test_a_term_that_would_break_the_deadlines_is_refused(
    admin_client: FlaskClient, name: str, first: date, last: date, message: str
) -> None:
    TermDate.create(name="Autumn 1 2026", first_day=date(2026, 9, 2), last_day=date(2026, 10, 23))
    response = _term(admin_client, name, first, last)
    page = check_page(response, status=422)
    assert page.title.startswith("Error: ") and page.has_text(message)
    assert f'value="{name}"' in page.html, "what was typed is kept"
    assert TermDate.select().count() == 1


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (["5", "9", "2026"], "must be a weekday"),
        (["3", "8", "2026"], "must be in a term"),
        (["2", "9", "2026"], "already a closure day"),
        (["31", "9", "2026"], "must be a real date"),
        (["", "", ""], "Enter the date of the closure day"),
    ],
    ids=["weekend", "holidays", "twice", "no such date", "blank"],
)
def test_a_closure_day_must_be_a_weekday_in_a_term(admin_client: FlaskClient, day: list[str], message: str) -> None:
    TermDate.create(name="Autumn 1 2026", first_day=date(2026, 9, 2), last_day=date(2026, 10, 23))
    ClosureDay.create(day=date(2026, 9, 2), reason="INSET day")
    page = check_page(admin_client.post("/admin/calendar/closures", data={"day": day, "reason": "INSET"}), status=422)
    assert page.has_text(message)


def test_only_admins_keep_the_calendar(officer_client: FlaskClient, school_client: Any) -> None:
    assert officer_client.get("/admin/calendar").status_code == 403
    assert officer_client.post("/admin/calendar/terms", data={}).status_code == 403
