"""The public referral and the parents' home-education notice in real Chromium at a phone's width (375 px), axe on
every page; the referral once more with JavaScript off; then the officer (and the school) see what arrived."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from portal.clock import today
from portal.demo.core import DEMO_PASSWORDS
from tests.browser.conftest import assert_accessible, sign_in

PHONE = {"width": 375, "height": 812}
REFERENCE = re.compile(r"CME-\d{4}-\d{6}")


@pytest.fixture
def phone(browser: Browser, live_server: str) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, base_url=live_server)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_javascript(browser: Browser, live_server: str) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(viewport=PHONE, base_url=live_server, java_script_enabled=False)
    checker_context = browser.new_context(viewport=PHONE)
    checker = checker_context.new_page()
    page = context.new_page()
    # axe runs inside the page, so it cannot run where JavaScript is off: each page's HTML, as served without
    # JavaScript and with its scripts removed, is checked in a second page instead.
    CHECKERS[page] = lambda: _check_as_served(page, checker, live_server)
    yield page
    CHECKERS.pop(page, None)
    context.close()
    checker_context.close()


CHECKERS: dict[Page, Callable[[], None]] = {}
SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)


def _check_as_served(page: Page, checker: Page, live_server: str) -> None:
    html = SCRIPT.sub("", page.content()).replace("<head>", f'<head><base href="{live_server}/">', 1)
    checker.set_content(html)
    assert_accessible(checker)


def _audit(page: Page) -> None:
    CHECKERS.get(page, lambda: assert_accessible(page))()


def _heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)
    _audit(page)
    # Nothing wider than the phone: no sideways scrolling for someone on a small screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _continue(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


def refer_a_child(page: Page, *, javascript: bool = True) -> str:
    page.goto("/refer")
    _heading(page, "Refer a child who may be missing education")
    expect(page.get_by_role("button", name="Emergency Exit this page")).to_be_visible()
    page.get_by_role("button", name="Start now").click()

    _heading(page, "Is a child at immediate risk of harm?")
    _continue(page)  # no answer: the error summary, and the page still passes axe
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select yes if a child is at immediate risk of harm")
    assert page.title().startswith("Error: ")
    _audit(page)
    page.get_by_label("Yes", exact=True).check()
    _continue(page)

    _heading(page, "Get help for the child now")
    expect(page.get_by_text("call 999 now")).to_be_visible()
    page.get_by_label("Yes, I have contacted them").check()
    _continue(page)

    _heading(page, "What is the child's name?")
    page.get_by_label("First name").fill("Jayden")
    page.get_by_label("Last name").fill("Okoro")
    _continue(page)

    _heading(page, "Do you know the child's date of birth?")
    page.get_by_label("No, but I know roughly how old they are").check()
    _continue(page)

    _heading(page, "Roughly how old is the child?")
    page.get_by_label("Roughly how old is the child?").fill("12")
    _continue(page)

    _heading(page, "What is the child's sex?")
    page.get_by_label("Male", exact=True).check()
    _continue(page)

    _heading(page, "Where does the child live?")
    page.get_by_label("Building and street").fill("Flat 2, 9 Broadway")
    page.get_by_label("Postcode").fill("dt4 5gh")
    _continue(page)

    _heading(page, "Which school did the child last go to?")
    page.get_by_label("Which school did the child last go to?").fill("riverside")
    page.get_by_role("button", name="Find school").click()
    _heading(page, "Choose the school")
    page.get_by_label("Riverside Primary School").check()
    _continue(page)

    _heading(page, "When was the child last at school?")
    _continue(page)

    _heading(page, "Why do you think the child is not in education?")
    page.get_by_label("They are never seen going to school").check()
    page.get_by_label("Tell us what you know").fill("Out on the estate every school day since October.")
    if javascript:
        expect(page.locator(".govuk-character-count__status")).to_contain_text("characters remaining")
    _continue(page)

    _heading(page, "How do you know the child?")
    page.get_by_label("Neighbour").check()
    _continue(page)

    _heading(page, "How can we contact you?")
    _continue(page)  # anonymous: the question about telling the family is skipped

    _heading(page, "Check your answers before sending your referral")
    expect(page.get_by_text("None: you are staying anonymous")).to_be_visible()
    page.get_by_role("link", name="Change sex").click()
    _heading(page, "What is the child's sex?")
    page.get_by_label("I do not know").check()
    _continue(page)
    _heading(page, "Check your answers before sending your referral")
    page.get_by_role("button", name="Send referral").click()

    _heading(page, "Referral sent")
    text = page.locator("main").inner_text()
    assert "Jayden" not in text and "Broadway" not in text, "nothing typed is shown back"
    found = REFERENCE.search(text)
    assert found
    return found.group(0)


def test_a_public_referral_on_a_phone_then_the_officer_sees_it(phone: Page) -> None:
    reference = refer_a_child(phone)
    sign_in(phone, "officer@demo.example", DEMO_PASSWORDS["officer@demo.example"])
    phone.goto(f"/officers/cases?q={reference}")
    assert_accessible(phone)
    phone.get_by_role("link", name=reference).first.click()
    assert_accessible(phone)
    expect(phone.locator("main")).to_contain_text("Public referral")
    expect(phone.locator("main")).to_contain_text("Out on the estate every school day since October.")


def test_a_public_referral_with_javascript_off(phone_without_javascript: Page) -> None:
    reference = refer_a_child(phone_without_javascript, javascript=False)
    assert REFERENCE.fullmatch(reference)


def test_exit_this_page_leads_to_a_neutral_page(phone: Page) -> None:
    phone.goto("/refer/immediate-risk")
    phone.get_by_role("button", name="Emergency Exit this page").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Demo Borough Council")
    assert phone.url.endswith("/welcome")
    assert_accessible(phone)


def test_a_parents_home_education_notice_on_a_phone(phone: Page, live_server: str) -> None:
    start = today() + timedelta(days=7)
    page = phone
    page.goto("/parents/home-education")
    _heading(page, "Tell your child's school you are going to educate them at home")
    page.get_by_role("button", name="Start now").click()

    _heading(page, "Is a child at immediate risk of harm?")
    page.get_by_label("No", exact=True).check()
    _continue(page)

    _heading(page, "About you")
    page.get_by_label("Your full name").fill("Priya Shah")
    page.get_by_label("Mother").check()
    page.locator("#lives_with_child").check()
    _continue(page)

    _heading(page, "How can the school and the council contact you?")
    page.get_by_label("Email address").fill("priya.shah@example.com")
    _continue(page)

    _heading(page, "What is your address?")
    page.get_by_label("Address line 1").fill("3 Mill Hill Road")
    page.get_by_label("Town or city").fill("Demo Town")
    page.get_by_label("Postcode").fill("DT5 6JK")
    _continue(page)

    _heading(page, "About your child")
    page.get_by_label("First name").fill("Anaya")
    page.get_by_label("Last name").fill("Shah")
    page.get_by_label("Day").fill("9")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2016")
    _continue(page)

    _heading(page, "Which school does your child go to now?")
    page.get_by_label("Which school does your child go to now?").fill("Riverside")
    page.get_by_role("button", name="Find school").click()
    _heading(page, "Choose the school")
    page.get_by_label("Riverside Primary School").check()
    _continue(page)

    _heading(page, "When will you start educating your child at home?")
    page.get_by_label("Day").fill(str(start.day))
    page.get_by_label("Month").fill(str(start.month))
    page.get_by_label("Year").fill(str(start.year))
    _continue(page)

    _heading(page, "What elective home education means")
    _continue(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Confirm that you understand")
    assert_accessible(page)
    page.get_by_label("I understand what elective home education means").check()
    _continue(page)

    _heading(page, "Why have you decided to educate your child at home? (optional)")
    _continue(page)

    _heading(page, "Would you like a meeting to talk about home education?")
    page.get_by_label("Yes, with the school", exact=True).check()
    _continue(page)

    _heading(page, "Check your answers before sending your notice")
    expect(page.locator("main")).to_contain_text(
        "I give notice to Riverside Primary School that I will educate Anaya Shah"
    )
    page.get_by_label("Your full name").fill("Priya Shah")
    page.get_by_role("button", name="Sign and send notice").click()

    _heading(page, "Notice sent")
    text = page.locator("main").inner_text()
    assert "Anaya" not in text and "Priya" not in text
    found = REFERENCE.search(text)
    assert found
    reference = found.group(0)

    # The LA's EHE officer sees it in the caseload as an EHE notification.
    sign_in(page, "officer@demo.example", DEMO_PASSWORDS["officer@demo.example"])
    page.goto(f"/officers/cases?q={reference}")
    assert_accessible(page)
    page.get_by_role("link", name=reference).first.click()
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text("Home education notice")
    expect(page.locator("main")).to_contain_text("Priya Shah")
    # The school sees the notice on its home page, opens the printable notice and records the meeting it offered.
    page.context.clear_cookies()
    sign_in(page, "school@demo.example", DEMO_PASSWORDS["school@demo.example"])
    expect(page.locator("main")).to_contain_text(reference)
    page.get_by_role("link", name="Anaya Shah").click()
    _heading(page, "Home education notice: Anaya Shah")
    page.get_by_role("link", name="Record a meeting offer").click()
    assert_accessible(page)
    offered = today()
    page.get_by_label("Day").fill(str(offered.day))
    page.get_by_label("Month").fill(str(offered.month))
    page.get_by_label("Year").fill(str(offered.year))
    page.get_by_label("Yes, the parent accepted").check()
    page.get_by_role("button", name="Record the meeting offer").click()
    _heading(page, "Home education notice: Anaya Shah")
    expect(page.locator("main")).to_contain_text("accepted")
