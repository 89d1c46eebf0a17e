"""Extended leave abroad: the record from start to return, and its stage pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask.testing import FlaskClient

from portal.models import Case
from portal.models.school_records import AbroadRecord
from tests.conftest import TODAY
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


def test_letter_2_sends_the_record_to_the_la_and_its_agreement_allows_removal(
    school_client: FlaskClient, make_draft: Callable[..., Any]
) -> None:
    school_client.post(f"/schools/abroad/drafts/{make_draft('abroad', abroad_answers()).id}/check")
    record = AbroadRecord.get()
    school_client.post(f"/schools/abroad/{record.id}/stages/letter-2", data=form_data(date_parts("on", TODAY)))
    page = check_page(school_client.get(f"/schools/abroad/{record.id}"))
    assert page.has_text("With the local authority since") and not page.has_text("Remove the pupil")
    assert school_client.get(f"/schools/abroad/{record.id}/removal").status_code == 302
    Case.update(la_decision="agreed").where(Case.id == record.case_id).execute()
    page = check_page(school_client.get(f"/schools/abroad/{record.id}"))
    assert page.has_text("has agreed that the pupil can be removed")
    check_page(school_client.get(f"/schools/abroad/{record.id}/removal"))
    bad = check_page(
        school_client.post(
            f"/schools/abroad/{record.id}/removal",
            data=form_data([("ground", "I"), *date_parts("removal_date", date(2026, 11, 20)), ("new_school_name", "")]),
        )
    )
    assert any("retrospectively" in error for error in bad.error_summary)
    school_client.post(
        f"/schools/abroad/{record.id}/removal",
        data=form_data([("ground", "I"), *date_parts("removal_date", TODAY), ("new_school_name", "")]),
    )
    record = AbroadRecord.get_by_id(record.id)
    assert record.stage == "removed" and record.cme_case.case_type == "cme"
