"""Extended leave abroad: the record's question pages and the stage pages (Ealing EGfL Letters 1, 1a and 2)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from portal.forms import GovDateField, GovTextArea, GovTextInput, strip
from portal.rules.abroad_removal import removal_conditions
from portal.rules.deletion_grounds import DeletionGround
from portal.schools.forms_pupil import YES_NO, email, phone, text
from portal.schools.wizard import (
    Answers,
    GovCheckboxesField,
    GovRadioField,
    WizardForm,
    answer,
    not_before_birth,
    not_in_future,
)

# An evidenced return date further ahead than this is almost certainly a typing mistake.
MAX_RETURN_DAYS_AHEAD = 366


def textarea(label: str, required: str | None, max_length: int = 2000, description: str = "") -> TextAreaField:
    validators: list[Any] = [InputRequired(required)] if required else []
    validators.append(Length(max=max_length, message=f"{label} must be {max_length} characters or fewer"))
    return TextAreaField(label, description=description, validators=validators, filters=[strip], widget=GovTextArea())


class DateLeftForm(WizardForm):
    heading_field = "date_left"
    date_left = GovDateField(
        "When did the pupil leave for abroad?",
        error_name="Date the pupil left",
        description="The first day the pupil was absent, for example 2 11 2026",
        validators=[
            InputRequired("Enter the date the pupil left"),
            not_in_future("The date the pupil left must be today or in the past"),
            not_before_birth("The date the pupil left must be after the pupil's date of birth"),
        ],
    )
    summary_labels = {"date_left": "Date left"}


class LeaveForm(WizardForm):
    heading_field = "leave_granted"
    leave_granted = GovRadioField(
        "Did the school give the pupil leave of absence for this time away?",
        description="Leave of absence is authorised absence the school agreed in advance, for example code C",
        choices=YES_NO,
        message="Select yes if the school gave the pupil leave of absence",
    )
    summary_labels = {"leave_granted": "Leave of absence granted"}


def leave_granted(answers: Answers) -> bool:
    return answer(answers, "leave", "leave_granted") == "yes"


class LeaveEndForm(WizardForm):
    heading_field = "leave_last_day"
    leave_last_day = GovDateField(
        "What is the last day of the leave of absence?",
        error_name="Last day of the leave",
        description="The last day the school agreed the pupil could be away, for example 27 11 2026",
        validators=[InputRequired("Enter the last day of the leave of absence")],
    )
    summary_labels = {"leave_last_day": "Last day of leave"}

    def validate_leave_last_day(self, field: Any) -> None:
        left = self.context.date("date-left", "date_left")
        if left and field.data < left:
            raise ValidationError("The last day of the leave must be on or after the date the pupil left")
        if field.data > self.context.today + timedelta(days=MAX_RETURN_DAYS_AHEAD):
            raise ValidationError("The last day of the leave must be within the next year")


class ReasonForm(WizardForm):
    heading_field = "reason"
    reason = textarea(
        "What reason did the parent give for the absence?",
        "Enter the reason the parent gave",
        description="In the parent's words. The parent must provide evidence for it.",
    )
    evidence_of_reason = textarea("What evidence of the reason has the parent given? (optional)", None, 1000)
    summary_labels = {"reason": "Reason given", "evidence_of_reason": "Evidence of the reason"}


class AddressAbroadForm(WizardForm):
    title = "Where is the pupil staying abroad?"
    country = text("Country", "Enter the country", 100)
    address_abroad = textarea("Address abroad", "Enter the address abroad", 1000)
    summary_labels = {"address_abroad": "Address abroad"}


class ResponsibleAdultAbroadForm(WizardForm):
    title = "Who is responsible for the pupil abroad?"
    adult_name = text("Full name", "Enter the responsible adult's full name")
    adult_relationship = text("Relationship to the pupil", "Enter their relationship to the pupil", 100)
    summary_labels = {"adult_name": "Responsible adult", "adult_relationship": "Their relationship"}


class ContactDetailsForm(WizardForm):
    title = "How can the school contact the family abroad?"
    contact_phone = phone("Telephone number, including the country code")
    contact_email = email("Email address")
    summary_labels = {"contact_phone": "Telephone number", "contact_email": "Email address"}

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if not (self.contact_phone.data or self.contact_email.data) and not self.contact_phone.errors:
            self.contact_phone.errors = ["Enter a telephone number or an email address"]
            return False
        return valid


class ReturnDateForm(WizardForm):
    title = "When will the pupil return?"
    return_date = GovDateField(
        "Evidenced return date",
        error_name="Evidenced return date",
        description="The date the parent has shown the pupil will be back, for example from return tickets",
        validators=[InputRequired("Enter the evidenced return date")],
    )
    return_evidence = textarea(
        "What evidence did the parent give?",
        "Enter the evidence of the return date",
        1000,
        "For example, return flight tickets seen on 3 November",
    )
    summary_labels = {"return_date": "Evidenced return date", "return_evidence": "Evidence"}

    def validate_return_date(self, field: Any) -> None:
        left = self.context.date("date-left", "date_left")
        if left and field.data <= left:
            raise ValidationError("The return date must be after the date the pupil left")
        if field.data > self.context.today + timedelta(days=MAX_RETURN_DAYS_AHEAD):
            raise ValidationError("The return date must be within the next year")


class ContactScheduleForm(WizardForm):
    heading_field = "contact_schedule"
    contact_schedule = textarea(
        "What contact schedule has the parent agreed to?",
        "Enter the agreed contact schedule",
        1000,
        "For example, a video call every Monday at 10am with the parent and the pupil",
    )
    summary_labels = {"contact_schedule": "Contact schedule"}


class LetterOneForm(WizardForm):
    heading_field = "letter_1_sent_on"
    letter_1_sent_on = GovDateField(
        "When did you send Letter 1?",
        error_name="Date you sent Letter 1",
        description="Letter 1 sets out the conditions for the pupil staying on roll. Send it by post and email.",
        validators=[
            InputRequired("Enter the date you sent Letter 1"),
            not_in_future("The date Letter 1 was sent must be today or in the past"),
            not_before_birth("The date Letter 1 was sent must be after the pupil's date of birth"),
        ],
    )
    intro_template = "schools/abroad/_letter_1_intro.html"
    summary_labels = {"letter_1_sent_on": "Letter 1 sent"}

    def validate_letter_1_sent_on(self, field: Any) -> None:
        calendar = self.context.calendar
        if calendar is None:
            raise ValidationError(
                "The local authority has not added its term dates, so the response date cannot "
                "be worked out. Contact the CME team"
            )
        if field.data < calendar.first_day:
            raise ValidationError("The local authority's term dates do not go back to this date: contact the CME team")


# Stage pages ----------------------------------------------------------------------------------------------------
class StageDateForm(WizardForm):
    """A stage of the process on a date, with an optional note."""

    heading_field = "on"
    on = GovDateField(
        "Date",
        error_name="Date",
        validators=[InputRequired("Enter the date"), not_in_future("The date must be today or in the past")],
    )
    note = textarea("Notes (optional)", None, 1000)
    summary_labels = {"on": "Date", "note": "Notes"}

    def validate_on(self, field: Any) -> None:
        record = self.context.extra.get("record")
        if record is not None and field.data < record.date_left:
            raise ValidationError("The date must be on or after the date the pupil left")


def stage_form(question: str, button: str, error_name: str) -> type[StageDateForm]:
    """A StageDateForm whose heading is ``question``; its errors call the date ``error_name``."""
    return type(
        "StageForm",
        (StageDateForm,),
        {
            "on": GovDateField(
                question,
                error_name=error_name,
                validators=[InputRequired("Enter the date"), not_in_future("The date must be today or in the past")],
            ),
            "button": button,
        },
    )


ResponseForm = stage_form("When did the parent respond to Letter 1?", "Record the response", "Date of the response")
LetterTwoForm = stage_form("When did you send Letter 2?", "Record Letter 2", "Date you sent Letter 2")
ReturnedForm = stage_form("When did the pupil come back to school?", "Record the return", "Date the pupil came back")
NotReturnedForm = stage_form(
    "On what date did the pupil not come back?",
    "Record that the pupil has not returned",
    "Date the pupil did not come back",
)
NoResponseForm = stage_form(
    "On what date did you decide the parent had not responded?", "Record no response", "Date you decided"
)


REMOVAL_GROUNDS = {
    "G": "G: moved abroad permanently, confirmed by a parent in writing",
    "H": "H: not back after leave of absence",
    "I": "I: 20 school days' unauthorised absence",
}


class RemovalGroundForm(WizardForm):
    title = "Remove the pupil from the register"
    intro_template = "schools/abroad/_removal_ground_intro.html"
    ground = GovRadioField(
        "Which ground are you removing the pupil on?",
        choices=REMOVAL_GROUNDS,
        message="Select the ground for removal",
    )
    choice_hints = {
        "ground": {
            "G": "No waiting time, and the local authority does not need to agree",
            "H": "After the 10 school days following the end of the leave, once the local authority agrees",
            "I": "After 20 school days of continuous absence, once the local authority agrees",
        }
    }
    button = "Continue"


class RemovalForm(WizardForm):
    """The ground's conditions, the removal date and the new school; the ground comes from the page before."""

    title = "Remove the pupil from the register"
    intro_template = "schools/abroad/_removal_intro.html"
    confirmed = GovCheckboxesField("", choices={}, message="Confirm each condition")
    removal_date = GovDateField(
        "Removal date",
        error_name="Removal date",
        description="Today or a later date",
        validators=[InputRequired("Enter the removal date")],
    )
    new_school_name = StringField(
        "Name and address of the pupil's new school, if you know it",
        description="Leave it blank if you do not know: the child is then referred to the CME team",
        validators=[Length(max=200, message="Name and address must be 200 characters or fewer")],
        filters=[strip],
        widget=GovTextInput(),
    )
    button = "Remove from the register"

    def customise(self) -> None:
        ground = DeletionGround(self.context.extra["ground"])
        self.ground = ground
        self.confirmed.label.text = f"Confirm the conditions for ground {ground.code}: {ground.title.lower()}"
        self.confirmed.description = "Tick each one. If one is not true, this ground cannot be used."
        self.confirmed.choices = {condition.key: condition.text for condition in removal_conditions(ground)}

    def validate_confirmed(self, field: Any) -> None:
        if set(field.data or []) != {condition.key for condition in removal_conditions(self.ground)}:
            raise ValidationError(
                f"Confirm every condition. If one is not true, ground {self.ground.code} cannot be used"
            )
