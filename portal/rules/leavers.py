"""School leavers: is the leaver information complete, still due, or must the school refer the child as CME?

Sources: Ealing EGfL leaver's folder checklist and CME referral page (the four key items, the 10-school-day
deadline, Nursery leavers still referred, home visit before a referral); SI 2024/208 reg 9(1)(f) (written
notice of home education) and reg 13(4)-(5) (deletion return and its final-year exemption); DfE Children
missing education guidance (schools' and LAs' enquiries); Education Act 1996 s.436A (only children of compulsory
school age are missing education: ``portal.rules.scope``).
"""

from dataclasses import dataclass
from datetime import date
from enum import Enum

from portal.rules import citations
from portal.rules.calendar import CalendarNotCoveredError, SchoolCalendar, format_date
from portal.rules.deletion_grounds import DeletionGround, NonCsaDeletionGround
from portal.rules.scope import AgeScope, cme_scope
from portal.rules.thresholds import (
    LocalSettings,
    cme_referral_due,
    early_warning_reached,
    leaver_information_due,
)


class Destination(Enum):
    """Where a leaver is going, as far as the school knows."""

    UK_SCHOOL = "uk_school"
    SCHOOL_ABROAD = "school_abroad"
    HOME_EDUCATION = "home_education"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class KeyItems:
    """Which items of leaver information the school has (True = known and recorded).

    The four key items for every leaver are ``parent_contact``, ``new_address`` (True also when the pupil
    has not moved), ``new_school`` and ``admission_confirmed`` (Ealing EGfL leaver's folder checklist). A
    move abroad needs ``abroad_address`` and ``responsible_adult``; home education needs
    ``written_ehe_notice`` instead of a new school (SI 2024/208 reg 9(1)(f)).
    """

    parent_contact: bool = False
    new_address: bool = False
    new_school: bool = False
    admission_confirmed: bool = False
    abroad_address: bool = False
    responsible_adult: bool = False
    written_ehe_notice: bool = False


# What a school can act on, for each item: the portal shows these words.
ITEM_LABELS: dict[str, str] = {
    "parent_contact": "Contact details of the parent the pupil will live with",
    "new_address": "The pupil's new address (or confirmation that the pupil has not moved)",
    "new_school": "Name and address of the new school",
    "admission_confirmed": "Confirmation from the new school (or its admissions authority) that the pupil "
    "has been admitted",
    "abroad_address": "The pupil's address abroad",
    "responsible_adult": "Name, contact details and relationship to the pupil of the responsible adult abroad",
    "written_ehe_notice": "The parent's written notice that the pupil will be educated at home",
}
DESTINATION_LABEL = "Where the pupil is going: a new school, a move abroad or home education"

REQUIRED_ITEMS: dict[Destination, tuple[str, ...]] = {
    Destination.UK_SCHOOL: ("parent_contact", "new_address", "new_school", "admission_confirmed"),
    Destination.SCHOOL_ABROAD: (
        "parent_contact",
        "abroad_address",
        "responsible_adult",
        "new_school",
        "admission_confirmed",
    ),
    Destination.HOME_EDUCATION: ("parent_contact", "new_address", "written_ehe_notice"),
    Destination.UNKNOWN: ("parent_contact", "new_address", "new_school", "admission_confirmed"),
}


class LeaverOutcome(Enum):
    """What the school must do next about a leaver."""

    COMPLETE = "complete"
    INFORMATION_DUE = "information_due"
    REFER_AS_CME = "refer_as_cme"
    # Added to the three outcomes of the issue: a leaver over compulsory school age is not CME
    # (Education Act 1996 s.436A) and the CME team does not accept them; Ealing routes them to Connexions.
    REFER_TO_CONNEXIONS = "refer_to_connexions"
    # A leaver below compulsory school age whose information is not obtained: Ealing still wants the referral, but
    # the child is not missing education (s.436A), so the LA records them apart from CME (portal.rules.scope).
    REFER_NOT_CSA = "refer_not_csa"


@dataclass(frozen=True)
class LeaverAssessment:
    """The result of ``assess_leaver``: the outcome, what is missing, why, and the sources."""

    outcome: LeaverOutcome
    missing: tuple[str, ...]
    reasons: tuple[str, ...]
    cites: tuple[str, ...]
    due: date | None
    deletion_return_required: bool
    not_compulsory_school_age: bool
    # Items are missing but the deadline cannot be counted: the LA has no term dates for these days yet.
    deadline_pending: bool = False


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def assess_leaver(
    *,
    ground: DeletionGround | NonCsaDeletionGround,
    destination: Destination,
    items: KeyItems,
    dob: date,
    last_attended: date,
    today: date,
    calendar: SchoolCalendar | None,
    settings: LocalSettings,
    final_year_end_of_year: bool = False,
) -> LeaverAssessment:
    """Whether a leaver's information is complete, still due by a date, or the child must be referred.

    - All required items known: complete.
    - Destination unknown: refer as CME now (Ealing EGfL CME referral page; DfE CME guidance).
    - Items missing and the deadline (10 school days after last attendance by default) not passed:
      information due by that date; refer as CME once it passes (Ealing EGfL leaver's folder checklist).
    - Home education needs the parent's written notice instead of a new school (SI 2024/208 reg 9(1)(f)).
    - A move abroad needs the address abroad and the responsible adult (Ealing EGfL leave-abroad guidance).
    - Below compulsory school age (Nursery): assessed in the same way, but referred as not of compulsory school
      age, never as CME (Education Act 1996 s.436A; Ealing EGfL leaver's folder checklist, "including Nursery
      pupils", keeps the referral).
    - Over compulsory school age: not CME (Education Act 1996 s.436A); refer to Connexions instead (Ealing
      EGfL CME referral page).
    - Final-year leavers at the end of the year need no deletion return (SI 2024/208 reg 13(5)).
    - No term dates for the days to count (``calendar`` None or too short): the deadline is pending, never an
      error; the school's report is taken and the deadline worked out once the LA adds them.
    """
    if ground is DeletionGround.HOME_EDUCATION and destination is not Destination.HOME_EDUCATION:
        raise ValueError("Ground F (home education) needs the destination HOME_EDUCATION")
    if last_attended > today:
        raise ValueError(f"The last day attended ({format_date(last_attended)}) cannot be after today")

    reasons: list[str] = []
    cites: list[str] = [ground.regulation]

    scope = cme_scope(dob, today, settings.autumn_term_start)
    below_csa = scope.age is AgeScope.BELOW
    over_csa = scope.age is AgeScope.ABOVE
    if below_csa:
        reasons.append(
            "The child is not yet of compulsory school age, so is not a child missing education. If the leaver "
            "information is missing, the CME team still hears about the child, but not as a CME case."
        )
        cites += [citations.EA_1996_S8_2, citations.EA_1996_S436A, citations.EALING_LEAVERS_CHECKLIST]
    if over_csa:
        reasons.append(
            "The young person is over compulsory school age, so is not a child missing education. Refer "
            "them to Connexions if their destination is not known."
        )
        cites += [citations.EA_1996_S8_3, citations.EA_1996_S436A, citations.EALING_CME_REFERRAL]

    deletion_return_required = not final_year_end_of_year
    if deletion_return_required:
        cites.append(citations.REG_13_4)
    else:
        reasons.append("No deletion return is needed for a final-year pupil leaving at the end of the year.")
        cites.append(citations.REG_13_5)

    if ground is DeletionGround.DIED:
        reasons.append("No leaver information is needed when a pupil has died.")
        return LeaverAssessment(
            LeaverOutcome.COMPLETE,
            (),
            tuple(reasons),
            _dedupe(cites),
            None,
            deletion_return_required,
            below_csa or over_csa,
        )

    missing = [ITEM_LABELS[name] for name in REQUIRED_ITEMS[destination] if not getattr(items, name)]
    if destination is Destination.HOME_EDUCATION:
        cites.append("SI 2024/208 reg 9(1)(f)")
    if destination is Destination.SCHOOL_ABROAD:
        cites.append(citations.EALING_LEAVE_ABROAD)
    cites.append(citations.EALING_LEAVERS_CHECKLIST)
    refer = LeaverOutcome.REFER_AS_CME
    if over_csa:
        refer = LeaverOutcome.REFER_TO_CONNEXIONS
    elif below_csa:
        refer = LeaverOutcome.REFER_NOT_CSA

    if destination is Destination.UNKNOWN:
        reasons.append("The school does not know where the pupil has gone, so it must refer the child now.")
        cites += [citations.CME_GUIDANCE, citations.EALING_CME_REFERRAL]
        return LeaverAssessment(
            refer,
            (DESTINATION_LABEL, *missing),
            tuple(reasons),
            _dedupe(cites),
            None,
            deletion_return_required,
            below_csa or over_csa,
        )

    if not missing:
        reasons.append("The school has all the leaver information it needs.")
        return LeaverAssessment(
            LeaverOutcome.COMPLETE,
            (),
            tuple(reasons),
            _dedupe(cites),
            None,
            deletion_return_required,
            below_csa or over_csa,
        )

    days = settings.leaver_information_deadline_school_days
    due = _information_due(last_attended, calendar, settings)
    if due is None:
        reasons.append(
            f"Get the missing information within {days} school days of the last day attended, or refer the "
            "child. The date is pending: the local authority has not published its term dates for these days."
        )
        return LeaverAssessment(
            LeaverOutcome.INFORMATION_DUE,
            tuple(missing),
            tuple(reasons),
            _dedupe(cites),
            None,
            deletion_return_required,
            below_csa or over_csa,
            deadline_pending=True,
        )
    assert calendar is not None  # a due date was counted on it
    if today > due:
        reasons.append(
            f"The leaver information was not complete within {days} school days of the last day attended "
            f"({format_date(due)}), so the school must refer the child now."
        )
        cites.append(citations.EALING_CME_REFERRAL)
        outcome = refer
    else:
        reasons.append(
            f"Get the missing information by {format_date(due)}, {days} school days after the last day "
            "attended, or refer the child."
        )
        if early_warning_reached(last_attended, today, calendar, settings):
            reasons.append(
                "The pupil has been gone for "
                f"{settings.early_warning_school_days} school days or more without complete information: "
                "start the CME enquiries now."
            )
            cites.append(citations.EALING_REMOVE_FROM_ROLL)
        outcome = LeaverOutcome.INFORMATION_DUE
    return LeaverAssessment(
        outcome,
        tuple(missing),
        tuple(reasons),
        _dedupe(cites),
        due,
        deletion_return_required,
        below_csa or over_csa,
    )


def _information_due(last_attended: date, calendar: SchoolCalendar | None, settings: LocalSettings) -> date | None:
    """The leaver information deadline, or None while the term dates do not cover the days to count."""
    if calendar is None:
        return None
    try:
        return leaver_information_due(last_attended, calendar, settings)
    except CalendarNotCoveredError:
        return None


# The minimum school checklist before a school CME referral (domain brief section 4; Ealing-configurable).
SCHOOL_ENQUIRY_CHECKLIST: tuple[tuple[str, str], ...] = (
    ("all_contacts_called", "Call every contact and emergency number, at different times of day"),
    ("letter_sent", "Write to the last known address and to the emergency contacts' addresses"),
    ("siblings_schools_contacted", "Contact the schools of the pupil's brothers, sisters and relatives"),
    (
        "known_agencies_contacted",
        "Contact the agencies already involved, such as social care or the school nurse",
    ),
    ("home_visit", "Visit the home"),
    (
        "new_la_admissions_checked",
        "Check with the admissions team of the new local authority that it has an application",
    ),
)
_CHECKLIST_KEYS = frozenset(key for key, _ in SCHOOL_ENQUIRY_CHECKLIST)


@dataclass(frozen=True)
class ReferralReadiness:
    """Whether a school can submit a CME referral, what it still has to do, and when the referral is due."""

    ready: bool
    missing: tuple[str, ...]
    due: date | None


def school_referral_readiness(
    *,
    enquiries_done: frozenset[str],
    home_visit_done: bool,
    last_attended: date | None,
    today: date,
    calendar: SchoolCalendar | None,
    settings: LocalSettings,
    move_claimed: bool = True,
) -> ReferralReadiness:
    """Whether the school's enquiries are complete enough for the CME team to accept its referral.

    Ready once every item of ``SCHOOL_ENQUIRY_CHECKLIST`` is done. The home visit is mandatory when
    ``settings.home_visit_required_for_cme_referral`` (Ealing: a referral without one is rejected); checking
    with the new LA's admissions team is needed only when a move is claimed (a direct application to a school
    is not enough). ``due`` is 10 school days after the last day attended by default, None when that date is
    not known or the LA's term dates do not cover the days to count (the deadline is then pending). Sources:
    Ealing EGfL CME referral page; DfE CME guidance (schools' responsibilities); Herefordshire, Gloucestershire
    and Essex CME checklists (domain brief section 4).
    """
    unknown = enquiries_done - _CHECKLIST_KEYS
    if unknown:
        raise ValueError(f"Unknown enquiry keys: {', '.join(sorted(unknown))}")
    if last_attended is not None and last_attended > today:
        raise ValueError(f"The last day attended ({format_date(last_attended)}) cannot be after today")

    done = set(enquiries_done)
    if home_visit_done:
        done.add("home_visit")
    not_needed: set[str] = set()
    if not settings.home_visit_required_for_cme_referral:
        not_needed.add("home_visit")
    if not move_claimed:
        not_needed.add("new_la_admissions_checked")
    missing = tuple(label for key, label in SCHOOL_ENQUIRY_CHECKLIST if key not in done and key not in not_needed)
    due = None
    if last_attended is not None and calendar is not None:
        try:
            due = cme_referral_due(last_attended, calendar, settings)
        except CalendarNotCoveredError:
            due = None
    return ReferralReadiness(not missing, missing, due)
