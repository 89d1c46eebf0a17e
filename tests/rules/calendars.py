"""School calendars for the rules tests: realistic English term dates for 2025/26 and autumn 2026.

Half-terms are gaps between the terms in ``HALF_TERMS_AS_GAPS`` and closures in ``HALF_TERMS_AS_CLOSURES``;
both describe the same school days. INSET days are closures; bank holidays come from the bundled GOV.UK list.
"""

from datetime import date

from portal.rules.calendar import SchoolCalendar, england_bank_holidays

HALF_TERMS = (
    (date(2025, 9, 1), date(2025, 10, 24)),
    (date(2025, 11, 3), date(2025, 12, 19)),
    (date(2026, 1, 5), date(2026, 2, 13)),
    (date(2026, 2, 23), date(2026, 3, 27)),
    (date(2026, 4, 13), date(2026, 5, 22)),
    (date(2026, 6, 1), date(2026, 7, 22)),
    (date(2026, 9, 1), date(2026, 10, 23)),
    (date(2026, 11, 2), date(2026, 12, 18)),
)
INSET_DAYS = (date(2025, 9, 1), date(2025, 9, 2), date(2026, 1, 5), date(2026, 9, 1))

HALF_TERMS_AS_GAPS = SchoolCalendar(HALF_TERMS, closures=INSET_DAYS, bank_holidays=england_bank_holidays())


def _days(first: date, last: date) -> list[date]:
    return [date.fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1)]


_WHOLE_TERMS = (
    (date(2025, 9, 1), date(2025, 12, 19)),
    (date(2026, 1, 5), date(2026, 3, 27)),
    (date(2026, 4, 13), date(2026, 7, 22)),
    (date(2026, 9, 1), date(2026, 12, 18)),
)
_HALF_TERM_BREAKS = (
    _days(date(2025, 10, 27), date(2025, 10, 31))
    + _days(date(2026, 2, 16), date(2026, 2, 20))
    + _days(date(2026, 5, 25), date(2026, 5, 29))
    + _days(date(2026, 10, 26), date(2026, 10, 30))
)
HALF_TERMS_AS_CLOSURES = SchoolCalendar(
    _WHOLE_TERMS, closures=(*INSET_DAYS, *_HALF_TERM_BREAKS), bank_holidays=england_bank_holidays()
)

CALENDAR = HALF_TERMS_AS_GAPS
