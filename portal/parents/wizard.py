"""The home-education notice's question pages in order (the machinery is in portal.question_pages)."""

from __future__ import annotations

from typing import Any

from portal.question_pages import Journey, Step


def school_is_special(answers: dict[str, Any]) -> bool:
    return bool(answers.get("school_is_special"))


STEPS: tuple[Step, ...] = (
    Step("parents.immediate_risk", "immediate_risk"),
    Step("parents.safeguarding", "safeguarding_contacted", applies=lambda a: a.get("immediate_risk") == "yes"),
    Step("parents.about_you", "parent_name"),
    Step("parents.contact", "phone"),
    Step("parents.address", "address_line_1"),
    Step("parents.child", "child_first_name"),
    Step("parents.school", "school_query", clears=("school_choice", "school_urn", "school_name", "school_is_special")),
    Step("parents.choose_school", "school_choice"),
    Step("parents.placement", "placed_by_la", applies=school_is_special),
    Step("parents.start_date", "effective_date"),
    Step("parents.what_it_means", "understands"),
    Step("parents.reason", "reason"),
    Step("parents.meeting", "meeting"),
)

JOURNEY = Journey(
    name="ehe", label="home education notice", start="parents.start", check="parents.check_answers", steps=STEPS
)
