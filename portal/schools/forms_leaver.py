"""Leaver wizard: the last day, the reg 9 ground and its conditions, the removal date and the SLT approval.

Sources: SI 2024/208 reg 9 (grounds and their conditions; special-school consent), WTISA (no back-dated deletion),
Ealing EGfL (removals approved by a named SLT member; reasonable journey time), through portal.rules.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from wtforms import IntegerField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, ValidationError

from portal.clock import to_london
from portal.forms import GovDateField, GovTextArea, GovTextInput, strip
from portal.rules.calendar import CalendarNotCoveredError, format_date
from portal.rules.deletion_grounds import (
    DeletionGround,
    NonCsaDeletionGround,
    continuous_absence_window_ends,
    grounds_for,
    is_backdated,
    leave_window_ends,
    special_school_consent_required,
)
from portal.rules.school_age import is_of_compulsory_school_age
from portal.schools.forms_pupil import YES_NO, text
from portal.schools.wizard import (
    Answers,
    GovCheckboxesField,
    GovRadioField,
    WizardForm,
    answer,
    not_before_birth,
    not_in_future,
)

# Plain words for the reg 9(3) grounds (pupils not of compulsory school age); the rules core names them only.
NON_CSA_TITLES = {
    NonCsaDeletionGround.REGISTERED_ELSEWHERE: "Registered at another school or setting",
    NonCsaDeletionGround.STOPPED_ATTENDING: "Stopped attending (for example, moved away or not continuing)",
    NonCsaDeletionGround.DIED: "Died",
    NonCsaDeletionGround.PERMANENTLY_EXCLUDED: "Permanently excluded",
}
# The longest a removal can be planned ahead: further ahead is almost certainly a typing mistake.
MAX_DAYS_AHEAD = 366


def ground_from(value: Any) -> DeletionGround | NonCsaDeletionGround | None:
    for kind in (DeletionGround, NonCsaDeletionGround):
        try:
            return kind(value)
        except ValueError:
            continue
    return None


def chosen_ground(answers: Answers) -> DeletionGround | NonCsaDeletionGround | None:
    return ground_from(answer(answers, "ground", "ground"))


def ground_label(ground: DeletionGround | NonCsaDeletionGround) -> str:
    if isinstance(ground, DeletionGround):
        return f"{ground.code}: {ground.title}"
    return NON_CSA_TITLES[ground]


class LastDayForm(WizardForm):
    heading_field = "last_attended"
    last_attended = GovDateField(
        "What was the pupil's last day at school?",
        error_name="Last day at school",
        description="The last day the pupil attended, for example 12 11 2026",
        validators=[
            InputRequired("Enter the pupil's last day at school"),
            not_in_future("The last day at school must be today or in the past"),
            not_before_birth("The last day at school must be after the pupil's date of birth"),
        ],
    )
    # No check against the LA's term dates: without them the report is still taken, and the deadlines counted from
    # this day wait until an administrator adds them (portal.services.leavers.fill_pending_deadlines).
    summary_labels = {"last_attended": "Last day at school"}


def _csa(ctx: Any) -> bool:
    dob = ctx.date("date-of-birth", "date_of_birth")
    if dob is None:
        return True
    return is_of_compulsory_school_age(dob, ctx.today, ctx.settings.autumn_term_start)


class GroundForm(WizardForm):
    heading_field = "ground"
    ground = GovRadioField(
        "Why is the pupil's name being removed from the register?",
        description="Choose the ground in regulation 9 of the School Attendance (Pupil Registration) (England) "
        "Regulations 2024. A name can only be removed if one of these applies.",
        choices={},
        message="Select the ground for removing the pupil",
    )
    summary_labels = {"ground": "Ground"}

    def customise(self) -> None:
        grounds = grounds_for(_csa(self.context))
        self.ground.choices = {ground.value: ground_label(ground) for ground in grounds}
        self.choice_hints = {
            "ground": {ground.value: ground.explanation for ground in grounds if isinstance(ground, DeletionGround)}
        }
        if not isinstance(grounds[0], DeletionGround):
            self.ground.description = (
                "The pupil is not of compulsory school age, so the grounds in regulation 9(3) apply."
            )


class PlacementForm(WizardForm):
    """Only for a special school: an LA-arranged place needs that LA's consent to remove (SI 2024/208 reg 9)."""

    heading_field = "placed_by_la"
    placed_by_la = GovRadioField(
        "Did a local authority arrange the pupil's place at your school?",
        choices=YES_NO,
        message="Select yes if a local authority arranged the pupil's place",
    )
    summary_labels = {"placed_by_la": "Place arranged by a local authority"}


class LaConsentForm(WizardForm):
    title = "The local authority's consent"
    intro_template = "schools/leavers/_la_consent_intro.html"
    la_consented = GovRadioField(
        "Has that local authority consented to the pupil's name being removed?",
        choices=YES_NO,
        message="Select yes if the local authority has consented",
    )
    consented_on = GovDateField(
        "Date the local authority consented",
        error_name="Date of consent",
        validators=[not_in_future("The date of consent must be today or in the past")],
    )
    summary_labels = {"la_consented": "Local authority consented", "consented_on": "Date of consent"}

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.la_consented.data == "no":
            self.la_consented.errors = [
                "A pupil whose place at a special school a local authority arranged cannot be removed without "
                "that authority's consent. Ask for it, then come back to this draft"
            ]
            return False
        if self.la_consented.data == "yes" and self.consented_on.data is None and not self.consented_on.errors:
            self.consented_on.errors = ["Enter the date the local authority consented"]
            return False
        return valid


def needs_la_consent(answers: Answers, is_special_school: bool) -> bool:
    placed = answer(answers, "placement", "placed_by_la") == "yes"
    return special_school_consent_required(placed_by_la=placed, is_special_school=is_special_school)


class ConditionsForm(WizardForm):
    heading_field = "confirmed"
    confirmed = GovCheckboxesField("", choices={}, message="Confirm each condition")
    intro_template = "schools/leavers/_conditions_intro.html"
    summary_labels = {"confirmed": "Conditions confirmed"}

    def customise(self) -> None:
        ground = chosen_ground(self.context.answers)
        assert isinstance(ground, DeletionGround)
        self.ground = ground
        self.confirmed.label.text = f"Confirm the conditions for ground {ground.code}: {ground.title.lower()}"
        self.confirmed.description = "Tick each one. If one is not true, this ground cannot be used."
        self.confirmed.choices = {condition.key: condition.text for condition in ground.conditions}

    def validate_confirmed(self, field: Any) -> None:
        if set(field.data or []) != {condition.key for condition in self.ground.conditions}:
            raise ValidationError(
                f"Confirm every condition. If one is not true, ground {self.ground.code} cannot be used"
            )


class HomeEducationDetailsForm(WizardForm):
    title = "The parent's written notice of home education"
    intro_template = "schools/leavers/_ehe_notice_intro.html"
    notice_date = GovDateField(
        "Date of the parent's written notice",
        error_name="Date of the notice",
        validators=[
            InputRequired("Enter the date of the parent's written notice"),
            not_in_future("The date of the notice must be today or in the past"),
            not_before_birth("The date of the notice must be after the pupil's date of birth"),
        ],
    )
    effective_date = GovDateField(
        "Date home education starts",
        error_name="Date home education starts",
        description="The date in the notice from which the pupil will be educated at home",
        validators=[
            InputRequired("Enter the date home education starts"),
            not_before_birth("The date home education starts must be after the pupil's date of birth"),
        ],
    )
    summary_labels = {"notice_date": "Date of written notice", "effective_date": "Home education starts"}

    def validate_effective_date(self, field: Any) -> None:
        if field.data > self.context.today + timedelta(days=MAX_DAYS_AHEAD):
            raise ValidationError("The date home education starts must be within the next year")


class Minutes(IntegerField):
    """Whole minutes; anything else (words, decimals, hundreds of digits) gets the GOV.UK message."""

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = None
        if valuelist and str(valuelist[0]).strip():
            value = str(valuelist[0]).strip()
            if not re.fullmatch(r"-?\d{1,4}", value):
                raise ValueError("Journey time must be a number of minutes, like 50")
            self.data = int(value)


class MovedAwayDetailsForm(WizardForm):
    heading_field = "journey_minutes"
    journey_minutes = Minutes(
        "How long would the journey to school take from the pupil's new home, in minutes?",
        description="Use the usual way the pupil would travel. A move abroad: enter 999.",
        validators=[
            InputRequired("Enter the journey time in minutes, like 50"),
            NumberRange(min=0, max=999, message="Journey time must be between 0 and 999 minutes"),
        ],
        widget=GovTextInput(),
    )
    field_classes = {"journey_minutes": "govuk-input--width-4"}
    intro_template = "schools/leavers/_journey_intro.html"
    summary_labels = {"journey_minutes": "Journey time (minutes)"}


NO_AGREEMENT_YET = "none"
NO_LA_AGREEMENT = (
    "The local authority has not recorded its agreement to removal for this pupil. Save your answers and come back "
    "once an officer has recorded it on the pupil's case"
)


class _JointEnquiriesForm(WizardForm):
    """Grounds H and I: the LA's agreement is an officer's decision recorded on the child's case, chosen here."""

    intro_template = "schools/leavers/_la_agreement_intro.html"
    la_case = GovRadioField(
        "Which local authority decision agreed to the removal?",
        choices={},
        message="Select the local authority's decision",
    )
    enquiries_completed_on = GovDateField(
        "Date the joint enquiries were completed",
        error_name="Date the joint enquiries were completed",
        validators=[
            InputRequired("Enter the date the joint enquiries were completed"),
            not_in_future("The date the enquiries were completed must be today or in the past"),
        ],
    )
    enquiry_outcome = GovRadioField(
        "What did the enquiries find?",
        choices={
            "not_located": "The pupil has not been found",
            "located_agreed": "The pupil was found, and the school and the local authority agree the pupil will not "
            "attend again",
        },
        message="Select what the enquiries found",
    )
    summary_labels = {
        "la_case": "Local authority agreement",
        "enquiries_completed_on": "Joint enquiries completed",
        "enquiry_outcome": "Outcome of the enquiries",
    }

    def customise(self) -> None:
        find = self.context.extra.get("la_removal_agreements")
        last_name = self.context.value("pupil-name", "last_name", "")
        cases = find(last_name, self.context.date("date-of-birth", "date_of_birth")) if find else []
        self.la_case.choices = {
            str(case.id): f"Case {case.reference}: agreed by "
            f"{case.la_decision_by.name if case.la_decision_by_id else 'an officer'} on "
            f"{format_date(to_london(case.la_decision_at)) if case.la_decision_at else 'an unknown date'}"
            for case in cases
        }
        if not cases:
            # One answer to choose, so the page (and its error) still has a control to land on.
            self.la_case.choices = {NO_AGREEMENT_YET: "None yet"}
            self.la_case.description = (
                "An officer records the local authority's decision on the pupil's case after the joint enquiries, "
                "and it then appears here."
            )
            self.la_case.message = NO_LA_AGREEMENT

    def validate_la_case(self, field: Any) -> None:
        if field.data == NO_AGREEMENT_YET:
            raise ValidationError(NO_LA_AGREEMENT)


class LeaveNotReturnedDetailsForm(_JointEnquiriesForm):
    title = "Leave of absence and the joint enquiries"
    leave_last_day = GovDateField(
        "Last day of the leave of absence",
        error_name="Last day of the leave",
        validators=[
            InputRequired("Enter the last day of the leave of absence"),
            not_in_future("The last day of the leave must be in the past"),
            not_before_birth("The last day of the leave must be after the pupil's date of birth"),
        ],
    )
    summary_labels = {**_JointEnquiriesForm.summary_labels, "leave_last_day": "Leave ended"}

    def validate_leave_last_day(self, field: Any) -> None:
        # SI 2024/208 reg 9(1)(h): not met until the 10 school days after the leave have passed.
        try:
            window = leave_window_ends(field.data, self.context.calendar)
        except (CalendarNotCoveredError, AttributeError):
            raise ValidationError("School days cannot be counted from this date: contact the CME team") from None
        if window >= self.context.today:
            raise ValidationError(
                f"Ground H can only be used once the 10 school days after the leave have passed, after "
                f"{format_date(window)}"
            )


class ContinuousAbsenceDetailsForm(_JointEnquiriesForm):
    title = "The absence and the joint enquiries"
    first_day_absent = GovDateField(
        "First school day of the continuous absence",
        error_name="First day of the absence",
        validators=[
            InputRequired("Enter the first school day of the absence"),
            not_in_future("The first day of the absence must be in the past"),
            not_before_birth("The first day of the absence must be after the pupil's date of birth"),
        ],
    )
    summary_labels = {**_JointEnquiriesForm.summary_labels, "first_day_absent": "Absent since"}

    def validate_first_day_absent(self, field: Any) -> None:
        # SI 2024/208 reg 9(1)(i): at least 20 school days, counting the first day.
        try:
            window = continuous_absence_window_ends(field.data, self.context.calendar)
        except CalendarNotCoveredError:
            raise ValidationError("School days cannot be counted from this date: contact the CME team") from None
        except (ValueError, AttributeError) as error:
            raise ValidationError(str(error)) from None
        if window >= self.context.today:
            raise ValidationError(
                f"Ground I needs at least 20 school days of absence: it can be used after {format_date(window)}"
            )


class CustodyDetailsForm(WizardForm):
    heading_field = "order_detail"
    order_detail = TextAreaField(
        "What is the sentence or court order, and how long is it?",
        validators=[
            InputRequired("Describe the sentence or court order and its length"),
            Length(max=1000, message="Description must be 1000 characters or fewer"),
        ],
        filters=[strip],
        widget=GovTextArea(),
    )
    summary_labels = {"order_detail": "Sentence or order"}


class DiedDetailsForm(WizardForm):
    heading_field = "date_of_death"
    date_of_death = GovDateField(
        "What was the date of death?",
        error_name="Date of death",
        validators=[
            InputRequired("Enter the date of death"),
            not_in_future("The date of death must be today or in the past"),
            not_before_birth("The date of death must be after the date of birth"),
        ],
    )
    summary_labels = {"date_of_death": "Date of death"}


class ExclusionDetailsForm(WizardForm):
    title = "The permanent exclusion"
    excluded_on = GovDateField(
        "Date of the permanent exclusion",
        error_name="Date of the exclusion",
        validators=[
            InputRequired("Enter the date of the permanent exclusion"),
            not_in_future("The date of the exclusion must be in the past"),
            not_before_birth("The date of the exclusion must be after the pupil's date of birth"),
        ],
    )
    upheld_on = GovDateField(
        "Date the governing board upheld the exclusion",
        error_name="Date the exclusion was upheld",
        validators=[
            InputRequired("Enter the date the governing board upheld the exclusion"),
            not_in_future("The date the exclusion was upheld must be in the past"),
        ],
    )
    summary_labels = {"excluded_on": "Excluded on", "upheld_on": "Upheld by the governing board on"}

    def validate_upheld_on(self, field: Any) -> None:
        if self.excluded_on.data and field.data < self.excluded_on.data:
            raise ValidationError("The exclusion must be upheld on or after the date of the exclusion")


GROUND_DETAILS: dict[DeletionGround, type[WizardForm]] = {
    DeletionGround.HOME_EDUCATION: HomeEducationDetailsForm,
    DeletionGround.MOVED_AWAY: MovedAwayDetailsForm,
    DeletionGround.NOT_RETURNED_FROM_LEAVE: LeaveNotReturnedDetailsForm,
    DeletionGround.CONTINUOUS_ABSENCE: ContinuousAbsenceDetailsForm,
    DeletionGround.IN_CUSTODY: CustodyDetailsForm,
    DeletionGround.DIED: DiedDetailsForm,
    DeletionGround.PERMANENTLY_EXCLUDED: ExclusionDetailsForm,
}


def ground_details_form(answers: Answers) -> type[WizardForm] | None:
    ground = chosen_ground(answers)
    return GROUND_DETAILS.get(ground) if isinstance(ground, DeletionGround) else None


def conditions_form(answers: Answers) -> type[WizardForm] | None:
    return ConditionsForm if isinstance(chosen_ground(answers), DeletionGround) else None


class DeletionDateForm(WizardForm):
    heading_field = "deletion_date"
    deletion_date = GovDateField(
        "On what date will the pupil's name be removed from the admission register?",
        error_name="Removal date",
        description="Today or a later date. A name cannot be removed with an earlier date.",
        validators=[InputRequired("Enter the date the pupil's name will be removed")],
    )
    summary_labels = {"deletion_date": "Removal date"}

    def validate_deletion_date(self, field: Any) -> None:
        today = self.context.today
        # WTISA: a school cannot delete retrospectively under any circumstances.
        if is_backdated(field.data, today):
            raise ValidationError("The removal date must be today or later: a name cannot be removed retrospectively")
        if field.data > today + timedelta(days=MAX_DAYS_AHEAD):
            raise ValidationError("The removal date must be within the next year")
        effective = self.context.date("ground-details", "effective_date")
        if (
            chosen_ground(self.context.answers) is DeletionGround.HOME_EDUCATION
            and effective
            and field.data < effective
        ):
            # SI 2024/208 reg 9(1)(f): deleted once the date in the notice has passed.
            raise ValidationError(
                f"The name can only be removed from the date home education starts, {format_date(effective)}"
            )


class ApprovalForm(WizardForm):
    title = "Who in your senior leadership team approved this removal?"
    intro_template = "schools/leavers/_approval_intro.html"
    approver_name = text("Full name", "Enter the name of the person who approved the removal")
    approver_role = text("Job title", "Enter their job title", 100)
    summary_labels = {"approver_name": "Approved by", "approver_role": "Approver's job title"}


__all__ = [
    "ApprovalForm",
    "DeletionDateForm",
    "GroundForm",
    "LastDayForm",
    "PlacementForm",
    "chosen_ground",
    "conditions_form",
    "ground_details_form",
    "ground_label",
]
