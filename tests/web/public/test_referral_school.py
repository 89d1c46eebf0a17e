"""The school a member of the public chose on the "last school" pages is the case's school on the officer's page."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from portal.models import PublicReferral, School, User
from tests.conftest import sign_in_as
from tests.pages import check_page
from tests.web.public.journey import NAMED_REFERRAL, answer, submission_key


def _refer(client: FlaskClient, steps: list[tuple[str, dict[str, Any]]]) -> PublicReferral:
    answer(client, steps)
    response = client.post("/refer/check-answers", data={"submission_key": submission_key(client)})
    assert response.headers["Location"].endswith("/refer/confirmation")
    return PublicReferral.get()


def _case_page(app: Flask, officer: User, referral: PublicReferral) -> Any:
    officer_client = sign_in_as(app.test_client(), officer)  # another browser: the officer's
    return check_page(officer_client.get(f"/officers/cases/{referral.case_id}"))


def test_the_school_chosen_from_the_list_is_the_cases_school(
    app: Flask, client: FlaskClient, school: School, officer: User
) -> None:
    referral = _refer(client, NAMED_REFERRAL)
    assert referral.case.school == school
    page = _case_page(app, officer, referral)
    assert page.has_text("School last attended Riverside Primary School (URN 990001)")


def test_a_school_not_in_the_list_is_shown_as_the_referrer_named_it(
    app: Flask, client: FlaskClient, school: School, officer: User
) -> None:
    typed = {"/refer/last-school": {"school_query": "St Hilda's"}, "/refer/choose-school": {"school_choice": "other"}}
    steps = [(path, typed.get(path, data)) for path, data in NAMED_REFERRAL]
    referral = _refer(client, steps)
    assert referral.case.school is None and referral.last_school_text == "St Hilda's"
    page = _case_page(app, officer, referral)
    assert page.has_text("School last attended St Hilda's (not in the schools list: as the referrer gave it)")
