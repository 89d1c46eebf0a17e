"""A realistic demo caseload: about 150 cases in every state across the demo schools, with timelines and enquiries.

Deterministic (a fixed random seed) and idempotent: the references are fixed, so a second run finds them and adds
nothing. Dates are relative to the day it runs, so the demo always has cases due, overdue and newly opened.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from portal.clock import today as clock_today
from portal.db import db
from portal.models import Case, CaseEvent, Enquiry, SafeguardingReferral, School, User
from portal.rules.register import (
    CaseSource,
    CaseStatus,
    CaseType,
    ClosureReason,
    RiskFlag,
    risk_level_for,
)
from portal.services.children import AddressDetails, ChildDetails, ContactDetails, record_child
from portal.services.enquiries import ENQUIRY_KINDS

CASES = 150
SEED = 436  # Education Act 1996 s.436A
REFERENCE_PREFIX = "CME-2026-9"

_FIRST_NAMES_TEXT = """
Amira Oliver Zainab Jack Aisha Noah Fatima Leo Maya Mohammed Olivia Harry Sofia Ibrahim Isla George Hana Yusuf
Ava Kacper Amelia Oscar Zara Ali Grace Arjun Lily Adam Priya Theo Chloe Omar Emily Filip Ruby Daniel Mia Kwame
Jessica Luca Ellie Tomasz Layla Reuben Nadia Samuel Amara Dylan Ayesha Joshua Freya Hamza Poppy Mateo Eva Aryan
"""
FIRST_NAMES = _FIRST_NAMES_TEXT.split()
_LAST_NAMES_TEXT = """
Khan Smith Ahmed Jones Patel Williams Ali Brown Hussain Taylor Begum Davies Kowalski Evans Singh Wilson Nowak
Thomas Mensah Johnson Okafor Roberts Rahman Walker Osei Wright Nguyen Robinson Mahmood Thompson Sharma White
Ibrahim Hughes Silva Edwards Popescu Green Yilmaz Hall Abdi Wood Murphy Harris O'Brien Clarke Mohamud Lewis
"""
LAST_NAMES = _LAST_NAMES_TEXT.split()
_STREETS_TEXT = (
    "Acton Lane|Broadway|Church Road|Elm Grove|Mill Hill Road|Uxbridge Road|Northfield Avenue|Station Parade"
)
STREETS = _STREETS_TEXT.split("|")
NEXT_ACTIONS = (
    "Home visit with the link attendance officer",
    "Check the DfE School to School service",
    "Call the parent again",
    "Ask the new local authority's admissions team",
    "Follow up the letter to the last known address",
    "Chase the school for the leaver information",
    "Check with health for GP registration",
    "Review with the team manager",
)
OUTCOMES = (
    "No answer on any number",
    "Letter returned: not known at this address",
    "Neighbour says the family moved away in the summer",
    "Sibling confirmed on roll at another school",
    "No record found",
    "Child seen at home; parent says moving to Birmingham",
    "GP registration transferred to another area",
)
SUMMARIES = (
    "Stopped attending after the half-term break; family not answering calls.",
    "Leaver with no destination school confirmed within 10 school days.",
    "Neighbour reports the child has not been at school since the spring.",
    "Parent notified home education in writing.",
    "Family travelled abroad; no return date evidenced.",
    "On a part-time timetable for more than six weeks.",
    "Moved into temporary accommodation; waiting for a school place.",
)
TYPE_FOR_SOURCE = {
    CaseSource.SCHOOL_LEAVER: (CaseType.CME, CaseType.CME, CaseType.EHE, CaseType.PENDING_ADMISSION),
    CaseSource.SCHOOL_REFERRAL: (CaseType.CME, CaseType.CMOE, CaseType.ATTENDANCE),
    CaseSource.PUBLIC: (CaseType.CME,),
    CaseSource.PARENT: (CaseType.EHE,),
    CaseSource.ABROAD_ESCALATION: (CaseType.ABROAD, CaseType.CME),
    CaseSource.OFFICER: (CaseType.CME, CaseType.PENDING_ADMISSION, CaseType.CMOE),
}
RISK_FLAG_SETS = (
    {RiskFlag.SOCIAL_WORKER: "Social worker: Jo Adeyemi"},
    {RiskFlag.CP_PLAN: "", RiskFlag.SOCIAL_WORKER: "Social worker: Sam Reid"},
    {RiskFlag.EHCP: ""},
    {RiskFlag.TEMPORARY_ACCOMMODATION: ""},
    {RiskFlag.EAL: "", RiskFlag.NEW_MIGRANT: ""},
    {RiskFlag.EXPLOITATION: "County lines concern"},
    {RiskFlag.GRT: ""},
    {RiskFlag.LAC: "Virtual School told"},
)


def _reference(number: int) -> str:
    return f"{REFERENCE_PREFIX}{number:05d}"


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def _status_for(number: int) -> CaseStatus:
    # About a third closed, the rest spread over the open statuses: every state is on the demo register.
    cycle = (
        CaseStatus.RECEIVED,
        CaseStatus.WITH_OFFICER,
        CaseStatus.WITH_OFFICER,
        CaseStatus.MORE_INFORMATION,
        CaseStatus.CLOSED,
        CaseStatus.WITH_OFFICER,
        CaseStatus.CLOSED,
        CaseStatus.RECEIVED,
        CaseStatus.WITH_OFFICER,
    )
    return cycle[number % len(cycle)]


def _event(
    case: Case, at: datetime, kind: str, summary: str, actor: User | None, detail: str = "", label: str = ""
) -> None:
    CaseEvent.create(
        case=case,
        at=at,
        actor=actor,
        actor_label=label or (actor.name if actor else ""),
        kind=kind,
        summary=summary,
        detail=detail,
    )


def seed_caseload() -> Iterator[str]:
    if Case.select().where(Case.reference == _reference(1)).exists():
        yield "Officers' caseload: already seeded"
        return
    schools = list(School.select().order_by(School.urn))
    officers = list(User.select().where(User.role == "officer").order_by(User.id))
    if not schools or not officers:
        yield "Officers' caseload: skipped (seed the schools and users first)"
        return
    rng = random.Random(SEED)
    on = clock_today()
    created = 0
    with db.atomic():
        for number in range(1, CASES + 1):
            _seed_case(number, rng, on, schools, officers)
            created += 1
    yield f"Officers' caseload: {created} cases"


def _seed_case(number: int, rng: random.Random, on: date, schools: list[School], officers: list[User]) -> None:
    source = list(CaseSource)[number % len(CaseSource)]
    case_type = rng.choice(TYPE_FOR_SOURCE[source])
    status = _status_for(number)
    school = schools[number % len(schools)] if source is not CaseSource.PUBLIC or number % 2 else None
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    age = rng.randint(5, 15)
    dob = on - timedelta(days=age * 365 + rng.randint(0, 364))
    flags = dict(rng.choice(RISK_FLAG_SETS)) if number % 6 == 0 else {}
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    postcode = f"DT{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    child = record_child(
        ChildDetails(
            first_name=first,
            last_name=last,
            middle_names=rng.choice(("", "", "Rose", "James", "Noor")),
            date_of_birth=dob,
            sex=rng.choice(("female", "male")),
            school=school,
            address=AddressDetails(
                line_1=f"{rng.randint(1, 240)} {rng.choice(STREETS)}",
                town="Demo Town",
                postcode=postcode,
                from_date=dob + timedelta(days=rng.randint(300, 1500)),
            ),
            contacts=[
                ContactDetails(
                    name=f"{rng.choice(FIRST_NAMES)} {last}",
                    relationship=rng.choice(("Mother", "Father", "Grandmother", "Carer")),
                    phone=f"07700 900{rng.randint(100, 999)}",
                    lives_with_child=True,
                    has_parental_responsibility=True,
                )
            ],
            flags=flags,
        ),
        actor=None,
    )
    opened_on = on - timedelta(days=rng.randint(0, 300) if status is CaseStatus.CLOSED else rng.randint(0, 120))
    last_day = opened_on - timedelta(days=rng.randint(3, 40))
    assigned = None if status is CaseStatus.RECEIVED else officers[number % len(officers)] if number % 5 else None
    lead = officers[0]
    next_action, next_date = "", None
    if status is not CaseStatus.CLOSED and status is not CaseStatus.RECEIVED:
        next_action = rng.choice(NEXT_ACTIONS)
        next_date = on + timedelta(days=rng.randint(-10, 21))
    closed_at = None
    reason = None
    detail = ""
    if status is CaseStatus.CLOSED:
        reason = list(ClosureReason)[number % len(ClosureReason)]
        closed_at = _at(min(on, opened_on + timedelta(days=rng.randint(5, 60))), 15)
        detail = {
            ClosureReason.ON_ROLL: f"On roll at {schools[(number + 3) % len(schools)].name}",
            ClosureReason.MOVED_LA: "Moved to Birmingham\nThe other local authority has been told",
            ClosureReason.EHE_CONFIRMED: "Home education confirmed after a visit by the EHE team",
            ClosureReason.LEFT_COUNTRY: "Parent's written confirmation and flight booking seen",
            ClosureReason.NOT_CSA: "",
            ClosureReason.DIED: "Notified by the coroner's office",
            ClosureReason.DUPLICATE: f"Duplicate of {_reference(max(1, number - 1))}",
        }[reason]
    case = Case.create(
        reference=_reference(number),
        child=child,
        case_type=case_type.value,
        source=source.value,
        status=status.value,
        risk_level=risk_level_for(flags).value,
        school=school,
        assigned_to=assigned,
        last_day_in_education=last_day,
        next_action=next_action,
        next_action_date=next_date,
        summary=rng.choice(SUMMARIES),
        opened_at=_at(opened_on, 9),
        updated_at=closed_at or _at(opened_on, 11),
        updated_by=assigned or lead,
        closed_at=closed_at,
        closure_reason=reason.value if reason else "",
        closure_detail=detail,
    )
    opener = f"{school.name}" if school and source.value.startswith("school") else source.label
    summary = f"{case_type.label} case opened from {source.label.lower()}"
    _event(case, _at(opened_on, 9), "created", summary, None, label=opener)
    if assigned:
        _event(case, _at(opened_on, 11), "assigned", f"Assigned to {assigned.name}", lead)
    if status in (CaseStatus.WITH_OFFICER, CaseStatus.MORE_INFORMATION, CaseStatus.CLOSED):
        _event(case, _at(opened_on, 12), "status", "Status changed from Received to With CME officer", assigned or lead)
    kinds = list(ENQUIRY_KINDS)
    if school is not None:
        for kind in rng.sample(["phone_calls", "letters", "home_visit", "siblings_schools"], k=rng.randint(1, 3)):
            Enquiry.create(
                case=case,
                party="school",
                kind=kind,
                done_on=max(last_day, opened_on - timedelta(days=rng.randint(1, 5))),
                made_by=f"{school.name} attendance lead",
                outcome=rng.choice(OUTCOMES),
            )
    if status is not CaseStatus.RECEIVED:
        for offset, kind in enumerate(rng.sample(kinds, k=rng.randint(1, 3))):
            done = min(on, opened_on + timedelta(days=2 + offset * 3))
            outcome = rng.choice(OUTCOMES)
            Enquiry.create(
                case=case, party="la", kind=kind, done_on=done, made_by=(assigned or lead).name, outcome=outcome
            )
            _event(case, _at(done, 14), "enquiry", f"{ENQUIRY_KINDS[kind]}: {outcome}", assigned or lead)
    if status is CaseStatus.MORE_INFORMATION:
        _event(
            case,
            _at(opened_on, 16),
            "status",
            "Status changed from With CME officer to More information needed",
            assigned or lead,
            "Asked the school for the leaver's new address and destination.",
        )
    if flags and risk_level_for(flags).value == "high":
        referred = opened_on + timedelta(days=1)
        SafeguardingReferral.create(
            case=case,
            referred_on=referred,
            reference=f"SC-{rng.randint(10000, 99999)}",
            acknowledged_on=referred + timedelta(days=1) if number % 12 else None,
            outcome=rng.choice(("pending", "s17", "s47", "early_help")),
        )
        _event(case, _at(referred, 10), "safeguarding", "Referred to children's social care", lead)
    if number % 4 == 0:
        _event(case, _at(opened_on + timedelta(days=1), 13), "note", "Spoke to the school's DSL about the family", lead)
    if reason is not None and closed_at is not None:
        _event(case, closed_at, "closed", f"Closed: {reason.label}", assigned or lead, detail)
