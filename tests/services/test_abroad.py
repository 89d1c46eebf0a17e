"""Extended leave abroad: the attendance concern, the stages, the escalation to the LA, removal on its agreement."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from portal.models import Case, CaseEvent
from portal.models.school_records import AbroadRecord
from portal.rules.register import CaseSource, CaseType
from portal.services import abroad
from portal.services.calendar import la_calendar, la_settings
from tests.conftest import TODAY
from tests.services.school_helpers import abroad_answers, draft_for, seed_terms


@pytest.fixture
def record(database: Any, school: Any, school_user: Any) -> AbroadRecord:
    seed_terms()
    draft = draft_for(school, school_user, "abroad", abroad_answers())
    return abroad.submit_abroad(draft, actor=school_user, today=TODAY, calendar=la_calendar(), settings=la_settings())


def test_the_la_sees_the_record_at_once_as_an_attendance_concern(record: AbroadRecord) -> None:
    assert record.stage == "letter_1_sent"
    assert record.response_due == date(2026, 11, 30), "10 school days after Letter 1 on Monday 16 November"
    assert record.case.case_type == CaseType.ABROAD.value
    assert record.case.source == CaseSource.SCHOOL_REFERRAL.value
    assert "Attendance concern" in record.case.summary


def test_no_response_only_after_the_response_window(record: AbroadRecord, school_user: Any) -> None:
    with pytest.raises(abroad.StageError, match="until 30 November 2026"):
        abroad.record_no_response(record, TODAY, actor=school_user, today=TODAY)
    abroad.record_no_response(record, date(2026, 12, 1), actor=school_user, today=date(2026, 12, 1))
    assert record.stage == "no_response"


def test_return_date_passing_without_a_return_escalates_once(record: AbroadRecord) -> None:
    assert abroad.escalate_overdue(date(2026, 12, 11)) == [], "not before the evidenced return date has passed"
    lines = abroad.escalate_overdue(date(2026, 12, 14))
    record = AbroadRecord.get_by_id(record.id)
    assert len(lines) == 1 and record.escalated_at is not None
    assert "evidenced return date" in record.escalation_reason
    assert record.case.next_action.startswith("Decide whether to agree to removal")
    assert CaseEvent.select().where(CaseEvent.case == record.case, CaseEvent.kind == "escalated").count() == 1
    assert abroad.escalate_overdue(date(2026, 12, 15)) == []
    assert Case.select().count() == 1


def test_letter_2_escalates_at_once(record: AbroadRecord, school_user: Any) -> None:
    abroad.record_letter_2(record, TODAY, actor=school_user, today=TODAY)
    assert record.stage == "letter_2_sent" and record.escalated_at is not None
    assert abroad.escalate_overdue(date(2026, 12, 14)) == []


def test_escalation_of_a_closed_concern_opens_an_abroad_escalation_case(record: AbroadRecord) -> None:
    Case.update(status="closed").where(Case.id == record.case_id).execute()
    abroad.escalate_overdue(date(2026, 12, 14))
    record = AbroadRecord.get_by_id(record.id)
    assert record.case.source == CaseSource.ABROAD_ESCALATION.value
    assert Case.select().count() == 2


def test_a_returned_pupil_is_never_escalated(record: AbroadRecord, school_user: Any) -> None:
    abroad.record_returned(record, date(2026, 12, 10), actor=school_user)
    assert record.stage == "returned" and record.returned_on == date(2026, 12, 10)
    assert abroad.escalate_overdue(date(2026, 12, 14)) == []
    with pytest.raises(abroad.StageError):
        abroad.record_returned(record, date(2026, 12, 11), actor=school_user)


def test_removal_needs_the_las_agreement_and_without_a_school_becomes_cme(
    record: AbroadRecord, school_user: Any, officer: Any
) -> None:
    abroad.record_letter_2(record, TODAY, actor=school_user, today=TODAY)
    with pytest.raises(abroad.StageError, match="until the local authority has agreed"):
        abroad.record_removal(
            record, ground="I", removal_date=TODAY, new_school_name="", actor=school_user, today=TODAY
        )
    Case.update(la_decision="agreed", la_decision_by=officer).where(Case.id == record.case_id).execute()
    record = AbroadRecord.get_by_id(record.id)
    with pytest.raises(abroad.StageError, match="retrospectively"):
        abroad.record_removal(
            record, ground="I", removal_date=date(2026, 11, 24), new_school_name="", actor=school_user, today=TODAY
        )
    abroad.record_removal(record, ground="I", removal_date=TODAY, new_school_name="", actor=school_user, today=TODAY)
    assert record.stage == "removed" and record.removal_ground == "I"
    assert record.cme_case.case_type == CaseType.CME.value
    assert record.cme_case.source == CaseSource.ABROAD_ESCALATION.value


def test_removal_to_a_known_school_opens_no_cme_case(record: AbroadRecord, school_user: Any) -> None:
    abroad.record_letter_2(record, TODAY, actor=school_user, today=TODAY)
    Case.update(la_decision="agreed").where(Case.id == record.case_id).execute()
    record = AbroadRecord.get_by_id(record.id)
    abroad.record_removal(
        record, ground="G", removal_date=TODAY, new_school_name="Escola Lisboa", actor=school_user, today=TODAY
    )
    assert record.cme_case is None and Case.select().count() == 1
