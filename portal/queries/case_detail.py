"""Everything the officers' case page shows about one case and its child, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import abort

from portal.models import (
    Case,
    CaseEvent,
    Child,
    ChildAddress,
    ChildContact,
    ChildFlag,
    ChildLink,
    Enquiry,
    PublicReferral,
    SafeguardingReferral,
    Sibling,
)
from portal.queries.deadlines import Deadline, deadline, next_working_day
from portal.queries.linked_records import LinkedRecord, linked_records
from portal.rules.calendar import CalendarNotCoveredError, SchoolCalendar
from portal.rules.register import CaseSource, CaseStatus, CaseType, ClosureReason, RiskFlag
from portal.rules.school_age import compulsory_school_age, is_of_compulsory_school_age, national_curriculum_year
from portal.rules.thresholds import (
    LocalSettings,
    cme_referral_due,
    leaver_information_due,
    school_days_missing,
)
from portal.services.children import possible_duplicates
from portal.services.enquiries import ENQUIRY_KINDS, SAFEGUARDING_OUTCOMES

EVENT_TITLES: dict[str, str] = {
    "created": "Case opened",
    "status": "Status changed",
    "assigned": "Officer assigned",
    "risk": "Risk and flags changed",
    "next_action": "Next action changed",
    "note": "Note",
    "enquiry": "Enquiry recorded",
    "safeguarding": "Safeguarding referral",
    "closed": "Case closed",
    "reopened": "Case reopened",
    "la_decision": "LA decision on removal from roll",
    "duplicate": "Possible duplicate checked",
    "next_action_overdue": "Next action overdue",
    "acknowledgement_overdue": "Safeguarding acknowledgement overdue",
}


def enquiry_kind_label(kind: str) -> str:
    return ENQUIRY_KINDS.get(kind) or kind.replace("_", " ").capitalize()


@dataclass(frozen=True)
class SchoolAge:
    """Compulsory school age from the rules core (Education Act 1996 s.8), in words for the case page."""

    summary: str
    in_csa: bool | None
    year_group: str = ""


@dataclass(frozen=True)
class CaseDeadline:
    name: str
    deadline: Deadline | None
    text: str = ""


@dataclass(frozen=True)
class EnquiryRow:
    kind: str
    label: str
    la: list[Enquiry]
    school: list[Enquiry]


@dataclass(frozen=True)
class DuplicateRow:
    child: Child
    references: list[str]
    decision: ChildLink | None


@dataclass
class CaseDetail:
    case: Case
    child: Child
    school_age: SchoolAge
    addresses: list[ChildAddress]
    contacts: list[ChildContact]
    siblings: list[Sibling]
    flags: list[tuple[str, str, str]]  # (value, label, note)
    events: list[CaseEvent]
    enquiries: list[EnquiryRow]
    referrals: list[tuple[SafeguardingReferral, Deadline | None]]
    other_cases: list[Case]
    duplicates: list[DuplicateRow]
    linked: list[LinkedRecord]
    deadlines: list[CaseDeadline] = field(default_factory=list)
    # The last school as a referrer named it when it is not in the schools list (the case has no school then).
    school_named: str = ""

    @property
    def flag_values(self) -> set[str]:
        return {value for value, _label, _note in self.flags}

    @property
    def closed(self) -> bool:
        return bool(self.case.status == CaseStatus.CLOSED.value)


def year_group_label(group: int | None) -> str:
    """The DfE year group in words (-1 Nursery, 0 Reception)."""
    if group is None:
        return ""
    return {-1: "Nursery", 0: "Reception"}.get(group, f"Year {group}")


def school_age(child: Child, today: date, settings: LocalSettings) -> SchoolAge:
    dob = child.date_of_birth
    if dob is None:
        age = f" (about {child.approximate_age} years old)" if child.approximate_age else ""
        return SchoolAge(f"Date of birth not known{age}: compulsory school age cannot be checked", None)
    start, end = compulsory_school_age(dob, settings.autumn_term_start)
    year_group = year_group_label(national_curriculum_year(dob, today))
    if is_of_compulsory_school_age(dob, today, settings.autumn_term_start):
        text = f"Of compulsory school age (from {start.day} {start:%B %Y} to {end.day} {end:%B %Y})"
        return SchoolAge(text, True, year_group)
    if today < start:
        return SchoolAge(f"Not yet of compulsory school age (starts {start.day} {start:%B %Y})", False, year_group)
    return SchoolAge(f"Past compulsory school age (ended {end.day} {end:%B %Y})", False, year_group)


# School days cannot be counted without the LA's term dates for them: the deadline waits, it is not dropped.
DEADLINE_PENDING = "Pending: the local authority has not published its term dates"


def _deadlines(case: Case, today: date, calendar: SchoolCalendar | None, settings: LocalSettings) -> list[CaseDeadline]:
    found: list[CaseDeadline] = []
    is_open = case.status != CaseStatus.CLOSED.value
    if is_open and case.next_action_date:
        found.append(CaseDeadline("Next action", deadline(case.next_action_date, today, calendar)))
    last_day = case.last_day_in_education
    if last_day is None:
        return found
    missing: int | None = None
    threshold_day = leaver_due = referral_due = None
    if calendar is not None:
        try:
            missing = school_days_missing(last_day, today, calendar)
            threshold_day = calendar.add_school_days(last_day, settings.cme_threshold_school_days + 1)
            leaver_due = leaver_information_due(last_day, calendar, settings)
            referral_due = cme_referral_due(last_day, calendar, settings)
        except CalendarNotCoveredError:
            missing = threshold_day = leaver_due = referral_due = None

    def due(name: str, day: date | None) -> CaseDeadline:
        return CaseDeadline(name, deadline(day, today, calendar)) if day else CaseDeadline(name, None, DEADLINE_PENDING)

    counted = f"{missing} since the last day in education" if missing is not None else DEADLINE_PENDING
    found.append(CaseDeadline("School days missing", None, counted))
    if is_open:
        threshold = f"CME threshold (more than {settings.cme_threshold_school_days} school days)"
        if threshold_day is not None and threshold_day <= today:
            found.append(CaseDeadline(threshold, None, f"Passed on {threshold_day.day} {threshold_day:%B %Y}"))
        else:
            found.append(due(threshold, threshold_day))
        if case.source == CaseSource.SCHOOL_LEAVER.value:
            found.append(due("Leaver information due from the school", leaver_due))
        if case.source in (CaseSource.SCHOOL_LEAVER.value, CaseSource.SCHOOL_REFERRAL.value):
            found.append(due("CME referral due from the school", referral_due))
    return found


def _enquiry_rows(enquiries: list[Enquiry]) -> list[EnquiryRow]:
    kinds = dict(ENQUIRY_KINDS)
    for enquiry in enquiries:
        kinds.setdefault(enquiry.kind, enquiry_kind_label(enquiry.kind))
    return [
        EnquiryRow(
            kind,
            label,
            [e for e in enquiries if e.kind == kind and e.party == "la"],
            [e for e in enquiries if e.kind == kind and e.party == "school"],
        )
        for kind, label in kinds.items()
    ]


def duplicate_rows(child: Child) -> list[DuplicateRow]:
    candidates = possible_duplicates(child)
    decisions = list(ChildLink.select().where((ChildLink.child == child.id) | (ChildLink.other == child.id)))
    by_other = {link.other_id if link.child_id == child.id else link.child_id: link for link in decisions}
    ids = {c.id for c in candidates} | set(by_other)
    children = {c.id: c for c in candidates}
    missing = ids - set(children)
    if missing:
        children.update({c.id: c for c in Child.select().where(Child.id.in_(sorted(missing)))})
    references: dict[int, list[str]] = {}
    if ids:
        for child_id, reference in Case.select(Case.child, Case.reference).where(Case.child.in_(sorted(ids))).tuples():
            references.setdefault(child_id, []).append(reference)
    return [
        DuplicateRow(children[i], sorted(references.get(i, [])), by_other.get(i))
        for i in sorted(ids, reverse=True)
        if i in children
    ]


def school_named(case: Case) -> str:
    """The last school a member of the public typed for the case, when it matched no school in the list."""
    if case.school_id is not None:
        return ""
    row = (
        PublicReferral.select(PublicReferral.last_school_text)
        .where(PublicReferral.case == case.id, PublicReferral.last_school_text != "")
        .order_by(PublicReferral.id)
        .first()
    )
    return row.last_school_text if row is not None else ""


def case_detail(case: Case, *, today: date, calendar: SchoolCalendar | None, settings: LocalSettings) -> CaseDetail:
    child: Child = case.child
    flag_labels = {flag.value: flag.label for flag in RiskFlag}
    flags = [
        (row.flag, flag_labels.get(row.flag, row.flag), row.note)
        for row in ChildFlag.select().where(ChildFlag.child == child.id).order_by(ChildFlag.flag)
    ]
    enquiries = list(
        Enquiry.select().where(Enquiry.case == case.id).order_by(Enquiry.done_on.desc(), Enquiry.id.desc())
    )
    referrals = []
    for referral in (
        SafeguardingReferral.select()
        .where(SafeguardingReferral.case == case.id)
        .order_by(SafeguardingReferral.referred_on.desc())
    ):
        acknowledgement = None
        if referral.acknowledged_on is None:
            acknowledgement = deadline(next_working_day(referral.referred_on), today, None)
        referrals.append((referral, acknowledgement))
    return CaseDetail(
        case=case,
        child=child,
        school_age=school_age(child, today, settings),
        addresses=list(
            ChildAddress.select()
            .where(ChildAddress.child == child.id)
            .order_by(ChildAddress.is_current.desc(), ChildAddress.from_date.desc(nulls="LAST"), ChildAddress.id.desc())
        ),
        contacts=list(ChildContact.select().where(ChildContact.child == child.id).order_by(ChildContact.id)),
        siblings=list(Sibling.select().where(Sibling.child == child.id).order_by(Sibling.id)),
        flags=flags,
        events=list(
            CaseEvent.select().where(CaseEvent.case == case.id).order_by(CaseEvent.at.desc(), CaseEvent.id.desc())
        ),
        enquiries=_enquiry_rows(enquiries),
        referrals=referrals,
        other_cases=list(
            Case.select().where(Case.child == child.id, Case.id != case.id).order_by(Case.opened_at.desc())
        ),
        duplicates=duplicate_rows(child),
        linked=linked_records(case),
        deadlines=_deadlines(case, today, calendar, settings),
        school_named=school_named(case),
    )


def child_flag_values(child_id: int) -> list[str]:
    return [
        row.flag for row in ChildFlag.select(ChildFlag.flag).where(ChildFlag.child == child_id).order_by(ChildFlag.flag)
    ]


def get_referral_or_404(case_id: int, referral_id: int) -> SafeguardingReferral:
    referral = SafeguardingReferral.get_or_none(
        SafeguardingReferral.id == referral_id, SafeguardingReferral.case == case_id
    )
    if referral is None:
        abort(404)
    return referral


def labels() -> dict[str, dict[str, str]]:
    return {
        "status": CaseStatus.choices(),
        "case_type": CaseType.choices(),
        "source": CaseSource.choices(),
        "closure_reason": ClosureReason.choices(),
        "enquiry_kind": ENQUIRY_KINDS,
        "safeguarding_outcome": SAFEGUARDING_OUTCOMES,
        "risk_flag": RiskFlag.choices(),
    }
