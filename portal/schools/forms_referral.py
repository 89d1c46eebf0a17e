"""A school's CME referral: the immediate-risk question first, then the child, then the enquiries made so far.

Sources: KCSIE and the domain brief section 8 (a "child at immediate risk?" gate on every referral; CME work never
stands in for a safeguarding referral); Ealing EGfL CME referral page and the DfE CME guidance (the school's
enquiries, with the home visit mandatory) through ``portal.rules.leavers.SCHOOL_ENQUIRY_CHECKLIST``.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from portal.forms import GovDateField, GovTextInput, strip
from portal.rules.leavers import SCHOOL_ENQUIRY_CHECKLIST
from portal.schools.forms_abroad import textarea
from portal.schools.forms_pupil import YES_NO
from portal.schools.wizard import GovRadioField, WizardForm, not_in_future


class ImmediateRiskForm(WizardForm):
    heading_field = "immediate_risk"
    immediate_risk = GovRadioField(
        "Is the child at immediate risk of harm?",
        choices=YES_NO,
        message="Select yes if the child is at immediate risk of harm",
    )
    intro_template = "schools/referrals/_immediate_risk_intro.html"
    summary_labels = {"immediate_risk": "Child at immediate risk of harm"}


class SafeguardingForm(WizardForm):
    title = "Refer the child to children's social care now"
    intro_template = "schools/referrals/_safeguarding_intro.html"
    referred_on = GovDateField(
        "When did you refer the child to children's social care?",
        error_name="Date of the referral",
        description="Refer the child first, then come back: your answers are saved",
        validators=[
            InputRequired("Enter the date you referred the child to children's social care"),
            not_in_future("The date of the referral must be today or in the past"),
        ],
    )
    referral_reference = StringField(
        "Reference given by children's social care (optional)",
        validators=[Length(max=100, message="Reference must be 100 characters or fewer")],
        filters=[strip],
        widget=GovTextInput(),
    )
    summary_labels = {"referred_on": "Referred to children's social care", "referral_reference": "Their reference"}


class ConcernForm(WizardForm):
    heading_field = "concern"
    concern = textarea(
        "Why do you think the child is missing education?",
        "Enter why you think the child is missing education",
        3000,
        "What happened, when the child stopped attending, and anything the family or others have said",
    )
    summary_labels = {"concern": "Why the child may be missing education"}


class MoveClaimedForm(WizardForm):
    heading_field = "move_claimed"
    move_claimed = GovRadioField(
        "Has anyone said the family has moved or is moving?",
        choices={"yes": "Yes", "no": "No"},
        message="Select yes if anyone has said the family has moved",
    )
    summary_labels = {"move_claimed": "Move claimed"}


class MoveWhereForm(WizardForm):
    heading_field = "where"
    where = StringField(
        "Where did they say the family was moving to? (optional)",
        description="A town, country or local authority, as much as you know",
        validators=[Length(max=200, message="Where to must be 200 characters or fewer")],
        filters=[strip],
        widget=GovTextInput(),
    )
    summary_labels = {"where": "Moving to"}


def move_claimed(answers: Any) -> bool:
    return (answers.get("move-claimed") or {}).get("move_claimed") == "yes"


# What each enquiry's date is called in its errors: several dates share the page, so "Date" alone would not say which.
ENQUIRY_DATE_NAMES = {
    "all_contacts_called": "Date you called the contacts",
    "letter_sent": "Date you wrote to the addresses",
    "siblings_schools_contacted": "Date you contacted the relatives' schools",
    "known_agencies_contacted": "Date you contacted the agencies",
    "home_visit": "Date of the home visit",
    "new_la_admissions_checked": "Date you checked with the new local authority",
}


def _enquiry_fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key, _label in SCHOOL_ENQUIRY_CHECKLIST:
        fields[f"{key}_on"] = GovDateField(
            "Date",
            error_name=ENQUIRY_DATE_NAMES.get(key, "Date of the enquiry"),
            validators=[not_in_future("The date of an enquiry must be today or in the past")],
        )
        fields[f"{key}_outcome"] = StringField(
            "What you found",
            validators=[Length(max=300, message="What you found must be 300 characters or fewer")],
            filters=[strip],
            widget=GovTextInput(),
        )
    return fields


class _EnquiriesBase(WizardForm):
    title = "Which enquiries has the school made?"
    intro_template = "schools/referrals/_enquiries_intro.html"
    fieldsets = [(label, (f"{key}_on", f"{key}_outcome")) for key, label in SCHOOL_ENQUIRY_CHECKLIST]
    summary_labels = {
        **{f"{key}_on": f"{label}: date" for key, label in SCHOOL_ENQUIRY_CHECKLIST},
        **{f"{key}_outcome": f"{label}: what you found" for key, label in SCHOOL_ENQUIRY_CHECKLIST},
    }

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        last = self.context.date("last-day", "last_attended")
        for key, label in SCHOOL_ENQUIRY_CHECKLIST:
            on, outcome = self[f"{key}_on"], self[f"{key}_outcome"]
            if on.errors or outcome.errors:
                continue
            if on.data and not outcome.data:
                outcome.errors = [f"Enter what you found: {label.lower()}"]
            elif outcome.data and not on.data:
                on.errors = [f"Enter the date of this enquiry: {label.lower()}"]
            elif on.data and last and on.data < last:
                on.errors = ["The date of an enquiry must be on or after the child's last day at school"]
        return valid and not any(f.errors for f in self._fields.values())

    def summary_rows(self) -> list[tuple[str, Any]]:
        rows = []
        for key, label in SCHOOL_ENQUIRY_CHECKLIST:
            done = self[f"{key}_on"].data is not None
            value = self.display(f"{key}_on") + Markup(": ") + self.display(f"{key}_outcome")
            rows.append((label, value if done else Markup("Not done yet")))
        return rows


EnquiriesForm = type("EnquiriesForm", (_EnquiriesBase,), _enquiry_fields())
