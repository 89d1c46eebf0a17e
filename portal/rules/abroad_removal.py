"""Removing a pupil on extended leave abroad from the register: grounds G, H and I, and when each can be used.

Sources: SI 2024/208 reg 9(1)(g), (h) and (i); WTISA (joint reasonable enquiries by the school and the LA, and
their joint agreement when the pupil is found); Ealing EGfL extended leave abroad guidance (the LA confirms whether
it agrees to removal after Letter 2) and "When to remove a pupil from roll" (a parent's written confirmation of a
permanent move abroad allows immediate removal under G). Domain brief sections 3, 5 and 10.

Open question (domain brief section 3, uncertain): the exact limbs of reg 9(1)(h) and (i), and whether a located
pupil may be deleted on the school's and the LA's joint agreement; WTISA says so, and the LA's recorded agreement
stands for that limb here.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from portal.rules import citations
from portal.rules.calendar import CalendarNotCoveredError, SchoolCalendar, format_date
from portal.rules.deletion_grounds import (
    Condition,
    DeletionGround,
    continuous_absence_window_ends,
    leave_window_ends,
)

ABROAD_REMOVAL_GROUNDS = (
    DeletionGround.MOVED_AWAY,
    DeletionGround.NOT_RETURNED_FROM_LEAVE,
    DeletionGround.CONTINUOUS_ABSENCE,
)

PERMANENT_MOVE_IN_WRITING = Condition(
    "permanent_move_confirmed_in_writing",
    "A parent has confirmed in writing that the pupil has moved abroad permanently and will not come back",
)


def removal_conditions(ground: DeletionGround) -> tuple[Condition, ...]:
    """What the school confirms before it removes a pupil abroad on ``ground``.

    The ground's own conditions (SI 2024/208 reg 9(1)); for G also the parent's written confirmation of a permanent
    move abroad, which is how a school abroad knows the pupil no longer lives within reasonable distance (Ealing EGfL
    "When to remove a pupil from roll").
    """
    if ground is DeletionGround.MOVED_AWAY:
        return (*ground.conditions, PERMANENT_MOVE_IN_WRITING)
    return ground.conditions


def unconfirmed(ground: DeletionGround, confirmed: Iterable[str]) -> tuple[Condition, ...]:
    """The conditions for ``ground`` that the school has not confirmed, in the order they are asked."""
    ticked = set(confirmed)
    return tuple(condition for condition in removal_conditions(ground) if condition.key not in ticked)


def first_day_of_absence(date_left: date, leave_last_day: date | None, calendar: SchoolCalendar) -> date:
    """The first school day of the pupil's unauthorised absence.

    The first school day on or after the day the pupil left; if leave of absence was granted, the first school day
    after the leave ended, because days of leave are authorised (code C) and a ground I absence is G, N or O only
    (SI 2024/208 reg 9(1)(i)).
    """
    day_before = leave_last_day if leave_last_day is not None else date_left - timedelta(days=1)
    return calendar.add_school_days(day_before, 1)


def ground_h_available_from(leave_last_day: date, calendar: SchoolCalendar) -> date:
    """The first day ground H can be used: the day after the 10 school days that follow the end of the leave.

    Before then the pupil could still attend within the 10 school days (SI 2024/208 reg 9(1)(h)).
    """
    return leave_window_ends(leave_last_day, calendar) + timedelta(days=1)


def ground_i_available_from(first_day_absent: date, calendar: SchoolCalendar) -> date:
    """The first day ground I can be used: the day after the 20th school day of continuous absence.

    ``first_day_absent`` must be a school day. Source: SI 2024/208 reg 9(1)(i).
    """
    return continuous_absence_window_ends(first_day_absent, calendar) + timedelta(days=1)


@dataclass(frozen=True)
class AbroadRemovalAssessment:
    """Whether the school can remove a pupil abroad on a ground today, and if not, why not and from when."""

    ground: DeletionGround
    available_from: date | None  # H and I: the first day the time limb is met; None for G or when not known
    not_met: tuple[str, ...]  # each unmet condition, in words for the school; empty when the ground can be used
    cites: tuple[str, ...]

    @property
    def can_remove(self) -> bool:
        return not self.not_met

    @property
    def explanation(self) -> str:
        """Every unmet condition in one GOV.UK error message: sentences, no full stop at the end."""
        return ". ".join(self.not_met)


_NO_TERM_DATES = (
    "The local authority's term dates do not cover these dates, so the school days cannot be counted. "
    "Contact the CME team"
)


def assess_abroad_removal(
    ground: DeletionGround,
    *,
    date_left: date,
    leave_last_day: date | None,
    la_agreed: bool | None,
    on: date,
    calendar: SchoolCalendar | None,
) -> AbroadRemovalAssessment:
    """Whether ``ground`` can be used on ``on`` to remove a pupil on extended leave abroad (before the confirmations).

    ``leave_last_day`` is the last day of leave of absence the school granted, or None if it granted none.
    ``la_agreed`` is the LA's recorded decision on removal: True (agreed), False (did not agree) or None (none yet).
    ``calendar`` is None when the LA has published no term dates, so no school days can be counted.

    - G (reg 9(1)(g)): no waiting time and no LA agreement: the school confirms the parent's written confirmation
      of a permanent move abroad (Ealing allows immediate removal on it).
    - H (reg 9(1)(h)): leave was granted and has ended, and the 10 school days after it have passed.
    - I (reg 9(1)(i)): at least 20 school days of continuous absence, counted from the first school day of absence.
    - H and I: the school and the LA have jointly made reasonable enquiries and, if the pupil is found, both agree
      the pupil will not attend again (WTISA): the LA's recorded agreement. Without it, or if the LA did not agree,
      the ground cannot be used (Ealing: the LA confirms whether it agrees after Letter 2).
    """
    if ground not in ABROAD_REMOVAL_GROUNDS:
        return AbroadRemovalAssessment(
            ground,
            None,
            (f"Ground {ground.code} is not a ground for removing a pupil who is abroad: use ground G, H or I",),
            (citations.REG_9_1,),
        )
    if ground is DeletionGround.MOVED_AWAY:
        return AbroadRemovalAssessment(ground, None, (), (ground.regulation, citations.EALING_REMOVE_FROM_ROLL))
    not_met: list[str] = []
    available_from: date | None = None
    try:
        if calendar is None:
            raise CalendarNotCoveredError(_NO_TERM_DATES)
        if ground is DeletionGround.NOT_RETURNED_FROM_LEAVE:
            if leave_last_day is None:
                not_met.append(
                    "Ground H is only for a pupil who was given leave of absence, and this record has no leave. "
                    "If the pupil is absent without leave, use ground I"
                )
            else:
                available_from = ground_h_available_from(leave_last_day, calendar)
                if on < available_from:
                    not_met.append(
                        f"Ground H is available from {format_date(available_from)}, after the 10 school days "
                        f"following the end of the leave of absence on {format_date(leave_last_day)}"
                    )
        else:
            first_absent = first_day_of_absence(date_left, leave_last_day, calendar)
            available_from = ground_i_available_from(first_absent, calendar)
            if on < available_from:
                not_met.append(
                    f"Ground I is available from {format_date(available_from)}, after 20 school days of "
                    f"continuous absence from {format_date(first_absent)}"
                )
    except CalendarNotCoveredError:
        not_met.append(_NO_TERM_DATES)
    if la_agreed is None:
        not_met.append(
            f"Ground {ground.code} needs the local authority's agreement, which has not been recorded yet. "
            "The local authority decides after you send Letter 2"
        )
    elif not la_agreed:
        not_met.append(
            f"The local authority did not agree to removal, so ground {ground.code} cannot be used. "
            "The pupil stays on the register"
        )
    cites = (ground.regulation, citations.WTISA, citations.EALING_LEAVE_ABROAD)
    return AbroadRemovalAssessment(ground, available_from, tuple(not_met), cites)
