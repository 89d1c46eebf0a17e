"""A public referral from start to confirmation: what is stored, what is never shown again, and the defences
(one record per submission, the honeypot, the rate limit)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from portal.models import Case, Child, EmailMessage, PublicDraft, PublicReferral, School
from tests.conftest import make_app
from tests.pages import check_page
from tests.web.outage import answers_still_shown, send_while_database_fails
from tests.web.public.journey import ANONYMOUS_REFERRAL, NAMED_REFERRAL, answer, submission_key

REFERENCE = re.compile(r"CME-2026-\d{6}")
CSRF_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _send(client: FlaskClient, key: str, **extra: str) -> Any:
    return client.post("/refer/check-answers", data={"submission_key": key, **extra})


def test_a_named_referral_goes_on_the_register_and_only_the_reference_is_shown_back(
    client: FlaskClient, school: School
) -> None:
    answer(client, NAMED_REFERRAL)
    key = submission_key(client)
    response = _send(client, key)
    assert response.status_code == 302 and response.headers["Location"].endswith("/refer/confirmation")

    referral = PublicReferral.get()
    assert REFERENCE.fullmatch(referral.reference)
    assert referral.case.reference == referral.reference
    assert (referral.case.case_type, referral.case.source, referral.case.status) == ("cme", "public", "received")
    assert referral.last_school == school and referral.referrer_email == "nina@example.com"
    assert referral.reasons == "never_seen,moved_in" and not referral.family_may_be_told and not referral.anonymous
    child = referral.child
    assert (child.first_name, child.last_name, child.other_names) == ("Amira", "Khan", "Amyra")
    assert child.current_postcode == "DT1 1AA" and child.school is None  # the school never sees what was typed

    page = check_page(client.get("/refer/confirmation"))
    assert page.h1 == ["Referral sent"]
    assert REFERENCE.findall(page.text) == [referral.reference]
    for typed in ("Amira", "Khan", "Acton Lane", "Nina", "nina@example.com", "Seen at home", "Riverside"):
        assert typed not in page.html, f"{typed!r} shown back after sending"
    # The answers are gone: the draft is deleted and every question page is empty again.
    assert PublicDraft.select().count() == 0
    assert "Amira" not in client.get("/refer/child-name").get_data(as_text=True)
    assert client.get("/refer/check-answers").headers["Location"].endswith("/refer/immediate-risk")


def test_an_anonymous_referral_skips_the_question_about_telling_the_family(client: FlaskClient) -> None:
    answer(client, ANONYMOUS_REFERRAL)
    page = check_page(client.get("/refer/check-answers"))
    assert page.has_text("None: you are staying anonymous")
    assert "/refer/tell-the-family" not in page.html
    _send(client, submission_key(client))
    referral = PublicReferral.get()
    assert referral.anonymous and not referral.family_may_be_told
    assert referral.last_school is None and referral.last_school_text == ""
    assert referral.child.approximate_age == 11 and referral.child.date_of_birth is None
    assert [m.kind for m in EmailMessage.select()] == ["team_alert"], "no receipt without an email address"


def test_a_refreshed_or_resent_submission_makes_no_second_referral(client: FlaskClient, school: School) -> None:
    answer(client, NAMED_REFERRAL)
    key = submission_key(client)
    first = _send(client, key)
    again = _send(client, key)
    assert first.headers["Location"] == again.headers["Location"]
    assert PublicReferral.select().count() == 1 and Case.select().count() == 1 and Child.select().count() == 1
    reference = PublicReferral.get().reference
    assert REFERENCE.findall(check_page(client.get("/refer/confirmation")).text) == [reference]


@pytest.mark.parametrize(
    "failing",
    ["portal.public.views.send.submit_referral", "portal.services.public_referrals.audit"],
    ids=["database fails before anything is written", "database fails after the referral is written"],
)
def test_a_send_the_database_fails_keeps_the_answers_and_the_key(
    client: FlaskClient, school: School, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    answer(client, NAMED_REFERRAL)
    key = submission_key(client)
    send_while_database_fails(monkeypatch, failing, lambda: _send(client, key))
    assert PublicReferral.select().count() == 0 and Case.select().count() == 0 and Child.select().count() == 0

    typed = ("Amira", "Khan", "12 Acton Lane", "Nina Neighbour", "nina@example.com", "Seen at home")
    answers_still_shown(client, "/refer/check-answers", typed)
    assert submission_key(client) == key, "the failed send did not use up the one-time key"

    response = _send(client, key)
    assert response.headers["Location"].endswith("/refer/confirmation")
    assert PublicReferral.select().count() == 1 and Case.select().count() == 1 and Child.select().count() == 1
    reference = PublicReferral.get().reference
    assert REFERENCE.findall(check_page(client.get("/refer/confirmation")).text) == [reference]
    assert PublicDraft.select().count() == 0


def test_a_stale_or_forged_key_sends_nothing(client: FlaskClient, school: School) -> None:
    answer(client, NAMED_REFERRAL)
    submission_key(client)
    response = _send(client, "forged")
    assert response.headers["Location"].endswith("/refer/check-answers")
    assert PublicReferral.select().count() == 0


def test_markup_and_control_characters_are_kept_as_text_and_shown_escaped(client: FlaskClient) -> None:
    steps = [list(step) for step in ANONYMOUS_REFERRAL]
    steps[1][1] = {"child_first_name": "<script>alert(1)</script>\x00\x07"}
    steps[8][1] = {"reasons": ["other"], "concern": '<img src=x onerror="alert(2)">'}
    answer(client, [(path, data) for path, data in steps])
    html = check_page(client.get("/refer/check-answers")).html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x" in html
    _send(client, submission_key(client))
    referral = PublicReferral.get()
    assert referral.child.first_name == "<script>alert(1)</script>\x07", "stored as text; only NUL is dropped"
    assert referral.concern == '<img src=x onerror="alert(2)">'


def test_a_change_link_comes_back_to_check_answers(client: FlaskClient, school: School) -> None:
    answer(client, NAMED_REFERRAL)
    page = check_page(client.get("/refer/child-sex?change=1"))
    assert 'href="/refer/check-answers"' in page.html, "the back link returns to check answers"
    assert 'value="female" checked' in page.html
    response = client.post("/refer/child-sex?change=1", data={"sex": "male"})
    assert response.headers["Location"].endswith("/refer/check-answers")


def test_changing_to_immediate_risk_asks_the_safeguarding_question_before_returning(
    client: FlaskClient, school: School
) -> None:
    answer(client, NAMED_REFERRAL)
    response = client.post("/refer/immediate-risk?change=1", data={"immediate_risk": "yes"})
    assert response.headers["Location"].endswith("/refer/get-help-now?change=1")
    response = client.post("/refer/get-help-now?change=1", data={"safeguarding_contacted": "contacted"})
    assert response.headers["Location"].endswith("/refer/check-answers")
    _send(client, submission_key(client))
    case = PublicReferral.get().case
    assert case.risk_level == "high" and case.next_action.startswith("Referrer reported immediate risk")


def test_a_school_not_in_the_list_is_kept_as_typed(client: FlaskClient, school: School) -> None:
    answer(client, NAMED_REFERRAL[:6])
    client.post("/refer/last-school", data={"school_query": "St Nowhere's"})
    page = check_page(client.get("/refer/choose-school"))
    assert page.h1 == ["We could not find that school"]
    assert page.has_text("Continue with the name St Nowhere's")
    client.post("/refer/choose-school", data={"school_choice": "other"})
    answer(client, NAMED_REFERRAL[8:])
    assert check_page(client.get("/refer/check-answers")).has_text("St Nowhere's (not in our list)")
    _send(client, submission_key(client))
    referral = PublicReferral.get()
    assert referral.last_school is None and referral.last_school_text == "St Nowhere's"


def test_a_school_not_offered_is_refused(client: FlaskClient, school: School) -> None:
    answer(client, NAMED_REFERRAL[:7])
    page = check_page(client.post("/refer/choose-school", data={"school_choice": "990002"}))
    assert page.error_summary == ["Select the school, or select that it is not in the list"]


def test_the_honeypot_looks_accepted_but_nothing_is_stored(client: FlaskClient, school: School) -> None:
    answer(client, NAMED_REFERRAL)
    response = _send(client, submission_key(client), website="http://spam.example")
    assert response.headers["Location"].endswith("/refer/confirmation")
    page = check_page(client.get("/refer/confirmation"))
    assert page.h1 == ["Referral sent"] and REFERENCE.search(page.text)
    assert PublicReferral.select().count() == 0 and Child.select().count() == 0 and EmailMessage.select().count() == 0
    assert PublicDraft.select().count() == 0


def test_a_honeypot_filled_on_any_page_means_nothing_is_stored(client: FlaskClient, school: School) -> None:
    steps = [(path, dict(data)) for path, data in NAMED_REFERRAL]
    steps[2][1]["website"] = "buy now"
    answer(client, steps)
    _send(client, submission_key(client))
    assert PublicReferral.select().count() == 0


def test_sending_without_answers_starts_again(client: FlaskClient) -> None:
    response = _send(client, "anything")
    assert response.headers["Location"].endswith("/refer")
    assert client.get("/refer/confirmation").headers["Location"].endswith("/refer")


def test_the_team_is_told_by_email_without_child_details(client: FlaskClient, school: School) -> None:
    answer(client, NAMED_REFERRAL)
    client.post("/refer/check-answers", data={"submission_key": submission_key(client)}, follow_redirects=True)
    referral = PublicReferral.get()
    alert = EmailMessage.get(EmailMessage.kind == "team_alert")
    assert alert.to == "cme@example.gov.uk" and referral.reference in alert.body
    assert f"/officers/cases/{referral.case_id}" in alert.body
    for detail in ("Amira", "Khan", "2015", "Acton", "Riverside", "Nina", "Seen at home"):
        assert detail not in alert.body + alert.subject
    receipt = EmailMessage.get(EmailMessage.kind == "receipt")
    assert receipt.to == "nina@example.com" and referral.reference in receipt.body and "Amira" not in receipt.body
    # No SMTP_HOST in the test settings: after the response, both are marked "off" rather than sent or failed.
    assert {message.status for message in EmailMessage.select()} == {"off"}


def test_submissions_are_rate_limited_with_the_gov_uk_page(database_url: str) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, SUBMISSION_LIMIT="2 per hour")
    client = app.test_client()
    for _ in range(2):
        answer(client, ANONYMOUS_REFERRAL)
        assert _send(client, submission_key(client)).headers["Location"].endswith("/refer/confirmation")
    assert PublicReferral.select().count() == 2
    answer(client, ANONYMOUS_REFERRAL)
    page = check_page(_send(client, submission_key(client)), status=429)
    assert page.h1 == ["Sorry, there have been too many attempts"]
    assert page.has_text("call 999")
    assert client.get("/refer/child-name").status_code == 200, "only sending is limited, not reading pages"


def test_only_referrals_actually_sent_count_towards_the_limit(database_url: str) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, SUBMISSION_LIMIT="2 per hour", WTF_CSRF_ENABLED=True)
    forger = app.test_client()
    for _ in range(3):
        assert _send(forger, "x").status_code == 400, "a request without the CSRF token is refused"
    client = app.test_client()
    token = CSRF_TOKEN.search(client.get("/sign-in").get_data(as_text=True))
    assert token
    client.environ_base["HTTP_X_CSRFTOKEN"] = token.group(1)
    for _ in range(3):
        assert _send(client, "x").status_code == 302, "nothing to send yet: back to the start"
    answer(client, ANONYMOUS_REFERRAL)
    key = submission_key(client)
    assert _send(client, "not-the-key").headers["Location"].endswith("/refer/check-answers")
    assert _send(client, key).headers["Location"].endswith("/refer/confirmation")
    assert _send(client, key).headers["Location"].endswith("/refer/confirmation"), "a resend is not a new referral"
    assert PublicReferral.select().count() == 1
    answer(client, ANONYMOUS_REFERRAL)
    assert _send(client, submission_key(client)).headers["Location"].endswith("/refer/confirmation")
    answer(client, ANONYMOUS_REFERRAL)
    assert _send(client, submission_key(client)).status_code == 429
    assert PublicReferral.select().count() == 2


def test_a_professional_is_asked_for_their_organisation(client: FlaskClient, school: School) -> None:
    steps = [(path, dict(data)) for path, data in NAMED_REFERRAL]
    position = [path for path, _data in steps].index("/refer/about-you")
    steps[position] = ("/refer/about-you", {"relationship": "professional"})
    answer(client, steps[: position + 1])
    assert client.get("/refer/contact-details").status_code == 200
    assert check_page(client.get("/refer/your-organisation")).h1 == ["Which organisation do you work for?"]
    answer(
        client, [("/refer/your-organisation", {"organisation": "Demo Health visiting team"}), *steps[position + 1 :]]
    )
    assert check_page(client.get("/refer/check-answers")).has_text("Demo Health visiting team")
    _send(client, submission_key(client))
    referral = PublicReferral.get()
    assert (referral.referrer_relationship, referral.referrer_organisation) == (
        "professional",
        "Demo Health visiting team",
    )


def test_the_journey_carries_on_in_another_worker(database_url: str, school: School) -> None:
    """Nothing is kept in the process: a second app (another worker or host) with the same key and database
    carries on the same referral from the signed session cookie."""
    first = make_app(database_url).test_client()
    answer(first, NAMED_REFERRAL[:3])
    cookie = first.get_cookie("session", domain="localhost")
    assert cookie is not None and "Amira" not in cookie.value, "the answers are not in the cookie"
    second = make_app(database_url).test_client()
    second.set_cookie("session", cookie.value, domain="localhost")
    page = check_page(second.get("/refer/child-name"))
    assert 'value="Amira"' in page.html
