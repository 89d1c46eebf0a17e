"""Officers working a case: status, assignment, risk and flags, next action, notes, closing and reopening.

Every change is checked against the version the officer started from (optimistic locking on ``Case.version``): a
save based on an older version is refused with ``CaseConflict``, naming who changed the case and when, so nobody
silently overwrites a colleague's work. Each use case runs in one transaction, writes the case's timeline and an
audit record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from portal.clock import to_london
from portal.db import db
from portal.models import Case, ChildFlag, Enquiry, School, User
from portal.models.fields import utc_now
from portal.rules.calendar import format_date
from portal.rules.register import (
    CaseStatus,
    ClosureReason,
    RiskFlag,
    RiskLevel,
    closure_enquiries_missing,
    closure_requirements,
    risk_level_for,
)
from portal.services.audit import audit, changes_between
from portal.services.cases import add_event
from portal.services.enquiries import ENQUIRY_KINDS

OPEN_STATUSES = (CaseStatus.RECEIVED, CaseStatus.WITH_OFFICER, CaseStatus.MORE_INFORMATION)


class CaseWorkError(ValueError):
    """A change that cannot be made as asked, with a message for each field to put right."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class CaseConflict(Exception):
    """Someone else changed the case after the officer opened it: nothing was saved."""

    def __init__(self, case: Case, changed_by: str, changed_at: datetime) -> None:
        self.case = case
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.current_version = case.version
        super().__init__(self.message)

    @property
    def message(self) -> str:
        at = to_london(self.changed_at)
        return (
            f"{self.changed_by} changed this case at {at:%H:%M} on {at.day} {at:%B %Y}, after you opened it. "
            "Your changes have not been saved. Check the case as it is now, then save your changes again."
        )


def _conflict(case_id: int) -> CaseConflict:
    case = Case.get_by_id(case_id)
    who = User.get_or_none(User.id == case.updated_by_id) if case.updated_by_id else None
    return CaseConflict(case, who.name if who else "Someone", case.updated_at)


def _save(case_id: int, version: int, actor: User, **values: Any) -> Case:
    """Write ``values`` if the case is still at ``version``; bumps the version. Call inside ``db.atomic()``."""
    updated = (
        Case.update(version=Case.version + 1, updated_at=utc_now(), updated_by=actor.id, **values)
        .where(Case.id == case_id, Case.version == version)
        .execute()
    )
    if updated != 1:
        raise _conflict(case_id)
    return Case.get_by_id(case_id)


def _current(case_id: int, version: int) -> Case:
    case = Case.get_by_id(case_id)
    if case.version != version:
        raise _conflict(case_id)
    return case


def _record(case: Case, actor: User, kind: str, summary: str, changes: dict[str, list[Any]], detail: str = "") -> None:
    add_event(case, kind, summary, actor=actor, detail=detail)
    audit(actor, "update", "case", case.id, child_id=case.child_id, changes=changes)


def change_status(case_id: int, *, version: int, status: CaseStatus, actor: User, note: str = "") -> Case:
    """Move an open case between the open statuses. Closing and reopening have their own use cases."""
    if status not in OPEN_STATUSES:
        raise CaseWorkError({"status": "Close the case with a closure reason instead"})
    with db.atomic():
        before = _current(case_id, version)
        if before.status == CaseStatus.CLOSED.value:
            raise CaseWorkError({"status": "This case is closed. Reopen it with a reason first"})
        if before.status == status.value and not note:
            return before
        case = _save(case_id, version, actor, status=status.value)
        old = CaseStatus(before.status).label
        _record(
            case, actor, "status", f"Status changed from {old} to {status.label}", {"status": [old, status.label]}, note
        )
    return case


def active_officer(officer_id: int) -> User | None:
    return User.get_or_none(User.id == officer_id, User.role == "officer", User.is_active == True)  # noqa: E712


def assign_case(case_id: int, *, version: int, officer_id: int | None, actor: User) -> Case:
    """Give the case to an officer, or to nobody."""
    officer = None
    if officer_id is not None:
        officer = active_officer(officer_id)
        if officer is None:
            raise CaseWorkError({"officer": "Select an officer from the list"})
    with db.atomic():
        before = _current(case_id, version)
        if before.assigned_to_id == (officer.id if officer else None):
            return before
        old = User.get_or_none(User.id == before.assigned_to_id) if before.assigned_to_id else None
        case = _save(case_id, version, actor, assigned_to=officer.id if officer else None)
        summary = f"Assigned to {officer.name}" if officer else "No longer assigned to an officer"
        _record(
            case,
            actor,
            "assigned",
            summary,
            {"assigned_to": [old.name if old else None, officer.name if officer else None]},
        )
    return case


def set_risk(case_id: int, *, version: int, risk_level: RiskLevel, flags: set[RiskFlag], actor: User) -> Case:
    """Set the child's vulnerability flags and the case's risk level.

    The level can be raised by the officer but never set below what the flags require: a child with a child
    protection plan, looked after, with a social worker or an exploitation concern is high priority (KCSIE; CME
    guidance; portal.rules.register.risk_level_for).
    """
    required = risk_level_for(flags)
    if required is RiskLevel.HIGH and risk_level is not RiskLevel.HIGH:
        raise CaseWorkError(
            {"risk_level": "Choose high: a child with any of these flags is high priority (KCSIE, CME guidance)"}
        )
    with db.atomic():
        before = _current(case_id, version)
        existing = {row.flag: row for row in ChildFlag.select().where(ChildFlag.child == before.child_id)}
        wanted = {flag.value for flag in flags}
        if before.risk_level == risk_level.value and set(existing) == wanted:
            return before
        for value, row in existing.items():
            if value not in wanted:
                row.delete_instance()
        for value in sorted(wanted - set(existing)):
            ChildFlag.create(child=before.child_id, flag=value)
        case = _save(case_id, version, actor, risk_level=risk_level.value)
        if required is RiskLevel.HIGH:
            # The flags belong to the child, so the child's other open cases become high priority too.
            Case.update(
                risk_level=RiskLevel.HIGH.value, version=Case.version + 1, updated_at=utc_now(), updated_by=actor.id
            ).where(
                Case.child == before.child_id,
                Case.id != case_id,
                Case.status != CaseStatus.CLOSED.value,
                Case.risk_level != RiskLevel.HIGH.value,
            ).execute()
        labels = {flag.value: flag.label for flag in RiskFlag}
        added = sorted(labels.get(v, v) for v in wanted - set(existing))
        removed = sorted(labels.get(v, v) for v in set(existing) - wanted)
        parts = [f"Risk {RiskLevel(risk_level).label.lower()}"]
        if added:
            parts.append("flags added: " + ", ".join(added))
        if removed:
            parts.append("flags removed: " + ", ".join(removed))
        _record(
            case,
            actor,
            "risk",
            "; ".join(parts),
            {"risk_level": [before.risk_level, risk_level.value], "flags": [sorted(existing), sorted(wanted)]},
        )
    return case


def set_next_action(
    case_id: int, *, version: int, next_action: str, next_action_date: date | None, today: date, actor: User
) -> Case:
    """What happens next on the case and by when (both, or neither to clear it)."""
    next_action = " ".join(next_action.split())
    errors = {}
    if next_action and next_action_date is None:
        errors["next_action_date"] = "Enter the date the next action is due"
    if next_action_date is not None and not next_action:
        errors["next_action"] = "Enter the next action"
    if next_action_date is not None and next_action_date < today:
        errors["next_action_date"] = "The date the next action is due must be today or in the future"
    if errors:
        raise CaseWorkError(errors)
    with db.atomic():
        before = _current(case_id, version)
        if before.next_action == next_action and before.next_action_date == next_action_date:
            return before
        case = _save(case_id, version, actor, next_action=next_action, next_action_date=next_action_date)
        summary = (
            f"Next action: {next_action}, due {format_date(next_action_date)}"
            if next_action_date
            else "Next action cleared"
        )
        _record(
            case,
            actor,
            "next_action",
            summary,
            changes_between(
                {"next_action": before.next_action, "next_action_date": before.next_action_date},
                {"next_action": next_action, "next_action_date": next_action_date},
            ),
        )
    return case


def add_note(case_id: int, *, text: str, actor: User) -> Case:
    """A note on the timeline. Notes only add, so they never conflict with a colleague's edit."""
    text = text.strip()
    if not text:
        raise CaseWorkError({"note": "Enter a note"})
    with db.atomic():
        case = Case.get_by_id(case_id)
        first_line = " ".join(text.split())
        add_event(case, "note", first_line[:120] + ("…" if len(first_line) > 120 else ""), actor=actor, detail=text)
        audit(actor, "note", "case", case.id, child_id=case.child_id, changes={"note": [None, text]})
    return case


@dataclass(frozen=True)
class ClosureDetails:
    reason: ClosureReason
    school_id: int | None = None
    other_la: str = ""
    other_la_notified: bool = False
    detail: str = ""
    duplicate_of: str = ""


def _closure_text(details: ClosureDetails, case: Case) -> tuple[str, dict[str, str]]:
    """Check what the reason needs (portal.rules.register: closure_requirements and the enquiries of
    closure_enquiries_missing); the words kept on the case."""
    errors: dict[str, str] = {}
    parts: list[str] = []
    for item in closure_requirements(details.reason):
        if item == "school":
            school = School.get_or_none(School.id == details.school_id) if details.school_id else None
            if school is None:
                errors["school_id"] = "Select the school the child is on roll at"
            else:
                parts.append(f"On roll at {school.name} (URN {school.urn})")
        elif item == "other_la":
            if not details.other_la.strip():
                errors["other_la"] = "Enter the local authority the child has moved to"
            else:
                parts.append(f"Moved to {details.other_la.strip()}")
        elif item == "other_la_notified":
            if not details.other_la_notified:
                errors["other_la_notified"] = "Tell the other local authority's CME officer before closing the case"
            else:
                parts.append("The other local authority has been told")
        elif item == "detail":
            if not details.detail.strip():
                errors["detail"] = "Enter the evidence for closing the case"
        elif item == "duplicate_of":
            reference = " ".join(details.duplicate_of.split()).upper()
            other = Case.get_or_none(Case.reference == reference) if reference else None
            if other is None:
                errors["duplicate_of"] = "Enter the reference of the case this one duplicates, like CME-2026-123456"
            elif other.id == case.id:
                errors["duplicate_of"] = "Enter the reference of another case, not this one"
            else:
                parts.append(f"Duplicate of {other.reference}")
    if details.detail.strip():
        parts.append(details.detail.strip())
    recorded = {enquiry.kind for enquiry in Enquiry.select(Enquiry.kind).where(Enquiry.case == case.id).distinct()}
    missing = closure_enquiries_missing(details.reason, recorded)
    if missing:
        names = " or ".join(ENQUIRY_KINDS[kind].lower() for kind in missing)
        errors["reason"] = f"Record an enquiry with {names} before closing for this reason"
    return "\n".join(parts), errors


def close_case(case_id: int, *, version: int, details: ClosureDetails, actor: User) -> Case:
    """Close the case for a reason, with what that reason needs recorded (domain brief sections 1 and 4)."""
    with db.atomic():
        before = _current(case_id, version)
        if before.status == CaseStatus.CLOSED.value:
            raise CaseWorkError({"reason": "This case is already closed"})
        detail, errors = _closure_text(details, before)
        if errors:
            raise CaseWorkError(errors)
        case = _save(
            case_id,
            version,
            actor,
            status=CaseStatus.CLOSED.value,
            closed_at=utc_now(),
            closure_reason=details.reason.value,
            closure_detail=detail,
            next_action="",
            next_action_date=None,
        )
        _record(
            case,
            actor,
            "closed",
            f"Closed: {details.reason.label}",
            {"status": [before.status, CaseStatus.CLOSED.value], "closure_reason": [None, details.reason.value]},
            detail,
        )
    return case


def reopen_case(case_id: int, *, version: int, reason: str, actor: User) -> Case:
    """Reopen a closed case, saying why; the closure stays on the timeline."""
    reason = reason.strip()
    if not reason:
        raise CaseWorkError({"reason": "Enter why the case is being reopened"})
    with db.atomic():
        before = _current(case_id, version)
        if before.status != CaseStatus.CLOSED.value:
            raise CaseWorkError({"reason": "This case is not closed"})
        case = _save(
            case_id,
            version,
            actor,
            status=CaseStatus.WITH_OFFICER.value,
            closed_at=None,
            closure_reason="",
            closure_detail="",
        )
        _record(
            case,
            actor,
            "reopened",
            "Reopened",
            {"status": [before.status, case.status], "closure_reason": [before.closure_reason, None]},
            reason,
        )
    return case


LA_DECISIONS = {"agreed": "Agreed", "refused": "Refused"}


def record_la_decision(case_id: int, *, version: int, decision: str, note: str, actor: User) -> Case:
    """The LA's decision on a school's request to remove a pupil (grounds H and I) or for special-school consent.

    Grounds H and I need joint reasonable enquiries by the school and the LA before both agree the pupil will not
    attend again (SI 2024/208 reg 9(1)(h), (i); WTISA; domain brief section 4), so the LA can agree only once it
    has recorded an enquiry of its own. The school reads the decision, who made it and when from the case.
    """
    if decision not in LA_DECISIONS:
        raise CaseWorkError({"decision": "Select whether the local authority agrees"})
    with db.atomic():
        before = _current(case_id, version)
        if decision == "agreed":
            joint = Enquiry.select().where(Enquiry.case == case_id, Enquiry.party == "la").exists()
            if not joint:
                message = (
                    "Record the local authority's enquiries before agreeing: removal on grounds H and I needs joint "
                    "enquiries by the school and the local authority"
                )
                raise CaseWorkError({"decision": message})
        case = _save(case_id, version, actor, la_decision=decision, la_decision_by=actor.id, la_decision_at=utc_now())
        _record(
            case,
            actor,
            "la_decision",
            f"LA decision on removal from roll: {LA_DECISIONS[decision].lower()}",
            {"la_decision": [before.la_decision or None, decision]},
            note.strip(),
        )
    return case


def record_view(case: Case, actor: User) -> None:
    """An officer looked at the child's record: kept in the audit trail (UK GDPR accountability)."""
    with db.atomic():
        audit(actor, "view", "case", case.id, child_id=case.child_id)


def record_export(actor: User, *, filters: dict[str, Any], rows: int) -> None:
    """An officer downloaded the register: who, which filters and how many children."""
    with db.atomic():
        audit(actor, "export", "caseload", "csv", changes={"filters": [None, filters], "rows": [None, rows]})
