"""Extended leave abroad: the record from start to return, and its stage pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from portal.models import Case, Enquiry, User
from portal.models.school_records import AbroadRecord
from portal.rules.abroad_removal import removal_conditions
from portal.rules.deletion_grounds import DeletionGround
from tests.conftest import TODAY, sign_in_as
from tests.pages import check_page
from tests.services.school_helpers import abroad_answers
from tests.web.schools.conftest import Walker, date_parts, form_data


def test_abroad_record_from_start_to_return(walker: Walker) -> None:
    page = check_page(walker.client.get("/schools/abroad/new"))
    assert page.h1 == ["Record a pupil on extended leave abroad"]
    walker.start("/schools/abroad/new")
    for slug, data in [
        ("pupil-name", {"first_name": "Zain", "last_name": "Hussain"}),
        ("date-of-birth", date_parts("date_of_birth", date(2016, 6, 9))),
        ("upn", {}),
        ("year-group", {"year_group": "5"}),
        ("home-address", {"line_1": "3 Oak Road", "town": "Demo Town", "postcode": "UB1 1AA"}),
        ("parent", {"name": "Sara Hussain", "relationship": "Mother", "phone": "07700 900002"}),
        ("vulnerability", {"flags": "none"}),
        ("date-left", date_parts("date_left", date(2026, 11, 13))),
        ("leave", {"leave_granted": "no"}),
        ("reason", {"reason": "Grandparent unwell"}),
        ("address-abroad", {"country": "Pakistan", "address_abroad": "House 7, Lahore"}),
        ("responsible-adult", {"adult_name": "Nadia Hussain", "adult_relationship": "Aunt"}),
        ("contact-details", {"contact_phone": "+92 300 1234567"}),
        ("return-date", [*date_parts("return_date", date(2026, 12, 11)), ("return_evidence", "Tickets seen")]),
        ("contact-schedule", {"contact_schedule": "Video call every Monday"}),
        ("letter-1", date_parts("letter_1_sent_on", date(2026, 11, 16))),
    ]:
        walker.answer(slug, data)
    check = check_page(walker.client.get(walker.url))
    assert check.has_text("Submit and tell the local authority")
    confirmation = walker.client.post(walker.url)
    record = AbroadRecord.get()
    page = check_page(walker.client.get(confirmation.headers["Location"]))
    assert page.has_text(record.reference) and page.has_text("30 November 2026")
    assert record.case.case_type == "abroad"

    home = check_page(walker.client.get("/schools/"))
    assert home.has_text("Zain Hussain") and home.has_text("Response due in 3 school days")
    page = check_page(walker.client.get(f"/schools/abroad/{record.id}"))
    assert page.has_text("The parent has until 30 November 2026 to respond")
    stage = check_page(walker.client.get(f"/schools/abroad/{record.id}/stages/response"))
    assert stage.h1 == ["When did the parent respond to Letter 1?"]
    response = walker.client.post(
        f"/schools/abroad/{record.id}/stages/response",
        data=form_data([*date_parts("on", date(2026, 11, 20)), ("note", "All items received")]),
    )
    page = check_page(walker.client.get(response.headers["Location"]))
    assert page.has_text("Zain Hussain: response received (letter 1a sent).")
    assert AbroadRecord.get_by_id(record.id).stage == "response_received"

    response = walker.client.post(f"/schools/abroad/{record.id}/returned-today")
    assert response.headers["Location"].endswith("/schools/")
    record = AbroadRecord.get_by_id(record.id)
    assert record.stage == "returned" and record.returned_on == TODAY
    home = check_page(walker.client.get("/schools/"))
    assert home.has_text("is recorded as back at school today")
    page = check_page(walker.client.get(f"/schools/abroad/{record.id}"))
    assert page.has_text("Returned to school") and not page.has_text("What to record next")


def test_no_response_cannot_be_recorded_before_the_window_ends(
    school_client: FlaskClient, make_draft: Callable[..., Any]
) -> None:
    school_client.post(
        f"/schools/abroad/drafts/{make_draft('abroad', abroad_answers(letter_1=date(2026, 11, 20))).id}/check"
    )
    record = AbroadRecord.get()
    page = check_page(school_client.get(f"/schools/abroad/{record.id}"))
    assert not page.has_text("The parent did not respond in time")
    response = school_client.post(
        f"/schools/abroad/{record.id}/stages/no-response", data=form_data(date_parts("on", TODAY))
    )
    page = check_page(response)
    assert page.error_summary == ["The parent has until 4 December 2026 to respond to Letter 1"]


I_CONDITIONS = [condition.key for condition in removal_conditions(DeletionGround.CONTINUOUS_ABSENCE)]


def _removal(ground: str, on: date, confirmed: list[str], new_school: str = "") -> Any:
    return form_data(
        [*[("confirmed", key) for key in confirmed], *date_parts("removal_date", on), ("new_school_name", new_school)]
    )


def _officer_decides(app: Flask, officer: User, record: AbroadRecord, decision: str) -> None:
    """The officer's own decision, recorded on the child's case page."""
    Enquiry.create(case=record.case, party="la", kind="s2s", done_on=TODAY, made_by="Officer", outcome="Not found")
    officer_client = sign_in_as(app.test_client(), officer)
    case = Case.get_by_id(record.case_id)
    saved = officer_client.post(
        f"/officers/cases/{case.id}/la-decision", data={"decision": decision, "version": str(case.version)}
    )
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]


def test_letter_2_sends_the_record_to_the_la_and_its_agreement_allows_removal(
    app: Flask, school_client: FlaskClient, make_draft: Callable[..., Any], officer: User
) -> None:
    school_client.post(f"/schools/abroad/drafts/{make_draft('abroad', abroad_answers()).id}/check")
    record = AbroadRecord.get()
    school_client.post(f"/schools/abroad/{record.id}/stages/letter-2", data=form_data(date_parts("on", TODAY)))
    page = check_page(school_client.get(f"/schools/abroad/{record.id}"))
    assert page.has_text("Local authority agreement awaited") and page.has_text("With the local authority since")
    assert page.has_text("Ground I can be used from 11 December 2026")
    _officer_decides(app, officer, record, "agreed")
    page = check_page(school_client.get(f"/schools/abroad/{record.id}"))
    assert page.has_text(f"The local authority agreed to removal on ground H or I: {officer.name}")

    app.config["FIXED_TODAY"] = date(2026, 12, 11)
    chosen = school_client.post(f"/schools/abroad/{record.id}/removal", data={"ground": "I"})
    assert chosen.headers["Location"].endswith(f"/schools/abroad/{record.id}/removal/I")
    page = check_page(school_client.get(chosen.headers["Location"]))
    assert page.has_text("The school has no reasonable grounds to believe the pupil cannot attend because of sickness")
    bad = check_page(
        school_client.post(chosen.headers["Location"], data=_removal("I", date(2026, 12, 10), I_CONDITIONS))
    )
    assert any("retrospectively" in error for error in bad.error_summary)
    unticked = check_page(school_client.post(chosen.headers["Location"], data=_removal("I", date(2026, 12, 11), [])))
    assert unticked.error_summary == ["Confirm every condition. If one is not true, ground I cannot be used"]
    school_client.post(chosen.headers["Location"], data=_removal("I", date(2026, 12, 11), I_CONDITIONS))
    record = AbroadRecord.get_by_id(record.id)
    assert record.stage == "removed" and record.cme_case.case_type == "cme"
    assert record.removal_agreed_by_id == officer.id
    page = check_page(school_client.get(f"/schools/abroad/{record.id}"))
    assert page.has_text(f"with the local authority's agreement ({officer.name}")


def test_ground_i_is_refused_until_20_school_days_with_the_date_it_becomes_available(
    app: Flask, school_client: FlaskClient, make_draft: Callable[..., Any], officer: User
) -> None:
    school_client.post(f"/schools/abroad/drafts/{make_draft('abroad', abroad_answers()).id}/check")
    record = AbroadRecord.get()
    school_client.post(f"/schools/abroad/{record.id}/stages/letter-2", data=form_data(date_parts("on", TODAY)))
    _officer_decides(app, officer, record, "agreed")
    page = check_page(school_client.post(f"/schools/abroad/{record.id}/removal", data={"ground": "I"}))
    assert page.error_summary == [
        "Ground I is available from 11 December 2026, after 20 school days of continuous absence from 13 November 2026"
    ]
    # Straight to the second page: the same rule refuses it.
    page = check_page(
        school_client.post(f"/schools/abroad/{record.id}/removal/I", data=_removal("I", TODAY, I_CONDITIONS))
    )
    assert any("Ground I is available from 11 December 2026" in error for error in page.error_summary)
    assert AbroadRecord.get_by_id(record.id).stage == "letter_2_sent"


def test_ground_h_needs_leave_and_the_la_and_ground_g_needs_neither(
    school_client: FlaskClient, make_draft: Callable[..., Any]
) -> None:
    school_client.post(f"/schools/abroad/drafts/{make_draft('abroad', abroad_answers()).id}/check")
    record = AbroadRecord.get()
    page = check_page(school_client.get(f"/schools/abroad/{record.id}"))
    assert page.has_text("To remove the pupil on ground H or I you need the local authority's agreement")
    page = check_page(school_client.post(f"/schools/abroad/{record.id}/removal", data={"ground": "H"}))
    assert page.error_summary[0].startswith("Ground H is only for a pupil who was given leave of absence")
    assert any("has not been recorded yet" in error for error in page.error_summary)
    chosen = school_client.post(f"/schools/abroad/{record.id}/removal", data={"ground": "G"})
    assert chosen.headers["Location"].endswith("/removal/G")
    confirmed = [condition.key for condition in removal_conditions(DeletionGround.MOVED_AWAY)]
    school_client.post(chosen.headers["Location"], data=_removal("G", TODAY, confirmed, "Escola Lisboa"))
    record = AbroadRecord.get_by_id(record.id)
    assert record.removal_ground == "G" and record.cme_case is None and record.removal_agreed_by_id is None
    check_page(school_client.get(f"/schools/abroad/{record.id}/removal/X"), status=404)


def test_when_the_la_does_not_agree_the_school_is_told_what_next(
    app: Flask, school_client: FlaskClient, make_draft: Callable[..., Any], officer: User
) -> None:
    school_client.post(f"/schools/abroad/drafts/{make_draft('abroad', abroad_answers()).id}/check")
    record = AbroadRecord.get()
    school_client.post(f"/schools/abroad/{record.id}/stages/letter-2", data=form_data(date_parts("on", TODAY)))
    _officer_decides(app, officer, record, "refused")
    page = check_page(school_client.get(f"/schools/abroad/{record.id}"))
    assert page.has_text("did not agree to removal on ground H or I") and page.has_text("on ground G")
    app.config["FIXED_TODAY"] = date(2026, 12, 14)
    page = check_page(school_client.post(f"/schools/abroad/{record.id}/removal", data={"ground": "I"}))
    assert page.error_summary == [
        "The local authority did not agree to removal, so ground I cannot be used. The pupil stays on the register"
    ]


def test_the_wizard_records_leave_of_absence(walker: Walker) -> None:
    walker.start("/schools/abroad/new")
    for slug, data in [
        ("pupil-name", {"first_name": "Omar", "last_name": "Hussain"}),
        ("date-of-birth", date_parts("date_of_birth", date(2016, 6, 9))),
        ("upn", {}),
        ("year-group", {"year_group": "5"}),
        ("home-address", {"line_1": "3 Oak Road", "town": "Demo Town", "postcode": "UB1 1AA"}),
        ("parent", {"name": "Sara Hussain", "relationship": "Mother", "phone": "07700 900002"}),
        ("vulnerability", {"flags": "none"}),
        ("date-left", date_parts("date_left", date(2026, 11, 13))),
        ("leave", {"leave_granted": "yes"}),
    ]:
        walker.answer(slug, data)
    page = check_page(walker.client.post(walker.url, data=form_data(date_parts("leave_last_day", date(2026, 11, 12)))))
    assert page.error_summary == ["The last day of the leave must be on or after the date the pupil left"]
    walker.answer("leave-end", date_parts("leave_last_day", date(2026, 11, 20)))
    assert walker.url.split("?")[0].endswith("/reason")
