"""Removing a pupil abroad: grounds G, H and I, their waiting times in school days and the LA's agreement."""

from datetime import date

import pytest

from portal.rules.abroad_removal import (
    PERMANENT_MOVE_IN_WRITING,
    assess_abroad_removal,
    first_day_of_absence,
    ground_h_available_from,
    ground_i_available_from,
    removal_conditions,
    unconfirmed,
)
from portal.rules.deletion_grounds import DeletionGround
from tests.rules.calendars import CALENDAR

G = DeletionGround.MOVED_AWAY
H = DeletionGround.NOT_RETURNED_FROM_LEAVE
I = DeletionGround.CONTINUOUS_ABSENCE  # noqa: E741 (the ground's letter)

MONDAY_3_NOV = date(2025, 11, 3)  # after October half-term 2025
FRIDAY_17_OCT = date(2025, 10, 17)


@pytest.mark.parametrize(
    ("date_left", "leave_last_day", "first_absent"),
    [
        (MONDAY_3_NOV, None, MONDAY_3_NOV),
        (date(2025, 11, 1), None, MONDAY_3_NOV),
        (date(2025, 10, 24), None, date(2025, 10, 24)),
        (date(2025, 10, 6), FRIDAY_17_OCT, date(2025, 10, 20)),
        (date(2025, 10, 13), date(2025, 10, 24), MONDAY_3_NOV),
    ],
    ids=[
        "left on a school day",
        "left on a Saturday: the Monday",
        "left on the last day before half-term",
        "leave granted: the day after the leave",
        "leave ended before half-term: the first day back",
    ],
)
def test_first_day_of_absence(date_left: date, leave_last_day: date | None, first_absent: date) -> None:
    assert first_day_of_absence(date_left, leave_last_day, CALENDAR) == first_absent


def test_ground_i_needs_20_whole_school_days() -> None:
    # 3 to 28 November 2025 are 20 school days: the 20th ends on Friday 28 November.
    assert ground_i_available_from(MONDAY_3_NOV, CALENDAR) == date(2025, 11, 29)
    assert CALENDAR.school_days_between(MONDAY_3_NOV, date(2025, 11, 28)) == 19


def test_ground_h_needs_the_10_school_days_after_the_leave() -> None:
    # Leave ended Friday 17 October; 20 to 24 October and 3 to 7 November (after half-term) are the 10 school days.
    assert ground_h_available_from(FRIDAY_17_OCT, CALENDAR) == date(2025, 11, 8)


AGREED = True
REFUSED = False
UNDECIDED = None

# (ground, date left, leave last day, LA decision, on, available from, unmet condition texts)
CASES = [
    (I, MONDAY_3_NOV, None, AGREED, date(2025, 11, 4), date(2025, 11, 29), ["Ground I is available from 29 November"]),
    (I, MONDAY_3_NOV, None, AGREED, date(2025, 11, 28), date(2025, 11, 29), ["after 20 school days of continuous"]),
    (I, MONDAY_3_NOV, None, AGREED, date(2025, 11, 29), date(2025, 11, 29), []),
    (I, date(2025, 10, 6), FRIDAY_17_OCT, AGREED, date(2025, 11, 21), date(2025, 11, 22), ["from 22 November 2025"]),
    (I, MONDAY_3_NOV, None, UNDECIDED, date(2025, 12, 1), date(2025, 11, 29), ["has not been recorded yet"]),
    (I, MONDAY_3_NOV, None, REFUSED, date(2025, 12, 1), date(2025, 11, 29), ["did not agree to removal"]),
    (
        I,
        MONDAY_3_NOV,
        None,
        UNDECIDED,
        date(2025, 11, 4),
        date(2025, 11, 29),
        ["Ground I is available from", "after you send Letter 2"],
    ),
    (H, date(2025, 10, 6), None, AGREED, date(2025, 12, 1), None, ["this record has no leave"]),
    (
        H,
        date(2025, 10, 6),
        FRIDAY_17_OCT,
        AGREED,
        date(2025, 11, 7),
        date(2025, 11, 8),
        ["Ground H is available from 8 November 2025", "end of the leave of absence on 17 October 2025"],
    ),
    (H, date(2025, 10, 6), FRIDAY_17_OCT, AGREED, date(2025, 11, 8), date(2025, 11, 8), []),
    (H, date(2025, 10, 6), FRIDAY_17_OCT, REFUSED, date(2025, 11, 10), date(2025, 11, 8), ["stays on the register"]),
    (I, date(2025, 8, 1), None, AGREED, date(2025, 12, 1), None, ["term dates do not cover"]),
    (H, date(2026, 12, 1), date(2026, 12, 10), AGREED, date(2026, 12, 11), None, ["term dates do not cover"]),
    (G, MONDAY_3_NOV, None, UNDECIDED, date(2025, 11, 4), None, []),
    (G, MONDAY_3_NOV, None, REFUSED, date(2025, 11, 4), None, []),
]


@pytest.mark.parametrize(
    ("ground", "date_left", "leave_last_day", "la_agreed", "on", "available_from", "texts"),
    CASES,
    ids=[
        "I after 1 school day: refused, with the date",
        "I on the 20th school day itself: refused",
        "I the day after the 20th school day, LA agreed",
        "I after granted leave: counted from the day after the leave",
        "I in time but the LA has not decided",
        "I in time but the LA did not agree",
        "I too early and no LA decision: both said",
        "H with no leave granted",
        "H on the 10th school day after the leave: refused",
        "H the day after the 10 school days, LA agreed",
        "H in time but the LA did not agree",
        "I before the LA's term dates",
        "H after the LA's term dates",
        "G needs no waiting and no LA decision",
        "G even when the LA did not agree to H or I",
    ],
)
def test_assess_abroad_removal(
    ground: DeletionGround,
    date_left: date,
    leave_last_day: date | None,
    la_agreed: bool | None,
    on: date,
    available_from: date | None,
    texts: list[str],
) -> None:
    result = assess_abroad_removal(
        ground, date_left=date_left, leave_last_day=leave_last_day, la_agreed=la_agreed, on=on, calendar=CALENDAR
    )
    assert result.available_from == available_from
    assert result.can_remove is (not texts)
    for text in texts:
        assert text in result.explanation, result.explanation
    assert result.cites[0] == ground.regulation


@pytest.mark.parametrize("ground", [H, I], ids=["H", "I"])
def test_no_term_dates_no_school_days(ground: DeletionGround) -> None:
    result = assess_abroad_removal(
        ground,
        date_left=MONDAY_3_NOV,
        leave_last_day=FRIDAY_17_OCT,
        la_agreed=True,
        on=date(2025, 12, 1),
        calendar=None,
    )
    assert result.not_met == (
        "The local authority's term dates do not cover these dates, so the school days cannot be "
        "counted. Contact the CME team",
    )
    assert result.available_from is None


def test_other_grounds_are_not_for_a_pupil_abroad() -> None:
    result = assess_abroad_removal(
        DeletionGround.HOME_EDUCATION,
        date_left=MONDAY_3_NOV,
        leave_last_day=None,
        la_agreed=True,
        on=date(2025, 12, 1),
        calendar=CALENDAR,
    )
    assert not result.can_remove and "use ground G, H or I" in result.not_met[0]


def test_the_school_confirms_each_grounds_conditions() -> None:
    assert removal_conditions(G)[-1] == PERMANENT_MOVE_IN_WRITING
    assert removal_conditions(H) == H.conditions
    sickness = "not_sickness_or_unavoidable_cause"
    assert sickness in {c.key for c in removal_conditions(I)} and sickness in {c.key for c in removal_conditions(H)}
    assert unconfirmed(I, [c.key for c in I.conditions]) == ()
    assert [c.key for c in unconfirmed(I, ["absent_20_school_days"])][0] == sickness
