"""Benchmark: 1,000,000 mixed SchoolCalendar calls on one core (target: under 2 seconds).

Builds a realistic English calendar for the school years 2024/25 to 2027/28: six half-terms a year with
October, February and May half-terms, Christmas and Easter holidays, INSET days and the bundled England and
Wales bank holidays. Then times is_school_day, school_days_between and add_school_days in rotation.

Run: python bench/calendar_bench.py [calls]
"""

import random
import sys
import time
from datetime import date, timedelta

from portal.rules.calendar import SchoolCalendar, england_bank_holidays

TARGET_SECONDS = 2.0
FIRST_SCHOOL_YEAR = 2024
SCHOOL_YEARS = 4


def _monday_on_or_after(d: date) -> date:
    return d + timedelta(days=-d.weekday() % 7)


def _weekday_on_or_after(d: date) -> date:
    return d if d.weekday() < 5 else _monday_on_or_after(d)


def _friday_before(d: date) -> date:
    return d - timedelta(days=(d.weekday() - 4) % 7 or 7)


def _good_friday(year: int) -> date:
    """Good Friday from the bank holiday list: the Friday bank holiday in March or April."""
    return next(d for d in sorted(england_bank_holidays()) if d.year == year and d.month in (3, 4) and d.weekday() == 4)


def school_year(year: int) -> tuple[list[tuple[date, date]], list[date]]:
    """Six half-terms and the INSET days for the school year starting in September ``year``."""
    autumn = _weekday_on_or_after(date(year, 9, 2))
    october_half_term = _monday_on_or_after(date(year, 10, 25))
    christmas = _friday_before(date(year, 12, 23))
    spring = _weekday_on_or_after(date(year + 1, 1, 5))
    february_half_term = _monday_on_or_after(date(year + 1, 2, 12))
    easter_break = _good_friday(year + 1) - timedelta(days=4)  # the Monday before Good Friday
    may_half_term = _monday_on_or_after(date(year + 1, 5, 25))
    summer_end = date(year + 1, 7, 22)
    terms = [
        (autumn, october_half_term - timedelta(days=3)),
        (october_half_term + timedelta(days=7), christmas),
        (spring, february_half_term - timedelta(days=3)),
        (february_half_term + timedelta(days=7), easter_break - timedelta(days=3)),
        (easter_break + timedelta(days=14), may_half_term - timedelta(days=3)),
        (may_half_term + timedelta(days=7), summer_end),
    ]
    inset = [autumn, autumn + timedelta(days=1), spring, easter_break + timedelta(days=14), summer_end]
    return terms, inset


def build_calendar() -> SchoolCalendar:
    terms: list[tuple[date, date]] = []
    closures: list[date] = []
    for year in range(FIRST_SCHOOL_YEAR, FIRST_SCHOOL_YEAR + SCHOOL_YEARS):
        year_terms, inset = school_year(year)
        terms += year_terms
        closures += inset
    return SchoolCalendar(terms, closures=closures, bank_holidays=england_bank_holidays())


def main(calls: int = 1_000_000) -> float:
    calendar = build_calendar()
    rng = random.Random(2024)
    span = (calendar.last_day - calendar.first_day).days
    # Dates anywhere in the calendar except its last 90 days, so every answer stays inside the term dates.
    starts = [calendar.first_day + timedelta(days=rng.randrange(span - 90)) for _ in range(4096)]
    gaps = [timedelta(days=rng.randrange(1, 90)) for _ in range(4096)]
    counts = [rng.randrange(0, 40) for _ in range(4096)]
    is_school_day = calendar.is_school_day
    between = calendar.school_days_between
    add = calendar.add_school_days

    rounds = -(-calls // 3)
    began = time.perf_counter()
    for i in range(rounds):
        j = i & 4095
        d = starts[j]
        is_school_day(d)
        between(d, d + gaps[j])
        add(d, counts[j])
    elapsed = time.perf_counter() - began

    made = rounds * 3
    print(calendar)
    print(f"{made:,} mixed calls in {elapsed:.3f} s: {made / elapsed:,.0f} calls per second on one core")
    verdict = "within" if elapsed < TARGET_SECONDS * made / 1_000_000 else "OVER"
    print(f"{verdict} the target of {TARGET_SECONDS:.0f} s per 1,000,000 calls")
    return elapsed


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
