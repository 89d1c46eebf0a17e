"""About the child: names, age, sex, where they live, their last school and when they were last seen there."""

from __future__ import annotations

from typing import Any

from wtforms import StringField
from wtforms.validators import InputRequired, Length, Optional, StopValidation, ValidationError

from portal.digits import is_digits
from portal.forms import GovDateField, GovTextInput, date_not_in_future
from portal.public.forms import JourneyForm, clean, radios
from portal.rules.postcode import normalise_postcode

MIN_AGE, MAX_AGE = 2, 19


class ChildNameForm(JourneyForm):
    child_first_name = StringField(
        "First name",
        filters=[clean],
        validators=[Length(max=100, message="First name must be 100 characters or fewer")],
        widget=GovTextInput(),
    )
    child_last_name = StringField(
        "Last name",
        filters=[clean],
        validators=[Length(max=100, message="Last name must be 100 characters or fewer")],
        widget=GovTextInput(),
    )
    child_other_names = StringField(
        "Other names or spellings",
        description="For example, a nickname, or another way of spelling their name",
        filters=[clean],
        validators=[Length(max=300, message="Other names must be 300 characters or fewer")],
        widget=GovTextInput(),
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not (self.child_first_name.data or self.child_last_name.data or self.child_other_names.data):
            self.child_first_name.errors = ["Enter any name you know the child by"]
            return False
        return valid


def _age_in_range(_form: Any, field: Any) -> None:
    if not field.data:
        return
    if not is_digits(field.data):
        raise StopValidation("Enter the child's age as a number, like 11")
    if not MIN_AGE <= int(field.data) <= MAX_AGE:
        raise StopValidation(f"Enter an age between {MIN_AGE} and {MAX_AGE}")


def _born_recently(form: Any, field: Any) -> None:
    if field.data is not None and field.data.year < form.today().year - 25:
        raise StopValidation("Date of birth must be for a child: check the year")


class ChildAgeForm(JourneyForm):
    age_known = radios(
        "Do you know the child's date of birth?",
        {
            "dob": "Yes",
            "approximate": "No, but I know roughly how old they are",
            "not_known": "No, I do not know how old they are",
        },
        "Select whether you know the child's date of birth or roughly how old they are",
    )


class DateOfBirthForm(JourneyForm):
    date_of_birth = GovDateField("Date of birth", error_name="Date of birth")

    def __init__(self, *args: Any, today: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from portal.clock import today as clock_today

        self.today = today or clock_today
        self.date_of_birth.validators = [
            InputRequired("Enter the child's date of birth"),
            date_not_in_future(self.today, "Date of birth must be in the past"),
            _born_recently,
        ]


class ApproximateAgeForm(JourneyForm):
    approximate_age = StringField(
        "Roughly how old is the child?",
        filters=[clean],
        validators=[
            InputRequired("Enter roughly how old the child is"),
            Length(max=3, message="Enter the child's age as a number, like 11"),
            _age_in_range,
        ],
        widget=GovTextInput(),
    )


class ChildSexForm(JourneyForm):
    sex = radios(
        "What is the child's sex?",
        {"female": "Female", "male": "Male", "not_known": "I do not know"},
        "Select the child's sex, or select 'I do not know'",
    )


def _postcode(_form: Any, field: Any) -> None:
    if field.data:
        try:
            field.data = normalise_postcode(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None


class ChildAddressForm(JourneyForm):
    address_line_1 = StringField(
        "Building and street",
        filters=[clean],
        validators=[Length(max=200, message="Building and street must be 200 characters or fewer")],
        widget=GovTextInput(),
    )
    address_line_2 = StringField(
        "Area or estate",
        filters=[clean],
        validators=[Length(max=200, message="Area or estate must be 200 characters or fewer")],
        widget=GovTextInput(),
    )
    address_town = StringField(
        "Town or city",
        filters=[clean],
        validators=[Length(max=100, message="Town or city must be 100 characters or fewer")],
        widget=GovTextInput(),
    )
    address_postcode = StringField(
        "Postcode",
        filters=[clean],
        validators=[Length(max=10, message="Enter a real postcode, like W5 2HL"), _postcode],
        widget=GovTextInput(),
    )
    address_note = StringField(
        "Anything else that would help us find the child",
        description="For example, the colour of the front door, or a shop nearby",
        filters=[clean],
        validators=[Length(max=200, message="This must be 200 characters or fewer")],
        widget=GovTextInput(),
    )


class LastSchoolForm(JourneyForm):
    school_query = StringField(
        "Name of the school",
        description="Enter all or part of the name, for example Riverside",
        filters=[clean],
        validators=[Length(max=100, message="The school's name must be 100 characters or fewer")],
        widget=GovTextInput(),
    )

    def validate_school_query(self, field: Any) -> None:
        if len(field.data or "") < 2:
            raise StopValidation("Enter at least 2 letters of the school's name, or select 'I do not know'")


class ChooseSchoolForm(JourneyForm):
    school_choice = radios(
        "Which school did the child last go to?", {}, "Select the school, or select that it is not in the list"
    )


class LastSeenForm(JourneyForm):
    last_seen = GovDateField(
        "Date the child was last at school", error_name="Date the child was last at school", validators=[Optional()]
    )

    def __init__(self, *args: Any, today: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from portal.clock import today as clock_today

        self.last_seen.validators = [
            Optional(),
            date_not_in_future(today or clock_today, "The date the child was last at school must be in the past"),
        ]
