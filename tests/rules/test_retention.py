"""Retention of closed cases (local precedent; domain brief section 9)."""

from datetime import date

import pytest

from portal.rules.retention import is_due_for_anonymising, retention_ends
from portal.rules.thresholds import LocalSettings

SETTINGS = LocalSettings()


@pytest.mark.parametrize(
    ("closed", "dob", "looked_after", "ehcp", "expected"),
    [
        (date(2020, 7, 1), date(2010, 1, 1), False, False, date(2027, 7, 1)),
        (date(2020, 7, 1), date(2010, 1, 1), True, False, date(2085, 1, 1)),
        (date(2020, 7, 1), date(2010, 1, 1), False, True, date(2055, 1, 1)),
        (date(2020, 7, 1), date(2010, 1, 1), True, True, date(2085, 1, 1)),
        (date(2020, 7, 1), None, True, False, date(2095, 7, 1)),
        (date(2020, 7, 1), None, False, True, date(2065, 7, 1)),
        (date(2020, 7, 1), None, False, False, date(2027, 7, 1)),
        (date(2020, 2, 29), None, False, False, date(2027, 3, 1)),
    ],
    ids=[
        "7 years after closure",
        "looked after: until 75",
        "EHCP: until 45",
        "both: the longer",
        "looked after, no date of birth: 75 years from closure",
        "EHCP, no date of birth: 45 years from closure",
        "no date of birth, no flags",
        "closed on 29 February: 1 March",
    ],
)
def test_retention_ends(closed: date, dob: date | None, looked_after: bool, ehcp: bool, expected: date) -> None:
    assert (
        retention_ends(
            last_closed_on=closed, date_of_birth=dob, looked_after=looked_after, ehcp=ehcp, settings=SETTINGS
        )
        == expected
    )


def test_never_sooner_than_the_register_minimum() -> None:
    short = LocalSettings(retention_years_after_closure=2)
    ends = retention_ends(
        last_closed_on=date(2020, 1, 1), date_of_birth=None, looked_after=False, ehcp=False, settings=short
    )
    assert ends == date(2026, 1, 1)


@pytest.mark.parametrize(
    ("today", "due"),
    [(date(2027, 6, 30), False), (date(2027, 7, 1), True)],
    ids=["the day before", "the day itself"],
)
def test_due_on_the_day(today: date, due: bool) -> None:
    due_now = is_due_for_anonymising(
        today, last_closed_on=date(2020, 7, 1), date_of_birth=None, looked_after=False, ehcp=False, settings=SETTINGS
    )
    assert due_now is due
