"""Walking the public referral in the test client: each page's answers, and the submission key of the last page."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient

# (path, form data) in order: a referral by a named neighbour about a child at Riverside Primary School.
NAMED_REFERRAL: list[tuple[str, dict[str, Any]]] = [
    ("/refer/immediate-risk", {"immediate_risk": "no"}),
    ("/refer/child-name", {"child_first_name": "Amira", "child_last_name": "Khan", "child_other_names": "Amyra"}),
    ("/refer/child-age", {"age_known": "dob"}),
    ("/refer/date-of-birth", {"date_of_birth": ["4", "3", "2015"]}),
    ("/refer/child-sex", {"sex": "female"}),
    (
        "/refer/child-address",
        {"address_line_1": "12 Acton Lane", "address_town": "Demo Town", "address_postcode": "dt1 1aa"},
    ),
    ("/refer/last-school", {"school_query": "Riverside"}),
    ("/refer/choose-school", {"school_choice": "990001"}),
    ("/refer/last-seen", {"last_seen": ["1", "9", "2026"]}),
    ("/refer/reasons", {"reasons": ["never_seen", "moved_in"], "concern": "Seen at home every school day."}),
    ("/refer/about-you", {"relationship": "neighbour"}),
    ("/refer/contact-details", {"referrer_name": "Nina Neighbour", "referrer_email": "nina@example.com"}),
    ("/refer/tell-the-family", {"family_may_be_told": "no"}),
]

# Someone who knows little and stays anonymous.
ANONYMOUS_REFERRAL: list[tuple[str, dict[str, Any]]] = [
    ("/refer/immediate-risk", {"immediate_risk": "no"}),
    ("/refer/child-name", {"child_first_name": "Kian"}),
    ("/refer/child-age", {"age_known": "approximate"}),
    ("/refer/approximate-age", {"approximate_age": "11"}),
    ("/refer/child-sex", {"sex": "not_known"}),
    ("/refer/child-address", {}),
    ("/refer/last-school", {"not_known": "yes"}),
    ("/refer/last-seen", {}),
    ("/refer/reasons", {"reasons": ["works"]}),
    ("/refer/about-you", {"relationship": "not_say"}),
    ("/refer/contact-details", {}),
]

KEY = re.compile(r'name="submission_key"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="submission_key"')


def answer(client: FlaskClient, steps: list[tuple[str, dict[str, Any]]]) -> None:
    for path, data in steps:
        response = client.post(path, data=data)
        assert response.status_code == 302, f"{path}: {response.status_code} {response.get_data(as_text=True)[:300]}"


def submission_key(client: FlaskClient, path: str = "/refer/check-answers") -> str:
    response = client.get(path)
    assert response.status_code == 200, response.headers.get("Location")
    found = KEY.search(response.get_data(as_text=True))
    assert found, "the check-answers page carries a submission key"
    return found.group(1) or found.group(2)
