"""The public referral's question pages in order (the machinery is in portal.question_pages)."""

from __future__ import annotations

from typing import Any

from portal.question_pages import Journey, Step


def has_contact(answers: dict[str, Any]) -> bool:
    return any(answers.get(key) for key in ("referrer_name", "referrer_phone", "referrer_email"))


STEPS: tuple[Step, ...] = (
    Step("public.immediate_risk", "immediate_risk"),
    Step("public.safeguarding", "safeguarding_contacted", applies=lambda a: a.get("immediate_risk") == "yes"),
    Step("public.child_name", "child_first_name"),
    Step("public.child_age", "age_known"),
    Step("public.date_of_birth", "date_of_birth", applies=lambda a: a.get("age_known") == "dob"),
    Step("public.approximate_age", "approximate_age", applies=lambda a: a.get("age_known") == "approximate"),
    Step("public.child_sex", "sex"),
    Step("public.child_address", "address_line_1"),
    Step("public.last_school", "school_query", clears=("school_choice", "school_urn", "school_name")),
    Step("public.choose_school", "school_choice", applies=lambda a: a.get("school_not_known") != "yes"),
    Step("public.last_seen", "last_seen"),
    Step("public.reasons", "reasons"),
    Step("public.relationship", "relationship"),
    Step("public.organisation", "organisation", applies=lambda a: a.get("relationship") == "professional"),
    Step("public.relationship_detail", "relationship_detail", applies=lambda a: a.get("relationship") == "other"),
    Step("public.contact", "referrer_name"),
    Step("public.family_told", "family_may_be_told", applies=has_contact),
)

JOURNEY = Journey(
    name="refer", label="public referral", start="public.start", check="public.check_answers", steps=STEPS
)
