"""Every question page refuses bad input with the GOV.UK error summary, whatever the browser sends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient

from portal.models import School
from portal.models.school_records import Leaver
from tests.conftest import TODAY
from tests.pages import check_page
from tests.services.school_helpers import (
    abroad_answers,
    leaver_answers,
    part_time_answers,
    referral_answers,
)
from tests.web.schools.conftest import date_parts, form_data, step_url


def _with(answers: dict[str, Any], **steps: Any) -> dict[str, Any]:
    return {**answers, **{slug.replace("_", "-"): value for slug, value in steps.items()}}


CME = leaver_answers("cme")
DUE = leaver_answers("due")
EHE = leaver_answers("ehe")
ABROAD = leaver_answers("abroad")

CASES: list[tuple[str, str, dict[str, Any], str, Any, str]] = [
    # (id, journey, answers, step, posted, expected error)
    ("name missing", "leaver", CME, "pupil-name", {}, "Enter the pupil's first name"),
    (
        "name too long",
        "leaver",
        CME,
        "pupil-name",
        {"first_name": "x" * 101, "last_name": "Y"},
        "First name must be 100 characters or fewer",
    ),
    (
        "dob not a date",
        "leaver",
        CME,
        "date-of-birth",
        date_parts("date_of_birth", date(2017, 1, 1))[:2] + [("date_of_birth", "20x7")],
        "Date of birth must be a real date",
    ),
    (
        "dob 31 February",
        "leaver",
        CME,
        "date-of-birth",
        [("date_of_birth", "31"), ("date_of_birth", "2"), ("date_of_birth", "2017")],
        "Date of birth must be a real date",
    ),
    (
        "dob day too big for a date",
        "leaver",
        CME,
        "date-of-birth",
        [("date_of_birth", "9999999999"), ("date_of_birth", "2"), ("date_of_birth", "2017")],
        "Date of birth must be a real date",
    ),
    (
        "dob in the future",
        "leaver",
        CME,
        "date-of-birth",
        date_parts("date_of_birth", date(2027, 1, 1)),
        "Date of birth must be in the past",
    ),
    (
        "dob too old",
        "leaver",
        CME,
        "date-of-birth",
        date_parts("date_of_birth", date(2000, 1, 1)),
        "must be 19 or younger",
    ),
    ("sex not offered", "leaver", CME, "sex", {"sex": "robot"}, "Select the pupil's sex"),
    ("bad UPN", "leaver", CME, "upn", {"upn": "Z801200001001"}, "does not match the rest of it"),
    ("year group not offered", "leaver", CME, "year-group", {"year_group": "12"}, "Select the pupil's year group"),
    (
        "bad postcode",
        "leaver",
        CME,
        "home-address",
        {"line_1": "1 Road", "town": "Town", "postcode": "NOTAPOSTCODE"},
        "Enter a real postcode",
    ),
    ("parent missing", "leaver", CME, "parent", {}, "Enter the parent or carer's full name"),
    (
        "bad email",
        "leaver",
        CME,
        "parent",
        {"name": "A", "relationship": "Mother", "phone": "1", "email": "nope"},
        "Enter an email address in the correct format",
    ),
    (
        "second parent nameless",
        "leaver",
        _with(CME, second_parent={"has_second": "yes"}),
        "second-parent-details",
        {"lives_with": "no"},
        "Enter the other parent or carer's full name",
    ),
    (
        "second parent lives with pupil, no number",
        "leaver",
        _with(CME, second_parent={"has_second": "yes"}),
        "second-parent-details",
        {"second_name": "B", "second_relationship": "Father", "lives_with": "yes"},
        "Enter an emergency telephone number for each parent the pupil lives with",
    ),
    (
        "emergency contact without number",
        "leaver",
        CME,
        "emergency-contact",
        {"contact_name": "Bob"},
        "Enter a telephone number for the emergency contact",
    ),
    ("no flags", "leaver", CME, "vulnerability", {}, "Select the ones that apply, or select none of these"),
    ("none and a flag", "leaver", CME, "vulnerability", {"flags": ["none", "lac"]}, "not both"),
    ("flag not offered", "leaver", CME, "vulnerability", {"flags": ["wizard"]}, "Select the ones that apply"),
    (
        "social worker unnamed",
        "leaver",
        _with(CME, vulnerability={"flags": ["social_worker"]}),
        "social-worker",
        {},
        "Enter the social worker's name",
    ),
    (
        "last day in the future",
        "leaver",
        CME,
        "last-day",
        date_parts("last_attended", date(2026, 11, 26)),
        "must be today or in the past",
    ),
    (
        "last day before birth",
        "leaver",
        _with(CME, date_of_birth={"date_of_birth": "2025-10-01"}),
        "last-day",
        date_parts("last_attended", date(2025, 9, 5)),
        "after the pupil's date of birth",
    ),
    ("ground not offered", "leaver", CME, "ground", {"ground": "Z"}, "Select the ground for removing the pupil"),
    (
        "a condition not confirmed",
        "leaver",
        CME,
        "conditions",
        {"confirmed": ["ceased_to_attend"]},
        "Confirm every condition",
    ),
    (
        "journey not a number",
        "leaver",
        CME,
        "ground-details",
        {"journey_minutes": "an hour"},
        "Journey time must be a number of minutes",
    ),
    (
        "journey negative",
        "leaver",
        CME,
        "ground-details",
        {"journey_minutes": "-5"},
        "Journey time must be between 0 and 999 minutes",
    ),
    (
        "EHE notice in the future",
        "leaver",
        EHE,
        "ground-details",
        date_parts("notice_date", date(2026, 12, 1)) + date_parts("effective_date", date(2026, 12, 2)),
        "The date of the notice must be today or in the past",
    ),
    (
        "H too soon after the leave",
        "leaver",
        _with(CME, ground={"ground": "H"}),
        "ground-details",
        [
            *date_parts("leave_last_day", date(2026, 11, 20)),
            *date_parts("enquiries_completed_on", date(2026, 11, 24)),
            ("enquiry_outcome", "not_located"),
        ],
        "once the 10 school days after the leave have passed",
    ),
    (
        "I from a Saturday",
        "leaver",
        _with(CME, ground={"ground": "I"}),
        "ground-details",
        [
            *date_parts("first_day_absent", date(2026, 10, 3)),
            *date_parts("enquiries_completed_on", date(2026, 11, 24)),
            ("enquiry_outcome", "not_located"),
        ],
        "is not a school day",
    ),
    (
        "I too soon",
        "leaver",
        _with(CME, ground={"ground": "I"}),
        "ground-details",
        [
            *date_parts("first_day_absent", date(2026, 11, 9)),
            *date_parts("enquiries_completed_on", date(2026, 11, 24)),
            ("enquiry_outcome", "not_located"),
        ],
        "needs at least 20 school days",
    ),
    (
        "death in the future",
        "leaver",
        _with(CME, ground={"ground": "K"}),
        "ground-details",
        date_parts("date_of_death", date(2026, 12, 1)),
        "The date of death must be today or in the past",
    ),
    (
        "exclusion upheld before it happened",
        "leaver",
        _with(CME, ground={"ground": "O"}),
        "ground-details",
        date_parts("excluded_on", date(2026, 11, 10)) + date_parts("upheld_on", date(2026, 11, 9)),
        "upheld on or after the date of the exclusion",
    ),
    (
        "back-dated removal",
        "leaver",
        CME,
        "deletion-date",
        date_parts("deletion_date", date(2026, 11, 24)),
        "cannot be removed retrospectively",
    ),
    (
        "EHE removal before home education starts",
        "leaver",
        _with(EHE, ground_details={"notice_date": "2026-11-20", "effective_date": "2026-12-01"}),
        "deletion-date",
        date_parts("deletion_date", date(2026, 11, 25)),
        "from the date home education starts",
    ),
    (
        "home education needs ground F",
        "leaver",
        CME,
        "destination",
        {"destination": "home_education"},
        "Change the ground to F",
    ),
    (
        "no school matches",
        "leaver",
        _with(DUE, new_school={"school_known": "listed"}),
        "school-search",
        {"query": "Nowhere Academy"},
        "No school in the list matches",
    ),
    ("country missing", "leaver", ABROAD, "abroad", {}, "Enter the country"),
    (
        "responsible adult without contact",
        "leaver",
        ABROAD,
        "responsible-adult",
        {"adult_name": "Ana"},
        "Enter a telephone number or an email address for the responsible adult",
    ),
    (
        "new address missing",
        "leaver",
        _with(CME, new_address={"moved": "yes"}),
        "new-address-details",
        {},
        "Enter address line 1 of the new address",
    ),
    (
        "other parent missing",
        "leaver",
        _with(CME, parent_contact={"contact": "other"}),
        "parent-contact-details",
        {},
        "Enter the parent's full name",
    ),
    (
        "admission date missing",
        "leaver",
        leaver_answers("complete"),
        "admission-details",
        {"how_confirmed": "school_email", "confirmed_by": "J"},
        "Enter the date the pupil starts at the new school",
    ),
    ("approver missing", "leaver", CME, "approval", {}, "Enter the name of the person who approved the removal"),
    # Pupil abroad
    (
        "left in the future",
        "abroad",
        abroad_answers(),
        "date-left",
        date_parts("date_left", date(2026, 12, 1)),
        "must be today or in the past",
    ),
    ("reason missing", "abroad", abroad_answers(), "reason", {}, "Enter the reason the parent gave"),
    (
        "address abroad missing",
        "abroad",
        abroad_answers(),
        "address-abroad",
        {"country": "Spain"},
        "Enter the address abroad",
    ),
    ("adult missing", "abroad", abroad_answers(), "responsible-adult", {}, "Enter the responsible adult's full name"),
    (
        "no way to contact",
        "abroad",
        abroad_answers(),
        "contact-details",
        {},
        "Enter a telephone number or an email address",
    ),
    (
        "return before leaving",
        "abroad",
        abroad_answers(),
        "return-date",
        [*date_parts("return_date", date(2026, 11, 10)), ("return_evidence", "Tickets")],
        "The return date must be after the date the pupil left",
    ),
    ("schedule missing", "abroad", abroad_answers(), "contact-schedule", {}, "Enter the agreed contact schedule"),
    (
        "letter 1 in the future",
        "abroad",
        abroad_answers(),
        "letter-1",
        date_parts("letter_1_sent_on", date(2026, 11, 27)),
        "must be today or in the past",
    ),
    # CME referral
    (
        "risk not answered",
        "referral",
        referral_answers([]),
        "immediate-risk",
        {},
        "Select yes if the child is at immediate risk of harm",
    ),
    (
        "not yet referred to social care",
        "referral",
        referral_answers([], immediate_risk=True),
        "safeguarding",
        {},
        "Enter the date you referred the child to children's social care",
    ),
    (
        "concern missing",
        "referral",
        referral_answers([]),
        "concern",
        {},
        "Enter why you think the child is missing education",
    ),
    (
        "enquiry without a date",
        "referral",
        referral_answers([]),
        "enquiries",
        {"home_visit_outcome": "Nobody in"},
        "Enter the date of this enquiry: visit the home",
    ),
    (
        "enquiry before the last day",
        "referral",
        referral_answers([]),
        "enquiries",
        [*date_parts("letter_sent_on", date(2026, 11, 2)), ("letter_sent_outcome", "Sent")],
        "on or after the child's last day at school",
    ),
    # Part-time timetable
    (
        "behaviour not ruled out",
        "part_time",
        part_time_answers(),
        "reason",
        {"reason": "medical", "reason_detail": "Recovering"},
        "Confirm that the part-time timetable is not being used to manage behaviour",
    ),
    (
        "end before start",
        "part_time",
        part_time_answers(),
        "dates",
        date_parts("start_date", date(2026, 11, 23)) + date_parts("planned_end_date", date(2026, 11, 20)),
        "The planned end date must be after the start date",
    ),
    (
        "first review too late",
        "part_time",
        part_time_answers(),
        "reviews",
        date_parts("first_review", date(2026, 12, 14)),
        "the first review must be by 7 December 2026",
    ),
    (
        "hours not a number",
        "part_time",
        part_time_answers(),
        "hours",
        {"hours_per_week": "lots", "normal_hours_per_week": "32.5"},
        "must be a number",
    ),
    (
        "hours not fewer than normal",
        "part_time",
        part_time_answers(),
        "hours",
        {"hours_per_week": "40", "normal_hours_per_week": "32.5"},
        "fewer than the normal hours",
    ),
    (
        "agreed after the start",
        "part_time",
        part_time_answers(),
        "parental-agreement",
        [("parent_name", "Mia"), *date_parts("agreed_on", date(2026, 11, 24))],
        "cannot be agreed retrospectively",
    ),
    (
        "other provision undescribed",
        "part_time",
        _with(part_time_answers(), other_provision={"has_other": "yes"}),
        "other-provision-details",
        {},
        "Enter the provider, hours and what the other education is",
    ),
]


JOURNEYS = sorted({case[1] for case in CASES})


@pytest.mark.parametrize("journey", JOURNEYS)
def test_a_bad_answer_gets_the_error_summary(
    school_client: FlaskClient, make_draft: Callable[..., Any], journey: str
) -> None:
    """Each row of CASES for this journey (one app per journey: the table is long and every app compiles its
    templates afresh)."""
    failures = []
    for case_id, case_journey, answers, slug, posted, expected in CASES:
        if case_journey != journey:
            continue
        draft = make_draft(journey, answers)
        response = school_client.post(step_url(draft, slug), data=form_data(posted))
        page = check_page(response)
        if not page.title.startswith("Error: ") or not any(expected in error for error in page.error_summary):
            failures.append(f"{case_id}: {page.error_summary}")
    assert failures == []


@pytest.mark.parametrize(
    ("posted", "message", "box"),
    [
        (["31", "2", "2017"], "Date of birth must be a real date", "date_of_birth-day"),
        (["31", "", "2017"], "Date of birth must include a month", "date_of_birth-month"),
        (["", "", ""], "Enter the pupil's date of birth", "date_of_birth-day"),
    ],
    ids=["not a real date", "no month", "nothing entered"],
)
def test_a_date_error_reads_like_gov_uk_and_its_summary_link_lands_on_a_box(
    school_client: FlaskClient, make_draft: Callable[..., Any], posted: list[str], message: str, box: str
) -> None:
    draft = make_draft("leaver", CME)
    page = check_page(
        school_client.post(step_url(draft, "date-of-birth"), data=form_data([("date_of_birth", p) for p in posted]))
    )
    assert page.error_summary == [message]
    assert page.error_summary_hrefs == [f"#{box}"] and box in page.control_ids


def test_a_special_school_needs_the_las_consent_for_a_pupil_it_placed(
    school_client: FlaskClient, make_draft: Callable[..., Any], school: School
) -> None:
    School.update(is_special=True).where(School.id == school.id).execute()
    draft = make_draft("leaver", CME)
    page = check_page(school_client.get(step_url(draft, "placement")))
    assert page.h1 == ["Did a local authority arrange the pupil's place at your school?"]
    response = school_client.post(step_url(draft, "placement"), data={"placed_by_la": "yes"})
    assert response.headers["Location"].endswith("/la-consent")
    page = check_page(school_client.post(step_url(draft, "la-consent"), data={"la_consented": "no"}))
    assert any("cannot be removed without that authority's consent" in error for error in page.error_summary)
    response = school_client.post(
        step_url(draft, "la-consent"), data=form_data([("la_consented", "yes"), *date_parts("consented_on", TODAY)])
    )
    assert response.status_code == 302


def test_huge_and_odd_input_never_breaks_a_page(school_client: FlaskClient, make_draft: Callable[..., Any]) -> None:
    draft = make_draft("leaver", CME)
    odd = form_data([("date_of_birth", "9" * 5000)] * 4)
    check_page(school_client.post(step_url(draft, "date-of-birth"), data=odd))
    check_page(school_client.post(step_url(draft, "vulnerability"), data={"flags": "\x00" * 10_000}))
    check_page(school_client.post(step_url(draft, "ground-details"), data={"journey_minutes": "9" * 400}))
    response = school_client.post(step_url(draft, "no-such-step"), data={})
    assert response.status_code == 404


def test_control_characters_are_dropped_before_anything_is_stored(
    school_client: FlaskClient, make_draft: Callable[..., Any]
) -> None:
    answers = leaver_answers("cme")
    del answers["pupil-name"]
    draft = make_draft("leaver", answers)
    response = school_client.post(
        step_url(draft, "pupil-name"), data={"first_name": "A\x00va\x1b[31m", "last_name": "<b>Stone</b>"}
    )
    assert response.status_code == 302
    check = check_page(school_client.get(f"/schools/leavers/drafts/{draft.id}/check"))
    assert "&lt;b&gt;Stone&lt;/b&gt;" in check.html, "markup is shown as text"
    school_client.post(f"/schools/leavers/drafts/{draft.id}/check")
    child = Leaver.get().child
    assert child.first_name == "Ava[31m" and child.last_name == "<b>Stone</b>"
    search = make_draft("leaver", {**leaver_answers("due"), "new-school": {"school_known": "listed"}})
    check_page(school_client.post(step_url(search, "school-search"), data={"query": "\x00\x01"}))
