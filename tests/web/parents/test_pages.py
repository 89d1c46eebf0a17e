"""Every page of the parents' notice: well formed, the question as its h1, a back link, the honeypot."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from portal.models import School
from tests.pages import check_page
from tests.web.parents.journey import CHECK, NOTICE
from tests.web.public.journey import answer

BASE = "/parents/home-education"
QUESTIONS = [
    ("/immediate-risk", "Is a child at immediate risk of harm?", ""),
    ("/about-you", "About you", "/immediate-risk"),
    ("/contact-details", "How can the school and the council contact you?", "/about-you"),
    ("/address", "What is your address?", "/contact-details"),
    ("/child", "About your child", "/address"),
    ("/school", "Which school does your child go to now?", "/child"),
    ("/start-date", "When will you start educating your child at home?", "/choose-school"),
    ("/what-it-means", "What elective home education means", "/start-date"),
    ("/reason", "Why have you decided to educate your child at home? (optional)", "/what-it-means"),
    ("/meeting", "Would you like a meeting to talk about home education?", "/reason"),
]


def _back_link(html: str) -> str:
    found = re.search(r'class="govuk-back-link"\s+href="([^"]+)"|href="([^"]+)"\s+class="govuk-back-link"', html)
    assert found, "the page has a back link"
    return found.group(1) or found.group(2)


def test_start_page(client: FlaskClient) -> None:
    page = check_page(client.get(BASE))
    assert page.h1 == ["Tell your child's school you are going to educate them at home"]
    for words in ("in writing", "You do not need permission", "special school", "What you need", "Start now"):
        assert page.has_text(words), words
    assert f'href="{BASE}/immediate-risk"' in page.html


@pytest.mark.parametrize(("path", "h1", "back"), QUESTIONS, ids=[path for path, _h1, _back in QUESTIONS])
def test_each_question_page(client: FlaskClient, path: str, h1: str, back: str) -> None:
    page = check_page(client.get(BASE + path))
    assert page.h1 == [h1]
    assert _back_link(page.html) == BASE + back
    assert 'name="website"' in page.html and "<div hidden>" in page.html


def test_what_home_education_means_is_stated_plainly(client: FlaskClient) -> None:
    page = check_page(client.get(f"{BASE}/what-it-means"))
    for words in (
        "responsible for the whole of your child's education",
        "you pay for all of it",
        "the council may ask you about the education",
    ):
        assert page.has_text(words), words


def test_the_special_school_question_is_asked_only_for_a_special_school(client: FlaskClient, school: School) -> None:
    School.create(urn=990105, name="Oakwood Special School", la_code="999", la_name="Demo", is_special=True)
    answer(client, NOTICE[:5])
    client.post(f"{BASE}/school", data={"school_query": "Oakwood"})
    response = client.post(f"{BASE}/choose-school", data={"school_choice": "990105"})
    assert response.headers["Location"].endswith(f"{BASE}/school-place")
    page = check_page(client.get(f"{BASE}/school-place"))
    assert page.h1 == ["Did the council arrange your child's place at Oakwood Special School?"]
    # A mainstream school: no such question (the law gives no permission step for mainstream pupils).
    client.post(f"{BASE}/school", data={"school_query": "Riverside"})
    response = client.post(f"{BASE}/choose-school", data={"school_choice": "990001"})
    assert response.headers["Location"].endswith(f"{BASE}/start-date")


def test_check_answers_has_change_links_and_the_declaration(client: FlaskClient, school: School) -> None:
    answer(client, NOTICE)
    page = check_page(client.get(CHECK))
    assert page.h1 == ["Check your answers before sending your notice"]
    assert page.html.count(">Change<") >= 12
    assert page.has_text(
        "I give notice to Riverside Primary School that I will educate Evie Carter at home from 1 December 2026"
    )
    assert page.has_text("It is dated 25 November 2026")
    assert _back_link(page.html) == f"{BASE}/meeting"
