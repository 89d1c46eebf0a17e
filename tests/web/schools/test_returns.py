"""Required returns: part-time timetables with review, extend and end; AP placements; pupils not attending; CSV."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask.testing import FlaskClient

from portal.models.school_records import ApPlacement, PartTimeTimetable, PupilNotAttending
from tests.pages import check_page
from tests.services.school_helpers import part_time_answers, pupil
from tests.web.schools.conftest import Walker, date_parts, form_data


def test_part_time_timetable_journey_and_its_actions(walker: Walker) -> None:
    check_page(walker.client.get("/schools/part-time-timetables/new"))
    walker.start("/schools/part-time-timetables/new")
    for slug, data in [
        ("pupil-name", {"first_name": "Ethan", "last_name": "Cole"}),
        ("date-of-birth", date_parts("date_of_birth", date(2017, 4, 11))),
        ("upn", {}),
        ("year-group", {"year_group": "4"}),
        ("vulnerability", {"flags": ["ehcp"]}),
        ("reason", {"reason": "medical", "reason_detail": "After an operation", "not_behaviour": "y"}),
        ("dates", date_parts("start_date", date(2026, 11, 23)) + date_parts("planned_end_date", date(2027, 2, 1))),
        ("reviews", date_parts("first_review", date(2026, 12, 4))),
        ("hours", {"hours_per_week": "15", "normal_hours_per_week": "32.5"}),
        ("parental-agreement", [("parent_name", "Mia Cole"), *date_parts("agreed_on", date(2026, 11, 20))]),
        ("other-provision", {"has_other": "no"}),
        ("authorised-by", {"authorised_name": "Pat Head", "authorised_role": "Headteacher"}),
    ]:
        walker.answer(slug, data)
    page = check_page(walker.client.get(walker.url))
    assert page.has_text("longer than 6 weeks") and page.has_text("education, health and care plan")
    page = check_page(walker.client.post(walker.url, follow_redirects=True))
    timetable = PartTimeTimetable.get()
    assert page.has_text(timetable.reference) and page.has_text("15 of 32.5")
    base = f"/schools/returns/part_time/{timetable.id}"
    check_page(walker.client.get(f"{base}/actions/review"))
    bad = check_page(
        walker.client.post(
            f"{base}/actions/review",
            data=form_data(
                [
                    *date_parts("reviewed_on", date(2026, 11, 25)),
                    ("note", "Fine"),
                    *date_parts("next_review_on", date(2027, 1, 15)),
                ]
            ),
        )
    )
    assert bad.error_summary == ["The next review must be by 9 December 2026"]
    walker.client.post(
        f"{base}/actions/review",
        follow_redirects=True,
        data=form_data(
            [
                *date_parts("reviewed_on", date(2026, 11, 25)),
                ("note", "Fine"),
                *date_parts("next_review_on", date(2026, 12, 9)),
            ]
        ),
    )
    walker.client.post(
        f"{base}/actions/extend",
        follow_redirects=True,
        data=form_data([*date_parts("new_end_date", date(2027, 3, 1)), ("note", "Slower"), ("parent_agreed", "y")]),
    )
    walker.client.post(
        f"{base}/actions/end", follow_redirects=True, data=form_data(date_parts("ended_on", date(2026, 11, 25)))
    )
    timetable = PartTimeTimetable.get_by_id(timetable.id)
    assert timetable.planned_end_date == date(2027, 3, 1) and timetable.status == "ended"
    page = check_page(walker.client.get(base))
    assert page.has_text("Extended to 1 March 2027") and page.has_text("Reviewed")


def test_ap_placement_and_pupil_not_attending(school_client: FlaskClient, make_draft: Callable[..., Any]) -> None:
    for path in ("/schools/alternative-provision/new", "/schools/not-attending/new"):
        check_page(school_client.get(path))
    ap = make_draft(
        "ap_placement",
        {
            **pupil(first="Noah", last="Price"),
            "provider": {"provider": "Riverside Learning Centre", "provider_address": "", "arranged_by": "la"},
            "ap-hours": {"hours_per_week": 10.0},
            "ap-dates": {"start_date": "2026-11-02", "end_date": None},
        },
    )
    check_page(school_client.get(f"/schools/alternative-provision/drafts/{ap.id}/check"))
    school_client.post(f"/schools/alternative-provision/drafts/{ap.id}/check", follow_redirects=True)
    placement = ApPlacement.get()
    page = check_page(school_client.get(f"/schools/returns/ap_placement/{placement.id}"))
    assert page.has_text("section 19") and page.has_text("Riverside Learning Centre")
    school_client.post(f"/schools/returns/ap_placement/{placement.id}/close", follow_redirects=True)
    assert ApPlacement.get_by_id(placement.id).status == "ended"
    na = make_draft(
        "not_attending",
        {
            **pupil(first="Lily", last="Evans"),
            "reason": {"reason": "ebsa", "reason_detail": ""},
            "since": {"since": "2026-11-02"},
            "actions": {"actions": "Weekly meetings"},
        },
    )
    school_client.post(f"/schools/not-attending/drafts/{na.id}/check", follow_redirects=True)
    record = PupilNotAttending.get()
    page = check_page(school_client.get(f"/schools/returns/not_attending/{record.id}"))
    assert page.has_text("emotionally based school avoidance")


def test_the_returns_csv(school_client: FlaskClient, make_draft: Callable[..., Any]) -> None:
    school_client.post(f"/schools/part-time-timetables/drafts/{make_draft('part_time', part_time_answers()).id}/check")
    response = school_client.get("/schools/returns.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0].startswith("Return,Reference,First name") and "Part-time timetable" in lines[1]
