from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovFileInput
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import (
    AnyOf,
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
    StopValidation,
    ValidationError,
)

from portal.admin.calendar import printable
from portal.forms import (
    GovCheckboxInput,
    GovEmailInput,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovTextInput,
    strip,
)
from portal.services.passwords import MAX_PASSWORD_LENGTH, password_problem


class SchoolsImportForm(FlaskForm):
    extract = FileField(
        "Get Information About Schools extract",
        description="The 'all establishment data' CSV file, as downloaded",
        validators=[FileRequired("Select the extract file"), FileAllowed(["csv"], "The file must be a CSV file")],
        widget=GovFileInput(),
    )
    every_la = BooleanField(
        "Import the schools of every local authority",
        description="Leave this unticked to import only your local authority's schools",
        widget=GovCheckboxInput(),
    )
    skip_bad = BooleanField("Import the good rows even if some rows are wrong", widget=GovCheckboxInput())


ROLE_CHOICES = {"officer": "LA officer", "school": "School staff", "admin": "Administrator"}


def _name_field() -> Any:
    return StringField(
        "Full name",
        filters=[strip, printable],
        validators=[
            DataRequired("Enter the person's full name"),  # after strip: spaces alone are no name
            Length(max=200, message="The name must be 200 characters or fewer"),
        ],
        widget=GovTextInput(),
    )


def _job_title_field() -> Any:
    return StringField(
        "Job title (optional)",
        description="For example, Designated safeguarding lead",
        filters=[strip, printable],
        validators=[Optional(), Length(max=100, message="The job title must be 100 characters or fewer")],
        widget=GovTextInput(),
    )


def _role_field() -> Any:
    return RadioField(
        "Role",
        choices=ROLE_CHOICES,
        validate_choice=False,  # AnyOf below says it in GOV.UK words
        validators=[
            InputRequired("Select the role"),
            AnyOf(list(ROLE_CHOICES), message="Select the role"),
        ],
        widget=GovRadioInput(),
    )


def _school_field() -> Any:
    # The choices are the LA's open schools, set by the view (portal.queries.accounts.school_choices).
    return SelectField(
        "School",
        description="For school staff only",
        choices={},
        validate_choice=False,
        widget=GovSelect(),
    )


class UserDetailsForm(FlaskForm):
    """What an administrator can change about a user."""

    name = _name_field()
    job_title = _job_title_field()
    role = _role_field()
    school = _school_field()

    def validate_school(self, field: Any) -> None:
        if self.role.data != "school":
            return  # the school belongs only to school users; one chosen for another role is not kept
        if not field.data:
            raise ValidationError("Select the school")
        if field.data not in field.choices:
            raise ValidationError("Select a school from the list")

    @property
    def school_urn(self) -> int | None:
        return int(self.school.data) if self.role.data == "school" and self.school.data else None


class UserAddForm(UserDetailsForm):
    """A new user: their details, and a temporary password the administrator gives them."""

    name = _name_field()
    email = EmailField(
        "Email address",
        description="Their work email address. They sign in with it.",
        filters=[strip],
        validators=[
            InputRequired("Enter an email address in the correct format, like name@example.com"),
            Length(max=254, message="The email address must be 254 characters or fewer"),
            Email("Enter an email address in the correct format, like name@example.com"),
        ],
        widget=GovEmailInput(),
    )
    job_title = _job_title_field()
    role = _role_field()
    school = _school_field()
    password = PasswordField(
        "Temporary password",
        description="At least 12 characters, not a common password. Give it to them in a way no one else can see, "
        "such as by phone. They must choose their own password when they first sign in.",
        validators=[
            InputRequired("Enter a temporary password"),
            Length(max=MAX_PASSWORD_LENGTH, message=f"The password must be {MAX_PASSWORD_LENGTH} characters or fewer"),
        ],
        widget=GovPasswordInput(),
    )
    confirm_password = PasswordField(
        "Confirm temporary password",
        validators=[InputRequired("Enter the temporary password again")],
        widget=GovPasswordInput(),
    )

    def validate_password(self, field: Any) -> None:
        problem = password_problem(field.data or "", email=self.email.data or "")
        if problem:
            raise StopValidation(problem.replace("Your password", "The password"))

    def validate_confirm_password(self, field: Any) -> None:
        if not self.password.errors and field.data != self.password.data:
            raise ValidationError("The passwords do not match: enter the temporary password again")
