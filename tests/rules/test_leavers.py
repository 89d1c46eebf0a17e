from datetime import date

import pytest

from portal.rules.calendar import SchoolCalendar
from portal.rules.deletion_grounds import DeletionGround, NonCsaDeletionGround
from portal.rules.leavers import (
    DESTINATION_LABEL,
    ITEM_LABELS,
    REQUIRED_ITEMS,
    SCHOOL_ENQUIRY_CHECKLIST,
    Destination,
    KeyItems,
    LeaverAssessment,
    LeaverOutcome,
    assess_leaver,
    school_referral_readiness,
)
from portal.rules.thresholds import EALING, LocalSettings
from tests.rules.calendars import CALENDAR

# Last attended Friday 17 October 2025: the 10th school day after it is Friday 7 November (after half-term).
LAST_ATTENDED = date(2025, 10, 17)
DUE = date(2025, 11, 7)
YEAR_5 = date(2015, 9, 1)
NURSERY = date(2022, 1, 10)
YEAR_12 = date(2008, 9, 1)
ALL_FOUR = KeyItems(parent_contact=True, new_address=True, new_school=True, admission_confirmed=True)
NO_ADMISSION = KeyItems(parent_contact=True, new_address=True, new_school=True)
LABEL = ITEM_LABELS
G = DeletionGround
D = Destination
O = LeaverOutcome  # noqa: E741


def assess(
    ground: DeletionGround | NonCsaDeletionGround = G.REGISTERED_ELSEWHERE,
    destination: Destination = D.UK_SCHOOL,
    items: KeyItems = ALL_FOUR,
    dob: date = YEAR_5,
    today: date = date(2025, 10, 20),
    final_year_end_of_year: bool = False,
    settings: LocalSettings = EALING,
    calendar: SchoolCalendar | None = CALENDAR,
) -> LeaverAssessment:
    return assess_leaver(
        ground=ground,
        destination=destination,
        items=items,
        dob=dob,
        last_attended=LAST_ATTENDED,
        today=today,
        calendar=calendar,
        settings=settings,
        final_year_end_of_year=final_year_end_of_year,
    )


CASES = [
    ("all four items known", {}, O.COMPLETE, (), None),
    (
        "admission not confirmed, deadline ahead",
        {"items": NO_ADMISSION},
        O.INFORMATION_DUE,
        (LABEL["admission_confirmed"],),
        DUE,
    ),
    (
        "admission not confirmed, on the deadline day",
        {"items": NO_ADMISSION, "today": DUE},
        O.INFORMATION_DUE,
        (LABEL["admission_confirmed"],),
        DUE,
    ),
    (
        "admission not confirmed, deadline passed",
        {"items": NO_ADMISSION, "today": date(2025, 11, 10)},
        O.REFER_AS_CME,
        (LABEL["admission_confirmed"],),
        DUE,
    ),
    (
        "nothing known, deadline ahead",
        {"items": KeyItems(), "ground": G.MOVED_AWAY},
        O.INFORMATION_DUE,
        tuple(LABEL[name] for name in REQUIRED_ITEMS[D.UK_SCHOOL]),
        DUE,
    ),
    (
        "destination unknown: refer now",
        {"destination": D.UNKNOWN, "items": KeyItems(parent_contact=True), "ground": G.CONTINUOUS_ABSENCE},
        O.REFER_AS_CME,
        (DESTINATION_LABEL, LABEL["new_address"], LABEL["new_school"], LABEL["admission_confirmed"]),
        None,
    ),
    (
        "home education with the written notice: no new school needed",
        {
            "ground": G.HOME_EDUCATION,
            "destination": D.HOME_EDUCATION,
            "items": KeyItems(parent_contact=True, new_address=True, written_ehe_notice=True),
        },
        O.COMPLETE,
        (),
        None,
    ),
    (
        "home education without the written notice",
        {
            "ground": G.HOME_EDUCATION,
            "destination": D.HOME_EDUCATION,
            "items": KeyItems(parent_contact=True, new_address=True, new_school=True, admission_confirmed=True),
        },
        O.INFORMATION_DUE,
        (LABEL["written_ehe_notice"],),
        DUE,
    ),
    (
        "moved abroad with address abroad and responsible adult",
        {
            "ground": G.MOVED_AWAY,
            "destination": D.SCHOOL_ABROAD,
            "items": KeyItems(
                parent_contact=True,
                abroad_address=True,
                responsible_adult=True,
                new_school=True,
                admission_confirmed=True,
            ),
        },
        O.COMPLETE,
        (),
        None,
    ),
    (
        "moved abroad without the responsible adult or address abroad",
        {"ground": G.MOVED_AWAY, "destination": D.SCHOOL_ABROAD, "today": date(2025, 11, 10)},
        O.REFER_AS_CME,
        (LABEL["abroad_address"], LABEL["responsible_adult"]),
        DUE,
    ),
    (
        "Nursery leaver, information missing after the deadline: referred, but not as CME",
        {
            "ground": NonCsaDeletionGround.STOPPED_ATTENDING,
            "dob": NURSERY,
            "items": KeyItems(parent_contact=True),
            "today": date(2025, 11, 10),
        },
        O.REFER_NOT_CSA,
        (LABEL["new_address"], LABEL["new_school"], LABEL["admission_confirmed"]),
        DUE,
    ),
    (
        "Nursery leaver, destination unknown: referred now, but not as CME",
        {
            "ground": NonCsaDeletionGround.STOPPED_ATTENDING,
            "dob": NURSERY,
            "destination": D.UNKNOWN,
            "items": KeyItems(parent_contact=True),
        },
        O.REFER_NOT_CSA,
        (DESTINATION_LABEL, LABEL["new_address"], LABEL["new_school"], LABEL["admission_confirmed"]),
        None,
    ),
    (
        "Nursery leaver, information missing before the deadline: still due",
        {"ground": NonCsaDeletionGround.STOPPED_ATTENDING, "dob": NURSERY, "items": NO_ADMISSION},
        O.INFORMATION_DUE,
        (LABEL["admission_confirmed"],),
        DUE,
    ),
    (
        "sixth-former, destination unknown: Connexions, not CME",
        {
            "ground": NonCsaDeletionGround.STOPPED_ATTENDING,
            "dob": YEAR_12,
            "destination": D.UNKNOWN,
            "items": KeyItems(),
        },
        O.REFER_TO_CONNEXIONS,
        (DESTINATION_LABEL, LABEL["parent_contact"], LABEL["new_address"], LABEL["new_school"])
        + (LABEL["admission_confirmed"],),
        None,
    ),
    (
        "sixth-former, information missing after the deadline: Connexions",
        {
            "ground": NonCsaDeletionGround.REGISTERED_ELSEWHERE,
            "dob": YEAR_12,
            "items": NO_ADMISSION,
            "today": date(2025, 11, 10),
        },
        O.REFER_TO_CONNEXIONS,
        (LABEL["admission_confirmed"],),
        DUE,
    ),
    (
        "pupil died: nothing to collect",
        {"ground": G.DIED, "destination": D.UNKNOWN, "items": KeyItems()},
        O.COMPLETE,
        (),
        None,
    ),
]


@pytest.mark.parametrize(
    ("overrides", "outcome", "missing", "due"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_assess_leaver(
    overrides: dict[str, object], outcome: LeaverOutcome, missing: tuple[str, ...], due: date | None
) -> None:
    result = assess(**overrides)  # type: ignore[arg-type]
    assert (result.outcome, result.missing, result.due) == (outcome, missing, due)
    ground = overrides.get("ground", G.REGISTERED_ELSEWHERE)
    assert result.cites[0] == ground.regulation  # type: ignore[attr-defined]
    assert result.reasons
    assert len(result.cites) == len(set(result.cites))


def test_results_cite_their_sources() -> None:
    assert "Ealing EGfL leaver's folder checklist" in assess().cites
    assert "SI 2024/208 reg 13(4)" in assess().cites
    assert (
        "SI 2024/208 reg 9(1)(f)"
        in assess(ground=G.HOME_EDUCATION, destination=D.HOME_EDUCATION, items=KeyItems(written_ehe_notice=True)).cites
    )
    assert "Ealing EGfL CME referral page" in assess(items=NO_ADMISSION, today=date(2025, 11, 10)).cites
    abroad = assess(ground=G.MOVED_AWAY, destination=D.SCHOOL_ABROAD)
    assert "Ealing EGfL extended leave abroad guidance (Letters 1, 1a and 2)" in abroad.cites


@pytest.mark.parametrize(
    ("dob", "not_csa"),
    [(YEAR_5, False), (NURSERY, True), (YEAR_12, True)],
    ids=["Year 5: compulsory school age", "Nursery: below", "Year 12: above"],
)
def test_flags_children_not_of_compulsory_school_age(dob: date, not_csa: bool) -> None:
    assert assess(dob=dob).not_compulsory_school_age is not_csa
    assert assess(dob=dob, ground=G.DIED).not_compulsory_school_age is not_csa


@pytest.mark.parametrize(
    ("final_year_end_of_year", "required", "cite"),
    [(False, True, "SI 2024/208 reg 13(4)"), (True, False, "SI 2024/208 reg 13(5)")],
    ids=["ordinary leaver: deletion return", "end of the final year: no deletion return"],
)
def test_deletion_return(final_year_end_of_year: bool, required: bool, cite: str) -> None:
    result = assess(final_year_end_of_year=final_year_end_of_year)
    assert result.deletion_return_required is required
    assert cite in result.cites


@pytest.mark.parametrize(
    ("today", "warned"),
    [(date(2025, 10, 21), False), (date(2025, 10, 22), True)],
    ids=["2 school days gone", "3 school days gone: start enquiries"],
)
def test_early_warning_while_information_is_due(today: date, warned: bool) -> None:
    result = assess(items=NO_ADMISSION, today=today)
    assert result.outcome is O.INFORMATION_DUE
    assert any("start the CME enquiries now" in reason for reason in result.reasons) is warned


def test_a_child_below_compulsory_school_age_is_flagged_out_of_scope() -> None:
    result = assess(ground=NonCsaDeletionGround.STOPPED_ATTENDING, dob=NURSERY, destination=D.UNKNOWN)
    assert any("not a child missing education" in reason for reason in result.reasons)
    assert "Education Act 1996 s.436A" in result.cites


PENDING = [
    ("no term dates at all", None),
    ("term dates end before the deadline", SchoolCalendar([(date(2025, 9, 1), date(2025, 10, 24))])),
    ("term dates start after the pupil left", SchoolCalendar([(date(2025, 11, 3), date(2025, 12, 19))])),
]


@pytest.mark.parametrize("calendar", [case[1] for case in PENDING], ids=[case[0] for case in PENDING])
def test_without_term_dates_the_deadline_is_pending_not_an_error(calendar: SchoolCalendar | None) -> None:
    result = assess(items=NO_ADMISSION, calendar=calendar, today=date(2025, 12, 1))
    assert (result.outcome, result.due, result.deadline_pending) == (O.INFORMATION_DUE, None, True)
    assert result.missing == (LABEL["admission_confirmed"],)
    assert any("has not published its term dates" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    ("overrides", "outcome"),
    [
        ({}, O.COMPLETE),
        ({"destination": D.UNKNOWN, "items": KeyItems()}, O.REFER_AS_CME),
        ({"ground": G.DIED, "items": KeyItems()}, O.COMPLETE),
    ],
    ids=["complete", "destination unknown: refer now", "died"],
)
def test_outcomes_that_need_no_deadline_need_no_term_dates(
    overrides: dict[str, object], outcome: LeaverOutcome
) -> None:
    result = assess(calendar=None, **overrides)  # type: ignore[arg-type]
    assert (result.outcome, result.deadline_pending) == (outcome, False)


def test_deadline_follows_the_la_setting() -> None:
    result = assess(items=NO_ADMISSION, settings=LocalSettings(leaver_information_deadline_school_days=5))
    assert result.due == date(2025, 10, 24)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ground": G.HOME_EDUCATION, "destination": D.UK_SCHOOL}, "HOME_EDUCATION"),
        ({"today": date(2025, 10, 16)}, "cannot be after today"),
    ],
    ids=["ground F needs home education", "last attended in the future"],
)
def test_inconsistent_input_is_refused(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        assess(**overrides)  # type: ignore[arg-type]


ALL_ENQUIRIES = frozenset(key for key, _ in SCHOOL_ENQUIRY_CHECKLIST)
CHECKLIST = dict(SCHOOL_ENQUIRY_CHECKLIST)


def readiness(
    enquiries_done: frozenset[str] = ALL_ENQUIRIES,
    home_visit_done: bool = True,
    last_attended: date | None = LAST_ATTENDED,
    settings: LocalSettings = EALING,
    move_claimed: bool = True,
    calendar: SchoolCalendar | None = CALENDAR,
) -> tuple[bool, tuple[str, ...], date | None]:
    result = school_referral_readiness(
        enquiries_done=enquiries_done,
        home_visit_done=home_visit_done,
        last_attended=last_attended,
        today=date(2025, 10, 24),
        calendar=calendar,
        settings=settings,
        move_claimed=move_claimed,
    )
    return result.ready, result.missing, result.due


def test_checklist_keys() -> None:
    assert [key for key, _ in SCHOOL_ENQUIRY_CHECKLIST] == [
        "all_contacts_called",
        "letter_sent",
        "siblings_schools_contacted",
        "known_agencies_contacted",
        "home_visit",
        "new_la_admissions_checked",
    ]


READINESS = [
    ("everything done", {}, (True, (), DUE)),
    ("home visit recorded only in the checklist", {"home_visit_done": False}, (True, (), DUE)),
    (
        "home visit recorded only as the flag",
        {"enquiries_done": ALL_ENQUIRIES - {"home_visit"}},
        (True, (), DUE),
    ),
    (
        "no home visit: Ealing rejects the referral",
        {"enquiries_done": ALL_ENQUIRIES - {"home_visit"}, "home_visit_done": False},
        (False, (CHECKLIST["home_visit"],), DUE),
    ),
    (
        "no home visit where the LA does not require one",
        {
            "enquiries_done": ALL_ENQUIRIES - {"home_visit"},
            "home_visit_done": False,
            "settings": LocalSettings(home_visit_required_for_cme_referral=False),
        },
        (True, (), DUE),
    ),
    (
        "new LA not checked after a claimed move",
        {"enquiries_done": ALL_ENQUIRIES - {"new_la_admissions_checked"}},
        (False, (CHECKLIST["new_la_admissions_checked"],), DUE),
    ),
    (
        "new LA not checked, no move claimed",
        {"enquiries_done": ALL_ENQUIRIES - {"new_la_admissions_checked"}, "move_claimed": False},
        (True, (), DUE),
    ),
    (
        "nothing done",
        {"enquiries_done": frozenset(), "home_visit_done": False},
        (False, tuple(label for _, label in SCHOOL_ENQUIRY_CHECKLIST), DUE),
    ),
    ("last day attended not known", {"last_attended": None}, (True, (), None)),
    ("no term dates: ready, the deadline pending", {"calendar": None}, (True, (), None)),
    (
        "term dates end before the deadline: pending",
        {"calendar": SchoolCalendar([(date(2025, 9, 1), date(2025, 10, 24))])},
        (True, (), None),
    ),
]


@pytest.mark.parametrize(("overrides", "expected"), [r[1:] for r in READINESS], ids=[r[0] for r in READINESS])
def test_school_referral_readiness(
    overrides: dict[str, object], expected: tuple[bool, tuple[str, ...], date | None]
) -> None:
    assert readiness(**overrides) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"enquiries_done": frozenset({"home_vist"})}, "Unknown enquiry keys: home_vist"),
        ({"last_attended": date(2025, 10, 27)}, "cannot be after today"),
    ],
    ids=["misspelt enquiry key", "last attended in the future"],
)
def test_readiness_refuses_bad_input(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        readiness(**overrides)  # type: ignore[arg-type]
