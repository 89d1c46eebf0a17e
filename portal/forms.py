"""Form pieces shared by every audience: GOV.UK widgets and fields with GOV.UK error wording."""

from __future__ import annotations

from datetime import date
from typing import Any

from govuk_frontend_wtf.main import wtforms_errors
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovCheckboxInput,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from govuk_frontend_wtf.wtforms_widgets import GovDateInput as _GovDateInput
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
    "error_summary",
    "strip",
]

DATE_PARTS = ("day", "month", "year")


class GovEmailInput(GovTextInput):
    input_type = "email"


class GovTelInput(GovTextInput):
    input_type = "tel"


def strip(value: Any) -> Any:
    """Trim surrounding spaces, which people paste in by accident and which break matching."""
    return value.strip() if isinstance(value, str) else value


class GovDateInput(_GovDateInput):
    """GOV.UK's date input, with only the boxes in error highlighted (all three when the whole date is wrong)."""

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params: dict[str, Any] = super().map_gov_params(field, **kwargs)
        wrong = getattr(field, "error_parts", DATE_PARTS) if field.errors else ()
        for item, part in zip(params.get("items") or [], DATE_PARTS, strict=False):
            width = "govuk-input--width-4" if part == "year" else "govuk-input--width-2"
            item["classes"] = f"{width} govuk-input--error" if part in wrong else width
        return params


class GovDateField(DateField):
    """A day, month and year date with the GOV.UK Design System's error messages.

    The three inputs share one name, so a browser sends three values. Whatever is sent instead (one value, four,
    none) is padded or cut to three so the page can show it back, never a server error.

    ``error_name`` is what the errors call the date ("Date of birth must be a real date"): the label is often a
    question, which makes no sentence.
    """

    widget = GovDateInput()

    def __init__(
        self, label: str | None = None, validators: Any = None, *, error_name: str | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("format", "%d %m %Y")
        super().__init__(label, validators, **kwargs)
        self.error_name = error_name or self.label.text.rstrip("?").strip()
        self.error_parts: tuple[str, ...] = DATE_PARTS

    @property
    def error_target_id(self) -> str:
        """The box an error summary link focuses: the first one in error (the day when the whole date is wrong)."""
        return f"{self.name}-{self.error_parts[0]}"

    def process_formdata(self, valuelist: list[str]) -> None:
        parts = [str(value).strip()[:10] for value in list(valuelist)[:3]]
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        self.data = None
        self.error_parts = DATE_PARTS
        if not any(parts):
            return
        name = self.error_name
        missing = tuple(unit for unit, part in zip(DATE_PARTS, parts, strict=True) if not part)
        if missing:
            self.error_parts = missing
            raise ValueError(f"{name} must include a {' and a '.join(missing)}")
        not_numbers = tuple(unit for unit, part in zip(DATE_PARTS, parts, strict=True) if not part.isdigit())
        if not_numbers:
            self.error_parts = not_numbers
            raise ValueError(f"{name} must be a real date")
        if len(parts[2]) != 4:
            self.error_parts = ("year",)
            raise ValueError(f"{name} year must include 4 numbers")
        try:
            day, month, year = (int(part) for part in parts)
        except ValueError:  # digits int() cannot read, such as "²"
            raise ValueError(f"{name} must be a real date") from None
        out_of_range = tuple(
            unit for unit, value, top in (("day", day, 31), ("month", month, 12)) if not 1 <= value <= top
        )
        if out_of_range:
            # Checked before date(), which raises OverflowError, not ValueError, for a 10-digit day or month.
            self.error_parts = out_of_range
            raise ValueError(f"{name} must be a real date")
        try:
            self.data = date(year, month, day)
        except ValueError:  # 31 February, or year 0
            raise ValueError(f"{name} must be a real date") from None

    def pre_validate(self, form: Any) -> None:
        if self.process_errors:
            # Stop here so "enter a date" does not pile on top of "must be a real date".
            raise StopValidation()


def error_summary(form: Any, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """govuk-frontend-wtf's error summary, each date's link moved from the date's wrapper (which cannot take focus)
    to the box to fix, as GOV.UK's date input pattern asks."""
    summary: dict[str, Any] = wtforms_errors(form, params or {})
    boxes = {f"#{field.id}": f"#{field.error_target_id}" for field in form if isinstance(field, GovDateField)}
    for item in summary["errorList"]:
        item["href"] = boxes.get(item["href"], item["href"])
    return summary


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
