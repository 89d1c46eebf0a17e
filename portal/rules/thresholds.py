"""Local practice, not law: the LA's settings (Ealing's values by default) and the deadlines built on them.

Every number here is an LA setting because no statute fixes it (domain brief sections 1 and 10). Ealing's
EGfL pages give different trigger days (2, 3 and 10 school days); the portal treats 10 school days as the
referral deadline and 2 to 3 days as early warnings, all configurable (domain brief section 10,
contradiction 3).
"""

from dataclasses import dataclass, fields
from datetime import date, timedelta
from enum import Enum

from portal.rules.calendar import SchoolCalendar


@dataclass(frozen=True)
class LocalSettings:
    """An LA's local-practice settings, with Ealing's values as defaults.

    - ``la_number``: DfE 3-digit LA number (Ealing 307; confirm on Get Information about Schools).
    - ``cme_threshold_school_days``: a child is CME after more than this many school days out of education
      (Ealing EGfL CME service page; a local triage rule, not the s.436A definition).
    - ``leaver_information_deadline_school_days``: the school must have the leaver's key information within
      this many school days of last attendance, or refer as CME (Ealing EGfL leaver's folder checklist).
    - ``cme_referral_deadline_school_days``: a CME referral is due this many school days after last
      attendance when there is no contact (Ealing EGfL CME referral page).
    - ``early_warning_school_days``: begin enquiries on the third day of absence with no contact, and follow
      the CME process if no leaver's form within 3 days (Ealing EGfL When to remove a pupil from roll).
    - ``no_contact_warning_school_days``: the family cannot be contacted for 2 school days after an absence
      (Ealing EGfL Reasonable journey time, trigger (b)).
    - ``home_visit_required_for_cme_referral``: the CME team rejects a school referral without a home visit
      (Ealing EGfL CME referral page).
    - ``max_primary_journey_minutes``: the longest reasonable journey for a primary-age child, warn only
      (Ealing EGfL Reasonable journey time; ground G).
    - ``consult_year_groups``: moves in these year groups need an LAO or CME officer consult (same page).
    - ``abroad_response_window_school_days``: time allowed to answer Letter 1 about extended leave abroad
      (Ealing EGfL extended leave abroad guidance).
    - ``part_time_review_interval_days``: calendar days between part-time timetable reviews (WTISA "formal,
      regular reviews"; 14 days is LA practice, e.g. Rotherham; Ealing to confirm).
    - ``part_time_length_warning_weeks``: warn when a part-time timetable is planned for longer (WTISA
      "shortest time necessary"; 6 to 8 weeks is LA practice, e.g. Southend and Essex; Ealing to confirm).
    - ``full_time_hours_per_week``: fewer weekly hours of school-based provision puts a pupil on the
      part-time and AP return (Ealing EGfL part-time and alternative provision data return).
    - ``autumn_term_start``: (month, day) the "school year" begins for the end of CSA (Education Act 1996
      s.8(3)(a) and s.579(1)); default 1 September (domain brief section 2, uncertain).
    - ``new_pupil_returns_for_standard_entry``: whether the LA has asked for new-pupil returns at standard
      entry (SI 2024/208 reg 13(3)); ask Ealing.
    - ``retention_years_after_closure``: keep CME case records this many years after closure (no national
      period; Barnet precedent, pending Ealing's retention schedule).
    - ``retention_until_age_looked_after`` / ``retention_until_age_ehcp``: keep the records of a child who was
      ever looked after, or had an EHCP, until this age if that is later (Lancashire Access to Education
      precedent; domain brief section 9, uncertain: ask Ealing's information governance team).
    - ``cwsa_2026_commenced``: the Children's Wellbeing and Schools Act 2026 ss.37 to 42 (s.434A consent,
      children-not-in-school registers) are in force; off until commencement regulations are made.
    """

    la_number: int = 307
    cme_threshold_school_days: int = 20
    leaver_information_deadline_school_days: int = 10
    cme_referral_deadline_school_days: int = 10
    early_warning_school_days: int = 3
    no_contact_warning_school_days: int = 2
    home_visit_required_for_cme_referral: bool = True
    max_primary_journey_minutes: int = 45
    consult_year_groups: tuple[int, ...] = (10, 11)
    abroad_response_window_school_days: int = 10
    part_time_review_interval_days: int = 14
    part_time_length_warning_weeks: int = 6
    full_time_hours_per_week: int = 25
    autumn_term_start: tuple[int, int] = (9, 1)
    new_pupil_returns_for_standard_entry: bool = False
    retention_years_after_closure: int = 7
    retention_until_age_looked_after: int = 75
    retention_until_age_ehcp: int = 45
    cwsa_2026_commenced: bool = False

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if type(value) is int and value < 1:
                raise ValueError(f"{field.name} must be 1 or more, not {value}")
        month, day = self.autumn_term_start
        if month not in (8, 9) or not 1 <= day <= 31 or (month, day) == (9, 31):
            raise ValueError(f"autumn_term_start must be a day in August or September, not {self.autumn_term_start}")


EALING = LocalSettings()


class DeadlineState(Enum):
    """Where today is relative to a deadline counted in school days."""

    DUE = "due"
    DUE_TODAY = "due today"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class DeadlineStatus:
    """A deadline seen from today, in school days, with the words the UI shows.

    ``school_days`` is the number of school days until the deadline (``DUE``) or since it (``OVERDUE``).
    ``DUE_TODAY`` means no school day is left before the deadline.
    """

    due: date
    state: DeadlineState
    school_days: int

    @property
    def overdue(self) -> bool:
        return self.state is DeadlineState.OVERDUE

    @property
    def label(self) -> str:
        """Like "due in 3 school days", "due today", "overdue by 1 school day"."""
        if self.state is DeadlineState.DUE_TODAY:
            return "due today"
        if self.state is DeadlineState.DUE:
            return f"due in {_school_days(self.school_days)}"
        if self.school_days == 0:
            return "overdue"
        return f"overdue by {_school_days(self.school_days)}"


def _school_days(n: int) -> str:
    return "1 school day" if n == 1 else f"{n} school days"


def deadline_status(due: date, today: date, calendar: SchoolCalendar) -> DeadlineStatus:
    """How a deadline stands today, counted in school days on ``calendar``.

    Due in N school days while today is before the deadline and N >= 1 school days remain; due today on the
    deadline (or when no school day is left before it); overdue by N school days after it. Deadlines here are
    Ealing's school-day deadlines (Ealing EGfL leaver's folder checklist; CME referral page).
    """
    if today > due:
        return DeadlineStatus(due, DeadlineState.OVERDUE, calendar.school_days_between(due, today))
    remaining = calendar.school_days_between(today, due)
    if remaining == 0:
        return DeadlineStatus(due, DeadlineState.DUE_TODAY, 0)
    return DeadlineStatus(due, DeadlineState.DUE, remaining)


def school_days_missing(last_day_in_education: date, today: date, calendar: SchoolCalendar) -> int:
    """School days after the last day in education, up to and including today.

    Counted only in school days on the calendar the caller passes (SI 2024/208 reg 9(1)(i) counts school days;
    Ealing's CME threshold counts school days: Ealing EGfL CME service page).
    """
    return calendar.school_days_between(last_day_in_education, today)


def cme_threshold_reached(
    last_day_in_education: date, today: date, calendar: SchoolCalendar, settings: LocalSettings
) -> bool:
    """Whether a child has been out of education for more than the CME threshold (Ealing: 20 school days).

    Source: Ealing EGfL CME service page ("for more than 20 school days"). A local triage rule: Education Act
    1996 s.436A has no time threshold (domain brief section 1).
    """
    missing = school_days_missing(last_day_in_education, today, calendar)
    return missing > settings.cme_threshold_school_days


def early_warning_reached(last_attended: date, today: date, calendar: SchoolCalendar, settings: LocalSettings) -> bool:
    """Whether the early-warning point has come: the third school day of absence by default.

    Source: Ealing EGfL When to remove a pupil from roll (follow the CME process if the parent cannot be
    contacted by the third day of absence, or no leaver's form within 3 days).
    """
    return school_days_missing(last_attended, today, calendar) >= settings.early_warning_school_days


def leaver_information_due(last_attended: date, calendar: SchoolCalendar, settings: LocalSettings) -> date:
    """The last day to obtain a leaver's key information: 10 school days after last attendance by default.

    After this date the school must make a CME referral. Source: Ealing EGfL leaver's folder checklist.
    """
    return calendar.add_school_days(last_attended, settings.leaver_information_deadline_school_days)


def cme_referral_due(last_attended: date, calendar: SchoolCalendar, settings: LocalSettings) -> date:
    """When a school's CME referral is due: 10 school days after last attendance with no contact by default.

    Source: Ealing EGfL CME referral page ("absent 10 school days with no contact").
    """
    return calendar.add_school_days(last_attended, settings.cme_referral_deadline_school_days)


def abroad_response_due(letter_1_sent: date, calendar: SchoolCalendar, settings: LocalSettings) -> date:
    """The last day for a parent to answer Letter 1 about extended leave abroad (10 school days by default).

    After it, without good cause, the school sends Letter 2. Source: Ealing EGfL extended leave abroad
    guidance (Letters 1, 1a and 2).
    """
    return calendar.add_school_days(letter_1_sent, settings.abroad_response_window_school_days)


def part_time_review_due(last_review: date, settings: LocalSettings) -> date:
    """The next part-time timetable review: 14 calendar days after the last by default.

    Source: WTISA (part-time timetables need formal, regular reviews); the interval is LA practice
    (Rotherham: at least fortnightly); Ealing to confirm.
    """
    return last_review + timedelta(days=settings.part_time_review_interval_days)


def part_time_length_warning(start: date, planned_end: date, settings: LocalSettings) -> bool:
    """Whether a part-time timetable is planned for longer than the warning length (6 weeks by default).

    A warning, not a rejection. Source: WTISA (shortest time necessary, with a time limit); the length is LA
    practice (Southend, Essex: 6 to 8 weeks); Ealing to confirm. The planned end date must be after the start.
    """
    if planned_end <= start:
        raise ValueError("The planned end date of a part-time timetable must be after its start date")
    return planned_end - start > timedelta(weeks=settings.part_time_length_warning_weeks)


def on_part_time_return(weekly_hours: float, settings: LocalSettings) -> bool:
    """Whether a pupil belongs on the part-time and AP return: fewer than 25 hours a week in school.

    Source: Ealing EGfL part-time and alternative provision data return.
    """
    return weekly_hours < settings.full_time_hours_per_week


def journey_is_unreasonable_for_primary(minutes: int, settings: LocalSettings) -> bool:
    """Whether a journey is longer than Ealing's maximum reasonable time for a primary-age child (45 minutes).

    A warning only: the school must also weigh the family's circumstances, the journey and the child's age,
    and a shorter journey can still be unreasonable. Sources: Ealing EGfL Reasonable journey time; SI 2024/208
    reg 9(1)(g) ("reasonable distance").
    """
    if minutes < 0:
        raise ValueError(f"A journey cannot take {minutes} minutes")
    return minutes > settings.max_primary_journey_minutes


def needs_attendance_officer_consult(year_group: int | None, settings: LocalSettings) -> bool:
    """Whether a claimed move needs the LAO or CME officer consulted before removal (Years 10 and 11).

    Source: Ealing EGfL Reasonable journey time ("if unsure, or for Years 10 to 11, check with the LAO or the
    CME officer").
    """
    return year_group in settings.consult_year_groups
