from datetime import date

import pytest

from portal.rules.deletion_grounds import (
    _GROUNDS,
    COMMON_RETURN_FIELDS,
    DeletionGround,
    NonCsaDeletionGround,
    PlacementAnswer,
    consent_required_as_answered,
    continuous_absence_window_ends,
    grounds_for,
    is_backdated,
    leave_window_ends,
    special_school_consent_required,
)
from tests.rules.calendars import CALENDAR

G = DeletionGround

GROUND_TABLE = [
    (G.REGISTERED_ELSEWHERE, "A", "Registered at another school", False, False),
    (G.NURSERY_NOT_CONTINUING, "B", "Nursery pupil not moving up", False, True),
    (G.DUAL_REGISTRATION_ENDED, "C", "Dual registration ending", False, False),
    (G.ATTENDANCE_ORDER_AMENDED, "D", "School attendance order now names another school", False, False),
    (G.ATTENDANCE_ORDER_REVOKED, "E", "School attendance order revoked", False, False),
    (G.HOME_EDUCATION, "F", "Elective home education", False, False),
    (G.MOVED_AWAY, "G", "Moved too far away", False, True),
    (G.NOT_RETURNED_FROM_LEAVE, "H", "Not back after leave of absence", True, True),
    (G.CONTINUOUS_ABSENCE, "I", "20 school days' unauthorised absence", True, True),
    (G.IN_CUSTODY, "J", "In custody", False, False),
    (G.DIED, "K", "Died", False, False),
    (G.CEASING_COMPULSORY_SCHOOL_AGE, "L", "Reaching the end of compulsory school age", False, False),
    (G.BOARDING_FEES_UNPAID, "M", "Boarding charges unpaid", False, True),
    (G.LEFT_INDEPENDENT_SCHOOL, "N", "Left an independent or non-maintained special school", False, True),
    (G.PERMANENTLY_EXCLUDED, "O", "Permanently excluded", False, True),
]


@pytest.mark.parametrize(
    ("ground", "code", "title", "la_must_agree", "risk_of_cme"),
    GROUND_TABLE,
    ids=[f"ground {row[1]}: {row[2]}" for row in GROUND_TABLE],
)
def test_each_ground(ground: DeletionGround, code: str, title: str, la_must_agree: bool, risk_of_cme: bool) -> None:
    assert ground.code == code
    assert DeletionGround(code) is ground
    assert ground.regulation == f"SI 2024/208 reg 9(1)({code.lower()})"
    assert ground.title == title
    assert _GROUNDS[ground].letter == code
    assert len(ground.explanation) > 60
    assert ground.la_must_agree is la_must_agree
    assert ground.risk_of_cme is risk_of_cme
    keys = [condition.key for condition in ground.conditions]
    assert keys and len(keys) == len(set(keys))
    assert all(condition.text for condition in ground.conditions)
    assert ground.return_fields[: len(COMMON_RETURN_FIELDS)] == COMMON_RETURN_FIELDS


def test_all_fifteen_grounds_and_no_medical_ground() -> None:
    assert [ground.code for ground in DeletionGround] == list("ABCDEFGHIJKLMNO")
    assert not any("medical" in (ground.name + ground.title + ground.explanation).lower() for ground in G)


@pytest.mark.parametrize(
    ("key", "source"),
    [
        ("full_name", "SI 2024/208 reg 13(4)(a)"),
        ("address", "SI 2024/208 reg 13(4)(b)"),
        ("parents_lived_with", "SI 2024/208 reg 13(4)(c)"),
        ("parent_emergency_phones", "SI 2024/208 reg 13(4)(d)"),
        ("future_address", "SI 2024/208 reg 13(4)(e) and reg 8(3)"),
    ],
    ids=["(a) full name", "(b) address", "(c) parents", "(d) emergency numbers", "(e) future address"],
)
def test_deletion_return_fields(key: str, source: str) -> None:
    assert {field.key: field.source for field in COMMON_RETURN_FIELDS}[key] == source


@pytest.mark.parametrize(
    ("ground", "key"),
    [
        (G.HOME_EDUCATION, "written_notice"),
        (G.HOME_EDUCATION, "special_school_consent"),
        (G.REGISTERED_ELSEWHERE, "no_sao_naming_school"),
        (G.REGISTERED_ELSEWHERE, "not_dual_registered"),
        (G.DUAL_REGISTRATION_ENDED, "other_schools_consent"),
        (G.NOT_RETURNED_FROM_LEAVE, "joint_enquiries_complete"),
        (G.CONTINUOUS_ABSENCE, "not_located_or_agreed_not_returning"),
        (G.CONTINUOUS_ABSENCE, "not_sickness_or_unavoidable_cause"),
        (G.PERMANENTLY_EXCLUDED, "review_route_closed"),
    ],
    ids=[
        "F needs a written notice",
        "F asks about special-school consent",
        "A checks for a school attendance order",
        "A checks for dual registration",
        "C needs every other school's consent",
        "H needs joint enquiries",
        "I needs not-located or agreement",
        "I is stopped by sickness",
        "O waits for the review route to close",
    ],
)
def test_key_conditions(ground: DeletionGround, key: str) -> None:
    assert key in {condition.key for condition in ground.conditions}


@pytest.mark.parametrize(
    ("ground", "key"),
    [
        (G.MOVED_AWAY, "new_address"),
        (G.DIED, "date_of_death"),
        (G.CONTINUOUS_ABSENCE, "first_day_absent"),
        (G.HOME_EDUCATION, "ehe_notice_date"),
    ],
    ids=["G new address", "K date of death", "I first day absent", "F notice date"],
)
def test_ground_specific_return_fields(ground: DeletionGround, key: str) -> None:
    assert key in {field.key for field in ground.return_fields}


@pytest.mark.parametrize(
    ("placed_by_la", "is_special_school", "required"),
    [(True, True, True), (False, True, False), (True, False, False), (False, False, False)],
    ids=[
        "LA-placed special-school pupil: consent needed",
        "parent-placed special-school pupil",
        "mainstream pupil placed under an EHCP: no consent",
        "mainstream pupil",
    ],
)
def test_special_school_consent(placed_by_la: bool, is_special_school: bool, required: bool) -> None:
    assert special_school_consent_required(placed_by_la, is_special_school) is required


@pytest.mark.parametrize(
    ("placement", "is_special_school", "required"),
    [
        (PlacementAnswer.YES, True, True),
        (PlacementAnswer.NOT_KNOWN, True, True),
        (PlacementAnswer.NO, True, False),
        ("", True, False),
        (PlacementAnswer.YES, False, False),
        (PlacementAnswer.NOT_KNOWN, False, False),
        ("", False, False),
        ("unknown", True, True),
    ],
    ids=[
        "special school, the council arranged the place",
        "special school, the parent does not know: treated as LA-placed",
        "special school, the parent arranged the place",
        "special school, not asked",
        "mainstream, the parent says the council arranged it: no consent",
        "mainstream, the parent does not know: no consent",
        "mainstream, not asked",
        "the stored answer as text",
    ],
)
def test_consent_required_as_the_parent_answered(placement: str, is_special_school: bool, required: bool) -> None:
    assert consent_required_as_answered(placement, is_special_school) is required


def test_grounds_for_csa_and_other_pupils() -> None:
    assert grounds_for(True) == tuple(DeletionGround)
    assert grounds_for(False) == tuple(NonCsaDeletionGround)
    for ground in NonCsaDeletionGround:
        assert ground.regulation == "SI 2024/208 reg 9(3)"
        assert ground.risk_of_cme is False


@pytest.mark.parametrize(
    ("deletion_date", "recorded_on", "backdated"),
    [
        (date(2025, 11, 6), date(2025, 11, 7), True),
        (date(2025, 11, 7), date(2025, 11, 7), False),
        (date(2025, 11, 10), date(2025, 11, 7), False),
    ],
    ids=["dated yesterday: refused", "dated today", "dated in the future"],
)
def test_no_backdating(deletion_date: date, recorded_on: date, backdated: bool) -> None:
    assert is_backdated(deletion_date, recorded_on) is backdated


def test_leave_window_ends_ten_school_days_after_leave() -> None:
    assert leave_window_ends(date(2025, 10, 17), CALENDAR) == date(2025, 11, 7)


@pytest.mark.parametrize(
    ("first_day_absent", "window_ends"),
    [
        (date(2025, 10, 6), date(2025, 11, 7)),
        (date(2025, 12, 8), date(2026, 1, 19)),
    ],
    ids=["across half-term", "across Christmas and an INSET day"],
)
def test_continuous_absence_window(first_day_absent: date, window_ends: date) -> None:
    end = continuous_absence_window_ends(first_day_absent, CALENDAR)
    assert end == window_ends
    assert CALENDAR.school_days_between(first_day_absent, end) == 19


def test_continuous_absence_must_start_on_a_school_day() -> None:
    with pytest.raises(ValueError, match="not a school day"):
        continuous_absence_window_ends(date(2025, 10, 4), CALENDAR)
