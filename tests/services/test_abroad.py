"""Extended leave abroad: the attendance concern, the stages, the escalation to the LA, removal on its agreement."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from portal.models import AuditEvent, Case, CaseEvent, Enquiry
from portal.models.school_records import AbroadRecord, AbroadStage
from portal.rules.abroad_removal import removal_conditions
from portal.rules.deletion_grounds import DeletionGround
from portal.rules.register import CaseSource, CaseType
from portal.services import abroad, case_work
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


I_CONDITIONS = [condition.key for condition in removal_conditions(DeletionGround.CONTINUOUS_ABSENCE)]
H_CONDITIONS = [condition.key for condition in removal_conditions(DeletionGround.NOT_RETURNED_FROM_LEAVE)]
G_CONDITIONS = [condition.key for condition in removal_conditions(DeletionGround.MOVED_AWAY)]
# Left on Friday 13 November 2026: the 20th school day of absence is Thursday 10 December.
GROUND_I_FROM = date(2026, 12, 11)


def _la_decides(record: AbroadRecord, officer: Any, decision: str) -> AbroadRecord:
    """An officer records the LA's decision on the case, as on the case page (after an enquiry of the LA's own)."""
    Enquiry.create(case=record.case, party="la", kind="s2s", done_on=TODAY, made_by="Officer", outcome="Not found")
    case = Case.get_by_id(record.case_id)
    case_work.record_la_decision(case.id, version=case.version, decision=decision, note="", actor=officer)
    return AbroadRecord.get_by_id(record.id)


def _remove(record: AbroadRecord, user: Any, ground: str, today: date, confirmed: list[str], **options: Any) -> None:
    abroad.record_removal(
        record,
        ground=ground,
        confirmed=confirmed,
        removal_date=options.get("removal_date", today),
        new_school_name=options.get("new_school_name", ""),
        actor=user,
        today=today,
        calendar=la_calendar(),
    )


def test_removal_needs_the_las_agreement_and_without_a_school_becomes_cme(
    record: AbroadRecord, school_user: Any, officer: Any
) -> None:
    abroad.record_letter_2(record, TODAY, actor=school_user, today=TODAY)
    with pytest.raises(abroad.StageError, match="local authority's agreement, which has not been recorded yet"):
        _remove(record, school_user, "I", GROUND_I_FROM, I_CONDITIONS)
    record = _la_decides(record, officer, "agreed")
    with pytest.raises(abroad.StageError, match="retrospectively"):
        _remove(record, school_user, "I", GROUND_I_FROM, I_CONDITIONS, removal_date=date(2026, 12, 10))
    _remove(record, school_user, "I", GROUND_I_FROM, I_CONDITIONS)
    assert record.stage == "removed" and record.removal_ground == "I"
    assert record.cme_case.case_type == CaseType.CME.value
    assert record.cme_case.source == CaseSource.ABROAD_ESCALATION.value


def test_ground_i_only_after_20_school_days_of_absence(record: AbroadRecord, school_user: Any, officer: Any) -> None:
    abroad.record_letter_2(record, TODAY, actor=school_user, today=TODAY)
    record = _la_decides(record, officer, "agreed")
    with pytest.raises(abroad.StageError, match="Ground I is available from 11 December 2026, after 20 school days"):
        _remove(record, school_user, "I", TODAY, I_CONDITIONS)
    with pytest.raises(abroad.StageError, match="available from 11 December 2026"):
        _remove(record, school_user, "I", date(2026, 12, 10), I_CONDITIONS)
    assert AbroadRecord.get_by_id(record.id).stage == "letter_2_sent"


def test_the_removal_keeps_which_officer_agreed_and_when(record: AbroadRecord, school_user: Any, officer: Any) -> None:
    abroad.record_letter_2(record, TODAY, actor=school_user, today=TODAY)
    record = _la_decides(record, officer, "agreed")
    decided_at = Case.get_by_id(record.case_id).la_decision_at
    _remove(record, school_user, "I", GROUND_I_FROM, I_CONDITIONS, new_school_name="Lahore Grammar School")
    record = AbroadRecord.get_by_id(record.id)
    assert (record.removal_agreed_by_id, record.removal_agreed_at) == (officer.id, decided_at)
    assert f"Local authority agreement: {officer.name}" in record.stages.order_by(AbroadStage.id.desc()).get().note
    removal = AuditEvent.get(AuditEvent.action == "remove", AuditEvent.object_type == "abroad_record")
    assert removal.user_id == school_user.id
    assert json.loads(removal.changes)["removal_agreed_by"] == [None, officer.id]


def test_the_school_confirms_no_sickness_and_the_joint_enquiries(
    record: AbroadRecord, school_user: Any, officer: Any
) -> None:
    abroad.record_letter_2(record, TODAY, actor=school_user, today=TODAY)
    record = _la_decides(record, officer, "agreed")
    without_sickness = [key for key in I_CONDITIONS if key != "not_sickness_or_unavoidable_cause"]
    with pytest.raises(abroad.StageError, match="Confirm every condition"):
        _remove(record, school_user, "I", GROUND_I_FROM, without_sickness)


def test_ground_h_needs_leave_granted_and_the_10_school_days_after_it(
    database: Any, school: Any, school_user: Any, officer: Any
) -> None:
    seed_terms()
    no_leave = abroad.submit_abroad(
        draft_for(school, school_user, "abroad", abroad_answers()),
        actor=school_user,
        today=TODAY,
        calendar=la_calendar(),
        settings=la_settings(),
    )
    assert no_leave.leave_last_day is None
    abroad.record_letter_2(no_leave, TODAY, actor=school_user, today=TODAY)
    no_leave = _la_decides(no_leave, officer, "agreed")
    with pytest.raises(abroad.StageError, match="only for a pupil who was given leave of absence"):
        _remove(no_leave, school_user, "H", date(2027, 1, 11), H_CONDITIONS)

    # Leave until Friday 20 November: the 10 school days after it end on Friday 4 December.
    on_leave = abroad.submit_abroad(
        draft_for(school, school_user, "abroad", abroad_answers(first="Omar", leave_last_day=date(2026, 11, 20))),
        actor=school_user,
        today=TODAY,
        calendar=la_calendar(),
        settings=la_settings(),
    )
    assert on_leave.leave_last_day == date(2026, 11, 20)
    abroad.record_letter_2(on_leave, TODAY, actor=school_user, today=TODAY)
    on_leave = _la_decides(on_leave, officer, "agreed")
    with pytest.raises(abroad.StageError, match="Ground H is available from 5 December 2026"):
        _remove(on_leave, school_user, "H", date(2026, 12, 4), H_CONDITIONS)
    _remove(on_leave, school_user, "H", date(2026, 12, 7), H_CONDITIONS)
    assert on_leave.removal_ground == "H" and on_leave.removal_agreed_by_id == officer.id


def test_when_the_la_does_not_agree_only_ground_g_is_left(record: AbroadRecord, school_user: Any, officer: Any) -> None:
    abroad.record_letter_2(record, TODAY, actor=school_user, today=TODAY)
    record = _la_decides(record, officer, "refused")
    with pytest.raises(abroad.StageError, match="did not agree to removal"):
        _remove(record, school_user, "I", GROUND_I_FROM, I_CONDITIONS)
    with pytest.raises(abroad.StageError, match="Confirm every condition"):
        _remove(record, school_user, "G", TODAY, G_CONDITIONS[:-1])
    _remove(record, school_user, "G", TODAY, G_CONDITIONS)
    assert record.removal_ground == "G" and record.removal_agreed_by_id is None


def test_removal_to_a_known_school_opens_no_cme_case(record: AbroadRecord, school_user: Any) -> None:
    _remove(record, school_user, "G", TODAY, G_CONDITIONS, new_school_name="Escola Lisboa")
    assert record.cme_case is None and Case.select().count() == 1
