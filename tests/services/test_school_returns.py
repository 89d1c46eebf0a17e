"""Required returns (part-time timetables, AP, pupils not attending), drafts and the schools' sweep tasks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from portal.models.school_records import PartTimeTimetable, SchoolDraft
from portal.services import drafts, returns
from portal.services.calendar import la_settings
from portal.services.sweep import registered_tasks
from tests.conftest import TODAY
from tests.services.school_helpers import draft_for, part_time_answers, seed_terms


def test_part_time_timetable_reviews_extension_and_end(database: Any, school: Any, school_user: Any) -> None:
    timetable = returns.submit_part_time(
        draft_for(school, school_user, "part_time", part_time_answers()), actor=school_user, today=TODAY
    )
    assert timetable.next_review_on == date(2026, 11, 30) and timetable.flags == "medical"
    assert returns.flag_overdue_reviews(date(2026, 11, 30)) == []
    assert len(returns.flag_overdue_reviews(date(2026, 12, 1))) == 1
    assert returns.flag_overdue_reviews(date(2026, 12, 2)) == [], "flagged once"
    timetable = PartTimeTimetable.get_by_id(timetable.id)
    assert timetable.review_overdue_since == date(2026, 12, 1)
    returns.review_part_time(
        timetable,
        reviewed_on=date(2026, 12, 2),
        note="Going well",
        next_review_on=date(2026, 12, 16),
        actor=school_user,
    )
    assert timetable.review_overdue_since is None and timetable.next_review_on == date(2026, 12, 16)
    returns.extend_part_time(
        timetable, new_end_date=date(2027, 1, 15), note="Slower recovery", today=TODAY, actor=school_user
    )
    returns.end_part_time(timetable, ended_on=date(2027, 1, 15), note="", actor=school_user)
    assert timetable.status == "ended" and [e.kind for e in returns.part_time_history(timetable)] == [
        "end",
        "review",
        "extend",
    ]


@pytest.mark.parametrize(("weeks", "warned"), [(6, False), (7, True)], ids=["six weeks", "seven weeks"])
def test_a_long_part_time_timetable_is_warned(database: Any, weeks: int, warned: bool) -> None:
    warnings = returns.part_time_warnings(part_time_answers(weeks=weeks), la_settings())
    assert any("longer than 6 weeks" in warning for warning in warnings) is warned


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 5), date(2026, 11, 5)),
        (date(2026, 11, 6), date(2027, 4, 29)),
        (date(2027, 4, 30), date(2027, 11, 4)),
        (date(2027, 1, 1), date(2027, 4, 29)),
    ],
    ids=["first Thursday in November", "the day after", "after the April return", "new year"],
)
def test_next_part_time_and_ap_collection(today: date, expected: date) -> None:
    assert returns.next_collection(today) == expected


def test_the_csv_holds_only_the_schools_own_returns_and_no_formulas(
    database: Any, school: Any, school_user: Any, other_school: Any, other_school_user: Any
) -> None:
    answers = part_time_answers(first="=HYPERLINK(1)")
    returns.submit_part_time(draft_for(school, school_user, "part_time", answers), actor=school_user, today=TODAY)
    returns.submit_part_time(
        draft_for(other_school, other_school_user, "part_time", part_time_answers("Other")),
        actor=other_school_user,
        today=TODAY,
    )
    text = returns.returns_csv(school)
    assert "'=HYPERLINK(1)" in text and "Other" not in text


def test_drafts_belong_to_their_school_and_expire_after_30_days(
    database: Any, school: Any, school_user: Any, other_school: Any
) -> None:
    draft = drafts.start_draft(school, school_user, "leaver")
    assert drafts.get_draft(school, draft.id, "leaver") is not None
    assert drafts.get_draft(other_school, draft.id, "leaver") is None
    assert drafts.get_draft(school, draft.id, "abroad") is None
    SchoolDraft.update(updated_at=datetime.now(UTC) - timedelta(days=31)).execute()
    assert drafts.get_draft(school, draft.id) is None
    assert drafts.delete_expired_drafts() == 1 and SchoolDraft.select().count() == 0


def test_the_schools_sweep_tasks_are_registered_and_idempotent(database: Any, school: Any, school_user: Any) -> None:
    seed_terms()
    returns.submit_part_time(
        draft_for(school, school_user, "part_time", part_time_answers()), actor=school_user, today=TODAY
    )
    tasks = registered_tasks()
    names = [name for name in tasks if name.startswith("school-")]
    assert sorted(names) == [
        "school-abroad-escalation",
        "school-drafts-expired",
        "school-leaver-information-overdue",
        "school-part-time-reviews-overdue",
    ]
    later = date(2026, 12, 14)
    first = [line for name in names for line in tasks[name](later)]
    assert any("review overdue" in line for line in first)
    assert [line for name in names for line in tasks[name](later)] == []
