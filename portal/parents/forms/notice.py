"""The notice itself: the date home education starts, what it means, the reason and a meeting (both optional to
give), and the typed declaration that makes it the parent's written notice (SI 2024/208 reg 9(1)(f))."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, StopValidation

from portal.forms import GovCharacterCount, GovCheckboxInput, GovDateField, GovTextInput, date_not_in_past
from portal.parents.forms import JourneyForm, clean, radios
from portal.services.ehe_notices import MEETING_CHOICES

REASON_MAX = 1000
LATEST_START = timedelta(days=366)


class StartDateForm(JourneyForm):
    effective_date = GovDateField("Date home education starts", error_name="Date home education starts")

    def __init__(self, *args: Any, today: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from portal.clock import today as clock_today

        self.today = today or clock_today
        self.effective_date.validators = [
            InputRequired("Enter the date you will start educating your child at home"),
            date_not_in_past(self.today, "The date must be today or in the future"),
            self._within_a_year,
        ]

    def _within_a_year(self, _form: Any, field: Any) -> None:
        if field.data is not None and field.data > self.today() + LATEST_START:
            raise StopValidation("The date must be within the next 12 months")


class WhatItMeansForm(JourneyForm):
    understands = BooleanField(
        "I understand what elective home education means",
        validators=[InputRequired("Confirm that you understand what elective home education means")],
        widget=GovCheckboxInput(),
    )


class ReasonForm(JourneyForm):
    reason = TextAreaField(
        "Why have you decided to educate your child at home? (optional)",
        description="You do not have to tell us. It can help the school and the council support you.",
        filters=[clean],
        validators=[Length(max=REASON_MAX, message=f"The reason must be {REASON_MAX} characters or fewer")],
        widget=GovCharacterCount(),
    )


class MeetingForm(JourneyForm):
    meeting = radios(
        "Would you like a meeting to talk about home education?",
        MEETING_CHOICES,
        "Select whether you would like a meeting",
        description="You do not have to meet anyone. A meeting can help you plan your child's education.",
    )


class SendForm(JourneyForm):
    submission_key = HiddenField(validators=[Length(max=64)])
    declaration_name = StringField(
        "Your full name",
        filters=[clean],
        validators=[
            InputRequired("Type your full name to sign the notice"),
            Length(max=200, message="Your full name must be 200 characters or fewer"),
        ],
        widget=GovTextInput(),
    )
