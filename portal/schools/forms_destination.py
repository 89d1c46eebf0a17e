"""Leaver wizard: where the pupil is going, and the four key items of leaver information.

The four items (Ealing EGfL leaver's folder checklist): contact details of the parent the pupil will live with, the
new address if the pupil has moved, the new school, and confirmation that the new school has admitted the pupil.
Any of them may not be known yet: the wizard records what the school has, and ``assess_leaver`` decides.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from portal.forms import GovDateField, GovTextArea, GovTextInput, strip
from portal.rules.deletion_grounds import DeletionGround
from portal.rules.leavers import Destination
from portal.schools.forms_leaver import MAX_DAYS_AHEAD, chosen_ground
from portal.schools.forms_pupil import email, phone, validate_postcode
from portal.schools.wizard import (
    Answers,
    GovRadioField,
    WizardForm,
    answer,
    not_before_birth,
)

DESTINATIONS = {
    Destination.UK_SCHOOL.value: "A school in the UK",
    Destination.SCHOOL_ABROAD.value: "Abroad",
    Destination.HOME_EDUCATION.value: "Elective home education",
    Destination.UNKNOWN.value: "We do not know",
}


def _required_text(label: str, message: str, max_length: int = 200, description: str = "") -> StringField:
    return StringField(
        label,
        description=description,
        validators=[
            InputRequired(message),
            Length(max=max_length, message=f"{label} must be {max_length} characters or fewer"),
        ],
        filters=[strip],
        widget=GovTextInput(),
    )


def _optional_text(label: str, max_length: int = 200, description: str = "") -> StringField:
    return StringField(
        label,
        description=description,
        validators=[Length(max=max_length, message=f"{label} must be {max_length} characters or fewer")],
        filters=[strip],
        widget=GovTextInput(),
    )


def destination_of(answers: Answers) -> Destination:
    """Ground F means home education (SI 2024/208 reg 9(1)(f)); otherwise what the school chose."""
    if chosen_ground(answers) is DeletionGround.HOME_EDUCATION:
        return Destination.HOME_EDUCATION
    try:
        return Destination(answer(answers, "destination", "destination"))
    except ValueError:
        return Destination.UNKNOWN


def asks_destination(answers: Answers) -> bool:
    """No destination for ground F (home education, implied) or for a pupil who has died."""
    ground = chosen_ground(answers)
    return (
        ground is not None
        and ground not in (DeletionGround.HOME_EDUCATION, DeletionGround.DIED)
        and (ground.value != "died")
    )


class DestinationForm(WizardForm):
    heading_field = "destination"
    destination = GovRadioField(
        "Where is the pupil going?",
        choices=DESTINATIONS,
        message="Select where the pupil is going",
    )
    choice_hints = {
        "destination": {
            Destination.UK_SCHOOL.value: "Including a school that has not confirmed the place yet",
            Destination.SCHOOL_ABROAD.value: "The family is moving to another country",
            Destination.UNKNOWN.value: "The school cannot find out where the pupil has gone: the wizard will refer "
            "the child to the CME team",
        }
    }
    summary_labels = {"destination": "Destination"}

    def validate_destination(self, field: Any) -> None:
        if field.data == Destination.HOME_EDUCATION.value:
            raise ValidationError(
                "A pupil leaving for home education is removed on ground F, after the parent's written notice. "
                "Change the ground to F, or choose another destination"
            )


class NewSchoolForm(WizardForm):
    heading_field = "school_known"
    school_known = GovRadioField(
        "Which school is the pupil moving to?",
        choices={
            "listed": "A school in the schools list",
            "other": "A school that is not in the list, for example in another part of the country",
            "not_known": "We do not know the school yet",
        },
        message="Select whether you know the new school",
    )
    summary_labels = {"school_known": "New school"}


class SchoolSearchForm(WizardForm):
    """Find the new school by name or URN; when several match, the school picks one of them."""

    heading_field = "query"
    query = _required_text(
        "What is the name or URN of the new school?",
        "Enter the school's name or URN",
        description="For example, Brookside Primary or 990101",
    )
    urn = GovRadioField("Select the school", choices={}, message="Select the school")
    summary_labels = {"query": "School searched for", "urn": "School"}

    def customise(self) -> None:
        self.matches: list[tuple[int, str]] = []
        query = (self.query.data or "").strip()
        if query:
            self.matches = self.context.extra["find_schools"](query)
        if len(self.matches) > 1:
            self.urn.choices = {str(urn): label for urn, label in self.matches}
            self.urn.label.text = f"{len(self.matches)} schools match: select one"
        else:
            del self.urn

    def validate(self, extra_validators: Any = None) -> bool:
        super().validate(extra_validators)
        self.chosen: tuple[int, str] | None = None
        if "urn" in self._fields:
            self.urn.errors = []
        if not self.query.errors:
            if not self.matches:
                self.query.errors = [
                    "No school in the list matches. Check the name or URN, or go back and choose a school not in "
                    "the list"
                ]
            elif len(self.matches) == 1:
                self.chosen = self.matches[0]
            else:
                self.chosen = next((m for m in self.matches if str(m[0]) == self.urn.data), None)
                if self.chosen is None:
                    self.urn.errors = ["Select the school"]
        return not any(f.errors for f in self._fields.values())

    def to_answers(self) -> dict[str, Any]:
        values = {"query": (self.query.data or "").strip()}
        if self.chosen is not None:
            values["urn"] = str(self.chosen[0])
            values["school_name"] = self.chosen[1]
        return values

    def summary_rows(self) -> list[tuple[str, Any]]:
        return [("School", self.context.value("school-search", "school_name", "") or "Not chosen")]


class SchoolDetailsForm(WizardForm):
    title = "Which school is the pupil moving to?"
    other_name = _required_text("Name of the school", "Enter the name of the school")
    other_address = _required_text(
        "Town and local authority of the school",
        "Enter the town and local authority of the school",
        description="For example, Leeds, Leeds City Council",
    )
    summary_labels = {"other_name": "School", "other_address": "Where the school is"}


class SchoolAbroadForm(WizardForm):
    title = "Where is the pupil going abroad?"
    country = _required_text("Country", "Enter the country", 100)
    address_abroad = TextAreaField(
        "The pupil's address abroad (optional)",
        description="Leave it blank if the family has not given it yet",
        validators=[Length(max=1000, message="Address must be 1000 characters or fewer")],
        filters=[strip],
        widget=GovTextArea(),
    )
    school_abroad = _optional_text(
        "Name and address of the school abroad (optional)", 300, "Leave it blank if you do not know it yet"
    )
    summary_labels = {"address_abroad": "Address abroad", "school_abroad": "School abroad"}


class ResponsibleAdultForm(WizardForm):
    title = "The responsible adult abroad (optional)"
    intro_template = "schools/leavers/_responsible_adult_intro.html"
    adult_name = _optional_text("Full name")
    adult_relationship = _optional_text("Relationship to the pupil", 100)
    adult_phone = phone("Telephone number")
    adult_email = email("Email address")
    summary_labels = {
        "adult_name": "Responsible adult",
        "adult_relationship": "Their relationship",
        "adult_phone": "Their telephone number",
        "adult_email": "Their email address",
    }

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        given = any(f.data for f in (self.adult_name, self.adult_relationship, self.adult_phone, self.adult_email))
        if given and not self.adult_name.data:
            self.adult_name.errors = ["Enter the responsible adult's full name"]
        if given and not self.adult_relationship.data:
            self.adult_relationship.errors = ["Enter the responsible adult's relationship to the pupil"]
        if given and not (self.adult_phone.data or self.adult_email.data):
            self.adult_phone.errors = ["Enter a telephone number or an email address for the responsible adult"]
        return valid and not any(f.errors for f in self._fields.values())


class MovedForm(WizardForm):
    heading_field = "moved"
    moved = GovRadioField(
        "Has the pupil moved to a new address?",
        choices={"yes": "Yes", "no": "No, the pupil still lives at the same address", "not_known": "We do not know"},
        message="Select whether the pupil has moved",
    )
    summary_labels = {"moved": "Moved"}


class NewAddressForm(WizardForm):
    title = "What is the pupil's new address?"
    new_line_1 = _required_text("Address line 1", "Enter address line 1 of the new address")
    new_line_2 = _optional_text("Address line 2 (optional)")
    new_town = _required_text("Town or city", "Enter the town or city of the new address", 100)
    new_postcode = StringField(
        "Postcode",
        validators=[
            InputRequired("Enter the postcode of the new address"),
            Length(max=10, message="Enter a real postcode, like W5 2HL"),
            validate_postcode,
        ],
        filters=[strip],
        widget=GovTextInput(),
    )
    moved_on = GovDateField(
        "Date the pupil started living there (optional)",
        error_name="Date the pupil started living there",
        validators=[not_before_birth("The date must be after the pupil's date of birth")],
    )
    field_classes = {"new_postcode": "govuk-input--width-10"}
    summary_labels = {
        "new_line_1": "New address line 1",
        "new_line_2": "New address line 2",
        "new_town": "New town or city",
        "new_postcode": "New postcode",
        "moved_on": "Living there from",
    }

    def validate_moved_on(self, field: Any) -> None:
        if field.data and field.data > self.context.today + timedelta(days=MAX_DAYS_AHEAD):
            raise ValidationError("The date must be within the next year")


class ParentContactForm(WizardForm):
    heading_field = "contact"
    contact = GovRadioField(
        "Do you have contact details for the parent the pupil will live with?",
        choices={},
        message="Select whether you have contact details for the parent the pupil will live with",
    )
    summary_labels = {"contact": "Contact details of the parent the pupil will live with"}

    def customise(self) -> None:
        name = self.context.value("parent", "name")
        choices = {}
        if name:
            choices["parent"] = f"Yes, {name}, as already given"
        choices["other"] = "Yes, someone else" if name else "Yes"
        choices["no"] = "No, not yet"
        self.contact.choices = choices


class ParentContactDetailsForm(WizardForm):
    title = "Contact details of the parent the pupil will live with"
    contact_name = _required_text("Full name", "Enter the parent's full name")
    contact_relationship = _required_text("Relationship to the pupil", "Enter their relationship to the pupil", 100)
    contact_phone = phone("Telephone number", "Enter a telephone number for the parent")
    contact_email = email("Email address (optional)")
    summary_labels = {
        "contact_name": "Parent",
        "contact_relationship": "Their relationship",
        "contact_phone": "Their telephone number",
        "contact_email": "Their email address",
    }


class AdmissionForm(WizardForm):
    heading_field = "admitted"
    admitted = GovRadioField(
        "Has the new school confirmed that it has admitted the pupil?",
        choices={"yes": "Yes", "no": "No, not yet"},
        message="Select yes if the new school has confirmed the admission",
    )
    intro_template = "schools/leavers/_admission_intro.html"
    summary_labels = {"admitted": "Admission confirmed"}


class AdmissionDetailsForm(WizardForm):
    title = "The confirmation of admission"
    admitted_on = GovDateField(
        "Date the pupil starts (or started) at the new school",
        error_name="Date the pupil starts at the new school",
        validators=[
            InputRequired("Enter the date the pupil starts at the new school"),
            not_before_birth("The start date must be after the pupil's date of birth"),
        ],
    )
    how_confirmed = GovRadioField(
        "How was the admission confirmed?",
        choices={
            "school_email": "Email or letter from the new school",
            "school_call": "Telephone call with the new school",
            "la_admissions": "The new local authority's admissions team",
            "s2s": "School-to-school (S2S) transfer request",
            "other": "Another way",
        },
        message="Select how the admission was confirmed",
    )
    confirmed_by = _required_text(
        "Who confirmed it",
        "Enter the name of the person who confirmed the admission",
        description="Their name and role, for example J Smith, admissions officer",
    )
    summary_labels = {
        "admitted_on": "Start date at the new school",
        "how_confirmed": "How it was confirmed",
        "confirmed_by": "Confirmed by",
    }

    def validate_admitted_on(self, field: Any) -> None:
        if field.data and field.data > self.context.today + timedelta(days=MAX_DAYS_AHEAD):
            raise ValidationError("The start date must be within the next year")


def new_school_known(answers: Answers) -> bool:
    destination = destination_of(answers)
    if destination is Destination.UK_SCHOOL:
        return answer(answers, "new-school", "school_known") in ("listed", "other")
    if destination is Destination.SCHOOL_ABROAD:
        return bool(answer(answers, "abroad", "school_abroad"))
    return False
