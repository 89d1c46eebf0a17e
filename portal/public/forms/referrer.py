"""Why the referrer is worried, and about the referrer: how they know the child and how to contact them."""

from __future__ import annotations

import re
from typing import Any

from wtforms import EmailField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional, StopValidation

from portal.forms import GovCharacterCount, GovCheckboxesInput, GovEmailInput, GovTelInput, GovTextInput
from portal.public.forms import JourneyForm, clean, radios
from portal.services.public_referrals import REASONS, RELATIONSHIPS

CONCERN_MAX = 2000
PHONE = re.compile(r"\+?[0-9 ()\-]{7,25}")


def phone_number(_form: Any, field: Any) -> None:
    if field.data and (not PHONE.fullmatch(field.data) or sum(c.isdigit() for c in field.data) < 7):
        raise StopValidation("Enter a telephone number, like 01632 960 001 or +44 808 157 0192")


class ReasonsForm(JourneyForm):
    reasons = SelectMultipleField(
        "What have you noticed?",
        description="Select all that apply",
        choices=REASONS,
        widget=GovCheckboxesInput(),
        invalid_choice_message="Select at least one thing you have noticed",
    )
    concern = TextAreaField(
        "Tell us what you know",
        description="For example, how long it has been going on. Do not worry if you are not sure about something.",
        filters=[clean],
        validators=[Length(max=CONCERN_MAX, message=f"This must be {CONCERN_MAX} characters or fewer")],
        widget=GovCharacterCount(),
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if not valid:
            return False
        if not self.reasons.data:
            self.reasons.errors = ["Select at least one thing you have noticed"]
            return False
        if "other" in self.reasons.data and not self.concern.data:
            self.concern.errors = ["Tell us why you think the child is not in education"]
            return False
        return True


class RelationshipForm(JourneyForm):
    relationship = radios(
        "How do you know the child?",
        {**RELATIONSHIPS, "not_say": "I would rather not say"},
        "Select how you know the child",
    )


class OrganisationForm(JourneyForm):
    organisation = StringField(
        "Which organisation do you work for?",
        description="For example, a GP surgery, the police or a charity",
        filters=[clean],
        validators=[
            InputRequired("Enter the name of your organisation"),
            Length(max=200, message="Your organisation must be 200 characters or fewer"),
        ],
        widget=GovTextInput(),
    )


class RelationshipDetailForm(JourneyForm):
    relationship_detail = StringField(
        "Tell us how you know the child (optional)",
        description="For example, a family friend, or you see them at the park",
        filters=[clean],
        validators=[Length(max=200, message="This must be 200 characters or fewer")],
        widget=GovTextInput(),
    )


class ContactForm(JourneyForm):
    referrer_name = StringField(
        "Your name (optional)",
        filters=[clean],
        validators=[Length(max=200, message="Your name must be 200 characters or fewer")],
        widget=GovTextInput(),
    )
    referrer_phone = StringField(
        "Telephone number (optional)",
        filters=[clean],
        validators=[Length(max=30, message="Telephone number must be 30 characters or fewer"), phone_number],
        widget=GovTelInput(),
    )
    referrer_email = EmailField(
        "Email address (optional)",
        description="We will send you an email with your reference number",
        filters=[clean],
        validators=[
            Optional(),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email("Enter an email address in the correct format, like name@example.com"),
        ],
        widget=GovEmailInput(),
    )


class FamilyToldForm(JourneyForm):
    family_may_be_told = radios(
        "Can we tell the family that you made this referral?",
        {"yes": "Yes", "no": "No"},
        "Select yes if we can tell the family that you made this referral",
        description="If you say no, we will not tell them who you are unless the law requires us to",
    )
