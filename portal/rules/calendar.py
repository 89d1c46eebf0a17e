"""School days: a school's (or an LA's) calendar of terms, closures and bank holidays.

Deadlines in the 2024 Regs and in Ealing's practice are counted in school days, a day on which the school
meets (Education Act 1996 s.579(1); SI 2024/208 reg 9(1)(h) and (i)). Term dates are local, so the caller
builds a ``SchoolCalendar`` from them; nothing here guesses term dates it was not given.
"""

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date

_SATURDAY = 5


class CalendarNotCoveredError(ValueError):
    """The answer needs term dates the calendar does not have."""


def format_date(d: date) -> str:
    """A date in GOV.UK style, like "1 September 2025"."""
    return f"{d.day} {d:%B %Y}"


class SchoolCalendar:
    """School days from inclusive term ranges, less closures and bank holidays.

    A school day is a Monday to Friday inside a term that is neither a closure (INSET day, occasional day,
    or half-term if the terms are given whole) nor a bank holiday. The calendar covers ``first_day`` to
    ``last_day`` (the first term's first day to the last term's last day); days between terms are holidays.
    Every query is a binary search over the precomputed, sorted ordinals of the school days.

    Source: school day = a day on which the school meets for a session (Education Act 1996 s.579(1); domain
    brief section 3, uncertain wording). Ealing and every other LA set their own term dates.
    """

    __slots__ = ("_days", "_first", "_last")

    def __init__(
        self,
        terms: Iterable[tuple[date, date]],
        closures: Iterable[date] = (),
        bank_holidays: Iterable[date] = (),
    ) -> None:
        ranges = list(terms)
        if not ranges:
            raise ValueError("A school calendar needs at least one term (first day, last day)")
        for first, last in ranges:
            if last < first:
                raise ValueError(f"A term cannot end ({format_date(last)}) before it starts ({format_date(first)})")
        not_school = {d.toordinal() for d in closures} | {d.toordinal() for d in bank_holidays}
        days: set[int] = set()
        for first, last in ranges:
            for ordinal in range(first.toordinal(), last.toordinal() + 1):
                if date.fromordinal(ordinal).weekday() < _SATURDAY and ordinal not in not_school:
                    days.add(ordinal)
        self._days: list[int] = sorted(days)
        self._first: int = min(first.toordinal() for first, _ in ranges)
        self._last: int = max(last.toordinal() for _, last in ranges)

    @property
    def first_day(self) -> date:
        """The first day of the earliest term: the calendar knows nothing before it."""
        return date.fromordinal(self._first)

    @property
    def last_day(self) -> date:
        """The last day of the latest term: the calendar knows nothing after it."""
        return date.fromordinal(self._last)

    def __repr__(self) -> str:
        return f"SchoolCalendar({self.first_day} to {self.last_day}, {len(self._days)} school days)"

    def _not_covered(self, what: str) -> CalendarNotCoveredError:
        return CalendarNotCoveredError(
            f"The school calendar has term dates from {format_date(self.first_day)} to "
            f"{format_date(self.last_day)} only, so it cannot tell {what}. "
            "Add the term dates for that school year."
        )

    def is_school_day(self, d: date) -> bool:
        """Whether ``d`` is a school day. Raises ``CalendarNotCoveredError`` outside the term dates."""
        ordinal = d.toordinal()
        if ordinal < self._first or ordinal > self._last:
            raise self._not_covered(f"whether {format_date(d)} is a school day")
        days = self._days
        i = bisect_left(days, ordinal)
        return i < len(days) and days[i] == ordinal

    def school_days_between(self, start: date, end: date) -> int:
        """The number of school days ``d`` with ``start < d <= end``; 0 when ``end <= start``.

        ``start`` itself is not counted: the count of school days missed after the last day in school,
        up to and including ``end``.
        """
        s = start.toordinal()
        e = end.toordinal()
        if e <= s:
            return 0
        if s + 1 < self._first or e > self._last:
            raise self._not_covered(f"how many school days there are from {format_date(start)} to {format_date(end)}")
        days = self._days
        return bisect_right(days, e) - bisect_right(days, s)

    def add_school_days(self, d: date, n: int) -> date:
        """The first date ``e`` with ``school_days_between(d, e) == n`` (the n-th school day after ``d``).

        ``d`` itself for ``n == 0``. Raises ``ValueError`` for negative ``n`` and ``CalendarNotCoveredError``
        when the answer is beyond the term dates.
        """
        if n < 0:
            raise ValueError(f"Count school days forwards: n must be 0 or more, not {n}")
        if n == 0:
            return d
        ordinal = d.toordinal()
        days = self._days
        i = bisect_right(days, ordinal) + n - 1
        if ordinal + 1 < self._first or i >= len(days):
            raise self._not_covered(f"the date {n} school days after {format_date(d)}")
        return date.fromordinal(days[i])


@functools.cache
def england_bank_holidays() -> frozenset[date]:
    """Bank holidays in England and Wales from the data bundled with ``govuk-bank-holidays``.

    Source: GOV.UK bank holidays (https://www.gov.uk/bank-holidays), England and Wales division. Uses the
    bundled copy (``use_cached_holidays=True``), so it never touches the network; the bundled list ends
    some years ahead, so the service adds later dates itself.
    """
    from govuk_bank_holidays.bank_holidays import BankHolidays  # type: ignore[import-untyped]

    holidays = BankHolidays(use_cached_holidays=True)
    return frozenset(h["date"] for h in holidays.get_holidays(division=BankHolidays.ENGLAND_AND_WALES))
