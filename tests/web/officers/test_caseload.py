"""The caseload: every filter and sort, search, pages, the htmx fragment, CSV export and a constant query count."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient
from playhouse.test_utils import count_queries

from portal.models import AuditEvent, Case, School, User
from portal.queries.case_order import GROUPED, SORTS
from portal.queries.cases import CaseFilters, CasePage, iter_cases, list_cases
from portal.rules.register import CaseSource, CaseType, RiskFlag
from portal.services.users import create_user
from tests.conftest import PASSWORD, TODAY
from tests.pages import check_fragment, check_page
from tests.web.officers.conftest import at

REFERENCE = re.compile(r">(CME-\d{4}-\d{6})</a>")


def references(response: Any) -> list[str]:
    return REFERENCE.findall(response.get_data(as_text=True))


def shown(client: FlaskClient, query: str) -> set[str]:
    response = client.get("/officers/cases" + query)
    check_page(response)
    return set(references(response))


def test_the_caseload_lists_open_cases_with_their_details(
    officer_client: FlaskClient, make_case: Any, school: School
) -> None:
    case = make_case(
        first_name="Zainab", last_name="Ahmed", school=school, next_action="Home visit", next_action_date=TODAY
    )
    make_case(first_name="Closed", status="closed")
    page = check_page(officer_client.get("/officers/cases"))
    assert page.h1 == ["Cases"]
    assert references(officer_client.get("/officers/cases")) == [case.reference]
    for text in (
        "Zainab Ahmed",
        "4 Mar 2015",
        "Riverside Primary School",
        "Public referral",
        "Child missing education",
        "Received",
        "Not assigned",
        "Home visit",
        "1 case",
    ):
        assert page.has_text(text), text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"open-a", "open-b", "open-c"}),
        ("?status=all", {"open-a", "open-b", "open-c", "closed"}),
        ("?status=closed", {"closed"}),
        ("?status=with_officer", {"open-b"}),
        ("?status=more_information", {"open-c"}),
        ("?status=received", {"open-a"}),
        ("?status=nonsense", {"open-a", "open-b", "open-c"}),
    ],
    ids=["open by default", "all", "closed", "with officer", "more information", "received", "unknown means open"],
)
def test_status_filter(officer_client: FlaskClient, make_case: Any, query: str, expected: set[str]) -> None:
    cases = {
        "open-a": make_case(),
        "open-b": make_case(status="with_officer"),
        "open-c": make_case(status="more_information"),
        "closed": make_case(status="closed"),
    }
    assert shown(officer_client, query) == {cases[name].reference for name in expected}


@pytest.mark.parametrize(
    ("field", "value", "param"),
    [
        ("case_type", CaseType.EHE, "type=ehe"),
        ("case_type", CaseType.ABROAD, "type=abroad"),
        ("case_type", CaseType.CMOE, "type=cmoe"),
        ("case_type", CaseType.ATTENDANCE, "type=attendance"),
        ("source", CaseSource.SCHOOL_LEAVER, "source=school_leaver"),
        ("source", CaseSource.SCHOOL_REFERRAL, "source=school_referral"),
        ("source", CaseSource.PARENT, "source=parent"),
        ("source", CaseSource.ABROAD_ESCALATION, "source=abroad_escalation"),
        ("source", CaseSource.OFFICER, "source=officer"),
    ],
    ids=lambda value: str(value) if isinstance(value, str) else value.value,
)
def test_type_and_source_filters(
    officer_client: FlaskClient, make_case: Any, field: str, value: Any, param: str
) -> None:
    wanted = make_case(**{field: value})
    make_case()  # a CME case from a public referral
    assert shown(officer_client, "?" + param) == {wanted.reference}


def test_risk_filter_and_high_priority_first(officer_client: FlaskClient, make_case: Any) -> None:
    standard = make_case(first_name="Standard", next_action_date=TODAY)
    high = make_case(first_name="Protected", flags={RiskFlag.CP_PLAN: ""}, next_action_date=TODAY + timedelta(days=9))
    assert shown(officer_client, "?risk=high") == {high.reference}
    assert shown(officer_client, "?risk=standard") == {standard.reference}
    assert references(officer_client.get("/officers/cases")) == [high.reference, standard.reference]
    page = check_page(officer_client.get("/officers/cases?risk=high"))
    assert page.has_text("High Child protection plan")


def test_school_and_officer_filters(
    officer_client: FlaskClient, make_case: Any, officer: User, school: School, other_school: School
) -> None:
    colleague = create_user("lao@example.gov.uk", role="officer", password=PASSWORD, name="Liam Link")
    School.update(link_officer_id=officer.id).where(School.id == school.id).execute()
    mine = make_case(school=school, assigned_to=officer.id)
    theirs = make_case(school=other_school, assigned_to=colleague.id)
    nobody = make_case(school=other_school)
    assert shown(officer_client, f"?school={school.id}") == {mine.reference}
    assert shown(officer_client, f"?school={other_school.id}") == {theirs.reference, nobody.reference}
    assert shown(officer_client, "?officer=mine") == {mine.reference}
    assert shown(officer_client, "?officer=my_schools") == {mine.reference}
    assert shown(officer_client, "?officer=unassigned") == {nobody.reference}
    assert shown(officer_client, f"?officer={colleague.id}") == {theirs.reference}
    assert check_page(officer_client.get(f"/officers/cases?officer={colleague.id}")).has_text("Liam Link")
    assert shown(officer_client, "?school=abc&officer=x'; DROP") == {mine.reference, theirs.reference, nobody.reference}


def test_overdue_filter_counts_in_school_days(officer_client: FlaskClient, make_case: Any, term_dates: None) -> None:
    overdue = make_case(next_action="Visit", next_action_date=date(2026, 11, 20))
    due = make_case(next_action="Call", next_action_date=date(2026, 11, 27))
    make_case()
    assert shown(officer_client, "?overdue=1") == {overdue.reference}
    page = check_page(officer_client.get("/officers/cases?sort=due"))
    assert page.has_text("overdue by 3 school days") and page.has_text("due in 2 school days")
    assert references(officer_client.get("/officers/cases?sort=due"))[:2] == [overdue.reference, due.reference]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("khan", {"amira khan", "zain khanna"}),
        ("KHAN", {"amira khan", "zain khanna"}),
        ("am", {"amira khan", "sam amis"}),
        ("amira kh", {"amira khan"}),
        ("khan amira", {"amira khan"}),
        ("  Khan   Amira ", {"amira khan"}),
        ("zain", {"zain khanna"}),
        ("mary jane", {"mary jane o'neill"}),
        ("o'neill", {"mary jane o'neill"}),
        ("nobody", set()),
    ],
    ids=[
        "surname prefix",
        "any case",
        "first or last name",
        "first then last",
        "last then first",
        "spaces",
        "first name",
        "two first names",
        "apostrophe",
        "no match",
    ],
)
def test_search_by_name(officer_client: FlaskClient, make_case: Any, q: str, expected: set[str]) -> None:
    people = {
        "amira khan": make_case(first_name="Amira", last_name="Khan"),
        "zain khanna": make_case(first_name="Zain", last_name="Khanna"),
        "sam amis": make_case(first_name="Sam", last_name="Amis"),
        "mary jane o'neill": make_case(first_name="Mary Jane", last_name="O'Neill"),
    }
    found = shown(officer_client, "?" + urlencode({"q": q}))
    assert found == {people[name].reference for name in expected}


def test_a_name_search_over_every_status_in_name_order_lists_each_case_once_and_pages(
    app: Flask, officer: User, officer_client: FlaskClient, make_case: Any
) -> None:
    """The page is read from the name matches alone here (no other filter, name order), so check it in full."""
    made = {
        "Wilson": make_case(first_name="Wilma", last_name="Wilson"),  # matches as a first and as a last name
        "Adams": make_case(first_name="Wilf", last_name="Adams"),
        "Ward": make_case(first_name="Will", last_name="Ward", status="closed"),
        "Wilkins": make_case(first_name="Amy", last_name="Wilkins"),
    }
    make_case(first_name="Bob", last_name="Jones")
    by_reference = {case.reference: name for name, case in made.items()}
    ascending = officer_client.get("/officers/cases?q=wil&status=all&sort=name")
    assert check_page(ascending).has_text("4 cases")
    assert [by_reference[r] for r in references(ascending)] == ["Adams", "Ward", "Wilkins", "Wilson"]
    descending = officer_client.get("/officers/cases?q=WIL&status=all&sort=name&dir=desc")
    assert [by_reference[r] for r in references(descending)] == ["Wilson", "Wilkins", "Ward", "Adams"]
    with app.test_request_context():
        pages = [
            list_cases(
                CaseFilters(q="wil", status="all", sort="name", page=page),
                officer_id=officer.id,
                today=TODAY,
                calendar=None,
                page_size=3,
            )
            for page in (1, 2, 3)
        ]
    assert [[row.reference for row in page.rows] for page in pages[:2]] == [
        [made["Adams"].reference, made["Ward"].reference, made["Wilkins"].reference],
        [made["Wilson"].reference],
    ]
    assert [(page.total, page.page) for page in pages] == [(4, 1), (4, 2), (4, 2)], "past the end: the last page"
    open_only = officer_client.get("/officers/cases?q=wil&sort=name")
    assert [by_reference[r] for r in references(open_only)] == ["Adams", "Wilkins", "Wilson"]


def test_search_by_reference_upn_and_postcode(officer_client: FlaskClient, make_case: Any) -> None:
    first = make_case(upn="H801200001001", postcode="W5 2HL")
    second = make_case(first_name="Other", postcode="W13 9AB")
    assert shown(officer_client, f"?q={first.reference.lower()}") == {first.reference}
    assert shown(officer_client, "?q=h801200001001") == {first.reference}
    assert shown(officer_client, "?q=w52hl") == {first.reference}
    assert shown(officer_client, "?q=W13") == {second.reference}
    assert shown(officer_client, "?q=CME-") == {first.reference, second.reference}


def test_date_filters_from_the_dashboard(officer_client: FlaskClient, make_case: Any) -> None:
    old = make_case(opened_at=at(date(2026, 9, 10)), last_day_in_education=date(2026, 9, 1))
    new = make_case(opened_at=at(TODAY), last_day_in_education=date(2026, 11, 10))
    assert shown(officer_client, "?opened_from=2026-11-23") == {new.reference}
    assert shown(officer_client, "?opened_to=2026-10-01") == {old.reference}
    assert shown(officer_client, "?open_on=2026-10-01") == {old.reference}
    assert shown(officer_client, "?last_day_from=2026-11-01") == {new.reference}
    assert shown(officer_client, "?last_day_to=2026-09-30") == {old.reference}
    page = check_page(officer_client.get("/officers/cases?opened_from=2026-11-23"))
    assert page.has_text("Opened on or after 23 November 2026 Remove")
    assert shown(officer_client, "?opened_from=not-a-date") == {old.reference, new.reference}


def _sortable_cases(make_case: Any, school: School, other_school: School, officer: User) -> list[Case]:
    colleague = create_user("zara@example.gov.uk", role="officer", password=PASSWORD, name="Zara Link")
    return [
        make_case(
            first_name="Bea",
            last_name="Adams",
            date_of_birth=date(2012, 1, 1),
            school=school,
            case_type=CaseType.EHE,
            source=CaseSource.PARENT,
            status="with_officer",
            assigned_to=officer.id,
            next_action_date=TODAY + timedelta(days=2),
            reference="CME-2026-000003",
        ),
        make_case(
            first_name="Cal",
            last_name="Brown",
            date_of_birth=date(2016, 6, 1),
            school=other_school,
            case_type=CaseType.ABROAD,
            source=CaseSource.ABROAD_ESCALATION,
            status="received",
            flags={RiskFlag.LAC: ""},
            next_action_date=TODAY + timedelta(days=5),
            reference="CME-2026-000001",
            assigned_to=colleague.id,
        ),
        make_case(
            first_name="Ada",
            last_name="Clark",
            date_of_birth=date(2014, 3, 1),
            school=None,
            case_type=CaseType.CME,
            source=CaseSource.SCHOOL_LEAVER,
            status="more_information",
            next_action_date=None,
            reference="CME-2026-000002",
        ),
    ]


# For each column: the expected order of (Adams, Brown, Clark) when sorted ascending.
SORT_ORDERS = {
    "reference": ["Brown", "Clark", "Adams"],
    "name": ["Adams", "Brown", "Clark"],
    "dob": ["Adams", "Clark", "Brown"],
    "age": ["Brown", "Clark", "Adams"],
    "school": ["Brown", "Adams", "Clark"],  # Hillcrest, Riverside, then no school last
    "source": ["Brown", "Adams", "Clark"],  # Leave abroad escalation, Parent, School leaver
    "type": ["Clark", "Adams", "Brown"],  # Child missing education, Elective home education, Extended leave abroad
    "status": ["Clark", "Brown", "Adams"],  # More information needed, Received, With CME officer
    "officer": ["Adams", "Brown", "Clark"],  # Officer, Zara Link, then not assigned
    "risk": ["Brown", "Adams", "Clark"],
    "next_action": ["Adams", "Brown", "Clark"],
    "due": ["Adams", "Brown", "Clark"],
    "opened": ["Adams", "Brown", "Clark"],
    "priority": ["Brown", "Adams", "Clark"],
}


@pytest.mark.parametrize("key", sorted(SORTS))
def test_every_column_sorts_both_ways(
    officer_client: FlaskClient, make_case: Any, school: School, other_school: School, officer: User, key: str
) -> None:
    cases = _sortable_cases(make_case, school, other_school, officer)
    by_reference = {case.reference: case.child.last_name for case in cases}
    ascending = [by_reference[r] for r in references(officer_client.get(f"/officers/cases?sort={key}"))]
    assert ascending == SORT_ORDERS[key]
    response = officer_client.get(f"/officers/cases?sort={key}&dir=desc")
    check_page(response)
    descending = [by_reference[r] for r in references(response)]
    if key == "priority":
        assert descending == ascending, "priority has one direction"
    elif key in ("school", "officer", "next_action", "due"):  # one blank each
        assert descending[-1] == ascending[-1], "blanks stay last both ways"
        assert descending[:-1] == list(reversed(ascending[:-1]))
    else:
        assert descending == list(reversed(ascending))
    if key not in ("priority", "opened"):  # the columns of the table
        assert 'aria-sort="descending"' in response.get_data(as_text=True)


@pytest.mark.parametrize("status", ["all", "open"])
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("key", sorted(GROUPED))
def test_orders_by_school_officer_or_label_page_through_every_case_once_in_order(
    app: Flask,
    make_case: Any,
    school: School,
    other_school: School,
    officer: User,
    key: str,
    descending: bool,
    status: str,
) -> None:
    """These orders are paged group by group (a school, an officer, a label), so pages start and end inside groups
    and hold several: page by page, they must list exactly what the export lists, in the same order."""
    namesake = School.create(urn=990003, name=other_school.name, la_code="999", la_name="Demo Borough")
    colleague = create_user("zara@example.gov.uk", role="officer", password=PASSWORD, name="Zara Link")
    schools = [school, other_school, None, namesake, other_school]
    officers = [officer.id, None, colleague.id]
    types, sources = list(CaseType), list(CaseSource)
    statuses = ["received", "with_officer", "closed", "more_information"]
    for number in range(17):
        make_case(
            first_name=f"Kid{number:02d}",
            school=schools[number % len(schools)],
            assigned_to=officers[number % len(officers)],
            case_type=types[number % len(types)],
            source=sources[(number * 2) % len(sources)],
            status=statuses[number % len(statuses)],
        )
    filters = CaseFilters(status=status, sort=key, descending=descending)
    with app.test_request_context():
        exported = [row.id for row in iter_cases(filters, officer_id=officer.id, today=TODAY, calendar=None)]
        pages = [
            list_cases(filters.with_page(page), officer_id=officer.id, today=TODAY, calendar=None, page_size=4)
            for page in range(1, 7)
        ]
    assert len(exported) == (17 if status == "all" else 13)
    assert {page.total for page in pages} == {len(exported)}
    listed = [row.id for page in pages[: -(-len(exported) // 4)] for row in page.rows]
    assert listed == exported
    assert [row.id for row in pages[-1].rows] == exported[-(len(exported) % 4 or 4) :], "past the end: the last page"


def test_pages_with_the_total_count(app: Flask, officer_client: FlaskClient, make_case: Any) -> None:
    for number in range(55):
        make_case(first_name=f"Child{number:02d}", reference=f"CME-2026-{number:06d}")
    first = check_page(officer_client.get("/officers/cases?sort=reference"))
    assert first.has_text("55 cases, showing 1 to 50")
    assert len(references(officer_client.get("/officers/cases?sort=reference"))) == 50
    second = officer_client.get("/officers/cases?sort=reference&page=2")
    assert check_page(second).has_text("55 cases, showing 51 to 55")
    assert references(second) == [f"CME-2026-{n:06d}" for n in range(50, 55)]
    assert 'href="/officers/cases?sort=reference"' in second.get_data(as_text=True), "a link back to page 1"
    for page in ("0", "-1", "abc", "99999999999", "3"):
        assert officer_client.get(f"/officers/cases?page={page}").status_code == 200


@pytest.mark.parametrize(
    ("page", "numbers"),
    [(1, [1, 2, 3, 40]), (10, [1, 8, 9, 10, 11, 12, 40]), (39, [1, 37, 38, 39, 40]), (40, [1, 38, 39, 40])],
)
def test_the_pager_links_to_the_first_and_last_pages_and_two_either_side(page: int, numbers: list[int]) -> None:
    result = CasePage(rows=[], total=1_990, page=page, page_size=50, filters=CaseFilters(page=page))
    assert result.pager_numbers == numbers


def test_the_filter_form_works_without_javascript_and_is_enhanced_with_htmx(officer_client: FlaskClient) -> None:
    response = officer_client.get("/officers/cases")
    html = response.get_data(as_text=True)
    form = re.search(r"<form[^>]*role=\"search\"[^>]*>", html, re.S).group(0)
    assert 'method="get"' in form and 'action="/officers/cases"' in form
    assert 'hx-get="/officers/cases"' in form and 'hx-push-url="true"' in form and 'hx-target="#results"' in form
    assert "delay:300ms from:#search" in form
    assert ">Apply filters<" in html or "Apply filters" in check_page(response).text


def test_htmx_gets_the_results_fragment_and_the_browser_the_page(officer_client: FlaskClient, make_case: Any) -> None:
    case = make_case()
    full = officer_client.get("/officers/cases?q=khan")
    page = check_page(full)
    assert page.h1 == ["Cases"] and "HX-Request" in full.headers["Vary"]
    fragment = officer_client.get("/officers/cases?q=khan", headers={"HX-Request": "true"})
    part = check_fragment(fragment)
    assert "HX-Request" in fragment.headers["Vary"]
    assert references(fragment) == [case.reference]
    assert 'id="results"' in part.html and 'hx-swap-oob="true"' in part.html and "1 case" in part.text
    assert 'role="search"' not in part.html, "no filter form in the fragment"
    boosted = officer_client.get("/officers/cases?q=khan", headers={"HX-Request": "true", "HX-Boosted": "true"})
    check_page(boosted)
    restore = officer_client.get(
        "/officers/cases?q=khan", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    check_page(restore)


def test_bad_input_never_breaks_the_caseload(officer_client: FlaskClient, make_case: Any) -> None:
    make_case()
    for query in (
        "?q=" + "x" * 5000,
        "?q=%00%ff",
        "?sort=drop&dir=up",
        "?risk=extreme&type=alien",
        "?q=*[]?%_",
        "?open_on=2026-02-30",
        "?q=CME-9999-",
    ):
        check_page(officer_client.get("/officers/cases" + query))


@pytest.mark.parametrize(
    ("filters", "queries"),
    [
        (CaseFilters(q="kid"), 2),  # the page with a window count, the flags
        (CaseFilters(q="kid", status="all", sort="name"), 2),  # the same, read from the name matches alone
        (CaseFilters(sort="name", status="all"), 3),  # the count, the page, the flags
        (CaseFilters(assigned="my_schools", sort="officer", overdue=False), 3),
        (CaseFilters(school_search="riverside", sort="school"), 3),
    ],
    ids=["search", "name search alone", "no search", "my schools by officer", "school search by school"],
)
def test_list_cases_runs_a_constant_number_of_queries(
    app: Flask, make_case: Any, school: School, officer: User, filters: CaseFilters, queries: int
) -> None:
    School.update(link_officer_id=officer.id).where(School.id == school.id).execute()

    def queries_for(total: int) -> int:
        for number in range(total - Case.select().count()):
            make_case(first_name=f"Kid{number}", school=school, flags={RiskFlag.EAL: ""}, assigned_to=officer.id)
        with app.test_request_context(), count_queries() as counter:
            result = list_cases(filters, officer_id=officer.id, today=TODAY, calendar=None, page_size=200)
        assert result.total == total and len(result.rows) == total
        return counter.count

    assert queries_for(10) == queries_for(100) == queries


def test_csv_export_of_the_filtered_caseload_is_audited(
    officer_client: FlaskClient, make_case: Any, officer: User, school: School
) -> None:
    wanted = make_case(
        first_name="=HYPERLINK(1)", last_name="Khan", school=school, next_action="Visit", next_action_date=TODAY
    )
    make_case(first_name="Other", last_name="Person")
    response = officer_client.get("/officers/cases/export.csv?q=khan")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["Reference", "Child", "Date of birth"]
    assert len(rows) == 2 and rows[1][0] == wanted.reference
    assert rows[1][1] == "'=HYPERLINK(1) Khan", "a cell never starts a spreadsheet formula"
    assert rows[1][4] == "Riverside Primary School"
    record = AuditEvent.get(AuditEvent.action == "export")
    assert record.user_id == officer.id
    assert json.loads(record.changes) == {"filters": [None, {"q": "khan"}], "rows": [None, 1]}


def test_the_caseload_links_from_the_page_to_the_export_with_the_same_filters(
    officer_client: FlaskClient, make_case: Any
) -> None:
    make_case()
    html = officer_client.get("/officers/cases?q=khan&risk=standard").get_data(as_text=True)
    assert 'href="/officers/cases/export.csv?q=khan&amp;risk=standard"' in html
    assert "Download this case (CSV)" in html
    make_case(first_name="Other")
    assert check_page(officer_client.get("/officers/cases")).has_text("Download these 2 cases (CSV)")


# --- The school filter: a search box, not a list of every school in England -----------------------------------------
FILTER_FORM = re.compile(r'<form[^>]*role="search".*?</form>', re.S)
SCHOOL_LINK = re.compile(r'<a class="govuk-link" href="/officers/cases\?([^"]*school=[0-9]+[^"]*)">([^<]*)</a>')


def _filter_form(response: Any) -> str:
    found = FILTER_FORM.search(response.get_data(as_text=True))
    assert found, "the page has the filter form"
    return found.group(0)


def _school_box(response: Any) -> str:
    found = re.search(r'<input[^>]*name="school_search"[^>]*>', _filter_form(response))
    assert found, "the filter form has a school search box"
    return found.group(0)


def test_the_school_filter_is_a_search_box_not_a_list_of_every_school(
    officer_client: FlaskClient, school: School, other_school: School
) -> None:
    response = officer_client.get("/officers/cases")
    check_page(response)
    form = _filter_form(response)
    assert 'name="school"' not in form, "no select of every school"
    assert "Hillcrest Academy" not in form and "Riverside Primary School" not in form
    box = _school_box(response)
    assert 'type="search"' in box and 'value=""' in box
    assert re.search(r'<label[^>]*for="filter-school"[^>]*>\s*School last attended\s*</label>', form)


def test_a_school_name_shows_the_cases_of_every_matching_school_and_offers_each(
    officer_client: FlaskClient, make_case: Any, school: School, other_school: School
) -> None:
    infants = School.create(urn=990003, name="Riverside Infant School", la_code="999", la_name="Demo Borough")
    primary_case = make_case(school=school)
    infant_case = make_case(school=infants)
    make_case(school=other_school)
    make_case()  # no school known
    assert shown(officer_client, "?school_search=riverSIDE") == {primary_case.reference, infant_case.reference}
    response = officer_client.get("/officers/cases?school_search=riverSIDE&status=all")
    page = check_page(response)
    assert page.has_text("2 schools match “riverSIDE”")
    offered = {label: query for query, label in SCHOOL_LINK.findall(page.html)}
    assert set(offered) == {"Riverside Infant School (URN 990003)", "Riverside Primary School (URN 990001)"}
    # Choosing one keeps the other filters, and fills the box with that school, which the form then sends.
    chosen = offered["Riverside Infant School (URN 990003)"].replace("&amp;", "&")
    assert f"school={infants.id}" in chosen and "status=all" in chosen and "school_search" not in chosen
    narrowed = officer_client.get(f"/officers/cases?{chosen}")
    assert set(references(narrowed)) == {infant_case.reference}
    assert 'value="Riverside Infant School (URN 990003)"' in _school_box(narrowed)
    resent = urlencode({"q": "", "school_search": "Riverside Infant School (URN 990003)", "status": "all"})
    assert shown(officer_client, f"?{resent}") == {infant_case.reference}


def test_a_urn_shows_the_cases_of_that_school(
    officer_client: FlaskClient, make_case: Any, school: School, other_school: School
) -> None:
    hillcrest = make_case(school=other_school)
    make_case(school=school)
    assert shown(officer_client, "?school_search=990002") == {hillcrest.reference}
    assert shown(officer_client, "?school_search=+990002+") == {hillcrest.reference}
    page = check_page(officer_client.get("/officers/cases?school_search=990002"))
    assert not SCHOOL_LINK.findall(page.html), "one school: nothing to choose from"


def test_a_link_to_one_school_fills_the_box_and_emptying_it_removes_the_filter(
    officer_client: FlaskClient, make_case: Any, school: School, other_school: School
) -> None:
    riverside = make_case(school=school)
    hillcrest = make_case(school=other_school)
    response = officer_client.get(f"/officers/cases?school={school.id}")  # as linked from the dashboard
    assert set(references(response)) == {riverside.reference}
    assert 'value="Riverside Primary School (URN 990001)"' in _school_box(response)
    assert shown(officer_client, "?q=&school_search=&status=open") == {riverside.reference, hillcrest.reference}


def test_no_matching_school_says_so(officer_client: FlaskClient, make_case: Any, school: School) -> None:
    make_case(school=school)
    page = check_page(officer_client.get("/officers/cases?school_search=Nowhere+Academy"))
    assert page.has_text("No school matches “Nowhere Academy”")
    assert references(officer_client.get("/officers/cases?school_search=Nowhere+Academy")) == []


def test_many_matching_schools_are_listed_ten_at_most(
    officer_client: FlaskClient, make_case: Any, school: School
) -> None:
    for number in range(12):
        School.create(urn=991000 + number, name=f"Oakwood School {number:02}", la_code="999", la_name="Demo Borough")
    page = check_page(officer_client.get("/officers/cases?school_search=oakwood"))
    assert len(SCHOOL_LINK.findall(page.html)) == 10
    assert page.has_text("More than 10 schools match “oakwood”")


def test_the_matching_schools_come_with_the_htmx_results_and_page_links_keep_the_search(
    officer_client: FlaskClient, make_case: Any, school: School
) -> None:
    School.create(urn=990003, name="Riverside Infant School", la_code="999", la_name="Demo Borough")
    for number in range(51):
        make_case(first_name=f"Kid{number}", school=school)
    fragment = officer_client.get("/officers/cases?school_search=riverside", headers={"HX-Request": "true"})
    part = check_fragment(fragment)
    assert len(SCHOOL_LINK.findall(part.html)) == 2
    # The choices are plain links: the whole page comes back, so the filter form shows the school chosen.
    assert not re.search(r'<a class="govuk-link" href="/officers/cases\?[^"]*school=[0-9]+[^"]*"[^>]*hx-get', part.html)
    assert "school_search=riverside&amp;page=2" in part.html or "page=2&amp;school_search=riverside" in part.html


def test_bad_school_searches_never_break_the_caseload(officer_client: FlaskClient, make_case: Any) -> None:
    make_case()
    for text in ("%", "_", "x" * 5000, "²", "٣", "(URN 99999999999999999999)", "A (URN ²)", "'; DROP TABLE school; --"):
        check_page(officer_client.get("/officers/cases", query_string={"school_search": text}))
