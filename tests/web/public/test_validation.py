"""Each question's validation: the GOV.UK error summary, the message a person can act on, and what they typed kept.
Bad input of any kind (huge, malformed, values not offered) gets an error page, never a server error."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.pages import check_page

CASES: list[tuple[str, str, dict[str, Any], list[str]]] = [
    ("no answer", "/refer/immediate-risk", {}, ["Select yes if a child is at immediate risk of harm"]),
    (
        "not offered",
        "/refer/immediate-risk",
        {"immediate_risk": "maybe"},
        ["Select yes if a child is at immediate risk of harm"],
    ),
    (
        "no answer",
        "/refer/get-help-now",
        {},
        ["Select whether you have contacted them or will contact them now"],
    ),
    ("no name at all", "/refer/child-name", {}, ["Enter any name you know the child by"]),
    ("too long", "/refer/child-name", {"child_first_name": "A" * 101}, ["First name must be 100 characters or fewer"]),
    (
        "no answer",
        "/refer/child-age",
        {},
        ["Select whether you know the child's date of birth or roughly how old they are"],
    ),
    ("date missing", "/refer/date-of-birth", {}, ["Enter the child's date of birth"]),
    (
        "not a date",
        "/refer/date-of-birth",
        {"date_of_birth": ["31", "2", "2015"]},
        ["Date of birth must be a real date"],
    ),
    (
        "part of a date",
        "/refer/date-of-birth",
        {"date_of_birth": ["", "2", "2015"]},
        ["Date of birth must include a day"],
    ),
    (
        "in the future",
        "/refer/date-of-birth",
        {"date_of_birth": ["1", "1", "2027"]},
        ["Date of birth must be in the past"],
    ),
    (
        "an adult",
        "/refer/date-of-birth",
        {"date_of_birth": ["1", "1", "1980"]},
        ["Date of birth must be for a child: check the year"],
    ),
    ("age missing", "/refer/approximate-age", {}, ["Enter roughly how old the child is"]),
    (
        "age in words",
        "/refer/approximate-age",
        {"approximate_age": "ten"},
        ["Enter the child's age as a number, like 11"],
    ),
    ("age too high", "/refer/approximate-age", {"approximate_age": "45"}, ["Enter an age between 2 and 19"]),
    ("no answer", "/refer/child-sex", {}, ["Select the child's sex, or select 'I do not know'"]),
    ("bad postcode", "/refer/child-address", {"address_postcode": "ZZZ"}, ["Enter a real postcode, like W5 2HL"]),
    (
        "too long",
        "/refer/child-address",
        {"address_line_1": "x" * 201},
        ["Building and street must be 200 characters or fewer"],
    ),
    ("no name", "/refer/last-school", {}, ["Enter at least 2 letters of the school's name, or select 'I do not know'"]),
    (
        "future",
        "/refer/last-seen",
        {"last_seen": ["1", "1", "2027"]},
        ["The date the child was last at school must be in the past"],
    ),
    ("nothing ticked", "/refer/reasons", {}, ["Select at least one thing you have noticed"]),
    ("not offered", "/refer/reasons", {"reasons": ["aliens"]}, ["Select at least one thing you have noticed"]),
    (
        "other without words",
        "/refer/reasons",
        {"reasons": ["other"]},
        ["Tell us why you think the child is not in education"],
    ),
    (
        "too long",
        "/refer/reasons",
        {"reasons": ["works"], "concern": "x" * 2001},
        ["This must be 2000 characters or fewer"],
    ),
    ("no answer", "/refer/about-you", {}, ["Select how you know the child"]),
    ("organisation missing", "/refer/your-organisation", {}, ["Enter the name of your organisation"]),
    (
        "too long",
        "/refer/how-you-know-the-child",
        {"relationship_detail": "x" * 201},
        ["This must be 200 characters or fewer"],
    ),
    (
        "bad email",
        "/refer/contact-details",
        {"referrer_email": "not an email"},
        ["Enter an email address in the correct format, like name@example.com"],
    ),
    (
        "bad phone",
        "/refer/contact-details",
        {"referrer_phone": "call me"},
        ["Enter a telephone number, like 01632 960 001 or +44 808 157 0192"],
    ),
    ("no answer", "/refer/tell-the-family", {}, ["Select yes if we can tell the family that you made this referral"]),
]


@pytest.mark.parametrize(("path", "data", "errors"), [c[1:] for c in CASES], ids=[f"{c[1]} {c[0]}" for c in CASES])
def test_a_wrong_answer_is_explained_and_kept(
    client: FlaskClient, path: str, data: dict[str, Any], errors: list[str]
) -> None:
    page = check_page(client.post(path, data=data))
    assert page.error_summary == errors
    assert page.title.startswith("Error: ")
    for value in data.values():
        for typed in value if isinstance(value, list) else [value]:
            if (
                typed
                and len(typed) < 100
                and typed not in ("maybe", "aliens", "dob", "approximate", "professional", "other")
            ):
                assert f'value="{typed}"' in page.html or f">{typed}<" in page.html, f"{typed!r} kept"


@pytest.mark.parametrize(
    "data",
    [
        {"child_first_name": ["a", "b", "c"]},
        {"child_first_name": "\x00\x01\x1b[31m"},
        {"child_first_name": "A" * 50_000},
        {"unknown_field": "x"},
    ],
    ids=["repeated field", "control characters", "huge", "unknown field"],
)
def test_hostile_input_is_never_a_server_error(client: FlaskClient, data: dict[str, Any]) -> None:
    response = client.post("/refer/child-name", data=data)
    assert response.status_code in (200, 302)
