"""Required returns: part-time timetables, alternative provision placements and pupils not attending.

Sources: WTISA (part-time timetables only in exceptional circumstances, in the pupil's best interests, never to manage
behaviour, for the shortest time, with formal regular reviews and parental agreement: C2 leave, SI 2024/208 reg 11);
Ealing EGfL part-time and alternative provision data return (domain brief sections 7 and 10).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from wtforms import BooleanField, FloatField
from wtforms.validators import InputRequired, NumberRange, ValidationError

from portal.forms import GovCheckboxInput, GovDateField, GovTextInput
from portal.rules.calendar import format_date
from portal.rules.returns import ApArrangedBy, NotAttendingReason, PartTimeReason
from portal.rules.thresholds import part_time_review_due
from portal.schools.forms_abroad import textarea
from portal.schools.forms_pupil import text
from portal.schools.wizard import GovRadioField, WizardForm, not_before_birth, not_in_future

MAX_DAYS_AHEAD = 366
HOURS_IN_A_WEEK_AT_SCHOOL = 50

PART_TIME_REASONS = PartTimeReason.choices()
AP_ARRANGED_BY = ApArrangedBy.choices()
NOT_ATTENDING_REASONS = NotAttendingReason.choices()


class Hours(FloatField):
    """Hours a week, with GOV.UK wording when it is not a number."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist and valuelist[0].strip():
            try:
                self.data = float(valuelist[0].strip()[:10])
            except ValueError:
                self.data = None
                raise ValueError(f"{self.label.text} must be a number, like 12.5") from None
        else:
            self.data = None


def hours(label: str, required: str, description: str = "") -> Hours:
    return Hours(
        label,
        description=description,
        validators=[
            InputRequired(required),
            NumberRange(
                min=0,
                max=HOURS_IN_A_WEEK_AT_SCHOOL,
                message=f"{label} must be between 0 and {HOURS_IN_A_WEEK_AT_SCHOOL}",
            ),
        ],
        widget=GovTextInput(),
    )


def _date_in_range(form: WizardForm, value: Any, what: str) -> None:
    if value and value > form.context.today + timedelta(days=MAX_DAYS_AHEAD):
        raise ValidationError(f"{what} must be within the next year")


# Part-time timetables --------------------------------------------------------------------------------------------
class PartTimeReasonForm(WizardForm):
    heading_field = "reason"
    reason = GovRadioField(
        "Why is the pupil on a part-time timetable?",
        description="Only in exceptional circumstances, when it is in the pupil's best interests",
        choices=PART_TIME_REASONS,
        message="Select why the pupil is on a part-time timetable",
    )
    reason_detail = textarea(
        "Why is it in the pupil's best interests?", "Explain why it is in the pupil's best interests", 2000
    )
    not_behaviour = BooleanField(
        "The part-time timetable is not being used to manage the pupil's behaviour",
        validators=[
            InputRequired(
                "Confirm that the part-time timetable is not being used to manage behaviour: it must never be"
            )
        ],
        widget=GovCheckboxInput(),
    )
    summary_labels = {
        "reason_detail": "Why it is in the pupil's best interests",
        "not_behaviour": "Not used to manage behaviour",
    }


class PartTimeDatesForm(WizardForm):
    title = "When does the part-time timetable start and end?"
    intro_template = "schools/returns/_part_time_dates_intro.html"
    start_date = GovDateField(
        "Start date",
        error_name="Start date",
        validators=[
            InputRequired("Enter the start date"),
            not_before_birth("The start date must be after the pupil's date of birth"),
        ],
    )
    planned_end_date = GovDateField(
        "Planned end date",
        error_name="Planned end date",
        description="When the pupil returns to a full-time timetable",
        validators=[InputRequired("Enter the planned end date")],
    )
    summary_labels = {"start_date": "Start date", "planned_end_date": "Planned end date"}

    def validate_start_date(self, field: Any) -> None:
        _date_in_range(self, field.data, "The start date")
        if field.data < self.context.today - timedelta(days=MAX_DAYS_AHEAD):
            raise ValidationError("The start date must be within the last year")

    def validate_planned_end_date(self, field: Any) -> None:
        if self.start_date.data and field.data <= self.start_date.data:
            raise ValidationError("The planned end date must be after the start date")
        _date_in_range(self, field.data, "The planned end date")


class PartTimeReviewForm(WizardForm):
    heading_field = "first_review"
    first_review = GovDateField(
        "When is the first review?",
        error_name="Date of the first review",
        description="A formal review with the pupil and the parents",
        validators=[InputRequired("Enter the date of the first review")],
    )
    summary_labels = {"first_review": "First review"}

    def validate_first_review(self, field: Any) -> None:
        start = self.context.date("dates", "start_date")
        if start is None:
            return
        latest = part_time_review_due(start, self.context.settings)
        if field.data < start:
            raise ValidationError("The first review must be on or after the start date")
        if field.data > latest:
            raise ValidationError(
                f"Review a part-time timetable at least every {self.context.settings.part_time_review_interval_days} "
                f"days: the first review must be by {format_date(latest)}"
            )


class PartTimeHoursForm(WizardForm):
    title = "How many hours a week will the pupil be taught?"
    hours_per_week = hours("Hours a week on the part-time timetable", "Enter the hours a week on the timetable")
    normal_hours_per_week = hours(
        "Normal hours a week for the pupil's year group",
        "Enter the normal hours a week for the year group",
        "For example, 32.5",
    )
    field_classes = {"hours_per_week": "govuk-input--width-4", "normal_hours_per_week": "govuk-input--width-4"}
    summary_labels = {"hours_per_week": "Hours a week", "normal_hours_per_week": "Normal hours a week"}

    def validate_normal_hours_per_week(self, field: Any) -> None:
        if self.hours_per_week.data is not None and field.data is not None and self.hours_per_week.data >= field.data:
            raise ValidationError("The part-time hours must be fewer than the normal hours")


class ParentalAgreementForm(WizardForm):
    title = "Which parent agreed to the part-time timetable?"
    intro_template = "schools/returns/_agreement_intro.html"
    parent_name = text("Full name of the parent", "Enter the name of the parent who agreed")
    agreed_on = GovDateField(
        "Date they agreed",
        error_name="Date the parent agreed",
        validators=[
            InputRequired("Enter the date the parent agreed"),
            not_in_future("The date the parent agreed must be today or in the past"),
        ],
    )
    summary_labels = {"parent_name": "Agreed by", "agreed_on": "Date agreed"}

    def validate_agreed_on(self, field: Any) -> None:
        start = self.context.date("dates", "start_date")
        if start and field.data > start:
            raise ValidationError(
                "The parent must agree before the timetable starts: leave cannot be agreed retrospectively"
            )


class OtherProvisionForm(WizardForm):
    heading_field = "has_other"
    has_other = GovRadioField(
        "Does the pupil have any other education for the rest of the time?",
        choices={"yes": "Yes", "no": "No"},
        message="Select yes if the pupil has other education",
    )
    summary_labels = {"has_other": "Other education"}


class OtherProvisionDetailsForm(WizardForm):
    heading_field = "other_provision"
    other_provision = textarea(
        "What is the other education?",
        "Enter the provider, hours and what the other education is",
        1000,
        "The provider, the hours a week and what it is",
    )
    summary_labels = {"other_provision": "Other education details"}


def has_other_provision(answers: Any) -> bool:
    return (answers.get("other-provision") or {}).get("has_other") == "yes"


class AuthorisedByForm(WizardForm):
    title = "Who authorised the part-time timetable?"
    authorised_name = text("Full name", "Enter the name of the person who authorised it")
    authorised_role = text("Job title", "Enter their job title", 100)
    summary_labels = {"authorised_name": "Authorised by", "authorised_role": "Their job title"}


# Actions on a part-time timetable --------------------------------------------------------------------------------
class ReviewForm(WizardForm):
    title = "Record a review"
    reviewed_on = GovDateField(
        "Date of the review",
        error_name="Date of the review",
        validators=[
            InputRequired("Enter the date of the review"),
            not_in_future("The review date must be today or in the past"),
        ],
    )
    note = textarea("What was agreed?", "Enter what was agreed at the review", 2000)
    next_review_on = GovDateField(
        "Date of the next review",
        error_name="Date of the next review",
        validators=[InputRequired("Enter the date of the next review")],
    )
    button = "Record the review"

    def validate_reviewed_on(self, field: Any) -> None:
        timetable = self.context.extra["timetable"]
        if field.data < timetable.start_date:
            raise ValidationError("The review must be on or after the start date")

    def validate_next_review_on(self, field: Any) -> None:
        if self.reviewed_on.data is None:
            return
        latest = part_time_review_due(self.reviewed_on.data, self.context.settings)
        if field.data <= self.reviewed_on.data:
            raise ValidationError("The next review must be after this review")
        if field.data > latest:
            raise ValidationError(f"The next review must be by {format_date(latest)}")


class ExtendForm(WizardForm):
    title = "Extend the part-time timetable"
    new_end_date = GovDateField(
        "New planned end date",
        error_name="New planned end date",
        validators=[InputRequired("Enter the new planned end date")],
    )
    note = textarea("Why does it need to be longer?", "Enter why the timetable needs to be longer", 2000)
    parent_agreed = BooleanField(
        "A parent the pupil lives with has agreed to the extension",
        validators=[InputRequired("Confirm that a parent has agreed to the extension")],
        widget=GovCheckboxInput(),
    )
    button = "Extend the timetable"

    def validate_new_end_date(self, field: Any) -> None:
        timetable = self.context.extra["timetable"]
        if field.data <= timetable.planned_end_date:
            raise ValidationError(f"The new end date must be after {format_date(timetable.planned_end_date)}")
        _date_in_range(self, field.data, "The new end date")


class EndForm(WizardForm):
    title = "End the part-time timetable"
    ended_on = GovDateField(
        "Date the pupil returned to a full-time timetable",
        error_name="Date the timetable ended",
        validators=[
            InputRequired("Enter the date the timetable ended"),
            not_in_future("The date must be today or in the past"),
        ],
    )
    note = textarea("Notes (optional)", None, 1000)
    button = "End the timetable"

    def validate_ended_on(self, field: Any) -> None:
        if field.data < self.context.extra["timetable"].start_date:
            raise ValidationError("The end date must be on or after the start date")


# Alternative provision --------------------------------------------------------------------------------------------
class ProviderForm(WizardForm):
    title = "Which alternative provision is the pupil attending?"
    provider = text("Name of the provider", "Enter the name of the provider")
    provider_address = textarea("Address of the provider (optional)", None, 500)
    arranged_by = GovRadioField(
        "Who arranged the placement?", choices=AP_ARRANGED_BY, message="Select who arranged the placement"
    )
    summary_labels = {"provider": "Provider", "provider_address": "Provider's address"}


class ApHoursForm(WizardForm):
    heading_field = "hours_per_week"
    hours_per_week = hours(
        "How many hours a week does the pupil attend the provision?", "Enter the hours a week at the provision"
    )
    field_classes = {"hours_per_week": "govuk-input--width-4"}
    summary_labels = {"hours_per_week": "Hours a week"}


class ApDatesForm(WizardForm):
    title = "When does the placement start and end?"
    start_date = GovDateField(
        "Start date",
        error_name="Start date",
        validators=[
            InputRequired("Enter the start date"),
            not_before_birth("The start date must be after the pupil's date of birth"),
        ],
    )
    end_date = GovDateField("Planned end date (optional)", error_name="Planned end date")
    summary_labels = {"start_date": "Start date", "end_date": "Planned end date"}

    def validate_start_date(self, field: Any) -> None:
        _date_in_range(self, field.data, "The start date")

    def validate_end_date(self, field: Any) -> None:
        if field.data and self.start_date.data and field.data <= self.start_date.data:
            raise ValidationError("The end date must be after the start date")
        _date_in_range(self, field.data, "The end date")


# Pupils not attending ----------------------------------------------------------------------------------------------
class NotAttendingReasonForm(WizardForm):
    heading_field = "reason"
    reason = GovRadioField(
        "Why is the pupil not attending?",
        choices=NOT_ATTENDING_REASONS,
        message="Select why the pupil is not attending",
    )
    reason_detail = textarea("Details (optional)", None, 2000)
    summary_labels = {"reason": "Reason", "reason_detail": "Details"}


class SinceForm(WizardForm):
    heading_field = "since"
    since = GovDateField(
        "Since when has the pupil not been attending?",
        error_name="Date the pupil stopped attending",
        validators=[
            InputRequired("Enter the date the pupil stopped attending"),
            not_in_future("The date must be today or in the past"),
            not_before_birth("The date must be after the pupil's date of birth"),
        ],
    )
    summary_labels = {"since": "Not attending since"}


class ActionsForm(WizardForm):
    heading_field = "actions"
    actions = textarea(
        "What is the school doing to support the pupil back into school?", "Enter what the school is doing", 3000
    )
    summary_labels = {"actions": "Actions"}
