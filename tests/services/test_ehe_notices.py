"""Recording parents' home-education notices: the EHE case, LA consent for LA-placed special-school pupils only,
flags from the school's own records, one record per submission, and the emails."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from portal.db import db
from portal.models import AuditEvent, CaseEvent, Child, EheNotice, EmailMessage, School
from portal.queries.linked_records import linked_records
from portal.rules.register import RiskFlag
from portal.services.children import ChildDetails, record_child
from portal.services.ehe_notices import LA_CONSENT_ACTION, NoticeDetails, la_consent_needed, submit_notice
from portal.services.public_referrals import Notify

TODAY = date(2026, 11, 25)
NOTIFY = Notify(
    team_email="cme@example.gov.uk",
    officer_link="https://portal.example/officers/cases/{case_id}",
    school_link="https://portal.example/schools/",
)


def _details(school: School | None, **overrides: Any) -> NoticeDetails:
    values: dict[str, Any] = dict(
        parent_name="Helen Carter",
        relationship="mother",
        lives_with_child=True,
        first_name="Evie",
        last_name="Carter",
        date_of_birth=date(2017, 4, 12),
        effective_date=date(2026, 12, 1),
        declaration_name="Helen Carter",
        declaration_date=TODAY,
        understands_responsibility=True,
        email="helen@example.com",
        address_line_1="14 Elm Grove",
        town="Demo Town",
        postcode="DT3 4EF",
        school_urn=school.urn if school else None,
    )
    values.update(overrides)
    return NoticeDetails(**values)


@pytest.fixture
def special_school(database: Any) -> School:
    return School.create(urn=990105, name="Oakwood Special School", la_code="999", la_name="Demo", is_special=True)


def test_a_notice_opens_an_ehe_case_from_a_parent_with_an_audit(database: Any, school: School) -> None:
    result = submit_notice(_details(school), submission_key="k", today=TODAY, notify=None)
    notice = EheNotice.get()
    assert result.created and result.reference == notice.reference == notice.case.reference
    case = notice.case
    assert (case.case_type, case.source, case.status, case.school) == ("ehe", "parent", "received", school)
    assert notice.child.school == school and notice.child.current_postcode == "DT3 4EF"
    assert case.next_action == "Review the home education notice" and case.next_action_date == date(2026, 12, 1)
    assert (
        AuditEvent.select()
        .where(AuditEvent.object_type == "ehe_notice", AuditEvent.object_id == str(notice.id))
        .exists()
    )


CONSENT_CASES = [
    ("special, placed by the LA", True, "yes", True),
    ("special, parent does not know", True, "unknown", True),
    ("special, not placed by the LA", True, "no", False),
    ("mainstream, even if the parent says the LA placed", False, "yes", False),
    ("mainstream", False, "", False),
]


@pytest.mark.parametrize(
    ("special", "placed", "needed"), [c[1:] for c in CONSENT_CASES], ids=[c[0] for c in CONSENT_CASES]
)
def test_la_consent_is_needed_only_for_an_la_placed_special_school_pupil(
    database: Any, special: bool, placed: str, needed: bool
) -> None:
    school = School.create(urn=990200, name="A school", la_code="999", la_name="Demo", is_special=special)
    assert la_consent_needed(school, placed) is needed
    result = submit_notice(_details(school, placed_by_la=placed), submission_key="k", today=TODAY, notify=NOTIFY)
    notice = EheNotice.get()
    assert result.la_consent_required is needed and notice.la_consent_required is needed
    has_event = CaseEvent.select().where(CaseEvent.case == notice.case, CaseEvent.kind == "la_consent").exists()
    assert has_event is needed
    assert (notice.case.next_action == LA_CONSENT_ACTION) is needed
    school_mail = EmailMessage.get_or_none(EmailMessage.kind == "school_notice")
    assert school_mail is None  # this school has no contact address


def test_consent_pending_shows_on_the_case_page(database: Any, special_school: School) -> None:
    submit_notice(_details(special_school, placed_by_la="yes"), submission_key="k", today=TODAY, notify=None)
    notice = EheNotice.get()
    [record] = [record for record in linked_records(notice.case) if record.kind == "Home education notice"]
    rows = dict(record.rows)
    assert rows["LA consent to removal from roll"] == "Needed: pending"
    assert rows["Council arranged the place"] == "Yes"


def test_flags_in_the_schools_records_show_on_the_case_and_recommend_a_meeting(database: Any, school: School) -> None:
    with db.atomic():
        record = record_child(
            ChildDetails(
                first_name="Evie",
                last_name="Carter",
                date_of_birth=date(2017, 4, 12),
                school=school,
                flags={RiskFlag.SOCIAL_WORKER: "Jo Adeyemi", RiskFlag.EHCP: ""},
            ),
            actor=None,
        )
        record_child(  # same name and date of birth, another school: not this school's record
            ChildDetails(
                first_name="Evie", last_name="Carter", date_of_birth=date(2017, 4, 12), flags={RiskFlag.LAC: ""}
            ),
            actor=None,
        )
    submit_notice(_details(school), submission_key="k", today=TODAY, notify=None)
    notice = EheNotice.get()
    assert notice.child != record and Child.select().count() == 3, "suggested, never merged"
    case = notice.case
    assert case.risk_level == "high", "a social worker makes it a priority (KCSIE)"
    assert case.next_action.startswith("Meeting with the family recommended")
    event = CaseEvent.get(CaseEvent.case == case, CaseEvent.kind == "school_records")
    assert "Has a social worker" in event.summary and "Looked after" not in event.summary
    [linked] = [item for item in linked_records(case) if item.kind == "Home education notice"]
    rows = dict(linked.rows)
    assert rows["Meeting recommended"] == "Yes"
    assert "Education, health and care plan" in rows["School's records"]


def test_no_flags_no_meeting_recommendation(database: Any, school: School) -> None:
    submit_notice(_details(school), submission_key="k", today=TODAY, notify=None)
    case = EheNotice.get().case
    assert case.risk_level == "standard"
    assert not CaseEvent.select().where(CaseEvent.case == case, CaseEvent.kind == "school_records").exists()


def test_immediate_risk_makes_the_case_high_priority_with_an_action_today(database: Any, school: School) -> None:
    details = _details(school, immediate_risk=True, safeguarding_contacted="contacted")
    submit_notice(details, submission_key="k", today=TODAY, notify=None)
    case = EheNotice.get().case
    assert case.risk_level == "high" and case.next_action_date == TODAY
    assert case.next_action.startswith("Parent reported immediate risk")
    assert CaseEvent.select().where(CaseEvent.case == case, CaseEvent.kind == "safeguarding").exists()


def test_the_same_submission_key_twice_makes_one_notice(database: Any, school: School) -> None:
    first = submit_notice(_details(school), submission_key="once", today=TODAY, notify=NOTIFY)
    again = submit_notice(_details(school, first_name="Other"), submission_key="once", today=TODAY, notify=NOTIFY)
    assert not again.created and again.reference == first.reference
    assert EheNotice.select().count() == 1 and Child.select().count() == 1


def test_the_school_the_team_and_the_parent_are_emailed_without_the_childs_details(
    database: Any, school: School
) -> None:
    school.contact_email = "office@riverside.example.sch.uk"
    school.save()
    result = submit_notice(_details(school), submission_key="k", today=TODAY, notify=NOTIFY)
    messages = {message.kind: message for message in EmailMessage.select()}
    assert set(messages) == {"team_alert", "school_notice", "receipt"}
    assert messages["school_notice"].to == "office@riverside.example.sch.uk"
    assert "https://portal.example/schools/" in messages["school_notice"].body
    assert sorted(result.email_ids) == sorted(message.id for message in messages.values())
    for message in messages.values():
        assert result.reference in message.body
        for detail in ("Evie", "Carter", "2017", "Elm Grove"):
            assert detail not in message.subject + message.body


def test_a_school_without_a_contact_address_is_flagged_to_the_team(database: Any, school: School) -> None:
    submit_notice(_details(school), submission_key="k", today=TODAY, notify=NOTIFY)
    case = EheNotice.get().case
    assert CaseEvent.select().where(CaseEvent.case == case, CaseEvent.summary.contains("no contact address")).exists()
    assert not EmailMessage.select().where(EmailMessage.kind == "school_notice").exists()
