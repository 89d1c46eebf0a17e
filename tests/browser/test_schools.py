"""The schools' journeys in real Chromium, as the demo school: axe on every page, and once with JavaScript off."""

from __future__ import annotations

import re
import secrets
from datetime import date, timedelta

from playwright.sync_api import Browser, Page, expect

from portal import clock
from portal.demo.core import DEMO_PASSWORDS
from tests.browser.conftest import assert_accessible, sign_in

SCHOOL = "school@demo.example"
OFFICER = "officer@demo.example"


def _name() -> str:
    """A surname no other browser test uses: the live server's database is shared."""
    return "Test" + "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6)).capitalize()


def _continue(page: Page, button: str = "Continue") -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    assert_accessible(page)


def _date(page: Page, legend: str, value: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(value.day))
    group.get_by_label("Month").fill(str(value.month))
    group.get_by_label("Year").fill(str(value.year))


def _heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _pupil_pages(page: Page, last_name: str) -> None:
    _heading(page, "What is the pupil's name?")
    page.get_by_label("First name").fill("Ava")
    page.get_by_label("Last name").fill(last_name)
    _continue(page)
    _date(page, "What is the pupil's date of birth?", date(2017, 5, 4))
    _continue(page)
    page.get_by_label("Female").check()
    _continue(page)
    page.get_by_label("What is the pupil's unique pupil number (UPN)? (optional)").fill("H801200001001")
    _continue(page)
    page.get_by_label("Which year group is the pupil in?").select_option("4")
    _continue(page)
    page.get_by_label("Address line 1").fill("1 High Street")
    page.get_by_label("Town or city").fill("Demo Town")
    page.get_by_label("Postcode").fill("w5 2hl")
    _continue(page)
    page.get_by_label("Full name").fill(f"Mia {last_name}")
    page.get_by_label("Relationship to the pupil").fill("Mother")
    page.get_by_label("Emergency telephone number").fill("07700 900001")
    _continue(page)
    page.get_by_role("group", name="Is there another parent or carer?").get_by_label("No").check()
    _continue(page)
    _continue(page)  # another emergency contact: optional
    page.get_by_label("None of these").check()
    _continue(page)


def _moved_away(page: Page, today: date) -> None:
    _date(page, "What was the pupil's last day at school?", today - timedelta(days=3))
    _continue(page)
    page.get_by_label("G: Moved too far away").check()
    _continue(page)
    for box in page.locator("input[name=confirmed]").all():
        box.check()
    _continue(page)
    page.get_by_label(re.compile("How long would the journey")).fill("70")
    _continue(page)
    _date(page, "On what date will the pupil's name be removed from the admission register?", today)
    _continue(page)


def _approval(page: Page) -> None:
    _heading(page, "Who in your senior leadership team approved this removal?")
    page.get_by_label("Full name").fill("Priya Patel")
    page.get_by_label("Job title").fill("Headteacher")
    _continue(page)


def _leaver_to_a_confirmed_school(page: Page, *, javascript: bool = True) -> str:
    """The whole leaver journey to a school from the list, with admission confirmed; returns the surname."""
    today = clock.today()
    last_name = _name()
    page.get_by_role("link", name="Record a leaver").click()
    assert_accessible(page)
    _heading(page, "Record a leaver")
    page.get_by_role("button", name="Start now").click()
    assert_accessible(page)
    _pupil_pages(page, last_name)
    _moved_away(page, today)
    page.get_by_label("A school in the UK").check()
    _continue(page)
    page.get_by_label("A school in the schools list").check()
    _continue(page)
    page.get_by_label("What is the name or URN of the new school?").fill("990101")
    _continue(page)
    page.get_by_label("No, the pupil still lives at the same address").check()
    _continue(page)
    page.get_by_label(re.compile("as already given")).check()
    _continue(page)
    page.get_by_label("Yes").check()
    _continue(page)
    _heading(page, "The confirmation of admission")
    _date(page, "Date the pupil starts (or started) at the new school", today)
    page.get_by_label("Email or letter from the new school").check()
    page.get_by_label("Who confirmed it").fill("A Clarke, office manager")
    _continue(page)
    _approval(page)
    _heading(page, "Check your answers before submitting")
    expect(page.get_by_text("The leaver information is complete")).to_be_visible()
    expect(page.get_by_text("Brookside Primary School").first).to_be_visible()
    if javascript:  # a change link and back, with the answer kept
        page.get_by_role("link", name="Change year group").click()
        assert_accessible(page)
        _continue(page)
        _heading(page, "Check your answers before submitting")
    page.get_by_role("button", name="Submit leaver and deletion return").click()
    assert_accessible(page)
    _heading(page, "Leaver recorded")
    expect(page.locator(".govuk-panel__body")).to_contain_text(re.compile(r"LVR-\d{4}-\d{6}"))
    return last_name


def test_leaver_completed_with_a_confirmed_new_school(page: Page) -> None:
    sign_in(page, SCHOOL, DEMO_PASSWORDS[SCHOOL])
    last_name = _leaver_to_a_confirmed_school(page)
    page.get_by_role("link", name="Go to your school home page").click()
    assert_accessible(page)
    row = page.locator("tr", has_text=f"Ava {last_name}")
    expect(row).to_contain_text("Complete")
    expect(row).to_contain_text("Received")


def test_leaver_with_unknown_destination_ends_in_a_cme_referral_the_officer_sees(page: Page) -> None:
    today = clock.today()
    last_name = _name()
    sign_in(page, SCHOOL, DEMO_PASSWORDS[SCHOOL])
    page.goto("/schools/leavers/new")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    assert_accessible(page)
    _pupil_pages(page, last_name)
    _moved_away(page, today)
    page.get_by_label("We do not know").check()
    _continue(page)
    page.get_by_label("We do not know").check()
    _continue(page)
    page.get_by_label("No, not yet").check()
    _continue(page)
    _approval(page)
    expect(page.get_by_text("This pupil is missing education.").first).to_be_visible()
    page.get_by_role("button", name="Submit leaver and refer to the CME team").click()
    assert_accessible(page)
    warning = page.locator(".govuk-warning-text")
    expect(warning).to_contain_text("This pupil is missing education")
    reference = re.search(r"CME-\d{4}-\d{6}", warning.inner_text())
    assert reference is not None
    leaver_reference = re.search(r"LVR-\d{4}-\d{6}", page.locator(".govuk-panel__body").inner_text())
    assert leaver_reference is not None

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, OFFICER, DEMO_PASSWORDS[OFFICER])
    page.goto(f"/officers/cases?q={reference.group(0)}")
    assert_accessible(page)
    page.get_by_role("link", name=reference.group(0)).first.click()
    assert_accessible(page)
    expect(page.get_by_text("School leaver").first).to_be_visible()
    expect(page.get_by_text(leaver_reference.group(0)).first).to_be_visible()
    expect(page.get_by_text(f"Ava {last_name}").first).to_be_visible()


def test_pupil_abroad_from_start_to_return(page: Page) -> None:
    today = clock.today()
    last_name = _name()
    sign_in(page, SCHOOL, DEMO_PASSWORDS[SCHOOL])
    page.get_by_role("link", name="Record a pupil on extended leave abroad").click()
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    assert_accessible(page)
    page.get_by_label("First name").fill("Zain")
    page.get_by_label("Last name").fill(last_name)
    _continue(page)
    _date(page, "What is the pupil's date of birth?", date(2016, 6, 9))
    _continue(page)
    _continue(page)  # UPN: optional
    page.get_by_label("Which year group is the pupil in?").select_option("5")
    _continue(page)
    page.get_by_label("Address line 1").fill("3 Oak Road")
    page.get_by_label("Town or city").fill("Demo Town")
    page.get_by_label("Postcode").fill("UB1 1AA")
    _continue(page)
    page.get_by_label("Full name").fill(f"Sara {last_name}")
    page.get_by_label("Relationship to the pupil").fill("Mother")
    page.get_by_label("Emergency telephone number").fill("07700 900002")
    _continue(page)
    page.get_by_label("None of these").check()
    _continue(page)
    _date(page, "When did the pupil leave for abroad?", today - timedelta(days=5))
    _continue(page)
    assert_accessible(page)
    page.get_by_label("No").check()
    _continue(page)
    page.get_by_label("What reason did the parent give for the absence?").fill("Grandparent unwell")
    _continue(page)
    page.get_by_label("Country").fill("Pakistan")
    page.get_by_label("Address abroad").fill("House 7, Street 3, Lahore")
    _continue(page)
    page.get_by_label("Full name").fill(f"Nadia {last_name}")
    page.get_by_label("Relationship to the pupil").fill("Aunt")
    _continue(page)
    page.get_by_label("Telephone number, including the country code").fill("+92 300 1234567")
    _continue(page)
    _date(page, "Evidenced return date", today + timedelta(days=14))
    page.get_by_label("What evidence did the parent give?").fill("Return tickets seen")
    _continue(page)
    page.get_by_label("What contact schedule has the parent agreed to?").fill("Video call every Monday")
    _continue(page)
    _date(page, "When did you send Letter 1?", today - timedelta(days=3))
    _continue(page)
    _heading(page, "Check your answers before submitting")
    page.get_by_role("button", name="Submit and tell the local authority").click()
    assert_accessible(page)
    _heading(page, "Pupil abroad recorded")
    page.get_by_role("link", name="View the pupil's record").click()
    assert_accessible(page)
    page.get_by_role("link", name="Remove the pupil from the register").click()
    assert_accessible(page)
    page.get_by_label("I: 20 school days' unauthorised absence").check()
    page.get_by_role("button", name="Continue", exact=True).click()
    assert_accessible(page)  # refused: too soon, and the local authority has not agreed
    expect(page.locator(".govuk-error-summary")).to_contain_text("Ground I is available from")
    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="The parent responded to Letter 1 (Letter 1a sent)").click()
    assert_accessible(page)
    _date(page, "When did the parent respond to Letter 1?", today - timedelta(days=1))
    page.get_by_role("button", name="Record the response").click()
    assert_accessible(page)
    expect(page.locator(".govuk-tag")).to_have_text("Response received (Letter 1a sent)")
    page.goto("/schools/")
    assert_accessible(page)
    page.get_by_role("button", name=f"Back today for Zain {last_name}").click()
    assert_accessible(page)
    expect(page.get_by_text(f"Zain {last_name} is recorded as back at school today.")).to_be_visible()
    page.goto("/schools/")
    expect(page.get_by_role("link", name=f"Zain {last_name}")).to_have_count(0)


def test_leaver_journey_with_javascript_off(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=live_server)
    page = context.new_page()
    try:
        sign_in(page, SCHOOL, DEMO_PASSWORDS[SCHOOL])
        # With JavaScript off, a bad answer still gets the error summary, and what was typed stays.
        page.goto("/schools/leavers/new")
        page.get_by_role("button", name="Start now").click()
        page.get_by_label("First name").fill("Ava")
        page.get_by_role("button", name="Continue").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the pupil's last name")
        assert page.title().startswith("Error: ")
        expect(page.get_by_label("First name")).to_have_value("Ava")
        assert_accessible(page)
        page.goto("/schools/")
        _leaver_to_a_confirmed_school(page, javascript=False)
    finally:
        context.close()
