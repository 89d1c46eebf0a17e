"""The dashboard: every figure links to the caseload filtered to exactly those cases; charts load nothing."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from portal.models import School
from portal.rules.register import CaseSource, CaseType
from tests.conftest import TODAY
from tests.pages import check_page
from tests.web.officers.conftest import at

FIGURE_LINK = re.compile(r'<a class="govuk-link" href="(/officers/cases[^"]*)">([\d,]+)<span')
CHARTS = [
    "open-by-status",
    "open-by-type",
    "by-school",
    "returns-overdue",
    "ehe-by-school",
    "census-by-type",
    "census-time-missing",
]


def caseload_count(client: FlaskClient, url: str) -> int:
    count = re.search(r'id="results-count"[^>]*>([^<]*)<', check_page(client.get(url)).html)
    assert count, url
    if count.group(1).startswith("No cases"):
        return 0
    return int(count.group(1).split(" ")[0].replace(",", ""))


@pytest.fixture
def register(make_case: Any, school: School, other_school: School, term_dates: None) -> None:
    make_case(
        school=school,
        status="with_officer",
        next_action="Visit",
        next_action_date=TODAY - timedelta(days=2),
        last_day_in_education=date(2026, 11, 16),
        opened_at=at(date(2026, 11, 17)),
    )
    make_case(
        school=school,
        status="more_information",
        next_action="Chase school",
        next_action_date=date(2026, 11, 20),
        source=CaseSource.SCHOOL_LEAVER,
        last_day_in_education=date(2026, 9, 10),
        opened_at=at(date(2026, 9, 20)),
    )
    make_case(school=other_school, case_type=CaseType.EHE, source=CaseSource.PARENT, opened_at=at(date(2026, 10, 1)))
    make_case(
        school=other_school,
        case_type=CaseType.EHE,
        source=CaseSource.PARENT,
        opened_at=at(date(2026, 5, 1)),
        status="closed",
        closed_at=at(date(2026, 10, 10)),
        closure_reason="ehe_confirmed",
    )
    make_case(case_type=CaseType.CME, opened_at=at(TODAY), last_day_in_education=date(2026, 11, 20))
    make_case(
        status="closed", opened_at=at(date(2026, 11, 2)), closed_at=at(date(2026, 11, 12)), closure_reason="on_roll"
    )


def test_every_dashboard_figure_links_to_exactly_its_cases(officer_client: FlaskClient, register: None) -> None:
    page = check_page(officer_client.get("/officers/"))
    assert page.h1 == ["Dashboard"]
    links = FIGURE_LINK.findall(page.html)
    assert len(links) > 40
    nonzero = 0
    for href, figure in links:
        expected = int(figure.replace(",", ""))
        nonzero += expected > 0
        assert caseload_count(officer_client, html.unescape(href)) == expected, href
    assert nonzero >= 15


def test_headline_figures(officer_client: FlaskClient, register: None) -> None:
    page = check_page(officer_client.get("/officers/"))
    assert page.has_text("Open cases 4 open cases")
    assert page.has_text("Next action overdue 2 next action overdue")
    assert page.has_text("Opened this week 1 opened this week")
    assert page.has_text("Median days to close 86.0")  # closed after 162 and 10 days
    assert page.has_text("2 cases closed in the last 12 months")


def test_census_figures_by_reason_and_time_missing(officer_client: FlaskClient, register: None) -> None:
    page = check_page(officer_client.get("/officers/?census=25&census=11&census=2026"))
    assert page.has_text("Cases open at the end of 25 November 2026 (Autumn 2026 term)")
    # Missing 7 school days (since 16 November), 3 (since 20 November) and 49 (since 10 September, across half-term).
    assert page.has_text("Up to 10 school days 2")
    assert page.has_text("21 to 60 school days 1")
    earlier = check_page(officer_client.get("/officers/?census=1&census=10&census=2026"))
    assert earlier.has_text("Cases open at the end of 1 October 2026")


@pytest.mark.parametrize(
    ("census", "message"),
    [
        (["31", "2", "2026"], "must be a real date"),
        (["1", "1", "2030"], "between 1 January 2000 and today"),
        (["", "", ""], "Enter the census date"),
    ],
    ids=["no such date", "future", "blank"],
)
def test_a_bad_census_date_is_an_error_not_a_crash(
    officer_client: FlaskClient, census: list[str], message: str
) -> None:
    query = "&".join(f"census={part}" for part in census)
    page = check_page(officer_client.get(f"/officers/?{query}"))
    assert page.title.startswith("Error: ") and page.has_text(message)
    assert page.has_text("Cases open at the end of 25 November 2026"), "today's figures are shown instead"


@pytest.mark.parametrize("name", CHARTS)
def test_charts_are_svg_drawn_on_the_server_loading_nothing(
    officer_client: FlaskClient, register: None, name: str
) -> None:
    response = officer_client.get(f"/officers/charts/{name}.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert svg.startswith("<svg") and "<script" not in svg.lower()
    assert re.findall(r"https?://[^\s\"'<>)]+", svg) == ["http://www.w3.org/2000/svg"]
    assert f'src="/officers/charts/{name}.svg' in officer_client.get("/officers/").get_data(as_text=True)


def test_an_unknown_chart_is_not_found(officer_client: FlaskClient) -> None:
    assert officer_client.get("/officers/charts/secrets.svg").status_code == 404


def test_the_dashboard_changes_when_a_case_is_closed(officer_client: FlaskClient, make_case: Any) -> None:
    case = make_case()
    assert check_page(officer_client.get("/officers/")).has_text("Open cases 1 open cases")
    officer_client.post(f"/officers/cases/{case.id}/close", data={"reason": "not_csa", "version": "1"})
    page = check_page(officer_client.get("/officers/"))
    assert page.has_text("Open cases 0 open cases") and page.has_text("1 case closed in the last 12 months")


@pytest.mark.parametrize(
    ("days_open", "median"),
    [([10], "10.0"), ([90, 10, 20], "20.0"), ([90, 10, 20, 11.5], "15.8"), ([3, 400], "3.0")],
    ids=["one", "odd", "even", "only the last 12 months"],
)
def test_median_days_to_close(officer_client: FlaskClient, make_case: Any, days_open: list[float], median: str) -> None:
    for days in days_open:
        closed = at(TODAY - timedelta(days=5))
        opened = closed - timedelta(days=days)
        if days > 365:  # closed more than a year ago: not counted
            closed, opened = at(TODAY - timedelta(days=days)), at(TODAY - timedelta(days=days + 30))
        make_case(status="closed", opened_at=opened, closed_at=closed, closure_reason="on_roll")
    assert check_page(officer_client.get("/officers/")).has_text(f"Median days to close {median}")


def test_the_census_counts_only_children_of_compulsory_school_age(
    officer_client: FlaskClient, make_case: Any, term_dates: None
) -> None:
    missing_since = {"last_day_in_education": date(2026, 11, 16), "opened_at": at(date(2026, 11, 17))}
    make_case(first_name="Of", date_of_birth=date(2015, 3, 4), **missing_since)  # Year 6
    make_case(first_name="Below", date_of_birth=date(2022, 1, 10), **missing_since)  # CSA from 31 March 2027
    make_case(first_name="Over", date_of_birth=date(2009, 8, 1), **missing_since)  # CSA ended 27 June 2025
    make_case(first_name="Unknown", date_of_birth=None, **missing_since)
    page = check_page(officer_client.get("/officers/?census=25&census=11&census=2026"))
    assert page.has_text("Children of compulsory school age on the census date only: born from 1 September 2010")
    assert page.has_text("Child missing education 1"), "open on the census date, by type"
    assert page.has_text("Public referral 1") and page.has_text("Up to 10 school days 1")
    assert page.has_text("Became CME this term 1")
    assert page.has_text("Not counted: 2 open cases of children not of compulsory school age on the census date")
    assert page.has_text("1 open case with no date of birth")
    for href, figure in FIGURE_LINK.findall(page.html):
        if "open_on=" in href or "opened_from=2026-09-01" in href:
            assert caseload_count(officer_client, html.unescape(href)) == int(figure), href
