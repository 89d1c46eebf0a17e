"""About the child: names, date of birth, their school (searched in the schools list) and, for a special school
only, whether the council arranged the place."""

from __future__ import annotations

from datetime import date
from typing import Any

from wtforms import StringField
from wtforms.validators import InputRequired, Length, StopValidation

from portal.forms import GovDateField, GovTextInput, date_not_in_future
from portal.parents.forms import JourneyForm, clean, radios
from portal.services.ehe_notices import PLACED_BY_LA_ANSWERS


class ChildForm(JourneyForm):
    child_first_name = StringField(
        "First name",
        filters=[clean],
        validators=[
            InputRequired("Enter your child's first name"),
            Length(max=100, message="First name must be 100 characters or fewer"),
        ],
        widget=GovTextInput(),
    )
    child_last_name = StringField(
        "Last name",
        filters=[clean],
        validators=[
            InputRequired("Enter your child's last name"),
            Length(max=100, message="Last name must be 100 characters or fewer"),
        ],
        widget=GovTextInput(),
    )
    child_other_names = StringField(
        "Other names (optional)",
        description="For example, a middle name, or a name they used before",
        filters=[clean],
        validators=[Length(max=300, message="Other names must be 300 characters or fewer")],
        widget=GovTextInput(),
    )
    date_of_birth = GovDateField(
        "Date of birth", error_name="Date of birth", validators=[InputRequired("Enter your child's date of birth")]
    )

    def __init__(self, *args: Any, today: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from portal.clock import today as clock_today

        self.today = today or clock_today
        self.date_of_birth.validators = [
            InputRequired("Enter your child's date of birth"),
            date_not_in_future(self.today, "Date of birth must be in the past"),
            self._school_aged,
        ]

    def _school_aged(self, _form: Any, field: Any) -> None:
        # Anyone from nursery to sixth form can be on a school roll; outside that it is a typing mistake.
        on: date = self.today()
        if field.data is not None and not 2 <= on.year - field.data.year <= 20:
            raise StopValidation("Date of birth must be for a child of school age: check the year")


class SchoolForm(JourneyForm):
    school_query = StringField(
        "Which school does your child go to now?",
        description="Enter all or part of the name, for example Riverside",
        filters=[clean],
        validators=[Length(max=100, message="The school's name must be 100 characters or fewer")],
        widget=GovTextInput(),
    )

    def validate_school_query(self, field: Any) -> None:
        if len(field.data or "") < 2:
            raise StopValidation("Enter at least 2 letters of the school's name")


class ChooseSchoolForm(JourneyForm):
    school_choice = radios(
        "Which school does your child go to now?", {}, "Select the school, or select that it is not in the list"
    )


class PlacementForm(JourneyForm):
    placed_by_la = radios(
        "Did the council arrange your child's place at the school?",
        {"yes": "Yes", "no": "No", "unknown": "I do not know"},
        "Select yes if the council arranged your child's place",
        description="For example, because it is named in your child's education, health and care plan (EHCP)",
    )


assert set(PlacementForm.placed_by_la.kwargs["choices"]) == set(PLACED_BY_LA_ANSWERS)
