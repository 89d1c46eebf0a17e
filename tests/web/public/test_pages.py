"""Every page of the public referral: well formed, the question as its h1, a back link, and "Exit this page"."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.pages import check_page
from tests.web.public.journey import NAMED_REFERRAL, answer

EXIT = re.compile(r'class="govuk-exit-this-page".*?href="/welcome"', re.S)

QUESTIONS = [
    ("/refer/immediate-risk", "Is a child at immediate risk of harm?", "/refer"),
    ("/refer/child-name", "What is the child's name?", "/refer/immediate-risk"),
    ("/refer/child-age", "Do you know the child's date of birth?", "/refer/child-name"),
    ("/refer/date-of-birth", "What is the child's date of birth?", "/refer/child-age"),
    ("/refer/approximate-age", "Roughly how old is the child?", "/refer/child-age"),
    ("/refer/child-sex", "What is the child's sex?", "/refer/child-age"),
    ("/refer/child-address", "Where does the child live?", "/refer/child-sex"),
    ("/refer/last-school", "Which school did the child last go to?", "/refer/child-address"),
    ("/refer/last-seen", "When was the child last at school?", "/refer/choose-school"),
    ("/refer/reasons", "Why do you think the child is not in education?", "/refer/last-seen"),
    ("/refer/about-you", "How do you know the child?", "/refer/reasons"),
    ("/refer/your-organisation", "Which organisation do you work for?", "/refer/about-you"),
    ("/refer/how-you-know-the-child", "Tell us how you know the child (optional)", "/refer/about-you"),
    ("/refer/contact-details", "How can we contact you?", "/refer/about-you"),
    ("/refer/tell-the-family", "Can we tell the family that you made this referral?", "/refer/contact-details"),
]


def _back_link(html: str) -> str:
    found = re.search(r'class="govuk-back-link"\s+href="([^"]+)"|href="([^"]+)"\s+class="govuk-back-link"', html)
    assert found, "the page has a back link"
    return found.group(1) or found.group(2)


def test_start_page_says_what_it_is_for_and_how_to_get_help_now(client: FlaskClient) -> None:
    page = check_page(client.get("/refer"))
    assert page.h1 == ["Refer a child who may be missing education"]
    for words in ("What you need", "about 5 minutes", "What happens next", "call 999", "020 7946 0999"):
        assert page.has_text(words), words
    assert 'href="/refer/immediate-risk"' in page.html and "Start now" in page.text
    assert EXIT.search(page.html), "Exit this page leads to the neutral page"


@pytest.mark.parametrize(("path", "h1", "back"), QUESTIONS, ids=[path for path, _h1, _back in QUESTIONS])
def test_each_question_page(client: FlaskClient, path: str, h1: str, back: str) -> None:
    page = check_page(client.get(path))
    assert page.h1 == [h1]
    assert page.title.startswith(h1)
    assert EXIT.search(page.html), "every page of the public referral has Exit this page"
    assert _back_link(page.html) == back
    assert 'name="website"' in page.html and "<div hidden>" in page.html, "the honeypot is there, hidden"
    assert "novalidate" in page.html


def test_the_safeguarding_page_shows_the_contacts(client: FlaskClient) -> None:
    client.post("/refer/immediate-risk", data={"immediate_risk": "yes"})
    page = check_page(client.get("/refer/get-help-now"))
    assert page.h1 == ["Get help for the child now"]
    for words in ("call 999", "Children's Integrated Response Service", "020 7946 0999", "childrens.services@"):
        assert page.has_text(words), words
    assert _back_link(page.html) == "/refer/immediate-risk"
    assert EXIT.search(page.html)


def test_choose_school_check_answers_and_confirmation_pages(client: FlaskClient, school: object) -> None:
    answer(client, NAMED_REFERRAL[:7])
    page = check_page(client.get("/refer/choose-school"))
    assert page.h1 == ["Choose the school"] and page.has_text("Riverside Primary School")
    assert EXIT.search(page.html)
    answer(client, NAMED_REFERRAL[7:])
    page = check_page(client.get("/refer/check-answers"))
    assert page.h1 == ["Check your answers before sending your referral"]
    assert _back_link(page.html) == "/refer/tell-the-family"
    assert EXIT.search(page.html)
    assert page.html.count(">Change<") >= 10


def test_the_neutral_page_says_nothing_about_children_or_referrals(client: FlaskClient) -> None:
    page = check_page(client.get("/welcome"))
    assert page.h1 == ["Demo Borough Council"]
    for word in ("child", "refer", "education", "missing", "safeguarding"):
        assert word not in page.text.lower(), word
