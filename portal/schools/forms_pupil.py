"""Question pages about the pupil, shared by the leaver, abroad, referral and returns journeys."""

from __future__ import annotations

from datetime import date
from typing import Any

from wtforms import SelectField, StringField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from portal.forms import GovDateField, GovEmailInput, GovSelect, GovTelInput, GovTextInput, strip
from portal.rules.postcode import normalise_postcode
from portal.rules.register import RiskFlag
from portal.rules.school_age import anniversary, national_curriculum_year
from portal.rules.upn import normalise_upn
from portal.schools.wizard import (
    GovCheckboxesField,
    GovRadioField,
    Step,
    WizardForm,
)

YES_NO = {"yes": "Yes", "no": "No"}
# Nursery to Year 11: the pupils a school's leaver notification covers (Ealing EGfL statutory leaver notification).
YEAR_GROUPS = {"-1": "Nursery", "0": "Reception", **{str(n): f"Year {n}" for n in range(1, 12)}}
# A pupil on a school roll is aged from 2 (nursery classes) to 19 (sixth form): anything else is a typing mistake.
YOUNGEST_AGE = 2
OLDEST_AGE = 19


def text(label: str, required: str | None = None, max_length: int = 200, **kwargs: Any) -> StringField:
    validators: list[Any] = [InputRequired(required)] if required else [Optional()]
    validators.append(Length(max=max_length, message=f"{label} must be {max_length} characters or fewer"))
    return StringField(label, validators=validators, filters=[strip], widget=GovTextInput(), **kwargs)


def phone(label: str, required: str | None = None) -> StringField:
    validators: list[Any] = [InputRequired(required)] if required else [Optional()]
    validators.append(Length(max=50, message="Telephone number must be 50 characters or fewer"))
    return StringField(label, validators=validators, filters=[strip], widget=GovTelInput())


def email(label: str) -> StringField:
    return StringField(
        label,
        validators=[
            Optional(),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email("Enter an email address in the correct format, like name@example.com"),
        ],
        filters=[strip],
        widget=GovEmailInput(),
    )


def validate_postcode(_form: Any, field: Any) -> None:
    if field.data:
        try:
            field.data = normalise_postcode(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None


class PupilNameForm(WizardForm):
    title = "What is the pupil's name?"
    first_name = text("First name", "Enter the pupil's first name", 100)
    middle_names = text("Middle names (optional)", None, 200)
    last_name = text("Last name", "Enter the pupil's last name", 100)
    summary_labels = {"first_name": "First name", "middle_names": "Middle names", "last_name": "Last name"}


class DateOfBirthForm(WizardForm):
    heading_field = "date_of_birth"
    date_of_birth = GovDateField(
        "What is the pupil's date of birth?",
        error_name="Date of birth",
        description="For example, 27 3 2015",
        validators=[InputRequired("Enter the pupil's date of birth")],
    )
    summary_labels = {"date_of_birth": "Date of birth"}

    def validate_date_of_birth(self, field: Any) -> None:
        today = self.context.today
        if field.data > today:
            raise ValidationError("Date of birth must be in the past")
        if anniversary(field.data, YOUNGEST_AGE) > today:
            raise ValidationError(f"The pupil must be at least {YOUNGEST_AGE} years old: check the date of birth")
        if anniversary(field.data, OLDEST_AGE + 1) <= today:
            raise ValidationError(f"The pupil must be {OLDEST_AGE} or younger: check the date of birth")


class SexForm(WizardForm):
    heading_field = "sex"
    sex = GovRadioField(
        "What is the pupil's sex, as recorded in the admission register?",
        choices={"female": "Female", "male": "Male", "not_known": "Not known"},
        message="Select the pupil's sex",
    )
    summary_labels = {"sex": "Sex"}


class UpnForm(WizardForm):
    heading_field = "upn"
    upn = StringField(
        "What is the pupil's unique pupil number (UPN)? (optional)",
        description="13 characters, like H801200001001. Leave it blank if you do not know it.",
        validators=[Optional(), Length(max=30, message="A UPN is 13 characters")],
        filters=[strip],
        widget=GovTextInput(),
    )
    field_classes = {"upn": "govuk-input--width-20"}
    summary_labels = {"upn": "UPN"}

    def validate_upn(self, field: Any) -> None:
        # DfE UPN data standard v2.0 and census rule 1510, through the rules core.
        try:
            field.data = normalise_upn(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None


class YearGroupForm(WizardForm):
    heading_field = "year_group"
    year_group = SelectField(
        "Which year group is the pupil in?",
        choices={"": "Select a year group", **YEAR_GROUPS},
        validators=[InputRequired("Select the pupil's year group")],
        widget=GovSelect(),
        validate_choice=False,
    )
    summary_labels = {"year_group": "Year group"}

    def customise(self) -> None:
        dob = self.context.date("date-of-birth", "date_of_birth")
        if dob:
            expected = national_curriculum_year(dob, self.context.today)
            if expected is not None:
                self.year_group.description = (
                    f"By date of birth the pupil would be in {YEAR_GROUPS.get(str(expected), f'Year {expected}')}."
                )

    def validate_year_group(self, field: Any) -> None:
        if field.data not in YEAR_GROUPS:
            raise ValidationError("Select the pupil's year group")


class HomeAddressForm(WizardForm):
    title = "What is the pupil's home address?"
    line_1 = text("Address line 1", "Enter address line 1, typically the building and street")
    line_2 = text("Address line 2 (optional)")
    town = text("Town or city", "Enter town or city", 100)
    postcode = StringField(
        "Postcode",
        validators=[
            InputRequired("Enter the postcode"),
            Length(max=10, message="Enter a real postcode, like W5 2HL"),
            validate_postcode,
        ],
        filters=[strip],
        widget=GovTextInput(),
    )
    field_classes = {"postcode": "govuk-input--width-10", "town": "govuk-!-width-two-thirds"}
    summary_labels = {"line_1": "Address line 1", "line_2": "Address line 2", "town": "Town or city"}


class ParentForm(WizardForm):
    title = "Parent or carer the pupil lives with"
    name = text("Full name", "Enter the parent or carer's full name")
    relationship = text(
        "Relationship to the pupil",
        "Enter their relationship to the pupil, like mother",
        100,
        description="For example, mother, father, grandparent or foster carer",
    )
    phone = phone("Emergency telephone number", "Enter an emergency telephone number for the parent or carer")
    email = email("Email address (optional)")
    summary_labels = {"name": "Parent or carer", "phone": "Emergency telephone number", "email": "Email address"}


class SecondParentForm(WizardForm):
    heading_field = "has_second"
    has_second = GovRadioField(
        "Is there another parent or carer?",
        choices=YES_NO,
        message="Select yes if there is another parent or carer",
    )
    summary_labels = {"has_second": "Another parent or carer"}


class SecondParentDetailsForm(WizardForm):
    title = "The other parent or carer"
    second_name = text("Full name", "Enter the other parent or carer's full name")
    second_relationship = text("Relationship to the pupil", "Enter their relationship to the pupil", 100)
    lives_with = GovRadioField(
        "Does the pupil normally live with them?",
        choices=YES_NO,
        message="Select yes if the pupil normally lives with them",
    )
    second_phone = phone("Emergency telephone number (optional if the pupil does not live with them)")
    summary_labels = {
        "second_name": "Other parent or carer",
        "second_relationship": "Their relationship",
        "second_phone": "Their telephone number",
        "lives_with": "Pupil lives with them",
    }

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.lives_with.data == "yes" and not self.second_phone.data and not self.second_phone.errors:
            # SI 2024/208 reg 13(4)(d): an emergency number for each parent the pupil normally lives with.
            self.second_phone.errors = ["Enter an emergency telephone number for each parent the pupil lives with"]
            return False
        return valid


class EmergencyContactForm(WizardForm):
    title = "Another emergency contact (optional)"
    intro_template = "schools/wizard/_emergency_contact_intro.html"
    contact_name = text("Full name")
    contact_relationship = text("Relationship to the pupil", None, 100)
    contact_phone = phone("Telephone number")
    summary_labels = {
        "contact_name": "Other emergency contact",
        "contact_relationship": "Their relationship",
        "contact_phone": "Their telephone number",
    }

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.contact_name.data and not self.contact_phone.data:
            self.contact_phone.errors = ["Enter a telephone number for the emergency contact"]
            return False
        if self.contact_phone.data and not self.contact_name.data:
            self.contact_name.errors = ["Enter the emergency contact's full name"]
            return False
        return valid


FLAG_CHOICES = {flag.value: flag.label for flag in RiskFlag}


class VulnerabilityForm(WizardForm):
    heading_field = "flags"
    flags = GovCheckboxesField(
        "Do any of these apply to the pupil?",
        description="Select all that apply. These tell the local authority how urgently to act and who to tell.",
        choices={**FLAG_CHOICES, "none": "None of these"},
        message="Select the ones that apply, or select none of these",
    )
    exclusive_choices = {"flags": "none"}
    summary_labels = {"flags": "Vulnerabilities"}

    def validate_flags(self, field: Any) -> None:
        if not field.data:
            raise ValidationError("Select the ones that apply, or select none of these")
        if "none" in field.data and len(field.data) > 1:
            raise ValidationError("Select the ones that apply, or select none of these, not both")


class SocialWorkerForm(WizardForm):
    heading_field = "social_worker_name"
    social_worker_name = text("What is the name of the pupil's social worker?", "Enter the social worker's name")
    summary_labels = {"social_worker_name": "Social worker"}


def has_second_parent(answers: Any) -> bool:
    return (answers.get("second-parent") or {}).get("has_second") == "yes"


def has_social_worker(answers: Any) -> bool:
    return "social_worker" in ((answers.get("vulnerability") or {}).get("flags") or [])


def pupil_dob(ctx: Any) -> date | None:
    return ctx.date("date-of-birth", "date_of_birth")


def child_and_family_steps(about: str) -> list[Step]:
    """The questions about a child, their parents and contacts, and their vulnerability, in the order the leaver
    wizard and the CME referral both ask them; ``about`` heads the first section ("The pupil", "The child")."""
    contacts = "Parents and contacts"
    return [
        Step("pupil-name", PupilNameForm, about),
        Step("date-of-birth", DateOfBirthForm, about),
        Step("sex", SexForm, about),
        Step("upn", UpnForm, about),
        Step("year-group", YearGroupForm, about),
        Step("home-address", HomeAddressForm, about),
        Step("parent", ParentForm, contacts),
        Step("second-parent", SecondParentForm, contacts),
        Step("second-parent-details", SecondParentDetailsForm, contacts, applies=has_second_parent),
        Step("emergency-contact", EmergencyContactForm, contacts),
        Step("vulnerability", VulnerabilityForm, "Vulnerability"),
        Step("social-worker", SocialWorkerForm, "Vulnerability", applies=has_social_worker),
    ]
