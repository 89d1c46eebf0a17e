"""Compulsory school age (CSA), the school leaving date and DfE year groups.

Sources: Education Act 1996 s.8; Education (Start of Compulsory School Age) Order 1998 (SI 1998/1607);
Education (School Leaving Date) Order 1997 (SI 1997/1970); Education Act 1996 s.579(1) ("school year").
"""

from datetime import date, timedelta

# The prescribed days, as (month, day): SI 1998/1607 made under Education Act 1996 s.8(4)(a).
PRESCRIBED_DAYS: tuple[tuple[int, int], ...] = ((3, 31), (8, 31), (12, 31))

# The DfE year-group cut-off and the default start of the autumn term (see ``compulsory_school_age``).
SEPTEMBER_FIRST: tuple[int, int] = (9, 1)

NURSERY = -1
RECEPTION = 0
YEAR_13 = 13

_FRIDAY = 4


def anniversary(dob: date, years: int) -> date:
    """The date a child born on ``dob`` turns ``years`` old.

    A 29 February birthday falls on 1 March in a common year. England has no express statutory rule for this
    (domain brief section 2, leap-day births, uncertain); 1 March is the convention the portal fixes, and for
    CSA it gives the same start and end as 28 February would.
    """
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:  # 29 February in a common year
        return date(dob.year + years, 3, 1)


def school_leaving_date(year: int) -> date:
    """The school leaving date for ``year``: the last Friday in June.

    Source: Education (School Leaving Date) Order 1997 (SI 1997/1970), made under Education Act 1996
    s.8(4)(b).
    """
    june_30 = date(year, 6, 30)
    return june_30 - timedelta(days=(june_30.weekday() - _FRIDAY) % 7)


def csa_start(dob: date) -> date:
    """The first day of compulsory school age.

    A child begins CSA on their 5th birthday if it is a prescribed day (31 March, 31 August, 31 December),
    otherwise on the next prescribed day after it. Sources: Education Act 1996 s.8(2);
    SI 1998/1607 (the prescribed days).
    """
    fifth = anniversary(dob, 5)
    # 31 December is always a candidate, so the minimum exists.
    return min(date(fifth.year, month, day) for month, day in PRESCRIBED_DAYS if date(fifth.year, month, day) >= fifth)


def csa_end(dob: date, autumn_term_start: tuple[int, int] = SEPTEMBER_FIRST) -> date:
    """The last day of compulsory school age (CSA ends at the end of this day).

    Education Act 1996 s.8(3): CSA ends at the end of the school leaving date (SLD) of a year if (a) the child
    turns 16 after that SLD but before the beginning of the next school year, (b) turns 16 on that SLD, or
    (c) unless (a) applies, that SLD is the first after the 16th birthday.

    The "school year" begins with the first term to start after July (Education Act 1996 s.579(1)), so the
    limb (a) boundary is the start of the autumn term, given here as (month, day), default 1 September.
    """
    # Open question (domain brief section 2, uncertain): for a child on no school roll, which autumn term
    # starts the "school year"? The portal defaults to 1 September (the DfE year-group cut-off) and flags
    # 16th birthdays between 1 September and the real term start with
    # ``sixteenth_birthday_before_autumn_term``. Ask Ealing legal.
    sixteenth = anniversary(dob, 16)
    year = sixteenth.year
    term_starts = _autumn_term_start(year, autumn_term_start)
    sld = school_leaving_date(year)
    if sixteenth <= sld:  # limbs (b) and (c)
        return sld
    if sixteenth < term_starts:  # limb (a)
        return sld
    return school_leaving_date(year + 1)  # limb (c), the following year


def _autumn_term_start(year: int, month_day: tuple[int, int]) -> date:
    """The autumn term start in ``year``; a school year begins with the first term after July (s.579(1))."""
    month, day = month_day
    if month not in (8, 9):
        raise ValueError(f"The autumn term starts in August or September, not in month {month}")
    return date(year, month, day)


def compulsory_school_age(dob: date, autumn_term_start: tuple[int, int] = SEPTEMBER_FIRST) -> tuple[date, date]:
    """First and last day of compulsory school age, both inclusive.

    Sources: Education Act 1996 s.8(2) and s.8(3); SI 1998/1607; SI 1997/1970. See ``csa_start`` and
    ``csa_end``.
    """
    return csa_start(dob), csa_end(dob, autumn_term_start)


def is_of_compulsory_school_age(dob: date, on: date, autumn_term_start: tuple[int, int] = SEPTEMBER_FIRST) -> bool:
    """Whether a child born on ``dob`` is of compulsory school age on the date ``on``.

    True exactly on [start, end] of ``compulsory_school_age``: CSA ends at the end of the school leaving
    date. Source: Education Act 1996 s.8.
    """
    start, end = compulsory_school_age(dob, autumn_term_start)
    return start <= on <= end


def sixteenth_birthday_before_autumn_term(dob: date, autumn_term_first_day: date) -> bool:
    """Whether the 16th birthday falls from 1 September up to the day before the autumn term starts.

    For these children the end of CSA depends on when the "school year" begins (Education Act 1996 s.8(3)(a)
    and s.579(1)): on a literal reading CSA ended at the previous June's school leaving date. The portal uses
    the 1 September default and shows a warning for them. ``autumn_term_first_day`` is the first day of the
    autumn term in the year of the 16th birthday.
    """
    # Open question (domain brief section 2, uncertain): ask Ealing legal how to treat a child on no roll.
    sixteenth = anniversary(dob, 16)
    if autumn_term_first_day.year != sixteenth.year:
        raise ValueError(
            f"Give the autumn term start in {sixteenth.year}, the year of the 16th birthday, "
            f"not {autumn_term_first_day.year}"
        )
    return date(sixteenth.year, *SEPTEMBER_FIRST) <= sixteenth < autumn_term_first_day


def academic_year_start(on: date) -> int:
    """The calendar year in which the academic year containing ``on`` began (1 September cut-off).

    DfE year-group convention (not a legal test): the academic year runs from 1 September to 31 August.
    """
    return on.year if (on.month, on.day) >= SEPTEMBER_FIRST else on.year - 1


def national_curriculum_year(dob: date, on: date) -> int | None:
    """The DfE year group for a child's age on ``on``: Nursery -1, Reception 0, Year 1 to Year 13.

    In the academic year starting September Y, year group N covers children born from 1 September (Y-5-N)
    to 31 August (Y-4-N). This is the DfE convention, not a legal test: CSA depends on the date of birth
    only, never on the year group (domain brief section 2). Returns None outside Nursery to Year 13.
    """
    group = academic_year_start(on) - 5 - academic_year_start(dob)
    if NURSERY <= group <= YEAR_13:
        return group
    return None
