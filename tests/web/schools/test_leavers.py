"""The leaver wizard, page by page, as a school without JavaScript uses it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient

from portal.models import Case, School
from portal.models.school_records import Leaver, SchoolDraft
from tests.conftest import TODAY
from tests.pages import check_page
from tests.services.school_helpers import leaver_answers
from tests.web.outage import answers_still_shown, send_while_database_fails
from tests.web.schools.conftest import Walker, date_parts, form_data, step_url

PUPIL = [
    ("pupil-name", {"first_name": "Ava", "last_name": "Stone"}),
    ("date-of-birth", date_parts("date_of_birth", date(2017, 5, 4))),
    ("sex", {"sex": "female"}),
    ("upn", {"upn": "h801200001001"}),
    ("year-group", {"year_group": "4"}),
    ("home-address", {"line_1": "1 High Street", "town": "Demo Town", "postcode": "w5 2hl"}),
    ("parent", {"name": "Mia Stone", "relationship": "Mother", "phone": "07700 900001"}),
    ("second-parent", {"has_second": "no"}),
    ("emergency-contact", {}),
    ("vulnerability", {"flags": "none"}),
]
MOVED_AWAY = [
    ("last-day", date_parts("last_attended", date(2026, 11, 20))),
    ("ground", {"ground": "G"}),
    ("conditions", {"confirmed": ["ceased_to_attend", "not_within_reasonable_distance", "not_boarder"]}),
    ("ground-details", {"journey_minutes": "60"}),
    ("deletion-date", date_parts("deletion_date", TODAY)),
]


def walk(walker: Walker, steps: list[tuple[str, Any]]) -> None:
    for slug, data in steps:
        walker.answer(slug, data)


def test_start_page(school_client: FlaskClient) -> None:
    page = check_page(school_client.get("/schools/leavers/new"))
    assert page.h1 == ["Record a leaver"] and page.has_text("Start now")


def test_leaver_with_unknown_destination_is_referred_as_cme(walker: Walker) -> None:
    walker.start("/schools/leavers/new")
    walk(walker, PUPIL + MOVED_AWAY)
    walk(
        walker,
        [
            ("destination", {"destination": "unknown"}),
            ("new-address", {"moved": "not_known"}),
            ("parent-contact", {"contact": "no"}),
            ("approval", {"approver_name": "Pat Head", "approver_role": "Headteacher"}),
        ],
    )
    assert walker.url.endswith("/check")
    page = check_page(walker.client.get(walker.url))
    assert page.h1 == ["Check your answers before submitting"]
    assert page.has_text("This pupil is missing education") and page.has_text("Visit the home")
    assert page.has_text("H801200001001"), "the UPN is shown normalised"
    response = walker.client.post(walker.url)
    assert response.status_code == 302
    leaver = Leaver.get()
    assert leaver.outcome == "refer_as_cme" and leaver.case.case_type == "cme"
    assert SchoolDraft.select().count() == 0
    page = check_page(walker.client.get(response.headers["Location"]))
    assert page.has_text(leaver.reference) and page.has_text(leaver.case.reference)
    assert page.has_text("This pupil is missing education")
    home = check_page(walker.client.get("/schools/"))
    assert home.has_text("Ava Stone") and home.has_text("Referred as missing education") and home.has_text("Received")
    record = check_page(walker.client.get(f"/schools/leavers/{leaver.id}"))
    assert record.has_text("Mia Stone") and record.has_text(leaver.case.reference)


def test_leaver_to_a_school_chosen_from_the_list_is_complete(walker: Walker, database: Any) -> None:
    for urn, name in ((990101, "Brookside Primary School"), (990111, "Brookfield Junior School")):
        School.create(urn=urn, name=name, la_code="999", la_name="Demo Borough")
    walker.start("/schools/leavers/new")
    walk(walker, PUPIL)
    walk(
        walker,
        [
            ("last-day", date_parts("last_attended", date(2026, 11, 20))),
            ("ground", {"ground": "A"}),
            (
                "conditions",
                {
                    "confirmed": [
                        "registered_at_other_school",
                        "no_sao_naming_school",
                        "not_mobile_child_main_school",
                        "not_dual_registered",
                    ]
                },
            ),
            ("deletion-date", date_parts("deletion_date", TODAY)),
            ("destination", {"destination": "uk_school"}),
        ],
    )
    walker.answer("new-school", {"school_known": "listed"})
    several = walker.client.post(walker.url, data={"query": "brook"})
    page = check_page(several)
    assert page.error_summary == ["Select the school"] and page.has_text("2 schools match: select one")
    walk(
        walker,
        [
            ("school-search", {"query": "brook", "urn": "990101"}),
            ("new-address", {"moved": "no"}),
            ("parent-contact", {"contact": "parent"}),
            ("admission", {"admitted": "yes"}),
            (
                "admission-details",
                [
                    *date_parts("admitted_on", date(2026, 11, 30)),
                    ("how_confirmed", "school_email"),
                    ("confirmed_by", "J Smith, office"),
                ],
            ),
            ("approval", {"approver_name": "Pat Head", "approver_role": "Headteacher"}),
        ],
    )
    page = check_page(walker.client.get(walker.url))
    assert page.has_text("The leaver information is complete") and page.has_text("Brookside Primary School")
    walker.client.post(walker.url)
    leaver = Leaver.get()
    assert leaver.outcome == "complete" and leaver.new_school.urn == 990101 and Case.select().count() == 0


def test_errors_keep_what_was_typed(school_client: FlaskClient, make_draft: Callable[..., Any]) -> None:
    draft = make_draft("leaver", {})
    response = school_client.post(step_url(draft, "pupil-name"), data={"first_name": "Zoë <b>", "last_name": ""})
    page = check_page(response)
    assert page.title.startswith("Error: ") and page.error_summary == ["Enter the pupil's last name"]
    assert 'value="Zoë &lt;b&gt;"' in page.html


def test_resuming_a_draft_from_the_home_page(walker: Walker) -> None:
    walker.start("/schools/leavers/new")
    walk(walker, PUPIL[:2])
    home = check_page(walker.client.get("/schools/"))
    assert home.has_text("Ava Stone") and home.has_text("Continue")
    draft = SchoolDraft.get()
    response = walker.client.get(f"/schools/drafts/{draft.id}")
    assert response.headers["Location"].endswith(f"/leavers/drafts/{draft.id}/sex")
    page = check_page(walker.client.get(step_url(draft, "pupil-name")))
    assert 'value="Ava"' in page.html, "a saved answer is shown again"


def test_a_change_link_comes_back_to_check_answers(school_client: FlaskClient, make_draft: Callable[..., Any]) -> None:
    draft = make_draft("leaver", leaver_answers("cme"))
    check = check_page(school_client.get(f"/schools/leavers/drafts/{draft.id}/check"))
    assert "/pupil-name?change=1" in check.html
    page = check_page(school_client.get(step_url(draft, "pupil-name") + "?change=1"))
    assert f"/leavers/drafts/{draft.id}/check" in page.html
    response = school_client.post(
        step_url(draft, "pupil-name") + "?change=1", data={"first_name": "Eve", "last_name": "Stone"}
    )
    assert response.headers["Location"].endswith(f"/leavers/drafts/{draft.id}/check")


def test_changing_the_destination_asks_the_new_questions(
    school_client: FlaskClient, make_draft: Callable[..., Any]
) -> None:
    draft = make_draft("leaver", leaver_answers("cme"))
    response = school_client.post(step_url(draft, "destination") + "?change=1", data={"destination": "uk_school"})
    assert response.headers["Location"].endswith("/new-school?change=1")


def test_an_answer_that_has_gone_stale_blocks_submission(
    school_client: FlaskClient, make_draft: Callable[..., Any]
) -> None:
    answers = leaver_answers("cme")
    answers["deletion-date"] = {"deletion_date": "2026-11-24"}  # saved yesterday, now in the past
    draft = make_draft("leaver", answers)
    page = check_page(school_client.get(f"/schools/leavers/drafts/{draft.id}/check"))
    assert page.error_summary and "retrospectively" in page.error_summary[0]
    assert not page.has_text("Submit leaver")
    response = school_client.post(f"/schools/leavers/drafts/{draft.id}/check")
    assert response.status_code == 200 and Leaver.select().count() == 0


def test_a_repeated_final_post_creates_no_duplicate(school_client: FlaskClient, make_draft: Callable[..., Any]) -> None:
    draft = make_draft("leaver", leaver_answers("complete"))
    first = school_client.post(f"/schools/leavers/drafts/{draft.id}/check")
    second = school_client.post(f"/schools/leavers/drafts/{draft.id}/check")
    assert first.headers["Location"] == second.headers["Location"]
    assert Leaver.select().count() == 1


@pytest.mark.parametrize(
    "failing",
    ["portal.services.leavers.submit_leaver", "portal.services.leavers.audit"],
    ids=["database fails before anything is written", "database fails after the draft is claimed"],
)
def test_a_submission_the_database_fails_keeps_the_draft(
    school_client: FlaskClient, make_draft: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    draft = make_draft("leaver", leaver_answers("cme"))
    check = f"/schools/leavers/drafts/{draft.id}/check"
    send_while_database_fails(monkeypatch, failing, lambda: school_client.post(check))
    assert Leaver.select().count() == 0 and Case.select().count() == 0

    page = answers_still_shown(school_client, check, ("Ava", "Stone", "1 High Street", "Mia Stone", "Pat Head"))
    assert page.has_text("Submit leaver and refer to the CME team"), "the draft can still be submitted"

    response = school_client.post(check)
    assert response.status_code == 302
    assert Leaver.select().count() == 1 and Case.select().count() == 1 and SchoolDraft.select().count() == 0
    leaver = Leaver.get()
    assert response.headers["Location"].endswith(f"/schools/leavers/{leaver.id}/confirmation")
    assert check_page(school_client.get(response.headers["Location"])).has_text(leaver.reference)


def test_deleting_a_draft(school_client: FlaskClient, make_draft: Callable[..., Any]) -> None:
    draft = make_draft("leaver", leaver_answers("cme"))
    page = check_page(school_client.get(f"/schools/leavers/drafts/{draft.id}/discard"))
    assert page.h1 == ["Are you sure you want to delete this draft?"]
    school_client.post(f"/schools/leavers/drafts/{draft.id}/discard")
    assert SchoolDraft.select().count() == 0


def test_information_due_then_added(school_client: FlaskClient, make_draft: Callable[..., Any]) -> None:
    draft = make_draft("leaver", leaver_answers("due"))
    school_client.post(f"/schools/leavers/drafts/{draft.id}/check")
    leaver = Leaver.get()
    home = check_page(school_client.get("/schools/"))
    assert home.has_text("Leaver information for Ava Stone") and home.has_text("due in 7 school days")
    page = check_page(school_client.get(f"/schools/leavers/{leaver.id}"))
    assert page.has_text("Add the missing information")
    response = school_client.post(f"/schools/leavers/{leaver.id}/information")
    update = SchoolDraft.get(SchoolDraft.journey == "leaver_info")
    assert response.headers["Location"].endswith(f"/leavers/information/{update.id}/new-school")
    check_page(school_client.get(response.headers["Location"]))
    for slug, data in [
        ("new-school", {"school_known": "other"}),
        ("school-details", {"other_name": "Leeds Primary", "other_address": "Leeds"}),
        ("new-address", {"moved": "no"}),
        ("parent-contact", {"contact": "parent"}),
        ("admission", {"admitted": "yes"}),
        (
            "admission-details",
            [
                *date_parts("admitted_on", date(2026, 11, 30)),
                ("how_confirmed", "la_admissions"),
                ("confirmed_by", "Leeds admissions"),
            ],
        ),
    ]:
        assert school_client.post(step_url(update, slug), data=form_data(data)).status_code == 302, slug
    page = check_page(school_client.get(f"/schools/leavers/information/{update.id}/check"))
    assert page.has_text("The leaver information is complete")
    school_client.post(f"/schools/leavers/information/{update.id}/check")
    assert Leaver.get_by_id(leaver.id).outcome == "complete"


def test_without_term_dates_a_leaver_is_taken_and_its_deadline_pending(school_client: FlaskClient) -> None:
    walker = Walker(school_client)  # no term dates: the LA has not published them
    walker.start("/schools/leavers/new")
    walk(walker, PUPIL + MOVED_AWAY)
    walk(
        walker,
        [
            ("destination", {"destination": "uk_school"}),
            ("new-school", {"school_known": "not_known"}),
            ("new-address", {"moved": "no"}),
            ("parent-contact", {"contact": "parent"}),
            ("approval", {"approver_name": "Pat Head", "approver_role": "Headteacher"}),
        ],
    )
    check = check_page(walker.client.get(walker.url))
    assert check.has_text("Leaver information due: date pending")
    assert check.has_text("the local authority has not published its term dates")
    response = walker.client.post(walker.url)
    assert response.status_code == 302 and response.headers["Location"].endswith("/confirmation")
    leaver = Leaver.get()
    assert leaver.outcome == "information_due" and leaver.information_due is None and leaver.case is None
    confirmation = check_page(walker.client.get(response.headers["Location"]))
    assert confirmation.has_text("The date is pending: the local authority has not published its term dates")
    home = check_page(walker.client.get("/schools/"))
    assert home.has_text("Leaver information for Ava Stone date pending: the local authority has not published")
    record = check_page(walker.client.get(f"/schools/leavers/{leaver.id}"))
    assert record.has_text("Information due by Pending: the local authority has not published its term dates")


def test_a_reception_child_below_compulsory_school_age_is_not_a_cme_case(walker: Walker) -> None:
    walker.start("/schools/leavers/new")
    reception = dict(PUPIL)
    reception["date-of-birth"] = date_parts("date_of_birth", date(2022, 1, 10))  # CSA from 31 March 2027
    reception["year-group"] = {"year_group": "0"}
    walk(walker, list(reception.items()))
    walk(
        walker,
        [
            ("last-day", date_parts("last_attended", date(2026, 11, 20))),
            ("ground", {"ground": "stopped_attending"}),
            ("deletion-date", date_parts("deletion_date", TODAY)),
            ("destination", {"destination": "unknown"}),
            ("new-address", {"moved": "not_known"}),
            ("parent-contact", {"contact": "no"}),
            ("approval", {"approver_name": "Pat Head", "approver_role": "Headteacher"}),
        ],
    )
    check = check_page(walker.client.get(walker.url))
    assert check.has_text("Not of compulsory school age: not a CME case")
    assert not check.has_text("This pupil is missing education")
    response = walker.client.post(walker.url)
    leaver = Leaver.get()
    assert leaver.outcome == "refer_not_csa"
    assert leaver.case.case_type == "not_csa", "the CME team hears of the child, not as a CME case"
    assert not Case.select().where(Case.case_type == "cme").exists()
    confirmation = check_page(walker.client.get(response.headers["Location"]))
    assert confirmation.has_text("Not of compulsory school age: not a CME case")
    assert not confirmation.has_text("This pupil is missing education")
    home = check_page(walker.client.get("/schools/"))
    assert home.has_text("Ava Stone") and home.has_text("Not of compulsory school age: not a CME case")
