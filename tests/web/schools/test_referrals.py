"""School CME referrals: the immediate-risk question first, and plain words about what is still missing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from portal.models import Case, Enquiry
from portal.models.school_records import SchoolReferral
from tests.pages import check_page
from tests.services.school_helpers import ALL_ENQUIRIES, draft_for, referral_answers
from tests.web.schools.conftest import Walker, step_url


def test_start_page_and_the_immediate_risk_question_comes_first(walker: Walker) -> None:
    page = check_page(walker.client.get("/schools/referrals/new"))
    assert page.h1 == ["Refer a child missing education"] and page.has_text("call 999")
    url = walker.start("/schools/referrals/new")
    assert url.endswith("/immediate-risk")
    page = check_page(walker.client.get(url))
    assert page.h1 == ["Is the child at immediate risk of harm?"]
    url = walker.answer("immediate-risk", {"immediate_risk": "yes"})
    assert url.endswith("/safeguarding")
    page = check_page(walker.client.get(url))
    assert page.has_text("call 999 now") and page.has_text("020 7946 0999"), "the LA's safeguarding contact"
    url = walker.answer("safeguarding", [("referred_on", "24"), ("referred_on", "11"), ("referred_on", "2026")])
    assert url.endswith("/pupil-name")


def test_the_check_page_says_what_is_missing_and_refuses_to_submit(
    school_client: FlaskClient, make_draft: Callable[..., Any]
) -> None:
    draft = make_draft("referral", referral_answers(["all_contacts_called", "letter_sent"]))
    page = check_page(school_client.get(f"/schools/referrals/drafts/{draft.id}/check"))
    assert page.has_text("You cannot submit this referral yet") and page.has_text("Visit the home")
    assert page.has_text("The referral is due in 3 school days (30 November 2026)")
    assert not page.has_text("Submit referral to the CME team")
    response = school_client.post(f"/schools/referrals/drafts/{draft.id}/check")
    assert response.headers["Location"].endswith(f"/referrals/drafts/{draft.id}/check")
    assert Case.select().count() == 0


def test_a_ready_referral_goes_to_the_cme_team(school_client: FlaskClient, make_draft: Callable[..., Any]) -> None:
    done = [key for key in ALL_ENQUIRIES if key != "new_la_admissions_checked"]
    draft = make_draft("referral", referral_answers(done))
    enquiries = check_page(school_client.get(step_url(draft, "enquiries")))
    assert enquiries.h1 == ["Which enquiries has the school made?"]
    page = check_page(school_client.get(f"/schools/referrals/drafts/{draft.id}/check"))
    assert page.has_text("Ready to refer")
    response = school_client.post(f"/schools/referrals/drafts/{draft.id}/check")
    referral = SchoolReferral.get()
    confirmation = check_page(school_client.get(response.headers["Location"]))
    assert confirmation.has_text(referral.reference)
    assert Enquiry.select().where(Enquiry.case == referral.case, Enquiry.party == "school").count() == len(done)
    page = check_page(school_client.get(f"/schools/referrals/{referral.id}"))
    assert page.has_text("Received") and page.has_text("Visit the home")
    Case.update(status="more_information").where(Case.id == referral.case_id).execute()
    home = check_page(school_client.get("/schools/"))
    assert home.has_text("Tyler Grant") and home.has_text("More information needed")


def test_without_term_dates_a_ready_referral_still_goes_with_its_deadline_pending(
    school_client: FlaskClient, school: Any, school_user: Any
) -> None:
    done = [key for key in ALL_ENQUIRIES if key != "new_la_admissions_checked"]
    draft = draft_for(school, school_user, "referral", referral_answers(done))  # no term dates added
    page = check_page(school_client.get(f"/schools/referrals/drafts/{draft.id}/check"))
    assert page.has_text("Ready to refer")
    assert page.has_text("The referral deadline is pending: the local authority has not published its term dates")
    response = school_client.post(f"/schools/referrals/drafts/{draft.id}/check")
    assert response.headers["Location"].endswith("/confirmation")
    assert SchoolReferral.get().case.case_type == "cme"


def test_a_child_not_of_compulsory_school_age_is_referred_but_flagged(
    school_client: FlaskClient, make_draft: Callable[..., Any]
) -> None:
    answers = referral_answers([key for key in ALL_ENQUIRIES if key != "new_la_admissions_checked"])
    answers["date-of-birth"] = {"date_of_birth": "2022-01-10"}  # Reception: of CSA from 31 March 2027
    draft = make_draft("referral", answers)
    page = check_page(school_client.get(f"/schools/referrals/drafts/{draft.id}/check"))
    assert page.has_text("Not of compulsory school age: not a CME case")
    response = school_client.post(f"/schools/referrals/drafts/{draft.id}/check")
    assert SchoolReferral.get().case.case_type == "not_csa"
    confirmation = check_page(school_client.get(response.headers["Location"]))
    assert confirmation.has_text("Not of compulsory school age: not a CME case")
