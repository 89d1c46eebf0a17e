"""The front door in a real browser: the start page, signing in and out."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from portal.demo.core import DEMO_PASSWORDS
from tests.browser.conftest import assert_accessible, sign_in


def test_home_page_is_accessible_and_names_no_other_host(visit: Any) -> None:
    page = visit("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Children missing education")
    requests_elsewhere: list[str] = []
    page.on(
        "request", lambda request: requests_elsewhere.append(request.url) if "127.0.0.1" not in request.url else None
    )
    page.reload()
    assert requests_elsewhere == []


def test_sign_in_page_with_errors_is_accessible(page: Page) -> None:
    page.goto("/sign-in")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address")
    assert page.title().startswith("Error: ")
    assert_accessible(page)


def test_officer_signs_in_and_out(page: Page) -> None:
    sign_in(page, "officer@demo.example", DEMO_PASSWORDS["officer@demo.example"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    sign_out = page.get_by_role("button", name="Sign out")
    looks = (
        "e => ['fontFamily', 'fontSize', 'fontWeight', 'color', 'textDecorationLine'].map(k => getComputedStyle(e)[k])"
    )
    assert sign_out.evaluate(looks) == page.locator(".app-header__user").evaluate(looks), "it reads as a header link"
    sign_out.focus()
    assert sign_out.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 221, 0)", "GOV.UK focus state"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    assert_accessible(page)
    page.goto("/officers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
