"""The first questions: is a child at immediate risk, and has the referrer contacted children's services."""

from __future__ import annotations

from portal.public.forms import JourneyForm, radios


class ImmediateRiskForm(JourneyForm):
    immediate_risk = radios(
        "Is a child at immediate risk of harm?",
        {"yes": "Yes", "no": "No"},
        "Select yes if a child is at immediate risk of harm",
        description="For example, they are being hurt, or are in danger now",
    )


class SafeguardingForm(JourneyForm):
    safeguarding_contacted = radios(
        "Have you contacted them?",
        {"contacted": "Yes, I have contacted them", "will_contact": "No, I will contact them now"},
        "Select whether you have contacted them or will contact them now",
    )
