"""The returns' vocabulary: one set of words for the school's question and the officer's register, and the
attendance code each kind of alternative provision placement is recorded under (SI 2024/208 reg 10)."""

from __future__ import annotations

import pytest

from portal.rules.returns import ApArrangedBy, NotAttendingReason, PartTimeReason


@pytest.mark.parametrize(("arranged_by", "code"), [(ApArrangedBy.SCHOOL, "code B"), (ApArrangedBy.LA, "code K")])
def test_each_placement_names_the_attendance_code_it_is_recorded_under(arranged_by: ApArrangedBy, code: str) -> None:
    assert code in arranged_by.label


@pytest.mark.parametrize("vocabulary", [PartTimeReason, ApArrangedBy, NotAttendingReason])
def test_every_answer_has_its_own_stored_value_and_its_own_words(vocabulary: type) -> None:
    choices = vocabulary.choices()
    assert len(choices) == len(vocabulary)
    assert len(set(choices.values())) == len(choices)
    assert all(label.strip() for label in choices.values())


def test_a_part_time_timetable_is_never_offered_for_behaviour() -> None:
    # WTISA: a part-time timetable must not be used to manage behaviour, so no reason the school can pick says so.
    assert not any("behaviour" in label.lower() for label in PartTimeReason.choices().values())
