"""Read functions for the schools' pages. Every one takes the signed-in user's school and filters by it.

A record of another school is never returned: the page then answers 404, so a school cannot even learn that an id
exists (issue 2, point 5).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import peewee

from portal.digits import is_digits
from portal.models import Case, Child, EheNotice, School
from portal.models.school_records import (
    AbroadRecord,
    ApPlacement,
    Leaver,
    PartTimeTimetable,
    PupilNotAttending,
    SchoolDraft,
    SchoolReferral,
)
from portal.queries.children import flag_values_by_child
from portal.rules.calendar import SchoolCalendar, format_date
from portal.rules.register import CaseStatus, RiskFlag, ehe_meeting_recommended
from portal.rules.thresholds import LocalSettings, deadline_status
from portal.services.children import name_key
from portal.services.drafts import DRAFT_LIFETIME
from portal.services.returns import next_collection

MAX_SCHOOL_MATCHES = 20
RECENT = 50


def find_schools(text: str, *, exclude: School | None = None) -> list[tuple[int, str]]:
    """Open schools whose URN is ``text`` or whose name contains it: (urn, "Name (URN n), town")."""
    text = " ".join(text.split())[:200]
    if not text:
        return []
    if is_digits(text):
        condition = School.urn == int(text) if len(text) <= 9 else School.urn == -1
    else:
        condition = peewee.fn.LOWER(School.name).contains(text.lower())
    query = School.select().where(condition, School.is_open == True)  # noqa: E712
    if exclude is not None:
        query = query.where(School.id != exclude.id)
    return [
        (school.urn, f"{school.name} (URN {school.urn})" + (f", {school.town}" if school.town else ""))
        for school in query.order_by(School.name).limit(MAX_SCHOOL_MATCHES)
    ]


# Drafts -------------------------------------------------------------------------------------------------------
def list_drafts(school: School) -> list[SchoolDraft]:
    cutoff = datetime.now(UTC) - DRAFT_LIFETIME
    return list(
        SchoolDraft.select()
        .where(SchoolDraft.school == school, SchoolDraft.updated_at >= cutoff)
        .order_by(SchoolDraft.updated_at.desc())
    )


# Leavers ------------------------------------------------------------------------------------------------------
def get_leaver(school: School, leaver_id: int) -> Leaver | None:
    return Leaver.select().where(Leaver.id == leaver_id, Leaver.school == school).first()


def leaver_by_draft(school: School, draft_id: int) -> Leaver | None:
    return Leaver.select().where(Leaver.source_draft_id == draft_id, Leaver.school == school).first()


def list_leavers(school: School, limit: int = RECENT) -> list[Leaver]:
    return list(
        Leaver.select(Leaver, Case, Child)
        .join(Case, peewee.JOIN.LEFT_OUTER, on=(Leaver.case == Case.id))
        .switch(Leaver)
        .join(Child, on=(Leaver.child == Child.id))
        .where(Leaver.school == school)
        .order_by(Leaver.submitted_at.desc())
        .limit(limit)
    )


def leavers_with_information_due(school: School) -> list[Leaver]:
    return list(
        Leaver.select(Leaver, Child)
        .join(Child, on=(Leaver.child == Child.id))
        .where(Leaver.school == school, Leaver.outcome == "information_due")
        .order_by(Leaver.information_due)
    )


# Parents' home-education notices (issue 5) -------------------------------------------------------------------
def get_ehe_notice(school: School, notice_id: int) -> EheNotice | None:
    return EheNotice.select().where(EheNotice.id == notice_id, EheNotice.school == school).first()


def list_ehe_notices(school: School) -> list[EheNotice]:
    return list(
        EheNotice.select(EheNotice, Child)
        .join(Child, on=(EheNotice.child == Child.id))
        .where(EheNotice.school == school)
        .order_by(EheNotice.submitted_at.desc())
        .limit(RECENT)
    )


# Pupils abroad ------------------------------------------------------------------------------------------------
def get_abroad_record(school: School, record_id: int) -> AbroadRecord | None:
    return AbroadRecord.select().where(AbroadRecord.id == record_id, AbroadRecord.school == school).first()


def abroad_by_draft(school: School, draft_id: int) -> AbroadRecord | None:
    return AbroadRecord.select().where(AbroadRecord.source_draft_id == draft_id, AbroadRecord.school == school).first()


def list_abroad(school: School, *, include_closed: bool = False) -> list[AbroadRecord]:
    query = (
        AbroadRecord.select(AbroadRecord, Case, Child)
        .join(Case, peewee.JOIN.LEFT_OUTER, on=(AbroadRecord.case == Case.id))
        .switch(AbroadRecord)
        .join(Child, on=(AbroadRecord.child == Child.id))
        .where(AbroadRecord.school == school)
    )
    if not include_closed:
        query = query.where(AbroadRecord.stage.not_in(["returned", "removed"]))
    return list(query.order_by(AbroadRecord.created_at.desc()).limit(RECENT))


# School CME referrals ----------------------------------------------------------------------------------------
def get_referral(school: School, referral_id: int) -> SchoolReferral | None:
    return SchoolReferral.select().where(SchoolReferral.id == referral_id, SchoolReferral.school == school).first()


def referral_by_draft(school: School, draft_id: int) -> SchoolReferral | None:
    return (
        SchoolReferral.select()
        .where(SchoolReferral.source_draft_id == draft_id, SchoolReferral.school == school)
        .first()
    )


def list_referrals(school: School) -> list[SchoolReferral]:
    return list(
        SchoolReferral.select(SchoolReferral, Case, Child)
        .join(Case, peewee.JOIN.LEFT_OUTER, on=(SchoolReferral.case == Case.id))
        .switch(SchoolReferral)
        .join(Child, on=(SchoolReferral.child == Child.id))
        .where(SchoolReferral.school == school)
        .order_by(SchoolReferral.submitted_at.desc())
        .limit(RECENT)
    )


def la_removal_agreements(school: School, last_name: str, date_of_birth: date | None) -> list[Case]:
    """The LA's recorded agreements to removal on this school's cases for a pupil (grounds H and I), newest first.

    An officer records the decision on the child's case; a school relies on it, never on a name it types. The pupil is
    matched on last name and date of birth, as the leaver's answers give them.
    """
    if not last_name or date_of_birth is None:
        return []
    return list(
        Case.select(Case, Child)
        .join(Child, on=(Case.child == Child.id))
        .where(
            Case.school == school,
            Case.la_decision == "agreed",
            Case.case_type.in_(("cme", "abroad", "attendance")),
            Child.last_name_key == name_key(last_name),
            Child.date_of_birth == date_of_birth,
        )
        .order_by(Case.la_decision_at.desc())
        .limit(MAX_SCHOOL_MATCHES)
    )


# Required returns ---------------------------------------------------------------------------------------------
RETURN_MODELS: dict[str, Any] = {
    "part_time": PartTimeTimetable,
    "ap_placement": ApPlacement,
    "not_attending": PupilNotAttending,
}


def get_return(school: School, kind: str, record_id: int) -> Any:
    model = RETURN_MODELS[kind]
    return model.select().where(model.id == record_id, model.school == school).first()


def return_by_draft(school: School, kind: str, draft_id: int) -> Any:
    model = RETURN_MODELS[kind]
    return model.select().where(model.source_draft_id == draft_id, model.school == school).first()


def list_part_time(school: School, *, include_ended: bool = False) -> list[PartTimeTimetable]:
    query = PartTimeTimetable.select().where(PartTimeTimetable.school == school)
    if not include_ended:
        query = query.where(PartTimeTimetable.status == "active")
    return list(query.order_by(PartTimeTimetable.next_review_on, PartTimeTimetable.id))


def list_ap_placements(school: School, *, include_ended: bool = False) -> list[ApPlacement]:
    query = ApPlacement.select().where(ApPlacement.school == school)
    if not include_ended:
        query = query.where(ApPlacement.status == "active")
    return list(query.order_by(ApPlacement.start_date.desc()))


def list_not_attending(school: School, *, include_closed: bool = False) -> list[PupilNotAttending]:
    query = PupilNotAttending.select().where(PupilNotAttending.school == school)
    if not include_closed:
        query = query.where(PupilNotAttending.status == "open")
    return list(query.order_by(PupilNotAttending.since))


def reviews_due(school: School, by: date) -> list[PartTimeTimetable]:
    return [
        timetable for timetable in list_part_time(school) if timetable.next_review_on and timetable.next_review_on <= by
    ]


# The school home page ----------------------------------------------------------------------------------------
JOURNEY_LABELS = {
    "leaver": "Leaver",
    "leaver_info": "Leaver information",
    "abroad": "Pupil abroad",
    "referral": "CME referral",
    "part_time": "Part-time timetable",
    "ap_placement": "Alternative provision",
    "not_attending": "Pupil not attending",
}
STAGE_WORDS = {
    "letter_1_sent": "Letter 1 sent",
    "response_received": "Response received",
    "no_response": "No response",
    "letter_2_sent": "Letter 2 sent",
    "not_returned": "Not returned",
}


@dataclass
class HomeSummary:
    drafts: list[tuple[Any, str, datetime]] = field(default_factory=list)
    information_due: list[tuple[Any, str]] = field(default_factory=list)
    leavers: list[tuple[Any, str]] = field(default_factory=list)
    ehe_notices: list[tuple[Any, bool]] = field(default_factory=list)
    abroad: list[tuple[Any, str, str, str]] = field(default_factory=list)
    referrals: list[tuple[Any, str]] = field(default_factory=list)
    part_time: list[tuple[Any, str]] = field(default_factory=list)
    ap_placements: list[Any] = field(default_factory=list)
    not_attending: list[Any] = field(default_factory=list)
    returns_due: list[tuple[str, str, str]] = field(default_factory=list)  # (what, when, link kind)


# A deadline in school days that cannot be counted yet: the LA has no term dates for those days.
DEADLINE_PENDING = "date pending: the local authority has not published its term dates"


def _label(due: date | None, today: date, calendar: SchoolCalendar | None) -> str:
    """Like "due in 3 school days" (portal.rules.thresholds.deadline_status); the date alone without a calendar."""
    if due is None:
        return ""
    if calendar is not None:
        try:
            return deadline_status(due, today, calendar).label
        except ValueError:
            pass
    return f"overdue (was due {format_date(due)})" if due < today else f"due by {format_date(due)}"


def case_status(case: Case | None) -> str:
    """The case status in the words the LA uses, which the school sees (CaseStatus labels)."""
    if case is None:
        return CaseStatus.RECEIVED.label
    try:
        return CaseStatus(case.status).label
    except ValueError:
        return case.status


def _flags_by_child(child_ids: list[int]) -> dict[int, set[RiskFlag]]:
    known = {flag.value: flag for flag in RiskFlag}
    return {
        child: {known[value] for value in values if value in known}
        for child, values in flag_values_by_child(child_ids).items()
    }


def home_summary(
    school: School, *, today: date, calendar: SchoolCalendar | None, settings: LocalSettings
) -> HomeSummary:
    home = HomeSummary()
    home.drafts = [
        (draft, JOURNEY_LABELS.get(draft.journey, draft.journey), draft.updated_at + DRAFT_LIFETIME)
        for draft in list_drafts(school)
    ]
    home.information_due = [
        (leaver, _label(leaver.information_due, today, calendar) if leaver.information_due else DEADLINE_PENDING)
        for leaver in leavers_with_information_due(school)
    ]
    home.leavers = [(leaver, case_status(leaver.case if leaver.case_id else None)) for leaver in list_leavers(school)]
    notices = [notice for notice in list_ehe_notices(school) if not notice.leaver_recorded]
    flags = _flags_by_child([notice.child_id for notice in notices])
    home.ehe_notices = [(notice, ehe_meeting_recommended(flags.get(notice.child_id, set()))) for notice in notices]
    for record in list_abroad(school):
        if record.stage == "letter_1_sent":
            detail = f"Response {_label(record.response_due, today, calendar)}"
        elif record.escalated_at is not None:
            decision = {"agreed": "agreed to removal", "refused": "did not agree to removal"}.get(
                record.case.la_decision if record.case_id else "", "deciding"
            )
            detail = f"With the local authority: {decision}"
        else:
            detail = f"Return date {format_date(record.return_date)}" if record.return_date else ""
        status = case_status(record.case if record.case_id else None)
        home.abroad.append((record, STAGE_WORDS.get(record.stage, record.stage), detail, status))
    home.referrals = [
        (referral, case_status(referral.case if referral.case_id else None)) for referral in list_referrals(school)
    ]
    for timetable in list_part_time(school):
        label = _label(timetable.next_review_on, today, calendar) if timetable.next_review_on else "no review set"
        home.part_time.append((timetable, label))
        if timetable.next_review_on and timetable.next_review_on <= today:
            home.returns_due.append(
                (f"Review of {timetable.first_name} {timetable.last_name}'s part-time timetable", label, "part_time")
            )
    home.ap_placements = list_ap_placements(school)
    home.not_attending = list_not_attending(school)
    for leaver, label in home.information_due:
        home.returns_due.append((f"Leaver information for {leaver.child.full_name}", label, "leaver"))
    collection = next_collection(today)
    home.returns_due.append(
        ("Part-time and alternative provision return", f"next collection {format_date(collection)}", "csv")
    )
    return home
