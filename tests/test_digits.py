"""Whole numbers sent by people: only the digits 0 to 9 are read as a number."""

from __future__ import annotations

import pytest

from portal.digits import is_digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", True),
        ("990001", True),
        ("", False),
        (" 1", False),
        ("-1", False),
        ("1.0", False),
        ("²", False),  # str.isdigit() says yes; int() refuses it
        ("١٢", False),  # str.isdigit() says yes; int() reads it as 12
        ("1²", False),
    ],
    ids=["zero", "URN", "empty", "space", "minus", "decimal", "superscript", "Arabic-Indic", "digit and superscript"],
)
def test_only_the_digits_0_to_9_are_a_number(text: str, expected: bool) -> None:
    assert is_digits(text) is expected
