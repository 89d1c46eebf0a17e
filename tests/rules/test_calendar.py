from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.rules.calendar import CalendarNotCoveredError, SchoolCalendar, england_bank_holidays, format_date
from tests.rules.calendars import CALENDAR, HALF_TERMS_AS_CLOSURES, HALF_TERMS_AS_GAPS

PROPERTIES = settings(max_examples=200, deadline=None)
covered_dates = st.dates(min_value=CALENDAR.first_day - timedelta(days=1), max_value=CALENDAR.last_day)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 9, 1), False),
        (date(2025, 9, 2), False),
        (date(2025, 9, 3), True),
        (date(2025, 9, 6), False),
        (date(2025, 9, 7), False),
        (date(2025, 10, 24), True),
        (date(2025, 10, 27), False),
        (date(2025, 11, 3), True),
        (date(2025, 12, 25), False),
        (date(2026, 1, 1), False),
        (date(2026, 1, 5), False),
        (date(2026, 1, 6), True),
        (date(2026, 4, 3), False),
        (date(2026, 5, 4), False),
        (date(2026, 5, 5), True),
        (date(2026, 5, 25), False),
        (date(2026, 7, 22), True),
        (date(2026, 7, 23), False),
        (date(2026, 8, 31), False),
        (date(2026, 9, 2), True),
    ],
    ids=[
        "INSET day at the start of the year",
        "second INSET day",
        "first teaching day",
        "Saturday",
        "Sunday",
        "last day before autumn half-term",
        "autumn half-term",
        "first day after half-term",
        "Christmas Day in the holidays",
        "New Year's Day bank holiday in the holidays",
        "INSET day at the start of spring term",
        "first teaching day of spring term",
        "Good Friday in the Easter holidays",
        "early May bank holiday in term",
        "day after the bank holiday",
        "spring bank holiday in half-term",
        "last day of the school year",
        "first day of the summer holidays",
        "summer bank holiday",
        "first teaching day of the next school year",
    ],
)
def test_is_school_day(day: date, expected: bool) -> None:
    assert CALENDAR.is_school_day(day) is expected
    assert HALF_TERMS_AS_CLOSURES.is_school_day(day) is expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 9, 5), date(2025, 9, 12), 5),
        (date(2025, 9, 5), date(2025, 9, 5), 0),
        (date(2025, 9, 12), date(2025, 9, 5), 0),
        (date(2025, 9, 6), date(2025, 9, 7), 0),
        (date(2025, 10, 24), date(2025, 11, 3), 1),
        (date(2025, 12, 19), date(2026, 1, 6), 1),
        (date(2026, 5, 1), date(2026, 5, 5), 1),
        (date(2026, 7, 22), date(2026, 9, 2), 1),
        (date(2025, 8, 31), date(2025, 9, 3), 1),
        (date(2025, 9, 1), date(2025, 12, 19), 73),
    ],
    ids=[
        "one full week",
        "same day",
        "end before start",
        "weekend only",
        "autumn half-term not counted",
        "Christmas holidays and INSET day not counted",
        "bank holiday in term not counted",
        "across the summer holidays into the next school year",
        "from the day before the calendar starts",
        "whole autumn term",
    ],
)
def test_school_days_between(start: date, end: date, expected: int) -> None:
    assert CALENDAR.school_days_between(start, end) == expected
    assert HALF_TERMS_AS_CLOSURES.school_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 9, 5), 0, date(2025, 9, 5)),
        (date(2025, 9, 6), 0, date(2025, 9, 6)),
        (date(2025, 9, 5), 1, date(2025, 9, 8)),
        (date(2025, 9, 6), 1, date(2025, 9, 8)),
        (date(2025, 10, 17), 10, date(2025, 11, 7)),
        (date(2025, 12, 12), 10, date(2026, 1, 12)),
        (date(2026, 4, 30), 3, date(2026, 5, 6)),
        (date(2026, 7, 21), 2, date(2026, 9, 2)),
        (date(2025, 8, 31), 1, date(2025, 9, 3)),
    ],
    ids=[
        "zero days is the same day",
        "zero days from a Saturday is that Saturday",
        "Friday plus one is Monday",
        "Saturday plus one is Monday",
        "ten school days across autumn half-term",
        "ten school days across Christmas and an INSET day",
        "three school days across a bank holiday",
        "across the summer holidays into the next school year",
        "from the day before the calendar starts",
    ],
)
def test_add_school_days(start: date, n: int, expected: date) -> None:
    assert CALENDAR.add_school_days(start, n) == expected
    assert HALF_TERMS_AS_CLOSURES.add_school_days(start, n) == expected


@pytest.mark.parametrize(
    "call",
    [
        lambda: CALENDAR.is_school_day(date(2025, 8, 31)),
        lambda: CALENDAR.is_school_day(date(2026, 12, 21)),
        lambda: CALENDAR.school_days_between(date(2025, 8, 30), date(2025, 9, 10)),
        lambda: CALENDAR.school_days_between(date(2026, 12, 1), date(2027, 1, 5)),
        lambda: CALENDAR.add_school_days(date(2026, 12, 16), 5),
        lambda: CALENDAR.add_school_days(date(2026, 12, 18), 1),
        lambda: CALENDAR.add_school_days(date(2025, 8, 1), 1),
    ],
    ids=[
        "before the first term",
        "after the last term",
        "count starting before the calendar",
        "count ending after the calendar",
        "answer after the last term",
        "from the last day of the calendar",
        "from long before the calendar",
    ],
)
def test_refuses_to_guess_outside_the_term_dates(call: object) -> None:
    with pytest.raises(CalendarNotCoveredError, match="Add the term dates for that school year"):
        call()  # type: ignore[operator]


def test_not_covered_error_is_a_value_error_naming_the_range() -> None:
    with pytest.raises(ValueError, match="from 1 September 2025 to 18 December 2026"):
        CALENDAR.is_school_day(date(2027, 1, 4))


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ((), "at least one term"),
        (((date(2025, 9, 5), date(2025, 9, 1)),), "cannot end"),
    ],
    ids=["no terms", "term ends before it starts"],
)
def test_rejects_bad_terms(terms: tuple[tuple[date, date], ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SchoolCalendar(terms)


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        CALENDAR.add_school_days(date(2025, 9, 5), -1)


def test_calendar_range_and_repr() -> None:
    assert CALENDAR.first_day == date(2025, 9, 1)
    assert CALENDAR.last_day == date(2026, 12, 18)
    assert repr(CALENDAR) == "SchoolCalendar(2025-09-01 to 2026-12-18, 267 school days)"


def test_overlapping_terms_and_generators_are_accepted() -> None:
    calendar = SchoolCalendar(
        iter([(date(2025, 9, 1), date(2025, 9, 10)), (date(2025, 9, 8), date(2025, 9, 12))]),
        closures=iter([date(2025, 9, 3)]),
    )
    assert calendar.school_days_between(date(2025, 8, 31), date(2025, 9, 12)) == 9


def test_format_date() -> None:
    assert format_date(date(2025, 9, 1)) == "1 September 2025"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 12, 25), True),
        (date(2026, 5, 4), True),
        (date(2026, 8, 31), True),
        (date(2026, 1, 2), False),
        (date(2026, 3, 17), False),
        (date(2026, 5, 5), False),
    ],
    ids=[
        "Christmas Day",
        "early May bank holiday",
        "summer bank holiday (England only)",
        "2 January is Scotland only",
        "St Patrick's Day is Northern Ireland only",
        "an ordinary Tuesday",
    ],
)
def test_england_bank_holidays(day: date, expected: bool) -> None:
    holidays = england_bank_holidays()
    assert isinstance(holidays, frozenset)
    assert (day in holidays) is expected


@PROPERTIES
@given(data=st.data(), start=covered_dates)
def test_add_then_count_gives_back_n(data: st.DataObject, start: date) -> None:
    remaining = CALENDAR.school_days_between(start, CALENDAR.last_day)
    n = data.draw(st.integers(min_value=0, max_value=remaining))
    end = CALENDAR.add_school_days(start, n)
    assert CALENDAR.school_days_between(start, end) == n
    if n >= 1:
        assert CALENDAR.is_school_day(end)
        assert CALENDAR.school_days_between(start, end - timedelta(days=1)) == n - 1


@PROPERTIES
@given(data=st.data(), start=covered_dates)
def test_adding_is_additive(data: st.DataObject, start: date) -> None:
    remaining = CALENDAR.school_days_between(start, CALENDAR.last_day)
    m = data.draw(st.integers(min_value=0, max_value=remaining))
    n = data.draw(st.integers(min_value=0, max_value=remaining - m))
    assert CALENDAR.add_school_days(CALENDAR.add_school_days(start, m), n) == CALENDAR.add_school_days(start, m + n)


@PROPERTIES
@given(days=st.lists(covered_dates, min_size=3, max_size=3))
def test_counting_is_additive(days: list[date]) -> None:
    a, b, c = sorted(days)
    between = CALENDAR.school_days_between
    assert between(a, c) == between(a, b) + between(b, c)


@PROPERTIES
@given(days=st.lists(covered_dates, min_size=2, max_size=2))
def test_counting_matches_a_day_by_day_count(days: list[date]) -> None:
    start, end = sorted(days)
    naive = sum(
        1
        for o in range(start.toordinal() + 1, end.toordinal() + 1)
        if HALF_TERMS_AS_CLOSURES.is_school_day(date.fromordinal(o))
    )
    assert HALF_TERMS_AS_GAPS.school_days_between(start, end) == naive
