"""About the parent giving notice: who they are, whether the child lives with them, contact details and address
(the school's deletion return needs the parent's name, address and a telephone number: SI 2024/208 reg 13(4))."""

from __future__ import annotations

import re
from typing import Any

from wtforms import EmailField, StringField
from wtforms.validators import Email, InputRequired, Length, Optional, StopValidation, ValidationError

from portal.forms import GovEmailInput, GovTelInput, GovTextInput
from portal.parents.forms import JourneyForm, clean, radios
from portal.rules.postcode import normalise_postcode
from portal.services.ehe_notices import RELATIONSHIPS

PHONE = re.compile(r"\+?[0-9 ()\-]{7,25}")


def phone_number(_form: Any, field: Any) -> None:
    if field.data and (not PHONE.fullmatch(field.data) or sum(c.isdigit() for c in field.data) < 7):
        raise StopValidation("Enter a telephone number, like 01632 960 001 or +44 808 157 0192")


class AboutYouForm(JourneyForm):
    parent_name = StringField(
        "Your full name",
        filters=[clean],
        validators=[
            InputRequired("Enter your full name"),
            Length(max=200, message="Your full name must be 200 characters or fewer"),
        ],
        widget=GovTextInput(),
    )
    relationship = radios(
        "What is your relationship to the child?", RELATIONSHIPS, "Select your relationship to the child"
    )
    lives_with_child = radios(
        "Does the child live with you?", {"yes": "Yes", "no": "No"}, "Select yes if the child lives with you"
    )


class ContactForm(JourneyForm):
    phone = StringField(
        "Telephone number",
        filters=[clean],
        validators=[Length(max=30, message="Telephone number must be 30 characters or fewer"), phone_number],
        widget=GovTelInput(),
    )
    email = EmailField(
        "Email address",
        description="We will send you an email with your reference number",
        filters=[clean],
        validators=[
            Optional(),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email("Enter an email address in the correct format, like name@example.com"),
        ],
        widget=GovEmailInput(),
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not (self.phone.data or self.email.data):
            self.phone.errors = ["Enter a telephone number or an email address"]
            return False
        return valid


def _postcode(_form: Any, field: Any) -> None:
    try:
        field.data = normalise_postcode(field.data or "")
    except ValueError as error:
        raise ValidationError(str(error)) from None


class AddressForm(JourneyForm):
    address_line_1 = StringField(
        "Address line 1",
        filters=[clean],
        validators=[
            InputRequired("Enter address line 1, typically the building and street"),
            Length(max=200, message="Address line 1 must be 200 characters or fewer"),
        ],
        widget=GovTextInput(),
    )
    address_line_2 = StringField(
        "Address line 2 (optional)",
        filters=[clean],
        validators=[Length(max=200, message="Address line 2 must be 200 characters or fewer")],
        widget=GovTextInput(),
    )
    address_town = StringField(
        "Town or city",
        filters=[clean],
        validators=[
            InputRequired("Enter town or city"),
            Length(max=100, message="Town or city must be 100 characters or fewer"),
        ],
        widget=GovTextInput(),
    )
    address_postcode = StringField(
        "Postcode",
        filters=[clean],
        validators=[
            InputRequired("Enter postcode"),
            Length(max=10, message="Enter a real postcode, like W5 2HL"),
            _postcode,
        ],
        widget=GovTextInput(),
    )
