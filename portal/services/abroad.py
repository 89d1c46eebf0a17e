"""Pupils on extended leave abroad: the record, its stages, and escalation to the LA.

Ealing EGfL extended leave abroad guidance: Letter 1 (conditions for staying on roll, and the LA is told at once
through the Attendance Concern), the parent's response within 10 school days (Letter 1a) or Letter 2 (off-roll
warning), then the LA decides whether it agrees to removal. Pupils stay on roll while the school knows where they
are and the parent says they will return (domain brief section 5). Removal is on ground G, H or I
(portal.rules.abroad_removal): H and I need an LA officer's recorded agreement on the case (Case.la_decision), which
the removal keeps a reference to; a pupil removed without a known school becomes a CME case.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from portal.clock import to_london
from portal.db import db
from portal.models import School, User
from portal.models.school_records import AbroadRecord, AbroadStage, SchoolDraft
from portal.rules.abroad_removal import AbroadRemovalAssessment, assess_abroad_removal, unconfirmed
from portal.rules.calendar import SchoolCalendar, format_date
from portal.rules.deletion_grounds import DeletionGround, is_backdated
from portal.rules.register import CaseSource, CaseStatus, CaseType
from portal.rules.thresholds import LocalSettings, abroad_response_due
from portal.services.audit import audit
from portal.services.cases import add_event, open_case
from portal.services.children import AddressDetails, ChildDetails, ContactDetails, record_child
from portal.services.drafts import claim_draft, draft_answers, new_reference
from portal.services.leavers import flags_of

Answers = dict[str, dict[str, Any]]

STAGE_LABELS = {
    "letter_1_sent": "Letter 1 sent",
    "response_received": "Response received (Letter 1a sent)",
    "no_response": "No response in time",
    "letter_2_sent": "Letter 2 sent",
    "not_returned": "Not returned on the evidenced date",
    "returned": "Returned to school",
    "removed": "Removed from the register",
}
OPEN_STAGES = ("letter_1_sent", "response_received", "no_response", "letter_2_sent", "not_returned")
REMOVAL_GROUNDS = ("G", "H", "I")  # domain brief section 5: deletion for a child abroad is G, H or I


class StageError(ValueError):
    """The stage cannot be recorded now; the message says why, in words for the school, and ``field`` which answer."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def _a(answers: Answers, step: str, name: str, default: Any = None) -> Any:
    return (answers.get(step) or {}).get(name, default)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _child(answers: Answers, school: School, actor: User) -> Any:
    contacts = []
    if _a(answers, "parent", "name"):
        contacts.append(
            ContactDetails(
                name=_a(answers, "parent", "name"),
                relationship=_a(answers, "parent", "relationship", ""),
                phone=_a(answers, "parent", "phone", ""),
                email=_a(answers, "parent", "email", "") or "",
                lives_with_child=True,
                has_parental_responsibility=True,
                is_emergency_contact=True,
            )
        )
    contacts.append(
        ContactDetails(
            name=_a(answers, "responsible-adult", "adult_name", ""),
            relationship=_a(answers, "responsible-adult", "adult_relationship", ""),
            phone=_a(answers, "contact-details", "contact_phone", "") or "",
            email=_a(answers, "contact-details", "contact_email", "") or "",
            address=(_a(answers, "address-abroad", "address_abroad", "") or "")[:400],
            lives_with_child=True,
        )
    )
    address = None
    if _a(answers, "home-address", "line_1"):
        address = AddressDetails(
            line_1=_a(answers, "home-address", "line_1", ""),
            line_2=_a(answers, "home-address", "line_2", "") or "",
            town=_a(answers, "home-address", "town", ""),
            postcode=_a(answers, "home-address", "postcode", ""),
        )
    details = ChildDetails(
        first_name=_a(answers, "pupil-name", "first_name", ""),
        middle_names=_a(answers, "pupil-name", "middle_names", "") or "",
        last_name=_a(answers, "pupil-name", "last_name", ""),
        date_of_birth=_date(_a(answers, "date-of-birth", "date_of_birth")),
        upn=_a(answers, "upn", "upn") or None,
        school=school,
        address=address,
        contacts=contacts,
        flags=flags_of(answers),
    )
    return record_child(details, actor=actor)


def _stage(record: AbroadRecord, stage: str, on: date, actor: User | None, note: str = "") -> AbroadStage:
    before = record.stage
    record.stage = stage
    row = AbroadStage.create(record=record, stage=stage, on=on, note=note[:2000], recorded_by=actor)
    audit(
        actor,
        "update",
        "abroad_record",
        record.id,
        child_id=record.child_id,
        changes={"stage": [before, stage], "on": [None, on]},
    )
    return row


def submit_abroad(
    draft: SchoolDraft, *, actor: User, today: date, calendar: SchoolCalendar, settings: LocalSettings
) -> AbroadRecord:
    """Record the pupil abroad; the LA sees it at once as an attendance concern (an ABROAD case)."""
    answers = draft_answers(draft)
    school = draft.school
    letter_1 = _date(_a(answers, "letter-1", "letter_1_sent_on"))
    assert letter_1 is not None
    response_due = abroad_response_due(letter_1, calendar, settings)
    with db.atomic():
        claim_draft(draft)
        child = _child(answers, school, actor)
        record = AbroadRecord.create(
            reference=new_reference("ABR", AbroadRecord, today.year),
            school=school,
            child=child,
            source_draft_id=draft.id,
            date_left=_date(_a(answers, "date-left", "date_left")),
            reason="\n\n".join(
                part
                for part in (_a(answers, "reason", "reason", ""), _a(answers, "reason", "evidence_of_reason", ""))
                if part
            ),
            country=_a(answers, "address-abroad", "country", ""),
            address_abroad=_a(answers, "address-abroad", "address_abroad", ""),
            responsible_adult=_a(answers, "responsible-adult", "adult_name", ""),
            relationship=_a(answers, "responsible-adult", "adult_relationship", ""),
            phone=_a(answers, "contact-details", "contact_phone", "") or "",
            email=_a(answers, "contact-details", "contact_email", "") or "",
            return_date=_date(_a(answers, "return-date", "return_date")),
            return_evidence=_a(answers, "return-date", "return_evidence", ""),
            contact_schedule=_a(answers, "contact-schedule", "contact_schedule", ""),
            leave_last_day=(
                _date(_a(answers, "leave-end", "leave_last_day"))
                if _a(answers, "leave", "leave_granted") == "yes"
                else None
            ),
            letter_1_sent_on=letter_1,
            response_due=response_due,
            stage="letter_1_sent",
            created_by=actor,
        )
        AbroadStage.create(record=record, stage="letter_1_sent", on=letter_1, recorded_by=actor)
        record.case = open_case(
            child=child,
            case_type=CaseType.ABROAD,
            source=CaseSource.SCHOOL_REFERRAL,
            today=today,
            actor=actor,
            actor_label=f"{actor.name}, {school.name}",
            school=school,
            last_day_in_education=record.date_left,
            summary=(
                f"Attendance concern: extended leave abroad ({record.country}) from {school.name}, "
                f"reference {record.reference}. Left on {format_date(record.date_left)}; evidenced return date "
                f"{format_date(record.return_date) if record.return_date else 'not given'}. Letter 1 sent on "
                f"{format_date(letter_1)}; response due by {format_date(response_due)}."
            ),
        )
        record.save()
        audit(
            actor,
            "create",
            "abroad_record",
            record.id,
            child_id=child.id,
            changes={"reference": [None, record.reference], "case": [None, record.case.reference]},
        )
    return record


def _note_on_case(record: AbroadRecord, summary: str, actor: User | None, detail: str = "") -> None:
    if record.case is not None:
        add_event(
            record.case, "abroad", summary, actor=actor, actor_label="" if actor else "Scheduled check", detail=detail
        )


def record_response(record: AbroadRecord, on: date, *, actor: User, note: str = "") -> None:
    """The parent answered Letter 1 with what it asks for: the school sends Letter 1a."""
    if record.stage not in ("letter_1_sent", "no_response"):
        raise StageError("A response can only be recorded while the school is waiting for one")
    with db.atomic():
        _stage(record, "response_received", on, actor, note)
        record.save()
        _note_on_case(record, f"Parent responded to Letter 1 on {format_date(on)} (Letter 1a sent)", actor, note)


def record_no_response(record: AbroadRecord, on: date, *, actor: User, today: date, note: str = "") -> None:
    """No complete response within the window (10 school days by default): the school sends Letter 2 next."""
    if record.stage != "letter_1_sent":
        raise StageError("No response can only be recorded while the school is waiting for one")
    if record.response_due is not None and today <= record.response_due:
        raise StageError(f"The parent has until {format_date(record.response_due)} to respond to Letter 1")
    with db.atomic():
        _stage(record, "no_response", on, actor, note)
        record.save()
        _note_on_case(record, f"No response to Letter 1 by {format_date(record.response_due or on)}", actor, note)


def escalate(record: AbroadRecord, reason: str, *, today: date, actor: User | None) -> bool:
    """Send the record to the LA for its decision on removal. Idempotent: False if it was escalated already."""
    if record.escalated_at is not None:
        return False
    record.escalated_at = datetime.now(UTC)
    record.escalation_reason = reason[:200]
    text = f"Escalated to the local authority: {reason}. Decide whether to agree to removal from the register."
    case = record.case
    if case is not None and case.status != CaseStatus.CLOSED.value:
        add_event(case, "escalated", text[:300], actor=actor, actor_label="" if actor else "Scheduled check")
        case.next_action = "Decide whether to agree to removal from the register"[:200]
        case.next_action_date = today
        case.version += 1
        case.updated_at = datetime.now(UTC)
        case.save()
    else:
        record.case = open_case(
            child=record.child,
            case_type=CaseType.ABROAD,
            source=CaseSource.ABROAD_ESCALATION,
            today=today,
            actor=actor,
            actor_label="" if actor else "Scheduled check",
            school=record.school,
            last_day_in_education=record.date_left,
            summary=text,
        )
    record.save()
    audit(
        actor, "escalate", "abroad_record", record.id, child_id=record.child_id, changes={"escalated": [None, reason]}
    )
    return True


def record_letter_2(record: AbroadRecord, on: date, *, actor: User, today: date, note: str = "") -> None:
    """Letter 2 (off-roll warning) sent: the record goes to the LA (Ealing: the LA then decides by email)."""
    if record.stage not in ("letter_1_sent", "response_received", "no_response", "not_returned"):
        raise StageError("Letter 2 cannot be recorded at this stage")
    with db.atomic():
        _stage(record, "letter_2_sent", on, actor, note)
        _note_on_case(record, f"Letter 2 sent on {format_date(on)}", actor, note)
        escalate(record, f"Letter 2 sent on {format_date(on)}", today=today, actor=actor)
        record.save()


def record_not_returned(record: AbroadRecord, on: date, *, actor: User, today: date, note: str = "") -> None:
    if record.stage not in ("letter_1_sent", "response_received", "no_response", "letter_2_sent"):
        raise StageError("This cannot be recorded at this stage")
    if record.return_date is not None and on < record.return_date:
        raise StageError(f"The evidenced return date is {format_date(record.return_date)}: record this after it")
    with db.atomic():
        _stage(record, "not_returned", on, actor, note)
        _note_on_case(record, "Pupil did not return on the evidenced date", actor, note)
        escalate(record, "the pupil did not return on the evidenced date", today=today, actor=actor)
        record.save()


def record_returned(record: AbroadRecord, on: date, *, actor: User, note: str = "") -> None:
    """The pupil is back: the record closes; the LA's officer can close the attendance concern."""
    if record.stage not in OPEN_STAGES:
        raise StageError("This record is already closed")
    with db.atomic():
        _stage(record, "returned", on, actor, note)
        record.returned_on = on
        record.save()
        _note_on_case(record, f"Pupil returned to school on {format_date(on)}", actor, note)
        if record.case is not None and record.case.status != CaseStatus.CLOSED.value:
            record.case.next_action = "Close the case: the pupil is back at school"
            record.case.next_action_date = on
            record.case.save()


def la_decision(record: AbroadRecord) -> str:
    """The LA's decision on removal, as recorded on the case: "agreed", "refused" or "" (none yet)."""
    return record.case.la_decision if record.case is not None and record.escalated_at is not None else ""


def _la_agreed(record: AbroadRecord) -> bool | None:
    return {"agreed": True, "refused": False}.get(la_decision(record))


def removal_assessment(
    record: AbroadRecord, ground: str, *, today: date, calendar: SchoolCalendar | None
) -> AbroadRemovalAssessment:
    """Whether the school can remove the pupil on ``ground`` ("G", "H" or "I") today, and if not why not."""
    return assess_abroad_removal(
        DeletionGround(ground),
        date_left=record.date_left,
        leave_last_day=record.leave_last_day,
        la_agreed=_la_agreed(record),
        on=today,
        calendar=calendar,
    )


def record_removal(
    record: AbroadRecord,
    *,
    ground: str,
    confirmed: list[str],
    removal_date: date,
    new_school_name: str,
    actor: User,
    today: date,
    calendar: SchoolCalendar | None,
) -> None:
    """Remove the pupil on ground G, H or I once its conditions are met; without a known school the child is CME.

    Under H and I the removal keeps who in the LA agreed, and when (SI 2024/208 reg 9(1)(h), (i); WTISA).
    """
    if record.stage not in OPEN_STAGES:
        raise StageError("This record is already closed")
    if ground not in REMOVAL_GROUNDS:
        raise StageError("Choose ground G, H or I", "ground")
    assessment = removal_assessment(record, ground, today=today, calendar=calendar)
    if not assessment.can_remove:
        raise StageError(assessment.explanation, "confirmed")
    if unconfirmed(assessment.ground, confirmed):
        raise StageError(f"Confirm every condition. If one is not true, ground {ground} cannot be used", "confirmed")
    if is_backdated(removal_date, today):
        raise StageError(
            "The removal date must be today or later: a name cannot be removed retrospectively", "removal_date"
        )
    relies_on_la = assessment.ground.la_must_agree
    case = record.case
    with db.atomic():
        note = f"Ground {ground}. New school: {new_school_name or 'not known'}"
        if relies_on_la:
            record.removal_agreed_by = case.la_decision_by_id
            record.removal_agreed_at = case.la_decision_at
            agreed_by = case.la_decision_by.name if case.la_decision_by_id else "an officer"
            agreed_on = format_date(to_london(case.la_decision_at).date()) if case.la_decision_at else "an unknown date"
            note += f". Local authority agreement: {agreed_by}, {agreed_on}, case {case.reference}"
        _stage(record, "removed", removal_date, actor, note)
        record.removed_on = removal_date
        record.removal_ground = ground
        _note_on_case(record, f"Removed from the register on {format_date(removal_date)} (ground {ground})", actor)
        if not new_school_name:
            agreement = ", with the LA's agreement" if relies_on_la else ""
            record.cme_case = open_case(
                child=record.child,
                case_type=CaseType.CME,
                source=CaseSource.ABROAD_ESCALATION,
                today=today,
                actor=actor,
                actor_label=f"{actor.name}, {record.school.name}",
                school=record.school,
                last_day_in_education=record.date_left,
                summary=(
                    f"Removed from {record.school.name} on ground {ground} after extended leave abroad "
                    f"({record.country}){agreement}; no new school known. Abroad record {record.reference}."
                ),
            )
        record.save()
        audit(
            actor,
            "remove",
            "abroad_record",
            record.id,
            child_id=record.child_id,
            changes={
                "removal_ground": [None, ground],
                "removed_on": [None, removal_date],
                "confirmed": [None, sorted(confirmed)],
                "removal_agreed_by": [None, record.removal_agreed_by_id],
                "removal_agreed_at": [None, record.removal_agreed_at],
                "la_decision_case": [None, case.reference if relies_on_la else None],
            },
        )


def escalate_overdue(today: date) -> list[str]:
    """Sweep: evidenced return date passed with no return recorded (or Letter 2 sent) -> escalate. Idempotent."""
    lines = []
    overdue = AbroadRecord.select().where(
        AbroadRecord.escalated_at.is_null(),
        AbroadRecord.stage.in_(OPEN_STAGES),
        (AbroadRecord.return_date < today) | (AbroadRecord.stage == "letter_2_sent"),
    )
    for record in overdue:
        reason = (
            "Letter 2 was sent"
            if record.stage == "letter_2_sent"
            else f"the evidenced return date, {format_date(record.return_date)}, passed without a return"
        )
        with db.atomic():
            if escalate(record, reason, today=today, actor=None):
                lines.append(f"abroad record {record.reference} escalated ({record.case.reference})")
    return lines


def stage_history(record: AbroadRecord) -> list[AbroadStage]:
    return list(record.stages.order_by(AbroadStage.on, AbroadStage.id))
