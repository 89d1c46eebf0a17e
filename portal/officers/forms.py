"""The officers' forms. Every versioned form carries the case version it was opened at (optimistic locking)."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

from portal.clock import today
from portal.forms import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovDateField,
    GovRadioInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
    date_not_in_future,
    strip,
)
from portal.rules.register import CaseStatus, ClosureReason, RiskFlag, RiskLevel
from portal.services.case_work import LA_DECISIONS
from portal.services.enquiries import ENQUIRY_KINDS, SAFEGUARDING_OUTCOMES


def printable(value: Any) -> Any:
    """Drop NUL and other control characters (PostgreSQL refuses NUL in text), keeping line breaks and tabs."""
    if not isinstance(value, str):
        return value
    return "".join(char for char in value if char.isprintable() or char in "\n\r\t")


OPEN_STATUS_CHOICES = {key: label for key, label in CaseStatus.choices().items() if key != CaseStatus.CLOSED.value}


class VersionedForm(FlaskForm):
    # The case version the officer started from: a save based on an older one is refused (portal.services.case_work).
    version = IntegerField(
        widget=HiddenInput(),
        validators=[
            InputRequired("Reload the case and make your change again"),
            NumberRange(min=1, max=2_000_000_000, message="Reload the case and make your change again"),
        ],
    )


class StatusForm(VersionedForm):
    status = RadioField(
        "Status", choices=OPEN_STATUS_CHOICES, validators=[InputRequired("Select the status")], widget=GovRadioInput()
    )
    note = TextAreaField(
        "Reason for the change (optional)",
        filters=[strip, printable],
        validators=[Optional(), Length(max=2000, message="The reason must be 2,000 characters or fewer")],
        widget=GovTextArea(),
    )


class AssignForm(VersionedForm):
    officer = SelectField("Officer", choices={}, validate_choice=False, widget=GovSelect())

    def validate_officer(self, field: Any) -> None:
        if field.data and field.data not in {value for value, _label in self.officer_choices}:
            raise ValidationError("Select an officer from the list")

    @property
    def officer_choices(self) -> list[tuple[str, str]]:
        return [(str(value), str(label)) for value, label in self.officer.choices.items()]  # type: ignore[union-attr]


class RiskForm(VersionedForm):
    risk_level = RadioField(
        "Risk level",
        choices=RiskLevel.choices(),
        validators=[InputRequired("Select the risk level")],
        widget=GovRadioInput(),
    )
    flags = SelectMultipleField(
        "Vulnerability flags",
        choices=RiskFlag.choices(),
        description="Select all that apply. A child protection plan, child in need, looked after, a social worker, "
        "exploitation, trafficking, FGM or forced marriage makes the case high priority.",
        widget=GovCheckboxesInput(),
    )


class NextActionForm(VersionedForm):
    next_action = StringField(
        "Next action",
        filters=[strip, printable],
        validators=[Length(max=200, message="The next action must be 200 characters or fewer")],
        description="For example, home visit with the link attendance officer. Leave both blank to clear it.",
        widget=GovTextInput(),
    )
    next_action_date = GovDateField(
        "Date the next action is due", error_name="Date the next action is due", validators=[Optional()]
    )


class NoteForm(FlaskForm):
    note = TextAreaField(
        "Add a note",
        filters=[strip, printable],
        validators=[
            InputRequired("Enter a note"),
            Length(max=5000, message="The note must be 5,000 characters or fewer"),
        ],
        widget=GovTextArea(),
    )


class EnquiryForm(FlaskForm):
    kind = RadioField(
        "Which enquiry was made?",
        choices=ENQUIRY_KINDS,
        validators=[InputRequired("Select the enquiry made")],
        widget=GovRadioInput(),
    )
    done_on = GovDateField(
        "Date of the enquiry",
        error_name="Date of the enquiry",
        validators=[
            InputRequired("Enter the date of the enquiry"),
            date_not_in_future(today, "The date of the enquiry must be today or in the past"),
        ],
    )
    made_by = StringField(
        "Made by",
        filters=[strip, printable],
        validators=[Length(max=200, message="Made by must be 200 characters or fewer")],
        description="Leave blank if you made it yourself",
        widget=GovTextInput(),
    )
    outcome = StringField(
        "Outcome",
        filters=[strip, printable],
        validators=[
            InputRequired("Enter the outcome of the enquiry"),
            Length(max=300, message="The outcome must be 300 characters or fewer"),
        ],
        description="For example, no answer on any number, or the child is on roll at another school",
        widget=GovTextInput(),
    )
    note = TextAreaField(
        "Note (optional)",
        filters=[strip, printable],
        validators=[Optional(), Length(max=2000, message="The note must be 2,000 characters or fewer")],
        widget=GovTextArea(),
    )


class SafeguardingForm(FlaskForm):
    referred_on = GovDateField(
        "Date referred to children's social care",
        error_name="Date of the referral",
        validators=[
            InputRequired("Enter the date of the referral"),
            date_not_in_future(today, "The date of the referral must be today or in the past"),
        ],
    )
    reference = StringField(
        "Children's social care reference (optional)",
        filters=[strip, printable],
        validators=[Length(max=100, message="The reference must be 100 characters or fewer")],
        widget=GovTextInput(),
    )
    acknowledged_on = GovDateField(
        "Date they acknowledged it (optional)",
        error_name="Date they acknowledged it",
        description="Children's social care should acknowledge a referral within 1 working day",
        validators=[Optional()],
    )
    outcome = RadioField(
        "Outcome", choices=SAFEGUARDING_OUTCOMES, default="pending", validators=[Optional()], widget=GovRadioInput()
    )


class SafeguardingUpdateForm(FlaskForm):
    reference = SafeguardingForm.reference
    acknowledged_on = GovDateField(
        "Date they acknowledged it", error_name="Date they acknowledged it", validators=[Optional()]
    )
    outcome = SafeguardingForm.outcome


class CloseForm(VersionedForm):
    reason = RadioField(
        "Why is the case being closed?",
        choices=ClosureReason.choices(),
        validators=[InputRequired("Select why the case is being closed")],
        widget=GovRadioInput(),
    )
    school_id = SelectField("School the child is on roll at", choices={}, validate_choice=False, widget=GovSelect())
    other_la = StringField(
        "Local authority the child has moved to",
        filters=[strip, printable],
        validators=[Length(max=100, message="The local authority must be 100 characters or fewer")],
        widget=GovTextInput(),
    )
    other_la_notified = BooleanField("The other local authority's CME officer has been told", widget=GovCheckboxInput())
    duplicate_of = StringField(
        "Reference of the case this one duplicates",
        filters=[strip, printable],
        validators=[Length(max=20, message="The reference must be 20 characters or fewer")],
        description="For example, CME-2026-123456",
        widget=GovTextInput(),
    )
    detail = TextAreaField(
        "Evidence and detail",
        filters=[strip, printable],
        validators=[Length(max=2000, message="The evidence must be 2,000 characters or fewer")],
        description="For example, the written confirmation seen, the date of death, or the home education visit",
        widget=GovTextArea(),
    )


class ReopenForm(VersionedForm):
    reason = TextAreaField(
        "Why is the case being reopened?",
        filters=[strip, printable],
        validators=[
            InputRequired("Enter why the case is being reopened"),
            Length(max=2000, message="The reason must be 2,000 characters or fewer"),
        ],
        widget=GovTextArea(),
    )


class LaDecisionForm(VersionedForm):
    decision = RadioField(
        "Does the local authority agree to the pupil being removed from roll?",
        choices=LA_DECISIONS,
        validators=[InputRequired("Select whether the local authority agrees")],
        widget=GovRadioInput(),
    )
    note = TextAreaField(
        "Reasons (optional)",
        filters=[strip, printable],
        validators=[Optional(), Length(max=2000, message="The reasons must be 2,000 characters or fewer")],
        widget=GovTextArea(),
    )


class DuplicateForm(FlaskForm):
    same_child = RadioField(
        "Is this the same child?",
        choices={"yes": "Yes, the same child", "no": "No, a different child"},
        validators=[InputRequired("Select whether this is the same child")],
        widget=GovRadioInput(),
    )
    note = StringField(
        "How you checked (optional)",
        filters=[strip, printable],
        validators=[Length(max=300, message="The note must be 300 characters or fewer")],
        widget=GovTextInput(),
    )
