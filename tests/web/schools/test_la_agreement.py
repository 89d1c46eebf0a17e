"""A leaver on ground H or I relies on an LA officer's decision recorded on the pupil's case, not on a typed name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from portal.clock import to_london
from portal.db import db
from portal.models import Case, Enquiry, School, User
from portal.models.school_records import Leaver
from portal.rules.calendar import format_date
from portal.rules.deletion_grounds import DeletionGround
from portal.rules.register import CaseSource, CaseType
from portal.schools.forms_leaver import NO_LA_AGREEMENT
from portal.services.cases import open_case
from portal.services.children import ChildDetails, record_child
from tests.conftest import TODAY, sign_in_as
from tests.pages import check_page
from tests.services.school_helpers import leaver_answers
from tests.web.schools.conftest import date_parts, form_data, step_url

# Absent since Monday 19 October 2026: the 20th school day (after half-term) was Friday 20 November.
GROUND_I = {
    **leaver_answers("cme", last_day=date(2026, 10, 16)),
    "ground": {"ground": "I"},
    "conditions": {"confirmed": [condition.key for condition in DeletionGround.CONTINUOUS_ABSENCE.conditions]},
}
DETAILS = [
    *date_parts("first_day_absent", date(2026, 10, 19)),
    *date_parts("enquiries_completed_on", date(2026, 11, 24)),
    ("enquiry_outcome", "not_located"),
]


def _case_for_the_pupil(school: School, last_name: str = "Stone") -> Case:
    with db.atomic():
        child = record_child(
            ChildDetails(first_name="Ava", last_name=last_name, date_of_birth=date(2017, 5, 4), school=school),
            actor=None,
        )
        return open_case(
            child=child,
            case_type=CaseType.CME,
            source=CaseSource.SCHOOL_REFERRAL,
            today=TODAY,
            actor=None,
            school=school,
        )


def _officer_agrees(app: Flask, officer: User, case: Case) -> None:
    Enquiry.create(case=case, party="la", kind="s2s", done_on=TODAY, made_by="Officer", outcome="Not found")
    officer_client = sign_in_as(app.test_client(), officer)
    version = str(Case.get_by_id(case.id).version)
    saved = officer_client.post(
        f"/officers/cases/{case.id}/la-decision", data={"decision": "agreed", "version": version}
    )
    assert saved.status_code == 302


def test_ground_i_needs_the_officers_recorded_agreement_not_a_typed_name(
    app: Flask, school_client: FlaskClient, make_draft: Callable[..., Any], school: School, officer: User
) -> None:
    draft = make_draft("leaver", GROUND_I)
    url = step_url(draft, "ground-details")
    page = check_page(school_client.get(url))
    assert "la_officer" not in page.control_ids and page.has_text("None yet")
    typed = check_page(school_client.post(url, data=form_data([*DETAILS, ("la_officer", "Olivia")])))
    assert typed.error_summary == [NO_LA_AGREEMENT]

    _case_for_the_pupil(school, last_name="Someone Else")  # another child's agreement is never offered
    case = _case_for_the_pupil(school)
    _officer_agrees(app, officer, case)
    page = check_page(school_client.get(url))
    decided_on = format_date(to_london(Case.get_by_id(case.id).la_decision_at))
    assert page.has_text(f"Case {case.reference}: agreed by {officer.name} on {decided_on}")
    assert school_client.post(url, data=form_data([*DETAILS, ("la_case", str(case.id))])).status_code == 302

    check = step_url(draft, "check")
    for slug, data in [
        ("deletion-date", date_parts("deletion_date", TODAY)),
        ("approval", {"approver_name": "Pat Head", "approver_role": "Headteacher"}),
    ]:
        school_client.post(step_url(draft, slug), data=form_data(data))
    done = school_client.post(check)
    assert done.status_code == 302, check_page(school_client.get(check)).error_summary
    leaver = Leaver.get()
    assert leaver.ground == "I"
    assert (leaver.removal_agreed_case_id, leaver.removal_agreed_by_id) == (case.id, officer.id)
    assert leaver.removal_agreed_at == Case.get_by_id(case.id).la_decision_at
    assert leaver.case_id is not None, "no known destination: referred as missing education"
    officer_page = check_page(sign_in_as(app.test_client(), officer).get(f"/officers/cases/{leaver.case_id}"))
    assert officer_page.has_text(f"Case {case.reference}: {officer.name}, {decided_on}")


def test_an_agreement_withdrawn_before_submit_stops_the_removal_with_the_reason(
    app: Flask, school_client: FlaskClient, make_draft: Callable[..., Any], school: School, officer: User
) -> None:
    case = _case_for_the_pupil(school)
    _officer_agrees(app, officer, case)
    draft = make_draft("leaver", GROUND_I)
    assert (
        school_client.post(
            step_url(draft, "ground-details"), data=form_data([*DETAILS, ("la_case", str(case.id))])
        ).status_code
        == 302
    )
    for slug, data in [
        ("deletion-date", date_parts("deletion_date", TODAY)),
        ("approval", {"approver_name": "Pat Head", "approver_role": "Headteacher"}),
    ]:
        school_client.post(step_url(draft, slug), data=form_data(data))

    officer_client = sign_in_as(app.test_client(), officer)
    version = str(Case.get_by_id(case.id).version)
    refused = officer_client.post(
        f"/officers/cases/{case.id}/la-decision", data={"decision": "refused", "version": version}
    )
    assert refused.status_code == 302

    page = check_page(school_client.post(step_url(draft, "check")))
    assert not Leaver.select().exists(), "nothing is removed from roll without the LA's agreement"
    assert page.has_text("Some answers need to be changed")
    assert any("has not recorded its agreement" in error for error in page.error_summary)
