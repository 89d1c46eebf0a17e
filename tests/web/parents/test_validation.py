"""Each question's validation in the parents' notice: GOV.UK error summary and what was typed kept."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.pages import check_page

BASE = "/parents/home-education"
CASES: list[tuple[str, str, dict[str, Any], list[str]]] = [
    ("no answer", "/immediate-risk", {}, ["Select yes if a child is at immediate risk of harm"]),
    ("no answer", "/get-help-now", {}, ["Select whether you have contacted them or will contact them now"]),
    (
        "nothing",
        "/about-you",
        {},
        ["Enter your full name", "Select your relationship to the child", "Select yes if the child lives with you"],
    ),
    (
        "too long",
        "/about-you",
        {"parent_name": "P" * 201, "relationship": "mother", "lives_with_child": "yes"},
        ["Your full name must be 200 characters or fewer"],
    ),
    ("neither", "/contact-details", {}, ["Enter a telephone number or an email address"]),
    (
        "bad email",
        "/contact-details",
        {"email": "helen@"},
        ["Enter an email address in the correct format, like name@example.com"],
    ),
    (
        "bad phone",
        "/contact-details",
        {"phone": "12"},
        ["Enter a telephone number, like 01632 960 001 or +44 808 157 0192"],
    ),
    (
        "nothing",
        "/address",
        {},
        ["Enter address line 1, typically the building and street", "Enter town or city", "Enter postcode"],
    ),
    (
        "bad postcode",
        "/address",
        {"address_line_1": "1 Lane", "address_town": "Town", "address_postcode": "BFPO 123"},
        ["BFPO numbers are not postcodes. Leave the postcode blank and enter the BFPO number in the address fields"],
    ),
    (
        "nothing",
        "/child",
        {},
        ["Enter your child's first name", "Enter your child's last name", "Enter your child's date of birth"],
    ),
    (
        "not school age",
        "/child",
        {"child_first_name": "E", "child_last_name": "C", "date_of_birth": ["1", "1", "1990"]},
        ["Date of birth must be for a child of school age: check the year"],
    ),
    ("no name", "/school", {"school_query": "x"}, ["Enter at least 2 letters of the school's name"]),
    ("nothing", "/start-date", {}, ["Enter the date you will start educating your child at home"]),
    (
        "in the past",
        "/start-date",
        {"effective_date": ["24", "11", "2026"]},
        ["The date must be today or in the future"],
    ),
    (
        "too far ahead",
        "/start-date",
        {"effective_date": ["1", "1", "2028"]},
        ["The date must be within the next 12 months"],
    ),
    (
        "not a date",
        "/start-date",
        {"effective_date": ["30", "2", "2027"]},
        ["Date home education starts must be a real date"],
    ),
    ("not confirmed", "/what-it-means", {}, ["Confirm that you understand what elective home education means"]),
    ("too long", "/reason", {"reason": "r" * 1001}, ["The reason must be 1000 characters or fewer"]),
    ("no answer", "/meeting", {}, ["Select whether you would like a meeting"]),
]


@pytest.mark.parametrize(("path", "data", "errors"), [c[1:] for c in CASES], ids=[f"{c[1]} {c[0]}" for c in CASES])
def test_a_wrong_answer_is_explained_and_kept(
    client: FlaskClient, path: str, data: dict[str, Any], errors: list[str]
) -> None:
    page = check_page(client.post(BASE + path, data=data))
    assert page.error_summary == errors
    for value in data.values():
        for typed in value if isinstance(value, list) else [value]:
            if typed and len(typed) < 100 and typed not in ("mother", "yes"):
                assert f'value="{typed}"' in page.html or f">{typed}<" in page.html, f"{typed!r} kept"


def test_today_is_a_valid_start_date(client: FlaskClient) -> None:
    assert client.post(f"{BASE}/start-date", data={"effective_date": ["25", "11", "2026"]}).status_code == 302
