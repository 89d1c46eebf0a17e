from dataclasses import FrozenInstanceError
from datetime import date
from typing import Any

import pytest

from portal.rules.thresholds import (
    EALING,
    DeadlineState,
    LocalSettings,
    abroad_response_due,
    cme_referral_due,
    cme_threshold_reached,
    deadline_status,
    early_warning_reached,
    journey_is_unreasonable_for_primary,
    leaver_information_due,
    needs_attendance_officer_consult,
    on_part_time_return,
    part_time_length_warning,
    part_time_review_due,
    school_days_missing,
)
from tests.rules.calendars import CALENDAR


def test_ealing_defaults() -> None:
    assert LocalSettings() == EALING
    assert (
        EALING.la_number,
        EALING.cme_threshold_school_days,
        EALING.leaver_information_deadline_school_days,
        EALING.cme_referral_deadline_school_days,
        EALING.early_warning_school_days,
        EALING.no_contact_warning_school_days,
        EALING.home_visit_required_for_cme_referral,
        EALING.max_primary_journey_minutes,
        EALING.consult_year_groups,
        EALING.abroad_response_window_school_days,
        EALING.part_time_review_interval_days,
        EALING.part_time_length_warning_weeks,
        EALING.full_time_hours_per_week,
        EALING.autumn_term_start,
        EALING.new_pupil_returns_for_standard_entry,
        EALING.retention_years_after_closure,
        EALING.cwsa_2026_commenced,
    ) == (307, 20, 10, 10, 3, 2, True, 45, (10, 11), 10, 14, 6, 25, (9, 1), False, 7, False)


def test_settings_are_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        EALING.cme_threshold_school_days = 5  # type: ignore[misc]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"cme_threshold_school_days": 0}, "cme_threshold_school_days must be 1 or more"),
        ({"leaver_information_deadline_school_days": -1}, "must be 1 or more"),
        ({"autumn_term_start": (10, 1)}, "August or September"),
        ({"autumn_term_start": (9, 31)}, "August or September"),
        ({"autumn_term_start": (8, 0)}, "August or September"),
    ],
    ids=["zero threshold", "negative deadline", "autumn term in October", "31 September", "day 0"],
)
def test_settings_are_checked(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        LocalSettings(**overrides)


def test_settings_accept_an_august_term_and_booleans() -> None:
    settings = LocalSettings(autumn_term_start=(8, 31), home_visit_required_for_cme_referral=False)
    assert settings.autumn_term_start == (8, 31)


# Last day in education Friday 3 October 2025: the 20th school day after it is Friday 7 November, after
# autumn half-term.
@pytest.mark.parametrize(
    ("today", "settings", "missing", "reached"),
    [
        (date(2025, 10, 3), EALING, 0, False),
        (date(2025, 10, 24), EALING, 15, False),
        (date(2025, 10, 31), EALING, 15, False),
        (date(2025, 11, 7), EALING, 20, False),
        (date(2025, 11, 10), EALING, 21, True),
        (date(2025, 11, 7), LocalSettings(cme_threshold_school_days=19), 20, True),
    ],
    ids=[
        "same day",
        "15 school days",
        "half-term does not count",
        "exactly 20 school days is not more than 20",
        "21 school days is more than 20",
        "an LA with a threshold of 19",
    ],
)
def test_cme_threshold(today: date, settings: LocalSettings, missing: int, reached: bool) -> None:
    last_day = date(2025, 10, 3)
    assert school_days_missing(last_day, today, CALENDAR) == missing
    assert cme_threshold_reached(last_day, today, CALENDAR, settings) is reached


@pytest.mark.parametrize(
    ("today", "reached"),
    [(date(2025, 10, 8), False), (date(2025, 10, 9), True)],
    ids=["second day of absence", "third day of absence"],
)
def test_early_warning(today: date, reached: bool) -> None:
    assert early_warning_reached(date(2025, 10, 6), today, CALENDAR, EALING) is reached


@pytest.mark.parametrize(
    ("last_attended", "due"),
    [
        (date(2025, 10, 17), date(2025, 11, 7)),
        (date(2025, 12, 12), date(2026, 1, 12)),
        (date(2026, 4, 24), date(2026, 5, 11)),
    ],
    ids=["across autumn half-term", "across Christmas and an INSET day", "across a bank holiday"],
)
def test_leaver_information_and_referral_due(last_attended: date, due: date) -> None:
    assert leaver_information_due(last_attended, CALENDAR, EALING) == due
    assert cme_referral_due(last_attended, CALENDAR, EALING) == due


def test_abroad_response_due() -> None:
    assert abroad_response_due(date(2026, 1, 12), CALENDAR, EALING) == date(2026, 1, 26)


@pytest.mark.parametrize(
    ("due", "today", "state", "school_days", "label"),
    [
        (date(2025, 11, 7), date(2025, 11, 4), DeadlineState.DUE, 3, "due in 3 school days"),
        (date(2025, 11, 7), date(2025, 11, 6), DeadlineState.DUE, 1, "due in 1 school day"),
        (date(2025, 11, 7), date(2025, 10, 24), DeadlineState.DUE, 5, "due in 5 school days"),
        (date(2025, 11, 7), date(2025, 11, 7), DeadlineState.DUE_TODAY, 0, "due today"),
        (date(2025, 11, 9), date(2025, 11, 7), DeadlineState.DUE_TODAY, 0, "due today"),
        (date(2025, 11, 7), date(2025, 11, 8), DeadlineState.OVERDUE, 0, "overdue"),
        (date(2025, 11, 7), date(2025, 11, 10), DeadlineState.OVERDUE, 1, "overdue by 1 school day"),
        (date(2025, 11, 7), date(2025, 11, 12), DeadlineState.OVERDUE, 3, "overdue by 3 school days"),
    ],
    ids=[
        "three school days to go",
        "one school day to go",
        "half-term does not count",
        "due today",
        "due on a Sunday, no school day left",
        "the weekend after the deadline",
        "one school day late",
        "three school days late",
    ],
)
def test_deadline_status(due: date, today: date, state: DeadlineState, school_days: int, label: str) -> None:
    status = deadline_status(due, today, CALENDAR)
    assert (status.due, status.state, status.school_days, status.label) == (due, state, school_days, label)
    assert status.overdue is (state is DeadlineState.OVERDUE)


def test_part_time_review_due_in_calendar_days() -> None:
    assert part_time_review_due(date(2025, 10, 1), EALING) == date(2025, 10, 15)


@pytest.mark.parametrize(
    ("start", "planned_end", "warn"),
    [
        (date(2025, 9, 8), date(2025, 10, 20), False),
        (date(2025, 9, 8), date(2025, 10, 21), True),
        (date(2025, 9, 8), date(2025, 9, 9), False),
    ],
    ids=["exactly 6 weeks", "6 weeks and a day", "one day"],
)
def test_part_time_length_warning(start: date, planned_end: date, warn: bool) -> None:
    assert part_time_length_warning(start, planned_end, EALING) is warn


@pytest.mark.parametrize("planned_end", [date(2025, 9, 8), date(2025, 9, 1)], ids=["same day", "before the start"])
def test_part_time_end_must_follow_start(planned_end: date) -> None:
    with pytest.raises(ValueError, match="after its start date"):
        part_time_length_warning(date(2025, 9, 8), planned_end, EALING)


@pytest.mark.parametrize(
    ("hours", "on_return"), [(24.5, True), (25, False), (27.5, False)], ids=["24.5 hours", "25 hours", "27.5 hours"]
)
def test_part_time_return(hours: float, on_return: bool) -> None:
    assert on_part_time_return(hours, EALING) is on_return


@pytest.mark.parametrize(
    ("minutes", "unreasonable"),
    [(0, False), (25, False), (45, False), (46, True)],
    ids=["no journey", "25 minutes (can still be unreasonable: warn only)", "45 minutes", "46 minutes"],
)
def test_primary_journey(minutes: int, unreasonable: bool) -> None:
    assert journey_is_unreasonable_for_primary(minutes, EALING) is unreasonable


def test_negative_journey_is_refused() -> None:
    with pytest.raises(ValueError, match="-5 minutes"):
        journey_is_unreasonable_for_primary(-5, EALING)


@pytest.mark.parametrize(
    ("year_group", "consult"),
    [(9, False), (10, True), (11, True), (None, False)],
    ids=["Year 9", "Year 10", "Year 11", "year group unknown"],
)
def test_attendance_officer_consult(year_group: int | None, consult: bool) -> None:
    assert needs_attendance_officer_consult(year_group, EALING) is consult
