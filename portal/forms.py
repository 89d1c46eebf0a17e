"""Form pieces shared by every audience: GOV.UK widgets and fields with GOV.UK error wording."""

from __future__ import annotations

from datetime import date
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovCheckboxInput,
    GovDateInput,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import Field
from wtforms.fields import DateField
from wtforms.validators import StopValidation

__all__ = [
    "GovCharacterCount",
    "GovCheckboxInput",
    "GovCheckboxesInput",
    "GovDateField",
    "GovDateInput",
    "GovEmailInput",
    "GovPasswordInput",
    "GovRadioInput",
    "GovSelect",
    "GovSubmitInput",
    "GovTelInput",
    "GovTextArea",
    "GovTextInput",
    "strip",
]


class GovEmailInput(GovTextInput):
    input_type = "email"


class GovTelInput(GovTextInput):
    input_type = "tel"


def strip(value: Any) -> Any:
    """Trim surrounding spaces, which people paste in by accident and which break matching."""
    return value.strip() if isinstance(value, str) else value


class GovDateField(DateField):
    """A day, month and year date with the GOV.UK Design System's error messages.

    The three inputs share one name, so a browser sends three values. Whatever is sent instead (one value, four,
    none) is padded or cut to three so the page can show it back, never a server error.
    """

    widget = GovDateInput()

    def __init__(self, label: str | None = None, validators: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%d %m %Y")
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        parts = [str(value).strip()[:10] for value in list(valuelist)[:3]]
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        day, month, year = parts
        self.data = None
        if not any(parts):
            return
        name = self.label.text.rstrip("?").strip()
        missing = [unit for unit, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValueError(f"{name} must include a {' and a '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValueError(f"{name} must be a real date")
        if len(year) != 4:
            raise ValueError(f"{name} year must include 4 numbers")
        try:
            self.data = date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(f"{name} must be a real date") from None

    def pre_validate(self, form: Any) -> None:
        if self.process_errors:
            # Stop here so "enter a date" does not pile on top of "must be a real date".
            raise StopValidation()


def date_not_in_future(today_func: Any, message: str) -> Any:
    """Validator: the date is today or earlier (``today_func`` is passed in so tests control the clock)."""

    def check(_form: Any, field: Field) -> None:
        if field.data is not None and field.data > today_func():
            raise StopValidation(message)

    return check


def date_not_in_past(today_func: Any, message: str) -> Any:
    def check(_form: Any, field: Field) -> None:
        if field.data is not None and field.data < today_func():
            raise StopValidation(message)

    return check
