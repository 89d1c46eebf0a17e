"""Forms of the home-education notice, one module per group of pages. Every text field has a maximum length."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import RadioField, StringField
from wtforms.validators import InputRequired

from portal.forms import GovRadioInput, strip


def clean(value: Any) -> Any:
    """Trim, and drop NUL characters (PostgreSQL cannot store them). Other characters and markup are kept as text
    and shown escaped."""
    value = strip(value)
    return value.replace("\x00", "") if isinstance(value, str) else value


class JourneyForm(FlaskForm):
    # The honeypot: hidden from people and assistive technology (templates/public/_macros.html, shared), so only a robot
    # fills it in. Cut to 200 characters rather than refused: a robot learns nothing from an error message.
    website = StringField("Leave this field empty", filters=[clean, lambda value: value[:200] if value else value])


def radios(label: str, choices: dict[str, str], message: str, description: str = "") -> RadioField:
    """A required GOV.UK radios question: the same message for no answer and for a value not offered."""
    return RadioField(
        label,
        description=description,
        choices=choices,
        validators=[InputRequired(message)],
        invalid_choice_message=message,
        widget=GovRadioInput(),
    )
