"""The case page: what it shows, every inline edit with and without htmx, version conflicts between two editors."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.clock import to_london
from portal.models import AuditEvent, Case, CaseEvent, ChildFlag, ChildLink, Enquiry, SafeguardingReferral, School, User
from portal.models.school_records import AbroadRecord
from portal.queries import linked_records
from portal.queries.linked_records import LinkedRecord
from portal.rules.abroad_removal import removal_conditions
from portal.rules.calendar import format_date
from portal.rules.deletion_grounds import DeletionGround
from portal.rules.register import CaseSource, RiskFlag
from portal.services import abroad
from portal.services.calendar import la_calendar, la_settings
from portal.services.users import create_user
from tests.conftest import PASSWORD, TODAY, sign_in_as
from tests.pages import check_fragment, check_page
from tests.services.school_helpers import abroad_answers, draft_for, seed_terms

HX = {"HX-Request": "true"}


def test_the_case_page_shows_the_child_the_case_and_audits_the_view(
    officer_client: FlaskClient, make_case: Any, officer: User, school: School, term_dates: None, monkeypatch: Any
) -> None:
    case = make_case(
        first_name="Amira",
        last_name="Khan",
        upn="H801200001001",
        flags={RiskFlag.SOCIAL_WORKER: "Jo Bloggs"},
        school=school,
        source=CaseSource.SCHOOL_LEAVER,
        last_day_in_education=date(2026, 11, 13),
    )
    Enquiry.create(
        case=case, party="school", kind="home_visit", done_on=date(2026, 11, 16), made_by="DSL", outcome="Nobody home"
    )
    twin = make_case(first_name="Amira", last_name="Khan", postcode="DT9 9ZZ")
    # The providers register on import: import them now, or they would register on the patched list and be lost.
    linked_records.linked_records(case)
    monkeypatch.setattr(
        linked_records,
        "_PROVIDERS",
        [lambda c: [LinkedRecord("School leaver", "SL-1", [("Ground", "Not known")])] if c.id == case.id else []],
    )
    response = officer_client.get(f"/officers/cases/{case.id}")
    page = check_page(response)
    assert page.h1 == ["Amira Khan"] and page.has_text(f"Case {case.reference}")
    for text in (
        "Of compulsory school age",
        "H801200001001",
        "High priority",
        "Has a social worker: Jo Bloggs",
        "Riverside Primary School (URN 990001)",
        "8 since the last day in education",  # 16 to 25 November, in school days
        "Leaver information due from the school",
        "Home visit",
        "Nobody home",
        "School leaver: SL-1",
        "Ground Not known",
        twin.reference,  # a possible duplicate: same name and date of birth
        "Case opened",
    ):
        assert page.has_text(text), text
    view = AuditEvent.get(AuditEvent.action == "view")
    assert (view.user_id, view.object_id, view.child_id) == (officer.id, str(case.id), case.child_id)


def test_an_unknown_case_is_not_found(officer_client: FlaskClient) -> None:
    for url in ("/officers/cases/999", "/officers/cases/999/status", "/officers/cases/1/sections/nothing"):
        check_page(officer_client.get(url), status=404)


# (url suffix, form data, what the read-only block then shows, the banner)
EDITS = [
    (
        "status",
        {"status": "more_information", "note": "Asked the school"},
        "More information needed",
        "Status changed to more information needed",
    ),
    ("risk", {"risk_level": "high", "flags": ["cp_plan", "eal"]}, "Child protection plan", "Risk and flags saved"),
    (
        "next-action",
        {"next_action": "Home visit", "next_action_date": ["1", "12", "2026"]},
        "Home visit, by 1 December 2026",
        "Next action saved",
    ),
    ("la-decision", {"decision": "refused", "note": "Still enquiring"}, "Refused by Officer", "Decision recorded"),
]


@pytest.mark.parametrize(("suffix", "data", "shows", "banner"), EDITS, ids=[edit[0] for edit in EDITS])
def test_inline_edit_without_javascript_is_an_edit_page_then_redirect(
    officer_client: FlaskClient, make_case: Any, suffix: str, data: dict[str, Any], shows: str, banner: str
) -> None:
    case = make_case()
    url = f"/officers/cases/{case.id}/{suffix}"
    page = check_page(officer_client.get(url))
    assert page.has_text("Back to the case") and re.search(r'<input[^>]*name="version"[^>]*value="1"', page.html)
    response = officer_client.post(url, data={**data, "version": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/officers/cases/{case.id}#section-{suffix.replace('-', '_')}")
    after = check_page(officer_client.get(response.headers["Location"]))
    assert after.has_text(shows) and after.has_text(banner)
    assert Case.get_by_id(case.id).version == 2
    assert AuditEvent.select().where(AuditEvent.action == "update", AuditEvent.object_id == str(case.id)).count() == 1


@pytest.mark.parametrize(("suffix", "data", "shows", "banner"), EDITS, ids=[edit[0] for edit in EDITS])
def test_inline_edit_with_htmx_swaps_the_form_then_the_saved_block(
    officer_client: FlaskClient, make_case: Any, suffix: str, data: dict[str, Any], shows: str, banner: str
) -> None:
    case = make_case()
    section = "section-" + suffix.replace("-", "_")
    url = f"/officers/cases/{case.id}/{suffix}"
    form = officer_client.get(url, headers=HX)
    part = check_fragment(form)
    assert "HX-Request" in form.headers["Vary"]
    assert f'id="{section}"' in part.html and f'hx-post="{url}"' in part.html and "<h1" not in part.html
    saved = officer_client.post(url, data={**data, "version": "1"}, headers=HX)
    assert saved.status_code == 200 and "HX-Request" in saved.headers["Vary"]
    block = check_fragment(saved)
    assert block.has_text(shows) and block.has_text(banner)
    assert 'id="section-timeline" class="app-case-section" hx-swap-oob="true"' in block.html, "the timeline refreshes"
    assert re.search(rf'id="{section}" class="app-case-section">', block.html), "the edited block is swapped in place"
    cancel = officer_client.get(f"/officers/cases/{case.id}/sections/{suffix.replace('-', '_')}", headers=HX)
    assert f'id="{section}"' in check_fragment(cancel).html


def test_the_deadlines_follow_an_inline_edit_of_the_next_action_and_the_closing(
    officer_client: FlaskClient, make_case: Any
) -> None:
    case = make_case(next_action="Call the school", next_action_date=date(2026, 11, 20))
    page = check_page(officer_client.get(f"/officers/cases/{case.id}"))
    assert re.search(r"Next action\s+20 November 2026", page.text)

    def deadlines(response: Any) -> str:
        html = check_fragment(response).html
        assert '<div id="section-deadlines" class="app-case-section" hx-swap-oob="true">' in html, "refreshed too"
        return html.split('id="section-deadlines"', 1)[1].split('id="section-', 1)[0]

    moved = officer_client.post(
        f"/officers/cases/{case.id}/next-action",
        data={"next_action": "Home visit", "next_action_date": ["1", "12", "2026"], "version": "1"},
        headers=HX,
    )
    assert "1 December 2026" in deadlines(moved) and "20 November 2026" not in deadlines(moved)
    closed = officer_client.post(
        f"/officers/cases/{case.id}/close", data={"reason": "not_csa", "version": "2"}, headers=HX
    )
    assert "1 December 2026" not in deadlines(closed), "a closed case has no next action to be late with"


def test_the_section_url_without_htmx_is_the_case_page(officer_client: FlaskClient, make_case: Any) -> None:
    case = make_case()
    response = officer_client.get(f"/officers/cases/{case.id}/sections/status")
    assert check_page(response).h1 == ["Amira Khan"] and "HX-Request" in response.headers["Vary"]


def test_assigning_inline(officer_client: FlaskClient, make_case: Any, officer: User) -> None:
    case = make_case()
    saved = officer_client.post(
        f"/officers/cases/{case.id}/officer", data={"officer": str(officer.id), "version": "1"}, headers=HX
    )
    assert check_fragment(saved).has_text("Case assigned to Officer")
    assert Case.get_by_id(case.id).assigned_to_id == officer.id
    bad = officer_client.post(
        f"/officers/cases/{case.id}/officer", data={"officer": "99999", "version": "2"}, headers=HX
    )
    assert bad.status_code == 422 and check_fragment(bad).has_text("Select an officer from the list")


def test_validation_errors_keep_the_input_both_ways(officer_client: FlaskClient, make_case: Any) -> None:
    case = make_case()
    url = f"/officers/cases/{case.id}/next-action"
    data = {"next_action": "Visit the family", "next_action_date": ["31", "2", "2026"], "version": "1"}
    fragment = officer_client.post(url, data=data, headers=HX)
    assert fragment.status_code == 422
    part = check_fragment(fragment)
    assert part.has_text("must be a real date") and 'value="Visit the family"' in part.html
    page = officer_client.post(url, data=data)
    assert page.status_code == 422
    full = check_page(page, status=422)
    assert full.title.startswith("Error: ") and full.error_summary and 'value="Visit the family"' in full.html
    past = officer_client.post(url, data={**data, "next_action_date": ["1", "1", "2026"]})
    assert check_page(past, status=422).has_text("must be today or in the future")
    assert Case.get_by_id(case.id).version == 1


def test_two_editors_a_stale_save_is_refused_and_the_input_kept(
    app: Flask, make_case: Any, officer: User, client: FlaskClient
) -> None:
    colleague = create_user("sam@example.gov.uk", role="officer", password=PASSWORD, name="Sam Colleague")
    case = make_case()
    first = sign_in_as(app.test_client(), officer)
    second = sign_in_as(app.test_client(), colleague)
    # Both open the status form at version 1.
    assert 'value="1"' in first.get(f"/officers/cases/{case.id}/status", headers=HX).get_data(as_text=True)
    assert 'value="1"' in second.get(f"/officers/cases/{case.id}/status", headers=HX).get_data(as_text=True)
    assert (
        second.post(f"/officers/cases/{case.id}/status", data={"status": "with_officer", "version": "1"}).status_code
        == 302
    )
    stale = first.post(
        f"/officers/cases/{case.id}/status",
        data={"status": "more_information", "note": "Waiting for the school", "version": "1"},
        headers=HX,
    )
    assert stale.status_code == 409
    part = check_fragment(stale)
    assert part.has_text("Sam Colleague changed this case at") and part.has_text("The status is now with cme officer")
    assert "Waiting for the school" in part.html and re.search(r'value="more_information"\s+checked', part.html)
    assert 'value="2"' in part.html, "the form now carries the current version, so saving again applies it"
    assert Case.get_by_id(case.id).status == "with_officer"
    again = first.post(
        f"/officers/cases/{case.id}/status",
        data={"status": "more_information", "note": "Waiting for the school", "version": "2"},
    )
    assert again.status_code == 302 and Case.get_by_id(case.id).status == "more_information"
    # Without JavaScript the conflict is a full page with an error summary.
    third = first.post(f"/officers/cases/{case.id}/status", data={"status": "received", "version": "1"})
    page = check_page(third, status=409)
    assert page.title.startswith("Error: ") and page.error_summary[0].startswith("Officer changed this case at")


def test_closing_inline_needs_the_reason_and_its_evidence_then_reopening(
    officer_client: FlaskClient, make_case: Any, school: School
) -> None:
    case = make_case()
    url = f"/officers/cases/{case.id}/close"
    form = check_fragment(officer_client.get(url, headers=HX))
    assert form.has_text("Why is the case being closed?") and form.has_text("Riverside Primary School")
    missing = officer_client.post(url, data={"reason": "on_roll", "version": "1"}, headers=HX)
    assert missing.status_code == 422 and check_fragment(missing).has_text("Select the school the child is on roll at")
    moved = officer_client.post(url, data={"reason": "moved_la", "other_la": "Birmingham", "version": "1"}, headers=HX)
    assert check_fragment(moved).has_text("Tell the other local authority")
    closed = officer_client.post(
        url, data={"reason": "on_roll", "school_id": str(school.id), "version": "1"}, headers=HX
    )
    block = check_fragment(closed)
    assert block.has_text("Case closed: on roll at a school") and block.has_text("On roll at Riverside Primary School")
    assert block.has_text("Reopen the case")
    assert officer_client.get(url).status_code == 302, "a closed case is not closed again"
    assert officer_client.get(f"/officers/cases/{case.id}/status").status_code == 302, "reopen instead"
    reopen = f"/officers/cases/{case.id}/reopen"
    refused = officer_client.post(reopen, data={"reason": "", "version": "2"})
    assert check_page(refused, status=422).has_text("Enter why the case is being reopened")
    assert officer_client.post(reopen, data={"reason": "Seen again", "version": "2"}).status_code == 302
    assert Case.get_by_id(case.id).status == "with_officer"


def test_recording_an_enquiry_beside_the_schools(officer_client: FlaskClient, make_case: Any, officer: User) -> None:
    case = make_case()
    Enquiry.create(case=case, party="school", kind="phone_calls", done_on=TODAY, made_by="DSL", outcome="No answer")
    url = f"/officers/cases/{case.id}/enquiries/new?kind=home_visit"
    form = check_fragment(officer_client.get(url, headers=HX))
    assert re.search(r'value="home_visit"\s+checked', form.html)
    saved = officer_client.post(
        url,
        data={"kind": "home_visit", "done_on": ["24", "11", "2026"], "outcome": "Family moved out", "made_by": ""},
        headers=HX,
    )
    block = check_fragment(saved)
    assert block.has_text("Enquiry recorded") and block.has_text("Family moved out") and block.has_text("No answer")
    enquiry = Enquiry.get(Enquiry.party == "la")
    assert (enquiry.kind, enquiry.made_by) == ("home_visit", officer.name)
    future = officer_client.post(url, data={"kind": "police", "done_on": ["1", "1", "2027"], "outcome": "x"})
    assert check_page(future, status=422).has_text("must be today or in the past")


def test_safeguarding_referral_recorded_and_acknowledged(officer_client: FlaskClient, make_case: Any) -> None:
    case = make_case()
    url = f"/officers/cases/{case.id}/safeguarding/new"
    assert (
        officer_client.post(
            url, data={"referred_on": ["24", "11", "2026"], "reference": "SC-77", "outcome": "pending"}
        ).status_code
        == 302
    )
    referral = SafeguardingReferral.get()
    page = check_page(officer_client.get(f"/officers/cases/{case.id}"))
    assert page.has_text("SC-77") and page.has_text("Not yet")
    update = f"/officers/cases/{case.id}/safeguarding/{referral.id}"
    saved = officer_client.post(
        update, data={"reference": "SC-77", "acknowledged_on": ["25", "11", "2026"], "outcome": "s47"}, headers=HX
    )
    assert check_fragment(saved).has_text("Child protection enquiries (section 47)")
    check_page(officer_client.get(f"/officers/cases/{case.id}/safeguarding/99999"), status=404)


def test_a_note_on_the_timeline(officer_client: FlaskClient, make_case: Any) -> None:
    case = make_case()
    url = f"/officers/cases/{case.id}/notes/new"
    saved = officer_client.post(url, data={"note": "Spoke to the DSL"}, headers=HX)
    assert check_fragment(saved).has_text("Spoke to the DSL")
    empty = officer_client.post(url, data={"note": "   "})
    assert check_page(empty, status=422).has_text("Enter a note")
    assert CaseEvent.select().where(CaseEvent.kind == "note").count() == 1
    assert Case.get_by_id(case.id).version == 1, "a note changes no field, so it never conflicts"


def test_linking_a_possible_duplicate_is_recorded_not_merged(officer_client: FlaskClient, make_case: Any) -> None:
    case = make_case()
    twin = make_case()
    url = f"/officers/cases/{case.id}/duplicates/{twin.child_id}"
    saved = officer_client.post(url, data={"same_child": "yes", "note": "Same UPN on the school's file"}, headers=HX)
    assert check_fragment(saved).has_text("Same child")
    link = ChildLink.get()
    assert link.same_child and {link.child_id, link.other_id} == {case.child_id, twin.child_id}
    assert Case.get_by_id(twin.id).status == "received", "nothing is closed or merged automatically"
    check_page(officer_client.get(f"/officers/cases/{case.id}/duplicates/99999"), status=404)


def test_the_la_decision_the_school_reads(officer_client: FlaskClient, make_case: Any, officer: User) -> None:
    case = make_case(source=CaseSource.ABROAD_ESCALATION)
    url = f"/officers/cases/{case.id}/la-decision"
    refused = officer_client.post(url, data={"decision": "agreed", "version": "1"})
    assert check_page(refused, status=422).has_text("joint enquiries")
    Enquiry.create(case=case, party="la", kind="s2s", done_on=TODAY, made_by="Officer", outcome="Not found")
    assert officer_client.post(url, data={"decision": "agreed", "version": "1"}).status_code == 302
    decided = Case.get_by_id(case.id)
    assert (decided.la_decision, decided.la_decision_by_id) == ("agreed", officer.id) and decided.la_decision_at


def test_the_schools_removal_on_ground_i_keeps_the_officers_decision(
    officer_client: FlaskClient, officer: User, school: School, school_user: User
) -> None:
    seed_terms()
    record = abroad.submit_abroad(
        draft_for(school, school_user, "abroad", abroad_answers()),
        actor=school_user,
        today=TODAY,
        calendar=la_calendar(),
        settings=la_settings(),
    )
    abroad.record_letter_2(record, TODAY, actor=school_user, today=TODAY)
    Enquiry.create(case=record.case, party="la", kind="s2s", done_on=TODAY, made_by="Officer", outcome="Not found")
    version = str(Case.get_by_id(record.case_id).version)
    saved = officer_client.post(
        f"/officers/cases/{record.case_id}/la-decision", data={"decision": "agreed", "version": version}
    )
    assert saved.status_code == 302
    record = AbroadRecord.get_by_id(record.id)
    abroad.record_removal(
        record,
        ground="I",
        confirmed=[condition.key for condition in removal_conditions(DeletionGround.CONTINUOUS_ABSENCE)],
        removal_date=date(2026, 12, 11),
        new_school_name="Lahore Grammar School",
        actor=school_user,
        today=date(2026, 12, 11),
        calendar=la_calendar(),
    )
    page = check_page(officer_client.get(f"/officers/cases/{record.case_id}"))
    assert page.has_text(f"Agreed by {officer.name}")
    decided_on = format_date(to_london(Case.get_by_id(record.case_id).la_decision_at))
    assert page.has_text(
        f"11 December 2026, ground I, relying on the LA's agreement recorded by {officer.name} on {decided_on}"
    )


def test_risk_flags_cannot_be_lowered_below_the_rules(officer_client: FlaskClient, make_case: Any) -> None:
    case = make_case()
    refused = officer_client.post(
        f"/officers/cases/{case.id}/risk", data={"risk_level": "standard", "flags": ["lac"], "version": "1"}
    )
    assert check_page(refused, status=422).has_text("Choose high")
    assert not ChildFlag.select().exists()


@pytest.mark.parametrize(
    "data",
    [
        {"status": "closed", "version": "1"},
        {"status": "with_officer", "version": "abc"},
        {"status": "with_officer"},
        {"status": "x" * 10_000, "version": "1"},
    ],
    ids=["closed is not a choice", "version not a number", "no version", "huge value"],
)
def test_bad_posts_are_errors_not_crashes(officer_client: FlaskClient, make_case: Any, data: dict[str, str]) -> None:
    case = make_case()
    response = officer_client.post(f"/officers/cases/{case.id}/status", data=data)
    check_page(response, status=422)
    assert Case.get_by_id(case.id).version == 1


def test_control_characters_are_dropped_not_stored(officer_client: FlaskClient, make_case: Any) -> None:
    case = make_case()
    response = officer_client.post(f"/officers/cases/{case.id}/notes/new", data={"note": "Visit\x00 done\nby LAO"})
    assert response.status_code == 302
    assert CaseEvent.get(CaseEvent.kind == "note").detail == "Visit done\nby LAO"


@pytest.mark.parametrize("flags", ["", "not-a-flag", ["cp_plan", ""]], ids=["blank", "unknown", "blank beside a flag"])
def test_a_bad_flag_is_an_error_not_a_crash(officer_client: FlaskClient, make_case: Any, flags: Any) -> None:
    case = make_case()
    response = officer_client.post(
        f"/officers/cases/{case.id}/risk", data={"version": "1", "risk_level": "high", "flags": flags}
    )
    assert response.status_code in (302, 422)
    if response.status_code == 422:
        check_page(response, status=422)
