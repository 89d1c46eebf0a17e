"""An officer works a case from the caseload to closure: with htmx swapping blocks in place, and with JavaScript off.

Each journey uses its own demo case (the live server's database is shared by the whole browser session).
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Browser, Page, expect

from portal.demo.core import DEMO_PASSWORDS
from tests.browser.conftest import assert_accessible, sign_in

OFFICER = "officer@demo.example"


def _sign_in(page: Page) -> None:
    sign_in(page, OFFICER, DEMO_PASSWORDS[OFFICER])
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")


def test_an_officer_works_a_case_to_closure_inline(page: Page) -> None:
    reference = "CME-2026-900001"
    _sign_in(page)
    page.get_by_role("link", name="Cases", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases")
    assert_accessible(page)

    # Filters update the results in place, and the URL follows so the view can be bookmarked.
    page.get_by_label("Status").select_option("all")
    expect(page).to_have_url(re.compile(r"status=all"))
    page.get_by_label("Search").fill(reference.lower())
    expect(page).to_have_url(re.compile(r"q=cme-2026-900001"))
    expect(page.locator("#results-count")).to_have_text("1 case")
    assert_accessible(page)
    page.get_by_role("link", name=reference).click()
    expect(page.locator(".govuk-caption-l")).to_have_text(f"Case {reference}")
    assert_accessible(page)

    # Status, inline.
    page.get_by_role("link", name="Change status").click()
    form = page.locator("#section-status form")
    expect(form).to_be_visible()
    assert_accessible(page)
    form.get_by_label("More information needed").check()
    form.get_by_role("button", name="Save status").click()
    expect(page.locator("#section-status")).to_contain_text("Status changed to more information needed")
    expect(page.locator("#section-status .govuk-tag")).to_have_text("More information needed")
    expect(page.locator("#section-timeline")).to_contain_text("Status changed from")
    assert "/status" not in page.url, "an inline edit does not change the address"
    assert_accessible(page)

    # Assignment, inline.
    page.get_by_role("link", name="Change officer").click()
    page.locator("#section-officer").get_by_label("Officer").select_option(label="Liam Link")
    page.locator("#section-officer").get_by_role("button", name="Save officer").click()
    expect(page.locator("#section-officer")).to_contain_text("Case assigned to Liam Link")
    assert_accessible(page)

    # An enquiry beside the school's.
    page.get_by_role("link", name="Record an enquiry", exact=True).click()
    enquiry = page.locator("#section-enquiries form")
    enquiry.get_by_label("DfE School to School service and Lost Pupil Database").check()
    enquiry.get_by_label("Day").fill("2")
    enquiry.get_by_label("Month").fill("11")
    enquiry.get_by_label("Year").fill("2026")
    enquiry.get_by_label("Outcome").fill("Not on the Lost Pupil Database")
    assert_accessible(page)
    enquiry.get_by_role("button", name="Save enquiry").click()
    expect(page.locator("#section-enquiries")).to_contain_text("Not on the Lost Pupil Database")
    assert_accessible(page)

    # Closing needs the reason's evidence: the error is shown in place, then the case closes.
    page.get_by_role("link", name="Close the case").click()
    close = page.locator("#section-status form")
    close.get_by_label("Elective home education confirmed").check()
    close.get_by_role("button", name="Close case").click()
    expect(page.locator("#section-status")).to_contain_text("Enter the evidence for closing the case")
    assert_accessible(page)
    close = page.locator("#section-status form")
    close.get_by_label("Evidence and detail").fill("Visited by the EHE team on 20 November")
    close.get_by_role("button", name="Close case").click()
    expect(page.locator("#section-status .govuk-tag")).to_have_text("Closed")
    expect(page.locator("#section-status")).to_contain_text("Case closed: elective home education confirmed")
    expect(page.locator("#section-next_action")).to_contain_text("None recorded")
    assert_accessible(page)

    # The dashboard reflects it, and its figures lead back to the caseload.
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    assert_accessible(page)


def test_the_same_journey_with_javascript_off(browser: Browser, live_server: str) -> None:
    reference = "CME-2026-900002"
    context = browser.new_context(java_script_enabled=False, base_url=live_server)
    page = context.new_page()
    try:
        _sign_in(page)
        page.goto("/officers/cases")
        page.get_by_label("Search").fill(reference)
        page.get_by_label("Status").select_option("all")
        page.get_by_role("button", name="Apply filters").click()
        expect(page).to_have_url(re.compile(r"q=CME-2026-900002"))
        expect(page.locator("#results-count")).to_have_text("1 case")
        assert_accessible(page)
        page.get_by_role("link", name=reference).click()
        assert_accessible(page)

        page.get_by_role("link", name="Change status").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Change the status")
        assert_accessible(page)
        page.get_by_label("Received").check()
        page.get_by_role("button", name="Save status").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Status changed to received")
        assert_accessible(page)

        page.get_by_role("link", name="Change officer").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Assign the case")
        page.get_by_label("Officer").select_option(label="Olivia Officer")
        page.get_by_role("button", name="Save officer").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Case assigned to Olivia Officer")

        page.get_by_role("link", name="Record an enquiry", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Record an enquiry")
        page.get_by_role("button", name="Save enquiry").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("Select the enquiry made")
        assert page.title().startswith("Error: ")
        assert_accessible(page)
        page.get_by_label("Home visit").check()
        page.get_by_label("Day").fill("3")
        page.get_by_label("Month").fill("11")
        page.get_by_label("Year").fill("2026")
        page.get_by_label("Outcome").fill("Nobody at home")
        page.get_by_role("button", name="Save enquiry").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Enquiry recorded")

        page.get_by_role("link", name="Close the case").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Close the case")
        assert_accessible(page)
        page.get_by_label("Not of compulsory school age").check()
        page.get_by_role("button", name="Close case").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Case closed")
        expect(page.locator("#section-status .govuk-tag")).to_have_text("Closed")
        assert_accessible(page)
    finally:
        context.close()


def test_the_dashboard_and_admin_calendar_are_accessible(page: Page, visit: Any) -> None:
    _sign_in(page)
    assert_accessible(page)
    page.get_by_role("button", name="Show figures").click()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "admin@demo.example", DEMO_PASSWORDS["admin@demo.example"])
    visit("/admin/calendar")
    expect(page.get_by_role("heading", level=1)).to_have_text("Term dates and closure days")
    page.get_by_role("button", name="Add term").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name of the term")
    assert_accessible(page)


def test_an_officer_filters_the_caseload_by_a_school_they_search_for(browser: Browser, live_server: str) -> None:
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript, base_url=live_server)
        page = context.new_page()
        try:
            _sign_in(page)
            page.goto("/officers/cases")
            school_box = page.get_by_label("School last attended")
            school_box.fill("school")
            if not javascript:
                page.get_by_role("button", name="Apply filters").click()
            expect(page).to_have_url(re.compile(r"school_search=school"))
            expect(page.locator("#school-matches")).to_contain_text("schools match “school”")
            assert_accessible(page)
            page.get_by_role("link", name="Riverside Primary School (URN 990001)").click()
            expect(page).to_have_url(re.compile(r"school=[0-9]+"))
            expect(page.get_by_label("School last attended")).to_have_value("Riverside Primary School (URN 990001)")
            expect(page.locator("#school-matches")).to_have_count(0)
            assert_accessible(page)
        finally:
            context.close()
