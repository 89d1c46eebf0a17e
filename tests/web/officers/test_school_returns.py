"""The schools' returns for officers: part-time timetables, alternative provision, pupils not attending and pending
leavers across every school; search, filters, sort, pages, htmx, CSV export, record pages, the audit and access."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from itertools import count
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from playhouse.test_utils import count_queries

from portal.db import db
from portal.models import AuditEvent, School, User
from portal.models.school_records import ApPlacement, Leaver, PartTimeEvent, PartTimeTimetable, PupilNotAttending
from portal.queries.school_returns import ReturnFilters, list_returns
from portal.rules.leavers import ITEM_LABELS
from portal.rules.register import CaseSource, CaseType
from portal.services.cases import open_case
from portal.services.children import ChildDetails, record_child
from tests.conftest import TODAY, sign_in_as
from tests.pages import check_fragment, check_page

URLS = {
    "part_time": "/officers/returns/part-time-timetables",
    "ap_placement": "/officers/returns/alternative-provision",
    "not_attending": "/officers/returns/not-attending",
    "leaver": "/officers/returns/pending-leavers",
}
TITLES = {
    "part_time": "Part-time timetables",
    "ap_placement": "Alternative provision",
    "not_attending": "Pupils not attending",
    "leaver": "Pending leavers",
}
REFERENCE = re.compile(r"\b((?:PTT|AP|NA|LVR)-\d{4}-\d{6})\b")
_numbers = count(1)


def _reference(prefix: str) -> str:
    return f"{prefix}-2026-{next(_numbers):06d}"


def _pupil(first: str, last: str, dob: date, upn: str | None) -> dict[str, Any]:
    return {"first_name": first, "last_name": last, "date_of_birth": dob, "upn": upn, "year_group": 4}


def make_part_time(school: School, first: str = "Ethan", last: str = "Cole", **fields: Any) -> PartTimeTimetable:
    values: dict[str, Any] = {
        **_pupil(first, last, fields.pop("date_of_birth", date(2017, 5, 4)), fields.pop("upn", None)),
        "reference": _reference("PTT"),
        "school": school,
        "flags": "lac,ehcp",
        "social_worker_name": "Sam Jones",
        "reason": "medical",
        "reason_detail": "Recovering from an operation",
        "start_date": date(2026, 11, 23),
        "planned_end_date": date(2026, 12, 21),
        "hours_per_week": 15.0,
        "normal_hours_per_week": 32.5,
        "parent_name": "Mia Cole",
        "parent_agreed_on": date(2026, 11, 20),
        "next_review_on": date(2026, 12, 7),
    }
    return PartTimeTimetable.create(**{**values, **fields})


def make_ap(school: School, first: str = "Maya", last: str = "Patel", **fields: Any) -> ApPlacement:
    values: dict[str, Any] = {
        **_pupil(first, last, fields.pop("date_of_birth", date(2012, 1, 9)), fields.pop("upn", None)),
        "reference": _reference("AP"),
        "school": school,
        "provider": "Bridge Learning Centre",
        "arranged_by": "la",
        "hours_per_week": 20.0,
        "start_date": date(2026, 9, 7),
        "end_date": date(2027, 2, 12),
    }
    return ApPlacement.create(**{**values, **fields})


def make_not_attending(school: School, first: str = "Leo", last: str = "Grant", **fields: Any) -> PupilNotAttending:
    values: dict[str, Any] = {
        **_pupil(first, last, fields.pop("date_of_birth", date(2011, 6, 1)), fields.pop("upn", None)),
        "reference": _reference("NA"),
        "school": school,
        "reason": "ebsa",
        "since": date(2026, 10, 5),
        "actions": "Weekly home visits",
    }
    return PupilNotAttending.create(**{**values, **fields})


def make_leaver(school: School, first: str = "Ava", last: str = "Stone", **fields: Any) -> Leaver:
    with db.atomic():
        child = record_child(
            ChildDetails(
                first_name=first,
                last_name=last,
                date_of_birth=fields.pop("date_of_birth", date(2017, 5, 4)),
                upn=fields.pop("upn", None),
            ),
            actor=None,
        )
        values: dict[str, Any] = {
            "reference": _reference("LVR"),
            "school": school,
            "child": child,
            "ground": "G",
            "destination": "uk_school",
            "year_group": 4,
            "last_attended": date(2026, 11, 20),
            "deletion_date": date(2026, 11, 25),
            "outcome": "information_due",
            "information_due": date(2026, 12, 4),
            "missing": json.dumps([ITEM_LABELS["new_school"], ITEM_LABELS["admission_confirmed"]]),
        }
        return Leaver.create(**{**values, **fields})


MAKERS = {
    "part_time": make_part_time,
    "ap_placement": make_ap,
    "not_attending": make_not_attending,
    "leaver": make_leaver,
}


def references(response: Any) -> list[str]:
    """The references in the register's table, in order (each row shows its reference once)."""
    html = response.get_data(as_text=True)
    table = html[html.find("<table") : html.find("</table>")] if "<table" in html else ""
    return REFERENCE.findall(table)


def shown(client: FlaskClient, url: str) -> list[str]:
    response = client.get(url)
    check_page(response)
    return references(response)


@pytest.mark.parametrize("kind", list(URLS), ids=list(URLS))
def test_each_register_lists_the_records_of_every_school(
    officer_client: FlaskClient, school: School, other_school: School, kind: str
) -> None:
    here = MAKERS[kind](school, first="Zainab", last="Ahmed", date_of_birth=date(2015, 3, 4))
    there = MAKERS[kind](other_school, first="Oliver", last="Brown")
    page = check_page(officer_client.get(URLS[kind]))
    assert page.h1 == [TITLES[kind]]
    assert sorted(references(officer_client.get(URLS[kind]))) == sorted([here.reference, there.reference])
    for text in ("Zainab Ahmed", "4 Mar 2015", "Year 4", "Riverside Primary School", "Hillcrest Academy", "2 records"):
        assert page.has_text(text), text
    assert page.has_text("Download these 2 records (CSV)")


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (
            "part_time",
            (
                "23 Nov 2026",
                "21 Dec 2026",
                "15 of 32.5",
                "A medical condition, including mental health",
                "Education, health and care plan, Looked after child",
                "Current",
                "7 Dec 2026",
            ),
        ),
        (
            "ap_placement",
            (
                "Bridge Learning Centre",
                "The local authority (section 19 or an EHC plan, code K)",
                "20",
                "7 Sep 2026",
                "12 Feb 2027",
                "Current",
            ),
        ),
        ("not_attending", ("Anxiety or emotionally based school avoidance", "5 Oct 2026", "Not attending")),
        (
            "leaver",
            (
                "G: ",
                "20 Nov 2026",
                ITEM_LABELS["admission_confirmed"],
                ITEM_LABELS["new_school"],
                "4 Dec 2026",
                "None",
            ),
        ),
    ],
    ids=list(URLS),
)
def test_each_register_shows_its_key_columns(
    officer_client: FlaskClient, school: School, kind: str, expected: tuple[str, ...]
) -> None:
    MAKERS[kind](school)
    page = check_page(officer_client.get(URLS[kind]))
    for text in expected:
        assert page.has_text(text), text


@pytest.mark.parametrize(
    ("kind", "query", "expected"),
    [
        ("part_time", "", {"current", "overdue"}),
        ("part_time", "?status=ended", {"ended"}),
        ("part_time", "?status=review_overdue", {"overdue"}),
        ("part_time", "?status=all", {"current", "overdue", "ended"}),
        ("part_time", "?status=nonsense", {"current", "overdue"}),
        ("ap_placement", "", {"current"}),
        ("ap_placement", "?status=ended", {"ended"}),
        ("ap_placement", "?status=all", {"current", "ended"}),
        ("not_attending", "", {"current"}),
        ("not_attending", "?status=closed", {"ended"}),
        ("not_attending", "?status=all", {"current", "ended"}),
    ],
    ids=[
        "part-time current by default",
        "part-time ended",
        "part-time review overdue",
        "part-time all",
        "part-time unknown means current",
        "AP current by default",
        "AP ended",
        "AP all",
        "not attending by default",
        "attending again",
        "not attending all",
    ],
)
def test_current_and_ended_filters(
    officer_client: FlaskClient, school: School, kind: str, query: str, expected: set[str]
) -> None:
    ended = {"part_time": "ended", "ap_placement": "ended", "not_attending": "closed"}[kind]
    current_status = "open" if kind == "not_attending" else "active"
    records = {
        "current": MAKERS[kind](school, first="Current", status=current_status),
        "ended": MAKERS[kind](school, first="Ended", status=ended),
    }
    if kind == "part_time":
        records["overdue"] = make_part_time(school, first="Overdue", next_review_on=TODAY - timedelta(days=1))
    wanted = sorted(records[name].reference for name in expected)
    assert sorted(shown(officer_client, URLS[kind] + query)) == wanted


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"due", "admission", "passed"}),
        ("?status=awaiting_admission", {"admission"}),
        ("?status=deadline_passed", {"passed"}),
    ],
    ids=["every leaver whose information is due", "awaiting confirmation of admission", "deadline passed"],
)
def test_pending_leavers_are_those_whose_information_is_still_due(
    officer_client: FlaskClient, school: School, query: str, expected: set[str]
) -> None:
    leavers = {
        "due": make_leaver(school, first="Due", missing=json.dumps([ITEM_LABELS["new_address"]])),
        "admission": make_leaver(school, first="Admission"),
        "passed": make_leaver(
            school,
            first="Passed",
            information_due=TODAY - timedelta(days=1),
            missing=json.dumps([ITEM_LABELS["parent_contact"]]),
        ),
    }
    make_leaver(school, first="Complete", outcome="complete", information_due=None, missing="[]")
    make_leaver(school, first="Referred", outcome="refer_as_cme", information_due=None)
    wanted = sorted(leavers[name].reference for name in expected)
    assert sorted(shown(officer_client, URLS["leaver"] + query)) == wanted


@pytest.mark.parametrize("kind", list(URLS), ids=list(URLS))
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=zain", {"zainab"}),
        ("?q=AHMED", {"zainab"}),
        ("?q=ahmed+zainab", {"zainab"}),
        ("?q=zainab+brown", set()),
        ("?q=A123456789012", {"oliver"}),
        ("?school=hillcrest", {"oliver"}),
        ("?school=990001", {"zainab"}),
        ("?q=oliver&school=riverside", set()),
        ("?q=%25", set()),
    ],
    ids=[
        "first name prefix",
        "any case",
        "last name then first",
        "both words must match",
        "UPN",
        "school name",
        "school URN",
        "child and school together",
        "a wildcard is only a character",
    ],
)
def test_search_by_child_and_school(
    officer_client: FlaskClient, school: School, other_school: School, kind: str, query: str, expected: set[str]
) -> None:
    records = {
        "zainab": MAKERS[kind](school, first="Zainab", last="Ahmed"),
        "oliver": MAKERS[kind](other_school, first="Oliver", last="Brown", upn="A123456789012"),
    }
    wanted = sorted(records[name].reference for name in expected)
    assert sorted(shown(officer_client, URLS[kind] + query)) == wanted


@pytest.mark.parametrize("kind", list(URLS), ids=list(URLS))
def test_search_by_reference(officer_client: FlaskClient, school: School, kind: str) -> None:
    wanted = MAKERS[kind](school)
    MAKERS[kind](school)
    assert shown(officer_client, f"{URLS[kind]}?q={wanted.reference.lower()}") == [wanted.reference]


@pytest.mark.parametrize(
    ("kind", "default", "fields"),
    [
        ("part_time", "next review soonest first", "next_review_on"),
        ("ap_placement", "longest running first", "start_date"),
        ("not_attending", "longest absent first", "since"),
        ("leaver", "information due soonest first", "information_due"),
    ],
    ids=list(URLS),
)
def test_default_order_puts_the_most_pressing_first(
    officer_client: FlaskClient, school: School, kind: str, default: str, fields: str
) -> None:
    later = MAKERS[kind](school, first="Later", **{fields: date(2026, 12, 10)})
    sooner = MAKERS[kind](school, first="Sooner", **{fields: date(2026, 11, 2)})
    assert shown(officer_client, URLS[kind]) == [sooner.reference, later.reference], default


@pytest.mark.parametrize("kind", list(URLS), ids=list(URLS))
def test_sort_by_name_and_school_both_ways(
    officer_client: FlaskClient, school: School, other_school: School, kind: str
) -> None:
    brown = MAKERS[kind](school, first="Oliver", last="Brown")
    ahmed = MAKERS[kind](other_school, first="Zainab", last="ahmed")  # sorted as people read, not by character code
    url = URLS[kind]
    assert shown(officer_client, url + "?sort=name") == [ahmed.reference, brown.reference]
    assert shown(officer_client, url + "?sort=name&dir=desc") == [brown.reference, ahmed.reference]
    assert shown(officer_client, url + "?sort=school") == [ahmed.reference, brown.reference]  # Hillcrest first
    page = check_page(officer_client.get(url + "?sort=name"))
    assert 'aria-sort="ascending"' in page.html and f'href="{url}?sort=name&amp;dir=desc"' in page.html


def test_pages_of_fifty(officer_client: FlaskClient, school: School) -> None:
    made = [make_not_attending(school, first=f"Kid{number:02d}", since=date(2026, 10, 1)) for number in range(51)]
    first = check_page(officer_client.get(URLS["not_attending"]))
    assert first.has_text("51 records, showing 1 to 50")
    assert len(references(officer_client.get(URLS["not_attending"]))) == 50
    assert shown(officer_client, URLS["not_attending"] + "?page=2") == [made[-1].reference]
    past_the_end = check_page(officer_client.get(URLS["not_attending"] + "?page=9"))
    assert past_the_end.has_text("showing 51 to 51"), "a page past the end shows the last page"


def test_htmx_gets_the_results_fragment_and_the_browser_the_page(officer_client: FlaskClient, school: School) -> None:
    wanted = make_part_time(school, first="Zainab")
    make_part_time(school, first="Oliver")
    url = URLS["part_time"] + "?q=zain"
    full = officer_client.get(url)
    assert check_page(full).h1 == ["Part-time timetables"] and "HX-Request" in full.headers["Vary"]
    fragment = officer_client.get(url, headers={"HX-Request": "true"})
    part = check_fragment(fragment)
    assert "HX-Request" in fragment.headers["Vary"]
    assert references(fragment) == [wanted.reference]
    assert 'role="search"' not in part.html, "no search form in the fragment"
    assert 'id="results-count"' in part.html and 'hx-swap-oob="true"' in part.html
    by_name = check_fragment(
        officer_client.get(URLS["part_time"] + "?sort=name&dir=desc", headers={"HX-Request": "true"})
    )
    assert re.search(
        r'<div id="sort-fields" hx-swap-oob="true">.*name="sort" value="name".*name="dir"', by_name.html
    ), "the search form learns the order chosen, so the next search keeps it"
    boosted = officer_client.get(url, headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert check_page(boosted).h1 == ["Part-time timetables"]


def test_the_search_form_works_without_javascript(officer_client: FlaskClient, school: School) -> None:
    page = check_page(officer_client.get(URLS["ap_placement"]))
    form = re.search(r'<form method="get" action="([^"]+)"[^>]*role="search"', page.html)
    assert form and form.group(1) == URLS["ap_placement"]
    for name in ('name="q"', 'name="school"', 'name="status"', 'type="submit"'):
        assert name in page.html, name


@pytest.mark.parametrize("kind", list(URLS), ids=list(URLS))
def test_csv_export_of_the_filtered_register_is_audited(
    officer_client: FlaskClient, officer: User, school: School, kind: str
) -> None:
    wanted = MAKERS[kind](school, first="=HYPERLINK(1)", last="Khan")
    MAKERS[kind](school, first="Other", last="Person")
    response = officer_client.get(URLS[kind] + "/export.csv?q=khan")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:7] == ["Reference", "Child", "Date of birth", "Year group", "UPN", "School", "Status"]
    assert len(rows) == 2 and rows[1][0] == wanted.reference
    assert rows[1][1] == "'=HYPERLINK(1) Khan", "a cell never starts a spreadsheet formula"
    assert rows[1][5] == "Riverside Primary School"
    record = AuditEvent.get(AuditEvent.action == "export")
    assert record.user_id == officer.id and record.object_type == "school_returns" and record.object_id == kind
    assert json.loads(record.changes) == {"filters": [None, {"q": "khan"}], "rows": [None, 1]}


def test_each_page_of_a_register_is_audited_with_the_records_it_shows(
    officer_client: FlaskClient, officer: User, school: School
) -> None:
    wanted = make_leaver(school, first="Zainab")
    make_leaver(school, first="Oliver")
    officer_client.get(URLS["leaver"] + "?q=zain")
    officer_client.get(URLS["leaver"] + "?q=zain", headers={"HX-Request": "true"})
    events = list(AuditEvent.select().where(AuditEvent.object_type == "school_returns").order_by(AuditEvent.id))
    assert len(events) == 2, "the page and the htmx fragment each show children's records"
    for event in events:
        assert (event.user_id, event.action, event.object_id) == (officer.id, "view", "leaver")
        assert json.loads(event.changes) == {"filters": [None, {"q": "zain"}], "shown": [None, [wanted.reference]]}


@pytest.mark.parametrize(
    ("kind", "object_type", "expected"),
    [
        (
            "part_time",
            "part_time_timetable",
            (
                "Part-time timetable: Ethan Cole",
                "Recovering from an operation",
                "Mia Cole on 20 November 2026",
                "Education, health and care plan, Looked after child",
                "Sam Jones",
                "Riverside Primary School (URN 990001)",
                "Reviewed",
                "Going well",
            ),
        ),
        (
            "ap_placement",
            "ap_placement",
            ("Alternative provision: Maya Patel", "Bridge Learning Centre", "code K", "12 February 2027"),
        ),
        (
            "not_attending",
            "pupil_not_attending",
            ("Not attending: Leo Grant", "Anxiety or emotionally based school avoidance", "Weekly home visits"),
        ),
    ],
    ids=["part_time", "ap_placement", "not_attending"],
)
def test_each_record_has_a_page_whose_view_is_audited(
    officer_client: FlaskClient, officer: User, school: School, kind: str, object_type: str, expected: tuple[str, ...]
) -> None:
    record = MAKERS[kind](school)
    if kind == "part_time":
        PartTimeEvent.create(timetable=record, kind="review", on=date(2026, 11, 24), note="Going well")
    listing = officer_client.get(URLS[kind])
    link = f'href="{URLS[kind]}/{record.id}"'
    assert link in listing.get_data(as_text=True), "each row links to its record"
    page = check_page(officer_client.get(f"{URLS[kind]}/{record.id}"))
    assert page.h1 == [expected[0]]
    for text in expected:
        assert page.has_text(text), text
    event = AuditEvent.get(AuditEvent.object_type == object_type, AuditEvent.action == "view")
    assert (event.user_id, event.object_id) == (officer.id, str(record.id))
    assert officer_client.get(f"{URLS[kind]}/{record.id + 1000}").status_code == 404


def test_a_leaver_page_links_to_the_case_and_its_view_is_audited(
    officer_client: FlaskClient, officer: User, school: School
) -> None:
    leaver = make_leaver(school, first="Ava", last="Stone", ground="F", destination="home_education")
    case = open_case(
        child=leaver.child, case_type=CaseType.EHE, source=CaseSource.SCHOOL_LEAVER, today=TODAY, actor=None
    )
    Leaver.update(ehe_case=case).where(Leaver.id == leaver.id).execute()
    listing = officer_client.get(URLS["leaver"]).get_data(as_text=True)
    assert f'href="/officers/cases/{case.id}"' in listing, "a row links to the child's case where there is one"
    assert f'href="{URLS["leaver"]}/{leaver.id}"' in listing
    page = check_page(officer_client.get(f"{URLS['leaver']}/{leaver.id}"))
    assert page.h1 == ["Leaver: Ava Stone"]
    for text in (
        "Information due",
        "F: ",
        "Elective home education",
        "20 November 2026",
        ITEM_LABELS["admission_confirmed"],
        case.reference,
        "4 December 2026",
    ):
        assert page.has_text(text), text
    assert f'href="/officers/cases/{case.id}"' in page.html
    event = AuditEvent.get(AuditEvent.object_type == "school_leaver", AuditEvent.action == "view")
    assert (event.user_id, event.object_id, event.child_id) == (officer.id, str(leaver.id), leaver.child_id)
    assert officer_client.get(f"{URLS['leaver']}/{leaver.id + 1000}").status_code == 404


def test_the_back_link_returns_to_the_register_as_it_was_filtered(officer_client: FlaskClient, school: School) -> None:
    record = make_ap(school)
    listing = f"http://localhost{URLS['ap_placement']}?q=maya&status=all"
    page = check_page(officer_client.get(f"{URLS['ap_placement']}/{record.id}", headers={"Referer": listing}))
    assert f'href="{URLS["ap_placement"]}?q=maya&amp;status=all"' in page.html
    elsewhere = check_page(
        officer_client.get(f"{URLS['ap_placement']}/{record.id}", headers={"Referer": "https://evil.example/x?y=1"})
    )
    assert f'href="{URLS["ap_placement"]}"' in elsewhere.html


def test_officers_find_the_registers_in_the_navigation(officer_client: FlaskClient, school: School) -> None:
    page = check_page(officer_client.get("/officers/cases"))
    assert f'href="{URLS["part_time"]}"' in page.html and page.has_text("School returns")
    register = check_page(officer_client.get(URLS["leaver"]))
    for kind in URLS:
        assert f'href="{URLS[kind]}"' in register.html, kind
    assert 'aria-current="page"' in register.html


@pytest.mark.parametrize("kind", list(URLS), ids=list(URLS))
def test_odd_query_strings_never_break_a_register(officer_client: FlaskClient, school: School, kind: str) -> None:
    MAKERS[kind](school)
    for query in (
        "?q=%00%01&school=%00",
        "?q=" + "a" * 5000,
        "?school=99999999999999999999",
        "?page=-1",
        "?page=99999999999999",
        "?sort=drop&dir=up&status=%27",
        "?q=*[]?%_",
        "?school=²²",
        "?school=١٢٣٤٥٦",
        "?page=²",
        "?page=٣",
    ):
        check_page(officer_client.get(URLS[kind] + query))
        assert officer_client.get(URLS[kind] + "/export.csv" + query).status_code == 200


@pytest.mark.parametrize("text", ["²²", "١٢٣٤٥٦"], ids=["superscript", "arabic"])
def test_a_school_search_in_other_digits_finds_nothing(officer_client: FlaskClient, school: School, text: str) -> None:
    make_ap(school)
    assert shown(officer_client, f"{URLS['ap_placement']}?school={text}") == []


@pytest.mark.parametrize("kind", list(URLS), ids=list(URLS))
def test_list_returns_runs_a_constant_number_of_queries(
    app: Flask, school: School, other_school: School, kind: str
) -> None:
    def queries_for(total: int) -> int:
        for number in range(total - len(list_returns(kind, ReturnFilters(), today=TODAY, calendar=None).rows)):
            MAKERS[kind]([school, other_school][number % 2], first=f"Kid{number}")
        with app.test_request_context(), count_queries() as counter:
            result = list_returns(kind, ReturnFilters(q="kid"), today=TODAY, calendar=None, page_size=200)
        assert result.total == total and len(result.rows) == total
        return counter.count

    assert queries_for(5) == queries_for(40) == 2  # the count, the page


@pytest.mark.parametrize("kind", list(URLS), ids=list(URLS))
def test_schools_and_the_public_cannot_see_the_registers(
    client: FlaskClient, school: School, school_user: User, kind: str
) -> None:
    record = MAKERS[kind](school)
    urls = [URLS[kind], URLS[kind] + "/export.csv", f"{URLS[kind]}/{record.id}"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"], url
    sign_in_as(client, school_user)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 403, url
        assert record.reference not in response.get_data(as_text=True)
    assert AuditEvent.select().where(AuditEvent.action.in_(["view", "export"])).count() == 0
