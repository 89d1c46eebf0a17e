"""The vocabulary of the CME register: case types, sources, statuses, closure reasons and risk flags.

Education Act 1996 s.436A puts the duty on the LA to identify children missing education; the DfE statutory
guidance *Children missing education* (Aug 2024) expects the LA to track them until they are back in education.
Case types are kept apart because the law treats them differently (domain brief section 1): a child on roll but
absent is an attendance case, not CME; an electively home-educated child is not CME while the education appears
suitable.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum


class LabelledEnum(str, Enum):
    """A string enum whose members carry a label for people as well as a stored value."""

    label: str

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> dict[str, str]:
        return {member.value: member.label for member in cls}


class CaseType(LabelledEnum):
    """Kinds of case in the register (domain brief section 1, "Rules to encode")."""

    CME = ("cme", "Child missing education")
    CMOE = ("cmoe", "Child missing out on education")
    EHE = ("ehe", "Elective home education")
    ABROAD = ("abroad", "Extended leave abroad")
    ATTENDANCE = ("attendance", "Attendance (on roll, not attending)")
    PENDING_ADMISSION = ("pending_admission", "Awaiting a school place")
    # Outside s.436A: recorded because the CME team accepts Nursery referrals, kept apart from CME (portal.rules.scope).
    NOT_CSA = ("not_csa", "Not of compulsory school age")


class CaseSource(LabelledEnum):
    """Where a case came from."""

    SCHOOL_LEAVER = ("school_leaver", "School leaver")
    SCHOOL_REFERRAL = ("school_referral", "School referral")
    PUBLIC = ("public", "Public referral")
    PARENT = ("parent", "Parent (home education notice)")
    ABROAD_ESCALATION = ("abroad_escalation", "Leave abroad escalation")
    OFFICER = ("officer", "Officer")


class CaseStatus(LabelledEnum):
    """Where a case stands. The school sees the same words, so they are plain."""

    RECEIVED = ("received", "Received")
    WITH_OFFICER = ("with_officer", "With CME officer")
    MORE_INFORMATION = ("more_information", "More information needed")
    CLOSED = ("closed", "Closed")


class RiskLevel(LabelledEnum):
    HIGH = ("high", "High")
    STANDARD = ("standard", "Standard")


class ClosureReason(LabelledEnum):
    """Why a case was closed, each with what the officer must record (see ``closure_requirements``)."""

    ON_ROLL = ("on_roll", "On roll at a school")
    MOVED_LA = ("moved_la", "Moved to another local authority")
    EHE_CONFIRMED = ("ehe_confirmed", "Elective home education confirmed")
    LEFT_COUNTRY = ("left_country", "Left the country, with evidence")
    NOT_CSA = ("not_csa", "Not of compulsory school age")
    DIED = ("died", "Died")
    DUPLICATE = ("duplicate", "Duplicate of another case")


# What each closure reason needs recorded before the case can close: a reason without its evidence leaves a child
# untracked (CME guidance 2016/2024, "Local authorities' responsibilities": track until the child is back in
# education or the LA's duty ends).
CLOSURE_REQUIREMENTS: dict[ClosureReason, tuple[str, ...]] = {
    ClosureReason.ON_ROLL: ("school",),
    ClosureReason.MOVED_LA: ("other_la", "other_la_notified"),
    ClosureReason.EHE_CONFIRMED: ("detail",),
    ClosureReason.LEFT_COUNTRY: ("detail",),
    ClosureReason.NOT_CSA: (),
    ClosureReason.DIED: ("detail",),
    ClosureReason.DUPLICATE: ("duplicate_of",),
}


def closure_requirements(reason: ClosureReason) -> tuple[str, ...]:
    """The items an officer must record to close a case for ``reason``."""
    return CLOSURE_REQUIREMENTS[reason]


# The enquiries a closure reason needs on the case (by the LA or the school), besides the items above; any one of a
# reason's enquiries will do. The names are the enquiry kinds officers record (portal.services.enquiries).
# Source: CME guidance 2016/2024, "Local authorities' responsibilities" and Annex B: the LA works with other LAs,
# through the DfE School to School service and the Lost Pupil Database, to track children who move; a departure
# from the UK is confirmed through Home Office / Border Force checks (which need the LA's approval to use) or the
# Lost Pupil Database (domain brief sections 1 and 4). Local practice: Ealing to confirm.
CLOSURE_ENQUIRIES: dict[ClosureReason, tuple[str, ...]] = {
    ClosureReason.MOVED_LA: ("other_la",),
    ClosureReason.LEFT_COUNTRY: ("home_office", "s2s"),
}


def closure_enquiries_missing(reason: ClosureReason, recorded: Iterable[str]) -> tuple[str, ...]:
    """The enquiries to choose from before a case can close for ``reason``: empty once any one is recorded.

    ``recorded`` is the kinds of enquiry already on the case. Source: CME guidance 2016/2024, "Local authorities'
    responsibilities" (see ``CLOSURE_ENQUIRIES``).
    """
    needed = CLOSURE_ENQUIRIES.get(reason, ())
    if set(needed).intersection(recorded):
        return ()
    return needed


class RiskFlag(LabelledEnum):
    """Vulnerability flags on a child (domain brief section 8, from KCSIE and the CME guidance's risk groups)."""

    CP_PLAN = ("cp_plan", "Child protection plan")
    CIN = ("cin", "Child in need")
    LAC = ("lac", "Looked after child")
    PRIVATE_FOSTERING = ("private_fostering", "Privately fostered")
    SOCIAL_WORKER = ("social_worker", "Has a social worker")
    YOT = ("yot", "Youth justice involvement")
    EHCP = ("ehcp", "Education, health and care plan")
    SEN = ("sen", "Special educational needs support")
    GRT = ("grt", "Gypsy, Roma or Traveller family")
    SERVICE_FAMILY = ("service_family", "Service (armed forces) family")
    NEW_MIGRANT = ("new_migrant", "Asylum seeker, refugee or new migrant")
    EAL = ("eal", "English as an additional language")
    TEMPORARY_ACCOMMODATION = ("temporary_accommodation", "Temporary accommodation or refuge")
    YOUNG_CARER = ("young_carer", "Young carer")
    TEEN_PARENT = ("teen_parent", "Teenage parent")
    EXCLUDED = ("excluded", "Permanently excluded")
    MEDICAL = ("medical", "Medical or mental health needs")
    EXPLOITATION = ("exploitation", "Exploitation concern (CSE or CCE)")
    TRAFFICKING = ("trafficking", "Trafficking concern")
    FGM = ("fgm", "Risk of female genital mutilation")
    FORCED_MARRIAGE = ("forced_marriage", "Risk of forced marriage")
    RADICALISATION = ("radicalisation", "Radicalisation or conflict-zone concern")
    MISSING_EPISODES = ("missing_episodes", "Missing from home episodes")


# KCSIE and the CME guidance: these make a CME case high priority, and the social worker or Virtual School must be
# told at once (domain brief section 8, "Rules to encode").
HIGH_PRIORITY_FLAGS = frozenset(
    {
        RiskFlag.CP_PLAN,
        RiskFlag.CIN,
        RiskFlag.LAC,
        RiskFlag.SOCIAL_WORKER,
        RiskFlag.EXPLOITATION,
        RiskFlag.TRAFFICKING,
        RiskFlag.FGM,
        RiskFlag.FORCED_MARRIAGE,
    }
)


def risk_level_for(flags: Iterable[RiskFlag]) -> RiskLevel:
    """High when any flag is one that KCSIE and the CME guidance treat as a safeguarding priority."""
    return RiskLevel.HIGH if HIGH_PRIORITY_FLAGS.intersection(flags) else RiskLevel.STANDARD


def risk_level_on_arrival(flags: Iterable[RiskFlag], *, immediate_risk: bool) -> RiskLevel:
    """The priority of a case opened from a public referral or a parent's notice.

    High when the person said a child is at immediate risk of harm, whatever the flags; otherwise as the child's
    flags say (``risk_level_for``). The immediate-risk gate sends the person to children's services and the police,
    and the CME case must not stand in for that referral, so the officer checks with children's services at once.
    Source: KCSIE, "Children who are absent from education": a safeguarding concern goes to children's social care
    immediately and CME procedures never delay it (domain brief sections 4 and 8, "Rules to encode").
    """
    if immediate_risk:
        return RiskLevel.HIGH
    return risk_level_for(flags)


# KCSIE ("children who are absent from education") and the DfE EHE guidance: a meeting with the parents is
# recommended before a vulnerable child leaves school for home education.
MEETING_RECOMMENDED_FLAGS = frozenset(
    {RiskFlag.SOCIAL_WORKER, RiskFlag.CP_PLAN, RiskFlag.EHCP, RiskFlag.LAC, RiskFlag.SEN, RiskFlag.CIN}
)


def ehe_meeting_recommended(flags: Iterable[RiskFlag]) -> bool:
    """True when a home-education notice concerns a child for whom a meeting is recommended (KCSIE)."""
    return bool(MEETING_RECOMMENDED_FLAGS.intersection(flags))
