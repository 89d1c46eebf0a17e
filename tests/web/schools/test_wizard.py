"""What every school journey shares: "Save and come back later" keeps what was typed, finished or not."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from portal.models import Case
from portal.models.school_records import Leaver
from tests.pages import Page, check_page
from tests.services.school_helpers import leaver_answers
from tests.web.schools.conftest import URLS, form_data, step_url

SAVE = ("save_and_return", "")
BANNER = "Your answers are saved"


def _saved_and_home(client: FlaskClient, response: Any) -> Page:
    """The person lands on the school home page, told their answers are saved and where to carry on."""
    assert response.status_code == 302 and response.headers["Location"].endswith("/schools/")
    home = check_page(client.get(response.headers["Location"]))
    assert home.has_text(BANNER) and home.has_text("select Continue under In progress")
    assert "govuk-notification-banner--success" in home.html
    assert re.search(r'class="govuk-notification-banner__title"[^>]*>\s*Saved\s*<', home.html)
    return home


def _resume(client: FlaskClient, draft: Any) -> Page:
    """Continue, from the home page's list of drafts."""
    response = client.get(f"/schools/drafts/{draft.id}")
    assert response.status_code == 302
    return check_page(client.get(response.headers["Location"]))


@pytest.mark.parametrize("journey", sorted(set(URLS) - {"leaver_info"}))  # leaver_info needs a leaver; same pages
def test_save_and_come_back_later_is_a_button_in_the_form_not_a_link_away(
    school_client: FlaskClient, make_draft: Callable[..., Any], journey: str
) -> None:
    page = _resume(school_client, make_draft(journey, {}))
    assert 'name="save_and_return"' in page.html, "a submit button of the question's own form"
    assert ">Save and come back later</a>" not in page.html


def test_a_finished_answer_is_saved_and_the_journey_carries_on_after_it(
    school_client: FlaskClient, make_draft: Callable[..., Any]
) -> None:
    draft = make_draft("leaver", {})
    response = school_client.post(
        step_url(draft, "pupil-name"), data=form_data([("first_name", "Ava"), ("last_name", "Stone"), SAVE])
    )
    home = _saved_and_home(school_client, response)
    assert home.has_text("Ava Stone"), "the draft is listed under the pupil's name"
    page = _resume(school_client, draft)
    assert page.h1 == ["What is the pupil's date of birth?"], "the next question"
    assert 'value="Ava"' in check_page(school_client.get(step_url(draft, "pupil-name"))).html


def test_an_unfinished_answer_is_kept_as_typed_and_shown_again_without_errors(
    school_client: FlaskClient, make_draft: Callable[..., Any]
) -> None:
    answers = leaver_answers("cme")
    del answers["date-of-birth"]
    draft = make_draft("leaver", answers)
    typed = [("date_of_birth", "27"), ("date_of_birth", "3"), ("date_of_birth", ""), SAVE]
    _saved_and_home(school_client, school_client.post(step_url(draft, "date-of-birth"), data=form_data(typed)))
    page = _resume(school_client, draft)
    assert page.h1 == ["What is the pupil's date of birth?"]
    assert 'value="27"' in page.html and 'value="3"' in page.html
    assert not page.error_summary, "coming back is not an error; continuing without a year is"
    response = school_client.post(
        step_url(draft, "date-of-birth"),
        data=form_data([("date_of_birth", "27"), ("date_of_birth", "3"), ("date_of_birth", "2017")]),
    )
    assert response.status_code == 302
    check = check_page(school_client.get(f"/schools/leavers/drafts/{draft.id}/check"))
    assert check.has_text("27 March 2017") and not check.error_summary


def test_an_unfinished_change_stops_submission_until_it_is_finished(
    school_client: FlaskClient, make_draft: Callable[..., Any]
) -> None:
    draft = make_draft("leaver", leaver_answers("cme"))
    change_url = step_url(draft, "pupil-name") + "?change=1"
    typed = form_data([("first_name", "Eve"), ("last_name", ""), SAVE])
    _saved_and_home(school_client, school_client.post(change_url, data=typed))
    check_url = f"/schools/leavers/drafts/{draft.id}/check"
    check = check_page(school_client.get(check_url))
    assert check.error_summary == ["What is the pupil's name?: Enter the pupil's last name"]
    assert 'name="csrf_token"' in check.html and ">Submit</button>" not in check.html
    school_client.post(check_url)
    assert Leaver.select().count() == 0 and Case.select().count() == 0
    assert 'value="Eve"' in check_page(school_client.get(change_url)).html


def test_save_and_come_back_later_on_the_check_page_submits_nothing(
    school_client: FlaskClient, make_draft: Callable[..., Any]
) -> None:
    draft = make_draft("leaver", leaver_answers("cme"))
    check_url = f"/schools/leavers/drafts/{draft.id}/check"
    assert 'name="save_and_return"' in check_page(school_client.get(check_url)).html
    _saved_and_home(school_client, school_client.post(check_url, data=dict([SAVE])))
    assert Leaver.select().count() == 0
    assert _resume(school_client, draft).h1 == ["Check your answers before submitting"]


def test_a_submitted_leaver_keeps_no_unfinished_input(
    school_client: FlaskClient, make_draft: Callable[..., Any]
) -> None:
    """Input left unfinished on a page is not an answer: the record holds only answers that passed their checks."""
    draft = make_draft("leaver", leaver_answers("cme"))
    change_url = step_url(draft, "pupil-name") + "?change=1"
    school_client.post(change_url, data=form_data([("first_name", "Eve"), ("last_name", ""), SAVE]))
    response = school_client.post(change_url, data={"first_name": "Eve", "last_name": "Stone"})
    assert response.status_code == 302
    school_client.post(f"/schools/leavers/drafts/{draft.id}/check")
    leaver = Leaver.get()
    assert leaver.child.first_name == "Eve" and "_unfinished" not in leaver.answers
