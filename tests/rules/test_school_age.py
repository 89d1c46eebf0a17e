from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.rules.school_age import (
    PRESCRIBED_DAYS,
    anniversary,
    compulsory_school_age,
    csa_end,
    csa_start,
    is_of_compulsory_school_age,
    national_curriculum_year,
    school_leaving_date,
    sixteenth_birthday_before_autumn_term,
)

PROPERTIES = settings(max_examples=200, deadline=None)
births = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


# Domain brief section 2, "Worked examples": every row with a CSA start.
@pytest.mark.parametrize(
    ("dob", "start", "end"),
    [
        (date(2020, 8, 31), date(2025, 8, 31), date(2036, 6, 27)),
        (date(2020, 9, 1), date(2025, 12, 31), date(2037, 6, 26)),
        (date(2020, 12, 31), date(2025, 12, 31), date(2037, 6, 26)),
        (date(2021, 1, 1), date(2026, 3, 31), date(2037, 6, 26)),
        (date(2021, 3, 31), date(2026, 3, 31), date(2037, 6, 26)),
        (date(2021, 4, 1), date(2026, 8, 31), date(2037, 6, 26)),
        (date(2019, 10, 15), date(2024, 12, 31), date(2036, 6, 27)),
        (date(2020, 2, 29), date(2025, 3, 31), date(2036, 6, 27)),
    ],
    ids=[
        "born 31 Aug 2020: youngest in cohort, limb (a)",
        "born 1 Sep 2020: oldest in next cohort, CSA in Reception",
        "born 31 Dec 2020: birthday on a prescribed day",
        "born 1 Jan 2021",
        "born 31 Mar 2021: birthday on a prescribed day",
        "born 1 Apr 2021: summer-born, CSA at the start of Year 1",
        "born 15 Oct 2019",
        "born 29 Feb 2020: leap day",
    ],
)
def test_worked_examples(dob: date, start: date, end: date) -> None:
    assert compulsory_school_age(dob) == (start, end)


# Domain brief section 2, "Worked examples": the rows with a CSA end only.
@pytest.mark.parametrize(
    ("dob", "end"),
    [
        (date(2010, 6, 26), date(2026, 6, 26)),
        (date(2010, 7, 15), date(2026, 6, 26)),
        (date(2010, 8, 31), date(2026, 6, 26)),
        (date(2010, 9, 1), date(2027, 6, 25)),
    ],
    ids=[
        "16 on the school leaving date: limb (b)",
        "16 in July: limb (a), ceases before turning 16",
        "16 on 31 August: limb (a)",
        "16 on 1 September: the next year's leaving date by default",
    ],
)
def test_worked_examples_end(dob: date, end: date) -> None:
    assert csa_end(dob) == end


@pytest.mark.parametrize(
    ("year", "sld"),
    [
        (2024, date(2024, 6, 28)),
        (2025, date(2025, 6, 27)),
        (2026, date(2026, 6, 26)),
        (2027, date(2027, 6, 25)),
        (2028, date(2028, 6, 30)),
        (2029, date(2029, 6, 29)),
        (2030, date(2030, 6, 28)),
        (2031, date(2031, 6, 27)),
    ],
    ids=["2024", "2025", "2026", "2027", "2028 (30 June is a Friday)", "2029", "2030", "2031"],
)
def test_school_leaving_date_table(year: int, sld: date) -> None:
    assert school_leaving_date(year) == sld


@pytest.mark.parametrize(
    ("dob", "start"),
    [
        (date(2020, 3, 30), date(2025, 3, 31)),
        (date(2020, 3, 31), date(2025, 3, 31)),
        (date(2020, 4, 1), date(2025, 8, 31)),
        (date(2020, 8, 30), date(2025, 8, 31)),
        (date(2020, 8, 31), date(2025, 8, 31)),
        (date(2020, 9, 1), date(2025, 12, 31)),
        (date(2020, 12, 30), date(2025, 12, 31)),
        (date(2020, 12, 31), date(2025, 12, 31)),
        (date(2021, 1, 1), date(2026, 3, 31)),
    ],
    ids=[
        "5 the day before 31 March",
        "5 on 31 March",
        "5 the day after 31 March",
        "5 the day before 31 August",
        "5 on 31 August",
        "5 the day after 31 August",
        "5 the day before 31 December",
        "5 on 31 December",
        "5 the day after 31 December",
    ],
)
def test_start_on_and_after_each_prescribed_day(dob: date, start: date) -> None:
    assert csa_start(dob) == start


@pytest.mark.parametrize(
    ("dob", "autumn_term_start", "end"),
    [
        (date(2010, 6, 25), (9, 1), date(2026, 6, 26)),
        (date(2010, 6, 26), (9, 1), date(2026, 6, 26)),
        (date(2010, 6, 27), (9, 1), date(2026, 6, 26)),
        (date(2010, 8, 31), (9, 1), date(2026, 6, 26)),
        (date(2010, 9, 1), (9, 1), date(2027, 6, 25)),
        (date(2010, 9, 1), (9, 3), date(2026, 6, 26)),
        (date(2010, 9, 2), (9, 3), date(2026, 6, 26)),
        (date(2010, 9, 3), (9, 3), date(2027, 6, 25)),
        (date(2010, 8, 28), (8, 28), date(2027, 6, 25)),
        (date(2004, 2, 29), (9, 1), date(2020, 6, 26)),
        (date(2016, 2, 29), (9, 1), date(2032, 6, 25)),
    ],
    ids=[
        "16 the day before the leaving date: limb (c)",
        "16 on the leaving date: limb (b)",
        "16 the day after the leaving date: limb (a)",
        "16 on 31 August: limb (a)",
        "16 on 1 September, term starts 1 September: next year",
        "16 on 1 September, term starts 3 September: limb (a)",
        "16 the day before term starts 3 September: limb (a)",
        "16 on the first day of a 3 September term: next year",
        "16 on the first day of an August term: next year",
        "born 29 Feb 2004, 16 on 1 Mar 2020 in a common year",
        "born 29 Feb 2016, 16 on 29 Feb 2032 in a leap year",
    ],
)
def test_end_around_the_leaving_date_and_term_start(dob: date, autumn_term_start: tuple[int, int], end: date) -> None:
    assert csa_end(dob, autumn_term_start) == end


@pytest.mark.parametrize(
    "leap_dob",
    [date(2000, 2, 29), date(2004, 2, 29), date(2016, 2, 29), date(2020, 2, 29), date(2024, 2, 29)],
    ids=["2000", "2004", "2016", "2020", "2024"],
)
def test_leap_day_convention_changes_nothing(leap_dob: date) -> None:
    assert anniversary(leap_dob, 5) == date(leap_dob.year + 5, 3, 1)
    assert (
        compulsory_school_age(leap_dob)
        == compulsory_school_age(leap_dob.replace(day=28))
        == compulsory_school_age(date(leap_dob.year, 3, 1))
    )


@pytest.mark.parametrize(
    ("dob", "on", "expected"),
    [
        (date(2020, 9, 1), date(2025, 12, 30), False),
        (date(2020, 9, 1), date(2025, 12, 31), True),
        (date(2010, 6, 26), date(2026, 6, 26), True),
        (date(2010, 6, 26), date(2026, 6, 27), False),
        (date(2021, 4, 1), date(2026, 8, 30), False),
        (date(2021, 4, 1), date(2026, 8, 31), True),
    ],
    ids=[
        "day before CSA starts",
        "first day of CSA",
        "last day of CSA is the leaving date itself",
        "day after the leaving date",
        "summer-born in Reception: not yet CSA",
        "summer-born on 31 August: CSA",
    ],
)
def test_is_of_compulsory_school_age(dob: date, on: date, expected: bool) -> None:
    assert is_of_compulsory_school_age(dob, on) is expected


@pytest.mark.parametrize(
    ("dob", "on", "year"),
    [
        (date(2009, 9, 1), date(2025, 9, 1), 11),
        (date(2010, 8, 31), date(2026, 7, 22), 11),
        (date(2020, 9, 1), date(2025, 9, 3), 0),
        (date(2021, 8, 31), date(2026, 7, 22), 0),
        (date(2021, 9, 1), date(2025, 11, 1), -1),
        (date(2022, 9, 1), date(2025, 11, 1), None),
        (date(2007, 9, 1), date(2025, 11, 1), 13),
        (date(2007, 8, 31), date(2025, 11, 1), None),
        (date(2010, 8, 31), date(2026, 9, 1), 12),
    ],
    ids=[
        "2025/26 Year 11, oldest",
        "2025/26 Year 11, youngest, in July",
        "2025/26 Reception, oldest",
        "2025/26 Reception, youngest",
        "Nursery",
        "too young for Nursery",
        "Year 13",
        "past Year 13",
        "moves up on 1 September",
    ],
)
def test_national_curriculum_year(dob: date, on: date, year: int | None) -> None:
    assert national_curriculum_year(dob, on) == year


@pytest.mark.parametrize(
    ("dob", "term_starts", "expected"),
    [
        (date(2010, 8, 31), date(2026, 9, 3), False),
        (date(2010, 9, 1), date(2026, 9, 3), True),
        (date(2010, 9, 2), date(2026, 9, 3), True),
        (date(2010, 9, 3), date(2026, 9, 3), False),
        (date(2010, 9, 1), date(2026, 9, 1), False),
    ],
    ids=[
        "16 on 31 August: no doubt",
        "16 on 1 September before a 3 September term: warn",
        "16 the day before term: warn",
        "16 on the first day of term: no doubt",
        "term starts 1 September: no doubt",
    ],
)
def test_sixteenth_birthday_before_autumn_term(dob: date, term_starts: date, expected: bool) -> None:
    assert sixteenth_birthday_before_autumn_term(dob, term_starts) is expected


def test_sixteenth_birthday_warning_needs_the_right_year() -> None:
    with pytest.raises(ValueError, match="2026"):
        sixteenth_birthday_before_autumn_term(date(2010, 9, 1), date(2025, 9, 3))


@pytest.mark.parametrize("autumn_term_start", [(10, 1), (7, 31)], ids=["October", "July"])
def test_autumn_term_must_start_in_august_or_september(autumn_term_start: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="August or September"):
        csa_end(date(2010, 1, 1), autumn_term_start)


@PROPERTIES
@given(dob=births, offset=st.integers(min_value=-400, max_value=400))
def test_csa_is_exactly_start_to_end(dob: date, offset: int) -> None:
    start, end = compulsory_school_age(dob)
    for on in (start + timedelta(days=offset), end + timedelta(days=offset)):
        assert is_of_compulsory_school_age(dob, on) is (start <= on <= end)
    assert is_of_compulsory_school_age(dob, start)
    assert is_of_compulsory_school_age(dob, end)
    assert not is_of_compulsory_school_age(dob, start - timedelta(days=1))
    assert not is_of_compulsory_school_age(dob, end + timedelta(days=1))


@PROPERTIES
@given(dob=births)
def test_start_is_the_first_prescribed_day_from_the_fifth_birthday(dob: date) -> None:
    start = csa_start(dob)
    fifth = anniversary(dob, 5)
    assert (start.month, start.day) in PRESCRIBED_DAYS
    assert fifth <= start < fifth + timedelta(days=153)


@PROPERTIES
@given(dob=births)
def test_end_is_a_leaving_date_around_the_sixteenth_birthday(dob: date) -> None:
    end = csa_end(dob)
    sixteenth = anniversary(dob, 16)
    assert end == school_leaving_date(end.year)
    assert end.weekday() == 4
    assert sixteenth - timedelta(days=70) < end < sixteenth + timedelta(days=366)


@PROPERTIES
@given(year=st.integers(min_value=1998, max_value=2100))
def test_leaving_date_is_the_last_friday_in_june(year: int) -> None:
    sld = school_leaving_date(year)
    assert sld.month == 6 and sld.weekday() == 4
    assert (sld + timedelta(days=7)).month == 7
