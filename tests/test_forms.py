"""The shared date field: GOV.UK's error wording, the box an error summary link lands on, and no server error."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from portal.forms import GovDateField

PORTAL = Path(__file__).resolve().parent.parent / "portal"


class _BirthForm(Form):
    date_of_birth = GovDateField("What is the pupil's date of birth?", error_name="Date of birth")


def _posted(day: str, month: str, year: str) -> _BirthForm:
    form = _BirthForm(MultiDict([("date_of_birth", day), ("date_of_birth", month), ("date_of_birth", year)]))
    form.validate()
    return form


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "first_box"),
    [
        ("", "3", "2015", "Date of birth must include a day", "day"),
        ("27", "", "", "Date of birth must include a month and a year", "month"),
        ("27", "3", "", "Date of birth must include a year", "year"),
        ("x", "3", "2015", "Date of birth must be a real date", "day"),
        ("27", "March", "2015", "Date of birth must be a real date", "month"),
        ("31", "2", "2015", "Date of birth must be a real date", "day"),
        ("1", "13", "2015", "Date of birth must be a real date", "month"),
        ("1", "3", "15", "Date of birth year must include 4 numbers", "year"),
        ("9999999999", "3", "2015", "Date of birth must be a real date", "day"),
        ("1", "9999999999", "2015", "Date of birth must be a real date", "month"),
    ],
    ids=[
        "no day",
        "no month or year",
        "no year",
        "day not a number",
        "month in words",
        "31 February",
        "month 13",
        "2-digit year",
        "10-digit day too big for a date",
        "10-digit month too big for a date",
    ],
)
def test_a_bad_date_is_named_shortly_and_points_at_the_box_to_fix(
    day: str, month: str, year: str, message: str, first_box: str
) -> None:
    form = _posted(day, month, year)
    assert form.errors == {"date_of_birth": [message]}
    assert form.date_of_birth.error_target_id == f"date_of_birth-{first_box}"


def test_a_real_date_has_no_error() -> None:
    form = _posted("27", "3", "2015")
    assert form.validate() and form.date_of_birth.data.isoformat() == "2015-03-27"


def _date_fields_without_a_short_name() -> list[str]:
    missing = []
    for path in sorted(PORTAL.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "GovDateField"
                and not any(keyword.arg == "error_name" for keyword in node.keywords)
            ):
                missing.append(f"{path.relative_to(PORTAL.parent)}:{node.lineno}")
    return missing


def test_every_date_field_has_a_short_name_for_its_errors() -> None:
    """A question makes a poor error: "What is the pupil's date of birth must be a real date"."""
    assert _date_fields_without_a_short_name() == []
