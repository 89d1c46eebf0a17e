"""Whether a child is within the LA's duty to identify children missing education, judged by age alone.

Education Act 1996 s.436A covers children of compulsory school age (CSA) only. A child below or over it is out of
scope: the portal may record them but must flag them, and keep them out of the CME figures (domain brief section 1,
"Rules to encode"). CSA itself is ``portal.rules.school_age`` (Education Act 1996 s.8).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from portal.rules import citations
from portal.rules.register import CaseType
from portal.rules.school_age import SEPTEMBER_FIRST, csa_end, csa_start

OUT_OF_SCOPE_LABEL = "Not of compulsory school age: not a CME case"


class AgeScope(Enum):
    """Where a child's age puts them on a date, for the s.436A duty."""

    BELOW = "below"
    WITHIN = "within"
    ABOVE = "above"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CmeScope:
    """The result of ``cme_scope``: where the child's age falls, why, and the sources."""

    age: AgeScope
    reason: str
    cites: tuple[str, ...]

    @property
    def in_scope(self) -> bool:
        """Within s.436A, or not known to be outside it: without a date of birth the officer has to find out."""
        return self.age in (AgeScope.WITHIN, AgeScope.UNKNOWN)

    @property
    def label(self) -> str:
        """The words a school or an officer sees."""
        if self.age is AgeScope.WITHIN:
            return "Of compulsory school age"
        if self.age is AgeScope.UNKNOWN:
            return "Date of birth not known"
        return OUT_OF_SCOPE_LABEL


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def cme_scope(dob: date | None, on: date, autumn_term_start: tuple[int, int] = SEPTEMBER_FIRST) -> CmeScope:
    """Whether a child born on ``dob`` is within the s.436A duty on the date ``on`` (the day a case would open).

    Within it exactly while of compulsory school age (Education Act 1996 s.8; ``portal.rules.school_age``).
    Without a date of birth the age is unknown and the child stays in scope until an officer knows better: the
    duty is to establish the identities of CSA children "so far as it is possible" (Education Act 1996 s.436A).
    """
    cites = (citations.EA_1996_S436A, citations.EA_1996_S8)
    if dob is None:
        return CmeScope(AgeScope.UNKNOWN, "The date of birth is not known, so compulsory school age is not.", cites)
    start = csa_start(dob)
    if on < start:
        reason = f"Not yet of compulsory school age on {_day(on)}: it starts on {_day(start)}."
        return CmeScope(AgeScope.BELOW, reason, (*cites, citations.START_OF_CSA_ORDER))
    end = csa_end(dob, autumn_term_start)
    if on > end:
        reason = f"Over compulsory school age on {_day(on)}: it ended on {_day(end)}."
        return CmeScope(AgeScope.ABOVE, reason, (*cites, citations.SCHOOL_LEAVING_DATE_ORDER))
    return CmeScope(AgeScope.WITHIN, f"Of compulsory school age on {_day(on)}.", cites)


def case_type_for_referral(scope: CmeScope) -> CaseType:
    """What the register opens when a school refers a child, or a leaver's information is not obtained in time.

    - Of CSA, or age not known: a CME case (Education Act 1996 s.436A).
    - Outside CSA: recorded, but as "not of compulsory school age", never as CME, so it stays out of the CME
      figures (domain brief section 1: record but flag). Ealing's CME team accepts referrals from Nursery to
      Year 11 and expects Nursery leavers to be referred (Ealing EGfL CME referral page; leaver's folder
      checklist). It does not accept young people over CSA (refer to Connexions): a leaver over CSA is sent to
      Connexions by ``portal.rules.leavers.assess_leaver`` and never reaches the register, while a school's own
      referral is still recorded so that the officer can close it and point the school to Connexions.
    """
    return CaseType.CME if scope.in_scope else CaseType.NOT_CSA


def _first_true(low: date, high: date, test: Callable[[date], bool]) -> date:
    """The first date in [low, high] for which ``test`` holds, given it is false, then true up to ``high``."""
    lo, hi = low.toordinal(), high.toordinal()
    while lo < hi:
        middle = (lo + hi) // 2
        if test(date.fromordinal(middle)):
            hi = middle
        else:
            lo = middle + 1
    return date.fromordinal(lo)


def csa_birth_dates(on: date, autumn_term_start: tuple[int, int] = SEPTEMBER_FIRST) -> tuple[date, date]:
    """The earliest and latest dates of birth of the children of compulsory school age on ``on``, both inclusive.

    The start and the end of CSA both move later as the date of birth does (Education Act 1996 s.8(2) and s.8(3)),
    so the children of CSA on a day are those born in one range of dates: a census can select them by date of birth.
    """
    # Nobody over 20 or under 0 is of CSA, so the answer lies in these bounds, where each test changes once.
    low, high = date(on.year - 20, 1, 1), on
    earliest = _first_true(low, high, lambda dob: csa_end(dob, autumn_term_start) >= on)
    first_too_young = _first_true(low, high, lambda dob: csa_start(dob) > on)
    return earliest, date.fromordinal(first_too_young.toordinal() - 1)
